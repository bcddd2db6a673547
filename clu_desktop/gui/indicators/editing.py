"""How the indicators page saves and names its controls: the GUI kit's RecordsContext
(database, the shown meeting's undo stack, UserError shown) with ids that change when
undo deletes and redo adds a record again, a quiet save for fields typed letter by
letter (their errors show beside the field while typing, in a message box only when the
user leaves the field), and small helpers for labels and fields.

Only modules the main window has already loaded are used (not the Qualité page's), so
that the tab opens quickly the first time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from clu_desktop.errors import UserError
from clu_desktop.gui import colours, messages, undo
from clu_desktop.gui.agenda.texts import plain_tooltip
from clu_desktop.gui.common.editing import RecordsContext
from clu_desktop.gui.common.fields import select_data, set_plain_text, text_field
from clu_desktop.gui.common.layout import buddy, message_label, name

__all__ = [
    "INDICATOR",
    "IndicatorsContext",
    "TypedField",
    "buddy",
    "editable_combo",
    "error_label",
    "message_label",
    "name",
    "plain_tooltip",
    "same_text",
    "select_data",
    "set_plain_text",
    "text_field",
]

INDICATOR = "indicator"


def error_label(object_name: str) -> QLabel:
    """A dark red message beside a field, hidden until there is something to say."""
    label = message_label(object_name, "Erreur de saisie")
    colours.paint(label, colours.ERROR)
    label.hide()
    return label


def editable_combo(object_name: str, accessible: str, tip: str) -> QComboBox:
    """A combo box offering the values in use, in which any text may be typed."""
    combo = name(QComboBox(), object_name, accessible, tip)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setCompleter(None)
    return combo


class IndicatorsContext(RecordsContext):
    """The indicators (``gui/common/editing``): not per meeting, their edits go on the
    stack of the meeting shown; an indicator added again by redo may have a new id."""

    def save_quiet(
        self,
        text: str,
        apply: Callable[[object], object],
        old: object,
        new: object,
        merge_key: Hashable | None = None,
    ) -> str | None:
        """Save ``apply(new)`` (undo: ``apply(old)``); return the error, never show it."""
        self.pushing = True
        try:
            undo.record(self.stack, text, lambda: apply(new), lambda: apply(old), merge_key)
        except UserError as exc:
            return str(exc)
        finally:
            self.pushing = False
        self.saved.emit()
        return None


def same_text(shown: str, saved: str | None) -> bool:
    """Whether a field shows the saved text: the services trim what they store, so
    "Nouveau " being typed is "Nouveau" saved and must not be written back."""
    return shown.strip() == (saved or "").strip()


class TypedField:
    """A line edit saved on each keystroke. A refused text (a code already used, a
    target of 120 %…) is kept while the user types, the reason shown in ``error_label``;
    leaving the field with the text still refused shows the message and saves again
    the value the field had before the typing (one undo step with the typing)."""

    def __init__(
        self,
        edit: QLineEdit,
        error_label: QLabel,
        save: Callable[[str], str | None],
        saved_text: Callable[[], str],
        parent: QWidget,
    ) -> None:
        self.edit, self.error_label = edit, error_label
        self._save, self._saved_text, self._parent = save, saved_text, parent
        self.error: str | None = None
        self.original: str | None = None  # the saved text when the typing began
        edit.textEdited.connect(self._typed)
        edit.editingFinished.connect(self._finished)

    def _typed(self, text: str) -> None:
        if self.original is None:
            self.original = self._saved_text()
        self.error = self._save(text)
        self.error_label.setText(self.error or "")
        self.error_label.setVisible(self.error is not None)

    def _finished(self) -> None:
        error, self.error = self.error, None
        original, self.original = self.original, None
        if error is None:
            return
        self.error_label.hide()
        if original is not None and not same_text(original, self._saved_text()):
            self._save(original)
        self.show_saved()
        messages.show_error(self._parent, error)

    def show_saved(self) -> None:
        """Show the saved value (not while the user is correcting a refused text)."""
        if self.error is not None:
            return
        text = self._saved_text()
        if not same_text(self.edit.text(), text):
            self.edit.setText(text)
            self.edit.setCursorPosition(0)
        self.error_label.hide()

    def reset(self) -> None:
        """Another record is shown: forget a refused text."""
        self.error = self.original = None
        self.show_saved()
