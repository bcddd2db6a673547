"""The import dialog's mapping step (issue 16): a real préfecture export (Windows-1252,
semicolons, decimal commas) naming 3 indicators and 2 sites its own way; the check off
the GUI thread with « Annuler »; the stored mappings on the Indicateurs page."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from clu_desktop.gui.indicators.import_dialog import COLUMNS, NAMES, PREVIEW, REPORT
from clu_desktop.gui.indicators.import_names import CREATE, IGNORE, target
from clu_desktop.gui.indicators.page import IndicatorsPage
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import files as core
from clu_desktop.services.indicators import mappings
from clu_desktop.services.indicators import values as indicators_values

DATA = Path(__file__).parent.parent / "data"
# Windows-1252, semicolons, decimal commas (shared with the command line's tests).
FIRST = DATA / "indicateurs-services-2023.csv"
SECOND = DATA / "indicateurs-services-2024.csv"
LEFT = Qt.MouseButton.LeftButton
INDICATORS = {
    "Taux d'appels aboutis": "TEL-ABOUTIS",
    "Délai de délivrance CNI et passeports": "TITRES-DELAI",
    "Fréquentation du PAN": "PAN-USAGE",
}
SITES = {"Langres": "Sous-préfecture de Langres", "Saint-Dizier": "Sous-préfecture de Saint-Dizier"}


@pytest.fixture
def stack():
    return QUndoStack()


@pytest.fixture
def page(qtbot, demo_db, stack):
    page = IndicatorsPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show_meeting(1, stack)
    with qtbot.waitExposed(page):
        page.show()
    yield page
    if page._dialog is not None:
        page._dialog.reject()
    page.close()


def ids(db) -> tuple[dict[str, int], dict[str, int]]:
    with db.reading() as session:
        indicators = {r.code: r.id for r in indicators_catalogue.list_indicators(session)}
        sites = {s.name: s.id for s in indicators_catalogue.list_sites(session)}
    return indicators, sites


def values(db, code: str) -> dict:
    indicators, _sites = ids(db)
    with db.reading() as session:
        grid = indicators_values.value_grid(session, indicators[code])
    return {key: cell.value for key, cell in grid.cells.items()}


def stored(db) -> dict[tuple[str, str], str]:
    with db.reading() as session:
        return {(m.kind, m.written): m.target_label for m in mappings.list_mappings(session)}


def settle(qtbot, dialog) -> None:
    """Wait for the check (or the import) running off the GUI thread."""
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20_000)


def open_dialog(qtbot, page, path: Path):
    dialog = page.import_values(path)
    assert dialog is not None
    settle(qtbot, dialog)
    return dialog


def choose_all(qtbot, dialog, db) -> None:
    indicators, sites = ids(db)
    for written, code in INDICATORS.items():
        dialog.names.row("indicator", written).choose(target(indicators[code]))
    for written, site in SITES.items():
        dialog.names.row("site", written).choose(target(sites[site]))
    settle(qtbot, dialog)


def test_every_unknown_name_is_listed_with_suggestions_and_nothing_is_written(qtbot, page):
    db = page.context.db
    before = values(db, "TEL-ABOUTIS")
    dialog = open_dialog(qtbot, page, FIRST)
    assert dialog.step() == COLUMNS
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.step() == NAMES
    assert set(dialog.names.rows) == {
        *(("indicator", w) for w in INDICATORS),
        *(("site", w) for w in SITES),
    }
    assert "3 indicateurs et 2 sites" in dialog.names_intro.text()
    indicators, sites = ids(db)
    for (kind, written), row in dialog.names.rows.items():
        wanted = indicators[INDICATORS[written]] if kind == "indicator" else sites[SITES[written]]
        suggested = [s.target_id for s in row.unknown.suggestions]
        assert wanted in suggested, written
        combo = row.combo
        # Suggestions first, with their score, then the whole catalogue.
        assert combo.itemText(1).endswith("%)")
        catalogue = len(indicators) if kind == "indicator" else len(sites)
        assert combo.count() >= 1 + len(suggested) + catalogue
        # A proposal is shown but counts only once confirmed.
        assert row.choice() is None
        if row.unknown.proposed is not None:
            assert row.state.text() == "proposé, à confirmer"
            assert row.confirm_button.isVisible()
    assert not dialog.import_button.isEnabled()
    assert "Rien ne sera importé" in dialog.status_label.text()
    assert values(db, "TEL-ABOUTIS") == before
    assert stored(db) == {}


def test_the_chosen_mappings_import_and_the_next_file_asks_nothing(qtbot, page):
    db = page.context.db
    dialog = open_dialog(qtbot, page, FIRST)
    qtbot.mouseClick(dialog.next_button, LEFT)
    choose_all(qtbot, dialog, db)
    assert dialog.names.undecided() == 0
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.step() == PREVIEW
    # The preview shows the catalogue's entries, not the file's names.
    assert dialog.model.index(0, 1).data() == "TEL-ABOUTIS"
    assert dialog.model.index(5, 1).data() == "PAN-USAGE"
    assert dialog.model.index(5, 3).data() == SITES["Langres"]
    assert dialog.remember_check.isChecked()
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, LEFT)
    settle(qtbot, dialog)
    assert dialog.step() == REPORT
    assert "10 valeurs importées" in dialog.report_view.toPlainText()
    assert "5 correspondances mémorisées" in dialog.report_view.toPlainText()
    assert values(db, "TEL-ABOUTIS")[("2023", None)] == 89.1
    _indicators, sites = ids(db)
    assert values(db, "PAN-USAGE")[("2023", sites[SITES["Saint-Dizier"]])] == 618
    assert page.status_label.text().startswith("10 valeurs importées")
    assert len(stored(db)) == 5
    assert page.mappings.model.rowCount() == 5  # the page's table follows
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()

    # Next year's file: the same names are recognised, no question.
    second = open_dialog(qtbot, page, SECOND)
    assert second.names.rows == {}
    assert second.import_button.isEnabled()
    notes = {second.model.index(r, 7).data() for r in range(second.model.rowCount())}
    assert notes == {"(correspondance enregistrée)"}
    remembered = second.remembered_label.text()
    assert "«\u00a0FRÉQUENTATION DU PAN\u00a0» → PAN-USAGE" in remembered
    assert "«\u00a0Taux d’appels aboutis\u00a0» → TEL-ABOUTIS" in remembered
    qtbot.mouseClick(second.import_button, LEFT)
    settle(qtbot, second)
    assert second.step() == REPORT
    assert values(db, "TITRES-DELAI")[("2024", None)] == 19
    assert values(db, "TEL-ABOUTIS")[("2024", None)] == 90.2


def test_a_new_indicator_is_made_with_the_form_pre_filled_from_the_file(qtbot, page):
    db = page.context.db
    dialog = open_dialog(qtbot, page, FIRST)
    qtbot.mouseClick(dialog.next_button, LEFT)
    choose_all(qtbot, dialog, db)
    row = dialog.names.row("indicator", "Taux d'appels aboutis")
    row.choose(CREATE)
    form = row.form
    assert form is not None and form.isVisible()
    assert form.name_edit.text() == "Taux d'appels aboutis"
    assert form.unit_combo.currentText() == "%"
    assert form.periodicity_combo.currentData() == "year"
    form.name_edit.setText("Appels aboutis (standard)")
    qtbot.mouseClick(form.ok_button, LEFT)
    assert row.state.text().startswith("nouvel indicateur")
    assert row.modify_button.isVisible()
    settle(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, LEFT)
    settle(qtbot, dialog)
    with db.reading() as session:
        made = [
            r
            for r in indicators_catalogue.list_indicators(session)
            if r.name == "Appels aboutis (standard)"
        ]
    assert len(made) == 1 and made[0].unit == "%"


def test_closing_the_form_keeps_the_previous_choice(qtbot, page):
    dialog = open_dialog(qtbot, page, FIRST)
    qtbot.mouseClick(dialog.next_button, LEFT)
    row = dialog.names.row("indicator", "Taux d'appels aboutis")
    before = row.combo.currentIndex()
    row.choose(CREATE)
    row.form.reject()
    assert row.combo.currentIndex() == before
    assert row.choice() is None


def slow_check(monkeypatch, started: list) -> None:
    """A check that reports its progress slowly, so « Annuler » finds it running."""
    real = core.check_file

    def check_file(session, table, mapping, choices=None, *, preview_rows=20, progress=None):
        started.append(True)
        for done in range(2000):
            if progress is not None and not progress(done, 2000):
                raise core.Cancelled
            time.sleep(0.005)
        return real(session, table, mapping, choices, preview_rows=preview_rows, progress=progress)

    monkeypatch.setattr(core, "check_file", check_file)


def test_cancel_during_the_check_leaves_nothing_written(qtbot, page, monkeypatch):
    db = page.context.db
    before = values(db, "TEL-ABOUTIS")
    started: list = []
    slow_check(monkeypatch, started)
    dialog = page.import_values(FIRST)
    qtbot.waitUntil(lambda: dialog.progress.isVisible() and dialog.progress.maximum() == 2000)
    assert dialog.stop_button.isVisible()
    # The window answers while the check runs.
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.step() == NAMES
    qtbot.mouseClick(dialog.stop_button, LEFT)
    settle(qtbot, dialog)
    assert "Vérification annulée : rien n'a été écrit" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.stop_button.text().replace("&", "") == "Relancer la vérification"
    assert values(db, "TEL-ABOUTIS") == before
    assert stored(db) == {}


def test_cancel_during_the_import_rolls_everything_back(qtbot, page, monkeypatch):
    db = page.context.db
    before = values(db, "TEL-ABOUTIS")
    dialog = open_dialog(qtbot, page, FIRST)
    qtbot.mouseClick(dialog.next_button, LEFT)
    choose_all(qtbot, dialog, db)
    real = core.import_values
    waiting: list = []

    def import_values(session, *args, **kwargs):
        report = real(session, *args, **kwargs)  # written, not yet committed
        waiting.append(True)
        deadline = time.monotonic() + 10
        while not dialog.job.cancel_requested and time.monotonic() < deadline:
            time.sleep(0.01)
        return report

    monkeypatch.setattr(core, "import_values", import_values)
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: bool(waiting))
    # Nothing can be changed under the import being written.
    assert not dialog.steps.isEnabled() and not dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.stop_button, LEFT)
    settle(qtbot, dialog)
    assert dialog.status_label.text() == "Import annulé : rien n'a été écrit."
    assert dialog.step() != REPORT
    assert values(db, "TEL-ABOUTIS") == before
    assert stored(db) == {}


def test_closing_the_dialog_stops_the_check(qtbot, page, monkeypatch):
    started: list = []
    slow_check(monkeypatch, started)
    dialog = page.import_values(FIRST)
    qtbot.waitUntil(lambda: bool(started))
    job = dialog.job
    dialog.reject()
    assert job.isFinished()


def test_the_stored_mappings_table_edits_deletes_and_undoes(qtbot, page, stack):
    db = page.context.db
    indicators, sites = ids(db)
    with db.transaction() as session:
        mappings.set_mapping(
            session, "indicator", "Taux d'appels aboutis", indicators["TEL-ABOUTIS"]
        )
        mappings.set_mapping(session, "site", "Langres", sites[SITES["Langres"]])
    page.reload()
    panel = page.mappings
    page.side_tabs.setCurrentWidget(panel)  # the tab « Correspondances mémorisées (2) »
    assert panel.model.rowCount() == 2
    assert panel.view.isVisible() and not panel.empty_label.isVisible()
    panel.select("indicator", "Taux d'appels aboutis")
    combo = panel.target_combo
    index = combo.findData(indicators["TEL-DECROCHES"])
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert stored(db)[("indicator", "Taux d'appels aboutis")].startswith("TEL-DECROCHES")
    stack.undo()
    assert stored(db)[("indicator", "Taux d'appels aboutis")].startswith("TEL-ABOUTIS")
    qtbot.waitUntil(lambda: panel.current() is not None)
    assert panel.current().target_label.startswith("TEL-ABOUTIS")
    stack.redo()
    assert stored(db)[("indicator", "Taux d'appels aboutis")].startswith("TEL-DECROCHES")

    # A site may stand for « Ensemble ».
    panel.select("site", "Langres")
    combo.setCurrentIndex(combo.findData(None))
    combo.activated.emit(combo.currentIndex())
    assert stored(db)[("site", "Langres")] == "Ensemble"

    panel.select("site", "Langres")
    qtbot.mouseClick(panel.delete_button, LEFT)
    assert ("site", "Langres") not in stored(db)
    assert panel.model.rowCount() == 1
    stack.undo()
    assert stored(db)[("site", "Langres")] == "Ensemble"
    assert panel.model.rowCount() == 2
    stack.redo()
    assert ("site", "Langres") not in stored(db)

    # Suppr in the table forgets the selected mapping too.
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    panel.select("indicator", "Taux d'appels aboutis")
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert stored(db) == {}
    assert panel.empty_label.isVisible() and not panel.delete_button.isEnabled()
    stack.undo()
    assert list(stored(db)) == [("indicator", "Taux d'appels aboutis")]


def test_a_workbook_with_several_sheets_offers_the_sheet_to_read(qtbot, page, tmp_path):
    from openpyxl import Workbook

    db = page.context.db
    path = tmp_path / "classeur.xlsx"
    book = Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Remarque"])
    notes.append(["Chiffres provisoires"])
    sheet = book.create_sheet("Valeurs 2023")
    sheet.append(["Indicateur", "Période", "Site", "Valeur"])
    sheet.append(["SATISFACTION", 2023, None, 0.935])
    sheet["D2"].number_format = "0.0%"
    book.save(path)

    dialog = open_dialog(qtbot, page, path)
    combo = dialog.columns_step.sheet_combo
    assert combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == ["Notes", "Valeurs 2023"]
    assert combo.currentText() == "Notes"
    assert "feuille « Notes »" in dialog.columns_step.intro.text()
    assert not dialog.import_button.isEnabled()
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    settle(qtbot, dialog)
    assert "feuille « Valeurs 2023 »" in dialog.columns_step.intro.text()
    assert dialog.combos["valeur"].currentText() == "Valeur"
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, LEFT)
    settle(qtbot, dialog)
    assert values(db, "SATISFACTION")[("2023", None)] == 93.5


def test_a_csv_file_has_no_sheet_to_choose(qtbot, page):
    dialog = open_dialog(qtbot, page, FIRST)
    assert not dialog.columns_step.sheet_combo.isVisible()
    assert "fichier CSV, 10 lignes de données" in dialog.columns_step.intro.text()


def test_a_site_the_indicator_does_not_follow_can_be_added_to_it(qtbot, page, tmp_path):
    db = page.context.db
    path = tmp_path / "sites.csv"
    path.write_text(
        "Indicateur;Période;Site;Valeur\nTEL-ABOUTIS;2023;Sous-préfecture de Langres;91\n",
        encoding="utf-8",
    )
    dialog = open_dialog(qtbot, page, path)
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, LEFT)
    assert dialog.step() == NAMES
    assert dialog.add_sites_check.isVisible()
    assert "Sites que l'indicateur ne suit pas (1)" in dialog.problems_view.toPlainText()
    dialog.add_sites_check.click()
    settle(qtbot, dialog)
    assert dialog.add_sites_check.isVisible()  # it stays, to be unticked
    assert not dialog.problems_view.isVisible()
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, LEFT)
    settle(qtbot, dialog)
    assert "Sites désormais suivis" in dialog.report_view.toPlainText()
    _indicators, sites = ids(db)
    assert values(db, "TEL-ABOUTIS")[("2023", sites[SITES["Langres"]])] == 91


def test_tab_goes_through_the_rows_of_names_then_the_buttons_below(qtbot, page):
    dialog = open_dialog(qtbot, page, FIRST)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.next_button, LEFT)
    rows = list(dialog.names.rows.values())
    assert QApplication.focusWidget() is rows[0].combo  # « Suivant » led there
    seen = [QApplication.focusWidget()]
    for _ in range(len(rows) * 2 + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    shown = [w for row in rows for w in row.widgets() if w.isVisible()]
    assert seen[: len(shown)] == shown
    assert seen[len(shown)] is dialog.confirm_all_button


def test_the_file_is_read_off_the_gui_thread_and_annuler_closes(qtbot, page, monkeypatch):
    from clu_desktop.gui.indicators import import_dialog

    real = import_dialog.read_for_import
    reading, release = threading.Event(), threading.Event()

    def slow_read(path, sheet=None):
        reading.set()
        release.wait(60)  # held until the test has clicked « Annuler la lecture »
        return real(path, sheet)

    monkeypatch.setattr(import_dialog, "read_for_import", slow_read)
    dialog = page.import_values(FIRST)
    assert dialog.isVisible() and dialog.busy()
    assert dialog.stop_button.text().replace("&", "") == "Annuler la lecture"
    assert not dialog.columns_step.isEnabled()  # no column to choose before the file is read
    qtbot.waitUntil(reading.is_set)
    qtbot.mouseClick(dialog.stop_button, LEFT)
    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert not dialog.busy()
    assert dialog.check is None


def test_closing_while_the_file_is_read_does_not_wait_for_it(qtbot, page, monkeypatch):
    from clu_desktop.gui.indicators import import_dialog, import_worker

    real = import_dialog.read_for_import
    release = threading.Event()

    def slow_read(path, sheet=None):
        release.wait(60)  # held until the dialog is closed
        return real(path, sheet)

    monkeypatch.setattr(import_dialog, "read_for_import", slow_read)
    dialog = page.import_values(FIRST)
    job = dialog.job
    dialog.reject()
    assert job.isRunning()  # closed without waiting for the file (still being read)
    release.set()
    # The job keeps itself until its thread has ended, then lets go (a slot connected to
    # its ``finished`` may never be called: the job is deleted once it has finished).
    qtbot.waitUntil(lambda: job not in import_worker._RUNNING, timeout=60_000)
    QApplication.processEvents()  # the job's last signals, had they reached the dialog
    assert dialog.check is None and not dialog.isVisible()  # its result is not heard


def test_a_wide_table_is_read_as_rows_and_said_so(qtbot, page, tmp_path):
    db = page.context.db
    path = tmp_path / "large.csv"
    path.write_text(
        "Indicateur;2021;2022;2023\nSATISFACTION;90 %;91,5 %;93 %\nTEL-ABOUTIS;;88 %;89 %\n",
        encoding="utf-8",
    )
    dialog = open_dialog(qtbot, page, path)
    note = dialog.columns_step.layout_label
    assert note.isVisible()
    assert note.text().startswith("Tableau large reconnu : une colonne par période (2021, 2022")
    assert dialog.combos["période"].currentText() != "(aucune)"
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, LEFT)
    settle(qtbot, dialog)
    assert "5 valeurs importées" in dialog.report_view.toPlainText()
    assert values(db, "SATISFACTION")[("2022", None)] == 91.5
    assert ("2021", None) not in values(db, "TEL-ABOUTIS")  # an empty cell is no value


def test_every_other_problem_is_listed_grouped_up_to_50(qtbot, page, tmp_path):
    lines = ["Indicateur;Période;Valeur"]
    lines += [f"SATISFACTION;{1900 + n};{n},,5" for n in range(55)]
    lines += [f"SATISFACTION;{2100 + n}-T2;50" for n in range(5)]
    path = tmp_path / "erreurs.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = open_dialog(qtbot, page, path)
    qtbot.mouseClick(dialog.next_button, LEFT)
    text = dialog.problems_view.toPlainText().splitlines()
    assert text[0] == "Valeurs illisibles ou hors limites (55) :"
    assert sum(1 for line in text if line.startswith("  • ")) == 50
    assert text[-1] == (
        "… et 10 autres problèmes (valeurs illisibles ou hors limites : 5 ; périodes "
        "illisibles ou qui ne conviennent pas à l'indicateur : 5)."
    )
    assert "60 problèmes à corriger dans le fichier" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()


def test_the_models_pass_the_model_tester_with_rows(qtbot, qtmodeltester, page):
    db = page.context.db
    dialog = open_dialog(qtbot, page, FIRST)
    choose_all(qtbot, dialog, db)
    assert dialog.model.rowCount() == 10
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.lines_model)
    indicators, _sites = ids(db)
    with db.transaction() as session:
        mappings.set_mapping(session, "indicator", "Taux", indicators["TEL-ABOUTIS"])
        mappings.set_mapping(session, "site", "Ici", None)
    page.reload()
    assert page.mappings.model.rowCount() == 2
    qtmodeltester.check(page.mappings.model)


@pytest.mark.parametrize("palette_name", ["sombre", "contraste élevé", "contraste blanc"])
def test_every_step_reads_in_a_dark_and_a_high_contrast_palette(
    qtbot, qapp, page, palette_name, tmp_path
):
    from tests.gui.test_palettes import PALETTES, make_palette, problems_of

    before = qapp.palette()
    qapp.setPalette(make_palette(PALETTES[palette_name]))
    try:
        path = tmp_path / "services.csv"
        text = FIRST.read_bytes().decode("cp1252") + "TEL-ABOUTIS;2023;;12,,5;\r\n"
        path.write_bytes(text.encode("cp1252"))
        dialog = open_dialog(qtbot, page, path)
        dialog.names.row("site", "Langres").confirm()
        dialog.names.row("indicator", "Fréquentation du PAN").choose(IGNORE)
        settle(qtbot, dialog)
        found = []
        for step in (COLUMNS, NAMES, PREVIEW):
            dialog.show_step(step)
            qtbot.waitUntil(dialog.steps.currentWidget().isVisible)
            found += problems_of(dialog, f"{palette_name}, étape {step + 1}")
        assert found == []
    finally:
        qapp.setPalette(before)


def test_entree_goes_to_the_next_step_and_never_confirms_a_proposal(qtbot, page):
    dialog = open_dialog(qtbot, page, FIRST)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.combos["indicateur"], Qt.Key.Key_Return)
    assert dialog.step() == NAMES
    row = dialog.names.row("indicator", "Taux d'appels aboutis")
    assert QApplication.focusWidget() is row.combo
    qtbot.keyClick(row.combo, Qt.Key.Key_Return)
    assert dialog.step() == PREVIEW
    assert row.choice() is None and dialog.names.undecided() == 5
    assert dialog.isVisible()
    qtbot.keyClick(dialog.preview_step.view, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.step() == PREVIEW  # « Importer » is not enabled


def test_the_choices_follow_the_columns_they_were_made_for(qtbot, page):
    db = page.context.db
    dialog = open_dialog(qtbot, page, FIRST)
    choose_all(qtbot, dialog, db)
    assert dialog.import_button.isEnabled()
    # Another column for the comment: the names are the same, the choices stay.
    source = dialog.combos["source"]
    source.setCurrentIndex(source.findText("Commentaire"))
    dialog.combos["commentaire"].setCurrentIndex(0)
    settle(qtbot, dialog)
    assert dialog.names.undecided() == 0
    assert dialog.import_button.isEnabled()
    # The indicator read from another column: other names, asked afresh.
    indicator = dialog.combos["indicateur"]
    indicator.setCurrentIndex(indicator.findText("Commentaire"))
    dialog.combos["source"].setCurrentIndex(0)
    settle(qtbot, dialog)
    assert ("indicator", "Taux d'appels aboutis") not in dialog.names.rows
    assert ("indicator", "nouveau serveur vocal en mars") in dialog.names.rows
    assert not dialog.import_button.isEnabled()
    # And back: the file's names are asked again, then chosen, then imported.
    dialog.combos["commentaire"].setCurrentIndex(0)
    indicator.setCurrentIndex(indicator.findText("Indicateur"))
    settle(qtbot, dialog)
    assert dialog.names.undecided() == 5
    choose_all(qtbot, dialog, db)
    assert dialog.import_button.isEnabled()


def test_a_mapping_changed_on_another_workstation_is_not_overwritten(
    qtbot, page, answered_messages
):
    db = page.context.db
    indicators, _sites = ids(db)
    with db.transaction() as session:
        mappings.set_mapping(session, "indicator", "Taux", indicators["TEL-ABOUTIS"])
    page.reload()
    panel = page.mappings
    panel.select("indicator", "Taux")
    with db.transaction() as session:  # meanwhile, elsewhere
        mappings.set_mapping(session, "indicator", "Taux", indicators["SATISFACTION"])
    combo = panel.target_combo
    index = combo.findData(indicators["TEL-DECROCHES"])
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert len(answered_messages.errors) == 1
    assert stored(db)[("indicator", "Taux")].startswith("SATISFACTION")
    assert panel.current().target_label.startswith("SATISFACTION")  # read again
    qtbot.mouseClick(panel.delete_button, LEFT)  # the version now shown: deleted
    assert stored(db) == {}
