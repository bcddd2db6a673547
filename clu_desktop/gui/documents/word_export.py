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


def letterhead_refused(parent: QWidget, db: Database, side: DocumentSide) -> bool:
    """True (and the side says why) when the letterhead is empty and the user did not fill
    it: the minutes are not exported."""
    if letterhead_check.letterhead_ready(parent, db):
        return False
    side.show_status(
        "Compte-rendu\u00a0: non exporté, l'en-tête des documents est vide.\n"
        f"{WHERE_TO_FILL_LETTERHEAD}",
        error=True,
    )
    return True


def minutes_file_name(db: Database, meeting_id: int) -> Path:
    """ "compte-rendu-CLU-2023-12-20.pdf": the minutes' name a save dialog starts from."""
    minutes = next(kind for kind in DOCUMENTS if kind.key == "minutes")
    with db.reading() as session:
        return Path(suggested_file_name(session, minutes, meeting_id))


def save_folder() -> Path:
    """The folder the save dialogs open in: the one last chosen, else the Documents."""
    folder = QSettings().value(SAVE_FOLDER_KEY) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    return Path(str(folder))


def export_editable(
    parent: QWidget,
    db: Database,
    meeting_id: int,
    side: DocumentSide,
    busy: Callable[[], AbstractContextManager[None]],
) -> None:
    """Ask where, then write the minutes there as .odt or .docx (under ``busy``: the
    wait cursor); the side's status tells."""
    if letterhead_refused(parent, db, side):
        return
    name = minutes_file_name(db, meeting_id).with_suffix(".odt").name
    target = ask_document_path(parent, TITLE, save_folder() / name)
    if target is None:
        return

    def check(path: Path) -> None:
        minutes_format(path)  # .pdf, .odt or .docx, as on the command line
        if path.suffix.lower() == ".pdf":
            raise UserError(
                "Pour un PDF, utilisez « Enregistrer sous… ». Ici, choisissez un nom de "
                "fichier finissant par .odt (LibreOffice) ou .docx (Word)."
            )

    def write() -> None:
        with busy(), db.reading() as session:
            export_minutes_document(session, meeting_id, target)

    if write_chosen(parent, target, check, write):
        side.show_status(f"Compte-rendu\u00a0: copie modifiable enregistrée dans « {target} ».")


def write_chosen(
    parent: QWidget, target: Path, check: Callable[[Path], None], write: Callable[[], None]
) -> bool:
    """``check`` the chosen name, then ``write``: a UserError from either is shown (False);
    once written, its folder is where the next save dialog opens (True)."""
    try:
        check(target)
        write()
    except UserError as exc:
        messages.show_error(parent, str(exc))
        return False
    QSettings().setValue(SAVE_FOLDER_KEY, str(target.parent))
    return True
