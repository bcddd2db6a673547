"""People who come without an invitation: found in the directory, never created twice;
a true walk-in added once, and undo taking back exactly what it added."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from clu_desktop.domain import AttendanceStatus, Organisation, Person
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.edit import withdraw_invitations
from clu_desktop.services.attendance.presence import WALK_IN_NOTE, list_attendance, matching
from clu_desktop.services.attendance.walk_in import (
    WalkInAdded,
    WalkInName,
    add_walk_in,
    close_names,
    guess_name,
    invite_and_tick,
    matching_people,
    people_not_invited,
    remove_walk_in,
    restore_walk_in,
)
from clu_desktop.services.directory.committees import add_committee, add_member
from clu_desktop.services.meetings.listing import duplicate_as_next

P = AttendanceStatus
AT = dt.time(14, 45)


@pytest.fixture
def meeting_id(demo_db):
    """The meeting after the demo one, without M. Bernard GUY (who stays in the
    directory): 14 people invited, no answer yet."""
    with demo_db.transaction() as session:
        meeting_id = duplicate_as_next(session, 1)
        guy = next(r for r in list_attendance(session, meeting_id) if "GUY" in r.name)
        withdraw_invitations(session, [guy.id])
    return meeting_id


def count(db, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count(model.id)))


def found(db, meeting_id, typed: str) -> list[str]:
    with db.reading() as session:
        return [p.label for p in matching_people(people_not_invited(session, meeting_id), typed)]


def found_id(db, meeting_id, typed: str) -> int:
    with db.reading() as session:
        (person,) = matching_people(people_not_invited(session, meeting_id), typed)
    return person.person_id


def by_name(db, meeting_id):
    with db.reading() as session:
        return {row.name: row for row in list_attendance(session, meeting_id)}


def test_the_directory_is_searched_in_any_order_case_and_accents(demo_db, meeting_id):
    guy = ["M. Bernard GUY (Association des Maires de la Haute-Marne)"]
    for typed in ("bernard guy", "GUY Bernard", "guy bern", "Bèrnârd", "maires gu", "haute-m"):
        assert found(demo_db, meeting_id, typed) == guy, typed
    # The invited are not offered from the directory (they are on the list already).
    assert found(demo_db, meeting_id, "begue") == []
    assert found(demo_db, meeting_id, "Mratin") == []  # a typo: nobody
    assert found(demo_db, meeting_id, "") == []


def test_a_word_inside_a_compound_name_finds_the_invited(demo_db, meeting_id):
    """ "paul" finds M. Jean-Paul PIERRON, "marnaise" the Association Haut-Marnaise."""
    with demo_db.reading() as session:
        rows = list_attendance(session, meeting_id)
    assert [r.name for r in matching(rows, "paul")] == ["M. Jean-Paul PIERRON"]
    assert [r.name for r in matching(rows, "marnaise")] == ["M. Abderrazak DORAFI"]


def test_a_person_of_the_directory_is_invited_and_ticked_not_created(demo_db, meeting_id):
    people = count(demo_db, Person)
    guy_id = found_id(demo_db, meeting_id, "guy")
    with demo_db.transaction() as session:
        invitation_id = invite_and_tick(session, meeting_id, guy_id, AT)
    guy = by_name(demo_db, meeting_id)["M. Bernard GUY"]
    assert (guy.id, guy.person_id, guy.status, guy.arrived_at) == (
        invitation_id,
        guy_id,
        P.PRESENT,
        AT,
    )
    assert guy.note == WALK_IN_NOTE
    assert count(demo_db, Person) == people
    with pytest.raises(UserError, match="déjà dans la liste"), demo_db.transaction() as session:
        invite_and_tick(session, meeting_id, guy_id, AT)


def test_a_walk_in_and_its_new_organisation_are_taken_back_whole(demo_db, meeting_id):
    people, organisations = count(demo_db, Person), count(demo_db, Organisation)
    name = WalkInName("Durand", "Jeanne", "Mme", "Collectif des riverains")
    with demo_db.transaction() as session:
        added = add_walk_in(session, meeting_id, name, AT)
    assert added.created_person and added.created_organisation_id is not None
    jeanne = by_name(demo_db, meeting_id)["Mme Jeanne DURAND"]
    assert (jeanne.status, jeanne.arrived_at, jeanne.organisation) == (
        P.PRESENT,
        AT,
        "Collectif des riverains",
    )
    assert (count(demo_db, Person), count(demo_db, Organisation)) == (
        people + 1,
        organisations + 1,
    )

    with demo_db.transaction() as session:
        snapshot = remove_walk_in(session, added)
    assert "Mme Jeanne DURAND" not in by_name(demo_db, meeting_id)
    assert (count(demo_db, Person), count(demo_db, Organisation)) == (people, organisations)

    with demo_db.transaction() as session:  # redo: the same rows, the same ids
        restore_walk_in(session, snapshot)
    assert by_name(demo_db, meeting_id)["Mme Jeanne DURAND"].id == added.invitation_id
    with demo_db.reading() as session:
        assert session.get(Person, added.person_id).organisation_id == (
            added.created_organisation_id
        )


def test_a_person_found_in_the_directory_is_never_deleted_by_undo(demo_db, meeting_id):
    """Typed in the form as the directory knows them (same name, same organisation, here
    by its acronym-less name typed in capitals): taken, not doubled, and kept on undo."""
    people = count(demo_db, Person)
    name = WalkInName("GUY", "bernard", None, "ASSOCIATION DES MAIRES DE LA HAUTE-MARNE")
    with demo_db.transaction() as session:
        added = add_walk_in(session, meeting_id, name, AT)
    assert not added.created_person and added.created_organisation_id is None
    assert count(demo_db, Person) == people
    with demo_db.transaction() as session:
        remove_walk_in(session, added)
    assert count(demo_db, Person) == people
    with demo_db.transaction() as session:
        invitation_id = invite_and_tick(session, meeting_id, added.person_id, AT)
        remove_walk_in(session, WalkInAdded(invitation_id, added.person_id, False))
    assert count(demo_db, Person) == people


def test_a_walk_in_referred_to_elsewhere_meanwhile_stays_in_the_directory(demo_db, meeting_id):
    people = count(demo_db, Person)
    with demo_db.transaction() as session:
        added = add_walk_in(session, meeting_id, WalkInName("Durand", "Jeanne"), AT)
        committee_id = add_committee(session, "Comité des riverains")
        add_member(session, committee_id, added.person_id)
    with demo_db.transaction() as session:
        remove_walk_in(session, added)
    assert "Jeanne DURAND" not in by_name(demo_db, meeting_id)
    assert count(demo_db, Person) == people + 1  # a committee member now: kept


def test_a_walk_in_is_checked_before_anything_is_added(demo_db, meeting_id):
    people = count(demo_db, Person)
    for name, message in (
        (WalkInName("   "), "vide"),
        (WalkInName("X" * 101), "trop long"),
        (WalkInName("Durand", "J" * 101), "trop long"),
        (WalkInName("Durand", organisation="O" * 301), "trop long"),
    ):
        with pytest.raises(UserError, match=message), demo_db.transaction() as session:
            add_walk_in(session, meeting_id, name, AT)
    assert count(demo_db, Person) == people
    assert len(by_name(demo_db, meeting_id)) == 14


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Jeanne Durand", WalkInName("Durand", "Jeanne")),
        ("DURAND Jeanne", WalkInName("DURAND", "Jeanne")),
        ("Mme Jeanne DE LA TOUR", WalkInName("DE LA TOUR", "Jeanne", "Mme")),
        ("monsieur paul martin", WalkInName("martin", "paul", "M.")),
        ("Durand", WalkInName("Durand")),
        ("M.", WalkInName("M.")),
        ("", WalkInName("")),
    ],
)
def test_the_form_is_filled_from_what_was_typed(typed, expected):
    assert guess_name(typed) == expected


def test_names_close_to_a_typo_are_suggested():
    names = [
        "Mme Jocelyne MARTIN (Secrétariat Général)",
        "M. Bernard GUY (Association des Maires de la Haute-Marne)",
        "Mme Mylène BÉGUÉ (Service de la Relation aux Usagers)",
        "M. Jean-Paul PIERRON (UFC Que Choisir)",
    ]
    assert close_names(names, "Jocelyne Mratin") == [names[0]]
    assert close_names(names, "bernrad") == [names[1]]
    assert close_names(names, "begeu") == [names[2]]
    assert close_names(names, "Pieron") == [names[3]]
    assert close_names(names, "Jeanne Durand") == []
    assert close_names(names, "zz") == []  # too short to tell
