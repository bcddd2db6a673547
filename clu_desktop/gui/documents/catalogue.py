"""The documents the page offers: one entry each, so that a new document (the sign-in
sheet) is one more line in DOCUMENTS and one more exporter.

Each entry names its exporter by a plain import: from the window, a reader (or a tool)
follows « Compte-rendu » to ``document_export.export_minutes`` and on to the PDF.
``document_export`` imports reportlab only when a document is written, so importing
this module keeps the first screen light (``tests/gui/test_main_window.py``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from clu_desktop.services.documents.export import (
    export_agenda,
    export_minutes,
    export_sign_in_sheet,
    export_signed_minutes,
    minutes_note,
)
from clu_desktop.services.documents.signature import signature_state

#: An exporter reads the meeting in the session and writes its PDF to the path.
Exporter = Callable[[Session, int, Path], Path]

#: The key of the minutes as signed: offered only when the meeting has them.
SIGNED_MINUTES = "signed_minutes"


@dataclass(frozen=True)
class DocumentKind:
    key: str  # "minutes"
    label: str  # "Compte-rendu": in the list
    noun: str  # "le compte-rendu": in sentences
    file_prefix: str  # "compte-rendu": the saved file's name starts with it
    exporter: Exporter  # writes the document's PDF
    description: str  # under the list, for the selected document
    #: « Exporter en traitement de texte… » is offered (an .odt or .docx to rework)
    editable: bool = False


DOCUMENTS: tuple[DocumentKind, ...] = (
    DocumentKind(
        key="minutes",
        label="Compte-rendu",
        noun="le compte-rendu",
        file_prefix="compte-rendu",
        exporter=export_minutes,
        description=(
            "Le compte-rendu de la séance\u00a0: en-tête, participants, ordre du jour, "
            "une section par point, clôture, signature et annexes."
        ),
        editable=True,
    ),
    DocumentKind(
        key="agenda",
        label="Convocation (ordre du jour)",
        noun="la convocation",
        file_prefix="convocation",
        exporter=export_agenda,
        description=(
            "La convocation envoyée avant la séance\u00a0: date, heure, lieu et ordre du jour. "
            "Elle porte la date de convocation de la page «\u00a0Séance\u00a0» (sans elle, "
            "elle n'est pas datée)."
        ),
    ),
    DocumentKind(
        key="sign_in_sheet",
        label="Feuille d'émargement",
        noun="la feuille d'émargement",
        file_prefix="emargement",
        exporter=export_sign_in_sheet,
        description=(
            "La feuille à signer en séance\u00a0: une ligne par personne invitée (excusés et "
            "représentés signalés), des lignes libres et la signature du président."
        ),
    ),
    DocumentKind(
        key=SIGNED_MINUTES,
        label="Compte-rendu signé (PDF d'origine)",
        noun="le compte-rendu signé",
        file_prefix="compte-rendu-signe",
        exporter=export_signed_minutes,
        description=(
            "Le compte-rendu tel qu'il a été signé, octet pour octet (son empreinte "
            "SHA-256 est sur la page « Séance ») ; proposé tant qu'il est signé."
        ),
    ),
)


def signed_minutes_offered(session: Session, meeting_id: int) -> bool:
    """Whether the meeting has its minutes as signed, to offer them."""
    return signature_state(session, meeting_id).has_pdf


def copy_note(session: Session, kind: DocumentKind, meeting_id: int) -> str | None:
    """What the minutes of a signed meeting are (the copy of the signed PDF, or made
    with the annexes' frozen values), in French; None for anything else."""
    if kind.key != "minutes":
        return None
    return minutes_note(session, meeting_id)


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def default_file_name(kind: DocumentKind, acronym: str | None, date: dt.date) -> str:
    """ "compte-rendu-CLU-2023-12-20.pdf": what "Enregistrer sous…" proposes."""
    committee = _UNSAFE.sub("-", (acronym or "").strip()).strip("-.")[:40] or "seance"
    return f"{kind.file_prefix}-{committee}-{date:%Y-%m-%d}.pdf"
