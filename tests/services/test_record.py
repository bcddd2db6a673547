"""The record of a meeting in the database: settings, proxies, secretaries, votes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from clu_desktop.domain import AttendanceStatus, Invitation, Representation, VoteChoice, VoteName
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.presence import list_attendance, set_represented, set_status
from clu_desktop.services.meetings import record
from clu_desktop.services.meetings.record import Decision


def people(db) -> dict[str, object]:
    with db.reading() as session:
        return {row.name.split()[-1]: row for row in list_attendance(session, 1)}


def test_the_demo_record_counts_its_fourteen_present(demo_db):
    with demo_db.reading() as session:
        found = record.meeting_record(session, 1)
    assert (found.counts.present, found.counts.excused, found.counts.convened) == (14, 1, 15)
    assert found.warnings.lines == ()
    assert found.secretaries == ()


def test_a_proxy_counts_as_a_vote_and_a_substitute_does_not(demo_db):
    p = people(demo_db)
    with demo_db.transaction() as session:
        set_represented(
            session, p["PIERRON"].id, person_id=p["GUY"].person_id, representation="proxy"
        )
        set_represented(session, p["SIMON"].id, name="Mme Claire LEROUX")
    with demo_db.reading() as session:
        counts = record.meeting_record(session, 1).counts
        rows = {r.name.split()[-1]: r for r in list_attendance(session, 1)}
    assert (counts.present, counts.represented, counts.proxies, counts.voters) == (12, 2, 1, 13)
    assert rows["PIERRON"].representation is Representation.PROXY
    assert rows["SIMON"].representation is Representation.SUBSTITUTE


@pytest.mark.parametrize(
    ("holder", "typed", "says"),
    [(None, "M. Untel", "liste"), ("PIERRON", None, "elle-même")],
)
def test_a_proxy_must_go_to_an_invited_member(demo_db, holder, typed, says):
    p = people(demo_db)
    holder_id = p[holder].person_id if holder else None
    with pytest.raises(UserError, match=says), demo_db.transaction() as session:
        set_represented(
            session, p["PIERRON"].id, person_id=holder_id, name=typed, representation="proxy"
        )
    assert people(demo_db)["PIERRON"].status is AttendanceStatus.PRESENT


def test_a_proxy_loop_is_refused(demo_db):
    p = people(demo_db)
    with demo_db.transaction() as session:
        set_represented(
            session, p["PIERRON"].id, person_id=p["GUY"].person_id, representation="proxy"
        )
    with pytest.raises(UserError, match="boucle"), demo_db.transaction() as session:
        set_represented(
            session, p["GUY"].id, person_id=p["PIERRON"].person_id, representation="proxy"
        )


def test_secretaries_are_people_of_the_meeting(demo_db):
    p = people(demo_db)
    with demo_db.transaction() as session:
        record.set_secretaries(session, 1, [p["LINDER"].person_id, p["CAULLET"].person_id])
    with demo_db.reading() as session:
        assert record.meeting_record(session, 1).secretaries == (
            "Mme Pascale LINDER",
            "M. Hugues CAULLET",
        )
        outsider = session.scalar(
            select(func.max(Invitation.person_id)).where(Invitation.meeting_id == 1)
        )
    with pytest.raises(UserError, match="invités de la séance"), demo_db.transaction() as s:
        record.set_secretaries(s, 1, [p["GUY"].person_id, outsider + 1000])
    with demo_db.reading() as session:
        assert len(record.meeting_record(session, 1).secretaries) == 2


def test_a_vote_is_saved_with_its_names_and_undone(demo_db):
    p = people(demo_db)
    against = (p["GUY"].person_id, p["DORAFI"].person_id)
    decision = Decision(
        text="Le comité approuve le plan d'action 2024.",
        result="vote",
        votes_for=10,
        votes_against=2,
        votes_abstaining=2,
        names=((VoteChoice.AGAINST, against),),
    )
    with demo_db.transaction() as session:
        before = record.set_decision(session, 1, decision)
    with demo_db.reading() as session:
        saved = record.get_decision(session, 1)
    assert saved.named(VoteChoice.AGAINST) == against
    assert (saved.votes_for, saved.votes_against, saved.votes_abstaining) == (10, 2, 2)
    with demo_db.transaction() as session:
        record.set_decision(session, 1, before)
    with demo_db.reading() as session:
        assert record.get_decision(session, 1) == Decision()
        assert session.scalar(select(func.count(VoteName.id))) == 0


def test_a_vote_over_the_votants_is_refused_and_nothing_saved(demo_db):
    with pytest.raises(UserError, match="15 voix pour 14 votants"), demo_db.transaction() as s:
        record.set_decision(
            s, 1, Decision(result="vote", votes_for=13, votes_against=1, votes_abstaining=1)
        )
    with demo_db.reading() as session:
        assert record.get_decision(session, 1) == Decision()


def test_someone_named_twice_or_not_invited_is_refused(demo_db):
    guy = people(demo_db)["GUY"].person_id
    twice = ((VoteChoice.FOR, (guy,)), (VoteChoice.AGAINST, (guy,)))
    with pytest.raises(UserError, match="deux fois"), demo_db.transaction() as session:
        record.set_decision(
            session, 1, Decision(result="vote", votes_for=5, votes_against=5, names=twice)
        )


def test_the_warnings_follow_the_attendance(demo_db):
    p = people(demo_db)
    with demo_db.transaction() as session:
        set_represented(
            session, p["PIERRON"].id, person_id=p["GUY"].person_id, representation="proxy"
        )
        set_status(session, p["GUY"].id, AttendanceStatus.EXCUSED)
    with demo_db.reading() as session:
        lines = record.meeting_record(session, 1).warnings.lines
    assert lines == (
        "M. Jean-Paul PIERRON a donné pouvoir à M. Bernard GUY, qui n'est pas présent "
        "(le pouvoir ne compte pas s'il n'est pas exercé).",
    )


def test_settings_are_checked_by_the_one_function(demo_db):
    with demo_db.transaction() as session:
        assert record.set_record_setting(session, 1, "quorum", " 1/2") == (None, "1/2")
        record.set_record_setting(session, 1, "members_in_office", 20)
        record.set_record_setting(session, 1, "numbering", "roman")
    with pytest.raises(UserError, match="Quorum"), demo_db.transaction() as session:
        record.set_record_setting(session, 1, "quorum", "la moitié")
    with demo_db.reading() as session:
        settings = record.get_record_settings(session, 1)
        counts = record.meeting_record(session, 1).counts
    assert (settings.quorum, settings.numbering.value) == ("1/2", "roman")
    assert (counts.members_in_office, counts.quorum, counts.quorum_reached) == (20, 11, True)


def test_signed_minutes_refuse_a_new_vote(signed_demo_db):
    with pytest.raises(UserError, match="sign"), signed_demo_db.transaction() as session:
        record.set_decision(session, 1, Decision(result="unanimous"))
