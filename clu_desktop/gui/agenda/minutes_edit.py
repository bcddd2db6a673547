"""A plain text editor for the minutes of an item, helpful with bullet lists.

The text's rules: paragraphs are separated by a blank line, "- " starts a bullet and
"  - " (two spaces) a second-level bullet. On a bullet line, Tab makes it a
second-level bullet and Maj+Tab a first-level one; Entrée starts the next bullet, and
Entrée on an empty bullet ends the list. Elsewhere Tab moves to the next field.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

BULLET = re.compile(r"^(?P<indent>[ \t]*)- ")
SECOND_LEVEL = "  "

HELP_TEXT = (
    "Séparez les paragraphes par une ligne vide. Commencez une ligne par « - » pour une "
    "puce, par deux espaces et « - » pour une puce de second niveau. Sur une puce, Tab "
    "la décale d'un niveau, Maj+Tab la ramène, Entrée ajoute la puce suivante."
)


class MinutesTextEdit(QPlainTextEdit):
    """QPlainTextEdit without its own undo (Ctrl+Z goes to the meeting's stack)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def _line(self) -> tuple[QTextCursor, str]:
        cursor = self.textCursor()
        return cursor, cursor.block().text()

    def event(self, event: QEvent) -> bool:
        # Tab and Maj+Tab on a bullet change its level instead of moving the focus.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            plain = not mods & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
            if plain and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                shift = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
                if self._change_level(-1 if shift else 1):
                    return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and mods == Qt.KeyboardModifier.NoModifier and self._continue_bullet():
            return
        super().keyPressEvent(event)

    def _change_level(self, step: int) -> bool:
        cursor, text = self._line()
        match = BULLET.match(text)
        if match is None:
            return False
        indent = match.group("indent")
        level2 = bool(indent)
        if (step > 0) == level2:
            return True  # already there: keep the focus, change nothing
        edit = QTextCursor(cursor.block())
        edit.beginEditBlock()
        if step > 0:
            edit.insertText(SECOND_LEVEL)
        else:
            edit.movePosition(
                QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(indent)
            )
            edit.removeSelectedText()
        edit.endEditBlock()
        return True

    def _continue_bullet(self) -> bool:
        cursor, text = self._line()
        match = BULLET.match(text)
        if match is None or cursor.hasSelection():
            return False
        if text.strip() == "-":  # an empty bullet: back to the first level, or end the list
            if match.group("indent"):
                return self._change_level(-1)
            line = QTextCursor(cursor.block())
            line.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            line.removeSelectedText()
            return True
        cursor.insertText("\n" + match.group(0))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True
