"""Every picker follows the directory: a change made anywhere (the Annuaire window, a
service) shows at once in the pages' combo boxes, without switching tabs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clu_desktop.gui.main_window import MainWindow
from clu_desktop.services.directory import organisations as directory_organisations
from clu_desktop.services.directory import people as directory_people

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
        (row,) = [r for r in directory_organisations.list_organisations(session) if r.name == name]
    return row.id


def test_a_person_added_in_the_annuaire_is_in_the_presidence_at_once(qtbot, window, demo_db):
    window.tabs.setCurrentIndex(0)
    seance = window.current_page()
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

    assert window.current_page() is seance  # no tab was switched
    qtbot.waitUntil(lambda: "Mme Anne LEFÈVRE" in labels(chair))
    assert "Mme Anne LEFÈVRE" in labels(seance.form.signatory_combo)
    assert "Mme Anne LEFÈVRE" in labels(seance.form.contact_combo)
    assert chair.currentText() == chosen  # the choice made is kept


def test_a_renamed_organisation_shows_its_new_name(qtbot, window, demo_db):
    window.tabs.setCurrentIndex(0)
    chair = window.current_page().form.chair_combo
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


@pytest.fixture
def agenda_page(qtbot, demo_db):
    from PySide6.QtGui import QUndoStack

    from clu_desktop.gui.agenda.page import AgendaPage

    page = AgendaPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show_meeting(1, QUndoStack(page))
    with qtbot.waitExposed(page):
        page.show()
    return page


def speakers(panel) -> list[str]:
    return [panel.speakers_list.item(row).text() for row in range(panel.speakers_list.count())]


def test_someone_let_in_at_the_door_can_present_speak_and_own_an_action(
    qtbot, agenda_page, demo_db
):
    """A walk-in ticked in the live window is a person of the meeting: the agenda's
    pickers offer them at once."""
    from clu_desktop.services.attendance.walk_in import WalkInName, add_walk_in

    panel = agenda_page.item_panel
    presenter = panel.fields.presenter_combo
    assert not any("LEFÈVRE" in label for label in labels(presenter))
    with demo_db.transaction() as session:
        add_walk_in(session, 1, WalkInName("LEFÈVRE", "Anne", "Mme"))
    qtbot.waitUntil(lambda: any("Anne LEFÈVRE" in label for label in labels(presenter)))
    assert any("Anne LEFÈVRE" in text for text in speakers(panel.statements))
    assert any("Anne LEFÈVRE" in label for label in labels(panel.actions.owner_combo))


@pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)
def test_the_presenter_is_searched_without_accents(qtbot, agenda_page, demo_db):
    presenter = agenda_page.item_panel.fields.presenter_combo
    presenter.setFocus()
    qtbot.keyClick(presenter.lineEdit(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(presenter.lineEdit(), "sru mylene")  # « Mylène », any order
    popup = presenter.completer().popup()
    assert popup.isVisible()
    proposed = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert len(proposed) == 1 and "Mylène BEGUE" in proposed[0]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    item_id = agenda_page.selected_item_id()
    with demo_db.reading() as session:
        from clu_desktop.services.agenda.items import list_agenda

        row = list_agenda(session, 1).find(item_id)
    assert "Mylène BEGUE" in row.presenter_name


def test_represente_par_offers_a_person_added_meanwhile(qtbot, demo_db):
    from PySide6.QtGui import QUndoStack

    from clu_desktop.gui.participants.page import ParticipantsPage

    page = ParticipantsPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, QUndoStack(page))
    with qtbot.waitExposed(page):
        page.show()
    page.select(page.model.rows()[0].id)
    deputy = page.editor.deputy_combo
    assert not any("LEFÈVRE" in label for label in labels(deputy))
    with demo_db.transaction() as session:
        directory_people.add_person(session, "Lefèvre", first_name="Anne", civility="Mme")
    qtbot.waitUntil(lambda: any("Anne LEFÈVRE" in label for label in labels(deputy)))


def test_the_action_plan_owner_offers_a_person_added_meanwhile(qtbot, demo_db):
    from PySide6.QtGui import QUndoStack

    from clu_desktop.gui.quality.page import QualityPage

    page = QualityPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, QUndoStack(page))
    with qtbot.waitExposed(page):
        page.show()
    plan = page.actions_panel
    plan.reload()
    owner = plan.owner_combo
    assert owner.count() > 0 and "Anne LEFÈVRE" not in labels(owner)
    with demo_db.transaction() as session:
        directory_people.add_person(session, "Lefèvre", first_name="Anne", civility="Mme")
    qtbot.waitUntil(lambda: "Mme Anne LEFÈVRE" in labels(owner))


@pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)
def test_the_person_form_offers_an_organisation_added_meanwhile(qtbot, demo_db):
    """Without going through the Organismes tab; and found without its accents."""
    from clu_desktop.gui.directory import DirectoryWindow

    window = DirectoryWindow(demo_db)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    tab = window.people_tab
    tab.refresh(select_id=6)  # M. Bernard GUY
    combo = tab.form.organisation
    with demo_db.transaction() as session:
        new_id = directory_organisations.add_organisation(session, "Fédération des œuvres laïques")
    qtbot.waitUntil(lambda: combo.findData(new_id) >= 0)
    assert window.tabs.currentWidget() is tab

    combo.setFocus()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(combo.lineEdit(), "federation oeuvres")
    qtbot.keyClick(combo.completer().popup(), Qt.Key.Key_Escape)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)  # the only one proposed
    with demo_db.reading() as session:
        assert directory_people.get_person(session, 6).organisation_id == new_id


def test_the_fold_filter_passes_the_model_tester(qtmodeltester):
    from clu_desktop.gui.common.widgets import ChoiceModel
    from clu_desktop.gui.pickers import FoldFilterModel

    source = ChoiceModel("(aucune personne)")
    source.set_rows(
        [
            (1, "Mme Mylène BÉGUÉ (Service de la Relation aux Usagers)"),
            (6, "M. Bernard GUY (Association des maires)"),
            (7, "M. Eric KREZEL (Association des maires ruraux)"),
        ]
    )
    proxy = FoldFilterModel()
    proxy.setSourceModel(source)
    proxy.set_text("begue")
    assert proxy.source_rows() == [1]
    proxy.set_text("MAIRES   guy")
    assert proxy.source_rows() == [2]
    proxy.set_text("maires")
    assert proxy.source_rows() == [2, 3]
    qtmodeltester.check(proxy)
    proxy.set_text("")
    assert proxy.rowCount() == 4
