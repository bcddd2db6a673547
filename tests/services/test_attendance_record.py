"""Attendance as the record counts it: proxies and substitutes told apart, people not
ticked marked absent when the live window closes, counts the pages show."""

from __future__ import annotations

import datetime as dt

import pytest

from clu_desktop.domain import AttendanceStatus, Representation
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.presence import (
    list_attendance,
    mark_unanswered_absent,
    restore_invitation_states,
    set_represented,
    set_status,
    set_times,
)
from clu_desktop.services.meetings.record import meeting_record, set_record_setting

P, R = AttendanceStatus, Representation


def rows(db, meeting_id=1):
    with db.reading() as session:
        return {row.name.split()[-1]: row for row in list_attendance(session, meeting_id)}


def test_unanswered_are_marked_absent_in_one_go_and_put_back(demo_db):
    people = rows(demo_db)
    with demo_db.transaction() as session:
        for name in ("GUY", "SIMON"):
            set_status(session, people[name].id, P.INVITED)
    with demo_db.transaction() as session:
        states = mark_unanswered_absent(session, 1)
    assert [s.invitation_id for s in states] == [people["GUY"].id, people["SIMON"].id]
    after = rows(demo_db)
    assert (after["GUY"].status, after["SIMON"].status) == (P.ABSENT, P.ABSENT)
    assert after["THIRARD"].status is P.PRESENT  # the others are left alone
    assert after["KREZEL"].status is P.EXCUSED
    with demo_db.reading() as session:
        counts = meeting_record(session, 1).counts
    assert (counts.absent, counts.unanswered, counts.absent_answered) == (2, 0, 2)
    with demo_db.transaction() as session:
        restore_invitation_states(session, states)
    back = rows(demo_db)
    assert (back["GUY"].status, back["SIMON"].status) == (P.INVITED, P.INVITED)


def test_nobody_unanswered_marks_nothing(demo_db):
    with demo_db.transaction() as session:
        assert mark_unanswered_absent(session, 1) == []
    assert rows(demo_db)["KREZEL"].status is P.EXCUSED


def test_an_arrival_typed_for_someone_represented_drops_the_representation(demo_db):
    people = rows(demo_db)
    with demo_db.transaction() as session:
        set_represented(
            session,
            people["GUY"].id,
            person_id=people["DORAFI"].person_id,
            representation=R.PROXY,
        )
        set_times(session, people["GUY"].id, dt.time(14, 5), None)
    guy = rows(demo_db)["GUY"]
    assert (guy.status, guy.representation, guy.represented_by) == (P.PRESENT, None, None)
    with demo_db.reading() as session:
        assert meeting_record(session, 1).counts.proxies == 0


def test_counts_of_proxies_votants_and_the_expected(demo_db):
    people = rows(demo_db)
    with demo_db.transaction() as session:
        set_record_setting(session, 1, "votes", True)
        set_represented(
            session,
            people["GUY"].id,
            person_id=people["DORAFI"].person_id,
            representation=R.PROXY,
        )
        set_represented(session, people["SIMON"].id, name="Mme Jeanne DURAND")
        set_status(session, people["PIERRON"].id, P.INVITED)
    with demo_db.reading() as session:
        counts = meeting_record(session, 1).counts
    assert (counts.present, counts.represented, counts.proxies) == (11, 2, 1)
    assert counts.voters == counts.present + 1
    assert counts.expected == 12  # the present and the one not yet answered


def test_a_proxy_to_oneself_or_a_typed_name_is_refused(demo_db):
    guy = rows(demo_db)["GUY"]
    with demo_db.transaction() as session, pytest.raises(UserError) as oneself:
        set_represented(session, guy.id, person_id=guy.person_id, representation=R.PROXY)
    assert "à elle-même" in str(oneself.value)
    with demo_db.transaction() as session, pytest.raises(UserError) as typed:
        set_represented(session, guy.id, name="Mme Jeanne DURAND", representation=R.PROXY)
    assert "un nom tapé ne suffit pas" in str(typed.value)
    assert rows(demo_db)["GUY"].status is P.PRESENT
