"""The meeting navigator's model: committees, and under each its meetings, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from clu_desktop.french.dates import numeric_date
from clu_desktop.services.meetings.listing import MeetingSummary

#: Role giving a meeting row's id (an int); None on a committee row.
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1

DATE_COLUMN, TITLE_COLUMN, STATUS_COLUMN = range(3)
HEADERS = ("Date", "Intitulé", "Statut")

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class _Group:
    name: str
    meetings: list[MeetingSummary] = field(default_factory=list)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class MeetingTreeModel(QAbstractItemModel):
    """Read-only: committee rows (in the order of their newest meeting) with their
    meetings as children. A meeting index's internal id is its group's row + 1; a
    committee index's is 0."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []

    def set_rows(self, rows: list[MeetingSummary]) -> None:
        """Replace everything with ``rows`` (newest first), grouped by committee."""
        groups: dict[str, _Group] = {}
        for summary in rows:
            groups.setdefault(summary.committee, _Group(summary.committee)).meetings.append(summary)
        self.beginResetModel()
        self._groups = list(groups.values())
        self.endResetModel()

    def meeting_count(self) -> int:
        return sum(len(g.meetings) for g in self._groups)

    def index_of(self, meeting_id: int | None) -> QModelIndex:
        for group_row, group in enumerate(self._groups):
            for row, summary in enumerate(group.meetings):
                if summary.id == meeting_id:
                    return self.createIndex(row, 0, group_row + 1)
        return QModelIndex()

    def newest_index(self) -> QModelIndex:
        newest = max(
            (
                (s.date, s.id, i, r)
                for i, g in enumerate(self._groups)
                for r, s in enumerate(g.meetings)
            ),
            default=None,
        )
        return QModelIndex() if newest is None else self.createIndex(newest[3], 0, newest[2] + 1)

    def summary_by_id(self, meeting_id: int | None) -> MeetingSummary | None:
        return self.summary(self.index_of(meeting_id))

    def summary(self, index: AnyIndex) -> MeetingSummary | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].meetings[index.row()]

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].meetings)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if index.column() != 0:
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return group.name
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"Comité {group.name}, {len(group.meetings)} séance(s)"
            return None
        summary = self.summary(index)
        if role == MEETING_ID_ROLE:
            return summary.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == DATE_COLUMN:
                return numeric_date(summary.date)
            if index.column() == TITLE_COLUMN:
                return summary.title
            return _capitalised(summary.status_label)
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
            return f"Séance du {summary.date:%d/%m/%Y}, {summary.title}, {summary.status_label}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None
