"""A tick shown as saved is never lost: a process ticking people present one by one is
killed (SIGKILL) at random moments; every tick it reported survives, and the file is sound.
"""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from clu_desktop.domain import AttendanceStatus
from clu_desktop.services.attendance import list_attendance
from clu_desktop.services.attendance_edit import invite_person
from clu_desktop.services.directory import add_person
from clu_desktop.services.meeting_files import load_demo
from clu_desktop.services.meetings import duplicate_as_next
from clu_desktop.store.migrate import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

EXTRA_PEOPLE = 85  # with the 15 of the demo: a hundred ticks, longer than the kills wait
RUNS = 5

# Ticks every invited person present, one transaction each, and reports each commit.
TICKER = """
import datetime as dt
import sys

from clu_desktop.services.attendance import list_attendance, mark_present
from clu_desktop.store.migrate import open_database

db = open_database(sys.argv[1])
meeting_id = int(sys.argv[2])
with db.reading() as session:
    ids = [row.id for row in list_attendance(session, meeting_id)]
print("prêt", flush=True)
for invitation_id in ids:
    with db.transaction() as session:
        mark_present(session, invitation_id, dt.datetime.now().time())
    print(invitation_id, flush=True)
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The demo with the next meeting prepared and a hundred people invited to it."""
    path = tmp_path_factory.mktemp("kill") / "modele.sqlite"
    db = open_database(path)
    with db.transaction() as session:
        load_demo(session)
        meeting_id = duplicate_as_next(session, 1)
        for number in range(EXTRA_PEOPLE):
            person_id = add_person(session, f"USAGER{number:03d}", first_name="Camille")
            invite_person(session, meeting_id, person_id)
    db.dispose()
    assert not path.with_name(path.name + "-wal").exists()  # all in the file: copyable
    return path, meeting_id


def kill_while_ticking(path, meeting_id: int, ticks_before: int, extra_delay: float):
    """Run the ticker, SIGKILL it after ``ticks_before`` reported ticks and a little
    more; return the ids it reported as committed."""
    ticker = subprocess.Popen(
        [sys.executable, "-c", TICKER, str(path), str(meeting_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert ticker.stdout.readline() == "prêt\n", ticker.stderr.read()
        reported = []
        for _ in range(ticks_before):
            line = ticker.stdout.readline()
            assert line.endswith("\n"), f"the ticker stopped early: {ticker.stderr.read()}"
            reported.append(int(line))
        time.sleep(extra_delay)
        ticker.send_signal(signal.SIGKILL)
        ticker.wait(timeout=30)
        rest = ticker.stdout.read()
    finally:
        if ticker.poll() is None:
            ticker.kill()
            ticker.wait()
        ticker.stdout.close()
        ticker.stderr.close()
    assert ticker.returncode == -signal.SIGKILL, "finished before the kill: make it longer"
    complete = rest.split("\n")[:-1]  # a line cut by the kill is not a report
    return reported + [int(line) for line in complete]


def test_every_reported_tick_survives_a_kill(template, tmp_path):
    source, meeting_id = template
    moments = random.Random()
    for run in range(RUNS):
        path = tmp_path / f"seance-{run}.sqlite"
        shutil.copyfile(source, path)
        ticks_before = moments.randint(1, 40)
        extra_delay = moments.uniform(0, 0.03)
        reported = kill_while_ticking(path, meeting_id, ticks_before, extra_delay)
        where = f"run {run}: killed after {ticks_before} ticks + {extra_delay * 1000:.1f} ms"
        assert len(reported) >= ticks_before, where

        with sqlite3.connect(path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)], where
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == [], where

        db = open_database(path)
        try:
            with db.reading() as session:
                rows = {row.id: row for row in list_attendance(session, meeting_id)}
        finally:
            db.dispose()
        assert len(rows) == 15 + EXTRA_PEOPLE, where
        for invitation_id in reported:
            row = rows[invitation_id]
            assert row.status is AttendanceStatus.PRESENT, where
            assert row.arrived_at is not None, where
        # A tick is all or nothing: present with a time, or still waiting without one.
        for row in rows.values():
            if row.status is AttendanceStatus.PRESENT:
                assert row.arrived_at is not None, where
            else:
                assert (row.status, row.arrived_at) == (AttendanceStatus.INVITED, None), where
