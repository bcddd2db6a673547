"""The status bar's permanent line saying where the data is: never hidden by a passing
message, elided in the middle when the window is too narrow, whole in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

PREFIX = "Données\u00a0: "
MINIMUM_WIDTH = 120


class LocationLabel(QLabel):
    """Shows ``Données : <where>``; as wide as the text up to half the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setObjectName("dataLocation")
        self.setAccessibleName("Emplacement des données")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_location(self, description: str) -> None:
        from PySide6.QtCore import Qt  # not at import: the frame shows without it

        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = f"{PREFIX}{description}"
        self.setToolTip(description)
        self.setAccessibleDescription(description)
        self.updateGeometry()
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if not self._full:
            return hint
        wanted = self.fontMetrics().horizontalAdvance(self._full) + 8
        window = self.window()
        limit = max(MINIMUM_WIDTH, window.width() // 2) if window is not self else wanted
        return QSize(min(wanted, limit), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(MINIMUM_WIDTH if self._full else 0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        if not self._full:
            return
        from PySide6.QtCore import Qt

        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideMiddle, max(self.contentsRect().width(), 1)
        )
        if shown != self.text():
            self.setText(shown)
