"""The live window and the record: pouvoirs, votants and the quorum stay on screen; on
closing, the people never ticked may be marked absent, in one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clu_desktop.domain import AttendanceStatus, Representation
from clu_desktop.services.attendance.presence import list_attendance, set_represented
from clu_desktop.services.meetings.record import set_record_setting

P, R = AttendanceStatus, Representation


def statuses(db, meeting_id) -> dict[str, AttendanceStatus]:
    with db.reading() as session:
        return {row.name.split()[-1]: row.status for row in list_attendance(session, meeting_id)}


def tick(qtbot, window, letters: str) -> None:
    qtbot.keyClicks(window.search, letters)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)


def shown_counts(window) -> list[str]:
    return window.counts.text().replace("\u00a0", " ").split("\n")


def test_pouvoirs_votants_and_the_quorum_stay_on_screen(qtbot, demo_db, next_meeting, open_live):
    with demo_db.transaction() as session:
        set_record_setting(session, 1, "votes", True)
        set_record_setting(session, 1, "quorum", "3")
        people = {r.name.split()[-1]: r for r in list_attendance(session, next_meeting)}
        set_represented(
            session,
            people["GUY"].id,
            person_id=people["DORAFI"].person_id,
            representation=R.PROXY,
        )
    window = open_live(next_meeting)
    assert shown_counts(window) == [
        "Présents 0 · Excusés 0 · Représentés 1 · Attendus 14",
        # The proxy counts once the member holding it is here.
        "Pouvoirs 1 · Votants 0 · Quorum : 3 — non atteint, il manque 3 présents",
    ]
    assert window.model.index(1, 0).data().endswith("pouvoir à M. Abderrazak DORAFI")
    for letters in ("dorafi", "simon", "pierron"):
        tick(qtbot, window, letters)
    assert shown_counts(window) == [
        "Présents 3 · Excusés 0 · Représentés 1 · Attendus 14",
        "Pouvoirs 1 · Votants 4 · Quorum : 3 — atteint",
    ]


def test_a_committee_that_does_not_vote_shows_the_counts_only(demo_db, open_live):
    window = open_live(1)
    assert shown_counts(window) == ["Présents 14 · Excusés 1 · Représentés 0 · Attendus 14"]


def test_closing_with_people_not_ticked_marks_them_absent_on_yes(
    qtbot, demo_db, next_meeting, open_live, stack, answered_messages
):
    window = open_live(next_meeting)
    tick(qtbot, window, "guy")
    tick(qtbot, window, "simon")
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    assert answered_messages.questions == [
        "13 personnes n'ont pas été pointées : les marquer absentes ?\n\n"
        "Sinon, elles restent « sans réponse » et seront imprimées parmi les absents."
    ]
    assert not window.isVisible()
    after = statuses(demo_db, next_meeting)
    assert (after["GUY"], after["SIMON"], after["DORAFI"]) == (P.PRESENT, P.PRESENT, P.ABSENT)
    assert list(after.values()).count(P.ABSENT) == 13
    assert stack.count() == 3  # two ticks, then one step for the 13
    assert stack.undoText() == "Marquer absentes les 13 personnes non pointées"
    stack.undo()
    after = statuses(demo_db, next_meeting)
    assert list(after.values()).count(P.INVITED) == 13
    assert after["GUY"] is P.PRESENT
    stack.redo()
    assert list(statuses(demo_db, next_meeting).values()).count(P.ABSENT) == 13


def test_closing_and_answering_no_leaves_them_without_an_answer(
    qtbot, demo_db, next_meeting, open_live, stack, answered_messages
):
    answered_messages.confirm_answer = False
    window = open_live(next_meeting)
    tick(qtbot, window, "guy")
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)  # the field is empty: the window closes
    assert len(answered_messages.questions) == 1
    assert not window.isVisible()
    after = statuses(demo_db, next_meeting)
    assert list(after.values()).count(P.INVITED) == 14
    assert stack.count() == 1  # the tick only


def test_closing_when_nobody_was_ticked_asks_nothing(
    next_meeting, open_live, stack, answered_messages
):
    window = open_live(next_meeting)
    window.close()  # looked at before the meeting: nobody to mark absent
    assert answered_messages.questions == []
    assert stack.count() == 0


def test_closing_when_everyone_answered_asks_nothing(demo_db, open_live, answered_messages):
    window = open_live(1)
    window.close()
    assert answered_messages.questions == []
    assert statuses(demo_db, 1)["KREZEL"] is P.EXCUSED
