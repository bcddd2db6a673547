"""The one two-level Qt item model: titled groups (top level) and their rows, each row
with an ``id``; read-only. A group's index has internal id 0; a row's, its group's
number + 1. The meeting navigator (committees and meetings) and the indicators'
catalogue (categories and indicators) derive from it; each defines ``columnCount``,
``data``, ``flags`` and ``headerData``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from clu_desktop.gui.common.rows_model import AnyIndex


class GroupsModel(QAbstractItemModel):
    """Groups of rows (see the module)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[Any]]] = []

    def set_groups(self, groups: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Replace everything with ``groups`` (title, rows), in their order."""
        self.beginResetModel()
        self._groups = [(title, list(rows)) for title, rows in groups]
        self.endResetModel()

    def row_count(self) -> int:
        """How many rows the groups hold."""
        return sum(len(rows) for _, rows in self._groups)

    def titles(self) -> list[str]:
        return [title for title, _ in self._groups]

    def group_at(self, index: AnyIndex) -> tuple[str, list[Any]] | None:
        """The group of a group's index (None for a row's)."""
        if not index.isValid() or index.internalId() != 0:
            return None
        return self._groups[index.row()] if 0 <= index.row() < len(self._groups) else None

    def title_of(self, index: AnyIndex) -> str | None:
        """The title of a group's index, or of a row's group."""
        if not index.isValid():
            return None
        group = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._groups[group][0] if 0 <= group < len(self._groups) else None

    def row_at(self, index: AnyIndex) -> Any | None:
        """The row of a row's index (None for a group's)."""
        if not index.isValid() or index.internalId() == 0:
            return None
        group = index.internalId() - 1
        if not 0 <= group < len(self._groups):
            return None
        rows = self._groups[group][1]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def index_of(self, record_id: int | None) -> QModelIndex:
        """The index of the row of ``record_id`` (invalid when none)."""
        for group, (_, rows) in enumerate(self._groups):
            for number, row in enumerate(rows):
                if row.id == record_id:
                    return self.createIndex(number, 0, group + 1)
        return QModelIndex()

    def row_index(self, group: int, number: int) -> QModelIndex:
        """The index of row ``number`` of group ``group``."""
        return self.createIndex(number, 0, group + 1)

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1]) if parent.row() < len(self._groups) else 0
        return 0
