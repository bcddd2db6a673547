"""What the directory's tabs share: reading and writing through services, recording
each change on the window's undo stack, and forms whose fields save as they are typed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from clu_desktop.errors import ConflictError, UserError
from clu_desktop.gui import messages, undo
from clu_desktop.gui.common.layout import name, split
from clu_desktop.gui.conflicts import RecordKind, conflict_text
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.store.database import Database

#: The property marking a combo box whose value is its text (see ``combo_text``).
TEXT_COMBO = "savesText"


class DirectoryContext(QObject):
    """The database and the undo stack of one directory window."""

    saved = Signal()

    def __init__(self, db: Database, stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.stack = stack
        self.recording = False  # True while our own change is pushed on the stack

    def read(self, service: Callable, *args, **kwargs):
        with self.db.reading() as session:
            return service(session, *args, **kwargs)

    def write(self, service: Callable, *args, **kwargs):
        try:
            with self.db.transaction() as session:
                return service(session, *args, **kwargs)
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise UserError(f"La base de données a refusé la modification\u00a0: {reason}") from exc

    def record(
        self,
        text: str,
        do: Callable[[], object],
        undo_: Callable[[], object],
        merge_key: Hashable | None = None,
    ):
        """Make a change and record it; a UserError propagates (nothing changed)."""
        self.recording = True
        try:
            result = undo.record(self.stack, text, do, undo_, merge_key)
        finally:
            self.recording = False
        self.saved.emit()
        return result

    def attempt(
        self, parent: QWidget, text: str, do: Callable[[], object], undo_: Callable[[], object]
    ) -> tuple[bool, object]:
        """Like :meth:`record`, showing a refusal to the user; returns (done, result)."""
        try:
            return True, self.record(text, do, undo_)
        except UserError as exc:
            messages.show_error(parent, str(exc))
            return False, None


class ShownRecord:
    """The record a form shows, at the version it shows (the shared mode).

    :meth:`apply` saves one field with ``save(session, id, field, value, seen_version)``
    (which returns a ``SavedValue``), passing the version shown and moving it on after
    each save, so that one's own saves never conflict. A record changed meanwhile on
    another workstation raises a ConflictError saying what changed there (``labels``:
    field → French name; ``shown_as`` as in ``changed_fields``).
    """

    def __init__(
        self,
        ctx: DirectoryContext,
        save: Callable[..., Any],
        read: Callable[..., Any],
        what: str,
        labels: Mapping[str, str],
        shown_as: Mapping[str, Any] | None = None,
    ) -> None:
        self._ctx, self._save, self._read = ctx, save, read
        self._what, self._labels, self._shown_as = what, labels, shown_as
        self.shown: Any = None  # a frozen dataclass with ``id`` and ``version``

    def apply(self, record_id: int, field: str, value: object) -> object:
        shown = self.shown if self.shown is not None and self.shown.id == record_id else None
        seen = shown.version if shown is not None else None
        try:
            saved = self._ctx.write(self._save, record_id, field, value, seen)
        except ConflictError:
            raise ConflictError(self._conflict_text(shown, record_id, field, value)) from None
        if shown is not None and self.shown is shown:
            changes = {field: saved.value, "version": saved.version}
            self.shown = dataclasses.replace(shown, **changes)
        return saved.value

    def _conflict_text(self, shown: Any, record_id: int, field: str, typed: object) -> str:
        kind = RecordKind(self._what, self._labels, self._read, self._shown_as or {}, "la fiche")
        return conflict_text(self._ctx.read, kind, shown, record_id, field, typed)


def value_label(object_name: str, accessible_name: str) -> QLabel:
    """A read-only label showing user text (never interpreted as markup)."""
    label = QLabel()
    name(label, object_name, accessible_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


class FieldBinder(QObject):
    """Saves the fields of a form on each keystroke or choice, through ``apply``.

    ``apply(record_id, field, value)`` writes with a service and returns the stored value.
    Typing merges into one undo step per field; a refused value is reported in
    ``status`` while typing, then, when the field is left, in a message and the field
    goes back to its saved value.
    """

    saved = Signal(int, str)  # record id, field
    #: A save was refused: the record was changed on another workstation (its id).
    conflicted = Signal(int)

    def __init__(
        self,
        ctx: DirectoryContext,
        kind: str,
        apply: Callable[[int, str, object], object],
        status: QLabel,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._ctx, self._kind, self._apply, self._status = ctx, kind, apply, status
        self._parent = parent
        self._filter = UndoKeys(lambda: ctx.stack, self)
        self._widgets: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {}
        self._values: dict[str, object] = {}
        self._errors: dict[str, str] = {}
        self._loading = False
        self.record_id: int | None = None

    # Binding

    def _add(self, field: str, widget: QWidget, undo_text: str) -> None:
        self._widgets[field] = widget
        self._labels[field] = undo_text
        widget.installEventFilter(self._filter)

    def line(self, edit: QLineEdit, field: str, undo_text: str) -> None:
        self._add(field, edit, undo_text)
        edit.textEdited.connect(lambda text: self._typed(field, text))
        edit.editingFinished.connect(lambda: self._left(field))

    def line_when_left(self, edit: QLineEdit, field: str, undo_text: str) -> None:
        """A short rule (a quorum): saved when left or on Entrée, whose beginning typed
        alone would mean something else ("1" of "1/2"); refused, it goes back to the
        value saved before the typing."""
        self._add(field, edit, undo_text)
        edit.editingFinished.connect(lambda: self._finished(field, edit.text()))

    def plain(self, edit: QPlainTextEdit, field: str, undo_text: str) -> None:
        self._add(field, edit, undo_text)
        edit.textChanged.connect(lambda: self._typed(field, edit.toPlainText()))

    def combo_text(self, combo: QComboBox, field: str, undo_text: str) -> None:
        """A text typed or chosen (a civility); an editable combo of records, searched
        as every picker, saves its data (:meth:`combo_data`)."""
        self._add(field, combo, undo_text)
        combo.setProperty(TEXT_COMBO, True)
        combo.lineEdit().installEventFilter(self._filter)
        combo.editTextChanged.connect(lambda text: self._typed(field, text))
        combo.lineEdit().editingFinished.connect(lambda: self._left(field))

    def combo_data(self, combo: QComboBox, field: str, undo_text: str) -> None:
        self._add(field, combo, undo_text)
        combo.currentIndexChanged.connect(lambda i: self._chosen(field, combo.itemData(i)))

    def check(self, box: QCheckBox, field: str, undo_text: str) -> None:
        self._add(field, box, undo_text)
        box.toggled.connect(lambda on: self._chosen(field, on))

    def spin(self, box: QSpinBox, field: str, undo_text: str) -> None:
        """A number; with keyboard tracking off, it is saved when left, on Entrée or with
        the arrows (one undo step for consecutive changes)."""
        self._add(field, box, undo_text)
        box.setKeyboardTracking(False)
        box.valueChanged.connect(lambda value: self._spun(field, value))

    # Loading

    def load(self, record_id: int | None, values: dict[str, object]) -> None:
        """Show a record's saved values (None: an empty, disabled form)."""
        self._loading = True
        try:
            self.record_id = record_id
            self._values = dict(values)
            self._errors.clear()
            for field, widget in self._widgets.items():
                self._show(widget, values.get(field))
                widget.setEnabled(record_id is not None)
        finally:
            self._loading = False
        self._show_status()

    @staticmethod
    def _show(widget: QWidget, value: object) -> None:
        if isinstance(widget, QLineEdit):
            if widget.text() != (value or ""):
                widget.setText(str(value or ""))
                widget.setCursorPosition(0)  # show a long value from its beginning
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != (value or ""):
                widget.setPlainText(str(value or ""))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value or 0))  # type: ignore[call-overload]
        elif isinstance(widget, QComboBox) and widget.property(TEXT_COMBO):
            widget.setEditText(str(value or ""))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            widget.setCurrentIndex(index if index >= 0 else 0)

    # Saving

    def _typed(self, field: str, text: str) -> None:
        if self._loading or self.record_id is None:
            return
        if text.strip() == str(self._values.get(field) or "").strip():
            self._errors.pop(field, None)  # only spaces differ: nothing to save
            self._show_status()
            return
        self._save(field, text, merge=True)

    def _chosen(self, field: str, value: object) -> None:
        if self._loading or self.record_id is None or value == self._values.get(field):
            return
        self._save(field, value, merge=False)
        if field in self._errors:  # a choice refused: show it at once, go back
            messages.show_error(self._parent, self._errors.pop(field))
            self._revert(field)

    def _finished(self, field: str, text: str) -> None:
        if self._loading or self.record_id is None:
            return
        if text.strip() == str(self._values.get(field) or "").strip():
            return
        self._save(field, text, merge=False)
        if field in self._errors:  # refused: say why, go back
            messages.show_error(self._parent, self._errors.pop(field))
            self._revert(field)
        else:
            self._revert(field)  # show it as saved ("1 / 2" is "1/2")

    def _spun(self, field: str, value: int) -> None:
        if self._loading or self.record_id is None or value == (self._values.get(field) or 0):
            return
        self._save(field, value, merge=True)
        if field in self._errors:  # a number refused: show it at once, go back
            messages.show_error(self._parent, self._errors.pop(field))
            self._revert(field)

    def _save(self, field: str, value: object, *, merge: bool) -> None:
        record_id, old = self.record_id, self._values.get(field)
        assert record_id is not None
        apply = self._apply
        try:
            stored = self._ctx.record(
                self._labels[field],
                lambda: apply(record_id, field, value),
                lambda: apply(record_id, field, old),
                (self._kind, record_id, field) if merge else None,
            )
        except ConflictError as exc:  # said at once; the record is then shown again
            self._errors.pop(field, None)
            self._show_status()
            messages.show_error(self._parent, str(exc))
            self.conflicted.emit(record_id)
            return
        except UserError as exc:
            self._errors[field] = str(exc)
        else:
            self._errors.pop(field, None)
            self._values[field] = stored
            self.saved.emit(record_id, field)
        self._show_status()

    def _left(self, field: str) -> None:
        if self._loading or field not in self._errors:
            return
        messages.show_error(self._parent, self._errors.pop(field))
        self._revert(field)

    def _revert(self, field: str) -> None:
        self._loading = True
        try:
            self._show(self._widgets[field], self._values.get(field))
        finally:
            self._loading = False
        self._show_status()

    def _show_status(self) -> None:
        text = "\n".join(self._errors.values())
        self._status.setText(text)
        self._status.setVisible(bool(text))

    def value(self, field: str) -> object:
        return self._values.get(field)


def table_beside_form(
    owner: QWidget,
    table: QWidget,
    buttons: list[QWidget],
    form: QWidget,
    form_name: tuple[str, str],
    sizes: tuple[int, int],
) -> QSplitter:
    """Lay out a tab of the directory: the table with its buttons under it on the left,
    the record's form (scrolling) on the right. ``form_name`` is the scroll area's
    objectName and French accessible name."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(table)
    left_layout.addLayout(row)
    scroll = name(QScrollArea(), *form_name)
    scroll.setWidget(form)
    scroll.setWidgetResizable(True)
    splitter = split("", left, scroll, (3, 2), Qt.Orientation.Horizontal)
    splitter.setSizes(list(sizes))
    QVBoxLayout(owner).addWidget(splitter)
    return splitter
