"""The invited people of a meeting as a Qt table model, fed with AttendanceRow lists."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clu_desktop.domain import AttendanceStatus
from clu_desktop.french.dates import clock
from clu_desktop.gui import colours
from clu_desktop.gui.common.rows_model import AnyIndex, Heading, RowsModel
from clu_desktop.gui.live.texts import deputy_text
from clu_desktop.services.attendance.presence import AttendanceRow

HEADERS = (
    "Nom",
    "Organisme",
    "Fonction",
    "Statut",
    "Représentation",
    "Arrivée",
    "Départ",
    "Note",
)
NAME, ORGANISATION, FUNCTION, STATUS, DEPUTY, ARRIVED, LEFT, NOTE = range(len(HEADERS))
#: Role giving a row's invitation id, whatever the column.
ID_ROLE = Qt.ItemDataRole.UserRole + 1

_STATUS_TONES = {
    AttendanceStatus.PRESENT: colours.SUCCESS,
    AttendanceStatus.EXCUSED: colours.MUTED,
    AttendanceStatus.ABSENT: colours.ERROR,
    AttendanceStatus.REPRESENTED: colours.INFO,
}


def _one_line(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


class AttendanceModel(RowsModel):
    """One invitation a line (``gui/common/rows_model``); a header is its own tooltip."""

    columns = tuple(Heading(header) for header in HEADERS)
    header_roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NAME:
                return row.label
            if column == NOTE:
                return row.note or None
            if column == STATUS:
                return row.status_label
            return self._text(row, column) or None
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            tone = _STATUS_TONES.get(row.status)
            return colours.for_items(tone) if tone is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ARRIVED, LEFT):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(row: AttendanceRow, column: int) -> str:
        if column == NAME:
            return row.name
        if column == ORGANISATION:
            return row.organisation or ""
        if column == FUNCTION:
            return row.function or ""
        if column == STATUS:  # "excusée", "sans réponse": french/attendance.py
            return row.status_label
        if column == DEPUTY:  # "pouvoir à M. Y", "suppléé par M. Z"
            return deputy_text(row)
        if column == ARRIVED:
            return clock(row.arrived_at) if row.arrived_at else ""
        if column == LEFT:
            return clock(row.left_at) if row.left_at else ""
        return _one_line(row.note)
