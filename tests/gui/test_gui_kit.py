"""The GUI kit (gui/common, gui/pickers): the row model, the list-beside-an-editor
panel and the person picker, without a database."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import QComboBox, QTableView, QWidget

from clu_desktop.gui.common.list_editor import ListEditor
from clu_desktop.gui.common.rows_model import Heading, RowsMixin, RowsModel
from clu_desktop.gui.pickers import keeping_typed, make_searchable, show_person, typed_person


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
