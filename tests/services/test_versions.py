"""Every record a user edits is version-checked (shared mode), whatever the page.

For each kind of record: workstation A reads it (keeps its version), workstation B saves
a change through the service, then A saves what it saw: refused with a ConflictError,
A's value not written, B's kept, and the message (``changed_fields`` and
``conflict_message`` on a fresh read) names what B changed. Two ``Database`` objects on
one database are two workstations; on PostgreSQL this is the shared mode itself.
"""

from __future__ import annotations

import datetime as dt

import pytest

from clu_desktop.domain import ActionStatus, AuditKind, FindingKind, StatementKind
from clu_desktop.errors import ConflictError
from clu_desktop.french import periods as french_periods
from clu_desktop.services.agenda.actions import (
    ACTION,
    ACTION_LABELS,
    add_action,
    get_action_row,
    set_action_status,
    update_action,
)
from clu_desktop.services.agenda.items import list_agenda
from clu_desktop.services.agenda.statements import (
    STATEMENT,
    STATEMENT_KIND_LABELS,
    STATEMENT_LABELS,
    add_statement,
    get_statement_row,
    set_statement_kind,
    set_statement_speakers,
    set_statement_text,
)
from clu_desktop.services.attendance.presence import (
    ATTENDANCE_LABELS,
    list_attendance,
    mark_present,
    set_times,
)
from clu_desktop.services.concurrency import changed_fields, conflict_message
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values
from clu_desktop.services.indicators.catalogue import INDICATOR, INDICATOR_LABELS
from clu_desktop.services.quality import actions as quality_actions
from clu_desktop.services.quality import audits as quality_audits
from clu_desktop.services.quality import common as qc
from clu_desktop.services.quality import common as quality_common
from clu_desktop.services.quality import referentials as quality_referentials
from clu_desktop.services.quality import remarks as quality_remarks
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


def first_item(db) -> int:
    with db.reading() as session:
        return list_agenda(session, 1).items[0].id


# Statements


@pytest.fixture
def statement_id(demo_db) -> int:
    return write(demo_db, add_statement, first_item(demo_db), "Texte de départ")


def test_a_statement_text_saved_elsewhere_is_not_overwritten(demo_db, other, statement_id):
    shown = read(demo_db, get_statement_row, statement_id)  # A reads
    write(other, set_statement_text, statement_id, "Texte de B", shown.version)  # B saves
    with refused(STATEMENT):  # A saves what it saw
        write(demo_db, set_statement_text, statement_id, "Texte de A", shown.version)
    fresh = read(demo_db, get_statement_row, statement_id)
    assert fresh.text == "Texte de B"
    assert fresh.version == shown.version + 1
    changes = changed_fields(shown, fresh, STATEMENT_LABELS)
    assert conflict_message(STATEMENT, changes, "Texte", "Texte de A") == (
        "Cette intervention a été modifiée sur un autre poste pendant que vous la "
        "modifiiez : Texte : « Texte de départ » → « Texte de B ». Votre modification "
        "(Texte) n'a pas été enregistrée ; la page affiche maintenant la version à jour. "
        "Votre saisie : « Texte de A »."
    )
    version = fresh.version  # A's own consecutive saves never conflict
    for typed in ("T", "Te", "Tex"):
        version = write(demo_db, set_statement_text, statement_id, typed, version)
    assert version == fresh.version + 3


def test_a_statement_kind_or_speakers_saved_elsewhere_are_not_overwritten(
    demo_db, other, statement_id
):
    shown = read(demo_db, get_statement_row, statement_id)
    people = [p.id for p in read(demo_db, _meeting_people)][:2]
    write(other, set_statement_speakers, statement_id, people, shown.version)
    with refused(STATEMENT):
        write(demo_db, set_statement_kind, statement_id, StatementKind.REMARK, shown.version)
    fresh = read(demo_db, get_statement_row, statement_id)
    assert fresh.kind is shown.kind and fresh.speaker_ids == tuple(people)
    assert changed_fields(shown, fresh, STATEMENT_LABELS) == [
        f"Intervenants : (vide) → « {fresh.speakers_label} »"
    ]
    write(other, set_statement_kind, statement_id, StatementKind.REQUEST, fresh.version)
    with refused(STATEMENT):
        write(demo_db, set_statement_speakers, statement_id, people[:1], fresh.version)
    again = read(demo_db, get_statement_row, statement_id)
    labels = {"kind": lambda kind: STATEMENT_KIND_LABELS[kind]}
    assert changed_fields(fresh, again, STATEMENT_LABELS, labels) == [
        "Nature : « Intervention » → « Demande des usagers »"
    ]
    # The same speakers again is no change: no new version.
    assert write(demo_db, set_statement_speakers, statement_id, people, again.version) == (
        again.version
    )


def _meeting_people(session):
    from clu_desktop.services.attendance.invitations import meeting_people

    return meeting_people(session, 1)


# Every other kind: (setup → id, read(session, id) → row, B's save, A's save, what, labels,
# the line naming B's change). Each save is ``save(session, id, seen_version)``.

DAY = dt.date(2026, 9, 1)


def _referential_id(session) -> int:
    return next(
        r.id for r in quality_referentials.list_referentials(session) if r.code == "quali-ate"
    )


def _new_audit(session) -> int:
    return quality_audits.add_audit(
        session, _referential_id(session), AuditKind.INTERNAL, dt.date(2025, 3, 1)
    )


def _new_finding(session) -> int:
    return quality_audits.add_finding(session, _new_audit(session), FindingKind.STRENGTH, "Accueil")


def _new_module(session) -> int:
    return quality_referentials.add_module(
        session, _referential_id(session), "99", "Module de départ"
    )


def _new_remark(session) -> int:
    item = list_agenda(session, 1).items[0].id
    return add_statement(session, item, "Remarque", kind=StatementKind.REMARK)


def _new_indicator(session) -> int:
    return indicators_catalogue.add_indicator(session, "VERS-1", "Indicateur de départ")


def _site(session) -> int:
    return quality_common.list_sites(session)[0].id


def _first_module(session, _record_id) -> list[int]:
    modules = quality_referentials.get_referential_row(session, _referential_id(session)).modules
    return [
        modules[0].id
        if modules
        else quality_referentials.add_module(session, _referential_id(session), "1", "A")
    ]


CASES = {
    "action of an item": (
        lambda s: add_action(s, list_agenda(s, 1).items[0].id, "Action de départ"),
        get_action_row,
        lambda s, i, v: update_action(s, i, text="Action de B", seen_version=v),
        lambda s, i, v: set_action_status(s, i, ActionStatus.DONE, seen_version=v),
        ACTION,
        ACTION_LABELS,
        "Texte : « Action de départ » → « Action de B »",
    ),
    "status of an action": (
        lambda s: add_action(s, list_agenda(s, 1).items[0].id, "Action"),
        get_action_row,
        lambda s, i, v: set_action_status(s, i, ActionStatus.IN_PROGRESS, seen_version=v),
        lambda s, i, v: update_action(s, i, due_date=DAY, seen_version=v),
        ACTION,
        ACTION_LABELS,
        "État : « todo » → « in_progress »",
    ),
    "action of the plan": (
        lambda s: quality_actions.add_plan_action(s, "Action du plan"),
        quality_actions.get_plan_action,
        lambda s, i, v: quality_actions.update_plan_action(s, i, "due_date", DAY, v),
        lambda s, i, v: quality_actions.update_plan_action(s, i, "text", "Texte de A", v),
        ACTION,
        qc.PLAN_ACTION_LABELS,
        "Échéance : (vide) → 01/09/2026",
    ),
    "status in the plan": (
        lambda s: quality_actions.add_plan_action(s, "Action du plan"),
        quality_actions.get_plan_action,
        lambda s, i, v: quality_actions.set_plan_action_status(s, i, ActionStatus.DONE, DAY, v),
        lambda s, i, v: quality_actions.update_plan_action(s, i, "owner_name", "Service A", v),
        ACTION,
        qc.PLAN_ACTION_LABELS,
        "Date de réalisation : (vide) → 01/09/2026",
    ),
    "audit": (
        _new_audit,
        quality_audits.get_audit_row,
        lambda s, i, v: quality_audits.update_audit(s, i, "auditor", "Auditeur de B", v),
        lambda s, i, v: quality_audits.update_audit(s, i, "result", "Résultat de A", v),
        qc.AUDIT,
        qc.AUDIT_LABELS,
        "Auditeur : (vide) → « Auditeur de B »",
    ),
    "modules of an audit": (
        _new_audit,
        quality_audits.get_audit_row,
        lambda s, i, v: quality_audits.set_audit_modules(s, i, _first_module(s, i), v),
        lambda s, i, v: quality_audits.update_audit(s, i, "auditor", "Auditeur de A", v),
        qc.AUDIT,
        {"modules": "Modules audités"},
        "Modules audités : ",
    ),
    "finding": (
        _new_finding,
        quality_audits.get_finding_row,
        lambda s, i, v: quality_audits.update_finding(s, i, "text", "Constat de B", v),
        lambda s, i, v: quality_audits.update_finding(s, i, "kind", FindingKind.NONCONFORMITY, v),
        qc.FINDING,
        qc.FINDING_LABELS,
        "Constat : « Accueil » → « Constat de B »",
    ),
    "label": (
        lambda s: quality_referentials.add_label(s, _referential_id(s)),
        quality_referentials.get_label_row,
        lambda s, i, v: quality_referentials.update_label(s, i, "certifier", "AFNOR", v),
        lambda s, i, v: quality_referentials.set_label_modules(s, i, _first_module(s, i), v),
        qc.LABEL,
        qc.LABEL_LABELS,
        "Organisme certificateur : (vide) → « AFNOR »",
    ),
    "modules of a label": (
        lambda s: quality_referentials.add_label(s, _referential_id(s)),
        quality_referentials.get_label_row,
        lambda s, i, v: quality_referentials.set_label_modules(s, i, _first_module(s, i), v),
        lambda s, i, v: quality_referentials.update_label(s, i, "notes", "Notes de A", v),
        qc.LABEL,
        {"modules": "Modules"},
        "Modules : ",
    ),
    "referential": (
        _referential_id,
        quality_referentials.get_referential_row,
        lambda s, i, v: quality_referentials.update_referential(s, i, "owner", "Porteur de B", v),
        lambda s, i, v: quality_referentials.update_referential(s, i, "name", "Nom de A", v),
        qc.REFERENTIAL,
        qc.REFERENTIAL_LABELS,
        "Porteur : ",
    ),
    "module": (
        _new_module,
        quality_referentials.get_module_row,
        lambda s, i, v: quality_referentials.update_module(s, i, "title", "Intitulé de B", v),
        lambda s, i, v: quality_referentials.update_module(s, i, "code", "98", v),
        qc.MODULE,
        qc.MODULE_LABELS,
        "Intitulé du module : « Module de départ » → « Intitulé de B »",
    ),
    "answer to a remark": (
        _new_remark,
        quality_remarks.get_remark,
        lambda s, i, v: quality_remarks.answer_remark(s, i, "Réponse de B", None, v),
        lambda s, i, v: quality_remarks.answer_remark(s, i, "Réponse de A", None, v),
        qc.REMARK,
        qc.REMARK_LABELS,
        "Réponse : (vide) → « Réponse de B »",
    ),
    "indicator": (
        _new_indicator,
        indicators_catalogue.indicator_row,
        lambda s, i, v: indicators_catalogue.update_indicator(s, i, "unit", "%", v),
        lambda s, i, v: indicators_catalogue.update_indicator(s, i, "name", "Nom de A", v),
        INDICATOR,
        INDICATOR_LABELS,
        "Unité : (vide) → « % »",
    ),
    "sites of an indicator": (
        _new_indicator,
        indicators_catalogue.indicator_row,
        lambda s, i, v: indicators_catalogue.set_indicator_sites(s, i, [_site(s)], v),
        lambda s, i, v: indicators_catalogue.update_indicator(s, i, "description", "Texte de A", v),
        INDICATOR,
        INDICATOR_LABELS,
        "Sites : ",
    ),
    "arrival at the live check-in": (
        lambda s: list_attendance(s, 1)[0].id,
        lambda s, i: next(r for r in list_attendance(s, 1) if r.id == i),
        lambda s, i, v: mark_present(s, i, dt.time(14, 5), v),
        lambda s, i, v: mark_present(s, i, dt.time(14, 20), v),
        "La présence de",
        ATTENDANCE_LABELS,
        "Arrivée : ",
    ),
    "departure": (
        lambda s: list_attendance(s, 1)[0].id,
        lambda s, i: next(r for r in list_attendance(s, 1) if r.id == i),
        lambda s, i, v: set_times(s, i, dt.time(14, 0), dt.time(16, 0), v),
        lambda s, i, v: set_times(s, i, dt.time(14, 0), dt.time(17, 0), v),
        "La présence de",
        ATTENDANCE_LABELS,
        "Départ : ",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_record_saved_elsewhere_is_not_overwritten(demo_db, other, case):
    setup, get_row, save_b, save_a, what, labels, expected = CASES[case]
    record_id = write(demo_db, setup)
    shown = read(demo_db, get_row, record_id)  # A reads (keeps the version)
    write(other, save_b, record_id, shown.version)  # B saves
    with pytest.raises(ConflictError, match=f"^{what}.* a été modifiée? sur un autre poste"):
        write(demo_db, save_a, record_id, shown.version)  # A saves what it saw
    fresh = read(demo_db, get_row, record_id)
    assert fresh.version == shown.version + 1  # B's change, and nothing of A's
    changes = changed_fields(shown, fresh, labels)
    assert any(line.startswith(expected) for line in changes), changes
    write(demo_db, save_a, record_id, fresh.version)  # at the version of now: saved
    if read(demo_db, get_row, record_id).version > fresh.version:  # (a tick again: no change)
        with pytest.raises(ConflictError):  # and B, who saw the previous one, is refused
            write(other, save_b, record_id, fresh.version)


# Indicator values: a cell is at version 0 while empty


def test_an_indicator_value_saved_elsewhere_is_not_overwritten(demo_db, other):
    indicator = write(demo_db, _new_indicator)
    shown = read(demo_db, indicators_values.get_value_cell, indicator, "2024", None)
    assert shown is None  # A sees an empty cell: version 0
    write(other, indicators_values.set_value, indicator, "2024", None, 48500, seen_version=0)
    what = indicators_values.value_what("2024", None)
    assert what == "La valeur de 2024"
    with refused(what):  # A types over what it thought empty
        write(demo_db, indicators_values.set_value, indicator, "2024", None, 1, seen_version=0)
    fresh = read(demo_db, indicators_values.get_value_cell, indicator, "2024", None)
    assert (fresh.value, fresh.version) == (48500, 1)
    assert changed_fields(None, fresh, indicators_values.VALUE_LABELS) == [
        "Valeur : (vide) → « 48500.0 »"
    ]
    # The comment, the source and the undo of a value are checked the same way.
    write(other, indicators_values.set_value_comment, indicator, "2024", None, "de B", 1)
    with refused(what):
        write(demo_db, indicators_values.set_value_source, indicator, "2024", None, "de A", 1)
    with refused(what):
        write(demo_db, indicators_values.set_value, indicator, "2024", None, 2, seen_version=1)
    state = write(demo_db, indicators_values.set_value, indicator, "2024", None, 3, seen_version=2)
    write(other, indicators_values.set_value, indicator, "2024", None, 4, seen_version=3)
    with refused(what):  # A's undo would put back B's 48 500 over B's 4
        write(demo_db, indicators_values.restore_value, state, 3)
    assert read(demo_db, indicators_values.get_value_cell, indicator, "2024", None).value == 4
    write(
        other, indicators_values.set_value, indicator, "2024", None, None, seen_version=4
    )  # emptied
    with refused(what):
        write(demo_db, indicators_values.set_value, indicator, "2024", None, 5, seen_version=4)
    write(demo_db, indicators_values.set_value, indicator, "2024", None, 5, seen_version=0)


def test_site_names_a_value_in_conflicts(demo_db):
    with demo_db.reading() as session:
        site = quality_common.list_sites(session)[0]
    assert indicators_values.value_what("2024-T1", site.name) == (
        f"La valeur de {french_periods.period_label('2024-T1')} ({site.name})"
    )
