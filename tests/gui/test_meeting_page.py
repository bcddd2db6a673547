"""The "Séance" page, driven with the keyboard on the demonstration meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QMainWindow

from clu_desktop.domain import MeetingStatus, Organisation, Person
from clu_desktop.gui.common.widgets import ChoiceModel
from clu_desktop.gui.meeting.page import EMPTY_TEXT, MeetingPage
from clu_desktop.services.meetings.details import get_meeting_details

CTRL = Qt.KeyboardModifier.ControlModifier
OLD_TITLE = "Comité local des usagers (CLU)"
# A completion popup is a real popup window: the offscreen platform says it can neither
# raise it nor grab the keyboard for it. Only these two platform notices are ignored.
offscreen_popup = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)


@pytest.fixture
def page(qtbot, demo_db, stack):
    widget = MeetingPage(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show_meeting(1, stack)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def saved(db, meeting_id=1):
    with db.reading() as session:
        return get_meeting_details(session, meeting_id)


def retype(qtbot, widget, text):
    """Select everything in the field and type ``text`` over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(widget, text)


def test_no_meeting_shows_the_french_empty_state(qtbot, db):
    widget = MeetingPage(db)
    qtbot.addWidget(widget)
    widget.show_meeting(None, None)
    assert widget.pages.currentWidget() is widget.empty_label
    assert widget.empty_label.text() == EMPTY_TEXT
    widget.show_meeting(42, None)
    assert "n'existe plus" in widget.empty_label.text()


def test_the_demo_meeting_is_shown(page):
    f = page.form
    assert page.objectName() == "meetingPage"
    assert f.title_edit.text() == OLD_TITLE
    assert f.date_edit.text() == "20/12/2023"
    assert (f.start_edit.text(), f.end_edit.text()) == ("14:30", "16:30")
    assert f.chair_combo.currentText() == "M. Guillaume THIRARD (Préfecture de la Haute-Marne)"
    assert f.status_combo.currentText() == "Compte-rendu rédigé"  # see demo_db
    assert f.minutes_date_edit.text() == "08/04/2024"
    assert f.delegation_combo.currentText() == "Pour la Préfète et par délégation"
    assert f.contact_email_edit.text() == "mylene.begue@haute-marne.gouv.fr"
    assert f.opening_edit.toPlainText().startswith("M. le Secrétaire Général ouvre")


def test_typing_the_title_saves_it_as_one_undo_step(qtbot, page, demo_db, stack):
    with qtbot.waitSignal(page.changed):
        retype(qtbot, page.form.title_edit, "CLU <b>de printemps</b> & bilan")
    assert saved(demo_db).title == "CLU <b>de printemps</b> & bilan"
    assert stack.count() == 1
    assert stack.undoText() == "Modifier « Intitulé »"


def test_ctrl_z_in_the_title_undoes_on_the_meeting_stack(qtbot, page, demo_db, stack):
    title = page.form.title_edit
    retype(qtbot, title, "Seance annulee puis retablie")
    changes = []
    page.changed.connect(lambda: changes.append(1))
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db).title == OLD_TITLE
    assert title.text() == OLD_TITLE
    assert changes  # the meeting list is told
    qtbot.keyClick(title, Qt.Key.Key_Y, CTRL)
    assert saved(demo_db).title == "Seance annulee puis retablie"
    assert title.text() == "Seance annulee puis retablie"
    assert stack.count() == 1  # reloading the form recorded nothing


def test_each_visit_of_a_field_is_one_undo_step_undone_once(qtbot, demo_db, stack):
    # In the main window Ctrl+Z is also a window-wide shortcut: it must not undo twice.
    window = QMainWindow()
    qtbot.addWidget(window)
    undo_action = QAction("Annuler", window)
    undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    undo_action.triggered.connect(stack.undo)
    window.addAction(undo_action)
    page = MeetingPage(demo_db)
    window.setCentralWidget(page)
    page.show_meeting(1, stack)
    window.ensurePolished()
    window.layout().activate()
    with qtbot.waitExposed(window):
        window.show()
    title, place = page.form.title_edit, page.form.place_edit
    retype(qtbot, title, "Premier essai")
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    retype(qtbot, title, "Second essai")
    assert stack.count() == 2
    qtbot.keyClick(title, Qt.Key.Key_Z, CTRL)
    assert stack.index() == 1
    assert saved(demo_db).title == "Premier essai"
    assert title.text() == "Premier essai"
    place.setFocus()
    qtbot.keyClick(place, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db).title == OLD_TITLE
    assert saved(demo_db).place == "Salle Louise Michel"


def test_ctrl_z_in_a_text_box_undoes_on_the_meeting_stack(qtbot, page, demo_db):
    text = page.form.closing_edit
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(text, " Fin.")
    assert saved(demo_db).closing_text.endswith("préfecture. Fin.")
    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db).closing_text.endswith("préfecture.")
    assert text.toPlainText() == saved(demo_db).closing_text


def test_a_too_long_title_is_refused_and_the_old_one_kept(qtbot, page, demo_db, answered_messages):
    title = page.form.title_edit
    QApplication.clipboard().setText("x" * 10_000)
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(title, Qt.Key.Key_V, CTRL)
    assert answered_messages.errors == [
        "« Intitulé » est trop long : 10000 caractères, 300 au plus."
    ]
    assert title.text() == OLD_TITLE
    assert saved(demo_db).title == OLD_TITLE


def test_an_emptied_title_waits_then_is_refused_when_left(qtbot, page, demo_db, answered_messages):
    title = page.form.title_edit
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    assert page.hint_label.isVisible()
    assert page.hint_label.text().startswith("« Intitulé » ne peut pas être vide.")
    assert answered_messages.errors == []
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert answered_messages.errors == ["« Intitulé » ne peut pas être vide."]
    assert title.text() == OLD_TITLE
    assert not page.hint_label.isVisible()
    assert saved(demo_db).title == OLD_TITLE


def test_an_email_is_saved_once_complete(qtbot, page, demo_db, answered_messages):
    email = page.form.contact_email_edit
    retype(qtbot, email, "sru@haute-marne.gouv.fr")
    assert saved(demo_db).contact_email == "sru@haute-marne.gouv.fr"
    retype(qtbot, email, "sru@")
    qtbot.keyClick(email, Qt.Key.Key_Return)
    assert "n'est pas une adresse électronique" in answered_messages.errors[0]
    assert email.text() == "sru@haute-marne.gouv.fr"


def test_date_and_status_change_with_the_keyboard(qtbot, page, demo_db, stack):
    date = page.form.date_edit
    date.setFocus()
    date.setCurrentSection(QDateTimeEdit.Section.DaySection)
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(date, Qt.Key.Key_Up)
    assert saved(demo_db).date == dt.date(2023, 12, 21)

    status = page.form.status_combo
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_Up)
    assert saved(demo_db).status is MeetingStatus.HELD
    assert status.currentText() == "Tenue"
    qtbot.keyClick(status, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db).status is MeetingStatus.MINUTES_DRAFTED
    assert status.currentText() == "Compte-rendu rédigé"


def test_an_end_before_the_start_is_refused(qtbot, page, demo_db, answered_messages):
    end = page.form.end_edit
    end.setFocus()
    end.setCurrentSection(QDateTimeEdit.Section.HourSection)
    for _ in range(3):  # 15:30, 14:30, then 13:30 is before 14:30
        qtbot.keyClick(end, Qt.Key.Key_Down)
    assert answered_messages.errors == [
        "Horaire de la séance : l'heure de fin est avant l'heure de début."
    ]
    assert end.text() == "14:30"
    assert saved(demo_db).end_time == dt.time(14, 30)


def test_the_minutes_can_be_undated_and_dated_again(qtbot, page, demo_db):
    qtbot.mouseClick(page.form.undated_button, Qt.MouseButton.LeftButton)
    assert saved(demo_db).minutes_date is None
    assert page.form.minutes_date_edit.text() == "non daté"
    qtbot.keyClick(page.form.title_edit, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db).minutes_date == dt.date(2024, 4, 8)
    assert page.form.minutes_date_edit.text() == "08/04/2024"


@offscreen_popup
def test_a_signatory_is_found_by_typing_and_fills_the_printed_name(qtbot, page, demo_db):
    combo = page.form.signatory_combo
    combo.setFocus()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(combo.lineEdit(), "guy")
    popup = combo.completer().popup()
    assert popup.isVisible()
    assert popup.model().rowCount() == 1  # "M. Bernard GUY (...)" only
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    meeting = saved(demo_db)
    assert meeting.signatory_id == 6
    assert meeting.signatory_name == "Bernard GUY"
    assert page.form.signatory_name_edit.text() == "Bernard GUY"
    assert page.form.signatory_title_edit.text() == "Le Secrétaire Général"  # typed, kept
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Z, CTRL)
    assert saved(demo_db).signatory_name == "Guillaume THIRARD"
    assert combo.currentText() == "M. Guillaume THIRARD (Préfecture de la Haute-Marne)"


@offscreen_popup
def test_unknown_text_in_a_people_combo_goes_back_to_the_choice(qtbot, page, demo_db):
    combo = page.form.chair_combo
    combo.setFocus()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(combo.lineEdit(), "personne inconnue")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Escape)  # close the (empty) completion
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)
    assert combo.currentText() == "M. Guillaume THIRARD (Préfecture de la Haute-Marne)"
    assert saved(demo_db).chair_id == 14


def test_the_delegation_formula_is_typed_or_chosen(qtbot, page, demo_db):
    combo = page.form.delegation_combo
    assert [combo.itemText(row) for row in range(combo.count())] == [
        "Pour le Préfet et par délégation",  # proposed first: the letterhead says PRÉFET
        "Pour la Préfète et par délégation",
    ]
    combo.setFocus()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Up)
    assert saved(demo_db).delegation_formula == "Pour le Préfet et par délégation"
    retype(qtbot, combo.lineEdit(), "Pour le Prefet, par delegation")
    assert saved(demo_db).delegation_formula == "Pour le Prefet, par delegation"


def test_the_choice_model_passes_the_model_tester(qtmodeltester):
    model = ChoiceModel("(aucune personne)")
    model.set_rows([(1, "M. Bernard GUY"), (2, "Mme Nathalie SIMON")])
    qtmodeltester.check(model)
    assert model.row_of(2) == 2
    assert model.id_at(0) is None
    model.set_rows([])
    assert model.rowCount() == 1


def test_a_meeting_among_2000_people_offers_everyone(qtbot, demo_db, stack):
    """Its speed is benchmarks/gui_latency.py's (2,000 people on the twenty-year base)."""
    with demo_db.transaction() as session:
        org = Organisation(name="Mairie de Saint-Dizier")
        session.add_all(
            Person(
                civility="M.", first_name=f"Prénom{n}", last_name=f"NOM{n:04d}", organisation=org
            )
            for n in range(2000 - 15)
        )
    widget = MeetingPage(demo_db)
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.show_meeting(1, stack)
    assert widget.form.people_model.rowCount() == 2001  # everyone and "nobody"


def test_typing_digits_in_an_empty_time_starts_a_time(page, qtbot, demo_db):
    """An empty start time shows "non précisée"; typing 1 5 0 0 gives 15:00."""
    from clu_desktop.services.meetings.details import get_meeting_details, update_meeting

    with demo_db.transaction() as session:
        update_meeting(session, 1, "start_time", None)
        update_meeting(session, 1, "end_time", None)
    page.show_meeting(1, None)
    start = page.form.start_edit
    assert start.value() is None
    start.setFocus()
    qtbot.keyClicks(start, "1500")
    start.clearFocus()
    assert start.value() == dt.time(15, 0)
    with demo_db.reading() as session:
        assert get_meeting_details(session, 1).start_time == dt.time(15, 0)
    start.setFocus()
    start.selectAll()
    qtbot.keyClick(start, Qt.Key.Key_Delete)
    assert start.value() is None


@offscreen_popup
def test_people_combos_are_searched_without_accents_nor_case(qtbot, page, demo_db):
    """« begue » finds « Mylène BÉGUÉ », in any order of the words; Entrée on the only
    proposal chooses it."""
    combo = page.form.contact_combo
    combo.setFocus()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(combo.lineEdit(), "begue")
    popup = combo.completer().popup()
    assert popup.isVisible()
    shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert len(shown) == 1 and "Mylène BÉGUÉ" in shown[0]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert "BÉGUÉ" in saved(demo_db).contact_name

    chair = page.form.chair_combo
    chair.setFocus()
    qtbot.keyClick(chair.lineEdit(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(chair.lineEdit(), "MAIRES guy")  # organisation then name
    qtbot.keyClick(chair.completer().popup(), Qt.Key.Key_Escape)  # no proposal taken
    qtbot.keyClick(chair.lineEdit(), Qt.Key.Key_Tab)  # the only one proposed is chosen
    assert saved(demo_db).chair_id == 6
