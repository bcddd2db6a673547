"""Pages whose content comes with later work: a clear French empty state until then,
and the participants list with its one action, inviting the standing members."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from clu_desktop.errors import UserError
from clu_desktop.gui import messages, undo
from clu_desktop.services.invitations import (
    invite_standing_members,
    list_invitations,
    remove_invitations,
)
from clu_desktop.store.database import Database


def _message_label(text: str, object_name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setMargin(24)
    return label


class EmptyPage(QWidget):
    """A page that says what it will hold and where that is done today."""

    def __init__(self, object_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.message = _message_label(text, f"{object_name}Message")
        self.message.setAccessibleName("Information")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        """Nothing to show yet, whatever the meeting."""


class ParticipantsPage(QWidget):
    """The invited people of the meeting, and "Inviter les membres permanents"."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participantsPage")
        self._db = db
        self._meeting_id: int | None = None
        self._stack: QUndoStack | None = None
        self.summary = _message_label("", "participantsSummary")
        self.summary.setAccessibleName("Résumé des invitations")
        self.people = QListWidget()
        self.people.setObjectName("invitedPeople")
        self.people.setAccessibleName("Personnes invitées")
        self.people.setWordWrap(True)
        self.people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.invite_button = QPushButton("&Inviter les membres permanents du comité")
        self.invite_button.setObjectName("inviteStandingMembers")
        self.invite_button.setAccessibleName("Inviter les membres permanents du comité")
        self.invite_button.clicked.connect(self.invite_standing_members)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.invite_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.people, 1)

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        self._meeting_id, self._stack = meeting_id, stack
        self.reload()

    def reload(self) -> None:
        self.people.clear()
        self.invite_button.setEnabled(self._meeting_id is not None)
        if self._meeting_id is None:
            self.summary.setText("Aucune séance sélectionnée.")
            return
        with self._db.reading() as session:
            rows = list_invitations(session, self._meeting_id)
        for row in rows:
            details = ", ".join(p for p in (row.function, row.organisation) if p)
            self.people.addItem(f"{row.name} — {details}" if details else row.name)
        count = len(rows)
        self.summary.setText(
            f"{count} personne(s) invitée(s). L'émargement et les réponses aux invitations "
            "se saisiront ici."
            if count
            else "Personne n'est encore invité à cette séance."
        )

    def invite_standing_members(self) -> None:
        if self._meeting_id is None:
            return
        meeting_id = self._meeting_id
        added: list[int] = []

        def do() -> list[int]:
            with self._db.transaction() as session:
                added[:] = invite_standing_members(session, meeting_id)
            self._after_edit()
            return added

        def take_back() -> None:
            with self._db.transaction() as session:
                remove_invitations(session, added)
            self._after_edit()

        try:
            undo.record(self._stack, "Inviter les membres permanents", do, take_back)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        if not added:
            messages.show_info(self, "Tous les membres permanents sont déjà invités.")

    def _after_edit(self) -> None:
        self.reload()
        self.changed.emit()
