"""The Participants page: answers before the meeting, attendance after it, every change
saved at once and undoable, refusals told in French."""

from __future__ import annotations

import csv
import datetime as dt
import sys
import types

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog

from clu_desktop.domain import AttendanceStatus, Representation
from clu_desktop.gui.participants.model import AttendanceModel
from clu_desktop.gui.participants.page import ParticipantsPage
from clu_desktop.services.attendance.presence import list_attendance, set_represented
from clu_desktop.services.directory.organisations import add_organisation
from clu_desktop.services.directory.people import add_person

CTRL = Qt.KeyboardModifier.ControlModifier
P = AttendanceStatus
R = Representation


@pytest.fixture
def open_page(show_page, demo_db):
    def open_(meeting_id: int) -> ParticipantsPage:
        page = ParticipantsPage(demo_db)
        page.stack = QUndoStack(page)
        return show_page(page, meeting_id, page.stack)

    return open_


def saved(db, meeting_id, text):
    with db.reading() as session:
        (row,) = [r for r in list_attendance(session, meeting_id) if text in r.name]
    return row


def select(page, text):
    (row,) = [r for r in page.model.rows() if text in r.name]
    page.select(row.id)
    return row


def counts(page) -> str:
    """The counts above the table (their spaces do not break)."""
    return page.counts_label.text().replace("\u00a0", " ")


def shown(page, row: int, column: int) -> str:
    return page.model.index(row, column).data()


def test_model_passes_the_model_tester(qtmodeltester, demo_db):
    model = AttendanceModel()
    with demo_db.reading() as session:
        model.set_rows(list_attendance(session, 1))
    qtmodeltester.check(model)
    model.set_rows([])


def test_demo_meeting_counts_and_rows(open_page):
    page = open_page(1)
    assert counts(page) == (
        "Présents : 14 · Excusés : 1 · Représentés : 0 · Absents : 0 · "
        "Sans réponse : 0 · Attendus : 14"
    )
    assert page.model.rowCount() == 15
    assert [shown(page, 0, c) for c in range(4)] == [
        "M. Guillaume THIRARD",
        "Préfecture de la Haute-Marne",
        "Secrétaire Général de la Préfecture de la Haute-Marne",
        "présent",
    ]
    assert shown(page, 14, 3) == "excusé"
    assert page.editor.title_label.text() == "M. Guillaume THIRARD (Préfecture de la Haute-Marne)"


def test_no_meeting_shows_an_empty_state(qtbot, demo_db):
    page = ParticipantsPage(demo_db)
    qtbot.addWidget(page)
    assert "Aucune séance" in page.empty_label.text()
    assert not page.invite_button.isEnabled()
    assert not page.live_button.isEnabled()


def test_status_chosen_with_the_keyboard_is_saved(open_page, demo_db, next_meeting, qtbot):
    page = open_page(next_meeting)
    select(page, "GUY")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # to the status
    combo = page.editor.status_combo
    assert combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert saved(demo_db, next_meeting, "GUY").status is P.EXCUSED
    assert "Excusés : 1" in counts(page)
    assert shown(page, 1, 3) == "excusé"
    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db, next_meeting, "GUY").status is P.PRESENT
    qtbot.keyClick(combo, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db, next_meeting, "GUY").status is P.INVITED
    assert shown(page, 1, 3) == "sans réponse"


# A completion popup is a real popup window: the offscreen platform says it can neither
# raise it nor grab the keyboard for it. Only these two platform notices are ignored.
offscreen_popup = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)


def type_deputy(page, qtbot, text, choose: bool = False):
    """Type ``text`` in "Représenté par"; ``choose`` the first person proposed, else
    press Entrée on the typed name."""
    combo = page.editor.deputy_combo
    combo.setFocus()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(combo.lineEdit(), text)
    popup = combo.completer().popup()
    # The choice is said (and saved) once the completer is done.
    with qtbot.waitSignal(page.editor.deputy_committed):
        if choose:
            assert popup.isVisible()
            qtbot.keyClick(popup, Qt.Key.Key_Down)
            qtbot.keyClick(popup, Qt.Key.Key_Return)
        else:
            if popup.isVisible():
                qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Escape)
            qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)


@offscreen_popup
def test_represented_by_a_directory_person_or_a_typed_name(open_page, demo_db, next_meeting, qtbot):
    page = open_page(next_meeting)
    select(page, "GUY")
    type_deputy(page, qtbot, "dorafi", choose=True)
    assert page.editor.deputy_combo.currentText() == (
        "M. Abderrazak DORAFI (Association Haut-Marnaise pour les Immigrés)"
    )
    guy = saved(demo_db, next_meeting, "GUY")
    assert (guy.status, guy.represented_by) == (P.REPRESENTED, "M. Abderrazak DORAFI")
    assert "Représentés : 1" in counts(page)
    select(page, "SIMON")
    type_deputy(page, qtbot, "Mme Jeanne DURAND")
    simon = saved(demo_db, next_meeting, "SIMON")
    assert (simon.represented_by_id, simon.represented_by) == (None, "Mme Jeanne DURAND")
    assert page.stack.count() == 2


@offscreen_popup
def test_a_deputy_typed_then_another_row_clicked_is_saved_for_the_first(
    open_page, demo_db, next_meeting, qtbot
):
    page = open_page(next_meeting)
    select(page, "GUY")
    line = page.editor.deputy_combo.lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, "Xavier QUIDAM")
    popup = page.editor.deputy_combo.completer().popup()
    assert not popup.isVisible()  # nobody proposed
    simon = page.table.visualRect(page.model.index(3, 0)).center()
    with qtbot.waitSignal(page.editor.deputy_committed):  # once the completer is done
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=simon)
    assert saved(demo_db, next_meeting, "GUY").represented_by == "Xavier QUIDAM"
    assert saved(demo_db, next_meeting, "SIMON").status is P.INVITED
    assert page.selected_row().name == "Mme Nathalie SIMON"
    assert page.editor.deputy_combo.currentText() == ""


@offscreen_popup
def test_representation_loop_is_refused(open_page, demo_db, next_meeting, qtbot, answered_messages):
    guy = saved(demo_db, next_meeting, "GUY")
    dorafi = saved(demo_db, next_meeting, "DORAFI")
    with demo_db.transaction() as session:
        set_represented(session, guy.id, person_id=dorafi.person_id)
    page = open_page(next_meeting)
    select(page, "DORAFI")
    type_deputy(page, qtbot, "bernard guy", choose=True)
    assert answered_messages.errors == [
        "« Représenté par » : représentation en boucle : cette personne est elle-même "
        "représentée, directement ou non, par celle qu'elle représenterait."
    ]
    assert saved(demo_db, next_meeting, "DORAFI") == dorafi
    assert page.editor.deputy_combo.currentText() == ""
    assert page.editor.status_combo.currentText() == "sans réponse"
    assert page.stack.count() == 0


@offscreen_popup
def test_representing_oneself_is_refused(
    open_page, demo_db, next_meeting, qtbot, answered_messages
):
    page = open_page(next_meeting)
    select(page, "GUY")
    type_deputy(page, qtbot, "bernard guy", choose=True)
    assert answered_messages.errors == [
        "« Représenté par » : une personne ne peut pas se représenter elle-même."
    ]
    assert saved(demo_db, next_meeting, "GUY").status is P.INVITED


@offscreen_popup
def test_choosing_represented_asks_how_and_by_whom(open_page, demo_db, next_meeting, qtbot):
    page = open_page(next_meeting)
    select(page, "GUY")
    page.editor.status_combo.set_current_id(P.REPRESENTED)
    assert page.editor.hint.isVisible()
    assert page.editor.hint.text() == (
        "Choisissez « pouvoir à » ou « suppléé par », puis la personne."
    )
    kind = page.editor.kind_combo
    assert kind.hasFocus()
    assert kind.currentText() == "suppléé par"  # the demo committee does not vote
    assert saved(demo_db, next_meeting, "GUY").status is P.INVITED  # nothing saved yet
    qtbot.keyClick(kind, Qt.Key.Key_Tab)
    assert page.editor.deputy_combo.hasFocus()
    type_deputy(page, qtbot, "Mme Jeanne DURAND")
    guy = saved(demo_db, next_meeting, "GUY")
    assert (guy.represented_by, guy.representation) == ("Mme Jeanne DURAND", R.SUBSTITUTE)
    assert shown(page, 1, 4) == "suppléé par Mme Jeanne DURAND"
    assert not page.editor.hint.isVisible()


def type_time(qtbot, edit, text):
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_departure_before_arrival_is_refused(
    open_page, demo_db, next_meeting, qtbot, answered_messages
):
    page = open_page(next_meeting)
    select(page, "PIERRON")
    type_time(qtbot, page.editor.arrival_edit, "1430")
    pierron = saved(demo_db, next_meeting, "PIERRON")
    assert (pierron.status, pierron.arrived_at.isoformat()) == (P.PRESENT, "14:30:00")
    type_time(qtbot, page.editor.departure_edit, "1400")
    assert answered_messages.errors == ["Présence : l'heure de fin est avant l'heure de début."]
    assert saved(demo_db, next_meeting, "PIERRON") == pierron
    assert page.editor.departure_edit.value() is None
    type_time(qtbot, page.editor.departure_edit, "1610")
    assert saved(demo_db, next_meeting, "PIERRON").left_at.isoformat() == "16:10:00"
    assert shown(page, 4, 6) == "16:10"


def test_space_ticks_present_with_the_time_and_again_unticks(
    open_page, demo_db, next_meeting, qtbot
):
    page = open_page(next_meeting)
    select(page, "SIMON")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    simon = saved(demo_db, next_meeting, "SIMON")
    assert simon.status is P.PRESENT and simon.arrived_at is not None
    assert shown(page, 3, 5) == simon.arrived_at.strftime("%H:%M")
    assert "Présents : 1 " in counts(page)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert saved(demo_db, next_meeting, "PIERRON").status is P.PRESENT
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    simon = saved(demo_db, next_meeting, "SIMON")
    assert (simon.status, simon.arrived_at) == (P.INVITED, None)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)  # the untick undone
    assert saved(demo_db, next_meeting, "SIMON").status is P.PRESENT


def test_a_note_typed_is_one_undo_step(open_page, demo_db, next_meeting, qtbot):
    page = open_page(next_meeting)
    select(page, "GUY")
    note = page.editor.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "parti a 15 h <b>&</b>")
    assert saved(demo_db, next_meeting, "GUY").note == "parti a 15 h <b>&</b>"
    assert note.toPlainText() == "parti a 15 h <b>&</b>"
    assert page.stack.count() == 1
    qtbot.keyClick(note, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db, next_meeting, "GUY").note is None
    assert note.toPlainText() == ""


def test_invite_a_person_through_the_picker_then_undo(open_page, demo_db, next_meeting, qtbot):
    with demo_db.transaction() as session:
        other = add_organisation(session, "Association des paralysés de France")
        add_person(session, "GUY", first_name="Bernard", civility="M.", organisation_id=other)
    page = open_page(next_meeting)
    qtbot.mouseClick(page.invite_person_button, Qt.MouseButton.LeftButton)
    picker = page.picker
    assert isinstance(picker, QDialog) and picker.isVisible()
    qtbot.keyClicks(picker.search_edit, "guy")
    # The homonym already invited is not offered; the other one is told by his organisation.
    assert picker.model.rowCount() == 1
    assert picker.model.index(0, 0).data() == (
        "M. Bernard GUY (Association des paralysés de France)"
    )
    qtbot.keyClick(picker.search_edit, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert page.model.rowCount() == 16
    assert page.selected_row().label == "M. Bernard GUY (Association des paralysés de France)"
    assert "Sans réponse : 16" in counts(page)
    new_id = page.selected_id()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    with demo_db.reading() as session:
        assert len(list_attendance(session, next_meeting)) == 15
    assert page.model.rowCount() == 15
    qtbot.keyClick(page.table, Qt.Key.Key_Y, CTRL)
    assert page.model.row_of(new_id) == 15  # back under the same id


def test_withdraw_an_invitation_then_undo_puts_it_back_as_it_was(open_page, demo_db, qtbot):
    page = open_page(1)
    krezel = select(page, "KREZEL")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.row_of(krezel.id) is None
    assert "Excusés : 0" in counts(page)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db, 1, "KREZEL") == krezel
    assert page.model.row_of(krezel.id) == 14


def test_invite_standing_members_then_undo_and_redo(open_page, demo_db, next_meeting, qtbot):
    page = open_page(next_meeting)
    for _ in range(15):
        page.withdraw_invitation()
    assert page.model.rowCount() == 0
    assert "Personne n'est encore invité" in page.empty_label.text()
    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 15
    ids = [r.id for r in page.model.rows()]
    page.stack.undo()
    assert page.model.rowCount() == 0
    page.stack.redo()
    assert [r.id for r in page.model.rows()] == ids


def test_csv_export_from_the_button(open_page, tmp_path, monkeypatch, qtbot, answered_messages):
    target = tmp_path / "présence"
    asked = []

    def save_name(parent, caption, suggested, filters):
        asked.append((caption, suggested, filters))
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    page = open_page(1)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "présence.csv"
    assert asked[0][1].endswith("liste-de-presence-2023-12-20.csv")
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    with written.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert len(lines) == 16
    assert lines[1][:4] == [
        "M. Guillaume THIRARD",
        "Préfecture de la Haute-Marne",
        "Secrétaire Général de la Préfecture de la Haute-Marne",
        "présent",
    ]
    assert answered_messages.infos == [f"Liste de présence enregistrée dans « {written} »."]


def test_live_mode_unavailable_is_told(open_page, monkeypatch, qtbot, answered_messages):
    monkeypatch.setitem(sys.modules, "clu_desktop.gui.live.window", None)  # import fails
    page = open_page(1)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F11)
    assert answered_messages.errors == ["Le mode séance n'est pas disponible."]


def test_live_mode_opens_and_the_page_reads_again_when_it_closes(
    open_page, demo_db, next_meeting, monkeypatch, qtbot
):
    from clu_desktop.services.attendance.presence import mark_present

    opened = []

    class FakeLiveWindow(QDialog):
        closed = Signal()

        def __init__(self, db, meeting_id, stack, parent) -> None:
            super().__init__(parent)
            opened.append((db, meeting_id, stack))

    module = types.ModuleType("clu_desktop.gui.live.window")
    module.LiveAttendanceWindow = FakeLiveWindow
    monkeypatch.setitem(sys.modules, "clu_desktop.gui.live.window", module)
    page = open_page(next_meeting)
    qtbot.mouseClick(page.live_button, Qt.MouseButton.LeftButton)
    assert opened == [(demo_db, next_meeting, page.stack)]
    live = page._live
    import datetime as dt

    with demo_db.transaction() as session:  # ticked in the live window
        mark_present(session, saved(demo_db, next_meeting, "GUY").id, dt.time(14, 2))
    live.done(0)
    assert shown(page, 1, 3) == "présent"
    assert shown(page, 1, 5) == "14:02"


def test_inviting_standing_members_of_a_committee_without_any(
    open_page, demo_db, add_meeting, answered_messages, qtbot
):
    meeting_id = add_meeting("Première séance", dt.date(2025, 3, 4), committee="Comité sans membre")
    page = open_page(meeting_id)
    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert not any("déjà invités" in text for text in answered_messages.infos)
    said = answered_messages.errors + answered_messages.infos
    assert any("Ce comité n'a pas de membre permanent" in text for text in said), said
    assert any("annuaire" in text for text in said)
