"""The meeting navigator's model: committees, and under each its meetings, newest first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from clu_desktop.french.dates import numeric_date
from clu_desktop.gui.common.groups_model import GroupsModel
from clu_desktop.gui.common.rows_model import AnyIndex
from clu_desktop.services.meetings.listing import MeetingSummary

#: Role giving a meeting row's id (an int); None on a committee row.
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1

DATE_COLUMN, TITLE_COLUMN, STATUS_COLUMN = range(3)
HEADERS = ("Date", "Intitulé", "Statut")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class MeetingTreeModel(GroupsModel):
    """Read-only: committee rows (in the order of their newest meeting) with their
    meetings as children (``gui/common/groups_model``)."""

    def set_rows(self, rows: list[MeetingSummary]) -> None:
        """Replace everything with ``rows`` (newest first), grouped by committee."""
        groups: dict[str, list[MeetingSummary]] = {}
        for summary in rows:
            groups.setdefault(summary.committee, []).append(summary)
        self.set_groups(list(groups.items()))

    def meeting_count(self) -> int:
        return self.row_count()

    def newest_index(self) -> QModelIndex:
        newest = max(
            (
                (s.date, s.id, i, r)
                for i, (_, meetings) in enumerate(self._groups)
                for r, s in enumerate(meetings)
            ),
            default=None,
        )
        return QModelIndex() if newest is None else self.row_index(newest[2], newest[3])

    def summary_by_id(self, meeting_id: int | None) -> MeetingSummary | None:
        return self.summary(self.index_of(meeting_id))

    def summary(self, index: AnyIndex) -> MeetingSummary | None:
        return self.row_at(index)

    # QAbstractItemModel

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
            name, meetings = self._groups[index.row()]
            if index.column() != 0:
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return name
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"Comité {name}, {len(meetings)} séance(s)"
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
