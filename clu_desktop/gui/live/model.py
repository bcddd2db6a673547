"""The list of the live attendance window: the invited people matching what is typed,
those still expected first, then the people of the directory not invited who match; only
when nobody matches, an entry offering to add the typed name as a walk-in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from clu_desktop.domain import AttendanceStatus
from clu_desktop.gui.common.rows_model import RowsMixin
from clu_desktop.gui.live import texts
from clu_desktop.services.attendance.presence import AttendanceRow, matching
from clu_desktop.services.attendance.walk_in import DirectoryMatch, matching_people

_Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the invitation's id (-1 for the other entries)
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # first line
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3  # second line: organisation
STATE_ROLE = Qt.ItemDataRole.UserRole + 4  # right: "arrivé à 14h32", "excusée"
PRESENT_ROLE = Qt.ItemDataRole.UserRole + 5  # bool: ticked present
WALK_IN_ROLE = Qt.ItemDataRole.UserRole + 6  # bool: the "Ajouter « … »" entry
INVITE_ROLE = Qt.ItemDataRole.UserRole + 7  # bool: a person of the directory not invited
#: The people of the directory shown at most: more letters narrow them down.
DIRECTORY_LIMIT = 8

# Who is offered first among the matches: still expected, then the ones who said they
# would not come (they may come after all), then the ones already ticked.
_RANK = {
    AttendanceStatus.INVITED: 0,
    AttendanceStatus.EXCUSED: 1,
    AttendanceStatus.ABSENT: 1,
    AttendanceStatus.REPRESENTED: 1,
    AttendanceStatus.PRESENT: 2,
}
_GREYED = {AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT, AttendanceStatus.REPRESENTED}


@dataclass(frozen=True)
class WalkIn:
    """The entry adding what was typed as someone who came without an invitation."""

    typed: str


Entry = AttendanceRow | DirectoryMatch | WalkIn


def entries_for(
    rows: list[AttendanceRow], typed: str, people: Sequence[DirectoryMatch] = ()
) -> list[Entry]:
    """Everyone in the participants' order while nothing is typed; else the invited who
    match, the still expected first, then the people of the directory not invited who
    match (``people``); the walk-in entry for the typed text only when nobody does."""
    typed = " ".join(typed.split())
    if not typed:
        return list(rows)
    found = sorted(matching(rows, typed), key=lambda row: _RANK[row.status])
    known = matching_people(list(people), typed)[:DIRECTORY_LIMIT]
    return [*found, *known] or [WalkIn(typed)]


class LiveAttendanceModel(RowsMixin, QAbstractListModel):
    """One entry per line (``gui/common/rows_model``); :meth:`set_rows` gives every invited
    person and the text typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Entry] = []

    def set_rows(  # type: ignore[override]
        self, rows: list[AttendanceRow], typed: str, people: Sequence[DirectoryMatch] = ()
    ) -> None:
        """``people``: the directory's people not invited, offered when they match."""
        super().set_rows(entries_for(rows, typed, people))

    def only_walk_in(self) -> bool:
        """Whether nobody matches what is typed: the walk-in entry is all there is."""
        return len(self._rows) == 1 and isinstance(self._rows[0], WalkIn)

    def entry(self, row: int) -> Entry | None:
        return self.row_at(row)

    def row_of(self, invitation_id: int | None) -> int | None:
        for position, entry in enumerate(self._rows):
            if isinstance(entry, AttendanceRow) and entry.id == invitation_id:
                return position
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        if isinstance(entry, WalkIn):
            return _walk_in_data(entry, role)
        if isinstance(entry, DirectoryMatch):
            return _invite_data(entry, role)
        return _row_data(entry, role)


def line_text(name: str, detail: str, state: str) -> str:
    """The whole line as one text: for screen readers, tooltips and tests."""
    return " — ".join(part for part in (name, detail, state) if part)


def _row_data(row: AttendanceRow, role: int):
    present = row.status is AttendanceStatus.PRESENT
    if role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    ):
        state = texts.state_text(row)
        return line_text(("✓ " if present else "") + row.name, texts.detail_text(row), state)
    if role == ID_ROLE:
        return row.id
    if role == NAME_ROLE:
        return row.name
    if role == DETAIL_ROLE:
        return texts.detail_text(row)
    if role == STATE_ROLE:
        return texts.state_text(row)
    if role == PRESENT_ROLE:
        return present
    if role in (WALK_IN_ROLE, INVITE_ROLE):
        return False
    if role == Qt.ItemDataRole.ForegroundRole and row.status in _GREYED:
        return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)  # greyed
    return None


def _offer_data(name: str, detail: str, walk_in: bool, role: int):
    """The lines that are not invited people: their name is what Enter does."""
    if role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    ):
        return line_text(name, detail, "")
    if role == ID_ROLE:
        return -1
    if role == NAME_ROLE:
        return name
    if role == DETAIL_ROLE:
        return detail
    if role == STATE_ROLE:
        return ""
    if role == PRESENT_ROLE:
        return False
    if role == WALK_IN_ROLE:
        return walk_in
    if role == INVITE_ROLE:
        return not walk_in
    if role == Qt.ItemDataRole.ForegroundRole:
        return QApplication.palette().color(QPalette.ColorRole.Link)
    return None


def _invite_data(person: DirectoryMatch, role: int):
    return _offer_data(texts.invite_label(person), texts.invite_detail(person), False, role)


def _walk_in_data(entry: WalkIn, role: int):
    return _offer_data(texts.walk_in_label(entry.typed), texts.WALK_IN_DETAIL, True, role)
