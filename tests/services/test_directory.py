"""The directory services: search, people, organisations, merges with exact undo, committees."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from clu_desktop.domain import (
    Action,
    AgendaItem,
    Base,
    Committee,
    CommitteeMember,
    Invitation,
    Meeting,
    Organisation,
    Person,
    StatementSpeaker,
)
from clu_desktop.errors import UserError
from clu_desktop.services.directory import committees as directory_committees
from clu_desktop.services.directory import common as directory_common
from clu_desktop.services.directory import merge as directory_merge
from clu_desktop.services.directory import organisations as directory_organisations
from clu_desktop.services.directory import people as directory_people

BEGUE, THIRARD, GUY, KREZEL = 1, 14, 6, 7  # people of the December 2023 demo
SRU = 12  # Service de la Relation aux Usagers


def dump(db) -> dict[str, list[tuple]]:
    """Every row of every table, in primary key order."""
    with db.reading() as session:
        return {
            table.name: [
                tuple(row)
                for row in session.execute(select(table).order_by(*table.primary_key.columns)).all()
            ]
            for table in Base.metadata.sorted_tables
        }


def names(rows) -> list[str]:
    return [row.display_name for row in rows]


# Search


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("begue", ["Mme Mylène BÉGUÉ"]),
        ("BÉGUÉ", ["Mme Mylène BÉGUÉ"]),
        ("mylene begue", ["Mme Mylène BÉGUÉ"]),
        ("maires", ["M. Bernard GUY", "M. Eric KREZEL"]),
        ("maires ruraux", ["M. Eric KREZEL"]),
        ("sgcd-sru", ["Mme Mylène BÉGUÉ", "M. Hugues CAULLET"]),
        ("haute-marne.gouv", ["Mme Mylène BÉGUÉ"]),
        ("secretaire general", ["M. Guillaume THIRARD"]),
        ("personne inconnue", []),
    ],
)
def test_search_ignores_accents_and_case_over_every_field(demo_db, query, expected):
    with demo_db.reading() as session:
        assert names(directory_people.search_people(session, query)) == expected


def test_search_results_carry_organisation_and_committees(demo_db):
    with demo_db.reading() as session:
        everyone = directory_people.search_people(session, "")
        (begue,) = directory_people.search_people(session, "begue")
    assert len(everyone) == 15
    assert names(everyone)[:2] == ["Mme Mylène BÉGUÉ", "M. Hugues CAULLET"]  # by NAME
    assert begue.organisation_id == SRU
    assert begue.organisation_name == "Service de la Relation aux Usagers"
    assert begue.email == "mylene.begue@haute-marne.gouv.fr"
    assert begue.committees == ("Comité local des usagers",)
    assert begue.label == "Mme Mylène BÉGUÉ (Service de la Relation aux Usagers)"


def test_search_among_two_thousand_people(db):
    rng = random.Random(7)
    surnames = ["Bégué", "Lefèvre", "Müller", "Dupont", "Œuvray", "Garçon", "Martin", "Noël"]
    with db.transaction() as session:
        organisations = [
            Organisation(name=f"Mairie n°{i} de Saint-Étienne-lès-Bois") for i in range(300)
        ]
        session.add_all(organisations)
        people = []
        for i in range(2000):
            surname = surnames[i % len(surnames)]
            people.append(
                Person(
                    civility=rng.choice(directory_people.CIVILITIES),
                    first_name=f"Prénom{i:04d}",
                    last_name=surname.upper() if i % 2 else surname,
                    function="Élu" if i % 5 == 0 else "Agent",
                    organisation=organisations[i % 300],
                    email=f"p{i}@exemple.fr",
                )
            )
        session.add_all(people)
    with db.reading() as session:
        for _ in range(5):  # as a user types, each keystroke searches again
            assert len(directory_people.search_people(session, "begue")) == 250
            assert len(directory_people.search_people(session, "OEUVRAY")) == 250
            assert len(directory_people.search_people(session, "lefevre elu")) == 50
            in_mairie_7x = [i for i in range(2000) if str(i % 300).startswith("7")]
            found = directory_people.search_people(session, "saint-etienne-les-bois N°7")
            assert sorted(int(p.first_name[6:]) for p in found) == in_mairie_7x
            (found,) = directory_people.search_people(session, "prenom1234")
            assert found.last_name == "Müller"
            assert found.organisation_name == "Mairie n°34 de Saint-Étienne-lès-Bois"
            assert len(directory_people.search_people(session, "")) == 2000


# People


def test_add_person_checks_values_in_french(db):
    with db.transaction() as session, pytest.raises(UserError, match="« NOM » est trop long"):
        directory_people.add_person(session, "x" * 10_000)
    with db.transaction() as session, pytest.raises(UserError, match="ne peut pas être vide"):
        directory_people.add_person(session, "   ", first_name="Jean")
    with db.transaction() as session, pytest.raises(UserError, match="Courriel"):
        directory_people.add_person(session, "Dupont", email="jean dupont@exemple.fr")
    with db.transaction() as session, pytest.raises(UserError, match="Courriel"):
        directory_people.add_person(session, "Dupont", email="jean.exemple.fr")
    with db.reading() as session:
        assert directory_people.search_people(session) == []


def test_markup_and_ampersands_are_stored_literally(db):
    with db.transaction() as session:
        org = directory_organisations.add_organisation(session, "AT&T <France>", acronym="AT&T")
        pid = directory_people.add_person(
            session, "<b>x</b>", first_name="  Jean  ", organisation_id=org, civility="Dr"
        )
    with db.reading() as session:
        person = directory_people.get_person(session, pid)
        (org_row,) = directory_organisations.list_organisations(session, "at&t")
    assert person.last_name == "<b>x</b>"
    assert person.first_name == "Jean"
    assert person.civility == "Dr"
    assert person.organisation_name == "AT&T <France>"
    assert org_row.label == "AT&T <France> (AT&T)"


def test_set_person_field_returns_the_stored_value(demo_db):
    with demo_db.transaction() as session:
        assert (
            directory_people.set_person_field(session, BEGUE, "phone", " 03 25 30 21 03 ")
            == "03 25 30 21 03"
        )
        assert directory_people.set_person_field(session, BEGUE, "function", "") is None
        with pytest.raises(UserError, match="ne peut pas être vide"):
            directory_people.set_person_field(session, BEGUE, "last_name", "")
        with pytest.raises(UserError, match="organisme n'existe plus"):
            directory_people.set_person_field(session, BEGUE, "organisation_id", 999)
    with demo_db.reading() as session:
        person = directory_people.get_person(session, BEGUE)
    assert (person.phone, person.function, person.last_name) == ("03 25 30 21 03", None, "BÉGUÉ")


def test_delete_person_keeps_printed_attendance_and_restores_exactly(demo_db):
    before = dump(demo_db)
    with demo_db.reading() as session:
        usage = directory_people.person_usage(session, THIRARD)
    assert (usage.committees, usage.invitations, usage.meeting_roles, usage.statements) == (
        1,
        1,
        1,
        2,
    )
    with demo_db.transaction() as session:
        snapshot = directory_people.delete_person(session, THIRARD)
    with demo_db.reading() as session:
        assert session.get(Person, THIRARD) is None
        invitation = session.get(Invitation, 1)
        assert invitation.person_id is None
        assert invitation.printed_last_name == "THIRARD"
        assert session.get(Meeting, 1).chair_id is None
    with demo_db.transaction() as session:
        directory_common.restore_snapshot(session, snapshot)
    assert dump(demo_db) == before


# Merging people


@pytest.fixture
def duplicate(demo_db) -> int:
    """A second record of M. Guillaume THIRARD, linked to many things."""
    with demo_db.transaction() as session:
        other = Person(
            first_name="Guillaume",
            last_name="Thirard",
            phone="03 25 30 52 52",
            email="guillaume.thirard@haute-marne.gouv.fr",
            notes="Fiche saisie en double.",
        )
        session.add(other)
        session.flush()
        meeting = session.get(Meeting, 1)
        extra = Committee(name="Comité France Services")
        session.add(extra)
        session.flush()
        session.add_all(
            [
                CommitteeMember(committee_id=1, person_id=other.id, role="invité", position=15),
                CommitteeMember(committee_id=extra.id, person_id=other.id, position=0),
                Invitation(
                    meeting_id=1, person_id=other.id, position=15, printed_last_name="THIRARD"
                ),
                StatementSpeaker(statement_id=2, person_id=other.id, position=1),
                StatementSpeaker(statement_id=3, person_id=other.id, position=1),
            ]
        )
        session.get(Invitation, 15).represented_by_id = other.id
        session.get(Action, 1).owner_id = other.id
        session.get(AgendaItem, 1).presenter_id = other.id
        meeting.contact_id = other.id
        return other.id


def test_merge_people_moves_every_reference_and_fills_empty_fields(demo_db, duplicate):
    with demo_db.transaction() as session:
        directory_merge.merge_people(session, THIRARD, duplicate)
    with demo_db.reading() as session:
        assert session.get(Person, duplicate) is None
        kept = directory_people.get_person(session, THIRARD)
        assert kept.phone == "03 25 30 52 52"
        assert kept.email == "guillaume.thirard@haute-marne.gouv.fr"
        assert kept.notes == "Fiche saisie en double."
        assert kept.civility == "M."  # not overwritten
        assert kept.committees == ("Comité France Services", "Comité local des usagers")
        seats = session.scalars(select(CommitteeMember).where(CommitteeMember.committee_id == 1))
        assert [m.role for m in seats if m.person_id == THIRARD] == ["président"]
        invitations = session.scalars(select(Invitation).where(Invitation.person_id == THIRARD))
        assert [inv.id for inv in invitations] == [1]  # the kept person's own invitation
        assert session.get(Invitation, 15).represented_by_id == THIRARD
        speakers = session.scalars(
            select(StatementSpeaker.statement_id).where(StatementSpeaker.person_id == THIRARD)
        )
        assert sorted(speakers) == [2, 3, 5]
        assert session.get(Action, 1).owner_id == THIRARD
        assert session.get(AgendaItem, 1).presenter_id == THIRARD
        assert session.get(Meeting, 1).contact_id == THIRARD


def test_merge_people_then_undo_restores_the_database_exactly(demo_db, duplicate):
    before = dump(demo_db)
    with demo_db.transaction() as session:
        snapshot = directory_merge.merge_people(
            session, duplicate, THIRARD
        )  # keep the newer record
    assert dump(demo_db) != before
    with demo_db.transaction() as session:
        directory_common.restore_snapshot(session, snapshot)
    assert dump(demo_db) == before


def test_merge_refuses_one_person_with_itself(demo_db):
    with demo_db.transaction() as session, pytest.raises(UserError, match="deux personnes"):
        directory_merge.merge_people(session, GUY, GUY)


# Organisations


def test_organisations_list_counts_people_and_searches(demo_db):
    with demo_db.reading() as session:
        rows = directory_organisations.list_organisations(session)
        maires = directory_organisations.list_organisations(session, "MAIRES")
        sru = directory_organisations.list_organisations(session, "sru")
    assert len(rows) == 13
    assert [r.name for r in maires] == [
        "Association des Maires de la Haute-Marne",
        "Association des maires ruraux de la Haute-Marne",
    ]
    assert [(r.name, r.internal, r.people_count) for r in sru] == [
        ("Service de la Relation aux Usagers", True, 2)
    ]


def test_organisation_validation_and_delete(demo_db):
    with demo_db.transaction() as session, pytest.raises(UserError, match="existe déjà"):
        directory_organisations.add_organisation(session, "défenseur des droits")
    with demo_db.transaction() as session, pytest.raises(UserError, match="trop long"):
        directory_organisations.add_organisation(session, "O" * 301)
    with demo_db.transaction() as session, pytest.raises(UserError, match="2 personnes"):
        directory_organisations.delete_organisation(session, SRU)
    with demo_db.transaction() as session:
        new = directory_organisations.add_organisation(
            session, "France Services de Langres", internal=False
        )
        assert (
            directory_organisations.set_organisation_field(session, new, "acronym", " FS ") == "FS"
        )
        assert (
            directory_organisations.set_organisation_field(session, new, "internal", True) is True
        )
    before = dump(demo_db)
    with demo_db.transaction() as session:
        snapshot = directory_organisations.delete_organisation(session, new)
    with demo_db.reading() as session:
        assert "France Services de Langres" not in [
            r.name for r in directory_organisations.list_organisations(session)
        ]
    with demo_db.transaction() as session:
        directory_common.restore_snapshot(session, snapshot)
    assert dump(demo_db) == before


def test_merge_organisations_moves_people_and_undo_is_exact(demo_db):
    with demo_db.transaction() as session:
        twin = directory_organisations.add_organisation(
            session, "AMF 52", acronym="AMF52", address="Chaumont"
        )
        directory_people.add_person(session, "Durand", organisation_id=twin)
        directory_people.set_person_field(session, KREZEL, "organisation_id", twin)
    before = dump(demo_db)
    with demo_db.transaction() as session:
        snapshot = directory_merge.merge_organisations(session, 1, twin)
    with demo_db.reading() as session:
        kept = directory_organisations.get_organisation(session, 1)
        assert (kept.acronym, kept.address, kept.people_count) == ("AMF52", "Chaumont", 3)
        assert session.get(Organisation, twin) is None
        assert names(directory_people.search_people(session, "maires de la haute-marne")) == [
            "DURAND",
            "M. Bernard GUY",
            "M. Eric KREZEL",
        ]
    with demo_db.transaction() as session:
        directory_common.restore_snapshot(session, snapshot)
    assert dump(demo_db) == before


# Committees


def test_committee_members_keep_their_order(demo_db):
    with demo_db.transaction() as session:
        cid = directory_committees.add_committee(
            session, "Comité des usagers étrangers", acronym="CUE"
        )
        for pid in (GUY, KREZEL, BEGUE):
            directory_committees.add_member(session, cid, pid)
        with pytest.raises(UserError, match="déjà membre"):
            directory_committees.add_member(session, cid, GUY)
    with demo_db.reading() as session:
        members = directory_committees.list_members(session, cid)
    assert [m.name for m in members] == ["M. Bernard GUY", "M. Eric KREZEL", "Mme Mylène BÉGUÉ"]
    assert members[2].label == "Mme Mylène BÉGUÉ (Service de la Relation aux Usagers)"

    with demo_db.transaction() as session:
        previous = directory_committees.move_member(session, members[2].id, -2)
        directory_committees.set_member_role(session, members[2].id, "présidente")
    with demo_db.reading() as session:
        moved = directory_committees.list_members(session, cid)
    assert [(m.name, m.role) for m in moved] == [
        ("Mme Mylène BÉGUÉ", "présidente"),
        ("M. Bernard GUY", "membre"),
        ("M. Eric KREZEL", "membre"),
    ]
    with demo_db.transaction() as session:
        directory_committees.set_member_positions(session, previous)
        snapshot = directory_committees.remove_member(session, members[1].id)
    with demo_db.reading() as session:
        assert [m.name for m in directory_committees.list_members(session, cid)] == [
            "M. Bernard GUY",
            "Mme Mylène BÉGUÉ",
        ]
    with demo_db.transaction() as session:
        directory_common.restore_snapshot(session, snapshot)
    with demo_db.reading() as session:
        assert [m.name for m in directory_committees.list_members(session, cid)] == [
            "M. Bernard GUY",
            "M. Eric KREZEL",
            "Mme Mylène BÉGUÉ",
        ]


def test_committees_list_rename_and_delete(demo_db):
    with demo_db.transaction() as session:
        with pytest.raises(UserError, match="existe déjà"):
            directory_committees.add_committee(session, "comite local des usagers")
        cid = directory_committees.add_committee(session, "Comité usagers handicap")
        directory_committees.set_committee_field(session, cid, "name", "Comité usagers et handicap")
        with pytest.raises(UserError, match="a tenu 1 séance"):
            directory_committees.delete_committee(session, 1)
    with demo_db.reading() as session:
        rows = directory_committees.list_committees(session)
        assert [(r.name, r.member_count, r.meeting_count) for r in rows] == [
            ("Comité local des usagers", 15, 1),
            ("Comité usagers et handicap", 0, 0),
        ]
        assert [r.name for r in directory_committees.list_committees(session, "begue")] == [
            "Comité local des usagers"
        ]
    with demo_db.transaction() as session:
        directory_committees.delete_committee(session, cid)
    with demo_db.reading() as session:
        assert len(directory_committees.list_committees(session)) == 1
