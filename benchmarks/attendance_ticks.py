"""How long one tick takes to be committed: ``with db.transaction(): mark_present(...)``
on a SQLite file (WAL, synchronous=FULL: the tick is on disk when the call returns).

The demo meeting is loaded, the next meeting prepared (15 people invited), and 30 ticks
are timed one by one; between two rounds the people are set back to "no answer" without
being timed. Target: < 20 ms per tick.

    python benchmarks/attendance_ticks.py [FOLDER]   # the database goes in FOLDER
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from clu_desktop.domain import AttendanceStatus
from clu_desktop.services.attendance.presence import list_attendance, mark_present, set_status
from clu_desktop.services.meetings.files import load_demo
from clu_desktop.services.meetings.listing import duplicate_as_next
from clu_desktop.store.migrate import open_database

TICKS = 30
TARGET_MS = 20.0


def measure(folder: Path) -> list[float]:
    db = open_database(folder / "ticks.sqlite")
    try:
        with db.transaction() as session:
            load_demo(session)
            meeting_id = duplicate_as_next(session, 1)
        with db.reading() as session:
            ids = [row.id for row in list_attendance(session, meeting_id)]
        times = []
        for tick in range(TICKS):
            invitation_id = ids[tick % len(ids)]
            if tick and tick % len(ids) == 0:  # a new round: everyone waiting again
                with db.transaction() as session:
                    for each in ids:
                        set_status(session, each, AttendanceStatus.INVITED)
            at = dt.datetime.now().time()
            start = time.perf_counter()
            with db.transaction() as session:
                mark_present(session, invitation_id, at)
            times.append((time.perf_counter() - start) * 1000)
        return times
    finally:
        db.dispose()


def main(argv: list[str]) -> int:
    if argv:
        times = measure(Path(argv[0]))
    else:
        with tempfile.TemporaryDirectory() as folder:
            times = measure(Path(folder))
    median, worst = statistics.median(times), max(times)
    print(f"{TICKS} ticks, each committed on its own (SQLite WAL, synchronous=FULL):")
    print(f"  median {median:.1f} ms, max {worst:.1f} ms (target < {TARGET_MS:.0f} ms)")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
