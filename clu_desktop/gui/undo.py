"""Undo and redo for edits that are saved as they are made.

Every change reaches the database at once (there is no Save button). An edit is
therefore made first, through a service, and only then recorded on the meeting's undo
stack; undo and redo replay it through the same services. Consecutive keystrokes in one
field merge into a single step, as in any editor.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QComboBox, QWidget

from clu_desktop.errors import UserError
from clu_desktop.gui import messages

MERGING_ID = 1


class Edit(QUndoCommand):
    """A change already made when pushed: the first redo does nothing."""

    def __init__(
        self,
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self.merge_key = merge_key
        self._done = True

    def id(self) -> int:
        return MERGING_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Edit) or other.merge_key != self.merge_key:
            return False
        self._redo = other._redo  # keep the oldest undo, take the newest redo
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        _replay(self._redo)

    def undo(self) -> None:
        _replay(self._undo)


def _replay(step: Callable[[], object]) -> None:
    try:
        step()
    except UserError as exc:  # the record changed meanwhile: say so, keep running
        messages.show_error(None, str(exc))


def record(
    stack: QUndoStack | None,
    text: str,
    do: Callable[[], object],
    undo: Callable[[], object],
    merge_key: Hashable | None = None,
) -> object:
    """Make a change with ``do()``, then record it for undo; return what ``do`` returns.

    A UserError from ``do`` propagates (nothing was changed, nothing is recorded).
    ``undo`` is called with no argument; to undo an insertion, close over a holder that
    ``do``'s result fills in.
    """
    result = do()
    if stack is not None:
        stack.push(Edit(text, do, undo, merge_key))
    return result


def field_edit(
    stack: QUndoStack | None,
    text: str,
    apply: Callable[[object], object],
    old: object,
    new: object,
    merge_key: Hashable | None = None,
) -> None:
    """Set a value with ``apply(new)``; undo applies ``old`` again."""
    record(stack, text, lambda: apply(new), lambda: apply(old), merge_key)


def undo_key(event: QKeyEvent) -> str | None:
    """ "undo", "redo" or None for a key event (Ctrl+Y is redo on every platform)."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo):
        return "redo"
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Y and modifiers == Qt.KeyboardModifier.ControlModifier:
        return "redo"
    return None


def undo_actions(
    widget: QWidget,
    undo: Callable[[], object],
    redo: Callable[[], object],
    names: tuple[str, str] = ("undoAction", "redoAction"),
) -> None:
    """Ctrl+Z (``undo``) and Ctrl+Y or Ctrl+Shift+Z (``redo``) anywhere in ``widget``, as
    actions named ``names``."""
    for name, keys, slot in (
        (names[0], [QKeySequence.StandardKey.Undo], undo),
        (names[1], [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], redo),
    ):
        action = QAction(widget)
        action.setObjectName(name)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        widget.addAction(action)


class UndoKeys(QObject):
    """Event filter: Ctrl+Z / Ctrl+Y typed in a field undo and redo on the data's stack,
    never inside the field (whose own undo would bypass what is saved).

    A text field claims these keys for itself (ShortcutOverride); the filter claims them
    instead, then calls the stack on the key press, so that a window-wide Ctrl+Z shortcut
    never fires a second time. ``stack`` gives the stack of the moment (None: nothing).
    """

    def __init__(
        self, stack: Callable[[], QUndoStack | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._stack = stack

    def watch(self, *widgets: QWidget, children: bool = False) -> None:
        """Filter ``widgets`` (and, with ``children``, every widget inside them)."""
        for widget in widgets:
            found = [widget, *widget.findChildren(QWidget)] if children else [widget]
            for each in found:
                each.installEventFilter(self)
                if isinstance(each, QComboBox) and each.lineEdit() is not None:
                    each.lineEdit().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        which = undo_key(event)  # type: ignore[arg-type]
        if which is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # deliver it as a key press, handled below
            return True
        stack = self._stack()
        if stack is not None:
            stack.undo() if which == "undo" else stack.redo()
        return True
