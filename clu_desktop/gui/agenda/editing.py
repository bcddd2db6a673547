"""What the agenda page's panels share: the database, the meeting's undo stack, saving an
edit through ``gui/undo.py``, and Ctrl+Z / Ctrl+Y reaching that stack from any editor."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from clu_desktop.errors import UserError
from clu_desktop.gui import messages, undo
from clu_desktop.store.database import Database


class EditContext(QObject):
    """The meeting being edited, and how its panels read and save."""

    #: After an edit this page made and saved (not after undo or redo).
    saved = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting_id: int | None = None
        self.stack: QUndoStack | None = None
        self.pushing = False  # the stack changes because of our own edit

    def read(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.db.reading() as session:
            return service(session, *args, **kwargs)

    def write(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.db.transaction() as session:
            return service(session, *args, **kwargs)

    def record(
        self,
        text: str,
        do: Callable[[], object],
        undo_step: Callable[[], object],
        merge_key: Hashable | None = None,
        widget: QWidget | None = None,
    ) -> tuple[bool, object]:
        """Make and record an edit; show a UserError and return (False, None)."""
        self.pushing = True
        try:
            result = undo.record(self.stack, text, do, undo_step, merge_key)
        except UserError as exc:
            messages.show_error(widget, str(exc))
            return False, None
        finally:
            self.pushing = False
        self.saved.emit()
        return True, result

    def field(
        self,
        text: str,
        apply: Callable[[object], object],
        old: object,
        new: object,
        merge_key: Hashable | None = None,
        widget: QWidget | None = None,
    ) -> bool:
        """Save one value (``apply(new)``); undo applies ``old``."""
        ok, _ = self.record(text, lambda: apply(new), lambda: apply(old), merge_key, widget)
        return ok


def is_undo_key(event: QKeyEvent) -> str | None:
    """ "undo", "redo" or None for a key event."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo):
        return "redo"
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Y and mods == Qt.KeyboardModifier.ControlModifier:
        return "redo"
    return None


class UndoKeys(QObject):
    """Event filter: Ctrl+Z / Ctrl+Y (and the platform's redo key) typed in a text field
    undo and redo on the meeting's stack, not inside the field.

    A text widget claims these keys (ShortcutOverride) for its own undo; the filter
    claims them instead and, on the key press, calls the stack. A window-wide Ctrl+Z
    shortcut therefore never fires twice.
    """

    def __init__(self, context: EditContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context

    def watch(self, root: QWidget) -> None:
        """Filter ``root`` and every widget inside it."""
        for widget in [root, *root.findChildren(QWidget)]:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        which = is_undo_key(event)  # type: ignore[arg-type]
        if which is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # deliver it as a key press, here
            return True
        stack = self._context.stack
        if stack is not None:
            if which == "undo":
                stack.undo()
            else:
                stack.redo()
        return True


def name(widget: QWidget, object_name: str, accessible_name: str, tip: str | None = None):
    """Give a control its objectName, French accessible name and, optionally, tooltip."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    if tip:
        widget.setToolTip(tip)
    return widget
