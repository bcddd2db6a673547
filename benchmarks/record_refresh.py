"""What the user waits for after a tick on the Participants page of a council: the tick
committed, then the list, the counts, the quorum and the warnings read again.

On the twenty-year database (``make_large_db.py``), the newest meeting's committee is set
to vote with a quorum of half its members, 70 people are invited (a council) and 10 of
them give a proxy; then each of 30 ticks is timed from the call to the refreshed record
(``mark_present`` in a transaction, then ``list_attendance`` and ``meeting_record`` in a
read). Target: under 100 ms per tick.

    python benchmarks/make_large_db.py /tmp/clu-20-years.sqlite
    python benchmarks/record_refresh.py /tmp/clu-20-years.sqlite
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import select

from clu_desktop.domain import AttendanceStatus, Meeting, Person, Representation
from clu_desktop.services.attendance.edit import invite_person
from clu_desktop.services.attendance.presence import list_attendance, mark_present, set_represented
from clu_desktop.services.meetings.record import meeting_record, set_record_setting
from clu_desktop.store.migrate import open_database

TICKS = 30
COUNCIL = 70
PROXIES = 10
TARGET_MS = 100.0


def prepare(db) -> int:
    """The newest meeting, as a council of 70 with 10 proxies, nobody ticked yet."""
    with db.transaction() as session:
        meeting = session.scalars(select(Meeting).order_by(Meeting.date.desc())).first()
        set_record_setting(session, meeting.committee_id, "votes", True)
        set_record_setting(session, meeting.committee_id, "quorum", "1/2")
        invited = {inv.person_id for inv in meeting.invitations}
        for person_id in session.scalars(select(Person.id).order_by(Person.id)):
            if len(invited) >= COUNCIL:
                break
            if person_id not in invited:
                invite_person(session, meeting.id, person_id)
                invited.add(person_id)
        meeting_id = meeting.id
    with db.transaction() as session:
        rows = list_attendance(session, meeting_id)
        for giver, holder in zip(rows[-PROXIES:], rows[:PROXIES], strict=True):
            set_represented(
                session, giver.id, person_id=holder.person_id, representation=Representation.PROXY
            )
    return meeting_id


def measure(db, meeting_id: int) -> list[float]:
    with db.reading() as session:
        waiting = [
            r
            for r in list_attendance(session, meeting_id)
            if r.status is not AttendanceStatus.REPRESENTED
        ]
    times = []
    for row in waiting[:TICKS]:
        start = time.perf_counter()
        with db.transaction() as session:
            mark_present(session, row.id, dt.datetime.now().time())
        with db.reading() as session:
            list_attendance(session, meeting_id)
            record = meeting_record(session, meeting_id)
        times.append((time.perf_counter() - start) * 1000)
    assert record.counts.present >= len(times)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="a database made by make_large_db.py (changed)")
    args = parser.parse_args()
    db = open_database(args.path)
    try:
        meeting_id = prepare(db)
        times = measure(db, meeting_id)
    finally:
        db.dispose()
    median = statistics.median(times)
    print(
        f"{len(times)} ticks on a council of {COUNCIL} ({PROXIES} proxies): median "
        f"{median:.1f} ms, max {max(times):.1f} ms (target < {TARGET_MS:.0f} ms)"
    )
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
