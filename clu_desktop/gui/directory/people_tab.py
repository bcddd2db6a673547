"""The "Personnes" tab: the people found by the search, and the form of the selected one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QPushButton,
    QTableView,
    QWidget,
)

from clu_desktop.gui import messages
from clu_desktop.gui.columns import ColumnFitter
from clu_desktop.gui.data_signals import data_signals
from clu_desktop.gui.directory.dialogs import NewPersonDialog
from clu_desktop.gui.directory.editing import DirectoryContext, name_widget, table_beside_form
from clu_desktop.gui.directory.merge_dialog import MergeDialog
from clu_desktop.gui.directory.people_model import (
    COMMITTEES_COLUMN,
    FUNCTION_COLUMN,
    ORGANISATION_COLUMN,
    PeopleModel,
)
from clu_desktop.gui.directory.person_form import PersonForm
from clu_desktop.gui.directory.personal_data import PersonalDataActions
from clu_desktop.gui.directory.table_model import ID_ROLE
from clu_desktop.gui.directory.texts import (
    MERGE_PEOPLE_INTRO,
    count_text,
    delete_people_question,
    usage_text,
)
from clu_desktop.services.directory import (
    add_person,
    delete_people,
    delete_person,
    get_person,
    get_person_row,
    list_organisations,
    merge_people,
    person_usage,
    restore_snapshot,
    search_people,
)


def make_table(object_name: str, accessible_name: str, model) -> QTableView:
    table = name_widget(QTableView(), object_name, accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setHighlightSections(False)
    return table


def make_button(text: str, object_name: str, accessible_name: str, slot) -> QPushButton:
    button = name_widget(QPushButton(text), object_name, accessible_name)
    button.clicked.connect(slot)
    return button


def select_table_row(table: QTableView, row: int | None) -> None:
    """Make ``row`` the current and only selected row (None: clear the selection)."""
    if row is None:
        table.selectionModel().clear()
        return
    index = table.model().index(row, 0)
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(index)


class PeopleTab(QWidget):
    def __init__(
        self, ctx: DirectoryContext, clear_search: Callable[[], None], parent=None
    ) -> None:
        super().__init__(parent)
        name_widget(self, "peopleTab", "Personnes")
        self._ctx, self._clear_search = ctx, clear_search
        self.query = ""
        self.dialog = None  # the dialog last opened, for tests
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

        self.new_action = QAction("Nou&velle personne", self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self.new_person)
        self.addAction(self.new_action)
        self.delete_action = QAction("Supprimer", self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)
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
        for first, second in (
            (self.table, self.new_button),
            (self.new_button, self.delete_button),
            (self.delete_button, self.merge_button),
            (self.merge_button, self.export_button),
            (self.export_button, self.erase_button),
            (self.erase_button, self.form.civility),
        ):
            QWidget.setTabOrder(first, second)

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
        keep = select_id if select_id is not None else self.current_id()
        self.model.set_rows(self._ctx.read(search_people, self.query))
        row = self.model.row_of(keep)
        if row is None and self.model.rowCount():
            row = 0
        select_table_row(self.table, row)
        self._load_current()
        self._update_buttons()

    def count_text(self) -> str:
        return count_text(self.model.rowCount(), "personne", "personnes", feminine=True)

    def current_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row).id for row in rows]

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
        self.dialog = NewPersonDialog(organisations, self._create, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()

    def _create(self, values: dict) -> bool:
        held: dict = {}

        def do() -> int:
            if "snapshot" in held:  # redo: the same person, with the same id
                self._ctx.write(restore_snapshot, held.pop("snapshot"))
            else:
                held["id"] = self._ctx.write(add_person, **values)
            return held["id"]

        def undo() -> None:
            held["snapshot"] = self._ctx.write(delete_person, held["id"])

        done, person_id = self._ctx.attempt(self.dialog, "Ajouter une personne", do, undo)
        if done:
            if self.query:
                self._clear_search()  # the new person may not match the search
            self.refresh(select_id=person_id)
            self.table.setFocus()
        return done

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        rows = [self.model.row_at(self.model.row_of(i)) for i in ids]
        usage = self._ctx.read(person_usage, ids[0]) if len(ids) == 1 else None
        if not messages.confirm(self, delete_people_question(rows, usage), "Supprimer"):
            return
        held: dict = {}

        def do() -> None:
            held["snapshot"] = self._ctx.write(delete_people, ids)

        def undo() -> None:
            self._ctx.write(restore_snapshot, held["snapshot"])

        text = "Supprimer une personne" if len(ids) == 1 else f"Supprimer {len(ids)} personnes"
        done, _ = self._ctx.attempt(self, text, do, undo)
        if done:
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
        self.dialog = MergeDialog(
            "Fusionner deux personnes", MERGE_PEOPLE_INTRO, (a.id, b.id), rows, self._merge, self
        )
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()

    def _merge(self, kept_id: int, other_id: int) -> bool:
        held: dict = {}

        def do() -> None:
            held["snapshot"] = self._ctx.write(merge_people, kept_id, other_id)

        def undo() -> None:
            self._ctx.write(restore_snapshot, held["snapshot"])

        done, _ = self._ctx.attempt(self.dialog, "Fusionner deux personnes", do, undo)
        if done:
            self.refresh(select_id=kept_id)
        return done
