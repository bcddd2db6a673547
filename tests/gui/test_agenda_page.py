"""The "Ordre du jour" page, driven with the keyboard and the mouse."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import select

from clu_desktop.domain import Committee, CommitteeMember, Meeting, Organisation, Person
from clu_desktop.gui.agenda import AgendaPage
from clu_desktop.gui.agenda.actions_model import ActionsModel
from clu_desktop.gui.agenda.items_model import AgendaTreeModel
from clu_desktop.gui.agenda.page import NO_MEETING_TEXT
from clu_desktop.gui.agenda.statements_model import StatementsModel
from clu_desktop.services.agenda.actions import list_item_actions
from clu_desktop.services.agenda.items import add_item, list_agenda
from clu_desktop.services.agenda.statements import list_statements
from clu_desktop.services.attendance.invitations import invite_standing_members

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def meeting_id(db, add_meeting):
    """A new meeting at 14h30 whose three standing members are invited."""
    meeting_id = add_meeting("CLU de juin", dt.date(2024, 6, 12))
    with db.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        meeting.start_time = dt.time(14, 30)
        amf = Organisation(name="Association des Maires")
        committee = session.scalar(select(Committee))
        for position, (civility, first, last) in enumerate(
            [("M.", "Bernard", "Guy"), ("M.", "Abderrazak", "Dorafi"), ("Mme", "Nathalie", "Simon")]
        ):
            person = Person(civility=civility, first_name=first, last_name=last, organisation=amf)
            committee.members.append(CommitteeMember(person=person, position=position))
        session.flush()
        invite_standing_members(session, meeting_id)
    return meeting_id


def open_page(show_page, db, meeting_id, stack) -> AgendaPage:
    return show_page(AgendaPage(db), meeting_id, stack)


@pytest.fixture
def page(show_page, db, meeting_id, stack):
    return open_page(show_page, db, meeting_id, stack)


def agenda(db, meeting_id):
    with db.reading() as session:
        return list_agenda(session, meeting_id)


def stored_titles(db, meeting_id) -> list[str]:
    return [f"{row.number} {row.title}" for row in agenda(db, meeting_id).walk()]


def shown_titles(page) -> list[str]:
    model, texts = page.model, []
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        texts.append(parent.data())
        texts.extend(model.index(r, 0, parent).data() for r in range(model.rowCount(parent)))
    return texts


def add_items_with_the_keyboard(qtbot, page, titles):
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Insert)
    title_edit = page.item_panel.fields.title_edit
    for number, title in enumerate(titles):
        if number:
            qtbot.keyClick(title_edit, Qt.Key.Key_P, CTRL | SHIFT)
        assert title_edit.hasFocus()
        qtbot.keyClicks(title_edit, title)


def test_no_meeting_shows_the_french_empty_state(qtbot, db):
    page = AgendaPage(db)
    qtbot.addWidget(page)
    assert page.objectName() == "agendaPage"
    assert page.pages.currentWidget() is page.empty_label
    assert page.empty_label.text() == NO_MEETING_TEXT
    page.show_meeting(42, None)
    assert "n'existe plus" in page.empty_label.text()


def test_keyboard_agenda_minutes_and_statement_with_undo(qtbot, page, db, meeting_id, stack):
    add_items_with_the_keyboard(qtbot, page, ["Accueil", "Bilan", "Questions"])
    assert stored_titles(db, meeting_id) == ["1 Accueil", "2 Bilan", "3 Questions"]
    assert shown_titles(page) == ["1. Accueil", "2. Bilan", "3. Questions"]

    page.tree.setFocus()  # "Questions" is selected: move it up
    qtbot.keyClick(page.tree, Qt.Key.Key_Up, CTRL)
    assert stored_titles(db, meeting_id) == ["1 Accueil", "2 Questions", "3 Bilan"]
    assert shown_titles(page) == ["1. Accueil", "2. Questions", "3. Bilan"]
    assert page.item_panel.fields.title_edit.text() == "Questions"

    # Minutes text with bullets of two levels: Entrée continues a bullet, Tab indents it.
    minutes = page.item_panel.fields.minutes_edit
    minutes.setFocus()
    qtbot.keyClicks(minutes, "Intro")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Return):
        qtbot.keyClick(minutes, key)
    qtbot.keyClicks(minutes, "- un")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    qtbot.keyClicks(minutes, "deux")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    qtbot.keyClick(minutes, Qt.Key.Key_Tab)
    qtbot.keyClicks(minutes, "trois")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    qtbot.keyClick(minutes, Qt.Key.Key_Backtab, SHIFT)
    qtbot.keyClicks(minutes, "quatre")
    expected = "Intro\n\n- un\n- deux\n  - trois\n- quatre"
    assert minutes.hasFocus()
    assert minutes.toPlainText() == expected
    assert agenda(db, meeting_id).items[1].minutes_text == expected

    # A statement by two people, in the order they are ticked.
    panel = page.item_panel.statements
    page.item_panel.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    speakers = panel.speakers_list
    assert speakers.hasFocus()
    for row in (2, 0):  # Mme Nathalie SIMON, then M. Bernard GUY
        speakers.setCurrentRow(row)
        qtbot.keyClick(speakers, Qt.Key.Key_Space)
    panel.text_edit.setFocus()
    qtbot.keyClicks(panel.text_edit, "font part de leur surprise")
    item_id = page.selected_item_id()
    with db.reading() as session:
        (statement,) = list_statements(session, item_id)
    assert statement.speakers_label == "Mme Nathalie SIMON et M. Bernard GUY"
    assert statement.text == "font part de leur surprise"
    assert panel.model.index(0).data().startswith("Mme Nathalie SIMON et M. Bernard GUY")
    assert page.item_panel.tabs.tabText(0) == "Interventions (1)"

    # Ctrl+Z in the text field undoes the typing (one step), on the meeting's stack.
    qtbot.keyClick(panel.text_edit, Qt.Key.Key_Z, CTRL)
    with db.reading() as session:
        (statement,) = list_statements(session, item_id)
    assert statement.text == ""
    assert panel.text_edit.toPlainText() == ""
    assert statement.speakers_label == "Mme Nathalie SIMON et M. Bernard GUY"
    assert page.selected_item_id() == item_id
    qtbot.keyClick(panel.text_edit, Qt.Key.Key_Y, CTRL)
    with db.reading() as session:
        (statement,) = list_statements(session, item_id)
    assert statement.text == "font part de leur surprise"
    assert panel.text_edit.toPlainText() == "font part de leur surprise"

    # Undo back to the reordering: the page follows the database.
    while stack.undoText() != "Monter un point":
        stack.undo()
    stack.undo()
    assert stored_titles(db, meeting_id) == ["1 Accueil", "2 Bilan", "3 Questions"]
    assert shown_titles(page) == ["1. Accueil", "2. Bilan", "3. Questions"]
    assert page.item_panel.fields.title_edit.text() == "Questions"  # still selected


def test_ctrl_z_in_an_editor_undoes_once_beside_a_window_shortcut(qtbot, db, meeting_id, stack):
    window = QMainWindow()
    qtbot.addWidget(window)
    undo_action = stack.createUndoAction(window, "Annuler")
    undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.addAction(undo_action)
    page = AgendaPage(db)
    window.setCentralWidget(page)
    window.resize(1200, 800)
    page.show_meeting(meeting_id, stack)
    window.ensurePolished()  # as MainWindow does: settled before the native window exists
    window.layout().activate()
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    add_items_with_the_keyboard(qtbot, page, ["Accueil"])
    title = page.item_panel.fields.title_edit
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL)  # undoes the typing, not the adding
    assert title.text() == "Nouveau point"
    assert stored_titles(db, meeting_id) == ["1 Nouveau point"]
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, CTRL)  # from the list, the window's undo works
    assert stored_titles(db, meeting_id) == []
    assert page.right.currentWidget() is page.no_item_label
    qtbot.keyClick(page.tree, Qt.Key.Key_Y, CTRL)
    assert stored_titles(db, meeting_id) == ["1 Nouveau point"]


def test_indent_outdent_delete_and_undo(qtbot, page, db, meeting_id, stack):
    add_items_with_the_keyboard(qtbot, page, ["Accueil", "Bilan", "Questions"])
    ids = [row.id for row in agenda(db, meeting_id).items]
    page.select_item(ids[1])
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Right, ALT)
    assert stored_titles(db, meeting_id) == ["1 Accueil", "1.1 Bilan", "2 Questions"]
    assert not page.indent_action.isEnabled()
    assert page.outdent_action.isEnabled()
    qtbot.keyClick(page.tree, Qt.Key.Key_Left, ALT)
    assert stored_titles(db, meeting_id) == ["1 Accueil", "2 Bilan", "3 Questions"]

    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)  # no question asked: it can be undone
    assert stored_titles(db, meeting_id) == ["1 Accueil", "2 Questions"]
    assert page.selected_item_id() == ids[2]
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, CTRL)
    assert stored_titles(db, meeting_id) == ["1 Accueil", "2 Bilan", "3 Questions"]
    assert [row.id for row in agenda(db, meeting_id).items] == ids  # the same ids


def test_drag_and_drop_moves_through_the_services(qtbot, page, db, meeting_id):
    add_items_with_the_keyboard(qtbot, page, ["Accueil", "Bilan", "Questions"])
    model = page.model
    data = model.mimeData([model.index(2, 0)])  # "Questions" …
    target = model.index(0, 0)  # … dropped onto "Accueil": its sub-item
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    qtbot.waitUntil(lambda: shown_titles(page)[1] == "1.1. Questions")
    assert stored_titles(db, meeting_id) == ["1 Accueil", "1.1 Questions", "2 Bilan"]
    # An item with a sub-item cannot go under another one.
    data = model.mimeData([model.index(0, 0)])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index(1, 0))
    # Between items, at the end.
    data = model.mimeData([model.index(0, 0, model.index(0, 0))])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    qtbot.waitUntil(lambda: len(page.model.agenda.items) == 3)
    assert stored_titles(db, meeting_id) == ["1 Accueil", "2 Bilan", "3 Questions"]


def test_a_too_long_title_is_refused_and_restored(qtbot, page, db, meeting_id, answered_messages):
    add_items_with_the_keyboard(qtbot, page, ["Accueil"])
    title = page.item_panel.fields.title_edit
    QGuiApplication.clipboard().setText("x" * 301)
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(title, Qt.Key.Key_V, CTRL)
    assert answered_messages.errors == ["« Intitulé » est trop long : 301 caractères, 300 au plus."]
    assert title.text() == "Accueil"
    assert stored_titles(db, meeting_id) == ["1 Accueil"]
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    assert stored_titles(db, meeting_id) == ["1 Accueil"]  # Suppr in a field: not the item
    title.clearFocus()  # an empty title is not saved, and comes back on leaving
    assert "« Intitulé » ne peut pas être vide." in answered_messages.errors
    assert title.text() == "Accueil"


def test_item_fields_and_planned_times(qtbot, page, db, meeting_id):
    add_items_with_the_keyboard(qtbot, page, ["Accueil", "Bilan"])
    fields = page.item_panel.fields
    page.select_item(agenda(db, meeting_id).items[0].id)
    fields.duration_spin.setFocus()
    fields.duration_spin.selectAll()
    qtbot.keyClicks(fields.duration_spin, "90")
    page.select_item(agenda(db, meeting_id).items[1].id)
    fields.duration_spin.selectAll()
    qtbot.keyClicks(fields.duration_spin, "30")
    fields.presenter_combo.setFocus()
    qtbot.keyClick(fields.presenter_combo, Qt.Key.Key_Down)
    rows = agenda(db, meeting_id).items
    assert [r.duration_minutes for r in rows] == [90, 30]
    assert rows[1].presenter_name == "M. Bernard GUY"
    model = page.model
    assert [model.index(r, 3).data() for r in range(2)] == ["14h30–16h00", "16h00–16h30"]
    assert model.index(1, 1).data() == "M. Bernard GUY"
    assert page.footer.text() == "Durée prévue\u00a0: 2 h 00 — fin prévue à 16h30"


# Typing an owner proposes the people whose name holds it: the completion popup is a
# real popup window, which the offscreen platform can neither raise nor give the keyboard.
@pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)
def test_actions_of_an_item(qtbot, page, db, meeting_id):
    add_items_with_the_keyboard(qtbot, page, ["Bilan"])
    panel = page.item_panel.actions
    page.item_panel.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.text_edit.hasFocus()
    qtbot.keyClicks(panel.text_edit, "Mettre a jour le SVI")
    panel.owner_combo.setFocus()
    qtbot.keyClicks(panel.owner_combo.lineEdit(), "Service des titres")
    panel.due_check.setFocus()
    qtbot.keyClick(panel.due_check, Qt.Key.Key_Space)
    panel.status_combo.setFocus()
    qtbot.keyClick(panel.status_combo, Qt.Key.Key_Down)
    qtbot.keyClick(panel.status_combo, Qt.Key.Key_Down)  # "Fait"
    with db.reading() as session:
        (action,) = list_item_actions(session, page.selected_item_id())
    assert action.text == "Mettre a jour le SVI"
    assert (action.owner_label, action.owner_id) == ("Service des titres", None)
    assert action.due_date == dt.date.today()
    assert (action.status_label, action.done_date) == ("Fait", dt.date.today())
    assert panel.done_edit.isEnabled()
    assert panel.model.index(0, 3).data() == f"Fait le {dt.date.today():%d/%m/%Y}"
    assert page.item_panel.tabs.tabText(1) == "Actions (1)"


def test_the_demo_meeting(qtbot, show_page, demo_db):
    page = open_page(show_page, demo_db, 1, QUndoStack())
    titles = shown_titles(page)
    assert len(titles) == 10
    assert titles[5:8] == ["6. Nouveautés", "6.1. au niveau local", "6.2. au niveau national"]
    assert page.footer.text().startswith("Durée prévue\u00a0: non renseignée")
    assert page.footer.text().endswith("début à 14h30")
    rows = {row.title: row.id for row in agenda(demo_db, 1).walk()}
    page.select_item(rows["Amélioration des services existants"])
    assert page.item_panel.statements.model.rowCount() == 4
    assert page.item_panel.actions.model.rowCount() == 4
    assert page.item_panel.tabs.tabText(0) == "Interventions (4)"
    page.select_item(rows["Bilan qualité 2022"])
    text = page.item_panel.fields.minutes_edit.toPlainText()
    assert "\n- audit interne : 28/04/22\n" in text
    assert "\n  - module 1 – relation générale avec les usagers" in text


@pytest.mark.parametrize("meeting", [None, 1])
def test_models_pass_the_model_tester(qtmodeltester, demo_db, meeting):
    tree = AgendaTreeModel()
    if meeting is not None:
        tree.set_agenda(agenda(demo_db, meeting))
    qtmodeltester.check(tree)
    tree.set_agenda(agenda(demo_db, 1))  # the same tree: texts refreshed
    tree.set_agenda(None)

    statements, actions = StatementsModel(), ActionsModel()
    with demo_db.reading() as session:
        item = next(r for r in list_agenda(session, 1).items if r.statements_count == 4)
        statements.set_rows(list_statements(session, item.id))
        actions.set_rows(list_item_actions(session, item.id))
    qtmodeltester.check(statements)
    qtmodeltester.check(actions)


def test_markup_in_a_title_is_shown_literally(qtbot, page, db, meeting_id):
    with db.transaction() as session:
        item_id = add_item(session, meeting_id, "<b>Gras</b> & co " + "x" * 280)
    page.reload(item_id)
    index = page.model.index(0, 0)
    assert index.data().startswith("1. <b>Gras</b> & co x")
    assert "&lt;b&gt;Gras&lt;/b&gt; &amp; co" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert page.item_panel.fields.title_edit.text().startswith("<b>Gras</b> & co")


def test_in_the_main_window_ctrl_z_undoes_one_agenda_edit(qtbot, demo_db):
    from clu_desktop.gui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentIndex(1)  # Ordre du jour
    page = window.current_page()
    assert isinstance(page, AgendaPage)
    rows = {row.title: row.id for row in agenda(demo_db, 1).walk()}
    page.select_item(rows["Questions diverses"])
    minutes = page.item_panel.fields.minutes_edit
    minutes.setFocus()
    qtbot.keyClicks(minutes, "- Aucune question")
    assert agenda(demo_db, 1).find(rows["Questions diverses"]).minutes_text == "- Aucune question"
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Up, CTRL)  # Questions diverses before Perspectives
    assert agenda(demo_db, 1).items[6].title == "Questions diverses"
    minutes.setFocus()
    qtbot.keyClick(minutes, Qt.Key.Key_Z, CTRL)  # the move, once
    assert agenda(demo_db, 1).items[6].title == "Perspectives 2024"
    assert minutes.toPlainText() == "- Aucune question"
    qtbot.keyClick(minutes, Qt.Key.Key_Z, CTRL)  # then the typing
    assert agenda(demo_db, 1).find(rows["Questions diverses"]).minutes_text is None
    assert minutes.toPlainText() == ""
    assert window.undo_action.isEnabled() is False
