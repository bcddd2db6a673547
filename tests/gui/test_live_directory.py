"""The live window never changes the directory by accident: letters typed, typos, a
person of the directory who was not invited and a true walk-in, with the keys only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from clu_desktop.domain import AttendanceStatus
from clu_desktop.gui.live.model import NAME_ROLE
from clu_desktop.gui.live.window import LiveAttendanceWindow
from clu_desktop.services.attendance import list_attendance
from clu_desktop.services.attendance_edit import withdraw_invitations
from clu_desktop.services.directory_people import search_people
from clu_desktop.services.meetings import duplicate_as_next

P = AttendanceStatus
CTRL = Qt.KeyboardModifier.ControlModifier
GUY = "Inviter et pointer M. Bernard GUY (Association des Maires de la Haute-Marne)"


@pytest.fixture
def meeting_id(demo_db) -> int:
    """The meeting after the demo one, its 15 people invited but M. Bernard GUY (still in
    the directory)."""
    with demo_db.transaction() as session:
        meeting_id = duplicate_as_next(session, 1)
        guy = next(r for r in list_attendance(session, meeting_id) if "GUY" in r.name)
        withdraw_invitations(session, [guy.id])
    return meeting_id


@pytest.fixture
def window(qtbot, demo_db, meeting_id):
    window = LiveAttendanceWindow(demo_db, meeting_id, QUndoStack())
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def directory(db) -> list[tuple[int, str]]:
    with db.reading() as session:
        return [(p.id, p.label) for p in search_people(session)]


def statuses(db, meeting_id) -> dict[str, AttendanceStatus]:
    with db.reading() as session:
        return {r.name: r.status for r in list_attendance(session, meeting_id)}


def typed_then_enter(qtbot, window, text: str) -> None:
    """An empty field (Échap clears what is left), the letters, Entrée."""
    if window.search.text():
        qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.keyClicks(window.search, text)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)


def highlighted(window) -> str | None:
    index = window.list.currentIndex()
    return index.data(NAME_ROLE) if index.isValid() else None


def test_only_a_true_walk_in_adds_one_person(qtbot, demo_db, meeting_id, window):
    before = directory(demo_db)
    invited = statuses(demo_db, meeting_id)

    # Every prefix of three names, each followed by Entrée: ticks, never a new person.
    for name in ("Mylene Begue", "Jean-Paul Pierron", "jocelyne MARTIN"):
        for end in range(1, len(name) + 1):
            typed_then_enter(qtbot, window, name[:end])
            assert directory(demo_db) == before, name[:end]
    now = statuses(demo_db, meeting_id)
    assert set(now) == set(invited)  # nobody invited nor removed
    for name in ("Mme Mylène BÉGUÉ", "M. Jean-Paul PIERRON", "Mme Jocelyne MARTIN"):
        assert now[name] is P.PRESENT

    # A typo: a single Entrée shows the offer, nothing else.
    typed_then_enter(qtbot, window, "Jocelyne Mratin")
    assert directory(demo_db) == before and statuses(demo_db, meeting_id) == now
    assert highlighted(window) == "Ajouter « Jocelyne Mratin » (venu(e) sans invitation)"
    assert "Personne ne correspond" in window.status.text()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)

    # A person of the directory who was not invited: invited and ticked, not doubled.
    qtbot.keyClicks(window.search, "guy bernard")
    assert highlighted(window) == GUY
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert statuses(demo_db, meeting_id)["M. Bernard GUY"] is P.PRESENT
    assert directory(demo_db) == before

    # A true walk-in: Entrée shows the offer, Entrée opens the form, Entrée confirms.
    typed_then_enter(qtbot, window, "Jeanne Durand")
    assert directory(demo_db) == before
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert directory(demo_db) == before
    form = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: form.isActiveWindow())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    after = directory(demo_db)
    assert len(after) == len(before) + 1  # exactly one person more
    assert [label for _id, label in after if (_id, label) not in before] == ["Jeanne DURAND"]
    assert statuses(demo_db, meeting_id)["Jeanne DURAND"] is P.PRESENT

    # Undo the walk-in: the invitation and the person go; the one found stays.
    qtbot.keyClick(window.search, Qt.Key.Key_Z, CTRL)
    assert directory(demo_db) == before
    assert "Jeanne DURAND" not in statuses(demo_db, meeting_id)
    qtbot.keyClick(window.search, Qt.Key.Key_Z, CTRL)
    assert "M. Bernard GUY" not in statuses(demo_db, meeting_id)
    assert directory(demo_db) == before  # M. Bernard GUY stays in the directory
    qtbot.keyClick(window.search, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(window.search, Qt.Key.Key_Y, CTRL)
    assert directory(demo_db) == after  # the same person, under the same id
    assert statuses(demo_db, meeting_id)["Jeanne DURAND"] is P.PRESENT
