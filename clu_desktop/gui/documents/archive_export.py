"""« Exporter pour archivage… »: the minutes as PDF/A-2b, the public archives' format.

Minutes signed in CLU Desktop are the PDF kept at signature (already PDF/A-2b); others
are made from the database and converted (``export_minutes_archive``, which the command
line's ``export minutes --archive`` calls too). A name not ending in .pdf is refused in
French, by the command line's rule (``check_archive_path``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from clu_desktop.gui.documents.side import DocumentSide
from clu_desktop.gui.documents.word_export import (
    letterhead_refused,
    minutes_file_name,
    save_folder,
    write_chosen,
)
from clu_desktop.services.documents.export import check_archive_path, export_minutes_archive
from clu_desktop.services.documents.signature import signature_state
from clu_desktop.store.database import Database

TITLE = "Exporter le compte-rendu pour archivage (PDF/A)"
FILTER = "PDF pour archivage (*.pdf)"


def ask_archive_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """The system's save dialog for a PDF; None when the user cancels (tests replace
    this). A name typed without an extension takes .pdf."""
    name, _chosen = QFileDialog.getSaveFileName(parent, title, str(suggested), FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_name(path.name + ".pdf")


def export_archive(
    parent: QWidget,
    db: Database,
    meeting_id: int,
    side: DocumentSide,
    busy: Callable[[], AbstractContextManager[None]],
) -> None:
    """Ask where, then write the minutes there as PDF/A-2b (under ``busy``: the wait
    cursor); the side's status tells."""
    with db.reading() as session:
        kept = signature_state(session, meeting_id).has_pdf
    if not kept and letterhead_refused(parent, db, side):  # a signed PDF keeps its own
        return
    name = minutes_file_name(db, meeting_id)
    target = ask_archive_path(parent, TITLE, save_folder() / f"{name.stem}-archive.pdf")
    if target is None:
        return

    def write() -> None:
        with busy(), db.reading() as session:
            export_minutes_archive(session, meeting_id, target)

    if write_chosen(parent, target, check_archive_path, write):
        side.show_status(f"Compte-rendu\u00a0: PDF/A pour archivage enregistré dans « {target} ».")
