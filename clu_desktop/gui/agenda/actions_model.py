"""The actions of an item as a Qt table model: text, owner, due date, state."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clu_desktop.domain import ActionStatus
from clu_desktop.gui.agenda.texts import plain_tooltip, preview
from clu_desktop.gui.common.rows_model import AnyIndex, Heading, RowsModel
from clu_desktop.services.agenda.actions import ActionRow

HEADERS = ("Action", "Responsable", "Échéance", "Statut")


class ActionsModel(RowsModel):
    columns = tuple(Heading(header) for header in HEADERS)

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
