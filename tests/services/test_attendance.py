"""Attendance before and during the meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from clu_desktop.domain import AttendanceStatus
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.presence import (
    list_attendance,
    mark_present,
    matching,
    restore_invitation_state,
    set_represented,
    set_status,
    set_times,
)
from clu_desktop.services.meetings.listing import duplicate_as_next
from clu_desktop.services.meetings.record import meeting_record

P = AttendanceStatus


@pytest.fixture
def meeting_id(demo_db):
    """The meeting after the demo one: its 15 people invited, no answer yet."""
    with demo_db.transaction() as session:
        return duplicate_as_next(session, 1)


def record_counts(db, meeting_id):
    """The counts the pages and the documents show (services.meetings.record)."""
    with db.reading() as session:
        return meeting_record(session, meeting_id).counts


def rows(db, meeting_id):
    with db.reading() as session:
        return list_attendance(session, meeting_id)


def by_name(db, meeting_id, text):
    (row,) = [r for r in rows(db, meeting_id) if text in r.name]
    return row


def test_demo_attendance_and_counts(demo_db):
    listed = rows(demo_db, 1)
    counts = record_counts(demo_db, 1)
    assert (counts.present, counts.excused, counts.represented) == (14, 1, 0)
    assert listed[0].label == "M. Guillaume THIRARD (Préfecture de la Haute-Marne)"


def test_tick_present_stamps_the_time_and_undo_restores(demo_db, meeting_id):
    guy = by_name(demo_db, meeting_id, "GUY")
    with demo_db.transaction() as session:
        before = mark_present(session, guy.id, dt.time(14, 32, 10, 999))
    ticked = by_name(demo_db, meeting_id, "GUY")
    assert (ticked.status, ticked.arrived_at) == (P.PRESENT, dt.time(14, 32, 10))
    with demo_db.transaction() as session:
        restore_invitation_state(session, before)
    assert by_name(demo_db, meeting_id, "GUY").status is P.INVITED
    assert by_name(demo_db, meeting_id, "GUY").arrived_at is None


def test_typing_a_few_letters_narrows_the_list(demo_db, meeting_id):
    listed = rows(demo_db, meeting_id)
    assert [r.name for r in matching(listed, "gu")] == ["M. Guillaume THIRARD", "M. Bernard GUY"]
    assert [r.name for r in matching(listed, "guy")] == ["M. Bernard GUY"]
    assert [r.name for r in matching(listed, "begu")] == ["Mme Mylène BÉGUÉ"]
    maires = matching(listed, "maires hau")
    assert [r.name for r in maires] == ["M. Bernard GUY", "M. Eric KREZEL"]
    assert len(matching(listed, "")) == 15


def test_representation_by_someone_or_a_typed_name(demo_db, meeting_id):
    guy, dorafi = by_name(demo_db, meeting_id, "GUY"), by_name(demo_db, meeting_id, "DORAFI")
    with demo_db.transaction() as session:
        set_represented(session, guy.id, person_id=dorafi.person_id)
        set_represented(session, dorafi.id, name="Mme Jeanne DURAND")
    assert by_name(demo_db, meeting_id, "GUY").represented_by == "M. Abderrazak DORAFI"
    assert by_name(demo_db, meeting_id, "DORAFI").represented_by == "Mme Jeanne DURAND"
    assert record_counts(demo_db, meeting_id).represented == 2


def test_self_representation_and_loops_are_refused(demo_db, meeting_id):
    guy, dorafi = by_name(demo_db, meeting_id, "GUY"), by_name(demo_db, meeting_id, "DORAFI")
    simon = by_name(demo_db, meeting_id, "SIMON")
    with pytest.raises(UserError, match="elle-même"), demo_db.transaction() as session:
        set_represented(session, guy.id, person_id=guy.person_id)
    with demo_db.transaction() as session:
        set_represented(session, guy.id, person_id=dorafi.person_id)
        set_represented(session, dorafi.id, person_id=simon.person_id)
    with pytest.raises(UserError, match="boucle"), demo_db.transaction() as session:
        set_represented(session, simon.id, person_id=guy.person_id)
    assert by_name(demo_db, meeting_id, "SIMON").status is P.INVITED


def test_departure_before_arrival_is_refused(demo_db, meeting_id):
    guy = by_name(demo_db, meeting_id, "GUY")
    with pytest.raises(UserError, match="fin est avant"), demo_db.transaction() as session:
        set_times(session, guy.id, dt.time(15, 0), dt.time(14, 0))
    with demo_db.transaction() as session:
        set_times(session, guy.id, dt.time(14, 40), dt.time(16, 0))
    row = by_name(demo_db, meeting_id, "GUY")
    assert (row.status, row.arrived_at, row.left_at) == (P.PRESENT, dt.time(14, 40), dt.time(16))


def test_excused_clears_times_and_representation(demo_db, meeting_id):
    guy = by_name(demo_db, meeting_id, "GUY")
    with demo_db.transaction() as session:
        mark_present(session, guy.id, dt.time(14, 30))
        set_status(session, guy.id, P.EXCUSED)
    row = by_name(demo_db, meeting_id, "GUY")
    assert (row.status, row.arrived_at) == (P.EXCUSED, None)
    with pytest.raises(UserError, match="par qui"), demo_db.transaction() as session:
        set_status(session, guy.id, P.REPRESENTED)
