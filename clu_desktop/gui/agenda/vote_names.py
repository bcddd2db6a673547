"""Naming the members who voted one way (« Contre : M. X, Mme Y »), among the people
invited to the meeting."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from clu_desktop.gui.common.checklist import CheckList, CheckListModel
from clu_desktop.gui.common.layout import name
from clu_desktop.services.attendance.invitations import PersonChoice


class VoteNamesDialog(QDialog):
    """Tick the members who voted ``choice``; those named for another choice are greyed.

    ``submit(person_ids)`` saves them and returns True when done (the dialog then closes;
    a refusal leaves it open, its ticks as they were).
    """

    def __init__(
        self,
        choice_label: str,
        people: list[PersonChoice],
        named: Iterable[int],
        elsewhere: Iterable[int],
        submit: Callable[[list[int]], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        title = f"Membres nommés « {choice_label} »"
        name(self, "voteNamesDialog", title)
        self.setWindowTitle(title)
        self._submit = submit
        self.model = CheckListModel(self)
        self.model.set_rows((person.id, person.name) for person in people)
        self.model.set_checked(named, disabled=elsewhere)
        self.people = CheckList(
            self.model, choice_label, "Personne n'est nommé : seul le nombre est imprimé.", 10
        )
        name(self.people.view, "voteNamesList", title)
        caption = QLabel(
            f"&Cochez les membres à nommer « {choice_label} » (Espace coche). Les membres "
            "nommés pour un autre choix sont grisés."
        )
        caption.setWordWrap(True)
        caption.setBuddy(self.people.view)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            "&Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole
        )
        name(self.ok_button, "voteNamesSave", "Enregistrer les noms")
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        name(cancel, "voteNamesCancel", "Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.people)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        # Settle the size constraints before the dialog's window exists.
        self.ensurePolished()
        layout.activate()

    def chosen(self) -> list[int]:
        return [key for key in self.model.checked_ids() if isinstance(key, int)]

    def accept(self) -> None:
        if self._submit(self.chosen()):
            super().accept()
