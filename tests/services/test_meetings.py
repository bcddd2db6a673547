"""Creating, preparing the next and deleting meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from clu_desktop.domain import Action, AgendaItem, Meeting, MeetingStatus
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.invitations import list_invitations
from clu_desktop.services.meetings.listing import (
    create_meeting,
    delete_meeting,
    duplicate_as_next,
    list_meetings,
)


def test_a_new_database_gets_the_clu_and_a_meeting_dated_today(db):
    with db.transaction() as session:
        meeting_id = create_meeting(session)
    with db.reading() as session:
        (summary,) = list_meetings(session)
    assert summary.id == meeting_id
    assert summary.committee == "Comité local des usagers"
    assert summary.title == "Comité local des usagers (CLU)"
    assert summary.date == dt.date.today()
    assert summary.status is MeetingStatus.PLANNED


def test_duplicate_as_next_meeting(demo_db):
    with demo_db.transaction() as session:
        next_id = duplicate_as_next(session, 1)
    with demo_db.reading() as session:
        source, copy = session.get(Meeting, 1), session.get(Meeting, next_id)
        assert copy.date >= dt.date.today()
        assert (copy.place, copy.start_time, copy.chair_id) == (
            source.place,
            source.start_time,
            source.chair_id,
        )
        assert copy.status is MeetingStatus.PLANNED
        assert [i.title for i in copy.top_level_items] == [i.title for i in source.top_level_items]
        nouveautes = next(i for i in copy.top_level_items if i.title == "Nouveautés")
        assert [c.title for c in nouveautes.children] == ["au niveau local", "au niveau national"]
        assert all(item.minutes_text is None for item in copy.agenda_items)
        assert all(not item.statements for item in copy.agenda_items)
        invited = list_invitations(session, next_id)
        assert len(invited) == 15
        assert {r.status.value for r in invited} == {"invited"}


def test_next_date_follows_the_committees_rhythm(db):
    with db.transaction() as session:
        first = create_meeting(session, date=dt.date(2100, 1, 10))
        second = create_meeting(session, date=dt.date(2100, 4, 10))
    with db.transaction() as session:
        third = duplicate_as_next(session, second)
    with db.reading() as session:
        assert session.get(Meeting, third).date == dt.date(2100, 7, 10)
    assert first


def test_delete_keeps_the_actions_but_not_the_agenda(demo_db):
    with demo_db.transaction() as session:
        session.get(Meeting, 1).status = MeetingStatus.HELD
    with demo_db.transaction() as session:
        delete_meeting(session, 1)
    with demo_db.reading() as session:
        assert session.scalar(select(func.count(Meeting.id))) == 0
        assert session.scalar(select(func.count(AgendaItem.id))) == 0
        assert session.scalar(select(func.count(Action.id))) == 4


def test_signed_minutes_cannot_be_deleted(demo_db):
    from clu_desktop.services.documents.signature import sign_minutes

    with demo_db.transaction() as session:
        sign_minutes(session, 1, "dupont")
    with pytest.raises(UserError, match="Rouvrez"), demo_db.transaction() as session:
        delete_meeting(session, 1)


def test_the_next_meeting_takes_the_committees_title_and_not_the_walk_ins(demo_db):
    """A seasonal title is not copied; who came without an invitation is not invited
    again; a standing member added since is."""
    from clu_desktop.domain import CommitteeMember, Person
    from clu_desktop.services.attendance.walk_in import WalkInName, add_walk_in
    from clu_desktop.services.meetings.listing import default_title

    with demo_db.transaction() as session:
        source = session.get(Meeting, 1)
        source.title = "Séance du printemps"
        newcomer = Person(civility="Mme", first_name="Anne", last_name="NOUVELLE")
        source.committee.members.append(CommitteeMember(person=newcomer, position=99))
    with demo_db.transaction() as session:
        add_walk_in(session, 1, WalkInName("PASSANT", "Paul"), dt.time(14, 5))
    with demo_db.reading() as session:
        before = {r.person_id for r in list_invitations(session, 1)}
    with demo_db.transaction() as session:
        next_id = duplicate_as_next(session, 1)
    with demo_db.reading() as session:
        copy = session.get(Meeting, next_id)
        assert copy.title == default_title(copy.committee) != "Séance du printemps"
        invited = list_invitations(session, next_id)
        names = [r.name for r in invited]
        assert not any("PASSANT" in name for name in names)
        assert names[-1] == "Mme Anne NOUVELLE"
        assert {r.person_id for r in invited} == (before - {_walk_in_id(session)}) | {
            _person_id(session, "NOUVELLE")
        }
        assert all(r.note is None for r in copy.invitations)


def _person_id(session, last_name: str) -> int:
    from clu_desktop.domain import Person

    return session.scalar(select(Person.id).where(Person.last_name == last_name))


def _walk_in_id(session) -> int:
    return _person_id(session, "PASSANT")
