"""Label audits (internal, external) and their findings: points forts, pistes de progrès,
non-conformités. Deleting an audit or a finding returns a snapshot that undo restores
with the same ids and links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from clu_desktop.domain import (
    Action,
    Audit,
    AuditKind,
    Finding,
    FindingKind,
    ReferentialModule,
    Site,
)
from clu_desktop.domain.quality import audit_module
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.snapshots import actions_pointing, ensure_free
from clu_desktop.services.quality.common import (
    AUDIT_KIND_LABELS,
    AUDITOR_MAX,
    FINDING_KIND_LABELS,
    FINDING_MAX,
    RESULT_MAX,
    AuditRow,
    FindingRow,
    Row,
    check_date,
    check_enum,
    check_module_of,
    check_site,
    clean,
    clean_long,
    get_audit,
    get_finding,
    get_referential,
    module_label,
    module_row,
    set_modules,
    table_rows,
    unknown_field,
)

AUDITS: Table = Audit.__table__
FINDINGS: Table = Finding.__table__

_KIND_ERROR = "Ce type d'audit est inconnu : choisissez « interne » ou « externe »."
_FINDING_KIND_ERROR = (
    "Ce type de constat est inconnu : choisissez « point fort », « piste de progrès » ou "
    "« non-conformité »."
)


@dataclass(frozen=True)
class AuditSnapshot:
    """An audit as it was before its deletion, with its modules and findings."""

    audit: Row
    modules: tuple[Row, ...]
    findings: tuple[Row, ...]
    actions: tuple[tuple[int, int], ...]  # (action id, finding id)


@dataclass(frozen=True)
class FindingSnapshot:
    finding: Row
    actions: tuple[tuple[int, int], ...]  # (action id, finding id)


def _action_ids(session: Session, finding_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
    result: dict[int, list[int]] = {}
    for action_id, finding_id in actions_pointing(session, Action.finding_id, finding_ids):
        result.setdefault(finding_id, []).append(action_id)
    return {finding_id: tuple(ids) for finding_id, ids in result.items()}


def _finding_row(finding: Finding, action_ids: dict[int, tuple[int, ...]]) -> FindingRow:
    module = finding.module
    return FindingRow(
        id=finding.id,
        audit_id=finding.audit_id,
        kind=finding.kind,
        kind_label=FINDING_KIND_LABELS[finding.kind],
        text=finding.text,
        module_id=finding.module_id,
        module_label=module_label(module.code, module.title) if module is not None else None,
        action_ids=action_ids.get(finding.id, ()),
        version=finding.version,
    )


def _audit_row(audit: Audit, action_ids: dict[int, tuple[int, ...]]) -> AuditRow:
    return AuditRow(
        id=audit.id,
        referential_id=audit.referential_id,
        referential_name=audit.referential.name,
        site_id=audit.site_id,
        site_name=audit.site.name if audit.site is not None else None,
        kind=audit.kind,
        kind_label=AUDIT_KIND_LABELS[audit.kind],
        date=audit.date,
        auditor=audit.auditor,
        result=audit.result,
        modules=tuple(module_row(m) for m in audit.modules),
        findings=tuple(_finding_row(f, action_ids) for f in audit.findings),
        version=audit.version,
    )


def list_audits(session: Session) -> list[AuditRow]:
    """Every audit, newest first, with its modules and findings."""
    audits = list(
        session.scalars(
            select(Audit)
            .options(
                selectinload(Audit.referential),
                selectinload(Audit.site),
                selectinload(Audit.modules),
                selectinload(Audit.findings).selectinload(Finding.module),
            )
            .order_by(Audit.date.desc(), Audit.id.desc())
        )
    )
    finding_ids = [f.id for audit in audits for f in audit.findings]
    action_ids = _action_ids(session, finding_ids)
    return [_audit_row(audit, action_ids) for audit in audits]


def get_audit_row(session: Session, audit_id: int) -> AuditRow:
    audit = get_audit(session, audit_id)
    return _audit_row(audit, _action_ids(session, [f.id for f in audit.findings]))


def get_finding_row(session: Session, finding_id: int) -> FindingRow:
    finding = get_finding(session, finding_id)
    return _finding_row(finding, _action_ids(session, [finding_id]))


def add_audit(session: Session, referential_id: int, kind: AuditKind, date: dt.date) -> int:
    get_referential(session, referential_id)
    audit = Audit(
        referential_id=referential_id,
        kind=check_enum(AuditKind, kind, _KIND_ERROR),
        date=check_date(date, "Date de l'audit", required=True),
    )
    session.add(audit)
    session.flush()
    return audit.id


def update_audit(
    session: Session, audit_id: int, field: str, value: object, seen_version: int | None = None
) -> int:
    """Change one field: kind, date, auditor, result or site_id; returns the audit's new
    version. Every change of a quality record takes the ``seen_version`` the user saw:
    changed since on another workstation, it is refused with a ConflictError (None: no
    check)."""
    audit = get_audit(session, audit_id, seen_version)
    if field == "kind":
        audit.kind = check_enum(AuditKind, value, _KIND_ERROR)
    elif field == "date":
        audit.date = check_date(value, "Date de l'audit", required=True)
    elif field == "auditor":
        audit.auditor = clean(value, "Auditeur", AUDITOR_MAX)
    elif field == "result":
        audit.result = clean_long(value, "Résultat de l'audit", RESULT_MAX)
    elif field == "site_id":
        audit.site_id = check_site(session, value)
    else:
        raise unknown_field(field)
    session.flush()
    return audit.version


def set_audit_modules(
    session: Session, audit_id: int, module_ids: Iterable[int], seen_version: int | None = None
) -> int:
    """The modules the audit covered (modules of its referential); returns its version."""
    return set_modules(session, get_audit(session, audit_id, seen_version), module_ids, "date")


def _detach_actions(session: Session, finding_ids: list[int]) -> None:
    if finding_ids:
        session.execute(
            update(Action)
            .where(Action.finding_id.in_(finding_ids))
            .values(finding_id=None)
            .execution_options(synchronize_session=False)
        )


def _reattach_actions(session: Session, pairs: Iterable[tuple[int, int]]) -> None:
    """Point each action that still exists (and was not linked elsewhere meanwhile) at
    its finding again."""
    for action_id, finding_id in pairs:
        session.execute(
            update(Action)
            .where(Action.id == action_id, Action.finding_id.is_(None))
            .values(finding_id=finding_id)
            .execution_options(synchronize_session=False)
        )


def delete_audit(session: Session, audit_id: int) -> AuditSnapshot:
    """Delete an audit with its findings; the actions drawn from them stay, unlinked."""
    get_audit(session, audit_id)
    findings = table_rows(session, FINDINGS, FINDINGS.c.audit_id, [audit_id])
    finding_ids = [row["id"] for row in findings]
    snapshot = AuditSnapshot(
        audit=table_rows(session, AUDITS, AUDITS.c.id, [audit_id])[0],
        modules=table_rows(session, audit_module, audit_module.c.audit_id, [audit_id]),
        findings=findings,
        actions=actions_pointing(session, Action.finding_id, finding_ids),
    )
    session.flush()
    session.expunge_all()
    _detach_actions(session, finding_ids)
    session.execute(delete(FINDINGS).where(FINDINGS.c.audit_id == audit_id))
    session.execute(delete(audit_module).where(audit_module.c.audit_id == audit_id))
    session.execute(delete(AUDITS).where(AUDITS.c.id == audit_id))
    return snapshot


def _module_exists(session: Session, module_id: int | None) -> bool:
    return module_id is not None and session.get(ReferentialModule, module_id) is not None


def restore_audit(session: Session, snapshot: AuditSnapshot) -> int:
    """Put a deleted audit back with its ids, modules, findings and their actions."""
    row = dict(snapshot.audit)
    get_referential(session, row["referential_id"])
    ensure_free(session, AUDITS, [row["id"]])
    ensure_free(session, FINDINGS, [f["id"] for f in snapshot.findings])
    if row["site_id"] is not None and session.get(Site, row["site_id"]) is None:
        row["site_id"] = None
    session.execute(insert(AUDITS), [row])
    modules = [m for m in snapshot.modules if _module_exists(session, m["module_id"])]
    if modules:
        session.execute(insert(audit_module), modules)
    findings = [
        {**f, "module_id": f["module_id"] if _module_exists(session, f["module_id"]) else None}
        for f in snapshot.findings
    ]
    if findings:
        session.execute(insert(FINDINGS), findings)
    _reattach_actions(session, snapshot.actions)
    session.expunge_all()
    restored_id: int = row["id"]
    return restored_id


# Findings


def _check_finding_text(text: object) -> str:
    value = clean_long(text, "Texte du constat", FINDING_MAX)
    if value is None:
        raise UserError("« Texte du constat » ne peut pas être vide.")
    return value


def add_finding(
    session: Session,
    audit_id: int,
    kind: FindingKind,
    text: str,
    module_id: int | None = None,
) -> int:
    """Add a finding after the audit's others; returns its id."""
    audit = get_audit(session, audit_id)
    finding_kind = check_enum(FindingKind, kind, _FINDING_KIND_ERROR)
    clean_text = _check_finding_text(text)
    check_module_of(session, audit.referential, module_id)
    last = session.scalar(select(func.max(Finding.position)).where(Finding.audit_id == audit_id))
    finding = Finding(
        audit_id=audit_id,
        kind=finding_kind,
        text=clean_text,
        module_id=module_id,
        position=0 if last is None else last + 1,
    )
    session.add(finding)
    session.flush()
    return finding.id


def update_finding(
    session: Session, finding_id: int, field: str, value: object, seen_version: int | None = None
) -> int:
    """Change one field: kind, text or module_id; returns the finding's new version
    (``seen_version`` as in :func:`update_audit`)."""
    finding = get_finding(session, finding_id, seen_version)
    if field == "kind":
        finding.kind = check_enum(FindingKind, value, _FINDING_KIND_ERROR)
    elif field == "text":
        finding.text = _check_finding_text(value)
    elif field == "module_id":
        if value is not None and not isinstance(value, int):
            raise TypeError("module_id: int or None expected")
        check_module_of(session, finding.audit.referential, value)
        finding.module_id = value
    else:
        raise unknown_field(field)
    session.flush()
    return finding.version


def delete_finding(session: Session, finding_id: int) -> FindingSnapshot:
    """Delete a finding; the actions drawn from it stay, unlinked."""
    get_finding(session, finding_id)
    snapshot = FindingSnapshot(
        finding=table_rows(session, FINDINGS, FINDINGS.c.id, [finding_id])[0],
        actions=actions_pointing(session, Action.finding_id, [finding_id]),
    )
    session.flush()
    session.expunge_all()
    _detach_actions(session, [finding_id])
    session.execute(delete(FINDINGS).where(FINDINGS.c.id == finding_id))
    return snapshot


def restore_finding(session: Session, snapshot: FindingSnapshot) -> int:
    row = dict(snapshot.finding)
    get_audit(session, row["audit_id"])
    ensure_free(session, FINDINGS, [row["id"]])
    if not _module_exists(session, row["module_id"]):
        row["module_id"] = None
    session.execute(insert(FINDINGS), [row])
    _reattach_actions(session, snapshot.actions)
    session.expunge_all()
    restored_id: int = row["id"]
    return restored_id
