"""The directory window, offscreen: search, forms saved as typed, undo, merge, committees."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from clu_desktop.gui.directory import DirectoryWindow
from clu_desktop.gui.directory.committee_models import CommitteesModel, MembersModel
from clu_desktop.gui.directory.organisations_model import OrganisationsModel
from clu_desktop.gui.directory.people_model import PeopleModel
from clu_desktop.services.directory import committees as directory_committees
from clu_desktop.services.directory import organisations as directory_organisations
from clu_desktop.services.directory import people as directory_people

BEGUE, GUY, KREZEL = 1, 6, 7
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def open_directory(qtbot, demo_db):
    def open_() -> DirectoryWindow:
        window = DirectoryWindow(demo_db)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        return window

    return open_


def table_texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def click_row(qtbot, table, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def select_person(qtbot, window: DirectoryWindow, person_id: int) -> None:
    tab = window.people_tab
    click_row(qtbot, tab.table, tab.model.row_of(person_id))
    assert tab.form.person_id == person_id
    assert tab.selected_ids() == [person_id]


def person(db, person_id: int) -> directory_people.PersonDetails:
    with db.reading() as session:
        return directory_people.get_person(session, person_id)


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` key by key; QTest only types ASCII, so accents are sent as events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def type_keys(qtbot, *steps) -> None:
    """Type into whichever widget has the focus: text, or a Qt.Key to press."""
    for step in steps:
        widget = QApplication.focusWidget()
        assert widget is not None
        if isinstance(step, str):
            type_text(qtbot, widget, step)
        else:
            qtbot.keyClick(widget, step)


def test_models_pass_the_model_tester(qtmodeltester, demo_db):
    with demo_db.reading() as session:
        people = directory_people.search_people(session)
        organisations = directory_organisations.list_organisations(session)
        committees = directory_committees.list_committees(session)
        members = directory_committees.list_members(session, 1)
    for model, rows in (
        (PeopleModel(), people),
        (OrganisationsModel(), organisations),
        (CommitteesModel(), committees),
        (MembersModel(), members),
    ):
        model.set_rows(rows)
        qtmodeltester.check(model)
        model.replace_row(rows[0])
        model.set_rows(rows[:1])
        model.set_rows([])
        qtmodeltester.check(model)


def test_the_people_table_shows_french_headers_and_names(demo_db):
    model = PeopleModel()
    with demo_db.reading() as session:
        model.set_rows(directory_people.search_people(session, "begue"))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Civilité", "Prénom", "NOM", "Fonction", "Organisme", "Comités"]
    assert [model.index(0, c).data() for c in (0, 1, 2, 4, 5)] == [
        "Mme",
        "Mylène",
        "BÉGUÉ",
        "Service de la Relation aux Usagers",
        "Comité local des usagers",
    ]


def test_typing_in_the_search_box_narrows_the_table(qtbot, open_directory):
    window = open_directory()
    model = window.people_tab.model
    assert model.rowCount() == 15
    assert window.search.placeholderText() == "Rechercher une personne, un organisme…"
    qtbot.keyClicks(window.search, "maires")
    assert table_texts(model, 2) == ["GUY", "KREZEL"]
    assert window.count_label.text() == "2 personnes"
    qtbot.keyClicks(window.search, " rur")
    assert table_texts(model, 2) == ["KREZEL"]
    assert window.people_tab.form.last_name.text() == "KREZEL"
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    assert model.rowCount() == 15

    window.tabs.setCurrentIndex(1)  # the same box searches organisations
    qtbot.keyClicks(window.search, "sru")
    assert table_texts(window.organisations_tab.model, 0) == ["Service de la Relation aux Usagers"]


def test_create_a_person_with_the_keyboard(qtbot, open_directory, demo_db):
    window = open_directory()
    window.people_tab.table.setFocus()
    qtbot.keyClick(window.people_tab.table, Qt.Key.Key_N, CTRL)
    dialog = window.people_tab.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert not dialog.ok_button.isEnabled()  # the NAME is required
    assert QApplication.focusWidget() is dialog.civility
    type_keys(qtbot, "Mme", Qt.Key.Key_Tab, "Anne", Qt.Key.Key_Tab, "Lefèvre")
    type_keys(qtbot, Qt.Key.Key_Tab, "Cheffe du bureau de l'accueil & des usagers")
    type_keys(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    with demo_db.reading() as session:
        (found,) = directory_people.search_people(session, "lefevre")
    assert (found.civility, found.first_name, found.last_name) == ("Mme", "Anne", "Lefèvre")
    assert found.function == "Cheffe du bureau de l'accueil & des usagers"
    assert window.people_tab.form.person_id == found.id
    assert window.people_tab.model.rowCount() == 16
    with qtbot.waitActive(window):  # the offscreen platform does not do it by itself
        window.activateWindow()
    assert QApplication.focusWidget() is window.people_tab.table

    qtbot.keyClick(window.people_tab.table, Qt.Key.Key_Z, CTRL)  # undo the creation
    with demo_db.reading() as session:
        assert directory_people.search_people(session, "lefevre") == []
    qtbot.keyClick(window.people_tab.table, Qt.Key.Key_Y, CTRL)  # and redo it, same id
    assert person(demo_db, found.id).last_name == "Lefèvre"


def test_a_field_saves_as_typed_and_ctrl_z_restores_it(qtbot, open_directory, demo_db):
    window = open_directory()
    changes = []
    window.changed.connect(lambda: changes.append(True))
    select_person(qtbot, window, GUY)
    form = window.people_tab.form
    form.function.setFocus()
    form.function.end(False)
    qtbot.keyClicks(form.function, " de l'AMF")
    assert person(demo_db, GUY).function == "Président de l'AMF"
    assert window.people_tab.model.index(window.people_tab.model.row_of(GUY), 3).data() == (
        "Président de l'AMF"
    )
    assert changes
    assert window.undo_stack.count() == 1  # the whole typing is one step
    assert window.undo_action.text() == "Annuler Modifier la fonction"

    qtbot.keyClick(form.function, Qt.Key.Key_Z, CTRL)
    assert person(demo_db, GUY).function == "Président"
    assert form.function.text() == "Président"
    qtbot.keyClick(form.function, Qt.Key.Key_Y, CTRL)
    assert person(demo_db, GUY).function == "Président de l'AMF"
    assert form.function.text() == "Président de l'AMF"


def test_a_refused_value_is_explained_and_the_saved_one_comes_back(
    qtbot, open_directory, demo_db, answered_messages
):
    window = open_directory()
    select_person(qtbot, window, GUY)
    form = window.people_tab.form
    form.last_name.setFocus()
    form.last_name.selectAll()
    qtbot.keyClick(form.last_name, Qt.Key.Key_Backspace)
    assert form.status.isVisible()
    assert "ne peut pas être vide" in form.status.text()
    assert person(demo_db, GUY).last_name == "GUY"
    form.email.setFocus()  # leaving the field
    assert answered_messages.errors == ["« NOM » ne peut pas être vide."]
    assert form.last_name.text() == "GUY"
    assert not form.status.isVisible()

    qtbot.keyClicks(form.email, "bernard guy@amf52.fr")
    assert "Courriel" in form.status.text()
    assert person(demo_db, GUY).email is None


def test_choosing_an_organisation_saves_it(qtbot, open_directory, demo_db):
    window = open_directory()
    select_person(qtbot, window, GUY)
    combo = window.people_tab.form.organisation
    combo.setCurrentIndex(combo.findData(2))
    assert person(demo_db, GUY).organisation_id == 2
    qtbot.keyClick(window.people_tab.table, Qt.Key.Key_Z, CTRL)
    assert person(demo_db, GUY).organisation_id == 1
    assert combo.currentData() == 1


def test_merge_two_duplicates_through_the_dialog(qtbot, open_directory, demo_db):
    with demo_db.transaction() as session:
        twin = directory_people.add_person(
            session, "Begue", first_name="Mylène", phone="03 25 30 21 03"
        )
    window = open_directory()
    tab = window.people_tab
    qtbot.keyClicks(window.search, "begue")
    assert tab.model.rowCount() == 2
    click_row(qtbot, tab.table, 0)
    assert not tab.merge_button.isEnabled()
    click_row(qtbot, tab.table, 1, CTRL)
    assert tab.merge_button.isEnabled()
    qtbot.mouseClick(tab.merge_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Fusionner deux personnes"
    # the two records, side by side, with their organisation
    organisations = {dialog.findChild(QLabel, f"mergeValue5_{column}").text() for column in (1, 2)}
    assert organisations == {"Service de la Relation aux Usagers", "—"}
    ids = (tab.model.row_at(0).id, tab.model.row_at(1).id)
    keep_column = 1 if ids[0] == BEGUE else 2
    qtbot.mouseClick(dialog.keep_buttons[keep_column - 1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert tab.model.rowCount() == 1
    kept = person(demo_db, BEGUE)
    assert kept.phone == "03 25 30 21 03"
    assert kept.email == "mylene.begue@haute-marne.gouv.fr"
    assert tab.form.person_id == BEGUE
    with demo_db.reading() as session:
        assert [p.id for p in directory_people.search_people(session, "begue")] == [BEGUE]

    window.people_tab.table.setFocus()
    qtbot.keyClick(window.people_tab.table, Qt.Key.Key_Z, CTRL)
    with demo_db.reading() as session:
        assert sorted(p.id for p in directory_people.search_people(session, "begue")) == [
            BEGUE,
            twin,
        ]
    assert person(demo_db, BEGUE).phone is None
    assert tab.model.rowCount() == 2


def test_delete_a_person_after_confirming(qtbot, open_directory, demo_db, answered_messages):
    window = open_directory()
    select_person(qtbot, window, KREZEL)
    window.people_tab.table.setFocus()
    answered_messages.confirm_answer = False
    qtbot.keyClick(window.people_tab.table, Qt.Key.Key_Delete)
    assert "M. Eric KREZEL" in answered_messages.questions[0]
    assert person(demo_db, KREZEL).last_name == "KREZEL"

    answered_messages.confirm_answer = True
    qtbot.mouseClick(window.people_tab.delete_button, Qt.MouseButton.LeftButton)
    assert "1 invitation" in answered_messages.questions[1]
    with demo_db.reading() as session:
        assert "KREZEL" not in [p.last_name for p in directory_people.search_people(session)]
    assert window.people_tab.model.rowCount() == 14
    window.undo_stack.undo()
    assert person(demo_db, KREZEL).committees == ("Comité local des usagers",)
    assert window.people_tab.model.rowCount() == 15


def test_an_organisation_with_people_is_not_deleted(qtbot, open_directory, answered_messages):
    window = open_directory()
    window.tabs.setCurrentIndex(1)
    tab = window.organisations_tab
    assert tab.form.name.text() == "Association des Maires de la Haute-Marne"
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "1 personne en fait partie" in answered_messages.errors[0]
    assert tab.model.rowCount() == 13


def test_add_a_standing_member_to_a_committee(qtbot, open_directory, demo_db):
    with demo_db.transaction() as session:
        committee = directory_committees.add_committee(session, "Comité des usagers handicapés")
        directory_committees.add_member(session, committee, GUY, "président")
    window = open_directory()
    window.tabs.setCurrentIndex(2)
    tab = window.committees_tab
    tab.table.selectRow(tab.model.row_of(committee))
    assert table_texts(tab.members_model, 1) == ["M. Bernard GUY"]

    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    picker = tab.dialog
    qtbot.waitUntil(picker.isVisible)
    assert GUY not in [row.id for row in picker.model.rows()]  # already a member
    qtbot.keyClicks(picker.search, "maires ruraux")
    assert [row.label for row in picker.model.rows()] == [
        "M. Eric KREZEL (Association des maires ruraux de la Haute-Marne)"
    ]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible())

    with demo_db.reading() as session:
        members = directory_committees.list_members(session, committee)
    assert [(m.name, m.role) for m in members] == [
        ("M. Bernard GUY", "président"),
        ("M. Eric KREZEL", "membre"),
    ]
    assert table_texts(tab.members_model, 1) == ["M. Bernard GUY", "M. Eric KREZEL"]
    assert tab.model.row_at(tab.model.row_of(committee)).member_count == 2

    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)  # KREZEL is selected
    with demo_db.reading() as session:
        assert [m.person_id for m in directory_committees.list_members(session, committee)] == [
            KREZEL,
            GUY,
        ]
    window.undo_stack.undo()
    assert table_texts(tab.members_model, 1) == ["M. Bernard GUY", "M. Eric KREZEL"]


def test_the_window_has_its_own_undo_actions(open_directory):
    window = open_directory()
    assert window.objectName() == "directoryWindow"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.redo_action.shortcut().toString() == "Ctrl+Y"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Fichier", "É&dition"]


def test_rename_an_organisation_and_undo(qtbot, open_directory, demo_db):
    window = open_directory()
    window.tabs.setCurrentIndex(1)
    tab = window.organisations_tab
    click_row(qtbot, tab.table, tab.model.row_of(6))  # Défenseur des Droits
    assert tab.form.people.text() == "Mme Brigitte COLLIER\nMme Christine MARIA"
    tab.form.name.setFocus()
    tab.form.name.end(False)
    qtbot.keyClicks(tab.form.name, " (52)")
    tab.form.internal.setFocus()
    qtbot.keyClick(tab.form.internal, Qt.Key.Key_Space)
    with demo_db.reading() as session:
        renamed = directory_organisations.get_organisation(session, 6)
    assert (renamed.name, renamed.internal) == ("Défenseur des Droits (52)", True)
    assert tab.model.row_at(tab.model.row_of(6)).name == "Défenseur des Droits (52)"

    window.tabs.setCurrentIndex(0)  # the people's form offers the new name
    combo = window.people_tab.form.organisation
    assert combo.itemText(combo.findData(6)) == "Défenseur des Droits (52)"
    window.tabs.setCurrentIndex(1)
    window.undo_stack.undo()
    window.undo_stack.undo()
    with demo_db.reading() as session:
        assert directory_organisations.get_organisation(session, 6).name == "Défenseur des Droits"
    assert tab.form.name.text() == "Défenseur des Droits"
    assert not tab.form.internal.isChecked()


def test_ctrl_n_creates_in_the_current_tab(qtbot, open_directory, demo_db):
    window = open_directory()
    window.tabs.setCurrentIndex(1)
    tab = window.organisations_tab
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, CTRL)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    type_keys(qtbot, "France Services de Langres", Qt.Key.Key_Tab, "FS")
    type_keys(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with demo_db.reading() as session:
        (row,) = directory_organisations.list_organisations(session, "langres")
    assert (row.name, row.acronym, row.internal, row.people_count) == (
        "France Services de Langres",
        "FS",
        False,
        0,
    )
    assert tab.form.name.text() == "France Services de Langres"
    assert window.people_tab.dialog is None  # Ctrl+N only acted in the visible tab


def test_a_member_role_is_saved_as_typed(qtbot, open_directory, demo_db):
    window = open_directory()
    window.tabs.setCurrentIndex(2)
    tab = window.committees_tab
    click_row(qtbot, tab.members, 1)  # M. Bernard GUY, membre
    tab.role.setFocus()
    tab.role.lineEdit().selectAll()
    qtbot.keyClicks(tab.role, "vice-president")
    with demo_db.reading() as session:
        assert directory_committees.list_members(session, 1)[1].role == "vice-president"
    assert tab.members_model.index(1, 4).data() == "vice-president"
    qtbot.keyClick(tab.role, Qt.Key.Key_Z, CTRL)
    with demo_db.reading() as session:
        assert directory_committees.list_members(session, 1)[1].role == "membre"
    assert tab.role.currentText() == "membre"


def test_a_new_person_gets_an_email_and_a_phone_checked_as_in_the_form(
    qtbot, open_directory, demo_db, answered_messages
):
    window = open_directory()
    window.people_tab.new_person()
    dialog = window.people_tab.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.last_name.setText("Durand")
    dialog.email.setText("paul durand@exemple")
    dialog.phone.setText("03 25 30 21 05")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused, as the person form refuses it, nothing created
    assert any("n'est pas une adresse valable" in text for text in answered_messages.errors)
    with demo_db.reading() as session:
        assert directory_people.search_people(session, "durand") == []
    dialog.email.setText("paul.durand@exemple.fr")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with demo_db.reading() as session:
        (found,) = directory_people.search_people(session, "durand")
        details = directory_people.get_person(session, found.id)
    assert (details.email, details.phone) == ("paul.durand@exemple.fr", "03 25 30 21 05")
