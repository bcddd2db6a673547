"""The one Qt signal the pickers follow: the tables written, once per turn of the event
loop, on the GUI thread whoever committed."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from clu_desktop.gui.data_signals import data_signals
from clu_desktop.services.directory import committees as directory_committees
from clu_desktop.services.directory import organisations as directory_organisations
from clu_desktop.services.directory import people as directory_people


def test_one_signal_for_the_commits_of_one_action(qtbot, db):
    signals = data_signals(db)
    assert data_signals(db) is signals  # one bridge per database
    heard = []
    signals.changed.connect(heard.append)
    with db.transaction() as session:
        directory_people.add_person(session, "Guy")
    with db.transaction() as session:
        directory_organisations.add_organisation(session, "Association des maires")
    assert heard == []  # not in the middle of the user's action
    qtbot.waitUntil(lambda: heard != [])
    assert heard == [frozenset({"person", "organisation"})]


def test_a_commit_on_another_thread_is_told_on_the_gui_thread(qtbot, db):
    signals = data_signals(db)
    threads = []
    signals.changed.connect(lambda _tables: threads.append(QThread.currentThread()))

    def write() -> None:
        with db.transaction() as session:
            directory_committees.add_committee(session, "Comité départemental")

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: threads != [])
    assert threads == [signals.thread()]
