"""The one row-based Qt item model: plain frozen rows, each with an ``id``, given by
``set_rows`` (views lose their selection) or ``update_rows`` (the same records keep it);
read-only. ``RowsModel`` is a table whose ``columns`` name their ``header``; a list model
mixes ``RowsMixin`` in before ``QAbstractListModel``. Each defines ``data``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
#: A row that can be selected, not edited.
READ_ONLY = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


@dataclass(frozen=True)
class Heading:
    """A column known by its header alone (the model's ``data`` draws it)."""

    header: str


class RowsMixin:
    """The rows of a Qt item model (see the module)."""

    _rows: list[Any]

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row (views lose their selection)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_rows(self, rows: Sequence[Any]) -> None:
        """New values for the same records in the same order keep the selection;
        anything else resets the model."""
        rows = list(rows)
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.set_rows(rows)
            return
        self._rows = rows
        if rows:
            self._changed(0, len(rows) - 1)

    def replace_row(self, row: Any) -> None:
        """Show the new values of a row already listed (matched by id)."""
        number = self.row_of(row.id)
        if number is not None:
            self._rows[number] = row
            self._changed(number, number)

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, 0))

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, number: int) -> Any | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def row_of(self, record_id: int | None) -> int | None:
        if record_id is None:
            return None
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags


class RowsModel(RowsMixin, QAbstractTableModel):
    """A table of rows, one column per entry of ``columns`` (each with a ``header``)."""

    columns: tuple[Any, ...] = ()
    #: The roles the column headers answer with their text.
    header_roles: tuple[Qt.ItemDataRole, ...] = (Qt.ItemDataRole.DisplayRole,)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows = []

    def _changed(self, first: int, last: int) -> None:
        last_column = max(len(self.columns) - 1, 0)
        self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role in self.header_roles
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None
