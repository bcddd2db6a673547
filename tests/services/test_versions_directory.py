"""Every record a user edits is version-checked (shared mode): the directory's committees
and their members' roles, the letterhead and the settings, the walk-ins, the secretaries
of the session and the absent marks of the live window (see test_versions.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from clu_desktop.domain import AttendanceStatus
from clu_desktop.errors import ConflictError
from clu_desktop.services.attendance.presence import list_attendance, mark_present
from clu_desktop.services.concurrency import changed_fields
from clu_desktop.store.database import Database, create_database_engine


@pytest.fixture
def other(demo_db):
    """Workstation B, on the database of workstation A (``demo_db``)."""
    database = Database.for_engine(create_database_engine(demo_db.url))
    yield database
    database.dispose()


def read(db, service, *args):
    with db.reading() as session:
        return service(session, *args)


def write(db, service, *args, **kwargs):
    with db.transaction() as session:
        return service(session, *args, **kwargs)


def refused(what: str):
    return pytest.raises(ConflictError, match=f"^{what} a été modifiée? sur un autre poste")


# The directory's committees, the letterhead and the settings, the walk-ins


def test_a_committee_renamed_elsewhere_is_not_overwritten(demo_db, other):
    from clu_desktop.services.directory.committees import (
        COMMITTEE,
        COMMITTEE_LABELS,
        get_committee_row,
        save_committee_field,
    )
    from clu_desktop.services.meetings.record import get_record_settings, set_record_setting

    shown = read(demo_db, get_committee_row, 1)
    write(other, save_committee_field, 1, "acronym", "CLU-B", shown.version)
    with refused(COMMITTEE):
        write(demo_db, save_committee_field, 1, "name", "Nom de A", shown.version)
    fresh = read(demo_db, get_committee_row, 1)
    assert changed_fields(shown, fresh, COMMITTEE_LABELS) == [
        f"Sigle : « {shown.acronym} » → « CLU-B »"
        if shown.acronym
        else "Sigle : (vide) → « CLU-B »"
    ]
    # The name and the record's settings are one committee, one version.
    settings = read(demo_db, get_record_settings, 1)
    assert settings.version == fresh.version
    write(other, set_record_setting, 1, "quorum", "1/3", settings.version)
    with refused(COMMITTEE):
        write(demo_db, save_committee_field, 1, "name", "Nom de A", fresh.version)


def test_a_member_role_typed_elsewhere_is_not_overwritten(demo_db, other):
    from clu_desktop.services.directory.committees import list_members, set_member_role

    member = read(demo_db, list_members, 1)[0]
    write(other, set_member_role, member.id, "Rôle de B", member.role)
    with pytest.raises(ConflictError, match=r"^Le rôle de .* a été modifié sur un autre poste"):
        write(demo_db, set_member_role, member.id, "Rôle de A", member.role)
    assert read(demo_db, list_members, 1)[0].role == "Rôle de B"
    assert write(demo_db, set_member_role, member.id, "Rôle de A", "Rôle de B") == "Rôle de A"


def test_the_letterhead_and_the_settings_saved_elsewhere_are_not_overwritten(demo_db, other):
    from clu_desktop.services.settings import (
        IDENTITY,
        IDENTITY_LABELS,
        get_identity,
        get_minutes_date_style,
        restore_identity,
        set_default_committee_id,
        set_minutes_date_style,
        update_identity,
    )

    shown = read(demo_db, get_identity)
    write(other, update_identity, "town", "Chaumont B", shown.version)
    with refused(IDENTITY):
        write(demo_db, update_identity, "phone", "03 00 00 00 00", shown.version)
    with refused(IDENTITY):  # an undo over the other workstation's change
        write(demo_db, restore_identity, {"town": shown.town}, shown.version)
    fresh = read(demo_db, get_identity)
    assert fresh.version == shown.version + 1
    assert changed_fields(shown, fresh, IDENTITY_LABELS)[0].endswith("→ « Chaumont B »")
    write(demo_db, update_identity, "phone", "03 00 00 00 00", fresh.version)
    # A setting chosen in a list is checked against the choice the user saw.
    style = read(demo_db, get_minutes_date_style)
    other_style = "long" if style == "stamp" else "stamp"
    write(other, set_minutes_date_style, other_style, style)
    with refused("Le paramètre « Date du compte-rendu »"):
        write(demo_db, set_minutes_date_style, other_style, style)
    write(other, set_default_committee_id, None)
    with refused("Le paramètre « Comité par défaut »"):
        write(demo_db, set_default_committee_id, 1, 1)


def test_a_walk_in_changed_elsewhere_is_not_taken_back_by_undo(demo_db, other):
    from clu_desktop.services.attendance.presence import get_attendance_row, set_times
    from clu_desktop.services.attendance.walk_in import WalkInName, add_walk_in, remove_walk_in

    added = write(demo_db, add_walk_in, 1, WalkInName("VENU", "Jean"), dt.time(14, 10))
    shown = read(demo_db, get_attendance_row, added.invitation_id)
    write(other, set_times, added.invitation_id, dt.time(14, 10), dt.time(15, 0), shown.version)
    with refused("La présence de Jean VENU"):
        write(demo_db, remove_walk_in, added, shown.version)
    fresh = read(demo_db, get_attendance_row, added.invitation_id)
    assert fresh.left_at == dt.time(15, 0)
    write(demo_db, remove_walk_in, added, fresh.version)


def test_the_secretaries_are_the_meetings_and_checked_with_it(demo_db, other):
    from clu_desktop.services.meetings.details import get_meeting_details, update_meeting
    from clu_desktop.services.meetings.record import set_secretaries

    shown = read(demo_db, get_meeting_details, 1)
    people = [r.person_id for r in read(demo_db, list_attendance, 1) if r.person_id][:2]
    write(other, update_meeting, 1, "place", "Salle B", shown.version)
    with refused("Cette séance"):
        write(demo_db, set_secretaries, 1, people[:1], shown.version)
    fresh = read(demo_db, get_meeting_details, 1)
    write(demo_db, set_secretaries, 1, people[:1], fresh.version)  # a new version
    with refused("Cette séance"):  # B saw the meeting before the secretary was named
        write(other, update_meeting, 1, "place", "Salle C", fresh.version)


def test_undoing_the_absent_marks_is_refused_over_a_late_tick(demo_db, other):
    from clu_desktop.services.attendance.presence import (
        invitation_versions,
        mark_unanswered_absent,
        restore_invitation_states,
        set_status,
    )

    first = read(demo_db, list_attendance, 1)[0].id  # everyone answered in the demo
    write(demo_db, set_status, first, AttendanceStatus.INVITED)
    before = write(demo_db, mark_unanswered_absent, 1)
    ids = [state.invitation_id for state in before]
    versions = read(demo_db, invitation_versions, ids)
    late = ids[0]
    write(other, mark_present, late, dt.time(15, 0), versions[late])  # arrived late
    with refused("La présence de .*"):
        write(demo_db, restore_invitation_states, before, versions)
    row = read(demo_db, lambda s: next(r for r in list_attendance(s, 1) if r.id == late))
    assert row.arrived_at == dt.time(15, 0)
