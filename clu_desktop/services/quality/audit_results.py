"""An audit's findings written into a meeting's minutes, in the form the minutes of
December 2023 use ("Points forts :", then a bullet per finding, "Pistes de progrès :"…)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from clu_desktop.domain import Audit, FindingKind
from clu_desktop.errors import UserError
from clu_desktop.services.quality.followup import add_written_item

AUDIT_RESULTS_TITLE = "Résultats des audits"
HEADINGS = (
    (FindingKind.STRENGTH, "Points forts :"),
    (FindingKind.IMPROVEMENT, "Pistes de progrès :"),
    (FindingKind.NONCONFORMITY, "Non-conformités :"),
)


def audit_results_text(session: Session, audit_id: int) -> str:
    """The findings of an audit grouped by kind, in the plain minutes format."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise UserError("Cet audit n'existe plus.")
    blocks = []
    for kind, heading in HEADINGS:
        texts = [finding.text for finding in audit.findings if finding.kind is kind]
        if texts:
            blocks.append(heading + "\n\n" + "\n".join(f"- {text}" for text in texts))
    if not blocks:
        raise UserError("Cet audit n'a encore aucun constat à reporter dans la séance.")
    return "\n\n".join(blocks)


def add_audit_results_item(session: Session, meeting_id: int, audit_id: int) -> int:
    """Add the item "Résultats des audits" written from the audit's findings."""
    text = audit_results_text(session, audit_id)
    return add_written_item(session, meeting_id, AUDIT_RESULTS_TITLE, text)
