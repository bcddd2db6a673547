"""A write the system refuses (full disk, read-only, vanished) is told in French and the
window keeps running."""

from __future__ import annotations

import errno
import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from clu_desktop.files import DISK_FULL
from clu_desktop.gui.crash import install_excepthook
from clu_desktop.gui.meeting.page import MeetingPage
from clu_desktop.services.meetings.details import get_meeting_details

CTRL = Qt.KeyboardModifier.ControlModifier


def fill_the_disk(db) -> None:
    """SQLite's own "database or disk is full": the file may not grow any more."""

    @event.listens_for(db.engine, "connect")
    def no_more_pages(connection, _record) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()  # the pooled connections had no limit


def test_a_field_saved_on_a_full_disk_is_told_and_the_window_stays(
    qtbot, demo_db, answered_messages
):
    page = MeetingPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show_meeting(1, QUndoStack())
    with qtbot.waitExposed(page):
        page.show()
    with demo_db.reading() as session:
        before = get_meeting_details(session, 1).closing_text
    fill_the_disk(demo_db)
    text = page.form.closing_edit
    QApplication.clipboard().setText("Une conclusion longue. " * 800)
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(text, Qt.Key.Key_V, CTRL)
    assert DISK_FULL in answered_messages.errors
    assert page.isVisible()
    with demo_db.reading() as session:
        assert get_meeting_details(session, 1).closing_text == before
    assert text.toPlainText() == before  # the field shows what is saved


def test_an_os_error_that_escapes_a_page_is_told_in_french(monkeypatch, answered_messages):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    cases = {
        errno.ENOSPC: DISK_FULL,
        errno.EACCES: "Accès refusé",
        errno.EROFS: "lecture seule",
        errno.ENOENT: "n'existe plus",
        errno.EISDIR: "est un dossier",
    }
    for code, words in cases.items():
        try:
            raise OSError(code, os.strerror(code), "/données/clu.sqlite")
        except OSError:
            sys.excepthook(*sys.exc_info())
        assert words in answered_messages.errors[-1], code
        assert os.strerror(code) not in answered_messages.errors[-1]
        assert "inattendue" not in answered_messages.errors[-1]
