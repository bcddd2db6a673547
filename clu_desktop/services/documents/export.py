"""Printable documents of a meeting: a snapshot read from the database, then a PDF.

These are what the window and the command line call. The snapshot is read in the
caller's session; the PDF is written to a temporary file beside ``path``, then renamed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from clu_desktop.errors import UserError
from clu_desktop.services.documents.signature import signature_state, signed_pdf
from clu_desktop.services.documents.snapshot import meeting_snapshot


def export_minutes(session: Session, meeting_id: int, path: Path | str) -> Path:
    """Write the minutes (compte-rendu) of a meeting as PDF at ``path``.

    Minutes signed in CLU Desktop are the PDF kept at signature, byte for byte (what
    :func:`minutes_note` tells); others are made now, a signed meeting's indicator
    annexes with the values frozen with its minutes."""

    signed = signed_pdf(session, meeting_id)
    if signed is not None:
        return _write_copy(signed.data, path)
    return render_minutes(session, meeting_id, path)


def render_minutes(session: Session, meeting_id: int, path: Path | str) -> Path:
    """Make the minutes' PDF now from the database, even of minutes signed in CLU
    Desktop (signing makes them so; the Documents page's preview of a signed PDF does not)."""
    from clu_desktop.documents.minutes import write_minutes

    return write_minutes(meeting_snapshot(session, meeting_id), path)


ARCHIVE_PDF_ONLY = (
    "Le compte-rendu pour archivage est un PDF (PDF/A) : choisissez un nom de fichier "
    "finissant par .pdf."
)


def check_archive_path(path: Path | str) -> None:
    """Refuse (French UserError) an archive's file name that is not a PDF's."""
    if minutes_format(path) != ".pdf":
        raise UserError(ARCHIVE_PDF_ONLY)


def export_minutes_archive(session: Session, meeting_id: int, path: Path | str) -> Path:
    """Write the minutes for archiving, as PDF/A-2b, at ``path``.

    Minutes signed in CLU Desktop are the PDF kept at signature, byte for byte, when it
    already is PDF/A (signed since CLU Desktop makes it so); an older one is converted
    (same pages, dated when signed). Others are made now and converted."""
    from clu_desktop.documents.pdfa import is_pdfa, to_pdfa
    from clu_desktop.services.documents.signature import archival_minutes_pdf

    check_archive_path(path)
    signed = signed_pdf(session, meeting_id)
    if signed is None:
        now = dt.datetime.now().replace(microsecond=0)
        return _write_copy(archival_minutes_pdf(session, meeting_id, now), path)
    if is_pdfa(signed.data):
        return _write_copy(signed.data, path)
    return _write_copy(to_pdfa(signed.data, when=signed.signed_at), path)


#: What the minutes are written as, by the file's extension.
MINUTES_FORMATS = {
    ".pdf": "PDF",
    ".odt": "traitement de texte (LibreOffice, Word)",
    ".docx": "traitement de texte (Word, LibreOffice)",
}


def minutes_format(path: Path | str) -> str:
    """The extension of ``path`` (".pdf", ".odt" or ".docx"), which chooses the format the
    minutes are written in; a name without one is a PDF, as it always was; any other
    extension is refused in French (UserError)."""
    suffix = Path(path).suffix.lower()
    if not suffix:
        return ".pdf"
    if suffix not in MINUTES_FORMATS:
        given = f"« {Path(path).suffix} »"
        raise UserError(
            f"Le compte-rendu ne peut pas être écrit dans « {Path(path).name} » "
            f"({given}) : choisissez un nom de fichier finissant par .pdf, .odt "
            "(LibreOffice) ou .docx (Word)."
        )
    return suffix


def export_minutes_as(session: Session, meeting_id: int, path: Path | str) -> Path:
    """Write the minutes at ``path`` in the format its extension chooses (refused in
    French for any extension but .pdf, .odt and .docx): the PDF as
    :func:`export_minutes`, an editable copy as :func:`export_minutes_document`."""
    if minutes_format(path) == ".pdf":
        return export_minutes(session, meeting_id, path)
    return export_minutes_document(session, meeting_id, path)


def export_minutes_document(session: Session, meeting_id: int, path: Path | str) -> Path:
    """Write the minutes as a word processor's file (.odt or .docx, by the extension of
    ``path``) a colleague can rework: the same text in the PDF's order, headings in
    heading styles, the present in a table. Made from the database, even for signed
    minutes (an editable copy is never the signed record)."""
    from clu_desktop.documents.word_processing import FORMATS, write_minutes_document

    if minutes_format(path) not in FORMATS:
        raise UserError("Un compte-rendu modifiable s'écrit en .odt ou en .docx.")
    return write_minutes_document(meeting_snapshot(session, meeting_id), path)


def minutes_note(session: Session, meeting_id: int, *, sha256: bool = False) -> str | None:
    """What :func:`export_minutes` gives of signed minutes, in French (with the signed
    PDF's SHA-256 when ``sha256``); None for minutes not signed (made from the database
    as it is)."""

    state = signature_state(session, meeting_id)
    if not state.signed:
        return None
    if state.has_pdf and state.signed_at is not None:
        by = f" par {state.signed_by}" if state.signed_by else ""
        where = (
            f"empreinte SHA-256 {state.sha256}"
            if sha256
            else ("son empreinte SHA-256 est sur la page « Séance »")
        )
        return (
            f"Compte-rendu signé le {state.signed_at:%d/%m/%Y à %H:%M}{by} : copie du PDF "
            f"signé, octet pour octet ({where})."
        )
    return (
        "Compte-rendu signé hors de CLU Desktop (aucun PDF signé n'est conservé) : "
        "reproduit depuis la base, ses annexes d'indicateurs avec les valeurs figées "
        "avec lui."
    )


def _write_copy(data: bytes, path: Path | str) -> Path:
    from clu_desktop.files import write_atomically

    target = Path(path)
    write_atomically(target, data)
    return target


def export_agenda(
    session: Session, meeting_id: int, path: Path | str, issued_on: dt.date | None = None
) -> Path:
    """Write the convocation (ordre du jour sent before the meeting) as PDF at ``path``."""
    from clu_desktop.documents.convocation import write_convocation

    return write_convocation(meeting_snapshot(session, meeting_id), path, issued_on=issued_on)


def export_sign_in_sheet(
    session: Session, meeting_id: int, path: Path | str, blank_rows: int | None = None
) -> Path:
    """Write the sign-in sheet (feuille d'émargement) as PDF at ``path``: one row per
    invited person, then ``blank_rows`` empty rows for walk-ins (5 by default)."""
    from clu_desktop.documents.sign_in_sheet import DEFAULT_BLANK_ROWS, write_sign_in_sheet

    rows = DEFAULT_BLANK_ROWS if blank_rows is None else blank_rows
    return write_sign_in_sheet(meeting_snapshot(session, meeting_id), path, blank_rows=rows)


def export_signed_minutes(session: Session, meeting_id: int, path: Path | str) -> Path:
    """Write the minutes as they were signed (the PDF kept at signature) at ``path``."""
    signed = signed_pdf(session, meeting_id)
    if signed is None:
        raise UserError(
            "Ce compte-rendu n'a pas été signé dans CLU Desktop : il n'y a pas de PDF "
            "d'origine à montrer."
        )
    return _write_copy(signed.data, path)
