"""The "Organismes" tab: organisations with their people count, and the selected one's form."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui import messages
from clu_desktop.gui.common.layout import buddy, name
from clu_desktop.gui.directory.dialogs import NewOrganisationDialog
from clu_desktop.gui.directory.editing import (
    DirectoryContext,
    FieldBinder,
    ShownRecord,
    table_beside_form,
    value_label,
)
from clu_desktop.gui.directory.merge_dialog import MergeDialog
from clu_desktop.gui.directory.organisations_model import OrganisationsModel
from clu_desktop.gui.directory.person_form import error_label, heading_label
from clu_desktop.gui.directory.tab import DirectoryTab, chain_tab_order, make_button, make_table
from clu_desktop.gui.directory.texts import MERGE_ORGANISATIONS_INTRO, count_text
from clu_desktop.services.directory.merge import merge_organisations
from clu_desktop.services.directory.organisations import (
    ORGANISATION,
    ORGANISATION_LABELS,
    OrganisationDetails,
    add_organisation,
    delete_organisation,
    get_organisation,
    get_organisation_row,
    list_organisations,
    save_organisation_field,
)
from clu_desktop.services.directory.people import organisation_people

NO_ORGANISATION_TEXT = "Sélectionnez un organisme dans la liste, ou créez-en un (Ctrl+N)."


class OrganisationForm(QWidget):
    saved = Signal(int)

    def __init__(self, ctx: DirectoryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        name(self, "organisationForm", "Fiche de l'organisme")
        self.heading = heading_label("organisationHeading", "Organisme sélectionné")
        self.name = name(QLineEdit(), "organisationName", "Nom de l'organisme")
        self.name.setMaxLength(300)
        self.acronym = name(QLineEdit(), "organisationAcronym", "Sigle")
        self.acronym.setMaxLength(50)
        self.internal = name(
            QCheckBox("Service de la préfec&ture"),
            "organisationInternal",
            "Service de la préfecture",
        )
        self.address = name(QPlainTextEdit(), "organisationAddress", "Adresse")
        self.address.setTabChangesFocus(True)
        self.address.setMaximumHeight(90)
        self.notes = name(QPlainTextEdit(), "organisationNotes", "Notes")
        self.notes.setTabChangesFocus(True)
        self.people = value_label("organisationPeople", "Personnes de l'organisme")
        self.people.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.status = error_label("organisationError")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(buddy("&Nom\u00a0:", self.name), self.name)
        form.addRow(buddy("&Sigle\u00a0:", self.acronym), self.acronym)
        form.addRow("", self.internal)
        form.addRow(buddy("&Adresse\u00a0:", self.address), self.address)
        form.addRow(buddy("N&otes\u00a0:", self.notes), self.notes)
        form.addRow(buddy("Personnes\u00a0:", self.people), self.people)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.record = ShownRecord(
            ctx, save_organisation_field, get_organisation, ORGANISATION, ORGANISATION_LABELS
        )
        self.binder = FieldBinder(ctx, "organisation", self.record.apply, self.status, self)
        self.binder.line(self.name, "name", "Renommer l'organisme")
        self.binder.line(self.acronym, "acronym", "Modifier le sigle")
        self.binder.check(self.internal, "internal", "Service de la préfecture")
        self.binder.plain(self.address, "address", "Modifier l'adresse")
        self.binder.plain(self.notes, "notes", "Modifier les notes de l'organisme")
        self.binder.saved.connect(lambda oid, _field: self.saved.emit(oid))
        self.load(None)

    def load(self, organisation: OrganisationDetails | None, people: list | None = None) -> None:
        self.record.shown = organisation
        if organisation is None:
            self.binder.load(None, {})
            self.heading.setText(NO_ORGANISATION_TEXT)
            self.people.clear()
            return
        fields = ("name", "acronym", "internal", "address", "notes")
        self.binder.load(organisation.id, {f: getattr(organisation, f) for f in fields})
        self.heading.setText(organisation.label)
        names = [row.display_name for row in people or []]
        self.people.setText("\n".join(names) or "Personne n'y est rattaché.")


class OrganisationsTab(DirectoryTab):
    def __init__(self, ctx: DirectoryContext, clear_search, parent=None) -> None:
        super().__init__(ctx, clear_search, "organisationsTab", "Organismes", parent)

        self.model = OrganisationsModel(self)
        self.table = make_table("organisationsTable", "Organismes", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.form = OrganisationForm(ctx)
        self.form.saved.connect(self._saved)
        self.form.binder.conflicted.connect(self.refresh)  # show the current version

        self._add_shortcuts("Nou&vel organisme", self.new_organisation, self.delete_selected)
        self.new_button = make_button(
            "Nou&vel organisme",
            "newOrganisationButton",
            "Nouvel organisme",
            self.new_organisation,
        )
        self.new_button.setToolTip("Ajouter un organisme (Ctrl+N)")
        self.delete_button = make_button(
            "S&upprimer",
            "deleteOrganisationButton",
            "Supprimer l'organisme",
            self.delete_selected,
        )
        self.delete_button.setToolTip("Supprimer l'organisme sélectionné, s'il est vide (Suppr)")
        self.merge_button = make_button(
            "Fusionn&er…",
            "mergeOrganisationsButton",
            "Fusionner deux organismes",
            self.merge_selected,
        )
        self.merge_button.setToolTip("Réunir deux fiches du même organisme (Ctrl+clic)")
        table_beside_form(
            self,
            self.table,
            [self.new_button, self.delete_button, self.merge_button],
            self.form,
            ("organisationFormScroll", "Fiche de l'organisme"),
            (700, 500),
        )

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        chain_tab_order(
            self.table, self.new_button, self.delete_button, self.merge_button, self.form.name
        )

    def refresh(self, select_id: int | None = None) -> None:
        self._list(self._ctx.read(list_organisations, self.query), select_id)
        self._load_current()
        self._update_buttons()

    def count_text(self) -> str:
        return count_text(self.model.rowCount(), "organisme", "organismes")

    def _load_current(self) -> None:
        oid = self.current_id()
        if oid is None:
            self.form.load(None)
            return
        self.form.load(
            self._ctx.read(get_organisation, oid), self._ctx.read(organisation_people, oid)
        )

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.delete_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count == 2)

    def _saved(self, organisation_id: int) -> None:
        self.model.replace_row(self._ctx.read(get_organisation_row, organisation_id))
        self.form.heading.setText(self.model.row_at(self.model.row_of(organisation_id)).label)

    def new_organisation(self) -> None:
        self._open(NewOrganisationDialog(self._create_organisation, self))

    def _create_organisation(self, values: dict) -> bool:
        add = partial(self._ctx.write, add_organisation, **values)
        added = self._create("Ajouter un organisme", add, delete_organisation)
        return self._created(*added, focus=self.table)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1 and self._change(
            self, "Supprimer un organisme", delete_organisation, ids[0]
        ):
            self.refresh()

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            messages.show_error(
                self, "Sélectionnez exactement deux organismes (Ctrl+clic) pour les fusionner."
            )
            return
        a, b = (self._ctx.read(get_organisation, i) for i in ids)
        people = [
            "\n".join(r.display_name for r in self._ctx.read(organisation_people, i)) for i in ids
        ]
        rows = [
            ("Nom", a.name, b.name),
            ("Sigle", a.acronym or "", b.acronym or ""),
            ("Service de la préfecture", *("Oui" if o.internal else "Non" for o in (a, b))),
            ("Adresse", a.address or "", b.address or ""),
            ("Personnes", *people),
            ("Notes", a.notes or "", b.notes or ""),
        ]
        intro = MERGE_ORGANISATIONS_INTRO
        title = "Fusionner deux organismes"
        self._open(MergeDialog(title, intro, (a.id, b.id), rows, self._merge, self))

    def _merge(self, kept_id: int, other_id: int) -> bool:
        return self._merged("Fusionner deux organismes", merge_organisations, kept_id, other_id)
