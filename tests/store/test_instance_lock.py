"""One writer per SQLite file: a second process is refused, naming the first one."""

from __future__ import annotations

import getpass
import json
import os
import signal
import socket
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from clu_desktop.errors import DatabaseError
from clu_desktop.store import instance_lock
from clu_desktop.store.instance_lock import DatabaseInUse, Holder, refusal_message
from clu_desktop.store.migrate import open_database

ROOT = Path(__file__).resolve().parents[2]

HOLD = """
import sys, time
from clu_desktop.store.migrate import open_database
open_database(sys.argv[1], exclusive=True)
print("holding", flush=True)
time.sleep(120)
"""


def labels(path: Path) -> list[Path]:
    """The holder's labels: beside the file, and by its identity in the data folder."""
    status = path.stat()
    identity = instance_lock.identity_lock_path(f"{status.st_dev}-{status.st_ino}")
    return [path.with_name(path.name + ".lock.holder"), Path(f"{identity}.holder")]


@pytest.fixture(autouse=True)
def let_go():
    """The locks this process took are released after each test."""
    yield
    instance_lock.release_all()


@pytest.fixture
def hold():
    """Start another process that opens a database for writing and keeps it open."""
    started = []

    def start(path: Path) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        assert process.stdout.readline().strip() == "holding", process.stderr.read()
        return process

    yield start
    for process in started:
        process.kill()
        process.wait(10)
        process.stdout.close()
        process.stderr.close()


def test_a_second_process_is_refused_with_the_holders_details(tmp_path, hold):
    path = tmp_path / "clu.sqlite"
    holder = hold(path)
    with pytest.raises(DatabaseInUse) as refused:
        open_database(path, exclusive=True)
    message = str(refused.value)
    assert message.startswith(f"La base « {path} » est déjà ouverte par {getpass.getuser()} ")
    assert f"sur le poste {socket.gethostname()} (processus {holder.pid}) depuis " in message
    assert "Fermez CLU Desktop sur ce poste, ou ouvrez une autre base." in message
    assert refused.value.holder.pid == holder.pid
    assert not instance_lock.is_held(path)


def test_the_refused_process_writes_nothing(tmp_path, hold):
    path = tmp_path / "clu.sqlite"
    hold(path)
    before = {child.name: child.read_bytes() for child in tmp_path.iterdir()}
    with pytest.raises(DatabaseInUse):
        open_database(path, exclusive=True)
    after = {child.name: child.read_bytes() for child in tmp_path.iterdir()}
    assert after == before


def test_a_killed_holder_leaves_no_stale_lock(tmp_path, hold):
    path = tmp_path / "clu.sqlite"
    holder = hold(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    stale = json.loads((tmp_path / "clu.sqlite.lock.holder").read_text("utf-8"))
    assert stale["pid"] == holder.pid  # the label of the dead process is still there...

    db = open_database(path, exclusive=True)  # ...but the lock went with it
    try:
        label = json.loads((tmp_path / "clu.sqlite.lock.holder").read_text("utf-8"))
        assert label["pid"] == os.getpid()
    finally:
        db.dispose()


def test_a_process_may_open_its_own_database_again(tmp_path):
    first = open_database(tmp_path / "clu.sqlite", exclusive=True)
    second = open_database(tmp_path / "clu.sqlite", exclusive=True)
    first.dispose()
    second.dispose()
    assert instance_lock.is_held(tmp_path / "clu.sqlite")


def test_a_released_database_can_be_taken_by_another_process(tmp_path):
    path = tmp_path / "clu.sqlite"
    open_database(path, exclusive=True).dispose()
    instance_lock.release(path)
    assert not (tmp_path / "clu.sqlite.lock.holder").exists()
    result = subprocess.run(
        [sys.executable, "-c", HOLD.replace("time.sleep(120)", ""), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "holding", result.stderr


def test_a_refused_database_is_not_kept_locked(tmp_path):
    import sqlite3

    path = tmp_path / "future.sqlite"
    open_database(path).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    with pytest.raises(DatabaseError, match="version plus récente"):
        open_database(path, exclusive=True)
    assert not instance_lock.is_held(path)


def test_reading_does_not_take_the_lock(tmp_path, hold):
    path = tmp_path / "clu.sqlite"
    hold(path)
    db = open_database(path)
    db.dispose()


def test_an_unreadable_label_still_refuses_with_a_generic_message(tmp_path, hold):
    path = tmp_path / "clu.sqlite"
    hold(path)
    for label in labels(path):
        label.write_text("{pas du json", "utf-8")
    with pytest.raises(DatabaseInUse) as refused:
        open_database(path, exclusive=True)
    assert str(refused.value) == (
        f"La base « {path} » est déjà ouverte par une autre instance de CLU Desktop "
        "(sur ce poste ou sur un autre). Fermez-la, ou ouvrez une autre base."
    )


def test_a_hostile_label_is_shown_cleaned_and_cut(tmp_path, hold):
    path = tmp_path / "clu.sqlite"
    hold(path)
    label = {"user": "<b>dupont</b>\n\x1b[31m" + "x" * 1000, "host": "PREF\tACC", "pid": 7}
    label["since"] = datetime.now().astimezone().isoformat()
    for each in labels(path):
        each.write_text(json.dumps(label), "utf-8")
    with pytest.raises(DatabaseInUse) as refused:
        open_database(path, exclusive=True)
    message = str(refused.value)
    assert "\n" not in message and "\x1b" not in message and "\t" not in message
    assert "par <b>dupont</b>" in message
    assert "xxx… sur le poste" in message and "x" * 64 not in message
    assert "sur le poste PREF ACC (processus 7)" in message


@pytest.mark.parametrize(
    "label",
    [
        {"user": "a", "host": "b", "pid": -1, "since": "2024-03-12T14:05:00+01:00"},
        {"user": "a", "host": "b", "pid": True, "since": "2024-03-12T14:05:00+01:00"},
        {"user": "a", "host": "b", "pid": 3, "since": "2024-03-12T14:05:00"},
        {"user": "a", "host": 4, "pid": 3, "since": "2024-03-12T14:05:00+01:00"},
        {"user": "a", "host": "b", "pid": 3},
        ["a", "b"],
    ],
)
def test_labels_that_are_not_ours_are_ignored(label):
    assert Holder.from_json(json.dumps(label)) is None


def test_the_time_then_the_date_if_not_today():
    since = datetime(2024, 3, 12, 14, 5).astimezone()
    holder = Holder("dupont", "PREF-ACC-12", 4242, since)
    path = Path("/partage/clu.sqlite")
    assert refusal_message(path, holder, today=date(2024, 3, 12)) == (
        "La base « /partage/clu.sqlite » est déjà ouverte par dupont sur le poste "
        "PREF-ACC-12 (processus 4242) depuis 14h05. Fermez CLU Desktop sur ce poste, "
        "ou ouvrez une autre base."
    )
    assert "(processus 4242) depuis le 12/03/2024 à 14h05." in refusal_message(
        path, holder, today=date(2024, 3, 13)
    )


def test_a_hard_link_to_a_held_database_is_refused(tmp_path, hold):
    path = tmp_path / "clu.sqlite"
    holder = hold(path)
    other = tmp_path / "ailleurs"
    other.mkdir()
    link = other / "autre-nom.sqlite"
    os.link(path, link)
    with pytest.raises(DatabaseInUse, match="est déjà ouverte") as refused:
        open_database(link, exclusive=True)
    assert f"(processus {holder.pid})" in str(refused.value)  # the label follows the file


def test_a_symbolic_link_to_a_held_database_is_refused(tmp_path, hold):
    path = tmp_path / "clu.sqlite"
    hold(path)
    link = tmp_path / "lien.sqlite"
    link.symlink_to(path)
    with pytest.raises(DatabaseInUse, match="est déjà ouverte"):
        open_database(link, exclusive=True)
    dotted = tmp_path / "x" / ".." / "clu.sqlite"
    (tmp_path / "x").mkdir()
    with pytest.raises(DatabaseInUse, match="est déjà ouverte"):
        open_database(dotted, exclusive=True)


def test_a_process_may_open_its_own_database_again_by_a_hard_link(tmp_path):
    path = tmp_path / "clu.sqlite"
    open_database(path, exclusive=True).dispose()
    link = tmp_path / "lien.sqlite"
    os.link(path, link)
    open_database(link, exclusive=True).dispose()
    assert instance_lock.is_held(link)
    instance_lock.release(link)
    assert not instance_lock.is_held(path)


@pytest.mark.parametrize(
    "form",
    [
        "sqlite:///file:{path}?uri=true",
        "sqlite:///file:{path}",
        "sqlite:///FILE:{path}?mode=rwc",
        "sqlite:///{path}?uri=true",
        "sqlite:///{path}?mode=ro",
        "sqlite:///{path}?vfs=unix-none",
        "sqlite:///{path}?nolock=1",
        "sqlite:///{path}?immutable=1",
        "sqlite+aiosqlite:///{path}",
    ],
)
def test_sqlite_uri_forms_are_refused_and_create_nothing(tmp_path, monkeypatch, form):
    monkeypatch.chdir(tmp_path)
    target = form.format(path=tmp_path / "neuf" / "clu.sqlite")
    with pytest.raises(DatabaseError, match="Donnez simplement le chemin du fichier"):
        open_database(target, exclusive=True)
    assert list(tmp_path.iterdir()) == []


def test_a_uri_to_a_held_database_is_refused(tmp_path, hold, monkeypatch):
    path = tmp_path / "clu.sqlite"
    hold(path)
    monkeypatch.chdir(tmp_path)  # the old code made a "file:" folder here
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DatabaseError, match="Rien n'a été créé"):
        open_database(f"sqlite:///file:{path}?uri=true", exclusive=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
