"""Choosing a person of the directory to invite: a search field and the people found,
each shown with their organisation (two people of one name are told apart) and
function."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.common.widgets import ID_ROLE, ChoiceModel
from clu_desktop.services.directory.people import PersonRow


def person_text(row: PersonRow) -> str:
    """ "M. Bernard GUY (Association des Maires…) — Maire de Chaumont"."""
    return f"{row.label} — {row.function}" if row.function else row.label


class _DownToList(QObject):
    """The Down key in the search field moves into the results."""

    def __init__(self, target: QListView) -> None:
        super().__init__(target)
        self._target = target

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self._target.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)


class InvitePersonDialog(QDialog):
    """``search(text)`` gives the PersonRows to offer; ``chosen`` gives the person's id."""

    chosen = Signal(int)

    def __init__(
        self,
        search: Callable[[str], list[PersonRow]],
        exclude: set[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("invitePersonDialog")
        self.setAccessibleName("Inviter une personne")
        self.setWindowTitle("Inviter une personne")
        self._search, self._exclude = search, exclude
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("invitePersonSearch")
        self.search_edit.setAccessibleName("Rechercher une personne")
        self.search_edit.setPlaceholderText("Nom, prénom, organisme, fonction…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaxLength(200)
        label = QLabel("&Rechercher dans l'annuaire\u00a0:")
        label.setBuddy(self.search_edit)
        self.model = ChoiceModel(parent=self)
        self.list = QListView()
        self.list.setObjectName("invitePersonList")
        self.list.setAccessibleName("Personnes trouvées")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.doubleClicked.connect(lambda _index: self.accept())
        self.found = QLabel()
        self.found.setObjectName("invitePersonFound")
        self.found.setAccessibleName("Résultat de la recherche")
        self.found.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("&Inviter", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("invitePersonOk")
        self.ok_button.setAccessibleName("Inviter")
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("invitePersonCancel")
        cancel.setAccessibleName("Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.found)
        layout.addWidget(self.buttons)
        self.search_edit.installEventFilter(_DownToList(self.list))
        self.search_edit.textChanged.connect(self.refresh)
        self.setMinimumSize(760, 460)
        self.refresh()
        self.search_edit.setFocus()

    def refresh(self) -> None:
        rows = [r for r in self._search(self.search_edit.text()) if r.id not in self._exclude]
        self.model.set_rows((row.id, person_text(row)) for row in rows)
        if rows:
            self.list.setCurrentIndex(self.model.index(0, 0))
        self.ok_button.setEnabled(bool(rows))
        if not rows:
            found = "Personne à inviter pour cette recherche"
        elif len(rows) == 1:
            found = "1 personne trouvée"
        else:
            found = f"{len(rows)} personnes trouvées"
        if self._exclude:
            found += " (les personnes déjà invitées ne sont pas proposées)"
        self.found.setText(found + ".")

    def person_id(self) -> int | None:
        index = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def accept(self) -> None:
        person_id = self.person_id()
        if person_id is None:
            return
        super().accept()
        self.chosen.emit(person_id)
