"""Signed minutes after an erasure: the PDF kept at signature, made again without the name.

When the user anonymises signed minutes too, the PDF kept at signature (``signed_pdf``)
still prints the name: it is made again from the anonymised data, and its new SHA-256 is
recorded in the signature history by an « Anonymisé » event that says why (without the
name) and gives the fingerprint that was signed. If the PDF cannot be made again, or
still names the person once made (a file attached as annex, say), it is removed and the
event says so: a signed PDF that keeps the name is not kept against the user's choice.

When signed minutes are kept as signed, their PDF is left alone; the report counts the
ones that name the person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from clu_desktop.domain import Meeting, MeetingStatus, SignatureEvent, SignatureKind
from clu_desktop.services.personal.names import PersonMatcher
from clu_desktop.services.personal.walk import WalkResult, pdf_text

#: Who the history names for these events: no one typed it.
ERASURE_BY = "Effacement de données personnelles"


@dataclass(frozen=True)
class PdfOutcome:
    remade: int = 0  # signed PDFs made again without the name
    removed: int = 0  # signed PDFs removed: they could not be made without it
    kept: int = 0  # signed PDFs kept as signed that name the person


def render_minutes(session: Session, meeting_id: int) -> bytes:
    """The minutes' PDF made now from the database (never the PDF kept at signature),
    as the PDF kept at signature is: PDF/A-2b."""
    from clu_desktop.services.documents.signature import archival_minutes_pdf

    return archival_minutes_pdf(session, meeting_id, dt.datetime.now().replace(microsecond=0))


def _remade(session: Session, meeting_id: int, matcher: PersonMatcher) -> tuple[bytes | None, str]:
    """The new PDF, or None and why it could not be made."""
    try:
        pdf = render_minutes(session, meeting_id)
    except Exception as exc:  # a font, a logo, reportlab: the PDF is removed, and said so
        return None, f"il n'a pas pu être refait ({type(exc).__name__})"
    text = pdf_text(pdf)
    if text is None or matcher.found_in(text):
        return None, "refait, il portait encore son nom (dans une annexe jointe, par exemple)"
    return pdf, ""


#: Tables outside a meeting's own rows that its minutes print (letterhead, committee,
#: people printed from the directory, indicator annexes). When the erasure changed one,
#: every signed PDF is read to know whether it printed the person.
PRINTED_OUTSIDE = frozenset(
    {"identity", "committee", "person", "organisation", "indicator", "indicator_value", "site"}
)


def signed_pdfs(
    session: Session, matcher: PersonMatcher, found: WalkResult, anonymise_signed: bool
) -> PdfOutcome:
    """Make again (or remove) the signed PDFs that name the person, or count them."""
    read_all = bool(found.tables & PRINTED_OUTSIDE)
    touched = found.meetings | found.kept_meetings | found.linked_meetings
    meetings = session.scalars(
        select(Meeting)
        .where(Meeting.status == MeetingStatus.MINUTES_SIGNED, Meeting.signed_pdf.is_not(None))
        .options(undefer(Meeting.signed_pdf))
        .order_by(Meeting.id)
    ).all()
    remade = removed = kept = 0
    for meeting in meetings:
        signed_pdf = meeting.signed_pdf
        assert signed_pdf is not None  # the query keeps the meetings that have one
        names = meeting.id in touched or (read_all and matcher.found_in(pdf_text(signed_pdf)))
        if not names:
            continue
        if not anonymise_signed:
            kept += 1
            continue
        old = meeting.signed_sha256 or hashlib.sha256(signed_pdf).hexdigest()
        pdf, why = _remade(session, meeting.id, matcher)
        now = dt.datetime.now().replace(microsecond=0)
        if pdf is not None:
            digest = hashlib.sha256(pdf).hexdigest()
            meeting.signed_pdf = pdf
            meeting.signed_sha256 = digest
            reason = (
                "Données d'une personne effacées à sa demande (droit à l'effacement) : le PDF "
                "signé a été refait à partir des données anonymisées. Empreinte du PDF signé "
                f"auparavant : {old}."
            )
            remade += 1
        else:
            digest = None
            meeting.signed_pdf = None
            reason = (
                "Données d'une personne effacées à sa demande (droit à l'effacement) : le PDF "
                f"signé a été retiré, car {why}. Empreinte du PDF retiré : {old}."
            )
            removed += 1
        session.add(
            SignatureEvent(
                meeting_id=meeting.id,
                kind=SignatureKind.ANONYMISED,
                at=now,
                by=ERASURE_BY,
                reason=reason,
                sha256=digest,
            )
        )
    session.flush()
    return PdfOutcome(remade, removed, kept)
