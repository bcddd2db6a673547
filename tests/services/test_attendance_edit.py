"""Inviting one person, withdrawing invitations and putting them back exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from clu_desktop.domain import AttendanceStatus
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.edit import (
    invite_person,
    restore_invitations,
    withdraw_invitations,
)
from clu_desktop.services.attendance.presence import list_attendance, mark_present, set_note
from clu_desktop.services.directory.people import add_person, delete_person


def rows(db, meeting_id=1):
    with db.reading() as session:
        return list_attendance(session, meeting_id)


def test_invite_a_person_at_the_end_then_refuse_twice(demo_db):
    with demo_db.transaction() as session:
        person_id = add_person(session, "DURAND", first_name="Jeanne", civility="Mme")
    with demo_db.transaction() as session:
        invitation_id = invite_person(session, 1, person_id)
    last = rows(demo_db)[-1]
    assert (last.id, last.name, last.status) == (
        invitation_id,
        "Mme Jeanne DURAND",
        AttendanceStatus.INVITED,
    )
    with (
        pytest.raises(UserError, match="Mme Jeanne DURAND est déjà dans la liste"),
        demo_db.transaction() as session,
    ):
        invite_person(session, 1, person_id)
    with (
        pytest.raises(UserError, match="n'existe plus dans l'annuaire"),
        demo_db.transaction() as session,
    ):
        invite_person(session, 1, 9999)


def test_withdraw_then_restore_gives_back_the_same_rows(demo_db):
    before = rows(demo_db)
    with demo_db.transaction() as session:
        saved = withdraw_invitations(session, [before[1].id, before[14].id])
    assert [r.id for r in rows(demo_db)] == [r.id for r in before if r.id not in (2, 15)]
    with demo_db.transaction() as session:
        restore_invitations(session, saved)
    assert rows(demo_db) == before


def test_withdrawing_a_missing_invitation_is_refused(demo_db):
    with (
        pytest.raises(UserError, match="n'existe plus"),
        demo_db.transaction() as session,
    ):
        withdraw_invitations(session, [9999])
    assert len(rows(demo_db)) == 15


def test_restore_after_the_person_left_the_directory(demo_db):
    guy = rows(demo_db)[1]
    with demo_db.transaction() as session:
        mark_present(session, guy.id, dt.time(14, 5))
        set_note(session, guy.id, "a pris la parole")
        saved = withdraw_invitations(session, [guy.id])
    with demo_db.transaction() as session:
        delete_person(session, guy.person_id)
    with demo_db.transaction() as session:
        restore_invitations(session, saved)
    back = rows(demo_db)[1]
    assert (back.id, back.person_id, back.name, back.note) == (
        guy.id,
        None,
        "M. Bernard GUY",
        "a pris la parole",
    )


def test_restore_refused_when_the_person_was_invited_again(demo_db):
    guy = rows(demo_db)[1]
    with demo_db.transaction() as session:
        saved = withdraw_invitations(session, [guy.id])
    with demo_db.transaction() as session:
        invite_person(session, 1, guy.person_id)
    with (
        pytest.raises(UserError, match="invitée de nouveau"),
        demo_db.transaction() as session,
    ):
        restore_invitations(session, saved)
