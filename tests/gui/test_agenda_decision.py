"""The deliberation of an agenda item (decision text, unanimity or a vote with its
figures and names), and the items numbered as the committee numbers them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from clu_desktop.domain import (
    AttendanceStatus,
    Committee,
    CommitteeMember,
    Meeting,
    Organisation,
    Person,
    VoteChoice,
    VoteResult,
)
from clu_desktop.gui.agenda import AgendaPage
from clu_desktop.services.agenda.items import add_item
from clu_desktop.services.attendance.invitations import invite_standing_members
from clu_desktop.services.meetings.record import Decision, get_decision, set_record_setting

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NAMES = [("M.", "Bernard", "Guy"), ("M.", "Abderrazak", "Dorafi"), ("Mme", "Nathalie", "Simon")]


@pytest.fixture
def meeting_id(db, add_meeting):
    """Three members invited: two present, one absent (two votants); two items, the
    second with a sub-item."""
    meeting_id = add_meeting("CLU de juin", dt.date(2024, 6, 12))
    with db.transaction() as session:
        amf = Organisation(name="Association des Maires")
        committee = session.scalar(select(Committee))
        for position, (civility, first, last) in enumerate(NAMES):
            person = Person(civility=civility, first_name=first, last_name=last, organisation=amf)
            committee.members.append(CommitteeMember(person=person, position=position))
        session.flush()
        invite_standing_members(session, meeting_id)
        meeting = session.get(Meeting, meeting_id)
        for invitation, status in zip(
            meeting.invitations,
            (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.ABSENT),
            strict=True,
        ):
            invitation.status = status
        add_item(session, meeting_id, "Approbation du compte-rendu")
        second = add_item(session, meeting_id, "Budget")
        add_item(session, meeting_id, "Investissements", parent_id=second)
    return meeting_id


@pytest.fixture
def page(qtbot, db, meeting_id, stack):
    widget = AgendaPage(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show_meeting(meeting_id, stack)
    widget.item_panel.tabs.setCurrentWidget(widget.item_panel.decision)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def decision_of(db, page) -> Decision:
    with db.reading() as session:
        return get_decision(session, page.selected_item_id())


def choose_result(qtbot, panel, index: int) -> None:
    """Choose in the « Vote » list with the keyboard."""
    combo = panel.result_combo
    combo.setFocus()
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def type_figure(qtbot, spin, text: str) -> None:
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_the_panel_says_the_votants(page):
    panel = page.item_panel.decision
    assert panel.voters_label.text() == "Votants\u00a0: 2 (présents et pouvoirs)"
    assert panel.result_combo.currentText() == "Pas de vote"
    assert not panel.spins[VoteChoice.FOR].isEnabled()
    assert page.item_panel.tabs.tabText(2) == "Délibération"


def test_unanimity_is_saved_and_undone(qtbot, page, db, stack):
    panel = page.item_panel.decision
    choose_result(qtbot, panel, 1)
    assert decision_of(db, page) == Decision(result=VoteResult.UNANIMOUS)
    assert panel.result_combo.currentText() == "Adopté à l'unanimité"
    assert page.item_panel.tabs.tabText(2) == "Délibération (unanimité)"
    assert stack.undoText() == "Changer le vote du point"
    qtbot.keyClick(panel.result_combo, Qt.Key.Key_Z, CTRL)
    assert decision_of(db, page) == Decision()
    assert panel.result_combo.currentText() == "Pas de vote"


def test_the_decision_text_is_saved_as_typed_in_one_undo_step(qtbot, page, db, stack):
    text = page.item_panel.decision.text_edit
    text.setFocus()
    qtbot.keyClicks(text, "Le bureau approuve le rapport.")
    assert decision_of(db, page).text == "Le bureau approuve le rapport."
    assert stack.count() == 1
    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL)
    assert decision_of(db, page).text is None
    assert text.toPlainText() == ""


def test_a_vote_over_the_votants_is_refused_in_french(qtbot, page, db, answered_messages):
    panel = page.item_panel.decision
    choose_result(qtbot, panel, 2)
    assert decision_of(db, page).result is VoteResult.VOTE
    type_figure(qtbot, panel.spins[VoteChoice.FOR], "2")
    assert decision_of(db, page).votes_for == 2
    type_figure(qtbot, panel.spins[VoteChoice.AGAINST], "1")  # 3 voix pour 2 votants
    assert answered_messages.errors == [
        "« Vote » : le vote compte 3 voix pour 2 votants (présents et pouvoirs) : corrigez "
        "les voix, ou pointez d'abord les présents et les pouvoirs."
    ]
    saved = decision_of(db, page)
    assert (saved.votes_for, saved.votes_against) == (2, 0)
    assert panel.spins[VoteChoice.AGAINST].value() == 0  # back to the saved value


def test_members_are_named_in_a_vote(qtbot, page, db, answered_messages):
    panel = page.item_panel.decision
    choose_result(qtbot, panel, 2)
    type_figure(qtbot, panel.spins[VoteChoice.FOR], "1")
    type_figure(qtbot, panel.spins[VoteChoice.AGAINST], "1")
    qtbot.mouseClick(panel.name_buttons[VoteChoice.AGAINST], Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog.windowTitle() == "Membres nommés « Contre »"
    dialog.model.setData(dialog.model.index(2, 0), Qt.CheckState.Checked, Qt.CheckStateRole)
    dialog.accept()
    saved = decision_of(db, page)
    assert len(saved.named(VoteChoice.AGAINST)) == 1
    assert panel.names_labels[VoteChoice.AGAINST].text() == "Mme Nathalie SIMON"

    # Two names for one vote « Pour »: refused, the dialog stays open.
    qtbot.mouseClick(panel.name_buttons[VoteChoice.FOR], Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert not dialog.model.flags(dialog.model.index(2, 0)) & Qt.ItemFlag.ItemIsEnabled
    for row in (0, 1):
        dialog.model.setData(dialog.model.index(row, 0), Qt.CheckState.Checked, Qt.CheckStateRole)
    dialog.accept()
    assert answered_messages.errors == ["« Vote » : 2 personnes nommées « Pour » pour 1 voix."]
    assert dialog.isVisible()
    assert decision_of(db, page).named(VoteChoice.FOR) == ()
    dialog.reject()

    # Back to no vote: the figures and the names go, the text stays.
    choose_result(qtbot, panel, 0)
    assert decision_of(db, page) == Decision()


def test_after_a_decision_the_title_still_saves(qtbot, page, db, answered_messages):
    panel = page.item_panel.decision
    choose_result(qtbot, panel, 1)
    title = page.item_panel.fields.title_edit
    title.setFocus()
    qtbot.keyClicks(title, " 2024")
    assert answered_messages.errors == []
    assert page.model.index(0, 0).data() == "1. Approbation du compte-rendu 2024"


def test_the_committee_numbering_and_rapporteur_show_in_the_agenda(qtbot, db, meeting_id, stack):
    with db.transaction() as session:
        committee_id = session.get(Meeting, meeting_id).committee_id
        set_record_setting(session, committee_id, "numbering", "roman")
        set_record_setting(session, committee_id, "presenter_style", "rapporteur")
    page = AgendaPage(db)
    qtbot.addWidget(page)
    page.show_meeting(meeting_id, stack)
    budget = page.model.index(1, 0)
    assert [page.model.index(0, 0).data(), budget.data()] == [
        "I. Approbation du compte-rendu",
        "II. Budget",
    ]
    assert page.model.index(0, 0, budget).data() == "II.1. Investissements"
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Rapporteur"
    assert page.item_panel.fields.presenter_label.text() == "&Rapporteur\u00a0:"


def test_the_deliberation_is_reached_with_the_keyboard(qtbot, page):
    panel = page.item_panel.decision
    panel.text_edit.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_E, ALT)
    assert panel.result_combo.hasFocus()
    order = page.item_panel.tab_order()
    assert order.index(panel.text_edit) < order.index(panel.result_combo)
    assert order.index(panel.result_combo) < order.index(panel.spins[VoteChoice.FOR])
