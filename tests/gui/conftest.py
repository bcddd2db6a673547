"""Fixtures of the GUI tests: meetings in the test database (``db``, from tests/conftest.py),
the undo stack a page is shown with, and the pages and windows opened as the user sees them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select

from clu_desktop.domain import Committee, Meeting, MeetingStatus
from clu_desktop.store.database import Database


@pytest.fixture
def stack(qapp):
    """The meeting's undo stack, as the main window keeps it (outliving its pages)."""
    from PySide6.QtGui import QUndoStack

    return QUndoStack()


@pytest.fixture
def next_meeting(demo_db) -> int:
    """The meeting after the demo one: its 15 people invited, no answer yet."""
    from clu_desktop.services.meetings.listing import duplicate_as_next

    with demo_db.transaction() as session:
        return duplicate_as_next(session, 1)


@pytest.fixture
def show_page(qtbot):
    """``show(page, meeting_id, stack)``: a page of the main window showing the meeting,
    1200×800, on screen and active (the keys go to it); returns the page."""

    def show(page, meeting_id, stack):
        qtbot.addWidget(page)
        page.resize(1200, 800)
        page.show_meeting(meeting_id, stack)
        with qtbot.waitExposed(page):
            page.show()
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        return page

    return show


@pytest.fixture
def open_live(qtbot, db, stack):
    """``open_live(meeting_id)``: the window of the meeting in progress, on screen."""
    from clu_desktop.gui.live.window import LiveAttendanceWindow

    def open_(meeting_id: int):
        window = LiveAttendanceWindow(db, meeting_id, stack)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    return open_


@pytest.fixture
def add_meeting(db: Database) -> Callable[..., int]:
    """Add a meeting (and its committee, found or created by name); return its id."""

    def add(
        title: str,
        date: dt.date,
        committee: str = "Comité local des usagers",
        status: MeetingStatus = MeetingStatus.PLANNED,
    ) -> int:
        with db.transaction() as session:
            found = session.scalar(select(Committee).where(Committee.name == committee))
            meeting = Meeting(
                committee=found or Committee(name=committee),
                title=title,
                date=date,
                status=status,
            )
            session.add(meeting)
            session.flush()
            return meeting.id

    return add


@pytest.fixture(autouse=True)
def answered_messages(monkeypatch):
    """Message boxes never block a test: errors and infos are recorded, questions
    answered "yes" unless a test sets ``answered_messages.confirm_answer``."""
    from clu_desktop.gui import messages

    class Recorder:
        confirm_answer = True

        def __init__(self) -> None:
            self.errors: list[str] = []
            self.infos: list[str] = []
            self.questions: list[str] = []

    recorder = Recorder()
    monkeypatch.setattr(messages, "show_error", lambda _p, text: recorder.errors.append(text))
    monkeypatch.setattr(messages, "show_info", lambda _p, text: recorder.infos.append(text))

    def confirm(_parent, question, _action, _cancel="Annuler"):
        recorder.questions.append(question)
        return recorder.confirm_answer

    monkeypatch.setattr(messages, "confirm", confirm)
    return recorder


@pytest.fixture(autouse=True)
def named_application(qapp):
    """QSettings need the application's names; tests keep theirs in the test's folders."""
    from PySide6.QtCore import QSettings

    qapp.setOrganizationName("clu-desktop-tests")
    qapp.setApplicationName("CLU Desktop tests")
    QSettings().clear()  # Qt reads the settings folder once per process: start afresh
    return qapp
