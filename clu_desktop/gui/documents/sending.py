"""« Envoyer la convocation… » / « Envoyer le compte-rendu… »: a small dialog (one message
per invitee or one to all in Bcc, the folder), then the drafts written by
``services.sending`` and the folder opened for the user's mail client. Nothing is sent
by the application."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.gui import messages
from clu_desktop.gui.documents.mail_template import TemplateDialog, button_row
from clu_desktop.services.sending.drafts import (
    SendingResult,
    folder_name,
    meeting_committee_id,
    write_drafts,
)
from clu_desktop.services.sending.templates import CONVOCATION, KINDS
from clu_desktop.store.database import Database

SEND_FOLDER_KEY = "documents/sendFolder"
TITLES = {
    CONVOCATION: "Envoyer la convocation",
    "minutes": "Envoyer le compte-rendu",
    "cancellation": "Annuler l'invitation d'agenda",
}


class SendDialog(QDialog):
    """Chooses how the drafts are written and where; :meth:`prepare` writes them."""

    def __init__(
        self, db: Database, meeting_id: int, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sendDialog")
        self.setWindowTitle(TITLES[kind])
        self._db = db
        self._meeting_id = meeting_id
        self._kind = kind
        self.result_: SendingResult | None = None
        intro = QLabel(
            f"CLU Desktop prépare les brouillons de message avec {KINDS[kind]} en pièce "
            "jointe"
            + (" et l'invitation d'agenda (.ics)" if kind == CONVOCATION else "")
            + "\u00a0; votre messagerie les ouvre, vous les vérifiez et les envoyez."
        )
        intro.setWordWrap(True)
        self.per_person = QRadioButton("Un message &par invité")
        self.per_person.setObjectName("perPersonChoice")
        self.bcc = QRadioButton("Un seul message à tous, les adresses en copie &cachée (Cci)")
        self.bcc.setObjectName("bccChoice")
        self.per_person.setChecked(True)
        self.folder = QLineEdit(str(self._default_folder()))
        self.folder.setObjectName("sendFolder")
        self.folder.setAccessibleName("Dossier des brouillons")
        folder_label = QLabel("&Dossier\u00a0:")
        folder_label.setBuddy(self.folder)
        browse = QPushButton("Pa&rcourir…")
        browse.setObjectName("browseSendFolder")
        browse.clicked.connect(self._browse)
        self.template_button = QPushButton("&Modifier le message…")
        self.template_button.setObjectName("editMailTemplate")
        self.template_button.setToolTip("L'objet et le texte des messages de ce comité")
        self.template_button.clicked.connect(self._edit_template)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.per_person)
        column.addWidget(self.bcc)
        column.addLayout(folder_row)
        column.addLayout(
            button_row(self, self.template_button, "Préparer les &brouillons", self._on_accepted)
        )
        self.resize(560, self.sizeHint().height())

    def _default_folder(self) -> Path:
        base = QSettings().value(SEND_FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        with self._db.reading() as session:
            return Path(str(base)) / folder_name(session, self._meeting_id, self._kind)

    def _edit_template(self) -> None:
        with self._db.reading() as session:
            committee_id = meeting_committee_id(session, self._meeting_id)
        TemplateDialog(self._db, committee_id, self._kind, self).exec()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Dossier des brouillons", self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def prepare(self) -> SendingResult | None:
        """Write the drafts as chosen; a French message and None when it is refused."""
        text = self.folder.text().strip()
        if not text:
            messages.show_error(self, "Indiquez le dossier où écrire les brouillons.")
            return None
        folder = Path(text).expanduser()
        try:
            with self._db.transaction() as session:
                result = write_drafts(
                    session, self._meeting_id, folder, self._kind, bcc=self.bcc.isChecked()
                )
        except UserError as exc:
            messages.show_error(self, str(exc))
            return None
        QSettings().setValue(SEND_FOLDER_KEY, str(folder.parent))
        return result

    def _on_accepted(self) -> None:
        self.result_ = self.prepare()
        if self.result_ is not None:
            self.accept()


def send_documents(parent: QWidget, db: Database, meeting_id: int, kind: str) -> str | None:
    """Ask, write the drafts, tell what was done and open them (the single draft, else
    the folder) with the system; the status line's text, or None when nothing was written."""
    dialog = SendDialog(db, meeting_id, kind, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ is None:
        return None
    result = dialog.result_
    messages.show_info(parent, "\n\n".join(result.summary()))
    target = result.drafts[0] if len(result.drafts) == 1 else result.folder
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        messages.show_error(
            parent,
            f"Le dossier « {result.folder} » n'a pas pu être ouvert\u00a0: ouvrez-le depuis "
            "l'explorateur de fichiers, puis les brouillons (.eml) avec votre messagerie.",
        )
    return f"{TITLES[kind]}\u00a0: brouillons écrits dans « {result.folder} »."
