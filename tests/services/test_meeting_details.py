"""A meeting's details: reading them, and saving one checked field at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from clu_desktop.domain import Committee, Identity, Meeting, MeetingStatus, Organisation, Person
from clu_desktop.errors import UserError
from clu_desktop.rules.fields import IncompleteValue
from clu_desktop.services.meetings.details import (
    DELEGATION_FEMALE,
    DELEGATION_MALE,
    committee_choices,
    get_meeting_details,
    person_choices,
    proposed_delegation_formula,
    restore_meeting_fields,
    status_choices,
    update_meeting,
)


def update(db, field, value, meeting_id=1):
    with db.transaction() as session:
        return update_meeting(session, meeting_id, field, value)


def details(db, meeting_id=1):
    with db.reading() as session:
        return get_meeting_details(session, meeting_id)


def add_person(db, first, last, **extra) -> int:
    with db.transaction() as session:
        person = Person(first_name=first, last_name=last, **extra)
        session.add(person)
        session.flush()
        return person.id


def test_the_demo_meeting_reads_as_printed(db):
    from clu_desktop.services.meetings.files import load_demo

    with db.transaction() as session:
        load_demo(session)  # as imported: signed (the demo_db fixture unsigns it)
    meeting = details(db)
    assert meeting.committee_name == "Comité local des usagers"
    assert meeting.title == "Comité local des usagers (CLU)"
    assert meeting.date == dt.date(2023, 12, 20)
    assert (meeting.start_time, meeting.end_time) == (dt.time(14, 30), dt.time(16, 30))
    assert meeting.place == "Salle Louise Michel"
    assert meeting.chair_label == "M. Guillaume THIRARD"
    assert meeting.status is MeetingStatus.MINUTES_SIGNED
    assert (meeting.minutes_place, meeting.minutes_date) == ("Chaumont", dt.date(2024, 4, 8))
    assert meeting.opening_text.startswith("M. le Secrétaire Général ouvre la séance")


def test_a_missing_meeting_is_said_in_french(db):
    with db.reading() as session, pytest.raises(UserError, match="n'existe plus"):
        get_meeting_details(session, 42)


def test_choices_people_by_name_committees_and_french_statuses(demo_db):
    add_person(demo_db, "Émile", "émery")
    with demo_db.reading() as session:
        people = person_choices(session)
        committees = committee_choices(session)
    names = [p.name for p in people]
    # Accents and case do not change the order: BÉGUÉ before CAULLET, ÉMERY before GUY.
    assert names[:3] == ["Mme Mylène BÉGUÉ", "M. Hugues CAULLET", "Mme Brigitte COLLIER"]
    assert names.index("Émile ÉMERY") < names.index("M. Bernard GUY")
    assert any(p.organisation for p in people)
    assert [c.name for c in committees] == ["Comité local des usagers"]
    assert [s.label for s in status_choices()] == [
        "Prévue",
        "Tenue",
        "Compte-rendu rédigé",
        "Compte-rendu signé",
    ]


def test_title_is_saved_and_markup_kept_literally(demo_db):
    change = update(demo_db, "title", "  CLU <b>spécial</b> & co  ")
    assert change.before == {"title": "Comité local des usagers (CLU)"}
    assert change.after == {"title": "CLU <b>spécial</b> & co"}
    assert details(demo_db).title == "CLU <b>spécial</b> & co"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 10_000, "« Intitulé » est trop long : 10000 caractères, 300 au plus."),
        ("title", "   ", "« Intitulé » ne peut pas être vide."),
        ("place", "x" * 301, "« Lieu » est trop long"),
        ("minutes_place", "x" * 101, "« Lieu de signature » est trop long"),
        ("delegation_formula", "x" * 201, "« Formule de délégation » est trop long"),
        ("signatory_name", "x" * 201, "« Nom imprimé du signataire » est trop long"),
        ("contact_phone", "0" * 51, "« Téléphone » est trop long"),
        ("contact_email", "guillaume.thirard@", "n'est pas une adresse électronique"),
        ("date", None, "une séance doit avoir une date"),
        ("date", dt.date(223, 12, 20), "la date 20/12/223 n'est pas plausible"),
        ("minutes_date", dt.date(2240, 4, 8), "la date 08/04/2240 n.est pas plausible"),
        ("start_time", dt.time(17, 0), "l'heure de fin est avant l'heure de début"),
        ("end_time", dt.time(14, 0), "l'heure de fin est avant l'heure de début"),
        ("status", "finished", "n'est pas un statut de séance"),
        ("chair_id", 9999, "n'est plus dans l'annuaire"),
        ("committee_id", None, "appartient toujours à un comité"),
        ("notes", "x", "ne peut pas être modifié ici"),
    ],
)
def test_refused_values_leave_the_meeting_unchanged(demo_db, field, value, message):
    before = details(demo_db)
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        update(demo_db, field, value)
    assert details(demo_db) == before


def test_an_unfinished_value_is_marked_as_such(demo_db):
    with pytest.raises(IncompleteValue):
        update(demo_db, "contact_email", "prenom.nom@")
    with pytest.raises(IncompleteValue):
        update(demo_db, "title", "")


def test_times_dates_status_and_texts(demo_db):
    update(demo_db, "end_time", dt.time(17, 15, 42))
    update(demo_db, "start_time", dt.time(17, 15))  # equal times are allowed
    update(demo_db, "date", dt.date(2024, 1, 9))
    update(demo_db, "minutes_date", None)
    update(demo_db, "status", "held")
    update(demo_db, "opening_text", "Première ligne\nSeconde ligne\n")
    update(demo_db, "contact_email", "mylene.begue@haute-marne.gouv.fr")
    meeting = details(demo_db)
    assert (meeting.start_time, meeting.end_time) == (dt.time(17, 15), dt.time(17, 15))
    assert meeting.date == dt.date(2024, 1, 9)
    assert meeting.minutes_date is None
    assert meeting.status is MeetingStatus.HELD
    assert meeting.opening_text == "Première ligne\nSeconde ligne"
    assert meeting.contact_email == "mylene.begue@haute-marne.gouv.fr"


def test_choosing_the_signatory_fills_name_and_title(demo_db):
    meeting = details(demo_db)
    assert (meeting.signatory_id, meeting.signatory_name) == (14, "Guillaume THIRARD")
    assert meeting.delegation_formula == DELEGATION_FEMALE

    # The name still printed from the directory follows; the title typed by hand stays.
    change = update(demo_db, "signatory_id", 6)  # Bernard GUY, Président
    meeting = details(demo_db)
    assert meeting.signatory_name == "Bernard GUY"
    assert meeting.signatory_title == "Le Secrétaire Général"
    assert change.before == {
        "signatory_id": 14,
        "signatory_name": "Guillaume THIRARD",
        "signatory_title": "Le Secrétaire Général",
    }

    # Empty printed text is filled from the directory.
    update(demo_db, "signatory_title", "")
    update(demo_db, "signatory_id", 14)
    meeting = details(demo_db)
    assert meeting.signatory_name == "Guillaume THIRARD"
    assert meeting.signatory_title == "Secrétaire Général de la Préfecture de la Haute-Marne"

    # Undo puts back every field a choice touched.
    with demo_db.transaction() as session:
        restore_meeting_fields(session, 1, change.before)
    meeting = details(demo_db)
    assert (meeting.signatory_id, meeting.signatory_name, meeting.signatory_title) == (
        14,
        "Guillaume THIRARD",
        "Le Secrétaire Général",
    )


def test_choosing_the_contact_fills_the_printed_block(demo_db):
    for field in ("contact_id", "contact_name", "contact_phone", "contact_email"):
        update(demo_db, field, None)
    update(demo_db, "contact_id", 1)  # Mylène BÉGUÉ, with an e-mail and no phone
    meeting = details(demo_db)
    assert meeting.contact_name == "Mylène BÉGUÉ"
    assert meeting.contact_email == "mylene.begue@haute-marne.gouv.fr"
    assert meeting.contact_phone is None
    update(demo_db, "contact_phone", "03 25 30 21 05")
    update(demo_db, "contact_id", None)  # no contact: the printed text stays, editable
    meeting = details(demo_db)
    assert meeting.contact_id is None
    assert meeting.contact_name == "Mylène BÉGUÉ"
    assert meeting.contact_phone == "03 25 30 21 05"


def test_the_delegation_formula_follows_the_authority(db):
    with db.reading() as session:
        assert proposed_delegation_formula(session) == DELEGATION_MALE
    with db.transaction() as session:
        session.add(Identity(authority="PRÉFÈTE\nDE LA HAUTE-MARNE"))
    with db.reading() as session:
        assert proposed_delegation_formula(session) == DELEGATION_FEMALE


def test_committee_can_change_to_another(db):
    with db.transaction() as session:
        clu = Committee(name="CLU")
        other = Committee(name="Comité des usagers fusionné")
        org = Organisation(name="Préfecture")
        session.add_all([clu, other, org])
        session.add(Meeting(committee=clu, title="Séance", date=dt.date(2024, 6, 1)))
        session.flush()
        other_id = other.id
    update(db, "committee_id", other_id)
    assert details(db).committee_name == "Comité des usagers fusionné"
    with pytest.raises(UserError, match="Ce comité n'existe plus"):
        update(db, "committee_id", 999)
