"""Crash safety: a process writing attendance and agenda edits is killed (SIGKILL) at
random moments, again and again, on the same file. After each kill the file passes
``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``, and it holds exactly what
the writer had reported as committed (plus, at most, the one transaction it was
committing when it died); the next writer goes on from there.

Each writer goes through the real services, one transaction per edit: ticks present,
excused, absent, represented, arrival and departure times; new agenda items, titles and
minutes text, items moved, statements and actions added and deleted. Inside each
transaction it reads what the edit changed (a snapshot of the meeting before and after),
writes it on its pipe as "pending", commits, and only then writes "ok".

To make a kill cheap, a helper process imports everything once and forks one writer per
run; the parent kills the writer, checks the file, and asks for the next one.

    python benchmarks/crash_kill.py [--kills 1000] [--seed N] [--folder DOSSIER]

POSIX only (fork, SIGKILL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from clu_desktop.domain import AttendanceStatus
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.actions import add_action, delete_action
from clu_desktop.services.agenda.items import add_item, update_item
from clu_desktop.services.agenda.moves import move_item
from clu_desktop.services.agenda.statements import add_statement, delete_statement
from clu_desktop.services.attendance.edit import invite_person
from clu_desktop.services.attendance.presence import (
    mark_present,
    set_represented,
    set_status,
    set_times,
)
from clu_desktop.services.directory.people import add_person
from clu_desktop.services.meetings.files import load_demo
from clu_desktop.services.meetings.listing import duplicate_as_next
from clu_desktop.store.database import Database, create_database_engine, resolve_url
from clu_desktop.store.migrate import open_database

EXTRA_PEOPLE = 20
MAX_ITEMS = 25
MAX_STATEMENTS = 40
MAX_ACTIONS = 30

# ------------------------------------------------------------------------ snapshot

_QUERIES = {
    "invitation": "SELECT id, status, represented_by_id, represented_by_name, arrived_at, "
    "left_at FROM invitation WHERE meeting_id = :m",
    "item": "SELECT id, parent_id, position, title, minutes_text FROM agenda_item "
    "WHERE meeting_id = :m",
    "statement": "SELECT s.id, s.agenda_item_id, s.position, s.text FROM statement s "
    "JOIN agenda_item i ON i.id = s.agenda_item_id WHERE i.meeting_id = :m",
    "action": "SELECT id, agenda_item_id, statement_id, position, text FROM action "
    "WHERE meeting_id = :m",
}


def snapshot(connection, meeting_id: int) -> dict[str, list]:
    """What the writers edit, as JSON-ready values: {"item:12": [...], ...}."""
    state: dict[str, list] = {}
    for kind, query in _QUERIES.items():
        for row in connection.execute(text(query), {"m": meeting_id}):
            state[f"{kind}:{row[0]}"] = list(row[1:])
    return state


def ids_of(state: dict[str, list], kind: str) -> list[int]:
    return sorted(int(key.split(":")[1]) for key in state if key.startswith(kind + ":"))


# -------------------------------------------------------------------------- writer


def random_edit(session, meeting_id: int, state: dict[str, list], rng: random.Random, n: int):
    """One edit through a service; returns its name."""
    invitations = ids_of(state, "invitation")
    items = ids_of(state, "item")
    clock = dt.time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))
    roll = rng.random()
    if roll < 0.5:
        invitation = rng.choice(invitations)
        kind = rng.randrange(4)
        if kind == 0:
            mark_present(session, invitation, clock)
            return "présent"
        if kind == 1:
            status = rng.choice([AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT])
            set_status(session, invitation, status)
            return "excusé/absent"
        if kind == 2:
            set_represented(session, invitation, name=f"Suppléant {n}")
            return "représenté"
        set_times(session, invitation, clock, dt.time(18, rng.randint(0, 59)))
        return "heures"
    item = rng.choice(items)
    kind = rng.randrange(7)
    if kind == 0 and len(items) < MAX_ITEMS:
        add_item(session, meeting_id, f"Point ajouté {n}")
        return "point ajouté"
    if kind <= 1:
        update_item(session, item, title=f"Intitulé {n}")
        return "intitulé"
    if kind == 2:
        update_item(
            session, item, minutes_text=f"Compte-rendu {n}\n" + "texte " * rng.randint(1, 200)
        )
        return "compte-rendu"
    if kind == 3:
        move_item(session, item, rng.choice([-1, 1]))
        return "point déplacé"
    statements, actions = ids_of(state, "statement"), ids_of(state, "action")
    if kind == 4 and statements and (len(statements) >= MAX_STATEMENTS or rng.random() < 0.4):
        delete_statement(session, rng.choice(statements))
        return "intervention supprimée"
    if kind == 4:
        add_statement(session, item, f"Intervention {n}")
        return "intervention ajoutée"
    if actions and (len(actions) >= MAX_ACTIONS or rng.random() < 0.4):
        delete_action(session, rng.choice(actions))
        return "action supprimée"
    add_action(session, item, f"Action {n}", owner_name="Accueil")
    return "action ajoutée"


def _emit(line: str) -> None:
    os.write(1, (line + "\n").encode())  # one write: a line is whole or absent


def warm_up(db: Database, meeting_id: int) -> None:
    """Edits rolled back, so that SQLAlchemy's statement cache is filled before the
    forks; then no connection is left open."""
    rng = random.Random(0)
    for n in range(60):
        with db.sessions() as session:
            try:
                random_edit(session, meeting_id, snapshot(session, meeting_id), rng, n)
                session.flush()
            except UserError:
                pass
            session.rollback()
    db.dispose()


def write_forever(db: Database, meeting_id: int, seed: int) -> None:
    """The writer: edits until killed, reporting each one as pending, then ok."""
    rng = random.Random(seed)
    _emit(f"start {os.getpid()}")
    for n in range(1, 10**9):
        try:
            with db.transaction() as session:
                before = snapshot(session, meeting_id)
                name = random_edit(session, meeting_id, before, rng, n)
                session.flush()
                after = snapshot(session, meeting_id)
                changes = {
                    key: after.get(key)
                    for key in before.keys() | after.keys()
                    if before.get(key) != after.get(key)
                }
                _emit("pending " + json.dumps({"edit": name, "changes": changes}))
        except UserError:  # refused by the service: rolled back, nothing changed
            _emit("rolled-back")
            continue
        _emit("ok")


def serve_forks(path: Path, meeting_id: int) -> None:
    """The helper: imports done, forks a writer for each "go SEED" read on stdin."""
    db = Database.for_engine(create_database_engine(resolve_url(path)))
    warm_up(db, meeting_id)
    for line in sys.stdin:
        seed = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(db, meeting_id, seed)
            except BaseException as exc:  # report, never fall back into the loop
                _emit(f"error {type(exc).__name__}: {exc}")
            os._exit(1)
        _, status = os.waitpid(pid, 0)
        _emit(f"done {status}")


# -------------------------------------------------------------------------- parent


def make_database(path: Path) -> int:
    """The demo, the next meeting prepared, people invited; returns that meeting's id."""
    db = open_database(path)
    try:
        with db.transaction() as session:
            load_demo(session)
            meeting_id = duplicate_as_next(session, 1)
            for number in range(EXTRA_PEOPLE):
                person_id = add_person(session, f"USAGER{number:03d}", first_name="Camille")
                invite_person(session, meeting_id, person_id)
    finally:
        db.dispose()
    return meeting_id


def observe(path: Path, meeting_id: int) -> tuple[list, list, dict[str, list]]:
    """integrity_check, foreign_key_check, snapshot, through the one connection of a
    fresh engine: it recovers the file from scratch, as after a real crash."""
    engine = create_database_engine(resolve_url(path))
    try:
        with engine.connect() as connection:
            integrity = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
            foreign = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            state = snapshot(connection, meeting_id)
    finally:
        engine.dispose()
    return [tuple(row) for row in integrity], [tuple(row) for row in foreign], state


def apply(state: dict[str, list], changes: dict[str, list | None]) -> dict[str, list]:
    result = dict(state)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


@dataclass
class Totals:
    kills: int = 0
    committed: int = 0
    pending_kept: int = 0  # killed between "pending" and "ok", and the commit was there
    pending_lost: int = 0  # ... and it was not (it had not reached the disk)
    kinds: dict[str, int] = field(default_factory=dict)


class CrashError(AssertionError):
    pass


def verify(
    before: dict[str, list],
    lines: list[str],
    integrity: list,
    foreign: list,
    state: dict[str, list],
    totals: Totals,
    where: str,
) -> None:
    """Check the file after a kill: sound, and ``state`` is ``before`` with every change
    reported "ok" in ``lines``, and perhaps the last "pending" one; raise CrashError."""
    expected, pending = before, None
    for line in lines:
        if line.startswith("pending "):
            pending = json.loads(line[len("pending ") :])
        elif line == "ok":
            expected = apply(expected, pending["changes"])
            totals.kinds[pending["edit"]] = totals.kinds.get(pending["edit"], 0) + 1
            totals.committed += 1
            pending = None
        elif line == "rolled-back":
            pending = None
    if integrity != [("ok",)]:
        raise CrashError(f"{where}: integrity_check {integrity[:5]}")
    if foreign:
        raise CrashError(f"{where}: foreign_key_check {foreign[:5]}")
    if state != expected:
        if pending is None or state != apply(expected, pending["changes"]):
            lost = {k: (v, state.get(k)) for k, v in expected.items() if state.get(k) != v}
            extra = {k: state[k] for k in state.keys() - expected.keys()}
            raise CrashError(f"{where}: reported writes missing {lost}, extra {extra}")
        totals.pending_kept += 1
    elif pending is not None:
        totals.pending_lost += 1


class Harness:
    def __init__(self, path: Path, meeting_id: int, seed: int) -> None:
        self.path, self.meeting_id = path, meeting_id
        self.rng = random.Random(seed)
        self.helper = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(path), str(meeting_id)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.state = observe(path, meeting_id)[2]
        self.totals = Totals()

    def _line(self) -> str:
        line = self.helper.stdout.readline().decode()
        if not line.endswith("\n"):
            raise CrashError(f"the helper stopped (exit {self.helper.poll()})")
        return line[:-1]

    def kill_once(self) -> None:
        run = self.totals.kills + 1
        self.helper.stdin.write(f"go {self.rng.randrange(2**31)}\n".encode())
        self.helper.stdin.flush()
        word, pid = self._line().split()
        assert word == "start", word
        wait_for = self.rng.choice([0, 0, 1, 1, 2, 4])
        delay = self.rng.uniform(0, 0.008)
        lines: list[str] = []
        while sum(line in ("ok", "rolled-back") for line in lines) < wait_for:
            lines.append(self._line())
        time.sleep(delay)
        os.kill(int(pid), signal.SIGKILL)
        while not (line := self._line()).startswith("done "):
            lines.append(line)
        status = int(line.split()[1])
        if not os.WIFSIGNALED(status) or os.WTERMSIG(status) != signal.SIGKILL:
            raise CrashError(f"run {run}: the writer ended by itself: {lines[-1:]}")
        if any(line.startswith("error") for line in lines):
            raise CrashError(f"run {run}: {lines}")
        self.check(run, lines)

    def check(self, run: int, lines: list[str]) -> None:
        integrity, foreign, state = observe(self.path, self.meeting_id)
        where = f"run {run} (after {self.totals.committed} commits)"
        verify(self.state, lines, integrity, foreign, state, self.totals, where)
        self.state = state
        self.totals.kills += 1

    def close(self) -> None:
        self.helper.stdin.close()
        try:
            self.helper.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.helper.kill()
            self.helper.wait()
        self.helper.stdout.close()


def run(kills: int, folder: Path, seed: int | None = None) -> Totals:
    """Kill ``kills`` writers on one file in ``folder``; raises CrashError on a loss."""
    seed = random.randrange(2**31) if seed is None else seed
    path = folder / "crash.sqlite"
    meeting_id = make_database(path)
    harness = Harness(path, meeting_id, seed)
    try:
        for _ in range(kills):
            try:
                harness.kill_once()
            except CrashError as exc:
                raise CrashError(f"{exc} [seed {seed}]") from None
    finally:
        harness.close()
    return harness.totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve_forks(Path(args.serve[0]), int(args.serve[1]))
        return 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        totals = run(args.kills, args.folder or Path(scratch), args.seed)
    elapsed = time.perf_counter() - started
    print(
        f"{totals.kills} kills in {elapsed:.1f} s ({elapsed / totals.kills * 1000:.0f} ms "
        f"each): {totals.committed} reported commits all found, file sound every time; "
        f"killed while committing: {totals.pending_kept} kept, {totals.pending_lost} not."
    )
    for kind, count in sorted(totals.kinds.items()):
        print(f"  {kind}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
