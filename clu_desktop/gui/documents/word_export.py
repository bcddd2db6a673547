"""« Exporter en traitement de texte… »: the minutes as an .odt or .docx file a colleague
reworks in LibreOffice or Word.

The file is made from the database (not from the PDF in the preview): the same text in
the PDF's order, with real headings, lists and tables. Its extension chooses the format,
by the rule the command line follows (``minutes_format``): any other is refused in French.
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
from clu_desktop.services.documents.export import export_minutes_document, minutes_format
from clu_desktop.services.settings import WHERE_TO_FILL_LETTERHEAD
from clu_desktop.store.database import Database

#: The dialog's choices, the first one proposed (LibreOffice, the State's office suite).
FILTERS = {
    "Texte LibreOffice (*.odt)": ".odt",
    "Document Word (*.docx)": ".docx",
}
TITLE = "Exporter le compte-rendu en traitement de texte"
#: Shared with « Enregistrer sous… »: the dialogs open in the folder last chosen.
SAVE_FOLDER_KEY = "documents/saveFolder"


def ask_document_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """The system's save dialog offering .odt and .docx; None when the user cancels
    (tests replace this). A name typed without an extension takes the chosen type's."""
    name, chosen = QFileDialog.getSaveFileName(parent, title, str(suggested), ";;".join(FILTERS))
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_name(path.name + FILTERS.get(chosen, ".odt"))


def export_editable(
    parent: QWidget,
    db: Database,
    meeting_id: int,
    side: DocumentSide,
    busy: Callable[[], AbstractContextManager[None]],
) -> None:
    """Ask where, then write the minutes there as .odt or .docx (under ``busy``: the
    wait cursor); the side's status tells."""
    if not letterhead_check.letterhead_ready(parent, db):
        side.show_status(
            "Compte-rendu\u00a0: non exporté, l'en-tête des documents est vide.\n"
            f"{WHERE_TO_FILL_LETTERHEAD}",
            error=True,
        )
        return
    minutes = next(kind for kind in DOCUMENTS if kind.key == "minutes")
    with db.reading() as session:
        name = Path(suggested_file_name(session, minutes, meeting_id)).with_suffix(".odt").name
    settings = QSettings()
    folder = settings.value(SAVE_FOLDER_KEY) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    target = ask_document_path(parent, TITLE, Path(str(folder)) / name)
    if target is None:
        return
    try:
        minutes_format(target)  # .pdf, .odt or .docx, as on the command line
        if target.suffix.lower() == ".pdf":
            raise UserError(
                "Pour un PDF, utilisez « Enregistrer sous… ». Ici, choisissez un nom de "
                "fichier finissant par .odt (LibreOffice) ou .docx (Word)."
            )
        with busy(), db.reading() as session:
            export_minutes_document(session, meeting_id, target)
    except UserError as exc:
        messages.show_error(parent, str(exc))
        return
    settings.setValue(SAVE_FOLDER_KEY, str(target.parent))
    side.show_status(f"Compte-rendu\u00a0: copie modifiable enregistrée dans « {target} ».")
