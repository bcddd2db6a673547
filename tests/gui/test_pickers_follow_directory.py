"""Every picker follows the directory: a change made anywhere (the Annuaire window, a
service) shows at once in the pages' combo boxes, without switching tabs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clu_desktop.gui.main_window import MainWindow
from clu_desktop.services import directory as d

CTRL = Qt.KeyboardModifier.ControlModifier
ADMINISTRATION = "Préfecture de la Haute-Marne"
# Raising the Annuaire window: the offscreen platform says it cannot.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    window.show_meeting(1)
    return window


def labels(combo) -> list[str]:
    return [combo.itemText(row) for row in range(combo.count())]


def organisation_id(db, name: str) -> int:
    with db.reading() as session:
        (row,) = [r for r in d.list_organisations(session) if r.name == name]
    return row.id


def test_a_person_added_in_the_annuaire_is_in_the_presidence_at_once(qtbot, window, demo_db):
    window.tabs.setCurrentIndex(0)
    seance = window.tabs.currentWidget()
    chair = seance.form.chair_combo
    chosen = chair.currentText()
    assert not any("LEFÈVRE" in label for label in labels(chair))

    window.open_directory()
    people = window._directory.people_tab
    people.new_person()
    dialog = people.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.civility.setCurrentText("Mme")
    dialog.first_name.setText("Anne")
    dialog.last_name.setText("Lefèvre")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert window.tabs.currentWidget() is seance  # no tab was switched
    qtbot.waitUntil(lambda: "Mme Anne LEFÈVRE" in labels(chair))
    assert "Mme Anne LEFÈVRE" in labels(seance.form.signatory_combo)
    assert "Mme Anne LEFÈVRE" in labels(seance.form.contact_combo)
    assert chair.currentText() == chosen  # the choice made is kept


def test_a_renamed_organisation_shows_its_new_name(qtbot, window, demo_db):
    window.tabs.setCurrentIndex(0)
    chair = window.tabs.currentWidget().form.chair_combo
    assert chair.currentText() == f"M. Guillaume THIRARD ({ADMINISTRATION})"
    org_id = organisation_id(demo_db, ADMINISTRATION)

    window.open_directory()
    directory = window._directory
    directory.tabs.setCurrentWidget(directory.organisations_tab)
    tab = directory.organisations_tab
    tab.refresh(select_id=org_id)
    assert tab.current_id() == org_id
    tab.form.name.setFocus()
    qtbot.keyClick(tab.form.name, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(tab.form.name, "Prefecture de Chaumont")
    qtbot.keyClick(tab.form.name, Qt.Key.Key_Tab)

    qtbot.waitUntil(lambda: chair.currentText() == "M. Guillaume THIRARD (Prefecture de Chaumont)")
    assert not any(ADMINISTRATION in label for label in labels(chair))
    QApplication.processEvents()
