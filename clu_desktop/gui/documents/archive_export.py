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

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from clu_desktop.errors import UserError
from clu_desktop.gui import letterhead_check, messages
from clu_desktop.gui.documents.catalogue import DOCUMENTS
from clu_desktop.gui.documents.generation import suggested_file_name
from clu_desktop.gui.documents.side import DocumentSide
from clu_desktop.gui.documents.word_export import SAVE_FOLDER_KEY
from clu_desktop.services.documents.export import check_archive_path, export_minutes_archive
from clu_desktop.services.documents.signature import signature_state
from clu_desktop.services.settings import WHERE_TO_FILL_LETTERHEAD
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
    if not kept and not letterhead_check.letterhead_ready(parent, db):
        side.show_status(
            "Compte-rendu\u00a0: non exporté, l'en-tête des documents est vide.\n"
            f"{WHERE_TO_FILL_LETTERHEAD}",
            error=True,
        )
        return
    minutes = next(kind for kind in DOCUMENTS if kind.key == "minutes")
    with db.reading() as session:
        name = Path(suggested_file_name(session, minutes, meeting_id))
    name = name.with_name(f"{name.stem}-archive.pdf")
    settings = QSettings()
    folder = settings.value(SAVE_FOLDER_KEY) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    target = ask_archive_path(parent, TITLE, Path(str(folder)) / name.name)
    if target is None:
        return
    try:
        check_archive_path(target)
        with busy(), db.reading() as session:
            export_minutes_archive(session, meeting_id, target)
    except UserError as exc:
        messages.show_error(parent, str(exc))
        return
    settings.setValue(SAVE_FOLDER_KEY, str(target.parent))
    side.show_status(f"Compte-rendu\u00a0: PDF/A pour archivage enregistré dans « {target} ».")
