"""Tying editors to fields saved as they are made: which signal means "the user changed
the value", which means "the user left the field", how to show a value silently, and
recording one field's edit on the undo stack."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from clu_desktop.errors import ConflictError, UserError
from clu_desktop.gui import messages, undo
from clu_desktop.gui.common.widgets import ChoiceCombo, DateEdit, TimeEdit


class _FocusOut(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Another window or a menu taking the focus for a while is not leaving the field.
        passing = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)
        if event.type() == QEvent.Type.FocusOut and event.reason() not in passing:
            self._callback()
        return False


def is_typed(widget: QWidget) -> bool:
    """Whether edits of ``widget`` come keystroke by keystroke (and merge for undo)."""
    if isinstance(widget, ChoiceCombo):
        return False
    return isinstance(widget, QLineEdit | QPlainTextEdit | QComboBox | DateEdit | TimeEdit)


def connect_editor(
    widget: QWidget, edit: Callable[[Any], None], finish: Callable[[], None]
) -> None:
    """Call ``edit(value)`` when the user changes the value, ``finish()`` when they leave
    a typed field."""
    if isinstance(widget, QLineEdit):
        widget.textEdited.connect(edit)
        widget.editingFinished.connect(finish)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(lambda: edit(widget.toPlainText()))
        _FocusOut(widget, finish)
    elif isinstance(widget, ChoiceCombo):
        widget.chosen.connect(edit)
    elif isinstance(widget, QComboBox):
        widget.currentTextChanged.connect(edit)
        widget.lineEdit().editingFinished.connect(finish)
    elif isinstance(widget, DateEdit):
        widget.dateChanged.connect(lambda _date: edit(widget.value()))
        widget.editingFinished.connect(finish)
    elif isinstance(widget, TimeEdit):
        widget.timeChanged.connect(lambda _time: edit(widget.value()))
        widget.editingFinished.connect(finish)
    else:
        raise TypeError(f"no editing signal known for {type(widget).__name__}")


def set_value(widget: QWidget, value: Any) -> None:
    """Show ``value`` (the caller blocks signals); text already shown is left alone, so
    that the cursor stays where it is."""
    if isinstance(widget, QLineEdit):
        if widget.text() != (value or ""):
            widget.setText(value or "")
    elif isinstance(widget, QPlainTextEdit):
        if widget.toPlainText() != (value or ""):
            widget.setPlainText(value or "")
    elif isinstance(widget, ChoiceCombo):
        widget.set_current_id(value)
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(widget.findText(value or "", Qt.MatchFlag.MatchExactly))
        widget.setEditText(value or "")
    elif isinstance(widget, DateEdit | TimeEdit):
        widget.set_value(value)


@contextmanager
def signals_blocked(widgets: Iterable[QWidget]) -> Iterator[None]:
    """Fill editors without their signals: showing a value is not an edit."""
    widgets = list(widgets)
    for widget in widgets:
        widget.blockSignals(True)
    try:
        yield
    finally:
        for widget in widgets:
            widget.blockSignals(False)


def record_field(
    form: Any,
    stack: QUndoStack | None,
    text: str,
    do: Callable[[], object],
    undo_step: Callable[[], object],
    merge_key: Hashable | None,
    field: str,
) -> bool:
    """Record the edit of ``field`` of ``form`` on ``stack`` (``form._pushing`` meanwhile);
    True when saved. A change made meanwhile on another workstation is told and the form
    read again (``form.reload()``); a refusal goes to ``form._refuse(field, message)``."""
    form._pushing = True
    try:
        undo.record(stack, text, do, undo_step, merge_key)
    except ConflictError as exc:  # saved meanwhile on another workstation
        messages.show_error(form, str(exc))
        form.reload()
        return False
    except UserError as exc:
        form._refuse(field, str(exc))
        return False
    finally:
        form._pushing = False
    return True
