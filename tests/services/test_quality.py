"""The quality services: referentials and modules, labels, audits and findings, the
action plan and the users' remarks, on the December 2023 demonstration."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from clu_desktop.domain import (
    Action,
    ActionOrigin,
    ActionStatus,
    Audit,
    AuditKind,
    Finding,
    FindingKind,
    Label,
    Person,
)
from clu_desktop.domain.quality import audit_module, label_module
from clu_desktop.errors import UserError
from clu_desktop.services.quality import actions as quality_actions
from clu_desktop.services.quality import audits as quality_audits
from clu_desktop.services.quality import common as quality_common
from clu_desktop.services.quality import referentials as quality_referentials
from clu_desktop.services.quality import remarks as quality_remarks

TODAY = dt.date(2024, 6, 1)
LONG = "x" * 10_000


def _referential(session, code):
    return next(r for r in quality_referentials.list_referentials(session) if r.code == code)


def _rows(session, *tables):
    """Every row of the tables, in a stable order, to compare before and after."""
    return {
        table.name: [
            dict(row)
            for row in session.execute(
                select(table).order_by(*table.primary_key.columns)
            ).mappings()
        ]
        for table in tables
    }


# Referentials and modules


def test_demo_referentials_and_modules(demo_db):
    with demo_db.reading() as s:
        rows = quality_referentials.list_referentials(s)
    assert [r.name for r in rows] == ["Qual-e-pref", "Quali-ATE", "Services Publics+"]
    assert [m.label for m in rows[0].modules] == [
        "module 1 – relation générale avec les usagers",
        "module 6 – coordination des politiques publiques",
    ]


def test_referential_fields_are_checked_in_french(demo_db):
    with demo_db.transaction() as s:
        ref_id = quality_referentials.add_referential(
            s, "  marianne ", "  Référentiel <b>Marianne</b> & co "
        )
        with pytest.raises(UserError, match="porte déjà le code « QUAL-E-PREF »"):
            quality_referentials.add_referential(s, "QUAL-E-PREF", "Doublon")
        with pytest.raises(UserError, match="« Nom du référentiel » est trop long"):
            quality_referentials.update_referential(s, ref_id, "name", LONG)
        with pytest.raises(UserError, match="ne peut pas être vide"):
            quality_referentials.update_referential(s, ref_id, "code", "   ")
        quality_referentials.update_referential(s, ref_id, "owner", " DITP ")
        quality_referentials.update_referential(s, ref_id, "description", "ligne 1\nligne 2 ")
        row = _referential(s, "marianne")
    assert row.name == "Référentiel <b>Marianne</b> & co"  # stored literally
    assert (row.owner, row.description) == ("DITP", "ligne 1\nligne 2")
    with demo_db.transaction() as s:
        with pytest.raises(UserError, match="utilisé par un label et un audit"):
            quality_referentials.delete_referential(s, _referential(s, "qual-e-pref").id)
        quality_referentials.delete_referential(s, ref_id)
        assert len(quality_referentials.list_referentials(s)) == 3


def test_modules_add_rename_and_delete_only_when_unused(demo_db):
    with demo_db.transaction() as s:
        ate = _referential(s, "quali-ate")
        m1 = quality_referentials.add_module(s, ate.id, "1", "accueil")
        m2 = quality_referentials.add_module(s, ate.id, "ENG-2", "écoute des usagers")
        with pytest.raises(UserError, match="déjà un module « 1 »"):
            quality_referentials.add_module(s, ate.id, " 1 ", "autre")
        quality_referentials.update_module(s, m1, "title", " accueil physique et numérique ")
        used = _referential(s, "qual-e-pref").modules[0]
        with pytest.raises(UserError, match="utilisé par un label, un audit : il ne peut pas"):
            quality_referentials.delete_module(s, used.id)
        snapshot = quality_referentials.delete_module(s, m2)
        assert [m.label for m in _referential(s, "quali-ate").modules] == [
            "module 1 – accueil physique et numérique"
        ]
        assert quality_referentials.restore_module(s, snapshot) == m2
        assert [m.label for m in _referential(s, "quali-ate").modules][1] == (
            "ENG-2 – écoute des usagers"
        )


# Labels


def test_demo_labels_and_days_left(demo_db):
    with demo_db.reading() as s:
        granted, target = quality_referentials.list_labels(s, today=dt.date(2025, 12, 1))
        late = quality_referentials.list_labels(s, today=dt.date(2026, 1, 10))[1]
    assert (granted.referential_name, granted.granted_on, granted.certifier) == (
        "Qual-e-pref",
        dt.date(2022, 8, 11),
        "Socotec",
    )
    assert granted.site_name == "Préfecture de la Haute-Marne"
    assert [m.code for m in granted.modules] == ["1", "6"]
    assert granted.days_left is None and granted.granted
    assert target.referential_name == "Quali-ATE" and not target.granted
    assert target.deadline == dt.date(2025, 12, 31)
    assert target.days_left == 30
    assert late.days_left == -10


def test_label_dates_are_checked(demo_db):
    with demo_db.transaction() as s:
        ate = _referential(s, "quali-ate")
        label_id = quality_referentials.add_label(s, ate.id)
        quality_referentials.update_label(s, label_id, "deadline", dt.date(2025, 12, 31))
        with pytest.raises(UserError, match="ne peut pas précéder la date d'obtention"):
            quality_referentials.update_label(s, label_id, "granted_on", dt.date(2026, 3, 1))
        quality_referentials.update_label(s, label_id, "granted_on", dt.date(2025, 6, 1))
        with pytest.raises(UserError, match=r"L'échéance \(31/05/2025\) ne peut pas précéder"):
            quality_referentials.update_label(s, label_id, "deadline", dt.date(2025, 5, 31))
        with pytest.raises(UserError, match="n'est pas plausible"):
            quality_referentials.update_label(s, label_id, "deadline", dt.date(9999, 12, 31))
        with pytest.raises(UserError, match="« Organisme certificateur » est trop long"):
            quality_referentials.update_label(s, label_id, "certifier", LONG)
        with pytest.raises(UserError, match="« Notes » est trop long"):
            quality_referentials.update_label(s, label_id, "notes", LONG)
        qualepref_module = _referential(s, "qual-e-pref").modules[0].id
        with pytest.raises(UserError, match="n'appartient pas au référentiel « Quali-ATE »"):
            quality_referentials.set_label_modules(s, label_id, [qualepref_module])
        quality_referentials.update_label(s, label_id, "certifier", "  AFNOR ")
        row = quality_referentials.get_label_row(s, label_id)
    assert (row.granted_on, row.deadline, row.certifier) == (
        dt.date(2025, 6, 1),
        dt.date(2025, 12, 31),
        "AFNOR",
    )


def test_delete_and_restore_a_label(demo_db):
    with demo_db.transaction() as s:
        before = _rows(s, Label.__table__, label_module)
        snapshot = quality_referentials.delete_label(s, 1)
        assert [r.referential_name for r in quality_referentials.list_labels(s)] == ["Quali-ATE"]
        quality_referentials.restore_label(s, snapshot)
        assert _rows(s, Label.__table__, label_module) == before


# Audits and findings


def test_demo_audits_newest_first_with_findings(demo_db):
    with demo_db.reading() as s:
        external, internal = quality_audits.list_audits(s)
    assert (external.date, external.kind_label, external.auditor) == (
        dt.date(2022, 6, 23),
        "externe",
        "Socotec",
    )
    assert (internal.date, internal.kind_label, internal.findings) == (
        dt.date(2022, 4, 28),
        "interne",
        (),
    )
    assert [f.kind_label for f in external.findings] == [
        "point fort",
        "point fort",
        "piste de progrès",
        "piste de progrès",
    ]
    assert external.findings[2].text.startswith("information de la fermeture des services")


def test_create_an_audit_with_findings(demo_db):
    with demo_db.transaction() as s:
        ate = _referential(s, "quali-ate")
        module = quality_referentials.add_module(s, ate.id, "1", "accueil")
        audit_id = quality_audits.add_audit(s, ate.id, AuditKind.INTERNAL, dt.date(2025, 3, 12))
        quality_audits.update_audit(s, audit_id, "auditor", "  Mme Nathalie SIMON ")
        quality_audits.update_audit(s, audit_id, "result", "Favorable\navec réserves")
        quality_audits.update_audit(s, audit_id, "site_id", 1)
        quality_audits.set_audit_modules(s, audit_id, [module, module])
        quality_audits.add_finding(
            s, audit_id, FindingKind.STRENGTH, " accueil <chaleureux> & rapide "
        )
        quality_audits.add_finding(
            s, audit_id, "improvement", "affichage des horaires", module_id=module
        )
        quality_audits.add_finding(
            s, audit_id, FindingKind.NONCONFORMITY, "registre des réclamations absent"
        )
        audit = quality_audits.get_audit_row(s, audit_id)
        assert quality_audits.list_audits(s)[0].id == audit_id  # the newest
    assert (audit.kind_label, audit.auditor, audit.result, audit.site_name) == (
        "interne",
        "Mme Nathalie SIMON",
        "Favorable\navec réserves",
        "Préfecture de la Haute-Marne",
    )
    assert [m.label for m in audit.modules] == ["module 1 – accueil"]
    assert [(f.kind_label, f.text, f.module_label) for f in audit.findings] == [
        ("point fort", "accueil <chaleureux> & rapide", None),
        ("piste de progrès", "affichage des horaires", "module 1 – accueil"),
        ("non-conformité", "registre des réclamations absent", None),
    ]


def test_audit_and_finding_input_is_checked(demo_db):
    with demo_db.transaction() as s:
        ref = _referential(s, "qual-e-pref")
        with pytest.raises(UserError, match="« Date de l'audit » doit être renseignée"):
            quality_audits.add_audit(s, ref.id, AuditKind.EXTERNAL, None)
        with pytest.raises(UserError, match="n'est pas plausible"):
            quality_audits.add_audit(s, ref.id, AuditKind.EXTERNAL, dt.date(222, 6, 23))
        with pytest.raises(UserError, match="type d'audit est inconnu"):
            quality_audits.add_audit(s, ref.id, "surprise", dt.date(2024, 1, 1))
        with pytest.raises(UserError, match="« Auditeur » est trop long"):
            quality_audits.update_audit(s, 2, "auditor", LONG)
        with pytest.raises(UserError, match="« Résultat de l'audit » est trop long"):
            quality_audits.update_audit(s, 2, "result", LONG)
        with pytest.raises(UserError, match="« Texte du constat » ne peut pas être vide"):
            quality_audits.add_finding(s, 2, FindingKind.STRENGTH, "  \n ")
        with pytest.raises(UserError, match="« Texte du constat » est trop long"):
            quality_audits.add_finding(s, 2, FindingKind.STRENGTH, LONG)
        with pytest.raises(UserError, match="type de constat est inconnu"):
            quality_audits.update_finding(s, 1, "kind", "bravo")
        with pytest.raises(UserError, match="Cet audit n'existe plus"):
            quality_audits.add_finding(s, 999, FindingKind.STRENGTH, "texte")
        quality_audits.update_finding(s, 3, "module_id", ref.modules[0].id)
        quality_audits.update_finding(s, 3, "kind", FindingKind.NONCONFORMITY)
        finding = quality_audits.list_audits(s)[0].findings[2]
    assert (finding.kind_label, finding.module_label) == (
        "non-conformité",
        "module 1 – relation générale avec les usagers",
    )


def test_delete_audit_then_restore_gives_identical_rows(demo_db):
    tables = (Audit.__table__, audit_module, Finding.__table__, Action.__table__)
    with demo_db.transaction() as s:
        quality_actions.action_from_finding(s, 3, due_date=dt.date(2024, 9, 30))
        before = _rows(s, *tables)
        snapshot = quality_audits.delete_audit(s, 2)
        assert [a.id for a in quality_audits.list_audits(s)] == [1]
        assert quality_actions.list_actions(s, origin=ActionOrigin.FINDING)[0].finding_id is None
    with demo_db.transaction() as s:
        assert quality_audits.restore_audit(s, snapshot) == 2
    with demo_db.reading() as s:
        assert _rows(s, *tables) == before
        with pytest.raises(UserError, match="déjà été rétabli"):
            quality_audits.restore_audit(s, snapshot)


def test_delete_finding_then_restore(demo_db):
    tables = (Finding.__table__, Action.__table__)
    with demo_db.transaction() as s:
        quality_actions.action_from_finding(s, 4)
        before = _rows(s, *tables)
        snapshot = quality_audits.delete_finding(s, 4)
        assert len(quality_audits.list_audits(s)[0].findings) == 3
        quality_audits.restore_finding(s, snapshot)
        assert _rows(s, *tables) == before


# The action plan


def test_a_finding_becomes_an_action(demo_db):
    with demo_db.transaction() as s:
        owner = s.scalars(select(Person).where(Person.last_name == "SIMON")).one().id
        action_id = quality_actions.action_from_finding(
            s, 3, owner_id=owner, due_date=dt.date(2024, 9, 30)
        )
    with demo_db.reading() as s:
        (row,) = quality_actions.list_actions(s, origin=ActionOrigin.FINDING, today=TODAY)
        finding = quality_audits.list_audits(s)[0].findings[2]
    assert row.id == action_id
    assert row.text == finding.text
    assert (row.origin_label, row.status_label, row.finding_id) == (
        "constat d'audit",
        "À faire",
        finding.id,
    )
    assert row.owner_name == "Mme Nathalie SIMON"
    assert finding.action_ids == (action_id,)


def test_overdue_actions_come_first_and_are_flagged(demo_db):
    with demo_db.transaction() as s:
        late = quality_actions.add_plan_action(
            s, "afficher les horaires", due_date=dt.date(2024, 3, 1)
        )
        later = quality_actions.add_plan_action(
            s, "former les agents", due_date=dt.date(2024, 12, 1)
        )
        soon = quality_actions.add_plan_action(
            s, "mettre à jour le SVI", due_date=dt.date(2024, 7, 1)
        )
        very_late = quality_actions.add_plan_action(s, "enquête", due_date=dt.date(2023, 1, 1))
        done_late = quality_actions.add_plan_action(s, "tablette", due_date=dt.date(2024, 1, 1))
        quality_actions.set_plan_action_status(s, done_late, ActionStatus.DONE, dt.date(2024, 2, 1))
        quality_actions.set_plan_action_status(s, late, ActionStatus.IN_PROGRESS)
    with demo_db.reading() as s:
        rows = quality_actions.list_actions(s, today=TODAY)
        overdue = quality_actions.list_actions(s, only_overdue=True, today=TODAY)
    assert [r.id for r in rows[:5]] == [very_late, late, done_late, soon, later]
    assert [r.overdue for r in rows[:5]] == [True, True, False, False, False]
    assert not any(r.overdue for r in rows[5:])  # the demo's actions have no due date
    assert [r.id for r in overdue] == [very_late, late]


def test_filters_by_status_owner_and_origin(demo_db):
    with demo_db.transaction() as s:
        people = s.scalars(select(Person).order_by(Person.id)).all()
        mine = quality_actions.add_plan_action(
            s, "A", owner_id=people[0].id, origin=ActionOrigin.REMARK
        )
        quality_actions.add_plan_action(s, "B", owner_id=people[1].id)
        quality_actions.set_plan_action_status(s, mine, ActionStatus.IN_PROGRESS)
    with demo_db.reading() as s:
        assert len(quality_actions.list_actions(s, status=ActionStatus.DONE)) == 3
        todo = quality_actions.list_actions(s, status=[ActionStatus.TODO, ActionStatus.IN_PROGRESS])
        assert {r.text[:1] for r in todo} == {"A", "B", "r"}  # "reconfiguration du SVI"
        assert [r.text for r in quality_actions.list_actions(s, owner_id=people[0].id)] == ["A"]
        assert [r.text for r in quality_actions.list_actions(s, origin=ActionOrigin.REMARK)] == [
            "A"
        ]
        improvements = quality_actions.list_actions(s, origin=ActionOrigin.IMPROVEMENT)
        assert len(improvements) == 4
        assert {r.origin_label for r in improvements} == {"amélioration"}


def test_status_and_fields_of_a_plan_action(demo_db):
    with demo_db.transaction() as s:
        person = s.scalars(select(Person).where(Person.last_name == "GUY")).one().id
        action_id = quality_actions.add_plan_action(
            s, "  étendre les horaires  ", owner_name=" M. X "
        )
        quality_actions.set_plan_action_status(s, action_id, ActionStatus.DONE)
        assert quality_actions.get_plan_action(s, action_id).done_date == dt.date.today()
        quality_actions.set_plan_action_status(s, action_id, ActionStatus.DONE, dt.date(2024, 5, 2))
        assert quality_actions.get_plan_action(s, action_id).done_date == dt.date(2024, 5, 2)
        quality_actions.set_plan_action_status(s, action_id, ActionStatus.TODO)
        assert quality_actions.get_plan_action(s, action_id).done_date is None
        assert quality_actions.get_plan_action(s, action_id).owner_name == "M. X"
        quality_actions.update_plan_action(s, action_id, "owner_id", person)
        assert quality_actions.get_plan_action(s, action_id).owner_name == "M. Bernard GUY"
        quality_actions.update_plan_action(s, action_id, "owner_name", "Accueil")
        row = quality_actions.get_plan_action(s, action_id)
        assert (row.owner_id, row.owner_name, row.text) == (None, "Accueil", "étendre les horaires")
        quality_actions.update_plan_action(s, action_id, "when_label", " printemps 2024 ")
        assert quality_actions.get_plan_action(s, action_id).when_label == "printemps 2024"
        with pytest.raises(UserError, match="« Texte de l'action » est trop long"):
            quality_actions.update_plan_action(s, action_id, "text", LONG + "x")
        with pytest.raises(UserError, match="« Échéance en clair » est trop long"):
            quality_actions.update_plan_action(s, action_id, "when_label", LONG)
        with pytest.raises(UserError, match="« Responsable » est trop long"):
            quality_actions.update_plan_action(s, action_id, "owner_name", LONG)
        with pytest.raises(UserError, match="n'existe plus dans l'annuaire"):
            quality_actions.update_plan_action(s, action_id, "owner_id", 9999)
        with pytest.raises(UserError, match="n'est pas plausible"):
            quality_actions.update_plan_action(s, action_id, "due_date", dt.date(20, 1, 1))
        with pytest.raises(UserError, match="Cette séance n'existe plus"):
            quality_actions.add_plan_action(s, "x", meeting_id=42)


# Remarks


def test_answering_a_remark_closes_it(demo_db):
    with demo_db.transaction() as s:
        remarks = quality_remarks.list_remarks(s)
        assert [r.speakers_label for r in remarks] == [
            "M. Bernard GUY et M. Abderrazak DORAFI",
            "M. Abderrazak DORAFI et M. Guillaume THIRARD",
        ]
        assert all(r.open for r in remarks)
        hours = remarks[0]
        assert "16h30" in hours.text and hours.item_title == "Indicateurs 2022"
        quality_remarks.answer_remark(s, hours.id, "  Ouverture jusqu'à 17h30 le jeudi.  ")
        answered = quality_remarks.get_remark(s, hours.id)
        assert not answered.open
        assert answered.answer_text == "Ouverture jusqu'à 17h30 le jeudi."
        assert answered.answered_on == dt.date.today()
        assert [r.id for r in quality_remarks.list_remarks(s, open_only=True)] == [remarks[1].id]
        quality_remarks.answer_remark(s, hours.id, "   ")
        assert quality_remarks.get_remark(s, hours.id).open


def test_remark_answers_are_checked(demo_db):
    with demo_db.transaction() as s:
        hours = quality_remarks.list_remarks(s)[0]
        with pytest.raises(UserError, match="séance du 20/12/2023"):
            quality_remarks.answer_remark(s, hours.id, "réponse", dt.date(2023, 12, 1))
        with pytest.raises(UserError, match="« Réponse » est trop long"):
            quality_remarks.answer_remark(s, hours.id, LONG)
        with pytest.raises(UserError, match="n'attend pas de réponse"):
            quality_remarks.answer_remark(s, 2, "réponse")  # the chair's statement, not a remark
        action_id = quality_actions.action_from_remark(s, hours.id, due_date=dt.date(2024, 9, 1))
        row = quality_actions.get_plan_action(s, action_id)
        assert (row.origin_label, row.statement_id, row.meeting_id) == (
            "remarque des usagers",
            hours.id,
            1,
        )
        assert row.agenda_item_id is None  # the signed minutes of 2023 do not change
        assert quality_remarks.get_remark(s, hours.id).action_ids == (action_id,)


def test_sites_for_labels_and_audits(demo_db):
    with demo_db.reading() as s:
        assert [site.name for site in quality_common.list_sites(s)] == [
            "Préfecture de la Haute-Marne",
            "Sous-préfecture de Langres",
            "Sous-préfecture de Saint-Dizier",
        ]
