"""The people tab's personal data actions: export a person's data, erase a person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from clu_desktop.domain import Invitation, Person
from clu_desktop.gui.directory import DirectoryWindow
from clu_desktop.gui.directory import personal_data as gui_personal
from clu_desktop.services.directory import people as directory_people

DORAFI, GUY = 5, 6


@pytest.fixture
def window(qtbot, signed_demo_db) -> DirectoryWindow:
    window = DirectoryWindow(signed_demo_db)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def select_person(qtbot, window: DirectoryWindow, person_id: int) -> None:
    table = window.people_tab.table
    rect = table.visualRect(table.model().index(window.people_tab.model.row_of(person_id), 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.people_tab.selected_ids() == [person_id]


def printed_names(db) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(Invitation.printed_last_name)))


def test_export_writes_the_person_s_data_under_a_suggested_name(
    qtbot, window, tmp_path, monkeypatch, answered_messages
):
    asked: list[Path] = []

    def ask(_parent, suggested: Path) -> Path:
        asked.append(suggested)
        return tmp_path / suggested.name

    monkeypatch.setattr(gui_personal, "ask_export_path", ask)
    select_person(qtbot, window, DORAFI)
    tab = window.people_tab
    assert tab.export_button.isEnabled()
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in asked] == ["donnees-DORAFI-Abderrazak.json"]
    data = json.loads((tmp_path / asked[0].name).read_text(encoding="utf-8"))
    assert data["seances_invite"][0]["presence"] == "présent"
    assert len(data["interventions"]) == 2
    assert "écrites dans" in answered_messages.infos[-1]


def test_the_actions_need_exactly_one_person(qtbot, window):
    tab = window.people_tab
    select_person(qtbot, window, DORAFI)
    row = tab.model.row_of(GUY)
    rect = tab.table.visualRect(tab.model.index(row, 1))
    qtbot.mouseClick(
        tab.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )
    assert len(tab.selected_ids()) == 2
    assert not tab.export_button.isEnabled() and not tab.erase_button.isEnabled()
    assert tab.erase_action in tab.table.actions()  # also in the table's context menu


def test_cancelling_the_erasure_changes_nothing(qtbot, window, signed_demo_db):
    select_person(qtbot, window, DORAFI)
    qtbot.mouseClick(window.people_tab.erase_button, Qt.MouseButton.LeftButton)
    dialog = window.people_tab.personal.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.cancel_button.isDefault()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    with signed_demo_db.reading() as session:
        assert session.get(Person, DORAFI) is not None
    assert window.people_tab.model.rowCount() == 15


def test_erase_keeps_the_signed_minutes_and_leaves_nothing_to_undo(
    qtbot, window, signed_demo_db, answered_messages
):
    tab = window.people_tab
    # A change to undo in the directory, and another window's undo history.
    select_person(qtbot, window, GUY)
    tab.form.function.setFocus()
    qtbot.keyClicks(tab.form.function, " adjoint")
    assert window.undo_stack.count() == 1
    other = QWidget()
    qtbot.addWidget(other)
    other_stack = QUndoStack(other)
    other_stack.push(QUndoCommand("Modifier le nom imprimé"))

    select_person(qtbot, window, DORAFI)
    qtbot.mouseClick(tab.erase_button, Qt.MouseButton.LeftButton)
    dialog = tab.personal.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "M. Abderrazak DORAFI sera effacé" in dialog.text.text()
    assert "1 compte-rendu signé" in dialog.text.text()
    assert "sauvegardes" in dialog.text.text()
    assert not dialog.anonymise_check.isChecked()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    assert tab.model.rowCount() == 14
    assert tab.model.row_of(DORAFI) is None
    assert window.count_label.text() == "14 personnes"
    assert window.undo_stack.count() == 0
    assert other_stack.count() == 0
    assert not window.undo_action.isEnabled()
    assert "définitif" in answered_messages.infos[-1]
    with signed_demo_db.reading() as session:
        assert directory_people.search_people(session, "dorafi") == []
    assert "DORAFI" in printed_names(signed_demo_db)  # the signed minutes still print him
    assert QApplication.activeModalWidget() is None


def test_erase_and_anonymise_the_signed_minutes(qtbot, window, signed_demo_db, answered_messages):
    select_person(qtbot, window, GUY)
    qtbot.mouseClick(window.people_tab.erase_button, Qt.MouseButton.LeftButton)
    dialog = window.people_tab.personal.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.anonymise_check, Qt.MouseButton.LeftButton)
    assert dialog.anonymise_check.isChecked()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    names = printed_names(signed_demo_db)
    assert "GUY" not in names
    assert "Personne anonymisée" in names
    assert "compte-rendu signé anonymisé" in answered_messages.infos[-1]
    assert window.people_tab.model.row_of(GUY) is None


def test_erasing_from_the_window_leaves_no_trace_in_the_database_files(
    qtbot, demo_db, answered_messages
):
    from erasure_places import build, needles_in

    places = build(demo_db, named_in_signed=True)
    path = Path(demo_db.url.database)

    def traces() -> dict[str, list[str]]:
        found = {}
        for suffix in ("", "-wal", "-shm"):
            file = Path(f"{path}{suffix}")
            if file.exists() and (names := needles_in(file.read_bytes())):
                found[file.name] = names
        return found

    assert traces()
    window = DirectoryWindow(demo_db)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    select_person(qtbot, window, places.person_id)
    qtbot.mouseClick(window.people_tab.erase_button, Qt.MouseButton.LeftButton)
    dialog = window.people_tab.personal.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.anonymise_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert "PDF signé refait sans son nom" in answered_messages.infos[-1]
    # The window's database is still open: its files already forget her.
    assert traces() == {}
