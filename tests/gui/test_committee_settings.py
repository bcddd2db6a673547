"""The record settings of a committee in the directory's "Comités" tab: saved as made,
undone with the window's Ctrl+Z, a quorum not understood refused in French."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from clu_desktop.domain import Numbering, PresenterStyle
from clu_desktop.gui.directory import DirectoryWindow
from clu_desktop.services.meetings.record import RecordSettings, get_record_settings

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, demo_db):
    window = DirectoryWindow(demo_db)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(2)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


@pytest.fixture
def box(window):
    tab = window.committees_tab
    assert tab.current_id() is not None  # the demo's committee is selected
    return tab.settings


def settings(db, window) -> RecordSettings:
    with db.reading() as session:
        return get_record_settings(session, window.committees_tab.current_id())


def retype(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(widget, text)


def test_the_settings_are_saved_as_made_and_undone(qtbot, window, box, demo_db):
    box.votes.setFocus()
    qtbot.keyClick(box.votes, Qt.Key.Key_Space)
    assert settings(demo_db, window).votes is True
    retype(qtbot, box.quorum, "1 / 2")
    assert settings(demo_db, window).quorum is None  # saved when left: "1" is not a quorum
    qtbot.keyClick(box.quorum, Qt.Key.Key_Tab)
    assert settings(demo_db, window).quorum == "1/2"
    assert box.quorum.text() == "1/2"
    retype(qtbot, box.members_in_office, "70")
    qtbot.keyClick(box.members_in_office, Qt.Key.Key_Return)
    assert settings(demo_db, window).members_in_office == 70
    box.proxy_limit.setFocus()
    qtbot.keyClick(box.proxy_limit, Qt.Key.Key_Up)
    assert settings(demo_db, window).proxy_limit == 2
    box.presenter_style.setFocus()
    qtbot.keyClick(box.presenter_style, Qt.Key.Key_Down)
    assert settings(demo_db, window).presenter_style is PresenterStyle.RAPPORTEUR
    box.numbering.setFocus()  # the demo CLU: bullets, last of the list
    qtbot.keyClick(box.numbering, Qt.Key.Key_Up)
    assert settings(demo_db, window).numbering is Numbering.ROMAN
    assert box.numbering.currentText() == "I., II., II.1."

    qtbot.keyClick(box.numbering, Qt.Key.Key_Z, CTRL)
    assert settings(demo_db, window).numbering is Numbering.BULLETS
    assert box.numbering.currentText() == "• puces, sans numéro"
    for _ in range(3):  # presenter, proxies, members in office
        window.undo_stack.undo()
    saved = settings(demo_db, window)
    assert (saved.members_in_office, saved.quorum) == (None, "1/2")
    assert box.members_in_office.text() == "non précisé"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert settings(demo_db, window).votes is False
    assert not box.votes.isChecked()


def test_a_quorum_not_understood_is_refused_in_french(
    qtbot, box, window, demo_db, answered_messages
):
    retype(qtbot, box.quorum, "36")
    qtbot.keyClick(box.quorum, Qt.Key.Key_Tab)
    assert settings(demo_db, window).quorum == "36"
    retype(qtbot, box.quorum, "la moitie")
    qtbot.keyClick(box.quorum, Qt.Key.Key_Tab)
    assert answered_messages.errors == [
        "« Quorum » : « la moitie » n'est pas compris. Tapez un nombre de membres (36) ou "
        "une fraction des membres en exercice (1/2 pour plus de la moitié)."
    ]
    assert box.quorum.text() == "36"
    assert settings(demo_db, window).quorum == "36"
    retype(qtbot, box.quorum, "3/2")
    qtbot.keyClick(box.quorum, Qt.Key.Key_Tab)
    assert answered_messages.errors[-1] == (
        "« Quorum » : la fraction doit être entre 0 et 1, par exemple 1/2 ou 1/3."
    )
    assert settings(demo_db, window).quorum == "36"


def test_the_settings_have_labels_mnemonics_and_tab_order(qtbot, window, box):
    labels = {label.buddy(): label.text() for label in box.findChildren(QLabel) if label.buddy()}
    for widget in (box.quorum, box.members_in_office, box.proxy_limit):
        assert "&" in labels[widget]
    for widget in box.tab_order():
        assert widget.accessibleName()
    assert box.votes.text() == "Le comité vote (pouvoirs, votants, déli&bérations)"
    tab, chain = window.committees_tab, []
    tab.acronym.setFocus()
    for _ in range(len(box.tab_order()) + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        chain.append(QApplication.focusWidget())
    assert chain == [*box.tab_order(), tab.members]
