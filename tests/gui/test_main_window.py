"""The main window and its meeting model, offscreen."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from clu_desktop import __version__
from clu_desktop.app import EXIT_AFTER_SHOW_ENV, WINDOW_SHOWN_MARKER, exit_after_show_delay
from clu_desktop.domain import MeetingStatus
from clu_desktop.errors import UserError
from clu_desktop.gui.main_window import EMPTY_STATE_TEXT, NO_SELECTION_TEXT, MainWindow
from clu_desktop.gui.models.meetings_model import MEETING_ID_ROLE, MeetingListModel
from clu_desktop.services.meetings import MeetingSummary

SUMMARIES = [
    MeetingSummary(3, dt.date(2024, 3, 14), "CLU Nord", "Séance plénière", MeetingStatus.HELD),
    MeetingSummary(
        2, dt.date(2023, 11, 5), "CLU Sud", "Point d'étape", MeetingStatus.MINUTES_SIGNED
    ),
    MeetingSummary(1, dt.date(2023, 1, 9), "CLU Nord", "Installation", MeetingStatus.PLANNED),
]


def column_texts(model, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


@pytest.fixture
def open_window(qtbot, db):
    def open_() -> MainWindow:
        window = MainWindow(db)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    return open_


@pytest.mark.parametrize("count", [0, 1, 3])
def test_model_passes_the_model_tester(qtmodeltester, count):
    model = MeetingListModel()
    model.set_rows(SUMMARIES[:count])
    qtmodeltester.check(model)
    model.set_rows(SUMMARIES)  # a reset, watched by the tester
    model.set_rows([])


def test_model_shows_french_dates_and_labels():
    model = MeetingListModel()
    model.set_rows(SUMMARIES)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Date", "Comité", "Intitulé", "Statut"]
    assert column_texts(model, 1) == [
        "05/11/2023",
        "CLU Sud",
        "Point d'étape",
        "Compte-rendu signé",
    ]
    assert model.index(1, 2).data(MEETING_ID_ROLE) == 2
    assert model.row_of(1) == 2
    assert model.row_of(99) is None


def test_empty_database_shows_the_french_empty_state(open_window, db):
    window = open_window()
    assert window.windowTitle() == f"CLU Desktop — {db.description}"
    assert window.meeting_model.rowCount() == 0
    assert window.details.currentWidget() is window.message_label
    assert window.message_label.text() == EMPTY_STATE_TEXT
    assert window.message_label.isVisible()
    assert window.location_label.text() == f"Données\u00a0: {db.description}"
    assert window.count_label.text() == "Aucune séance"
    assert window.selected_meeting_id() is None


def test_navigator_lists_meetings_newest_first_and_shows_the_newest(open_window, add_meeting):
    newest = add_meeting(
        "Séance plénière du printemps", dt.date(2024, 3, 14), status=MeetingStatus.HELD
    )
    older = add_meeting("Réunion d'installation", dt.date(2023, 11, 5), committee="CLU Sud")
    window = open_window()

    model = window.navigator.model()
    assert model.rowCount() == 2
    assert column_texts(model, 0) == [
        "14/03/2024",
        "Comité local des usagers",
        "Séance plénière du printemps",
        "Tenue",
    ]
    assert column_texts(model, 1) == ["05/11/2023", "CLU Sud", "Réunion d'installation", "Prévue"]
    assert window.count_label.text() == "2 séances"

    assert window.selected_meeting_id() == newest
    panel = window.summary_panel
    assert window.details.currentWidget() is panel
    assert panel.title_label.text() == "Séance plénière du printemps"
    assert panel.date_label.text() == "jeudi 14 mars 2024"
    assert panel.committee_label.text() == "Comité local des usagers"
    assert panel.status_label.text() == "Tenue"

    window.select_row(1)
    assert window.selected_meeting_id() == older
    assert panel.title_label.text() == "Réunion d'installation"
    assert panel.date_label.text() == "dimanche 5 novembre 2023"

    window.refresh()  # keeps the selected meeting
    assert window.selected_meeting_id() == older

    window.navigator.clearSelection()
    assert window.details.currentWidget() is window.message_label
    assert window.message_label.text() == NO_SELECTION_TEXT


def test_window_shows_the_demonstration_meeting(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    assert window.meeting_model.rowCount() == 1
    assert window.meeting_model.index(0, 0).data() == "20/12/2023"
    assert window.summary_panel.date_label.text() == "mercredi 20 décembre 2023"


def test_unreadable_meetings_show_a_french_error(qtbot, db):
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE meeting")
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.meeting_model.rowCount() == 0
    assert window.details.currentWidget() is window.message_label
    assert window.message_label.text().startswith("Impossible de lire les séances de la base")


def test_main_widgets_have_accessible_names(open_window):
    window = open_window()
    for widget in (window.navigator, window.details, window.summary_panel, window.location_label):
        assert widget.accessibleName()


def test_ctrl_q_closes_the_window(open_window, qtbot):
    window = open_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_about_box_names_the_version(open_window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda *args: shown.append(args))
    window = open_window()
    window.about_action.trigger()
    ((parent, title, text),) = shown
    assert parent is window
    assert title == "À propos de CLU Desktop"
    assert __version__ in text


def test_exit_after_show_delay_is_read_from_the_environment():
    assert exit_after_show_delay({}) is None
    assert exit_after_show_delay({EXIT_AFTER_SHOW_ENV: "250"}) == 250
    with pytest.raises(UserError, match="millisecondes"):
        exit_after_show_delay({EXIT_AFTER_SHOW_ENV: "bientôt"})


SCRIPT = """
import sys
from clu_desktop.app import run_gui
from clu_desktop.store.migrate import open_database

assert "PySide6" not in sys.modules, "importing clu_desktop.app loaded Qt"
sys.exit(run_gui(open_database(sys.argv[1])))
"""


def test_run_gui_shows_the_window_then_quits_by_itself(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_SHOW_ENV: "100"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "clu.sqlite")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [WINDOW_SHOWN_MARKER]
