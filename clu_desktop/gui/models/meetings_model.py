"""The meeting list as a flat Qt table model: one row per meeting, newest first."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clu_desktop.services.meetings import MeetingSummary

#: Role giving a row's meeting id (an int), whatever the column.
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1

DATE_COLUMN, COMMITTEE_COLUMN, TITLE_COLUMN, STATUS_COLUMN = range(4)
HEADERS = ("Date", "Comité", "Intitulé", "Statut")

AnyIndex = QModelIndex | QPersistentModelIndex


def french_date(summary: MeetingSummary) -> str:
    """The meeting's date as dd/mm/yyyy."""
    return summary.date.strftime("%d/%m/%Y")


class MeetingListModel(QAbstractTableModel):
    """Read-only meetings, in the order given to :meth:`set_rows`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingSummary] = []

    def set_rows(self, rows: list[MeetingSummary]) -> None:
        """Replace every row (the views lose their selection)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary_at(self, row: int) -> MeetingSummary:
        return self._rows[row]

    def row_of(self, meeting_id: int) -> int | None:
        """The row showing ``meeting_id``, or None."""
        for row, summary in enumerate(self._rows):
            if summary.id == meeting_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == MEETING_ID_ROLE:
            return summary.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(summary, index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
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

    @staticmethod
    def _text(summary: MeetingSummary, column: int) -> str | None:
        if column == DATE_COLUMN:
            return french_date(summary)
        if column == COMMITTEE_COLUMN:
            return summary.committee
        if column == TITLE_COLUMN:
            return summary.title
        if column == STATUS_COLUMN:
            label = summary.status_label
            return label[:1].upper() + label[1:]
        return None
