"""Signing the minutes, reopening them, and their history.

Signing makes the minutes PDF (the one that is signed; PDF/A-2b, as public archives
are), keeps it with its SHA-256, sets the status "compte-rendu signé" and who signed and
when, and records a SIGNED event; the values its indicator annexes print are frozen with
it (``meetings.annex_freeze``). From then on the content is frozen
(``store/signed_minutes.py``). Reopening needs who and why, records a REOPENED event with
the fingerprint that was signed, and puts the status back to "compte-rendu rédigé" (the
annexes print the live values again); the PDF as signed stays in the history's events
only through its fingerprint (the next signature keeps the new PDF).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from clu_desktop.domain import Meeting, MeetingStatus, SignatureEvent, SignatureKind
from clu_desktop.errors import UserError
from clu_desktop.rules.fields import clean_text
from clu_desktop.services.attendance.invitations import get_meeting
from clu_desktop.services.documents.snapshot import meeting_snapshot
from clu_desktop.services.meetings import annex_freeze
from clu_desktop.store.signed_minutes import signature_change

BY_MAX = 200
REASON_MAX = 2000
KIND_LABELS = {
    SignatureKind.SIGNED: "Signé",
    SignatureKind.REOPENED: "Rouvert",
    SignatureKind.ANONYMISED: "Anonymisé",
}


@dataclass(frozen=True)
class SignatureState:
    """Where a meeting's minutes stand, for the banner."""

    meeting_id: int
    signed: bool  # the status is "compte-rendu signé": the content is frozen
    signed_at: dt.datetime | None  # None when signed outside CLU Desktop (or imported)
    signed_by: str | None
    sha256: str | None
    has_pdf: bool


@dataclass(frozen=True)
class SignatureEntry:
    kind: SignatureKind
    at: dt.datetime
    by: str
    reason: str | None
    sha256: str | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class SignedPdf:
    file_name: str  # "compte-rendu-signe-2023-12-20.pdf"
    data: bytes
    sha256: str
    signed_at: dt.datetime
    signed_by: str


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _clean_by(by: str | None) -> str:
    text = clean_text(by, "Signé par", BY_MAX)
    if text is None:
        raise UserError("Indiquez qui signe ou rouvre le compte-rendu (« Nom »).")
    return text


def signature_state(session: Session, meeting_id: int) -> SignatureState:
    meeting = get_meeting(session, meeting_id)
    has_pdf = session.scalar(
        select(Meeting.signed_pdf.is_not(None)).where(Meeting.id == meeting_id)
    )
    return SignatureState(
        meeting_id=meeting.id,
        signed=meeting.status is MeetingStatus.MINUTES_SIGNED,
        signed_at=meeting.signed_at,
        signed_by=meeting.signed_by,
        sha256=meeting.signed_sha256,
        has_pdf=bool(has_pdf),
    )


def minutes_pdf_bytes(session: Session, meeting_id: int) -> bytes:
    """The minutes as PDF, made now from the database (never the copy of a signed PDF)."""
    with tempfile.TemporaryDirectory(prefix="clu-signature-") as folder:
        from clu_desktop.documents.minutes import write_minutes  # reportlab: off the first screen

        snapshot = meeting_snapshot(session, meeting_id)
        path = write_minutes(snapshot, Path(folder) / "compte-rendu.pdf")
        return path.read_bytes()


def archival_minutes_pdf(session: Session, meeting_id: int, when: dt.datetime) -> bytes:
    """The minutes as kept at signature: made now from the database, as PDF/A-2b (a
    public archive), dated ``when``."""
    from clu_desktop.documents.pdfa import to_pdfa  # pypdf: off the first screen

    return to_pdfa(minutes_pdf_bytes(session, meeting_id), when=when)


def sign_minutes(
    session: Session, meeting_id: int, by: str, *, at: dt.datetime | None = None
) -> SignatureState:
    """Sign the minutes: make and keep their PDF with its SHA-256; the content is frozen."""
    meeting = get_meeting(session, meeting_id)
    who = _clean_by(by)
    if meeting.status is MeetingStatus.MINUTES_SIGNED:
        raise UserError("Le compte-rendu de cette séance est déjà signé.")
    if meeting.status is MeetingStatus.PLANNED:
        raise UserError(
            "Cette séance est encore « prévue » : passez son statut à « tenue » ou "
            "« compte-rendu rédigé » avant de signer le compte-rendu."
        )
    when = at or _now()
    with signature_change(session, meeting_id):
        # The annexes' values are frozen first, and the PDF is made from them: what is
        # signed is what the annexes print from now on, whatever is imported meanwhile.
        meeting.signed_annexes = annex_freeze.dumps(annex_freeze.live_annexes(session, meeting))
        meeting.status = MeetingStatus.MINUTES_SIGNED
        session.flush()
        pdf = archival_minutes_pdf(session, meeting_id, when)
        digest = hashlib.sha256(pdf).hexdigest()
        meeting.signed_at = when
        meeting.signed_by = who
        meeting.signed_sha256 = digest
        meeting.signed_pdf = pdf
        session.add(
            SignatureEvent(
                meeting_id=meeting_id, kind=SignatureKind.SIGNED, at=when, by=who, sha256=digest
            )
        )
        session.flush()
    return signature_state(session, meeting_id)


def reopen_minutes(
    session: Session, meeting_id: int, by: str, reason: str, *, at: dt.datetime | None = None
) -> SignatureState:
    """Reopen signed minutes for a correction: who, when and why are recorded with the
    fingerprint that was signed; the status goes back to "compte-rendu rédigé"."""
    meeting = get_meeting(session, meeting_id)
    who = _clean_by(by)
    why = clean_text(reason, "Raison", REASON_MAX, multiline=True)
    if why is None:
        raise UserError("Indiquez pourquoi le compte-rendu signé est rouvert (« Raison »).")
    if meeting.status is not MeetingStatus.MINUTES_SIGNED:
        raise UserError("Le compte-rendu de cette séance n'est pas signé : rien à rouvrir.")
    when = at or _now()
    with signature_change(session, meeting_id):
        session.add(
            SignatureEvent(
                meeting_id=meeting_id,
                kind=SignatureKind.REOPENED,
                at=when,
                by=who,
                reason=why,
                sha256=meeting.signed_sha256,
            )
        )
        meeting.status = MeetingStatus.MINUTES_DRAFTED
        meeting.signed_at = None
        meeting.signed_by = None
        meeting.signed_sha256 = None
        meeting.signed_pdf = None
        meeting.signed_annexes = None  # the annexes print the live values again
        session.flush()
    return signature_state(session, meeting_id)


def signature_history(session: Session, meeting_id: int) -> list[SignatureEntry]:
    """Every signature and reopening of the meeting's minutes, oldest first."""
    get_meeting(session, meeting_id)
    events = session.scalars(
        select(SignatureEvent)
        .where(SignatureEvent.meeting_id == meeting_id)
        .order_by(SignatureEvent.at, SignatureEvent.id)
    )
    return [SignatureEntry(e.kind, e.at, e.by, e.reason, e.sha256) for e in events]


def signed_pdf(session: Session, meeting_id: int) -> SignedPdf | None:
    """The minutes' PDF as it was signed, or None (not signed in CLU Desktop)."""
    get_meeting(session, meeting_id)
    meeting = session.scalars(
        select(Meeting).where(Meeting.id == meeting_id).options(undefer(Meeting.signed_pdf))
    ).one()
    if meeting.signed_pdf is None or meeting.signed_at is None:
        return None
    return SignedPdf(
        file_name=f"compte-rendu-signe-{meeting.date:%Y-%m-%d}.pdf",
        data=meeting.signed_pdf,
        sha256=meeting.signed_sha256 or hashlib.sha256(meeting.signed_pdf).hexdigest(),
        signed_at=meeting.signed_at,
        signed_by=meeting.signed_by or "",
    )
