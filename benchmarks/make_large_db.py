"""Make a database the size of twenty years of a préfecture's committees.

80 meetings (four a year), 2,000 people in 300 organisations, 30 invitations, 8 agenda
items with minutes text, statements and actions per meeting.

    python benchmarks/make_large_db.py /tmp/clu-20-years.sqlite
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

from clu_desktop.domain import (
    Action,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Committee,
    CommitteeMember,
    Meeting,
    MeetingStatus,
    Organisation,
    Person,
    Statement,
    StatementSpeaker,
)
from clu_desktop.services.attendance.invitations import snapshot_invitation
from clu_desktop.store.migrate import open_database

FIRST = ["Bernard", "Nathalie", "Jean-Paul", "Christine", "Mylène", "Hugues", "Pascale", "Birame"]
LAST = ["GUY", "SIMON", "PIERRON", "MARIA", "BÉGUÉ", "CAULLET", "LINDER", "DIOP", "MARTIN"]
TEXT = (
    "Le label qual-e-pref est une habilitation qualité spécifique au ministère.\n\n"
    "- audit interne : 28/04/22\n- audit externe : 23/06/22\n"
    "  - module 1 – relation générale avec les usagers\n"
) * 4


def build(path: Path | str, seed: int = 2023) -> None:
    rng = random.Random(seed)
    db = open_database(path)
    with db.transaction() as session:
        orgs = [Organisation(name=f"Organisme {i:03d} de la Haute-Marne") for i in range(300)]
        people = [
            Person(
                civility=rng.choice(["M.", "Mme"]),
                first_name=rng.choice(FIRST),
                last_name=f"{rng.choice(LAST)}{i}",
                function="Président",
                organisation=rng.choice(orgs),
            )
            for i in range(2000)
        ]
        session.add_all(orgs + people)
        committees = [Committee(name=n) for n in ("Comité local des usagers", "CLU Langres")]
        for committee in committees:
            for position, person in enumerate(rng.sample(people, 30)):
                committee.members.append(CommitteeMember(person=person, position=position))
        session.add_all(committees)
        session.flush()
        start = dt.date(2006, 3, 15)
        for n in range(80):
            committee = committees[n % 2]
            meeting = Meeting(
                committee=committee,
                title=f"{committee.name} — séance {n + 1}",
                date=start + dt.timedelta(days=91 * n),
                start_time=dt.time(14, 30),
                end_time=dt.time(16, 30),
                place="Salle Louise Michel",
                status=MeetingStatus.MINUTES_SIGNED if n < 78 else MeetingStatus.PLANNED,
            )
            invited = [m.person for m in committee.members]
            for position, person in enumerate(invited):
                invitation = snapshot_invitation(person, position)
                invitation.status = AttendanceStatus.PRESENT
                meeting.invitations.append(invitation)
            for position in range(8):
                item = AgendaItem(
                    title=f"Point {position + 1}",
                    position=position,
                    duration_minutes=15,
                    minutes_text=TEXT,
                )
                item.statements = [
                    Statement(
                        text=f"{person.last_name} fait part de son avis.",
                        position=k,
                        speakers=[StatementSpeaker(person=person)],
                    )
                    for k, person in enumerate(rng.sample(invited, 2))
                ]
                meeting.agenda_items.append(item)
                session.add(
                    Action(
                        meeting=meeting,
                        agenda_item=item,
                        text="Action à mener",
                        status=ActionStatus.DONE,
                        position=position,
                    )
                )
            session.add(meeting)
    db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="a SQLite file to make, or an empty PostgreSQL base's URL")
    args = parser.parse_args()
    if "://" not in args.path:
        args.path = Path(args.path)
    if isinstance(args.path, Path) and args.path.exists():
        print(f"{args.path} exists already: remove it first.", file=sys.stderr)
        return 2
    began = time.perf_counter()
    build(args.path)
    print(f"{args.path}: made in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
