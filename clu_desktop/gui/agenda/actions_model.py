"""The actions of an item as a Qt table model: text, owner, due date, state."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clu_desktop.domain import ActionStatus
from clu_desktop.gui.agenda.texts import plain_tooltip, preview
from clu_desktop.services.agenda_actions import ActionRow

HEADERS = ("Action", "Responsable", "Échéance", "Statut")
AnyIndex = QModelIndex | QPersistentModelIndex


class ActionsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ActionRow] = []

    def set_rows(self, rows: list[ActionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, action_id: int | None) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == action_id), None)

    def action_at(self, row: int) -> ActionRow:
        return self._rows[row]

    def replace_row(self, row: ActionRow) -> None:
        number = self.row_of(row.id)
        if number is not None:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(HEADERS) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return plain_tooltip(row.text)
        return None

    @staticmethod
    def _text(row: ActionRow, column: int) -> str:
        if column == 0:
            return preview(row.text) or "(action à décrire)"
        if column == 1:
            return row.owner_label
        if column == 2:
            return row.due_date.strftime("%d/%m/%Y") if row.due_date else ""
        if row.status is ActionStatus.DONE and row.done_date:
            return f"Fait le {row.done_date:%d/%m/%Y}"
        return row.status_label

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
