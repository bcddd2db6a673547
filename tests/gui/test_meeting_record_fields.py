"""The "Séance" page's fields of the official record: the convocation and publication
dates, and the secretaries of the session chosen among the people invited."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from clu_desktop.domain import MeetingStatus
from clu_desktop.gui.common.checklist import CheckListModel
from clu_desktop.gui.meeting.page import MeetingPage
from clu_desktop.services.attendance.invitations import list_invitations, remove_invitations
from clu_desktop.services.meetings.details import get_meeting_details
from clu_desktop.services.meetings.record import meeting_record, secretary_ids

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, demo_db, stack):
    widget = MeetingPage(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show_meeting(1, stack)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def saved(db):
    with db.reading() as session:
        return get_meeting_details(session, 1)


def secretaries(db):
    with db.reading() as session:
        return secretary_ids(session, 1), meeting_record(session, 1).secretaries


def test_typing_a_convocation_date_saves_it_and_undo_restores(qtbot, page, demo_db, stack):
    edit = page.form.convocation_edit
    assert edit.text() == "non précisée"
    edit.setFocus()
    qtbot.keyClicks(edit, "05122023")
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert saved(demo_db).convocation_date == dt.date(2023, 12, 5)
    assert stack.undoText() == "Modifier « Date de convocation »"
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert saved(demo_db).convocation_date is None
    assert edit.text() == "non précisée"
    qtbot.keyClick(edit, Qt.Key.Key_Y, CTRL)
    assert saved(demo_db).convocation_date == dt.date(2023, 12, 5)
    assert edit.text() == "05/12/2023"


def test_the_publication_date_is_typed_then_cleared(qtbot, page, demo_db):
    edit = page.form.publication_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "10042024")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert saved(demo_db).publication_date == dt.date(2024, 4, 10)
    qtbot.mouseClick(page.form.publication_clear, Qt.MouseButton.LeftButton)
    assert saved(demo_db).publication_date is None
    assert edit.text() == "non précisée"


def tick(qtbot, view, row: int) -> None:
    """Tick a row of a check list with the keyboard, as a user would."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Space)


def test_choosing_two_secretaries_saves_them_and_undo_takes_them_back(qtbot, page, demo_db, stack):
    view, model = page.form.secretaries_view, page.form.secretaries_model
    people = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert people[:2] == ["M. Guillaume THIRARD", "M. Bernard GUY"]  # the invitation order
    assert page.form.secretaries.summary.text() == "Aucun secrétaire de séance choisi."
    tick(qtbot, view, 3)
    tick(qtbot, view, 1)
    ids, names = secretaries(demo_db)
    assert names == ("M. Bernard GUY", "Mme Nathalie SIMON")  # printed in invitation order
    assert len(ids) == 2
    assert page.form.secretaries.summary.text() == (
        "Secrétaire(s) de séance\u00a0: M. Bernard GUY, Mme Nathalie SIMON"
    )
    assert stack.count() == 2
    stack.undo()
    assert secretaries(demo_db)[1] == ("Mme Nathalie SIMON",)
    assert model.checked_ids() == [model.index(3, 0).data(Qt.ItemDataRole.UserRole)]
    tick(qtbot, view, 3)  # unticked: no secretary any more
    assert secretaries(demo_db) == ([], ())


def test_people_withdrawn_elsewhere_leave_the_list_when_the_page_is_shown(qtbot, page, demo_db):
    model = page.form.secretaries_model
    count = model.rowCount()
    with demo_db.transaction() as session:
        (first, *_rest) = list_invitations(session, 1)
        remove_invitations(session, [first.id])
    page.hide()
    page.show()
    assert model.rowCount() == count - 1
    assert model.index(0, 0).data() == "M. Bernard GUY"


def test_signed_minutes_freeze_the_new_fields(qtbot, signed_demo_db, stack):
    page = MeetingPage(signed_demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, stack)
    assert saved(signed_demo_db).status is MeetingStatus.MINUTES_SIGNED
    form = page.form
    assert form.convocation_edit.isReadOnly() and form.publication_edit.isReadOnly()
    assert not form.secretaries_view.isEnabled()
    assert not form.convocation_clear.isEnabled()


def test_the_new_fields_have_labels_and_french_names(page):
    labels = {label.buddy(): label.text() for label in page.form.findChildren(QLabel)}
    form = page.form
    assert labels[form.convocation_edit] == "Date de con&vocation\u00a0:"
    assert labels[form.publication_edit] == "Affiché / pu&blié le\u00a0:"
    assert labels[form.secretaries_view] == "Secrétaire(s) de séance\u00a0:"  # Alt+C: Documents
    for widget in (form.convocation_clear, form.publication_clear, form.secretaries_view):
        assert widget.accessibleName()
    order = form.editors
    assert order.index(form.date_edit) < order.index(form.convocation_edit)
    assert order.index(form.chair_combo) < order.index(form.secretaries_view)


def test_the_check_list_model_passes_the_model_tester(qtmodeltester):
    model = CheckListModel()
    model.set_rows([(1, "M. Bernard GUY"), (2, "Mme Nathalie SIMON")])
    model.set_checked([2])
    qtmodeltester.check(model)
    assert model.checked_ids() == [2]
