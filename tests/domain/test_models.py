"""The domain model keeps what the minutes need, and the database guards its integrity."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from clu_desktop.domain import (
    Action,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Committee,
    CommitteeMember,
    Indicator,
    IndicatorValue,
    Invitation,
    Meeting,
    MeetingStatus,
    Organisation,
    Person,
    Site,
    Statement,
    StatementSpeaker,
)


def make_meeting(session) -> Meeting:
    org = Organisation(name="Association des Maires de la Haute-Marne")
    guy = Person(civility="M.", first_name="Bernard", last_name="Guy", organisation=org)
    committee = Committee(name="Comité local des usagers", acronym="CLU")
    committee.members.append(CommitteeMember(person=guy, role="membre"))
    meeting = Meeting(committee=committee, title="CLU", date=dt.date(2023, 12, 20))
    meeting.invitations.append(
        Invitation(
            person=guy,
            status=AttendanceStatus.PRESENT,
            printed_civility="M.",
            printed_first_name="Bernard",
            printed_last_name="GUY",
            printed_organisation=org.name,
            printed_function="Président",
        )
    )
    item = AgendaItem(title="Indicateurs 2022", position=0)
    item.children.append(AgendaItem(title="au niveau local", position=0, meeting=meeting))
    item.statements.append(
        Statement(text="M. Bernard GUY fait part…", speakers=[StatementSpeaker(person=guy)])
    )
    meeting.agenda_items.append(item)
    session.add(meeting)
    session.flush()
    return meeting


def test_a_person_prints_with_civility_and_name_in_capitals():
    person = Person(civility="Mme", first_name="Mylène", last_name="Bégué")
    assert person.display_name == "Mme Mylène BÉGUÉ"
    assert Person(last_name="Maria").display_name == "MARIA"


def test_defaults_of_a_new_meeting(db):
    with db.transaction() as session:
        meeting = make_meeting(session)
        assert meeting.status is MeetingStatus.PLANNED
        assert [i.title for i in meeting.top_level_items] == ["Indicateurs 2022"]
        top = meeting.top_level_items[0]
        assert top.children[0].parent is top


def test_deleting_a_meeting_removes_its_agenda_and_attendance_but_not_people(db):
    with db.transaction() as session:
        meeting_id = make_meeting(session).id
    with db.transaction() as session:
        session.delete(session.get(Meeting, meeting_id))
    with db.reading() as session:
        assert session.scalars(select(AgendaItem)).all() == []
        assert session.scalars(select(Invitation)).all() == []
        assert session.scalars(select(Statement)).all() == []
        assert [p.last_name for p in session.scalars(select(Person))] == ["Guy"]


def test_erasing_a_person_keeps_the_printed_attendance(db):
    with db.transaction() as session:
        meeting_id = make_meeting(session).id
    with db.transaction() as session:
        session.delete(session.scalars(select(Person)).one())
    with db.reading() as session:
        invitation = session.get(Meeting, meeting_id).invitations[0]
        assert invitation.person_id is None
        assert invitation.printed_last_name == "GUY"


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(Person(last_name="Fantôme", organisation_id=999))


def test_a_committee_still_used_by_a_meeting_cannot_be_deleted(db):
    with db.transaction() as session:
        make_meeting(session)
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.execute(Committee.__table__.delete())


def test_one_value_per_indicator_period_and_site(db):
    with db.transaction() as session:
        site = Site(name="Préfecture")
        indicator = Indicator(code="SVI-MAJ-3J", name="taux de mise à jour du SVI", target=100)
        session.add_all([site, indicator])
        session.flush()
        session.add(IndicatorValue(indicator=indicator, period="2022", site=site, value=98.0))
    with pytest.raises(IntegrityError), db.transaction() as session:
        indicator = session.scalars(select(Indicator)).one()
        site = session.scalars(select(Site)).one()
        session.add(IndicatorValue(indicator=indicator, period="2022", site=site, value=50.0))


def test_an_action_outlives_the_meeting_that_decided_it(db):
    with db.transaction() as session:
        meeting = make_meeting(session)
        session.add(Action(meeting=meeting, text="reconfiguration du SVI", when_label="à venir"))
    with db.transaction() as session:
        session.delete(session.scalars(select(Meeting)).one())
    with db.reading() as session:
        action = session.scalars(select(Action)).one()
        assert action.meeting_id is None
        assert action.status is ActionStatus.TODO
