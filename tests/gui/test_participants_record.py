"""The Participants page and the record: « pouvoir à » an invited member or « suppléé
par » anyone, the counts with pouvoirs, votants and the quorum, the points to check shown
without ever stopping the typing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QUndoStack

from clu_desktop.domain import AttendanceStatus, Representation
from clu_desktop.gui import colours
from clu_desktop.gui.participants import commands
from clu_desktop.gui.participants.model import DEPUTY
from clu_desktop.gui.participants.page import ParticipantsPage
from clu_desktop.services.attendance.presence import list_attendance, set_represented
from clu_desktop.services.directory.people import add_person
from clu_desktop.services.meetings.record import set_record_setting

P, R = AttendanceStatus, Representation
CTRL = Qt.KeyboardModifier.ControlModifier
# A completion popup is a real popup window: the offscreen platform says it can neither
# raise it nor grab the keyboard for it. Only these two platform notices are ignored.
offscreen_popup = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)


def settings(db, **values) -> None:
    """The demo committee's record settings (votes, quorum, members in office…)."""
    with db.transaction() as session:
        for field, value in values.items():
            set_record_setting(session, 1, field, value)


@pytest.fixture
def open_page(show_page, demo_db):
    def open_(meeting_id: int = 1) -> ParticipantsPage:
        page = ParticipantsPage(demo_db)
        page.stack = QUndoStack(page)
        return show_page(page, meeting_id, page.stack)

    return open_


def saved(db, text, meeting_id=1):
    with db.reading() as session:
        (row,) = [r for r in list_attendance(session, meeting_id) if text in r.name]
    return row


def list_attendance_of(db, meeting_id=1):
    with db.reading() as session:
        return list_attendance(session, meeting_id)


def select(page, text):
    (row,) = [r for r in page.model.rows() if text in r.name]
    page.select(row.id)
    return row


def plain(label) -> str:
    return label.text().replace("\u00a0", " ")


def deputy_shown(page, text) -> str:
    row = page.model.row_of(select(page, text).id)
    return page.model.index(row, DEPUTY).data()


def type_deputy(page, qtbot, text, choose: bool = False):
    """Type ``text`` in the deputy field; ``choose`` the first person proposed, else press
    Entrée on the text typed."""
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


def test_a_committee_that_neither_votes_nor_has_a_quorum_shows_the_counts_only(open_page):
    page = open_page()
    assert plain(page.counts_label) == (
        "Présents : 14 · Excusés : 1 · Représentés : 0 · Absents : 0 · "
        "Sans réponse : 0 · Attendus : 14"
    )
    assert page.record_label.isHidden() and page.quorum_label.isHidden()
    assert page.warnings.isHidden()  # the demo adds up
    assert page.editor.kind_combo.currentText() == "suppléé par"


@offscreen_popup
def test_a_proxy_is_chosen_among_the_invited_and_counted(open_page, demo_db, qtbot):
    settings(demo_db, votes=True)
    page = open_page()
    assert plain(page.record_label) == "Pouvoirs : 0 · Votants : 14"
    select(page, "GUY")
    page.editor.status_combo.set_current_id(P.REPRESENTED)
    kind = page.editor.kind_combo
    assert kind.hasFocus() and kind.currentText() == "pouvoir à"  # the committee votes
    qtbot.keyClick(kind, Qt.Key.Key_Tab)
    deputy = page.editor.deputy_combo
    assert deputy.hasFocus() and deputy.accessibleName() == "Pouvoir donné à"
    offered = [deputy.itemText(i) for i in range(deputy.count())]
    assert len(offered) == 14  # the people invited, but not himself
    assert not any("GUY" in label for label in offered)
    type_deputy(page, qtbot, "dorafi", choose=True)
    guy = saved(demo_db, "GUY")
    assert (guy.status, guy.representation, guy.represented_by) == (
        P.REPRESENTED,
        R.PROXY,
        "M. Abderrazak DORAFI",
    )
    assert deputy_shown(page, "GUY") == "pouvoir à M. Abderrazak DORAFI"
    assert "Présents : 13 · Excusés : 1 · Représentés : 1" in plain(page.counts_label)
    assert plain(page.record_label) == "Pouvoirs : 1 · Votants : 14"  # 13 present + 1
    assert page.warnings.isHidden()
    assert page.stack.count() == 1
    page.stack.undo()
    assert saved(demo_db, "GUY").status is P.PRESENT
    assert plain(page.record_label) == "Pouvoirs : 0 · Votants : 14"


@offscreen_popup
def test_a_proxy_to_someone_not_invited_is_refused(open_page, demo_db, qtbot, answered_messages):
    with demo_db.transaction() as session:
        add_person(session, "QUIDAM", first_name="Xavier", civility="M.")
    settings(demo_db, votes=True)
    page = open_page()
    select(page, "GUY")
    assert page.editor.kind_combo.currentText() == "pouvoir à"
    type_deputy(page, qtbot, "M. Xavier QUIDAM")  # in the directory, not invited
    assert answered_messages.errors == [
        "« Représenté par » : un pouvoir se donne à un membre invité à la séance : "
        "invitez d'abord la personne qui le reçoit."
    ]
    type_deputy(page, qtbot, "Mme Jeanne DURAND")  # a name typed
    assert answered_messages.errors[1].endswith("(un nom tapé ne suffit pas).")
    type_deputy(page, qtbot, "M. Bernard GUY (Association des Maires de la Haute-Marne)")
    assert answered_messages.errors[2] == (
        "« Représenté par » : une personne ne peut pas se donner pouvoir à elle-même."
    )
    assert saved(demo_db, "GUY").status is P.PRESENT
    assert page.stack.count() == 0
    assert page.editor.deputy_combo.currentText() == ""  # back to what is saved


@offscreen_popup
def test_a_substitute_may_be_anyone_and_reads_so(open_page, demo_db, qtbot):
    settings(demo_db, votes=True)
    page = open_page()
    select(page, "SIMON")
    page.editor.kind_combo.set_current_id(R.SUBSTITUTE)  # the user picks the other kind
    assert page.editor.deputy_combo.hasFocus()
    assert "suppléant" in page.editor.hint.text()
    assert saved(demo_db, "SIMON").status is P.PRESENT  # nothing saved yet
    type_deputy(page, qtbot, "Mme Jeanne DURAND")
    simon = saved(demo_db, "SIMON")
    assert (simon.representation, simon.represented_by) == (R.SUBSTITUTE, "Mme Jeanne DURAND")
    assert deputy_shown(page, "SIMON") == "suppléée par Mme Jeanne DURAND"
    assert plain(page.record_label) == "Pouvoirs : 0 · Votants : 13"  # a substitute: no vote


@offscreen_popup
def test_the_kind_of_a_saved_representation_changes_when_its_deputy_fits(open_page, demo_db, qtbot):
    people = {r.name.split()[-1]: r for r in list_attendance_of(demo_db)}
    with demo_db.transaction() as session:
        set_represented(session, people["GUY"].id, person_id=people["DORAFI"].person_id)
        set_represented(session, people["SIMON"].id, name="Mme Jeanne DURAND")
    settings(demo_db, votes=True)
    page = open_page()
    select(page, "GUY")
    assert page.editor.kind_combo.currentText() == "suppléé par"
    page.editor.kind_combo.set_current_id(R.PROXY)  # DORAFI is invited: a proxy at once
    assert saved(demo_db, "GUY").representation is R.PROXY
    assert deputy_shown(page, "GUY") == "pouvoir à M. Abderrazak DORAFI"
    page.stack.undo()
    assert saved(demo_db, "GUY").representation is R.SUBSTITUTE
    select(page, "SIMON")
    page.editor.kind_combo.set_current_id(R.PROXY)  # a typed name cannot hold a proxy
    assert saved(demo_db, "SIMON").representation is R.SUBSTITUTE  # nothing saved yet
    assert page.editor.deputy_combo.currentText() == ""
    assert page.editor.hint.text().startswith("Choisissez parmi les invités")
    type_deputy(page, qtbot, "pierron", choose=True)
    simon = saved(demo_db, "SIMON")
    assert (simon.representation, simon.represented_by) == (R.PROXY, "M. Jean-Paul PIERRON")


def test_a_proxy_held_by_an_absent_member_is_a_warning_that_never_blocks(
    open_page, demo_db, qtbot, answered_messages, monkeypatch
):
    # Space records an arrival at the clock's time: at the start, so no « heure à vérifier »
    monkeypatch.setattr(commands, "_now", lambda: dt.time(14, 30))
    people = {r.name.split()[-1]: r for r in list_attendance_of(demo_db)}
    with demo_db.transaction() as session:
        set_represented(
            session,
            people["GUY"].id,
            person_id=people["PIERRON"].person_id,
            representation=R.PROXY,
        )
    settings(demo_db, votes=True)
    page = open_page()
    assert page.warnings.isHidden()
    select(page, "PIERRON")
    page.editor.status_combo.setFocus()
    page.editor.status_combo.set_current_id(P.ABSENT)  # saved at once, as ever
    assert saved(demo_db, "PIERRON").status is P.ABSENT
    assert page.warnings.isVisible()
    assert plain(page.warnings_label) == (
        "• M. Bernard GUY a donné pouvoir à M. Jean-Paul PIERRON, qui n'est pas présent "
        "(le pouvoir ne compte pas s'il n'est pas exercé)."
    )
    assert answered_messages.errors == answered_messages.questions == []  # nothing asked
    assert page.editor.status_combo.hasFocus()  # the typing goes on where it was
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Space)  # PIERRON comes after all
    assert page.warnings.isHidden()


def text_colour(label):
    return label.palette().color(QPalette.ColorRole.WindowText)


def test_the_quorum_reached_or_not_follows_each_tick(open_page, demo_db, qtbot):
    settings(demo_db, quorum="14")
    page = open_page()
    assert page.record_label.isHidden()  # neither votes nor members in office
    assert plain(page.quorum_label) == "Quorum : 14 — atteint"
    assert text_colour(page.quorum_label) == colours.on(colours.SUCCESS)
    select(page, "GUY")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Space)  # GUY unticked
    assert plain(page.quorum_label) == "Quorum : 14 — non atteint, il manque 1 présent"
    assert text_colour(page.quorum_label) == colours.on(colours.ERROR)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    assert plain(page.quorum_label) == "Quorum : 14 — atteint"


def test_a_quorum_as_a_fraction_of_the_members_in_office(open_page, demo_db):
    settings(demo_db, quorum="1/2", members_in_office=30)
    page = open_page()
    assert plain(page.record_label) == "Membres en exercice : 30"
    assert plain(page.quorum_label) == "Quorum : 16 — non atteint, il manque 2 présents"
    assert page.quorum_label.toolTip() == (
        "Plus de 1/2 des 30 membres en exercice : il faut au moins 16 présents "
        "(les pouvoirs ne comptent pas)."
    )
