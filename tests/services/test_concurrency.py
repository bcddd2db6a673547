"""Two workstations editing the same meeting (shared mode): the second save is refused.

Two ``Database`` objects opened on the same database are two workstations.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from clu_desktop.domain import AttendanceStatus, Meeting
from clu_desktop.errors import ConflictError, UserError
from clu_desktop.services.agenda.items import ITEM_LABELS, get_item_row, list_agenda, update_item
from clu_desktop.services.attendance.presence import (
    ATTENDANCE_LABELS,
    list_attendance,
    restore_invitation_state,
    set_note,
    set_status,
)
from clu_desktop.services.concurrency import (
    changed_fields,
    check_version,
    conflict_message,
)
from clu_desktop.services.directory.organisations import get_organisation, save_organisation_field
from clu_desktop.services.directory.people import (
    PERSON_LABELS,
    get_person,
    save_person_field,
    set_person_field,
    update_person,
)
from clu_desktop.services.meetings.details import (
    FIELD_LABELS,
    MEETING,
    get_meeting_details,
    restore_meeting_fields,
    update_meeting,
)
from clu_desktop.store.database import Database, create_database_engine


@pytest.fixture
def other(demo_db):
    """Workstation B, on the database of workstation A (``demo_db``)."""
    database = Database.for_engine(create_database_engine(demo_db.url))
    yield database
    database.dispose()


def details(db, meeting_id=1):
    with db.reading() as session:
        return get_meeting_details(session, meeting_id)


def update(db, field, value, seen=None):
    with db.transaction() as session:
        return update_meeting(session, 1, field, value, seen)


def test_a_save_at_an_old_version_is_refused_and_names_the_other_change(demo_db, other):
    shown = details(demo_db)  # A reads
    update(demo_db, "place", "Salle A")
    shown = details(demo_db)
    update(other, "place", "Salle B", shown.version)  # B saves
    with pytest.raises(ConflictError) as raised:
        update(demo_db, "title", "Titre de A", shown.version)  # A saves what it saw
    assert "modifiée sur un autre poste" in str(raised.value)
    fresh = details(demo_db)
    assert fresh.title == shown.title  # nothing of A written
    assert fresh.place == "Salle B"  # B's change intact
    assert fresh.version == shown.version + 1
    changes = changed_fields(shown, fresh, FIELD_LABELS)
    assert conflict_message(MEETING, changes, "Intitulé", "Titre de A") == (
        "Cette séance a été modifiée sur un autre poste pendant que vous la modifiiez : "
        "Lieu : « Salle A » → « Salle B ». Votre modification (Intitulé) n'a pas été "
        "enregistrée ; la page affiche maintenant la version à jour. "
        "Votre saisie : « Titre de A »."
    )


def test_consecutive_saves_of_one_workstation_never_conflict(demo_db):
    version = details(demo_db).version
    for typed in ("T", "Ti", "Tit", "Titr", "Titre"):
        change = update(demo_db, "title", typed, version)
        assert change.version == version + 1
        version = change.version
    change = update(demo_db, "title", "Titre", version)  # the same value: no new version
    assert change.version == version
    with demo_db.transaction() as session:
        version = restore_meeting_fields(session, 1, change.before | {"place": "X"}, version)
    assert details(demo_db).version == version
    assert details(demo_db).place == "X"


def test_undo_after_a_conflict_does_not_overwrite_the_other_change(demo_db, other):
    change = update(demo_db, "place", "Salle A", details(demo_db).version)
    update(other, "place", "Salle B")  # B saves after A
    with pytest.raises(ConflictError), demo_db.transaction() as session:
        restore_meeting_fields(session, 1, change.before, change.version)  # A undoes
    assert details(demo_db).place == "Salle B"


def test_without_a_version_there_is_no_check(demo_db, other):
    """The command line and the imports save what they read themselves."""
    old = details(demo_db).version
    update(other, "place", "Salle B")
    update(demo_db, "title", "Titre", None)
    assert (details(demo_db).title, details(demo_db).place) == ("Titre", "Salle B")
    with demo_db.reading() as session:
        meeting = session.get(Meeting, 1)
        check_version(meeting, old + 2, MEETING)
        with pytest.raises(ConflictError):
            check_version(meeting, old, MEETING)
    assert issubclass(ConflictError, UserError)


def test_a_write_racing_another_one_is_rolled_back_with_a_french_message(demo_db):
    """The version column is the safety net between the check and the write."""
    with pytest.raises(ConflictError) as raised, demo_db.transaction() as session:
        meeting = session.get(Meeting, 1)
        # Another workstation's UPDATE lands between our read and our write.
        session.execute(text("UPDATE meeting SET version = version + 1, title = 'B'"))
        meeting.place = "Salle A"
        session.flush()
    assert "modifié sur un autre poste" in str(raised.value)
    assert details(demo_db).place != "Salle A"
    assert details(demo_db).title != "B"  # the whole transaction was rolled back


def test_an_agenda_item_saved_elsewhere_is_not_overwritten(demo_db, other):
    with demo_db.reading() as session:
        shown = list_agenda(session, 1).items[0]
    with other.transaction() as session:  # B changes the duration
        update_item(session, shown.id, duration_minutes=25, seen_version=shown.version)
    refused = pytest.raises(ConflictError, match="Ce point de l'ordre du jour a été modifié")
    with refused, demo_db.transaction() as session:  # A changes the title
        update_item(session, shown.id, title="Titre de A", seen_version=shown.version)
    with demo_db.reading() as session:
        fresh = get_item_row(session, shown.id)
    assert (fresh.title, fresh.duration_minutes) == (shown.title, 25)
    assert changed_fields(shown, fresh, ITEM_LABELS) == [
        f"Durée prévue : « {shown.duration_minutes} » → « 25 »"
        if shown.duration_minutes
        else "Durée prévue : (vide) → « 25 »"
    ]
    version = fresh.version
    for typed in ("T", "Ti", "Tit"):  # A's own consecutive saves
        with demo_db.transaction() as session:
            version = update_item(session, shown.id, title=typed, seen_version=version).version
    assert version == fresh.version + 3


def test_a_person_and_an_organisation_saved_elsewhere_are_not_overwritten(demo_db, other):
    with demo_db.reading() as session:
        person = get_person(session, 1)
        organisation = get_organisation(session, person.organisation_id)
    with other.transaction() as session:
        save_person_field(session, 1, "phone", "01", person.version)
        save_organisation_field(session, organisation.id, "acronym", "B", organisation.version)

    def refused(what: str):
        return pytest.raises(ConflictError, match=f"{what} a été modifiée? sur un autre poste")

    with refused("Cette personne"), demo_db.transaction() as session:
        save_person_field(session, 1, "function", "A", person.version)
    with refused("Cet organisme"), demo_db.transaction() as session:
        save_organisation_field(session, organisation.id, "notes", "A", organisation.version)
    with pytest.raises(ConflictError), demo_db.transaction() as session:
        update_person(session, 1, seen_version=person.version, function="A")
    with demo_db.reading() as session:
        fresh = get_person(session, 1)
        assert get_organisation(session, organisation.id).acronym == "B"
    assert (fresh.function, fresh.phone) == (person.function, "01")
    assert changed_fields(person, fresh, PERSON_LABELS) == [
        f"Téléphone : « {person.phone} » → « 01 »"
        if person.phone
        else "Téléphone : (vide) → « 01 »"
    ]
    with demo_db.transaction() as session:  # A's own consecutive saves
        saved = save_person_field(session, 1, "function", "A", fresh.version)
        saved = save_person_field(session, 1, "function", "AB", saved.version)
        assert set_person_field(session, 1, "notes", "  n ", saved.version) == "n"


def test_an_attendance_changed_elsewhere_is_not_overwritten(demo_db, other):
    with demo_db.reading() as session:
        shown = list_attendance(session, 1)[0]
    with other.transaction() as session:  # B notes something
        set_note(session, shown.id, "Note de B", shown.version)
    refused = pytest.raises(ConflictError, match=r"La présence de .* a été modifiée sur un autre")
    with refused, demo_db.transaction() as session:  # A changes the status
        set_status(session, shown.id, AttendanceStatus.EXCUSED, shown.version)
    with demo_db.reading() as session:
        fresh = list_attendance(session, 1)[0]
    assert (fresh.status, fresh.note) == (shown.status, "Note de B")
    assert changed_fields(shown, fresh, ATTENDANCE_LABELS)[-1].endswith("→ « Note de B »")
    with demo_db.transaction() as session:  # A's own consecutive changes
        before = set_status(session, shown.id, AttendanceStatus.EXCUSED, fresh.version)
    with demo_db.transaction() as session:
        set_note(session, shown.id, "Note de A", fresh.version + 1)
    with other.transaction() as session:  # B changes the status back
        set_status(session, shown.id, AttendanceStatus.ABSENT)
    with pytest.raises(ConflictError), demo_db.transaction() as session:  # A's undo
        restore_invitation_state(session, before, fresh.version + 2)
    with demo_db.reading() as session:
        assert list_attendance(session, 1)[0].status is AttendanceStatus.ABSENT
