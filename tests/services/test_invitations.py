"""Inviting the standing members, and the people a statement can be attributed to."""

from __future__ import annotations

import datetime as dt

import pytest

from clu_desktop.domain import Committee, CommitteeMember, Meeting, Organisation, Person
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.invitations import (
    invite_standing_members,
    list_invitations,
    meeting_people,
    remove_invitations,
)


@pytest.fixture
def meeting_id(db):
    with db.transaction() as session:
        amf = Organisation(name="Association des Maires de la Haute-Marne")
        committee = Committee(name="Comité local des usagers")
        for position, (first, last) in enumerate([("Bernard", "Guy"), ("Nathalie", "Simon")]):
            person = Person(civility="M.", first_name=first, last_name=last, organisation=amf)
            committee.members.append(CommitteeMember(person=person, position=position))
        meeting = Meeting(committee=committee, title="CLU", date=dt.date(2024, 6, 12))
        session.add(meeting)
        session.flush()
        return meeting.id


def test_invite_standing_members_once(db, meeting_id):
    with db.transaction() as session:
        added = invite_standing_members(session, meeting_id)
    assert len(added) == 2
    with db.transaction() as session:
        assert invite_standing_members(session, meeting_id) == []
    with db.reading() as session:
        rows = list_invitations(session, meeting_id)
    assert [r.name for r in rows] == ["M. Bernard GUY", "M. Nathalie SIMON"]
    assert rows[0].organisation == "Association des Maires de la Haute-Marne"


def test_invitations_can_be_taken_back(db, meeting_id):
    with db.transaction() as session:
        added = invite_standing_members(session, meeting_id)
    with db.transaction() as session:
        remove_invitations(session, added)
    with db.reading() as session:
        assert list_invitations(session, meeting_id) == []


def test_meeting_people_are_the_invited_then_the_chair(demo_db):
    with demo_db.reading() as session:
        people = meeting_people(session, 1)
    assert people[0].name == "M. Guillaume THIRARD"
    assert "Mme Christine MARIA (Déléguée Défenseur des Droits)" in [p.label for p in people]


def test_a_deleted_meeting_is_reported(db):
    with pytest.raises(UserError, match="n'existe plus"), db.reading() as session:
        meeting_people(session, 42)


def test_a_committee_without_standing_members_says_so(db):
    """Not « déjà invités »: there is nobody to invite, and the directory is where to add."""
    with db.transaction() as session:
        meeting = Meeting(
            committee=Committee(name="Comité vide"), title="CLU", date=dt.date(2025, 1, 8)
        )
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    with (
        pytest.raises(UserError, match=r"n'a pas de membre permanent.*annuaire"),
        db.transaction() as session,
    ):
        invite_standing_members(session, meeting_id)
