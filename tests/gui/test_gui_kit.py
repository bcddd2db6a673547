"""The GUI kit (gui/common, gui/pickers, gui/undo): the row model, the list-beside-an-
editor panel, the person picker, the fields saved as typed and the action editors'
fields, without a database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QAbstractListModel, QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.domain import ActionStatus
from clu_desktop.errors import ConflictError, UserError
from clu_desktop.gui import messages, undo
from clu_desktop.gui.common import fields
from clu_desktop.gui.common.action_fields import (
    blank_date_edit,
    chosen_state,
    done_state,
    owner_value,
    show_date,
    status_combo,
)
from clu_desktop.gui.common.binding import (
    connect_editor,
    is_typed,
    record_field,
    set_value,
    signals_blocked,
)
from clu_desktop.gui.common.editing import EditContext
from clu_desktop.gui.common.groups_model import GroupsModel
from clu_desktop.gui.common.list_editor import ListEditor
from clu_desktop.gui.common.rows_model import READ_ONLY, Heading, RowsMixin, RowsModel
from clu_desktop.gui.common.widgets import ChoiceModel, SearchableCombo
from clu_desktop.gui.pickers import keeping_typed, make_searchable, show_person, typed_person
from clu_desktop.services.agenda.actions import ACTION_STATUS_LABELS


@dataclass(frozen=True)
class Row:
    id: int
    text: str


class Table(RowsModel):
    columns = (Heading("Texte"), Heading("Numéro"))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return row.text if index.column() == 0 else str(row.id)


class Listing(RowsMixin, QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows = []

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._rows[index.row()].text


ROWS = [Row(1, "un"), Row(2, "deux"), Row(3, "trois")]


def test_the_row_models_pass_the_model_tester(qtmodeltester):
    for model in (Table(), Listing()):
        model.set_rows(ROWS)
        qtmodeltester.check(model)
        assert model.row_of(2) == 1 and model.row_at(1) == ROWS[1]
        assert model.row_of(None) is None and model.row_at(9) is None


def test_a_replaced_row_is_shown_where_it_stands(qtbot):
    model = Table()
    model.set_rows(ROWS)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.replace_row(Row(2, "DEUX"))
    first, last = changed.args[:2]
    assert (first.row(), first.column(), last.row(), last.column()) == (1, 0, 1, 1)
    assert model.index(1, 0).data() == "DEUX"
    model.replace_row(Row(9, "absent"))  # not listed: nothing changes
    assert [r.id for r in model.rows()] == [1, 2, 3]


class Panel(QWidget, ListEditor):
    def __init__(self) -> None:
        super().__init__()
        self.model = Table(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.shown: list[int | None] = []

    def _show_current(self) -> None:
        self._current = self.model.row_at(self.view.currentIndex().row())
        self.shown.append(self._current.id if self._current is not None else None)


def test_an_edit_that_moves_the_record_keeps_it_selected(qtbot):
    panel = Panel()
    qtbot.addWidget(panel)
    panel._set_rows(ROWS, 2)
    assert panel.shown == []  # loading shows nothing until the panel asks
    panel._show_current()
    assert panel._current_id() == 2

    assert panel._refresh_rows([Row(2, "deux, déplacé"), Row(1, "un"), Row(3, "trois")])
    assert panel.view.currentIndex().row() == 0
    assert panel._current == Row(2, "deux, déplacé")
    assert panel.shown == [2]  # the form is left as typed

    assert not panel._refresh_rows([Row(1, "un")])  # gone (deleted elsewhere, filtered)
    assert panel._current is None


def test_the_person_picker_shows_a_person_or_a_name_typed(qtbot):
    combo = QComboBox()
    qtbot.addWidget(combo)
    make_searchable(combo, free_text=True)
    people = [("Mylène BÉGUÉ", 1, "Mylène BÉGUÉ (Mairie)"), ("Bernard GUY", 2, None)]

    show_person(combo, people, 2, "Bernard GUY")
    assert combo.currentData() == 2 and combo.currentText() == "Bernard GUY"
    assert combo.itemData(0, Qt.ItemDataRole.ToolTipRole) == "Mylène BÉGUÉ (Mairie)"

    show_person(combo, people, 7, "Ancien membre")  # no longer offered: still shown
    assert combo.currentData() == 7 and combo.currentText() == "Ancien membre"

    show_person(combo, people, None, "Service des titres")
    assert combo.currentIndex() == -1 and combo.currentText() == "Service des titres"

    assert typed_person(combo, " mylène bégué ") == 1
    assert typed_person(combo, "Service des titres ") == "Service des titres"
    assert typed_person(combo, "  ") is None


def test_refilling_the_picker_keeps_the_text_being_typed(qtbot):
    combo = QComboBox()
    qtbot.addWidget(combo)
    make_searchable(combo, free_text=True)
    show_person(combo, [("Bernard GUY", 2, None)], 2, "Bernard GUY")
    combo.show()
    qtbot.waitExposed(combo)
    combo.activateWindow()
    combo.lineEdit().setFocus()
    qtbot.waitUntil(combo.lineEdit().hasFocus)
    combo.lineEdit().setText("Mylè")

    keeping_typed(combo, lambda: show_person(combo, [("Bernard GUY", 2, None)], 2, "x"))
    assert combo.lineEdit().text() == "Mylè"

    combo.clearFocus()
    qtbot.waitUntil(lambda: not combo.lineEdit().hasFocus())
    keeping_typed(combo, lambda: show_person(combo, [("Bernard GUY", 2, None)], 2, "x"))
    assert combo.lineEdit().text() == "Bernard GUY"  # not typing: the choice of now


# The person picker, the choice combo and the fields a user types in


def test_the_person_picker_finds_helene_typed_without_accents(qtbot):
    model = ChoiceModel("(aucune personne)")
    model.set_rows([(1, "Mme Hélène MARTIN"), (2, "M. Bernard GUY"), (3, "Mme Hélène DUBOIS")])
    combo = SearchableCombo(model)
    qtbot.addWidget(combo)
    chosen: list = []
    combo.chosen.connect(chosen.append)

    combo.search.filter.set_text("helene")  # what typing « helene » proposes
    assert combo.search.filter.source_rows() == [1, 3]
    combo.search.filter.set_text("martin HELENE")  # any words, any order, any case
    assert combo.search.filter.source_rows() == [1]

    combo.lineEdit().setText("helene martin")  # leaving the field chooses her
    combo.lineEdit().editingFinished.emit()
    assert chosen == [1] and combo.current_id() == 1
    assert combo.lineEdit().text() == "Mme Hélène MARTIN"

    combo.lineEdit().setText("")  # an emptied field chooses « nobody »
    combo.lineEdit().editingFinished.emit()
    assert chosen == [1, None] and combo.currentText() == "(aucune personne)"


def test_the_person_picker_follows_the_directory_without_losing_the_choice(qtbot):
    model = ChoiceModel("(aucune personne)")
    model.set_rows([(1, "Mme Hélène MARTIN"), (2, "M. Bernard GUY")])
    combo = SearchableCombo(model)
    qtbot.addWidget(combo)
    combo.set_current_id(2)
    model.set_rows([(1, "Mme Hélène MARTIN-DUPONT"), (2, "M. Bernard GUY"), (4, "M. Paul NEUF")])
    combo.set_current_id(2)
    assert combo.currentText() == "M. Bernard GUY"
    combo.search.filter.set_text("dupont")  # a renamed person is found by her new name
    assert combo.search.filter.source_rows() == [1]
    assert model.label_of(4) == "M. Paul NEUF" and model.row_of(9) is None


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_a_text_field_saves_on_each_change_and_says_when_it_is_left(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    edit = QPlainTextEdit(form)
    other = QLineEdit(form)
    QVBoxLayout(form).addWidget(edit)
    form.layout().addWidget(other)
    edited, left = [], []
    connect_editor(edit, edited.append, lambda: left.append(True))
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "ok")
    assert edited == ["o", "ok"] and left == []
    other.setFocus()  # leaving the field ends the typing (one undo step)
    qtbot.waitUntil(lambda: left == [True])

    with signals_blocked([edit]):  # showing a saved value is not an edit
        set_value(edit, "saved")
    assert edited == ["o", "ok"] and edit.toPlainText() == "saved"
    assert is_typed(edit) and not is_typed(SearchableCombo(ChoiceModel()))


class _Form(QWidget):
    """What ``record_field`` needs of a form saved as typed."""

    def __init__(self) -> None:
        super().__init__()
        self._pushing = False
        self.reloaded = 0
        self.refused: list[tuple[str, str]] = []

    def reload(self) -> None:
        self.reloaded += 1

    def _refuse(self, field: str, message: str) -> None:
        self.refused.append((field, message))


def test_a_field_refused_or_changed_elsewhere_is_told_and_not_recorded(qtbot, monkeypatch):
    form = _Form()
    qtbot.addWidget(form)
    stack = QUndoStack()
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, text: shown.append(text))
    values: list[str] = []

    assert record_field(form, stack, "Modifier", lambda: values.append("a"), values.pop, None, "f")
    assert values == ["a"] and stack.count() == 1 and not form._pushing

    def refused() -> None:
        raise UserError("La date est incomplète.")

    assert not record_field(form, stack, "Modifier", refused, lambda: None, None, "date")
    assert form.refused == [("date", "La date est incomplète.")] and stack.count() == 1

    def conflict() -> None:
        raise ConflictError("Modifié sur un autre poste.")

    assert not record_field(form, stack, "Modifier", conflict, lambda: None, None, "f")
    assert shown == ["Modifié sur un autre poste."] and form.reloaded == 1
    assert stack.count() == 1 and not form._pushing

    stack.undo()  # Ctrl+Z takes back the edit that was saved
    assert values == []


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_ctrl_z_and_ctrl_y_reach_the_stack_from_anywhere_in_the_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    field = QPushButton("Terminer", window)  # a control that has no undo of its own
    QVBoxLayout(window).addWidget(field)
    steps: list[str] = []
    undo.undo_actions(window, lambda: steps.append("undo"), lambda: steps.append("redo"))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(field, Qt.Key.Key_Z, mods)
    assert steps == ["undo", "redo", "redo"]
    names = sorted(a.objectName() for a in window.actions())
    assert names == ["redoAction", "undoAction"]


# The two action editors


@dataclass(frozen=True)
class _Action:
    status: ActionStatus
    done_date: dt.date | None = None
    owner_id: int | None = None
    owner_name: str | None = None


def test_an_action_status_and_its_done_date_save_what_the_user_chose(qtbot):
    todo, done = _Action(ActionStatus.TODO), _Action(ActionStatus.DONE, dt.date(2024, 3, 1))
    assert chosen_state(todo, ActionStatus.DONE) == (ActionStatus.DONE, None)
    assert chosen_state(done, ActionStatus.DONE) is None  # the same: nothing to save
    assert chosen_state(done, ActionStatus.TODO) == (ActionStatus.TODO, None)
    assert done_state(done, QDate(2024, 3, 5)) == (ActionStatus.DONE, dt.date(2024, 3, 5))
    assert done_state(todo, QDate(2024, 3, 5)) is None  # not done: no done date
    assert done_state(done, fields.NO_DATE) is None  # the blank date is no date
    assert owner_value(_Action(ActionStatus.TODO, owner_id=4, owner_name="x")) == 4
    assert owner_value(_Action(ActionStatus.TODO, owner_name="Service")) == "Service"

    combo = status_combo("status", "Statut de l'action")
    qtbot.addWidget(combo)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == list(ACTION_STATUS_LABELS.values())


def test_a_date_field_is_blank_and_disabled_while_there_is_no_date(qtbot):
    edit = blank_date_edit("due", "Échéance")
    qtbot.addWidget(edit)
    assert edit.text().strip() == "" and edit.accessibleName() == "Échéance"
    show_date(edit, dt.date(2024, 5, 7))
    assert edit.isEnabled() and edit.text() == "07/05/2024"
    show_date(edit, None)
    assert not edit.isEnabled() and edit.text().strip() == ""
    show_date(edit, None, enabled=True)  # a done action without its date yet: to type
    assert edit.isEnabled() and edit.text().strip() == ""


# The list beside an editor


class _Context:
    """An edit context over a dict of records (what ``EditContext.remove`` does: the
    deletion goes on the undo stack, undo restores the record)."""

    def __init__(self, records: dict[int, str]) -> None:
        self.records = records
        self.stack = QUndoStack()

    def remove(self, text, record_id, delete, restore, widget=None) -> bool:
        state: dict = {}

        def do() -> None:
            state["snapshot"] = delete(self.records, record_id)

        undo.record(self.stack, text, do, lambda: restore(self.records, state["snapshot"]))
        return True


def _delete(records: dict[int, str], record_id: int) -> tuple[int, str]:
    return record_id, records.pop(record_id)


def _restore(records: dict[int, str], snapshot: tuple[int, str]) -> None:
    records[snapshot[0]] = snapshot[1]


class EditedPanel(Panel):
    def __init__(self, context: _Context) -> None:
        super().__init__()
        self.context = context
        self.editor = QLineEdit(self)
        self.delete_button = QPushButton("Supprimer", self)

    def reload(self, select_id: int | None = None) -> None:
        rows = [Row(i, text) for i, text in sorted(self.context.records.items())]
        self._set_rows(rows, select_id)
        self._show_current()

    def _show_current(self) -> None:
        row = self._take_current(self.delete_button)
        self.editor.setText(row.text if row is not None else "")


def test_deleting_the_selected_record_is_undone_by_ctrl_z(qtbot):
    context = _Context({1: "un", 2: "deux"})
    panel = EditedPanel(context)
    qtbot.addWidget(panel)
    panel.reload(2)
    assert panel.editor.text() == "deux" and panel.delete_button.isEnabled()

    panel._delete_and_reload("Supprimer", _delete, _restore)
    assert context.records == {1: "un"} and panel.editor.text() == "un"

    context.stack.undo()
    assert context.records == {1: "un", 2: "deux"}

    panel._delete_and_reload("Supprimer", _delete, _restore)
    panel._delete_and_reload("Supprimer", _delete, _restore)
    assert panel._current is None and panel.editor.text() == ""
    assert not panel.editor.isEnabled() and not panel.delete_button.isEnabled()
    panel._delete_and_reload("Supprimer", _delete, _restore)  # nothing selected: nothing
    assert context.stack.count() == 2


def test_a_table_answers_its_headers_in_the_roles_it_names():
    class Tips(Table):
        header_roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)

    horizontal, tip = Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    assert Table().headerData(0, horizontal, tip) is None
    assert Tips().headerData(0, horizontal, tip) == "Texte"
    assert Tips().headerData(1, horizontal) == "Numéro"


class Groups(GroupsModel):
    def columnCount(self, parent=None) -> int:
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.row_at(index)
        return row.text if row is not None else self.title_of(index)

    def flags(self, index):
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags


def test_the_groups_model_passes_the_model_tester_and_finds_its_rows(qtmodeltester):
    model = Groups()
    model.set_groups([("Impairs", [ROWS[0], ROWS[2]]), ("Pairs", [ROWS[1]]), ("Vide", [])])
    qtmodeltester.check(model)
    assert model.row_count() == 3 and model.titles() == ["Impairs", "Pairs", "Vide"]
    three = model.index_of(3)
    assert model.row_at(three) == ROWS[2] and model.title_of(three) == "Impairs"
    assert three.parent().data() == "Impairs" and model.row_at(three.parent()) is None
    assert model.group_at(model.index(1, 0)) == ("Pairs", [ROWS[1]])
    assert not model.index_of(9).isValid()


def test_a_page_hears_the_undo_stack_of_the_meeting_shown_only():
    context = EditContext(None)  # no database: following a stack reads nothing
    first, second, heard = QUndoStack(), QUndoStack(), []
    context.follow(1, first, heard.append)
    undo.record(first, "un", lambda: None, lambda: None)
    context.follow(2, second, heard.append)
    undo.record(first, "deux", lambda: None, lambda: None)  # another meeting's: not heard
    undo.record(second, "trois", lambda: None, lambda: None)
    assert heard == [1, 1] and (context.meeting_id, context.stack) == (2, second)
    context.follow(None, None, heard.append)
    undo.record(second, "quatre", lambda: None, lambda: None)
    assert heard == [1, 1] and context.stack is None
