"""Signed minutes are frozen; reopening is recorded; the signed PDF is kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from clu_desktop.domain import Action, Annex, AttendanceStatus, Meeting, MeetingStatus, Statement
from clu_desktop.domain.meetings import SignatureKind
from clu_desktop.errors import UserError
from clu_desktop.services.agenda import actions as agenda_actions
from clu_desktop.services.agenda import items as agenda
from clu_desktop.services.agenda import statements as agenda_statements
from clu_desktop.services.agenda.snapshots import delete_item
from clu_desktop.services.attendance import presence as attendance
from clu_desktop.services.attendance import walk_in as attendance_walk_in
from clu_desktop.services.attendance.edit import withdraw_invitations
from clu_desktop.services.documents.signature import (
    reopen_minutes,
    sign_minutes,
    signature_history,
    signature_state,
    signed_pdf,
)
from clu_desktop.services.meetings.details import get_meeting_details, update_meeting
from clu_desktop.services.meetings.files import load_demo
from clu_desktop.services.meetings.listing import delete_meeting, duplicate_as_next
from clu_desktop.services.quality.actions import (
    action_from_remark,
    set_plan_action_status,
    update_plan_action,
)
from clu_desktop.services.quality.remarks import answer_remark, list_remarks

SIGNED_AT = dt.datetime(2024, 4, 8, 10, 12)
FROZEN = "est signé : son contenu ne peut plus être modifié"


@pytest.fixture
def signed_db(demo_db):
    with demo_db.transaction() as session:
        sign_minutes(session, 1, "dupont", at=SIGNED_AT)
    return demo_db


def ids(db, model, *where):
    with db.reading() as session:
        return list(session.scalars(select(model.id).where(*where).order_by(model.id)))


def first_item(db) -> int:
    with db.reading() as session:
        return agenda.list_agenda(session, 1).items[0].id


def test_signing_keeps_the_pdf_and_its_sha256(signed_db):
    with signed_db.reading() as session:
        state = signature_state(session, 1)
        pdf = signed_pdf(session, 1)
        details = get_meeting_details(session, 1)
    assert details.status is MeetingStatus.MINUTES_SIGNED
    assert (state.signed, state.signed_at, state.signed_by) == (True, SIGNED_AT, "dupont")
    assert pdf.data.startswith(b"%PDF")
    assert pdf.sha256 == state.sha256 == hashlib.sha256(pdf.data).hexdigest()
    assert pdf.file_name == "compte-rendu-signe-2023-12-20.pdf"
    # A public archive: PDF/A-2b, dated when it was signed.
    reader = PdfReader(io.BytesIO(pdf.data))
    packet = reader.root_object["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in packet
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in packet
    assert f"<xmp:CreateDate>{SIGNED_AT:%Y-%m-%dT%H:%M:%S}" in packet
    assert reader.root_object["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"


EDITS = {
    "title": lambda s, db: update_meeting(s, 1, "title", "Autre titre"),
    "status": lambda s, db: update_meeting(s, 1, "status", MeetingStatus.HELD),
    "new item": lambda s, db: agenda.add_item(s, 1, "Point ajouté"),
    "item text": lambda s, db: agenda.update_item(s, first_item(db), minutes_text="Corrigé"),
    "item deleted": lambda s, db: delete_item(s, first_item(db)),
    "new statement": lambda s, db: agenda_statements.add_statement(s, first_item(db), "Dit"),
    "statement text": lambda s, db: agenda_statements.set_statement_text(
        s, ids(db, Statement)[0], "Autre"
    ),
    "speakers": lambda s, db: agenda_statements.set_statement_speakers(
        s, ids(db, Statement)[0], []
    ),
    "statement deleted": lambda s, db: agenda_statements.delete_statement(s, ids(db, Statement)[0]),
    "attendance": lambda s, db: attendance.set_status(
        s, attendance.list_attendance(s, 1)[0].id, AttendanceStatus.ABSENT
    ),
    "walk-in": lambda s, db: attendance_walk_in.add_walk_in(
        s, 1, attendance_walk_in.WalkInName("Martin"), dt.time(15, 0)
    ),
    "invitation withdrawn": lambda s, db: withdraw_invitations(
        s, [attendance.list_attendance(s, 1)[0].id]
    ),
    "new action": lambda s, db: agenda_actions.add_action(s, first_item(db), "Faire"),
    "action text": lambda s, db: agenda_actions.update_action(
        s, ids(db, Action, Action.agenda_item_id.is_not(None))[0], text="Autre"
    ),
    "action deleted": lambda s, db: agenda_actions.delete_action(
        s, ids(db, Action, Action.agenda_item_id.is_not(None))[0]
    ),
    "annex": lambda s, db: setattr(s.get(Annex, ids(db, Annex)[0]), "title", "Autre"),
    "meeting deleted": lambda s, db: delete_meeting(s, 1),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_every_edit_of_signed_minutes_is_refused(signed_db, edit):
    with signed_db.reading() as session:
        before = get_meeting_details(session, 1), agenda.list_agenda(session, 1)
    with pytest.raises(UserError, match="signé"), signed_db.transaction() as session:
        edit(session, signed_db)
    with signed_db.reading() as session:
        assert (get_meeting_details(session, 1), agenda.list_agenda(session, 1)) == before


def test_the_message_says_what_to_do(signed_db):
    with pytest.raises(UserError) as caught, signed_db.transaction() as session:
        agenda.add_item(session, 1, "Point ajouté")
    assert str(caught.value).startswith(f"Le compte-rendu de la séance du 20/12/2023 {FROZEN}")
    assert "Rouvrir" in str(caught.value)


def test_the_follow_up_stays_possible(signed_db):
    action_id = ids(signed_db, Action, Action.agenda_item_id.is_not(None))[0]
    with signed_db.transaction() as session:
        set_plan_action_status(session, action_id, "done", dt.date(2024, 5, 2))
        update_plan_action(session, action_id, "due_date", dt.date(2024, 6, 1))
        remark = next(r for r in list_remarks(session) if "16h30" in r.text)
        answer_remark(session, remark.id, "Ouverture jusqu'à 17h30 le jeudi.")
        plan_action = action_from_remark(session, remark.id)
        update_plan_action(session, plan_action, "text", "Étendre les horaires")
        next_meeting = duplicate_as_next(session, 1)  # prepared from the signed one
        agenda.add_item(session, next_meeting, "Point ajouté")
    with signed_db.reading() as session:
        assert session.get(Action, action_id).done_date == dt.date(2024, 5, 2)
        assert session.get(Statement, remark.id).answer_text.startswith("Ouverture")


def test_the_status_combo_cannot_sign_silently(demo_db):
    with pytest.raises(UserError, match="Marquer comme signé"), demo_db.transaction() as s:
        update_meeting(s, 1, "status", MeetingStatus.MINUTES_SIGNED)
    with pytest.raises(UserError, match="Marquer comme signé"), demo_db.transaction() as s:
        s.get(Meeting, 1).status = MeetingStatus.MINUTES_SIGNED  # even around the services
    with demo_db.reading() as session:
        assert signature_state(session, 1).signed is False


def test_reopening_records_who_when_why_and_edits_work_again(signed_db):
    reopened_at = dt.datetime(2024, 4, 10, 9, 0)
    with signed_db.transaction() as session:
        state = reopen_minutes(session, 1, "martin", "Nom mal orthographié", at=reopened_at)
    assert (state.signed, state.signed_at, state.sha256, state.has_pdf) == (
        False,
        None,
        None,
        False,
    )
    with signed_db.transaction() as session:
        update_meeting(session, 1, "title", "Autre titre")
        assert get_meeting_details(session, 1).status is MeetingStatus.MINUTES_DRAFTED
        assert signed_pdf(session, 1) is None
        history = signature_history(session, 1)
    assert [(e.kind, e.at, e.by, e.reason) for e in history] == [
        (SignatureKind.SIGNED, SIGNED_AT, "dupont", None),
        (SignatureKind.REOPENED, reopened_at, "martin", "Nom mal orthographié"),
    ]
    assert history[0].sha256 == history[1].sha256 is not None


def test_reopening_needs_a_reason_and_a_name(signed_db):
    for by, reason, message in (("martin", "  ", "pourquoi"), ("", "Coquille", "qui")):
        with pytest.raises(UserError, match=message), signed_db.transaction() as session:
            reopen_minutes(session, 1, by, reason)
    with signed_db.reading() as session:
        assert signature_state(session, 1).signed
        assert len(signature_history(session, 1)) == 1


def test_signing_twice_or_a_planned_meeting_is_refused(signed_db):
    with pytest.raises(UserError, match="déjà signé"), signed_db.transaction() as session:
        sign_minutes(session, 1, "dupont")
    with signed_db.transaction() as session:
        reopen_minutes(session, 1, "dupont", "Essai")
        update_meeting(session, 1, "status", MeetingStatus.PLANNED)
    with pytest.raises(UserError, match="prévue"), signed_db.transaction() as session:
        sign_minutes(session, 1, "dupont")


def test_minutes_imported_as_signed_are_frozen_too(db):
    with db.transaction() as session:
        load_demo(session)
    with db.reading() as session:
        state = signature_state(session, 1)
        assert (state.signed, state.signed_at, state.sha256) == (True, None, None)
        assert signed_pdf(session, 1) is None
    with pytest.raises(UserError, match="signé"), db.transaction() as session:
        update_meeting(session, 1, "place", "Ailleurs")
    with db.transaction() as session:
        reopen_minutes(session, 1, "dupont", "Signé sur papier, à compléter")
        update_meeting(session, 1, "place", "Ailleurs")
    with db.reading() as session:
        assert signature_history(session, 1)[0].sha256 is None
