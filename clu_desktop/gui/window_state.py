"""What the window remembers between two runs: size, splitters, last meeting and tab."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


class WindowState:
    def __init__(self, key: str) -> None:
        self._settings = QSettings()
        self._key = key

    def _name(self, item: str) -> str:
        return f"{self._key}/{item}"

    def restore_window(self, window: QMainWindow) -> bool:
        geometry = self._settings.value(self._name("geometry"))
        if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
            state = self._settings.value(self._name("state"))
            if isinstance(state, QByteArray):
                window.restoreState(state)
            return True
        return False

    def save_window(self, window: QMainWindow) -> None:
        self._settings.setValue(self._name("geometry"), window.saveGeometry())
        self._settings.setValue(self._name("state"), window.saveState())

    def restore_splitters(self, *splitters: QSplitter) -> list[QSplitter]:
        """Give ``splitters`` their remembered sizes; returns those that had some."""
        restored = []
        for splitter in splitters:
            state = self._settings.value(self._name(f"splitter/{splitter.objectName()}"))
            if isinstance(state, QByteArray) and splitter.restoreState(state):
                restored.append(splitter)
        return restored

    def save_splitters(self, *splitters: QSplitter) -> None:
        for splitter in splitters:
            name = self._name(f"splitter/{splitter.objectName()}")
            self._settings.setValue(name, splitter.saveState())

    def value(self, item: str, kind: type = int):
        raw = self._settings.value(self._name(item))
        try:
            return None if raw is None else kind(raw)
        except (TypeError, ValueError):
            return None

    def set_value(self, item: str, value) -> None:
        self._settings.setValue(self._name(item), value)

    def sync(self) -> None:
        self._settings.sync()
