"""The left side of the page: the list of documents, the selected one's description,
its buttons, and a status line (when it was generated, or why it could not be)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui import colours
from clu_desktop.gui.documents.catalogue import SIGNED_MINUTES, DocumentKind

#: The sending button's text for the documents that are sent by e-mail.
#: The documents exported for archiving (PDF/A-2b): the minutes, signed or not.
ARCHIVED = ("minutes", SIGNED_MINUTES)
SEND_LABELS = {
    "agenda": "Envoyer la c&onvocation…",
    "minutes": "Envoyer le compte-rend&u…",
    SIGNED_MINUTES: "Envoyer le compte-rend&u…",
}


class DocumentSide(QWidget):
    def __init__(self, documents: tuple[DocumentKind, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsSide")
        self.documents = documents
        self.document_list = QListWidget()
        self.document_list.setObjectName("documentList")
        self.document_list.setAccessibleName("Documents de la séance")
        row_height = self.document_list.fontMetrics().height() + 10
        for kind in documents:
            item = QListWidgetItem(kind.label)
            item.setToolTip(kind.description)
            item.setData(Qt.ItemDataRole.UserRole, kind.key)
            item.setSizeHint(QSize(0, row_height))
            self.document_list.addItem(item)
        rows = row_height * max(3, len(documents))  # room for the sign-in sheet
        self.document_list.setFixedHeight(rows + 2 * self.document_list.frameWidth() + 2)
        list_label = QLabel("Documents de &la séance\u00a0:")
        list_label.setBuddy(self.document_list)
        self.description = QLabel()
        self.description.setObjectName("documentDescription")
        self.description.setAccessibleName("Description du document")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Fixed sizes: the texts change, the page's minimum size must not.
        self.description.setFixedHeight(4 * self.description.fontMetrics().lineSpacing() + 4)
        self.description.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.description.setMinimumWidth(1)

        self.generate_button = _button(
            "&Générer l'aperçu",
            "generateButton",
            "Générer l'aperçu",
            "Produire le document à nouveau avec les données actuelles (F5)",
        )
        self.print_button = _button(
            "I&mprimer…", "printButton", "Imprimer", "Imprimer le document (Ctrl+P)"
        )
        self.save_button = _button(
            "&Enregistrer sous…",
            "saveAsButton",
            "Enregistrer sous",
            "Enregistrer une copie du document en PDF (Ctrl+Maj+S)",
        )
        self.open_button = _button(
            "Ouvrir dans la &visionneuse",
            "openButton",
            "Ouvrir dans la visionneuse",
            "Ouvrir le document dans la visionneuse PDF du système",
        )
        self.buttons = [self.generate_button, self.print_button, self.save_button, self.open_button]
        # Only for the documents a colleague may rework (the minutes): shown with them.
        self.editable_button = _button(
            "Exporter en &traitement de texte…",
            "editableButton",
            "Exporter en traitement de texte",
            "Enregistrer le compte-rendu en .odt (LibreOffice) ou .docx (Word), pour le "
            "retravailler",
        )
        self.archive_button = _button(
            "Exporter pour a&rchivage…",
            "archiveButton",
            "Exporter pour archivage",
            "Enregistrer le compte-rendu en PDF/A, le format des archives publiques (signé "
            "dans CLU Desktop : le PDF signé)",
        )
        # Message drafts of the convocation or of the signed minutes (services/sending).
        self.send_button = _button(
            SEND_LABELS["agenda"],
            "sendButton",
            "Envoyer par courriel",
            "Préparer les brouillons de message pour les invités, avec le document en pièce "
            "jointe (votre messagerie les envoie)",
        )
        # Each shows only with the documents it serves, its room kept (the page's size never
        # moves); the send button's text follows the document.
        keep_room(self.editable_button)
        keep_room(self.archive_button)
        keep_room(self.send_button, ignore_width=True)
        self.status = QLabel()
        self.status.setObjectName("documentStatus")
        self.status.setAccessibleName("État du document")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # It takes the room left and wraps in it: a long path never widens the page.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.status.setMinimumSize(1, 1)

        column = QVBoxLayout(self)
        column.addWidget(list_label)
        column.addWidget(self.document_list)
        column.addWidget(self.description)
        column.addSpacing(8)
        for button in self.buttons:
            column.addWidget(button)
        column.addWidget(self.editable_button)
        column.addWidget(self.archive_button)
        column.addWidget(self.send_button)
        column.addSpacing(8)
        column.addWidget(self.status, 1)
        self.document_list.setCurrentRow(0)
        self.document_list.currentRowChanged.connect(lambda _row: self._describe())
        self._describe()

    def connect_buttons(
        self, generate: Callable, print_: Callable, save: Callable, open_: Callable
    ):
        for button, slot in zip(self.buttons, (generate, print_, save, open_), strict=True):
            button.clicked.connect(lambda _checked=False, slot=slot: slot())

    def set_offered(self, key: str, offered: bool) -> None:
        """Show or hide the document ``key`` in the list (another one is chosen when the
        hidden one was)."""
        for row, kind in enumerate(self.documents):
            if kind.key == key:
                self.document_list.item(row).setHidden(not offered)
                if not offered and self.document_list.currentRow() == row:
                    self.document_list.setCurrentRow(0)

    def current_kind(self) -> DocumentKind:
        return self.documents[max(0, self.document_list.currentRow())]

    def _describe(self) -> None:
        key = self.current_kind().key
        self.description.setText(self.current_kind().description)
        self.editable_button.setVisible(self.current_kind().editable)
        self.archive_button.setVisible(key in ARCHIVED)
        self.send_button.setVisible(key in SEND_LABELS)
        self.send_button.setText(SEND_LABELS.get(key, SEND_LABELS["agenda"]))

    def set_buttons_enabled(self, enabled: bool) -> None:
        for button in [*self.buttons, self.editable_button, self.archive_button, self.send_button]:
            button.setEnabled(enabled)

    def show_status(self, text: str, error: bool = False) -> None:
        if error:
            colours.paint(self.status, colours.ERROR)
        else:
            colours.unpaint(self.status)
        self.status.setText(text)
        self.status.setToolTip(text)  # a long path may be cut: the tip shows it whole


def _button(text: str, name: str, accessible: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setToolTip(tip)
    return button


def keep_room(button: QPushButton, ignore_width: bool = False) -> None:
    """``button`` keeps its room when hidden (and, with ``ignore_width``, whatever its
    text): showing or hiding it never changes the page's minimum size."""
    policy = button.sizePolicy()
    if ignore_width:
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    policy.setRetainSizeWhenHidden(True)
    button.setSizePolicy(policy)
