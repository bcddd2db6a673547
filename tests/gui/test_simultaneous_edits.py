"""Two workstations on one database: a page refuses a save over another's change, says
what the other workstation changed, shows the current version and the text typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clu_desktop.domain import AttendanceStatus
from clu_desktop.gui.agenda import AgendaPage
from clu_desktop.gui.directory import DirectoryWindow
from clu_desktop.gui.meeting.page import MeetingPage
from clu_desktop.gui.participants.page import ParticipantsPage
from clu_desktop.services.agenda.items import get_item_row, update_item
from clu_desktop.services.attendance.presence import list_attendance, set_note
from clu_desktop.services.directory.organisations import get_organisation, set_organisation_field
from clu_desktop.services.directory.people import get_person, set_person_field
from clu_desktop.services.meetings.details import get_meeting_details, update_meeting
from clu_desktop.store.database import Database, create_database_engine

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def other(demo_db):
    """Workstation B, on the database of workstation A (``demo_db``)."""
    database = Database.for_engine(create_database_engine(demo_db.url))
    yield database
    database.dispose()


@pytest.fixture
def meeting_page(qtbot, demo_db, stack):
    widget = MeetingPage(demo_db)
    qtbot.addWidget(widget)
    widget.show_meeting(1, stack)
    widget.show()
    return widget


def meeting(db):
    with db.reading() as session:
        return get_meeting_details(session, 1)


def test_the_meeting_page_says_what_another_workstation_changed(
    qtbot, meeting_page, demo_db, other, answered_messages
):
    old_place = meeting(demo_db).place
    old_title = meeting(demo_db).title
    with other.transaction() as session:
        update_meeting(session, 1, "place", "Salle B")
    title = meeting_page.form.title_edit
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, "x")
    assert len(answered_messages.errors) == 1
    message = answered_messages.errors[0]
    assert message.startswith("Cette séance a été modifiée sur un autre poste")
    assert f"Lieu : « {old_place} » → « Salle B »" in message
    assert "Votre modification (Intitulé) n'a pas été enregistrée" in message
    assert f"Votre saisie : « {old_title}x »" in message
    assert meeting_page.form.place_edit.text() == "Salle B"  # the current version
    assert meeting(demo_db).title == old_title
    assert meeting(demo_db).place == "Salle B"
    qtbot.keyClicks(title, "y")  # typing again saves on the current version
    assert (meeting(demo_db).title, meeting(demo_db).place) == (old_title + "y", "Salle B")
    assert len(answered_messages.errors) == 1


def test_typing_then_undo_and_redo_never_conflict_with_oneself(
    qtbot, meeting_page, demo_db, stack, answered_messages
):
    place = meeting_page.form.place_edit
    place.setFocus()
    qtbot.keyClick(place, Qt.Key.Key_End)
    qtbot.keyClicks(place, " 2")
    title = meeting_page.form.title_edit
    title.setFocus()
    qtbot.keyClicks(title, "x")
    stack.undo()
    stack.undo()
    stack.redo()
    qtbot.keyClicks(title, "yz")
    assert answered_messages.errors == []
    assert meeting(demo_db).place.endswith(" 2")
    assert meeting(demo_db).title.endswith("yz")


def test_undo_over_another_workstations_change_is_refused(
    qtbot, meeting_page, demo_db, other, stack, answered_messages
):
    place = meeting_page.form.place_edit
    place.setFocus()
    qtbot.keyClick(place, Qt.Key.Key_End)
    qtbot.keyClicks(place, " 2")
    with other.transaction() as session:
        update_meeting(session, 1, "place", "Salle B")
    stack.undo()
    assert len(answered_messages.errors) == 1
    assert "« Salle B »" in answered_messages.errors[0]
    assert meeting(demo_db).place == "Salle B"
    assert place.text() == "Salle B"


def test_the_agenda_item_editor_says_what_another_workstation_changed(
    qtbot, demo_db, other, stack, answered_messages
):
    page = AgendaPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, stack)
    page.show()
    fields = page.item_panel.fields
    item_id = page.selected_item_id()
    old_title = fields.title_edit.text()
    with other.transaction() as session:
        update_item(session, item_id, minutes_text="Texte de B")
    fields.title_edit.setFocus()
    qtbot.keyClick(fields.title_edit, Qt.Key.Key_End)
    qtbot.keyClicks(fields.title_edit, "x")
    assert len(answered_messages.errors) == 1
    message = answered_messages.errors[0]
    assert message.startswith("Ce point de l'ordre du jour a été modifié sur un autre poste")
    assert "Texte du compte-rendu : " in message and "→ « Texte de B »" in message
    assert "Votre modification (Intitulé) n'a pas été enregistrée" in message
    assert f"Votre saisie : « {old_title}x »" in message
    assert fields.minutes_edit.toPlainText() == "Texte de B"
    assert fields.title_edit.text() == old_title
    with demo_db.reading() as session:
        saved = get_item_row(session, item_id)
    assert (saved.title, saved.minutes_text) == (old_title, "Texte de B")
    qtbot.keyClicks(fields.title_edit, "yz")  # then A's own saves go through
    stack.undo()
    stack.redo()
    assert len(answered_messages.errors) == 1
    with demo_db.reading() as session:
        assert get_item_row(session, item_id).title == old_title + "yz"


def test_the_person_form_says_what_another_workstation_changed(
    qtbot, demo_db, other, answered_messages
):
    window = DirectoryWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    form = window.people_tab.form
    person_id = form.person_id
    with demo_db.reading() as session:
        shown = get_person(session, person_id)
    with other.transaction() as session:
        set_person_field(session, person_id, "phone", "03 25 00 00 00")
    form.function.setFocus()
    qtbot.keyClick(form.function, Qt.Key.Key_End)
    qtbot.keyClicks(form.function, "x")
    assert len(answered_messages.errors) == 1
    message = answered_messages.errors[0]
    assert message.startswith("Cette personne a été modifiée sur un autre poste")
    old_phone = f"« {shown.phone} »" if shown.phone else "(vide)"
    assert f"Téléphone : {old_phone} → « 03 25 00 00 00 »" in message
    assert "Votre modification (Fonction) n'a pas été enregistrée" in message
    assert f"Votre saisie : « {shown.function or ''}x »" in message
    assert form.phone.text() == "03 25 00 00 00"
    assert form.function.text() == (shown.function or "")
    qtbot.keyClick(form.function, Qt.Key.Key_End)
    qtbot.keyClicks(form.function, "yz")  # then A's own saves go through
    window.undo_stack.undo()
    window.undo_stack.redo()
    assert len(answered_messages.errors) == 1
    with demo_db.reading() as session:
        saved = get_person(session, person_id)
    assert (saved.function, saved.phone) == ((shown.function or "") + "yz", "03 25 00 00 00")


def test_the_organisation_form_refuses_a_save_over_another_change(
    qtbot, demo_db, other, answered_messages
):
    window = DirectoryWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.organisations_tab)
    form = window.organisations_tab.form
    organisation_id = form.binder.record_id
    with other.transaction() as session:
        set_organisation_field(session, organisation_id, "acronym", "XYZ")
    form.notes.setFocus()
    qtbot.keyClicks(form.notes, "n")
    assert len(answered_messages.errors) == 1
    assert answered_messages.errors[0].startswith("Cet organisme a été modifié sur un autre")
    assert "→ « XYZ »" in answered_messages.errors[0]
    assert form.acronym.text() == "XYZ"
    with demo_db.reading() as session:
        assert get_organisation(session, organisation_id).acronym == "XYZ"


def test_the_participants_page_refuses_a_tick_over_another_change(
    qtbot, demo_db, other, stack, answered_messages
):
    page = ParticipantsPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, stack)
    page.show()
    row = page.selected_row()
    with other.transaction() as session:
        set_note(session, row.id, "Arrivera en retard")
    page.toggle_present()
    assert len(answered_messages.errors) == 1
    message = answered_messages.errors[0]
    assert message.startswith(f"La présence de {row.name} a été modifiée sur un autre poste")
    assert "Note : " in message and "→ « Arrivera en retard »" in message
    assert page.selected_row().note == "Arrivera en retard"
    with demo_db.reading() as session:
        assert list_attendance(session, 1)[0].status is row.status
    page.toggle_present()  # on the version now shown
    page.toggle_present()
    stack.undo()
    assert len(answered_messages.errors) == 1
    with demo_db.reading() as session:
        saved = list_attendance(session, 1)[0]
    assert saved.note == "Arrivera en retard"
    assert (saved.status is AttendanceStatus.PRESENT) == (
        row.status is not AttendanceStatus.PRESENT
    )
