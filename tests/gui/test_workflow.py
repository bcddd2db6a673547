"""A day's work in the real main window, with keys and mouse, then reopened: nothing lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clu_desktop.gui.main_window import MainWindow
from clu_desktop.services.agenda.items import list_agenda
from clu_desktop.services.agenda.statements import list_statements
from clu_desktop.services.attendance.invitations import list_invitations
from clu_desktop.services.directory.committees import add_committee, add_member
from clu_desktop.services.directory.people import add_person
from clu_desktop.services.meetings.listing import list_meetings
from clu_desktop.store.migrate import open_database

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def db_path(tmp_path):
    """A directory with a committee of three standing members, and no meeting yet."""
    path = tmp_path / "clu.sqlite"
    db = open_database(path)
    with db.transaction() as session:
        committee_id = add_committee(session, "Comité local des usagers")
        for first, last in (("Bernard", "GUY"), ("Abderrazak", "DORAFI"), ("Nathalie", "SIMON")):
            person_id = add_person(session, last_name=last, first_name=first, civility="M.")
            add_member(session, committee_id, person_id)
    db.dispose()
    return path


def open_window(qtbot, path) -> MainWindow:
    window = MainWindow(open_database(path))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_prepare_and_write_a_meeting_then_reopen(qtbot, db_path):
    window = open_window(qtbot, db_path)

    # A new meeting, and its standing members invited in one click.
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    meeting_id = window.meeting_id
    assert meeting_id is not None
    window.tabs.setCurrentIndex(2)
    participants = window.current_page()
    qtbot.mouseClick(participants.invite_button, Qt.MouseButton.LeftButton)
    assert participants.model.rowCount() == 3

    # Three items typed with the keyboard, the last one moved up.
    window.tabs.setCurrentIndex(1)
    agenda = window.current_page()
    agenda.tree.setFocus()
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Insert)
    title = agenda.item_panel.fields.title_edit
    for number, text in enumerate(["Bilan 2022", "Questions diverses", "Indicateurs"]):
        if number:
            qtbot.keyClick(title, Qt.Key.Key_P, CTRL | SHIFT)
        qtbot.keyClicks(title, text)
    agenda.tree.setFocus()
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Up, CTRL)

    # Minutes text with a bullet of each level in the selected item.
    minutes = agenda.item_panel.fields.minutes_edit
    minutes.setFocus()
    qtbot.keyClicks(minutes, "Indicateurs :")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    qtbot.keyClicks(minutes, "- taux d'appels aboutis")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    qtbot.keyClick(minutes, Qt.Key.Key_Tab)
    qtbot.keyClicks(minutes, "au niveau general")

    # A statement attributed to two participants.
    panel = agenda.item_panel.statements
    agenda.item_panel.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    for row in (0, 1):
        panel.speakers_list.setCurrentRow(row)
        qtbot.keyClick(panel.speakers_list, Qt.Key.Key_Space)
    panel.text_edit.setFocus()
    qtbot.keyClicks(panel.text_edit, "font part de leur surprise")

    # One item too many, taken back with Undo from the window's Édition menu.
    agenda.tree.setFocus()
    qtbot.keyClick(agenda.tree, Qt.Key.Key_Insert)
    assert len(agenda.model.index(3, 0).data() or "") > 0
    window.undo_action.trigger()
    assert agenda.model.rowCount() == 3
    window.close()

    # Reopened on the same file: everything is there.
    again = open_window(qtbot, db_path)
    assert again.meeting_id == meeting_id
    with again._db.reading() as session:
        (meeting,) = list_meetings(session)
        invited = [row.name for row in list_invitations(session, meeting_id)]
        items = list_agenda(session, meeting_id).items
        (statement,) = list_statements(session, items[1].id)
    assert meeting.committee == "Comité local des usagers"
    assert invited == ["M. Bernard GUY", "M. Abderrazak DORAFI", "M. Nathalie SIMON"]
    assert [item.title for item in items] == ["Bilan 2022", "Indicateurs", "Questions diverses"]
    assert items[1].minutes_text == (
        "Indicateurs :\n\n- taux d'appels aboutis\n  - au niveau general"
    )
    assert statement.speakers_label == "M. Bernard GUY et M. Abderrazak DORAFI"
    assert statement.text == "font part de leur surprise"
    again.tabs.setCurrentIndex(1)
    assert again.current_page().model.rowCount() == 3
