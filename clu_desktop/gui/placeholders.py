"""Pages whose content comes with later work: a clear French empty state until then."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def _message_label(text: str, object_name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMargin(24)
    return label


class EmptyPage(QWidget):
    """A page that says what it will hold and where that is done today."""

    def __init__(self, object_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.message = _message_label(text, f"{object_name}Message")
        self.message.setAccessibleName("Information")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        """Nothing to show yet, whatever the meeting."""
