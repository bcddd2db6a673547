"""Ctrl+F in the main window: type, see the meetings found, open one with Entrée."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from clu_desktop.gui.main_window import MainWindow
from clu_desktop.gui.models.search_model import SearchResultsModel, as_html, heading
from clu_desktop.gui.pages import Page
from clu_desktop.services.search import TOO_SHORT, SearchHit


class QuietPage(QWidget):
    def show_meeting(self, meeting_id, stack) -> None:
        self.meeting_id = meeting_id


@pytest.fixture
def window(qtbot, demo_db, add_meeting):
    # A newer meeting, selected at start: the search must open the demo's (id 1).
    add_meeting("Séance de printemps des usagers", dt.date(2030, 4, 1))
    window = MainWindow(demo_db, pages=lambda _db: [Page("&Séance", QuietPage())])
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    assert window.meeting_id != 1
    return window


HITS = [
    SearchHit(1, dt.date(2023, 12, 20), "CLU", "Séance <b>", "Participants", (("M. ", False),)),
    SearchHit(2, dt.date(2024, 1, 5), "CLU", "Autre", "Action", (("x ", False), ("BÉGUÉ", True))),
]


@pytest.mark.parametrize("count", [0, 1, 2])
def test_results_model_passes_the_model_tester(qtmodeltester, count):
    model = SearchResultsModel()
    model.set_rows(HITS[:count])
    qtmodeltester.check(model)


def test_the_rich_text_escapes_what_was_typed_and_bolds_the_matches():
    assert "Séance &lt;b&gt;" in as_html(HITS[0])
    assert "<b>BÉGUÉ</b>" in as_html(HITS[1])


def test_the_heading_names_the_committee_once():
    assert heading(HITS[1]) == "05/01/2024 — Autre (CLU)"
    named = SearchHit(3, dt.date(2024, 1, 5), "CLU Nord", "CLU Nord — séance 4", "Action", ())
    assert heading(named) == "05/01/2024 — CLU Nord — séance 4"


def type_search(qtbot, window, text: str) -> None:
    qtbot.keyClick(window.navigator, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search.field
    qtbot.keyClicks(window.search.field, text)


def test_ctrl_f_type_then_entree_opens_the_meeting(qtbot, window):
    type_search(qtbot, window, "begue")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)
    assert window.search.stack.currentIndex() == 1  # the results, in the navigator's place
    hit = window.search.model.hit(0)
    assert (hit.meeting_id, hit.date) == (1, dt.date(2023, 12, 20))
    assert window.search.status.text() == "1 séance trouvée :"
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.meeting_id == 1


def test_entree_right_after_typing_searches_at_once(qtbot, window):
    type_search(qtbot, window, "BÉGUÉ")
    qtbot.keyClick(window.search.field, Qt.Key.Key_Return)  # before the typing pause ends
    assert window.meeting_id == 1


def test_down_then_entree_or_double_click_opens_a_result(qtbot, window):
    type_search(qtbot, window, "usagers")  # both meetings' committee title
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 2)
    qtbot.keyClick(window.search.field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.search.results
    qtbot.keyClick(window.search.results, Qt.Key.Key_Down)
    qtbot.keyClick(window.search.results, Qt.Key.Key_Return)
    assert window.meeting_id == 1
    view = window.search.results
    rect = view.visualRect(window.search.model.index(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.meeting_id == 1  # one click only chooses
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.meeting_id == window.search.model.hit(0).meeting_id != 1


def test_a_too_short_query_is_said_under_the_field_and_escape_shows_the_meetings(
    qtbot, window, answered_messages
):
    type_search(qtbot, window, "a")
    qtbot.waitUntil(lambda: window.search.status.text() == TOO_SHORT)
    assert answered_messages.errors == []  # no dialog while typing
    qtbot.keyClick(window.search.field, Qt.Key.Key_Escape)
    assert window.search.field.text() == ""
    assert window.search.stack.currentIndex() == 0
    assert window.search.stack.currentWidget() is window.navigator


def test_nothing_found_says_so(qtbot, window):
    type_search(qtbot, window, "zzyzzx")
    qtbot.waitUntil(lambda: window.search.stack.currentIndex() == 1)
    assert window.search.status.text() == "Aucune séance ne contient ces mots."
    assert window.search.model.rowCount() == 0


def test_tab_goes_from_the_field_to_the_meetings_or_the_results(qtbot, window):
    window.search.focus_field()
    qtbot.keyClick(window.search.field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.navigator
    type_search(qtbot, window, "begue")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1)
    window.search.focus_field()
    qtbot.keyClick(window.search.field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.search.results


def test_a_database_error_is_said_under_the_field(qtbot, window, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from clu_desktop.gui import search_panel

    def failing(*_args):
        raise OperationalError("SELECT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(search_panel, "search_meetings", failing)
    type_search(qtbot, window, "begue")
    qtbot.waitUntil(lambda: "server closed the connection" in window.search.status.text())
    assert window.search.status.text().startswith("La recherche n'a pas pu lire la base")
