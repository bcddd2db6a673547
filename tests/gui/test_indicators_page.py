"""The "Indicateurs" page on the demonstration data, driven with the keyboard and the mouse:
the catalogue, values typed in the grid, the chart, and the spreadsheet import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from clu_desktop.gui.indicators import fields as fields_module
from clu_desktop.gui.indicators.catalogue import CatalogueModel
from clu_desktop.gui.indicators.import_dialog import PREVIEW as PREVIEW_STEP
from clu_desktop.gui.indicators.import_dialog import PreviewModel
from clu_desktop.gui.indicators.page import IndicatorsPage
from clu_desktop.gui.indicators.values_model import ValuesModel
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import common as indicators_common
from clu_desktop.services.indicators import values as indicators_values

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
PREFECTURE = "Préfecture de la Haute-Marne"
LANGRES = "Sous-préfecture de Langres"
SAINT_DIZIER = "Sous-préfecture de Saint-Dizier"


@pytest.fixture
def page(qtbot, demo_db, stack):
    page = IndicatorsPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show_meeting(1, stack)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    yield page
    page.close()


def indicator(db, code: str) -> indicators_common.IndicatorRow:
    with db.reading() as session:
        return next(r for r in indicators_catalogue.list_indicators(session) if r.code == code)


def cells(db, code: str) -> dict:
    with db.reading() as session:
        grid = indicators_values.value_grid(session, indicator(db, code).id)
    return {key: cell.value for key, cell in grid.cells.items()}


def site_id(db, name: str) -> int:
    with db.reading() as session:
        return next(s.id for s in indicators_catalogue.list_sites(session) if s.name == name)


def select(qtbot, page: IndicatorsPage, code: str) -> None:
    """Click the indicator in the catalogue."""
    tree = page.catalogue.tree
    index = page.catalogue.model.index_of(indicator(page.context.db, code).id)
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), LEFT, pos=tree.visualRect(index).center())
    assert page.values.grid.indicator.code == code


def editor(page: IndicatorsPage) -> QLineEdit:
    shown = [
        e for e in page.values.view.findChildren(QLineEdit, "indicatorValueEditor") if e.isVisible()
    ]
    assert len(shown) == 1
    return shown[0]


def type_value(qtbot, page: IndicatorsPage, text: str, key=Qt.Key.Key_Tab) -> None:
    """Type into the current cell as a user does (the first key opens the editor),
    then leave it with ``key``."""
    view = page.values.view
    if view.state() != view.State.EditingState:
        view.setFocus()
        qtbot.keyClick(view, text[0])
        text = text[1:]
    field = editor(page)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, key)


def next_row(page: IndicatorsPage) -> int:
    return page.values.model.rowCount() - 1


# Showing the demonstration


def test_the_demo_indicators_are_listed_by_category(page):
    model = page.catalogue.model
    groups = {}
    for number in range(model.rowCount()):
        category = model.index(number, 0)
        groups[category.data()] = [
            model.index(row, 0, category).data() for row in range(model.rowCount(category))
        ]
    assert list(groups) == [
        "Communication numérique (3)",
        "Accueil téléphonique (3)",
        "Réclamations (1)",
        "Titres (2)",
        "Accueil numérique (1)",
        "Satisfaction (1)",
    ]
    assert sum(len(names) for names in groups.values()) == 11
    assert "taux d'appels aboutis au niveau général" in groups["Accueil téléphonique (3)"]
    assert page.catalogue.count_label.text() == "11 indicateurs"


def test_the_filter_keeps_matching_indicators(qtbot, page):
    qtbot.keyClicks(page.catalogue.filter_edit, "delai")  # no accent typed
    model = page.catalogue.model
    assert model.categories() == [
        "Communication numérique",
        "Accueil téléphonique",
        "Réclamations",
        "Titres",
    ]
    assert page.catalogue.count_label.text() == "5 indicateurs sur 11"
    qtbot.keyClicks(page.catalogue.filter_edit, " rendez")
    assert model.categories() == ["Titres"]
    assert page.catalogue.count_label.text() == "1 indicateur sur 11"
    assert page.values.grid.indicator.code == "RDV-MAIRIE-DELAI"


def test_pan_shows_one_column_per_site_and_its_example_values(qtbot, page):
    select(qtbot, page, "PAN-USAGE")
    model = page.values.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [PREFECTURE, LANGRES, SAINT_DIZIER]
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == [
        "2022",
        "2023 (à saisir)",
    ]
    first = model.index(0, 0)
    assert first.data() == "1\u202f250"
    assert first.data(Qt.ItemDataRole.FontRole).italic()
    assert "(exemple)" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert page.values.example_label.isVisible()
    assert "ne donne pas les chiffres" in page.values.example_label.text()
    assert page.fields.code_edit.text() == "PAN-USAGE"
    assert page.fields.checked_sites() == [
        site_id(page.context.db, n) for n in (PREFECTURE, LANGRES, SAINT_DIZIER)
    ]


def test_a_value_against_its_target_shows_a_mark(qtbot, page):
    select(qtbot, page, "SITE-MAJ-3J")  # 97 % for a target of 100 %
    cell = page.values.model.index(0, 0)
    assert cell.data() == "97\u00a0% \u2717"
    assert "Cible non atteinte (cible ≥ 100\u00a0%)" in cell.data(Qt.ItemDataRole.ToolTipRole)


# Typing values


def test_values_typed_in_the_next_period_are_saved_cell_after_cell(qtbot, page):
    db = page.context.db
    select(qtbot, page, "PAN-USAGE")
    view = page.values.view
    assert view.currentIndex().row() == next_row(page)
    assert view.currentIndex().column() == 0
    type_value(qtbot, page, "1 300")
    assert cells(db, "PAN-USAGE")[("2023", site_id(db, PREFECTURE))] == 1300
    assert view.currentIndex().column() == 1  # Tab went to the next site, still typing
    type_value(qtbot, page, "455,5")
    type_value(qtbot, page, "612", key=Qt.Key.Key_Return)
    saved = cells(db, "PAN-USAGE")
    assert saved[("2023", site_id(db, LANGRES))] == 455.5
    assert saved[("2023", site_id(db, SAINT_DIZIER))] == 612
    model = page.values.model
    assert model.headerData(1, Qt.Orientation.Vertical) == "2023"
    assert model.headerData(2, Qt.Orientation.Vertical) == "2024 (à saisir)"
    assert model.index(1, 1).data() == "455,5"
    assert not model.index(1, 1).data(Qt.ItemDataRole.FontRole)  # typed: not an example
    assert view.currentIndex().row() == 2  # Enter went down to the new next period


def test_a_percentage_of_120_is_refused(qtbot, page, answered_messages):
    db = page.context.db
    select(qtbot, page, "SITE-MAJ-3J")
    type_value(qtbot, page, "120", key=Qt.Key.Key_Return)
    assert answered_messages.errors == [
        "Un pourcentage est compris entre 0 et 100 (valeur saisie : 120)"
    ]
    assert ("2023", None) not in cells(db, "SITE-MAJ-3J")
    view = page.values.view
    assert view.currentIndex().row() == next_row(page) == 1  # the cursor stays on the cell
    assert view.currentIndex().data() == ""


def test_unreadable_text_is_refused_and_the_cell_keeps_its_value(qtbot, page, answered_messages):
    db = page.context.db
    select(qtbot, page, "TEL-ABOUTIS")
    page.values.view.setCurrentIndex(page.values.model.index(0, 0))
    type_value(qtbot, page, "8x6")
    assert answered_messages.errors == ["Valeur illisible : « 8x6 »"]
    assert cells(db, "TEL-ABOUTIS") == {("2022", None): 86}
    assert page.values.model.index(0, 0).data() == "86\u00a0%"
    view = page.values.view
    assert (view.currentIndex().row(), view.state()) == (0, view.State.NoState)  # not moved on


def test_ctrl_z_undoes_the_last_value_and_ctrl_y_redoes_it(qtbot, page, stack):
    db = page.context.db
    select(qtbot, page, "SATISFACTION")
    type_value(qtbot, page, "93")
    assert cells(db, "SATISFACTION")[("2023", None)] == 93
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert ("2023", None) not in cells(db, "SATISFACTION")
    assert page.values.model.rowCount() == 2  # 2022 and 2023 to type
    assert page.chart.chart.periods == ("2022",)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, CTRL)
    assert cells(db, "SATISFACTION")[("2023", None)] == 93
    assert stack.count() == 1


def test_typing_over_an_example_makes_it_a_real_value_and_delete_empties_a_cell(qtbot, page):
    db = page.context.db
    select(qtbot, page, "RECLAM-10J")
    view = page.values.view
    view.setCurrentIndex(page.values.model.index(0, 0))
    type_value(qtbot, page, "94", key=Qt.Key.Key_Return)
    assert not page.values.model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert not page.values.example_label.isVisible()
    view.setCurrentIndex(page.values.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert cells(db, "RECLAM-10J") == {}


def test_comment_and_source_of_the_selected_cell(qtbot, page, stack):
    db = page.context.db
    select(qtbot, page, "TEL-DECROCHES")
    values = page.values
    values.view.setCurrentIndex(values.model.index(0, 0))
    assert values.comment_edit.isEnabled()
    assert values.source_edit.text().startswith("Valeur d'exemple")
    qtbot.keyClicks(values.comment_edit, "Nouveau standard")
    values.source_edit.selectAll()
    qtbot.keyClicks(values.source_edit, "Outil <b>&</b>")
    with db.reading() as session:
        grid = indicators_values.value_grid(session, indicator(db, "TEL-DECROCHES").id)
    cell = grid.cells[("2022", None)]
    assert (cell.comment, cell.source) == ("Nouveau standard", "Outil <b>&</b>")
    tip = values.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Outil &lt;b&gt;&amp;&lt;/b&gt;" in tip
    assert stack.count() == 2  # one step for each field typed
    stack.undo()
    assert values.source_edit.text().startswith("Valeur d'exemple")
    values.view.setCurrentIndex(values.model.index(1, 0))  # the period to type
    assert not values.comment_edit.isEnabled()


# The chart


def test_the_chart_shows_the_selected_indicator_and_follows_the_values(qtbot, page):
    # Built just after the page's first painting, without being asked for.
    def chart_shown() -> bool:
        chart = page.findChild(QWidget, "indicatorChart")
        return chart is not None and chart.isVisible()

    qtbot.waitUntil(chart_shown)
    select(qtbot, page, "PAN-USAGE")
    chart = page.chart.chart
    assert chart.indicator.code == "PAN-USAGE"
    assert [s.site_name for s in chart.series] == [PREFECTURE, LANGRES, SAINT_DIZIER]
    assert chart.series[0].examples == (True,)
    type_value(qtbot, page, "1400", key=Qt.Key.Key_Return)
    chart = page.chart.chart
    assert chart.periods == ("2022", "2023")
    assert chart.series[0].values == (1250.0, 1400.0)
    select(qtbot, page, "TITRES-DELAI")
    assert page.chart.chart.indicator.code == "TITRES-DELAI"


# The catalogue's fields


def test_fields_are_saved_as_typed_and_undone(qtbot, page, stack):
    db = page.context.db
    select(qtbot, page, "SATISFACTION")
    name_edit = page.fields.name_edit
    name_edit.selectAll()
    qtbot.keyClicks(name_edit, "Satisfaction des usagers")
    assert indicator(db, "SATISFACTION").name == "Satisfaction des usagers"
    assert page.catalogue.model.row_for(page.catalogue.tree.currentIndex()).name == (
        "Satisfaction des usagers"
    )
    assert stack.count() == 1  # the typing is one step
    target = page.fields.target_edit
    target.setFocus()
    qtbot.keyClicks(target, "90")
    qtbot.keyClick(target, Qt.Key.Key_Tab)
    assert indicator(db, "SATISFACTION").target == 90
    assert page.values.model.index(0, 0).data() == "92\u00a0% \u2713"
    stack.undo()
    stack.undo()
    assert indicator(db, "SATISFACTION").name == "enquête de satisfaction 2022"
    assert name_edit.text() == "enquête de satisfaction 2022"


def test_a_refused_field_shows_why_then_goes_back(qtbot, page, answered_messages):
    db = page.context.db
    select(qtbot, page, "SATISFACTION")
    code = page.fields.code_edit
    code.selectAll()
    qtbot.keyClicks(code, "PAN-USAGE")
    assert page.fields.code_error.isVisible()
    assert "porte déjà le code" in page.fields.code_error.text()
    assert answered_messages.errors == []  # not while typing
    qtbot.keyClick(code, Qt.Key.Key_Return)
    assert len(answered_messages.errors) == 1
    assert code.text() == "SATISFACTION"
    assert indicator(db, "SATISFACTION").code == "SATISFACTION"
    target = page.fields.target_edit
    target.setFocus()
    qtbot.keyClicks(target, "120")
    qtbot.keyClick(target, Qt.Key.Key_Tab)
    assert "entre 0 et 100" in answered_messages.errors[-1]
    assert target.text() == ""
    assert indicator(db, "SATISFACTION").target is None


def test_add_a_site_and_check_it(qtbot, page, monkeypatch, stack):
    db = page.context.db
    select(qtbot, page, "PAN-USAGE")
    monkeypatch.setattr(fields_module, "ask_site_name", lambda _parent: "France Services Joinville")
    qtbot.mouseClick(page.fields.add_site_button, LEFT)
    joinville = site_id(db, "France Services Joinville")
    assert joinville in indicator(db, "PAN-USAGE").site_ids
    assert page.values.model.columnCount() == 4
    stack.undo()
    assert joinville not in indicator(db, "PAN-USAGE").site_ids
    assert page.values.model.columnCount() == 3


def test_add_and_delete_an_indicator_with_undo(qtbot, page, stack, answered_messages):
    db = page.context.db
    select(qtbot, page, "TITRES-DELAI")
    qtbot.mouseClick(page.catalogue.add_button, LEFT)
    qtbot.keyClicks(page.fields.name_edit, "Permis de conduire - delai")
    new = indicator(db, "IND-12")
    assert (new.name, new.category) == ("Permis de conduire - delai", "Titres")
    assert page.catalogue.model.categories()[3] == "Titres"
    assert page.catalogue.current_id() == new.id
    qtbot.mouseClick(page.catalogue.delete_button, LEFT)
    with db.reading() as session:
        assert "IND-12" not in {r.code for r in indicators_catalogue.list_indicators(session)}
    stack.undo()  # the deletion
    assert indicator(db, "IND-12").name == "Permis de conduire - delai"
    stack.undo()  # the name
    stack.undo()  # the addition
    with db.reading() as session:
        assert len(indicators_catalogue.list_indicators(session)) == 11
    stack.redo()
    assert indicator(db, "IND-12").category == "Titres"
    select(qtbot, page, "PAN-USAGE")
    qtbot.mouseClick(page.catalogue.delete_button, LEFT)
    assert "3 valeurs" in answered_messages.errors[-1]
    assert indicator(db, "PAN-USAGE")


# Importing a spreadsheet


CSV_TEXT = (
    "Indicateur;Période;Site;Valeur;Commentaire\n"
    "SATISFACTION;2023;;93,5;Enquête d'été\n"
    "PAN-USAGE;2023;Sous-préfecture de Langres;512;\n"
    "PAN-USAGE;2022;Préfecture de la Haute-Marne;1 260;chiffre définitif\n"
)


def settle(qtbot, dialog) -> None:
    """Wait for the check (or the import) the dialog runs off the GUI thread."""
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20_000)


def test_import_a_windows_csv_with_the_mapping_and_the_preview(
    qtbot, page, tmp_path, answered_messages, monkeypatch
):
    db = page.context.db
    path = tmp_path / "valeurs.csv"
    path.write_bytes(CSV_TEXT.encode("cp1252"))
    monkeypatch.setattr("clu_desktop.gui.indicators.page.ask_import_path", lambda _p: path)
    qtbot.keyClick(page.catalogue.tree, Qt.Key.Key_I, CTRL | SHIFT)
    dialog = page._dialog
    assert dialog is not None and dialog.isVisible()
    settle(qtbot, dialog)
    assert dialog.combos["période"].currentText() == "Période"
    assert dialog.combos["source"].currentText() == "(aucune)"
    preview = dialog.model
    assert preview.rowCount() == 3
    assert [preview.index(r, preview.CHECK).data() for r in range(3)] == ["OK", "OK", "OK"]
    assert preview.index(0, 4).data() == "93,5"
    assert preview.index(0, 3).data() == "Ensemble"
    assert "ne peut pas être annulé" in dialog.findChild(QLabel, "importNotUndoable").text()
    # Every name is known: nothing to decide, « Suivant » goes to the preview.
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.steps.currentIndex() == PREVIEW_STEP
    qtbot.mouseClick(dialog.import_button, LEFT)
    settle(qtbot, dialog)
    report = "3 valeurs importées (2 ajoutées, 1 mise à jour)."
    assert dialog.report_view.toPlainText().startswith(report)
    assert answered_messages.errors == []
    assert cells(db, "SATISFACTION")[("2023", None)] == 93.5
    assert cells(db, "PAN-USAGE")[("2022", site_id(db, PREFECTURE))] == 1260
    assert page.status_label.text() == report
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()
    select(qtbot, page, "PAN-USAGE")
    assert page.values.model.index(0, 0).data() == "1\u202f260"


def test_a_bad_line_imports_nothing_and_says_where(qtbot, page, tmp_path, answered_messages):
    db = page.context.db
    path = tmp_path / "valeurs.csv"
    path.write_text(CSV_TEXT + "TEL-ABOUTIS;2023;;12,,5;\n", encoding="utf-8")
    dialog = page.import_values(path)
    settle(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, LEFT)
    problems = dialog.problems_view.toPlainText()
    assert "Ligne 5, colonne « Valeur » : valeur illisible : « 12,,5 »" in problems
    assert "1 problème à corriger" in dialog.status_label.text()
    assert dialog.isVisible()
    assert ("2023", None) not in cells(db, "SATISFACTION")
    assert answered_messages.infos == []


def test_a_wrong_mapping_is_explained_before_importing(qtbot, page, tmp_path):
    path = tmp_path / "valeurs.csv"
    path.write_bytes(CSV_TEXT.encode("cp1252"))
    dialog = page.import_values(path)
    settle(qtbot, dialog)
    combo = dialog.combos["valeur"]
    combo.setCurrentIndex(combo.findText("Période"))
    assert not dialog.import_button.isEnabled()
    assert "même colonne" in dialog.mapping_error.text()


def test_a_file_that_is_not_a_table_is_refused(qtbot, page, tmp_path, answered_messages):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    dialog = page.import_values(path)  # read off the GUI thread, then closed
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert answered_messages.errors and "abîmé" in answered_messages.errors[0]
    assert not dialog.busy()


# In the main window


def test_the_tab_builds_the_page_when_first_shown_and_undo_reaches_it(qtbot, demo_db):
    from clu_desktop.gui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    holder = window.findChild(QWidget, "indicatorsPageHolder")
    assert holder.page is None  # nothing built before the tab is shown
    window.tabs.setCurrentWidget(holder)
    page = holder.page
    assert isinstance(page, IndicatorsPage)
    qtbot.waitUntil(page.isVisible)
    select(qtbot, page, "SATISFACTION")
    type_value(qtbot, page, "94", key=Qt.Key.Key_Return)
    assert cells(demo_db, "SATISFACTION")[("2023", None)] == 94
    window.undo_action.trigger()
    assert ("2023", None) not in cells(demo_db, "SATISFACTION")
    assert page.values.model.rowCount() == 2


# Item models


def test_the_item_models_pass_the_model_tester(qtbot, qtmodeltester, page, tmp_path):
    select(qtbot, page, "PAN-USAGE")
    qtmodeltester.check(page.catalogue.model)
    qtmodeltester.check(page.values.model)
    path = tmp_path / "valeurs.csv"
    path.write_bytes(CSV_TEXT.encode("cp1252"))
    dialog = page.import_values(path)
    settle(qtbot, dialog)
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.lines_model)
    qtmodeltester.check(page.mappings.model)
    qtmodeltester.check(CatalogueModel())
    qtmodeltester.check(ValuesModel())
    qtmodeltester.check(PreviewModel())
