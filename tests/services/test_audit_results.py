"""The minutes' audit results are written from the audit's findings."""

from __future__ import annotations

import datetime as dt

import pytest

from clu_desktop.errors import UserError
from clu_desktop.services.agenda.items import list_agenda
from clu_desktop.services.meetings.listing import create_meeting, duplicate_as_next
from clu_desktop.services.quality.audit_results import add_audit_results_item, audit_results_text
from clu_desktop.services.quality.audits import add_audit, list_audits


def test_the_demo_audit_gives_the_text_of_the_real_minutes(demo_db):
    with demo_db.reading() as session:
        external = next(a for a in list_audits(session) if a.kind.value == "external")
        agenda = list_agenda(session, 1)
        written = audit_results_text(session, external.id)
    real = next(item for item in agenda.items if item.title == "Résultats des audits")
    assert written == real.minutes_text


def test_the_item_goes_before_questions_diverses_once(demo_db):
    with demo_db.transaction() as session:
        meeting_id = duplicate_as_next(session, 1)
        external = next(a for a in list_audits(session) if a.kind.value == "external")
        # The prepared meeting already has the item: a new meeting without it.
        agenda = list_agenda(session, meeting_id)
    with pytest.raises(UserError, match="déjà un point"), demo_db.transaction() as session:
        add_audit_results_item(session, meeting_id, external.id)
    with demo_db.transaction() as session:
        empty = create_meeting(session)
        item_id = add_audit_results_item(session, empty, external.id)
        (item,) = list_agenda(session, empty).items
    assert item.id == item_id and item.minutes_text.startswith("Points forts :\n\n- ")
    assert len(agenda.items) == 8


def test_an_audit_without_findings_is_refused(demo_db):
    with demo_db.transaction() as session:
        referential = list_audits(session)[0].referential_id
        audit_id = add_audit(session, referential, "internal", dt.date(2024, 3, 1))
    with pytest.raises(UserError, match="aucun constat"), demo_db.reading() as session:
        audit_results_text(session, audit_id)
