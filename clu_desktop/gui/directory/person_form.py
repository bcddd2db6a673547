"""The form of one person: every field is saved as it is typed or chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui import colours
from clu_desktop.gui.common.layout import buddy, name
from clu_desktop.gui.directory.editing import (
    DirectoryContext,
    FieldBinder,
    ShownRecord,
    value_label,
)
from clu_desktop.gui.pickers import make_searchable
from clu_desktop.services.directory.organisations import OrganisationRow
from clu_desktop.services.directory.people import (
    CIVILITIES,
    PERSON,
    PERSON_LABELS,
    PersonDetails,
    get_person,
    save_person_field,
)

NO_ORGANISATION = "(aucun organisme)"
NO_PERSON_TEXT = "Sélectionnez une personne dans la liste, ou créez-en une (Ctrl+N)."


def error_label(object_name: str) -> QLabel:
    label = value_label(object_name, "Erreur de saisie")
    colours.paint(label, colours.ERROR)
    label.hide()
    return label


def heading_label(object_name: str, accessible_name: str) -> QLabel:
    label = value_label(object_name, accessible_name)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    return label


class PersonForm(QWidget):
    """Civility, first name, NAME, function, organisation, e-mail, phone and notes."""

    saved = Signal(int)  # the person's id, after a field was saved

    def __init__(self, ctx: DirectoryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        name(self, "personForm", "Fiche de la personne")
        self.heading = heading_label("personHeading", "Personne sélectionnée")
        self.heading.setText(NO_PERSON_TEXT)

        self.civility = name(QComboBox(), "personCivility", "Civilité")
        self.civility.setEditable(True)
        self.civility.addItems(["", *CIVILITIES])
        self.civility.lineEdit().setMaxLength(20)
        self.civility.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.first_name = self._line("personFirstName", "Prénom", 100)
        self.last_name = self._line("personLastName", "NOM", 100)
        self.function = self._line("personFunction", "Fonction", 300)
        self.organisation = name(QComboBox(), "personOrganisation", "Organisme")
        self.organisation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.organisation.setMinimumContentsLength(20)
        self.organisation.setMaxVisibleItems(20)
        make_searchable(self.organisation)
        self.email = self._line("personEmail", "Courriel", 254)
        self.email.setPlaceholderText("prenom.nom@exemple.fr")
        self.phone = self._line("personPhone", "Téléphone", 50)
        self.notes = name(QPlainTextEdit(), "personNotes", "Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(140)
        self.committees = value_label("personCommittees", "Comités dont la personne est membre")
        self.committees.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.status = error_label("personError")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for caption, widget in (
            ("&Civilité\u00a0:", self.civility),
            ("Prén&om\u00a0:", self.first_name),
            ("&NOM\u00a0:", self.last_name),
            ("Fonc&tion\u00a0:", self.function),
            ("Organ&isme\u00a0:", self.organisation),
            ("Courrie&l\u00a0:", self.email),
            ("Télép&hone\u00a0:", self.phone),
            ("Note&s\u00a0:", self.notes),
            ("Mem&bre de\u00a0:", self.committees),
        ):
            form.addRow(buddy(caption, widget), widget)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)

        combo = self.organisation
        organisation = {"organisation_id": lambda oid: combo.itemText(combo.findData(oid))}
        self.record = ShownRecord(
            ctx, save_person_field, get_person, PERSON, PERSON_LABELS, organisation
        )
        self.binder = FieldBinder(ctx, "person", self.record.apply, self.status, self)
        self.binder.combo_text(self.civility, "civility", "Modifier la civilité")
        self.binder.line(self.first_name, "first_name", "Modifier le prénom")
        self.binder.line(self.last_name, "last_name", "Modifier le NOM")
        self.binder.line(self.function, "function", "Modifier la fonction")
        self.binder.combo_data(self.organisation, "organisation_id", "Changer d'organisme")
        self.binder.line(self.email, "email", "Modifier le courriel")
        self.binder.line(self.phone, "phone", "Modifier le téléphone")
        self.binder.plain(self.notes, "notes", "Modifier les notes")
        self.binder.saved.connect(lambda person_id, _field: self.saved.emit(person_id))
        for first, second in (
            (self.civility, self.first_name),
            (self.first_name, self.last_name),
            (self.last_name, self.function),
            (self.function, self.organisation),
            (self.organisation, self.email),
            (self.email, self.phone),
            (self.phone, self.notes),
            (self.notes, self.committees),
        ):
            QWidget.setTabOrder(first, second)
        self.load(None)

    @staticmethod
    def _line(object_name: str, accessible_name: str, longest: int) -> QLineEdit:
        edit = name(QLineEdit(), object_name, accessible_name)
        edit.setMaxLength(longest)
        return edit

    @property
    def person_id(self) -> int | None:
        return self.binder.record_id

    def set_organisations(self, rows: list[OrganisationRow]) -> None:
        """The organisations offered (kept in step with the Organismes tab)."""
        self.organisation.blockSignals(True)
        try:
            self.organisation.clear()
            self.organisation.addItem(NO_ORGANISATION, None)
            for row in rows:
                self.organisation.addItem(row.label, row.id)
            index = self.organisation.findData(self.binder.value("organisation_id"))
            self.organisation.setCurrentIndex(max(index, 0))
        finally:
            self.organisation.blockSignals(False)

    def load(self, person: PersonDetails | None) -> None:
        """Show a person as saved (None: an empty, disabled form)."""
        self.record.shown = person
        if person is None:
            self.binder.load(None, {})
            self.heading.setText(NO_PERSON_TEXT)
            self.committees.clear()
            return
        self.binder.load(person.id, {f: getattr(person, f) for f in self._fields()})
        self.show_summary(person)

    def show_summary(self, person) -> None:
        """The heading and committees of a person row (after a field was saved)."""
        self.heading.setText(person.label)
        self.committees.setText("\n".join(person.committees) or "Aucun comité")

    @staticmethod
    def _fields() -> tuple[str, ...]:
        return (
            "civility",
            "first_name",
            "last_name",
            "function",
            "organisation_id",
            "email",
            "phone",
            "notes",
        )
