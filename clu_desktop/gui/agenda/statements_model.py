"""The statements of an item as a Qt list model: speakers and kind, then the text."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, Qt

from clu_desktop.gui.agenda.texts import plain_tooltip, preview
from clu_desktop.gui.common.rows_model import AnyIndex, RowsMixin
from clu_desktop.services.agenda.statements import StatementRow

STATEMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PERSON_ROLE = Qt.ItemDataRole.UserRole + 2


class StatementsModel(RowsMixin, QAbstractListModel):
    """One row per statement: its speakers and kind, then the start of its text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[StatementRow] = []

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == STATEMENT_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            who = row.speakers_label or "Intervenant à choisir"
            return f"{who} — {row.kind_label}\n{preview(row.text) or '(texte à écrire)'}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(row.text)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.speakers_label or 'Sans intervenant'}, {row.kind_label} : {row.text}"
        return None
