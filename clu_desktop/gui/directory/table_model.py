"""A read-only Qt table model over plain frozen rows, each having an ``id``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt

from clu_desktop.gui.common.rows_model import AnyIndex, RowsModel

#: Role giving a row's record id (an int), whatever the column.
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[object], str | None]
    right_aligned: bool = False


class RowTableModel(RowsModel):
    """Rows given by :meth:`set_rows`, shown through the class's ``COLUMNS``."""

    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.columns = self.COLUMNS

    def cell_text(self, position: int, column: int) -> str | None:
        return self.COLUMNS[column].text(self._rows[position])

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
