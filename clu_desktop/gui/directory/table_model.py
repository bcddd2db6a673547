"""A read-only Qt table model over plain frozen rows, each having an ``id``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

#: Role giving a row's record id (an int), whatever the column.
ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[object], str | None]
    right_aligned: bool = False


class RowTableModel(QAbstractTableModel):
    """Rows given by :meth:`set_rows`, shown through the class's ``COLUMNS``."""

    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    # Rows

    def set_rows(self, rows: list) -> None:
        """Replace every row (views lose their selection)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def replace_row(self, row) -> None:
        """Show the new values of a row already listed (matched by id)."""
        position = self.row_of(row.id)
        if position is None:
            return
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.COLUMNS) - 1))

    def row_at(self, position: int):
        return self._rows[position]

    def row_of(self, record_id: int | None) -> int | None:
        for position, row in enumerate(self._rows):
            if row.id == record_id:
                return position
        return None

    def rows(self) -> list:
        return list(self._rows)

    def cell_text(self, position: int, column: int) -> str | None:
        return self.COLUMNS[column].text(self._rows[position])

    # QAbstractTableModel

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell_text(index.row(), index.column()) or ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section].header
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
