"""The signature bar of the "Séance" page and its two small dialogs.

Signed: « Compte-rendu signé le 8 avril 2024 à 10 h 12 par dupont — le contenu ne peut
plus être modifié. », the SHA-256 of the PDF as signed (selectable) and « Rouvrir… ».
Not signed: « Marquer comme signé… », which first shows what does not add up in the
record (people not ticked, a proxy held by someone absent…) and lets the user go on or
go back. Signing and reopening are not undo steps: they are recorded in the signature
history.
"""

from __future__ import annotations

import datetime as dt
import getpass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.french.dates import long_date
from clu_desktop.gui import colours, letterhead_check, messages
from clu_desktop.gui.participants.counts import warnings_text
from clu_desktop.services.documents.signature import (
    SignatureState,
    reopen_minutes,
    sign_minutes,
    signature_state,
)
from clu_desktop.services.meetings.record import meeting_record
from clu_desktop.store.database import Database

FROZEN = "le contenu ne peut plus être modifié."
#: Warnings listed before signing; more are summed up in one line.
WARNINGS_SHOWN = 10


def warnings_question(lines: tuple[str, ...]) -> str:
    """Asked before signing minutes whose record has points to check."""
    return (
        "Avant de signer, ces points sont à vérifier\u00a0:\n\n"
        f"{warnings_text(lines, WARNINGS_SHOWN)}\n\n"
        "Le compte-rendu signé ne pourra plus être modifié sans être rouvert. "
        "Signer quand même\u00a0?"
    )


def french_moment(moment: dt.datetime) -> str:
    """ "8 avril 2024 à 10 h 12"."""
    return f"{long_date(moment.date())} à {moment:%H} h {moment:%M}"


def state_text(state: SignatureState) -> str:
    if not state.signed:
        return "Compte-rendu non signé\u00a0: le contenu reste modifiable."
    if state.signed_at is None:
        return (
            "Compte-rendu signé hors de CLU Desktop (ni PDF ni empreinte enregistrés) — " + FROZEN
        )
    when = french_moment(state.signed_at)
    return f"Compte-rendu signé le {when} par {state.signed_by} — {FROZEN}"


def workstation_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment
        return ""


class SignatureDialog(QDialog):
    """Who signs (and, to reopen, why); OK only once what is needed is typed."""

    def __init__(self, parent: QWidget | None, *, reopen: bool, explanation: str) -> None:
        super().__init__(parent)
        self.setObjectName("reopenDialog" if reopen else "signDialog")
        self.setWindowTitle("Rouvrir le compte-rendu" if reopen else "Marquer comme signé")
        note = QLabel(explanation)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.by_edit = QLineEdit(workstation_user())
        self.by_edit.setObjectName("signatureByEdit")
        self.by_edit.setAccessibleName("Nom de la personne")
        self.by_edit.setMaxLength(200)
        form = QFormLayout()
        by_label = QLabel("&Nom\u00a0:")
        by_label.setBuddy(self.by_edit)
        form.addRow(by_label, self.by_edit)
        self.reason_edit: QPlainTextEdit | None = None
        if reopen:
            self.reason_edit = QPlainTextEdit()
            self.reason_edit.setObjectName("reopenReasonEdit")
            self.reason_edit.setAccessibleName("Raison de la réouverture")
            self.reason_edit.setTabChangesFocus(True)
            self.reason_edit.setPlaceholderText("ex. nom d'un participant mal orthographié")
            self.reason_edit.setFixedHeight(4 * self.reason_edit.fontMetrics().lineSpacing() + 12)
            reason_label = QLabel("&Raison\u00a0:")
            reason_label.setBuddy(self.reason_edit)
            form.addRow(reason_label, self.reason_edit)
            self.reason_edit.textChanged.connect(self._update_ok)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Rouvrir" if reopen else "Signer")
        self.ok_button.setObjectName("signatureOkButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.by_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._update_ok()
        # Settle the size constraints before the native window exists.
        self.ensurePolished()
        layout.activate()

    @property
    def by(self) -> str:
        return self.by_edit.text()

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText() if self.reason_edit is not None else ""

    def _update_ok(self) -> None:
        needed = [self.by.strip()]
        if self.reason_edit is not None:
            needed.append(self.reason.strip())
        self.ok_button.setEnabled(all(needed))


class SignatureBar(QFrame):
    """Where the minutes stand, with the action that changes it."""

    #: After a signature or a reopening.
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._meeting_id: int | None = None
        self.state: SignatureState | None = None
        self.dialog: SignatureDialog | None = None  # the one open, for tests
        self.setObjectName("signatureBar")
        self.setAccessibleName("Signature du compte-rendu")
        self.setProperty("signed", False)
        self.setFrameShape(QFrame.Shape.StyledPanel)  # signed: filled green (colours.tint)
        self.text_label = QLabel()
        self.text_label.setObjectName("signatureText")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash_label = QLabel()
        self.hash_label.setObjectName("signatureHash")
        self.hash_label.setAccessibleName("Empreinte SHA-256 du PDF signé")
        self.hash_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hash_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.hash_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hash_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.button = QPushButton()
        self.button.setObjectName("signatureButton")
        self.button.clicked.connect(self._act)
        texts = QVBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.addWidget(self.text_label)
        texts.addWidget(self.hash_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addLayout(texts, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._settle_size()

    def _settle_size(self) -> None:
        """Fixed sizes: the texts change, the page's size constraints must not."""
        lines = self.text_label.fontMetrics().lineSpacing()
        self.text_label.setFixedHeight(2 * lines + 2)
        self.hash_label.setFixedHeight(self.hash_label.fontMetrics().lineSpacing() + 2)
        for label in (self.text_label, self.hash_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            label.setMinimumWidth(1)
            policy = label.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            label.setSizePolicy(policy)
        widths = []
        for text in ("&Rouvrir…", "Marquer comme si&gné…"):
            self.button.setText(text)
            widths.append(self.button.sizeHint().width())
        self.button.setFixedWidth(max(widths))
        self.ensurePolished()
        self.setFixedHeight(self.sizeHint().height())
        # Hidden without a meeting, its room kept: the page's size never changes.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)

    @property
    def signed(self) -> bool:
        return self.state is not None and self.state.signed

    def show_meeting(self, meeting_id: int | None) -> None:
        self._meeting_id, self.state = meeting_id, None
        if meeting_id is not None:
            try:
                with self._db.reading() as session:
                    self.state = signature_state(session, meeting_id)
            except UserError:
                self.state = None
        self._show()

    def _show(self) -> None:
        state = self.state
        self.setVisible(state is not None)
        if state is None:
            return
        if self.property("signed") != state.signed:
            self.setProperty("signed", state.signed)
            if state.signed:  # a green panel, its text in the palette's colour that reads
                colours.tint(self, colours.SIGNED_PANEL)
            else:
                colours.unpaint(self)
                self.setAutoFillBackground(False)
            self.style().unpolish(self)
            self.style().polish(self)
        self.text_label.setText(state_text(state))
        self.hash_label.setVisible(state.sha256 is not None)
        self.hash_label.setText(f"Empreinte SHA-256 du PDF signé\u00a0: {state.sha256 or ''}")
        self.hash_label.setToolTip(
            "Empreinte du PDF tel qu'il a été signé (voir l'onglet « Documents »)\u00a0: "
            "une copie dont l'empreinte est la même est identique, octet pour octet."
        )
        if state.signed:
            self.button.setText("&Rouvrir…")
            self.button.setAccessibleName("Rouvrir le compte-rendu signé")
            self.button.setToolTip("Rouvrir le compte-rendu pour le corriger (nom et raison)")
        else:
            self.button.setText("Marquer comme si&gné…")
            self.button.setAccessibleName("Marquer le compte-rendu comme signé")
            self.button.setToolTip(
                "Produire le PDF du compte-rendu, le garder avec son empreinte, et figer le "
                "contenu de la séance"
            )

    def _act(self) -> None:
        if self.signed:
            self.reopen()
        else:
            self.sign()

    def sign(self) -> bool:
        """Show the points to check (if any), ask who signs, then sign; True when signed.
        The PDF kept at signature is final: an empty letterhead is filled first."""
        if not letterhead_check.letterhead_ready(self, self._db):
            return False
        if not self._warnings_accepted():
            return False
        return self._ask(
            reopen=False,
            explanation=(
                "Le compte-rendu va être produit en PDF et gardé tel quel, avec son empreinte "
                "SHA-256. Ensuite, le contenu de la séance (participants, ordre du jour, "
                "interventions, annexes) ne pourra plus être modifié, sauf à rouvrir le "
                "compte-rendu. Le suivi des actions et les réponses aux remarques restent "
                "possibles."
            ),
        )

    def _warnings_accepted(self) -> bool:
        """True when the record has nothing to check, or the user goes on anyway."""
        if self._meeting_id is None:
            return True
        try:
            with self._db.reading() as session:
                lines = meeting_record(session, self._meeting_id).warnings.lines
        except UserError:  # the meeting was deleted meanwhile: signing will say so
            return True
        if not lines:
            return True
        return messages.confirm(self, warnings_question(lines), "Signer quand même…")

    def reopen(self) -> bool:
        """Ask who reopens and why, then reopen; True when reopened."""
        return self._ask(
            reopen=True,
            explanation=(
                "Rouvrir le compte-rendu permet de le corriger\u00a0; il devra être signé à "
                "nouveau. La réouverture est consignée (nom, date, raison, empreinte du PDF "
                "signé)."
            ),
        )

    def _ask(self, *, reopen: bool, explanation: str) -> bool:
        meeting_id = self._meeting_id
        if meeting_id is None:
            return False
        self.dialog = SignatureDialog(self, reopen=reopen, explanation=explanation)
        try:
            if self.dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            by, reason = self.dialog.by, self.dialog.reason
        finally:
            self.dialog.deleteLater()
            self.dialog = None
        try:
            with self._db.transaction() as session:
                if reopen:
                    reopen_minutes(session, meeting_id, by, reason)
                else:
                    sign_minutes(session, meeting_id, by)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return False
        self.show_meeting(meeting_id)
        self.changed.emit()
        return True
