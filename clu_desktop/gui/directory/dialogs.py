"""Small dialogs of the directory: a new person, organisation or committee, and a person
picker with the same search as the window."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.common.layout import buddy, name, rows_view, settle
from clu_desktop.gui.directory.editing import (
    DirectoryContext,
)
from clu_desktop.gui.directory.people_model import PeopleModel
from clu_desktop.gui.directory.table_model import ID_ROLE
from clu_desktop.gui.directory.texts import count_text
from clu_desktop.gui.forms.ui_new_organisation import Ui_NewOrganisationDialog
from clu_desktop.gui.forms.ui_new_person import Ui_NewPersonDialog
from clu_desktop.gui.pickers import make_searchable
from clu_desktop.services.directory.committees import DEFAULT_ROLE, MEMBER_ROLES
from clu_desktop.services.directory.organisations import OrganisationRow
from clu_desktop.services.directory.people import CIVILITIES, search_people

Submit = Callable[[dict], bool]


def line_edit(object_name: str, accessible_name: str, longest: int) -> QLineEdit:
    edit = name(QLineEdit(), object_name, accessible_name)
    edit.setMaxLength(longest)
    return edit


class FormDialog(QDialog):
    """A form with a "Créer" button, enabled once the required field is filled;
    ``submit(values)`` creates the record and returns True when done.

    With ``form`` (a Designer form's ``Ui_…`` class, from ui/), the form builds the
    dialog: its title, fields, labels and their order; else the dialog is built here
    from ``object_name`` and ``title`` and its rows added with :meth:`add_row`."""

    def __init__(
        self,
        object_name: str,
        title: str,
        submit: Submit,
        parent: QWidget | None,
        form: Any = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        if form is not None:
            self.ui = form
            form.setupUi(self)
            self.form: QFormLayout = form.form
            self.buttons: QDialogButtonBox = form.buttons
        else:
            name(self, object_name, title)
            self.setWindowTitle(title)
            self.form = QFormLayout()
            self.buttons = QDialogButtonBox()
            layout = QVBoxLayout(self)
            layout.addLayout(self.form)
            layout.addWidget(self.buttons)
            self.setMinimumWidth(480)
        self.ok_button = self.buttons.addButton("C&réer", QDialogButtonBox.ButtonRole.AcceptRole)
        name(self.ok_button, f"{object_name}Create", "Créer")
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            "Annuler", QDialogButtonBox.ButtonRole.RejectRole
        )
        name(self.cancel_button, f"{object_name}Cancel", "Annuler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def require(self, edit: QLineEdit) -> None:
        self.ok_button.setEnabled(False)
        edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))

    def add_row(self, caption: str, widget: QWidget) -> None:
        self.form.addRow(buddy(caption, widget), widget)

    def finish(self, *order: QWidget) -> None:
        """Focus the first field; Tab follows ``order`` then the buttons (a Designer
        form orders its fields itself: pass its first and last, they are kept)."""
        chain = [*order, self.ok_button, self.cancel_button]
        pairs = itertools.pairwise(chain)
        if hasattr(self, "ui"):
            pairs = itertools.pairwise(chain[1:])
        for first, second in pairs:
            QWidget.setTabOrder(first, second)
        order[0].setFocus()
        settle(self)

    def values(self) -> dict:
        raise NotImplementedError

    def accept(self) -> None:
        if self.ok_button.isEnabled() and self._submit(self.values()):
            super().accept()


class NewPersonDialog(FormDialog):
    """ui/new_person.ui, with the civilities and the organisations to choose from."""

    def __init__(
        self, organisations: list[OrganisationRow], submit: Submit, parent: QWidget | None
    ) -> None:
        ui = Ui_NewPersonDialog()
        super().__init__("newPersonDialog", "Nouvelle personne", submit, parent, ui)
        self.civility = ui.newPersonCivility
        self.civility.addItems(["", *CIVILITIES])
        self.civility.lineEdit().setMaxLength(20)
        self.first_name = ui.newPersonFirstName
        self.last_name = ui.newPersonLastName
        self.function = ui.newPersonFunction
        self.organisation = ui.newPersonOrganisation
        self.organisation.addItem("(aucun organisme)", None)
        for row in organisations:
            self.organisation.addItem(row.label, row.id)
        make_searchable(self.organisation)
        # As in the person form; checked by the same service when « Créer » is pressed.
        self.email = ui.newPersonEmail
        self.phone = ui.newPersonPhone
        self.require(self.last_name)
        self.finish(self.civility, self.phone)

    def values(self) -> dict:
        return {
            "civility": self.civility.currentText(),
            "first_name": self.first_name.text(),
            "last_name": self.last_name.text(),
            "function": self.function.text(),
            "organisation_id": self.organisation.currentData(),
            "email": self.email.text(),
            "phone": self.phone.text(),
        }


class NewOrganisationDialog(FormDialog):
    """ui/new_organisation.ui."""

    def __init__(self, submit: Submit, parent: QWidget | None) -> None:
        ui = Ui_NewOrganisationDialog()
        super().__init__("newOrganisationDialog", "Nouvel organisme", submit, parent, ui)
        self.name = ui.newOrganisationName
        self.acronym = ui.newOrganisationAcronym
        self.internal = ui.newOrganisationInternal
        self.require(self.name)
        self.finish(self.name, self.internal)

    def values(self) -> dict:
        return {
            "name": self.name.text(),
            "acronym": self.acronym.text(),
            "internal": self.internal.isChecked(),
        }


class NewCommitteeDialog(FormDialog):
    def __init__(self, submit: Submit, parent: QWidget | None) -> None:
        super().__init__("newCommitteeDialog", "Nouveau comité", submit, parent)
        self.name = line_edit("newCommitteeName", "Nom du comité", 300)
        self.acronym = line_edit("newCommitteeAcronym", "Sigle du comité", 50)
        self.add_row("&Nom\u00a0:", self.name)
        self.add_row("&Sigle\u00a0:", self.acronym)
        self.require(self.name)
        self.finish(self.name, self.acronym)

    def values(self) -> dict:
        return {"name": self.name.text(), "acronym": self.acronym.text()}


class _DownToTable(QObject):
    """The Down key in the search field moves into the results."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self._table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)


class PersonPickerDialog(FormDialog):
    """Choose a person by searching as in the window; the results show each person's
    organisation, so two homonyms are told apart. ``submit`` gets person_id and role."""

    def __init__(
        self,
        ctx: DirectoryContext,
        exclude: set[int],
        submit: Submit,
        parent: QWidget | None,
        title: str = "Ajouter un membre",
    ) -> None:
        super().__init__("personPicker", title, submit, parent)
        self.ok_button.setText("&Ajouter")
        self._ctx, self._exclude = ctx, exclude
        self.search = line_edit("personPickerSearch", "Rechercher une personne", 200)
        self.search.setPlaceholderText("Nom, prénom, organisme, fonction…")
        self.search.setClearButtonEnabled(True)
        self.model = PeopleModel(self)
        self.table = name(QTableView(), "personPickerTable", "Personnes trouvées")
        rows_view(self.table, self.model)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 110, 130, 200, 260)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.role = name(QComboBox(), "personPickerRole", "Rôle dans le comité")
        self.role.setEditable(True)
        self.role.addItems(list(MEMBER_ROLES))
        self.role.setCurrentText(DEFAULT_ROLE)
        self.role.lineEdit().setMaxLength(100)
        self.found = name(QLabel(), "personPickerFound", "Résultat de la recherche")
        self.found.setTextFormat(Qt.TextFormat.PlainText)
        self.add_row("&Rechercher\u00a0:", self.search)
        self.form.addRow(self.table)
        self.form.addRow(self.found)
        self.add_row("Rô&le\u00a0:", self.role)
        self.search.installEventFilter(_DownToTable(self.table))
        self.search.textChanged.connect(self.refresh)
        self.setMinimumSize(860, 520)
        self.refresh()
        self.finish(self.search, self.table, self.role)

    def refresh(self) -> None:
        rows = self._ctx.read(search_people, self.search.text())
        self.model.set_rows([row for row in rows if row.id not in self._exclude])
        count = self.model.rowCount()
        if count:
            self.table.selectRow(0)
        self.ok_button.setEnabled(count > 0)
        found = count_text(count, "personne trouvée", "personnes trouvées", feminine=True)
        if self._exclude:
            found += " (les membres actuels du comité ne sont pas proposés)"
        self.found.setText(found + ".")

    def person_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def values(self) -> dict:
        return {"person_id": self.person_id(), "role": self.role.currentText()}

    def accept(self) -> None:
        if self.person_id() is not None:
            super().accept()
