"""« Modifier le message… »: the subject and text of the committee's messages for a
convocation or minutes, with the placeholders they may use. A template with an unknown
placeholder is refused, named (``rules.mail_template.check_template``, as everywhere)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.gui import messages
from clu_desktop.rules.mail_template import PLACEHOLDERS
from clu_desktop.services.sending.templates import DEFAULTS, KINDS, get_template, set_template
from clu_desktop.store.database import Database


def button_row(
    dialog: QDialog, extra: QPushButton, accept_text: str, on_accept: Callable[[], None]
) -> QHBoxLayout:
    """``extra`` on the left, then the box of the accepting button and « Annuler ». The
    extra button is beside the box, not in it: the box orders its buttons by platform,
    and Tab must follow the reading order."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    row = QHBoxLayout()
    row.addWidget(extra)
    row.addStretch(1)
    row.addWidget(buttons)
    return row


class TemplateDialog(QDialog):
    """The template of ``kind`` (convocation or minutes) of the committee ``committee_id``."""

    def __init__(
        self, db: Database, committee_id: int, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mailTemplateDialog")
        self.setWindowTitle(f"Message pour {KINDS[kind]}")
        self._db = db
        self._committee_id = committee_id
        self._kind = kind
        with db.reading() as session:
            template = get_template(session, committee_id, kind)
        self.subject = QLineEdit(template.subject)
        self.subject.setObjectName("templateSubject")
        self.subject.setAccessibleName("Objet du message")
        self.body = QPlainTextEdit(template.body)
        self.body.setObjectName("templateBody")
        self.body.setAccessibleName("Texte du message")
        self.body.setTabChangesFocus(True)
        fields = "\n".join(f"${name} : {meaning}" for name, meaning in PLACEHOLDERS.items())
        legend = QLabel(f"Champs remplacés pour chaque séance\u00a0:\n{fields}")
        legend.setTextFormat(Qt.TextFormat.PlainText)
        legend.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("&Objet\u00a0:", self.subject)
        form.addRow("&Texte\u00a0:", self.body)
        self.default_button = QPushButton("Texte par &défaut")
        self.default_button.setObjectName("templateDefault")
        self.default_button.clicked.connect(self._show_default)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(legend)
        column.addLayout(button_row(self, self.default_button, "&Enregistrer", self._on_save))
        self.resize(620, 560)

    def _show_default(self) -> None:
        default = DEFAULTS[self._kind]
        self.subject.setText(default.subject)
        self.body.setPlainText(default.body)

    def save(self) -> bool:
        """Keep the template as typed; a French message and False when it is refused."""
        try:
            with self._db.transaction() as session:
                set_template(
                    session,
                    self._committee_id,
                    self._kind,
                    self.subject.text(),
                    self.body.toPlainText(),
                )
        except UserError as exc:
            messages.show_error(self, str(exc))
            return False
        return True

    def _on_save(self) -> None:
        if self.save():
            self.accept()
