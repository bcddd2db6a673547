"""The main window: the navigator, the meeting actions, undo, remembered state."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from clu_desktop import __version__
from clu_desktop.app import (
    EXIT_AFTER_SHOW_ENV,
    WINDOW_READY_MARKER,
    WINDOW_SHOWN_MARKER,
    exit_after_show_delay,
)
from clu_desktop.domain import MeetingStatus
from clu_desktop.errors import UserError
from clu_desktop.gui.main_window import MainWindow
from clu_desktop.gui.models.navigator_model import MEETING_ID_ROLE, MeetingTreeModel
from clu_desktop.gui.pages import Page
from clu_desktop.gui.participants.page import ParticipantsPage
from clu_desktop.services.attendance.invitations import list_invitations
from clu_desktop.services.meetings.listing import MeetingSummary, list_meetings

SUMMARIES = [
    MeetingSummary(3, dt.date(2024, 3, 14), "CLU Nord", "Séance plénière", MeetingStatus.HELD),
    MeetingSummary(
        2, dt.date(2023, 11, 5), "CLU Sud", "Point d'étape", MeetingStatus.MINUTES_SIGNED
    ),
    MeetingSummary(1, dt.date(2023, 1, 9), "CLU Nord", "Installation", MeetingStatus.PLANNED),
]


class RecordingPage(QWidget):
    """A page that remembers which meetings it was asked to show."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[int | None] = []
        self.label = QLabel(self)

    def show_meeting(self, meeting_id, stack) -> None:
        self.shown.append(meeting_id)


@pytest.fixture
def open_window(qtbot, db):
    def open_(database=db) -> MainWindow:
        def pages(d):
            return [
                Page("&Séance", RecordingPage()),
                Page("&Participants", ParticipantsPage(d)),
                Page("&Qualité", RecordingPage()),
            ]

        window = MainWindow(database, pages=pages)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    return open_


def meetings(db) -> list[MeetingSummary]:
    with db.reading() as session:
        return list_meetings(session)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_navigator_model_passes_the_model_tester(qtmodeltester, count):
    model = MeetingTreeModel()
    model.set_rows(SUMMARIES[:count])
    qtmodeltester.check(model)
    model.set_rows(SUMMARIES)
    model.set_rows([])


def test_navigator_groups_meetings_by_committee_newest_first():
    model = MeetingTreeModel()
    model.set_rows(SUMMARIES)
    committees = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert committees == ["CLU Nord", "CLU Sud"]
    north = model.index(0, 0)
    rows = [
        [model.index(r, c, north).data() for c in range(3)] for r in range(model.rowCount(north))
    ]
    assert rows == [
        ["14/03/2024", "Séance plénière", "Tenue"],
        ["09/01/2023", "Installation", "Prévue"],
    ]
    assert model.newest_index().data(MEETING_ID_ROLE) == 3


def test_the_frame_shows_while_the_base_opens_then_the_meetings(qtbot, demo_db):
    """The application shows its window before the database is open: the title says
    where the data is, nothing can be done with it yet; attached, the meetings show."""
    window = MainWindow(None, description="/dossier/clu.sqlite")
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.windowTitle() == "CLU Desktop — /dossier/clu.sqlite"
    assert window.statusBar().currentMessage() == "Ouverture de la base de données…"
    assert not window.new_action.isEnabled() and not window.directory_action.isEnabled()
    window.close()  # closing before the base is open saves the size and nothing else

    window = MainWindow(None, description=demo_db.description)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.attach(demo_db)
    assert window.meeting_id == 1
    assert window.new_action.isEnabled() and window.delete_action.isEnabled()
    assert "Ouverture" not in window.statusBar().currentMessage()
    assert window.count_label.text() == "1 séance"


def test_empty_database_disables_meeting_actions(open_window):
    window = open_window()
    assert window.count_label.text() == "Aucune séance"
    assert window.meeting_id is None
    assert not window.delete_action.isEnabled()
    assert window.pages[0].widget.shown == [None]


def test_selects_the_newest_meeting_and_only_the_visible_page_reads_it(open_window, add_meeting):
    add_meeting("Installation", dt.date(2023, 1, 9))
    newest = add_meeting("Séance plénière", dt.date(2024, 3, 14))
    window = open_window()
    assert window.meeting_id == newest
    assert window.pages[0].widget.shown[-1] == newest
    assert window.pages[2].widget.shown == []  # not visible yet: not read
    window.tabs.setCurrentIndex(2)
    assert window.pages[2].widget.shown == [newest]


def test_new_meeting_with_ctrl_n(open_window, qtbot, db):
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (created,) = meetings(db)
    assert window.meeting_id == created.id
    assert created.committee == "Comité local des usagers"
    assert window.count_label.text() == "1 séance"


def test_prepare_the_next_meeting(open_window, demo_db):
    window = open_window(demo_db)
    window.duplicate_action.trigger()
    rows = meetings(demo_db)
    assert len(rows) == 2
    assert window.meeting_id == max(r.id for r in rows)


def test_delete_asks_first(open_window, add_meeting, db, answered_messages):
    add_meeting("Installation", dt.date(2023, 1, 9))
    window = open_window()
    answered_messages.confirm_answer = False
    window.delete_action.trigger()
    assert len(meetings(db)) == 1
    assert "Installation" in answered_messages.questions[0]
    answered_messages.confirm_answer = True
    window.delete_action.trigger()
    assert meetings(db) == []
    assert window.meeting_id is None


def test_signed_minutes_are_not_deleted(open_window, demo_db, answered_messages):
    from clu_desktop.services.documents.signature import sign_minutes

    with demo_db.transaction() as session:
        sign_minutes(session, 1, "dupont")
    window = open_window(demo_db)
    window.delete_action.trigger()
    assert len(meetings(demo_db)) == 1
    assert "signé" in answered_messages.errors[0]


def test_invite_standing_members_then_undo_and_redo(open_window, demo_db, qtbot):
    window = open_window(demo_db)
    window.duplicate_action.trigger()
    meeting_id = window.meeting_id
    window.tabs.setCurrentIndex(1)
    page = window.pages[1].widget
    with demo_db.transaction() as session:
        from clu_desktop.services.attendance.invitations import remove_invitations

        remove_invitations(session, [r.id for r in list_invitations(session, meeting_id)])
    window.reload_pages()
    assert page.model.rowCount() == 0
    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 15
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with demo_db.reading() as session:
        assert list_invitations(session, meeting_id) == []
    assert page.model.rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == 15


def test_undo_belongs_to_each_meeting(open_window, demo_db):
    window = open_window(demo_db)
    first = window.meeting_id
    window.pages[1].widget.invite_standing_members()  # everyone is invited already
    window.duplicate_action.trigger()
    assert window.meeting_id != first
    assert not window.undo_action.isEnabled()


def test_window_remembers_the_meeting_and_the_tab(open_window, add_meeting, qtbot):
    older = add_meeting("Installation", dt.date(2023, 1, 9))
    add_meeting("Séance plénière", dt.date(2024, 3, 14))
    window = open_window()
    window.navigator.select_meeting(older)
    window.tabs.setCurrentIndex(2)
    window.resize(700, 500)
    window.close()
    again = open_window()
    assert again.meeting_id == older
    assert again.tabs.currentIndex() == 2
    assert (again.width(), again.height()) == (700, 500)


def test_main_widgets_have_accessible_names(open_window):
    window = open_window()
    for widget in (window.navigator, window.tabs, window.location_label, window.count_label):
        assert widget.accessibleName()


def test_ctrl_q_closes_the_window(open_window, qtbot):
    window = open_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_about_box_names_the_version(open_window, monkeypatch):
    from clu_desktop.gui.about import AboutDialog

    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog))
    window = open_window()
    window.about_action.trigger()
    (dialog,) = shown
    assert dialog.parent() is window
    assert dialog.windowTitle() == "À propos de CLU Desktop"
    assert dialog.ui.aboutTitle.text() == f"CLU Desktop {__version__}"
    assert dialog.ui.aboutData.text() == f"Données\u00a0: {window._description}"


def test_exit_after_show_delay_is_read_from_the_environment():
    assert exit_after_show_delay({}) is None
    assert exit_after_show_delay({EXIT_AFTER_SHOW_ENV: "250"}) == 250
    with pytest.raises(UserError, match="millisecondes"):
        exit_after_show_delay({EXIT_AFTER_SHOW_ENV: "bientôt"})


SCRIPT = """
import json
import sys
import threading
from clu_desktop.cli import main

HEAVY = ("numpy", "pypdfium2", "pyqtgraph", "reportlab", "sqlalchemy")


def loaded():
    return json.dumps(sorted(m for m in HEAVY if m in sys.modules))


class Spy:
    \"\"\"Writes what is printed, with the heavy modules loaded when the marker is.\"\"\"

    def __init__(self, out):
        self.out = out

    def write(self, text):
        for marker in ("window-shown", "window-ready"):
            text = text.replace(marker, f"{marker} {loaded()}")
        return self.out.write(text)

    def flush(self):
        self.out.flush()


assert "PySide6" not in sys.modules, "importing clu_desktop.cli loaded Qt"
sys.stdout = Spy(sys.stdout)
code = main(["--db", sys.argv[1]])
for thread in threading.enumerate():
    if thread.name == "clu-preload":
        thread.join()
sys.stdout = sys.stdout.out
print("then", loaded())
sys.exit(code)
"""


def test_window_shows_before_any_heavy_module_is_loaded_then_loads_them_behind(tmp_path):
    """The window appears before SQLAlchemy, numpy, pyqtgraph or reportlab are imported;
    then it opens the database, and the rest is loaded in the background, so the first
    opening of a tab costs no import."""
    from clu_desktop.services.meetings.files import load_demo
    from clu_desktop.store.migrate import open_database

    database = open_database(tmp_path / "clu.sqlite")
    with database.transaction() as session:
        load_demo(session)
    database.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_SHOW_ENV: "1000"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "clu.sqlite")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    heavy = '["numpy", "pypdfium2", "pyqtgraph", "reportlab", "sqlalchemy"]'
    assert result.stdout.splitlines() == [
        f"{WINDOW_SHOWN_MARKER} []",
        f'{WINDOW_READY_MARKER} ["sqlalchemy"]',
        f"then {heavy}",
    ]


def test_the_data_location_stays_readable_in_the_status_bar(open_window, qtbot):
    """A passing message (a menu's tip) never hides where the data is; a long path is
    elided in the middle, whole in the tooltip."""
    window = open_window()
    label = window.location_label
    window.statusBar().showMessage("Créer une séance")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Créer une séance")
    assert label.isVisible() and label.text().startswith("Données")
    assert window.statusBar().currentMessage() == "Créer une séance"
    long_path = "/home/agent/" + "/".join(f"dossier-{n}" for n in range(30)) + "/clu.sqlite"
    label.set_location(long_path)
    window.resize(900, 600)
    qtbot.waitUntil(lambda: "…" in label.text())
    assert label.text().startswith("Données\u00a0: /home/agent/")
    assert label.text().endswith("clu.sqlite")
    assert label.toolTip() == long_path
    assert label.isVisible() and label.width() >= 120
