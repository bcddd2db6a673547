"""The "Personnes" tab: the people found by the search, and the form of the selected one."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
)

from clu_desktop.gui import messages
from clu_desktop.gui.columns import ColumnFitter
from clu_desktop.gui.data_signals import data_signals
from clu_desktop.gui.directory.dialogs import NewPersonDialog
from clu_desktop.gui.directory.editing import DirectoryContext, table_beside_form
from clu_desktop.gui.directory.merge_dialog import MergeDialog
from clu_desktop.gui.directory.people_model import (
    COMMITTEES_COLUMN,
    FUNCTION_COLUMN,
    ORGANISATION_COLUMN,
    PeopleModel,
)
from clu_desktop.gui.directory.person_form import PersonForm
from clu_desktop.gui.directory.personal_data import PersonalDataActions
from clu_desktop.gui.directory.tab import (
    DirectoryTab,
    chain_tab_order,
    make_button,
    make_table,
)
from clu_desktop.gui.directory.texts import (
    MERGE_PEOPLE_INTRO,
    count_text,
    delete_people_question,
    usage_text,
)
from clu_desktop.services.directory.merge import merge_people
from clu_desktop.services.directory.organisations import list_organisations
from clu_desktop.services.directory.people import (
    add_person,
    delete_people,
    delete_person,
    get_person,
    get_person_row,
    person_usage,
    search_people,
)


class PeopleTab(DirectoryTab):
    def __init__(
        self, ctx: DirectoryContext, clear_search: Callable[[], None], parent=None
    ) -> None:
        super().__init__(ctx, clear_search, "peopleTab", "Personnes", parent)
        data_signals(ctx.db).changed.connect(self._data_changed)

        self.model = PeopleModel(self)
        self.table = make_table("peopleTable", "Personnes", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Widths from the content: the names whole, the longest functions, organisations
        # and committees elided first (whole in their tooltip).
        self.column_fitter = ColumnFitter(
            self.table, (FUNCTION_COLUMN, ORGANISATION_COLUMN, COMMITTEES_COLUMN)
        )
        self.form = PersonForm(ctx)
        self.form.saved.connect(self._person_saved)
        self.form.binder.conflicted.connect(self.refresh)  # show the current version

        self._add_shortcuts("Nou&velle personne", self.new_person, self.delete_selected)
        self.personal = PersonalDataActions(ctx, self, self._single_id, self.refresh)
        self.export_action = QAction("E&xporter ses données…", self.table)
        self.export_action.triggered.connect(self.personal.export_current)
        self.erase_action = QAction("Eff&acer la personne…", self.table)
        self.erase_action.triggered.connect(self.personal.erase_current)
        self.table.addActions([self.export_action, self.erase_action])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.new_button = make_button(
            "Nou&velle personne", "newPersonButton", "Nouvelle personne", self.new_person
        )
        self.new_button.setToolTip("Ajouter une personne à l'annuaire (Ctrl+N)")
        self.delete_button = make_button(
            "S&upprimer", "deletePersonButton", "Supprimer la personne", self.delete_selected
        )
        self.delete_button.setToolTip("Supprimer les personnes sélectionnées (Suppr)")
        self.merge_button = make_button(
            "Fusionn&er…", "mergePeopleButton", "Fusionner deux personnes", self.merge_selected
        )
        self.merge_button.setToolTip(
            "Réunir deux fiches de la même personne : sélectionnez-en deux (Ctrl+clic)"
        )
        self.export_button = make_button(
            "E&xporter ses données…",
            "exportPersonDataButton",
            "Exporter les données de la personne",
            self.personal.export_current,
        )
        self.export_button.setToolTip(
            "Écrire tout ce que la base contient sur cette personne (droit d'accès), en JSON"
        )
        self.erase_button = make_button(
            "Eff&acer la personne…",
            "erasePersonButton",
            "Effacer la personne",
            self.personal.erase_current,
        )
        self.erase_button.setToolTip(
            "Effacer définitivement la personne de l'annuaire et des séances (droit à l'effacement)"
        )
        table_beside_form(
            self,
            self.table,
            [
                self.new_button,
                self.delete_button,
                self.merge_button,
                self.export_button,
                self.erase_button,
            ],
            self.form,
            ("personFormScroll", "Fiche de la personne"),
            (780, 420),
        )

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        chain_tab_order(
            self.table, self.new_button, self.delete_button, self.merge_button,
            self.export_button, self.erase_button, self.form.civility,
        )  # fmt: skip

    # Reading

    def set_query(self, text: str) -> None:
        """Search as the user types (the organisations offered are not read again)."""
        self.query = text
        self._search()

    def refresh(self, select_id: int | None = None) -> None:
        """Read everything again; keep the selected person when still found."""
        self.form.set_organisations(self._ctx.read(list_organisations))
        self._search(select_id)

    def _search(self, select_id: int | None = None) -> None:
        self._list(self._ctx.read(search_people, self.query), select_id)
        self._load_current()
        self._update_buttons()

    def count_text(self) -> str:
        return count_text(self.model.rowCount(), "personne", "personnes", feminine=True)

    def _load_current(self) -> None:
        person_id = self.current_id()
        self.form.load(self._ctx.read(get_person, person_id) if person_id is not None else None)

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.delete_button.setEnabled(count > 0)
        self.merge_button.setEnabled(count == 2)
        single = (self.export_button, self.erase_button, self.export_action, self.erase_action)
        for widget in single:
            widget.setEnabled(count == 1)

    def _single_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def _person_saved(self, person_id: int) -> None:
        row = self._ctx.read(get_person_row, person_id)
        self.model.replace_row(row)
        self.form.show_summary(row)

    # Changing

    def _data_changed(self, tables: frozenset[str]) -> None:
        """An organisation added, renamed or removed, wherever: the form offers the
        organisations as they are now."""
        if "organisation" in tables:
            self.form.set_organisations(self._ctx.read(list_organisations))

    def new_person(self) -> None:
        organisations = self._ctx.read(list_organisations)
        self._open(NewPersonDialog(organisations, self._create_person, self))

    def _create_person(self, values: dict) -> bool:
        add = partial(self._ctx.write, add_person, **values)
        added = self._create("Ajouter une personne", add, delete_person)
        return self._created(*added, focus=self.table)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        rows = [self.model.row_at(self.model.row_of(i)) for i in ids]
        usage = self._ctx.read(person_usage, ids[0]) if len(ids) == 1 else None
        if not messages.confirm(self, delete_people_question(rows, usage), "Supprimer"):
            return
        text = "Supprimer une personne" if len(ids) == 1 else f"Supprimer {len(ids)} personnes"
        if self._change(self, text, delete_people, ids):
            self.refresh()

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            messages.show_error(
                self, "Sélectionnez exactement deux personnes (Ctrl+clic) pour les fusionner."
            )
            return
        people = [self._ctx.read(get_person, i) for i in ids]
        usages = [usage_text(self._ctx.read(person_usage, i)) for i in ids]
        a, b = people

        def pair(attribute: str) -> tuple[str, str]:
            return getattr(a, attribute) or "", getattr(b, attribute) or ""

        rows = [
            ("Civilité", *pair("civility")),
            ("Prénom", *pair("first_name")),
            ("NOM", a.last_name.upper(), b.last_name.upper()),
            ("Fonction", *pair("function")),
            ("Organisme", *pair("organisation_name")),
            ("Courriel", *pair("email")),
            ("Téléphone", *pair("phone")),
            ("Comités", "\n".join(a.committees), "\n".join(b.committees)),
            ("Participations", *usages),
            ("Notes", *pair("notes")),
        ]
        self._open(
            MergeDialog(
                "Fusionner deux personnes", MERGE_PEOPLE_INTRO, (a.id, b.id), rows, self._merge,
                self,
            )
        )  # fmt: skip

    def _merge(self, kept_id: int, other_id: int) -> bool:
        return self._merged("Fusionner deux personnes", merge_people, kept_id, other_id)
