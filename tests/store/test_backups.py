"""Daily and pre-migration backups: readable names, the newest kept, others' files left."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from clu_desktop.errors import UserError
from clu_desktop.store.backups import (
    BEFORE_MIGRATION,
    DAILY,
    backup_destination,
    backups_dir,
    backups_of,
    daily_backup,
    keep_count,
    prune,
)
from clu_desktop.store.database import default_database_path

MONDAY = datetime(2024, 5, 13, 9, 2, 11)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_first_start_of_the_day_makes_one_readable_copy(demo_db, tmp_path):
    path = tmp_path / "clu.sqlite"
    copy = daily_backup(path, MONDAY)
    assert copy is not None and copy.parent == backups_dir()
    assert copy.name.endswith("-2024-05-13-090211-quotidienne.sqlite")
    rows = sqlite3.connect(copy).execute("SELECT count(*) FROM invitation").fetchone()
    assert rows[0] > 0
    # Later the same day: nothing more.
    assert daily_backup(path, MONDAY + timedelta(hours=5)) is None
    assert len(backups_of(path, DAILY)) == 1
    # The next day: a new one.
    assert daily_backup(path, MONDAY + timedelta(days=1)) is not None
    assert len(backups_of(path, DAILY)) == 2


def test_seven_daily_copies_are_kept(demo_db, tmp_path):
    path = tmp_path / "clu.sqlite"
    for day in range(10):
        daily_backup(path, MONDAY + timedelta(days=day))
    kept = backups_of(path, DAILY)
    assert len(kept) == 7
    assert "2024-05-16-" in kept[0].name and "2024-05-22-" in kept[-1].name


def test_kinds_are_kept_separately_and_other_files_never_deleted(demo_db, tmp_path):
    path = tmp_path / "clu.sqlite"
    folder = backups_dir()
    folder.mkdir(parents=True)
    foreign = ["notes.txt", "clu-copie-perso.sqlite", "autre-2024-01-01-000000-quotidienne.sqlite"]
    for name in foreign:
        (folder / name).write_text("à moi")
    migration = backup_destination(path, f"{BEFORE_MIGRATION}-0001", MONDAY)
    migration.write_bytes(b"")
    for day in range(9):
        daily_backup(path, MONDAY + timedelta(days=day))
    assert migration.exists()  # the daily copies do not push it out
    assert all((folder / name).read_text() == "à moi" for name in foreign)
    assert len(backups_of(path)) == 8


def test_two_databases_of_the_same_name_keep_their_own_copies(tmp_path):
    from clu_desktop.store.migrate import open_database

    first, second = tmp_path / "a" / "clu.sqlite", tmp_path / "b" / "clu.sqlite"
    for path in (first, second):
        open_database(path).dispose()
        assert daily_backup(path, MONDAY) is not None
    assert len(backups_of(first)) == len(backups_of(second)) == 1
    assert backups_of(first) != backups_of(second)


def test_the_default_database_gets_the_plainest_name():
    assert backup_destination(default_database_path(), DAILY, MONDAY).name == (
        "clu-2024-05-13-090211-quotidienne.sqlite"
    )


def test_nothing_to_back_up_in_a_missing_or_empty_file(tmp_path):
    assert daily_backup(tmp_path / "absent.sqlite") is None
    (tmp_path / "vide.sqlite").write_bytes(b"")
    assert daily_backup(tmp_path / "vide.sqlite") is None
    assert not backups_dir().exists()


def test_how_many_are_kept_can_be_changed(monkeypatch, demo_db, tmp_path):
    monkeypatch.setenv("CLU_BACKUPS_KEEP", "2")
    path = tmp_path / "clu.sqlite"
    for day in range(4):
        daily_backup(path, MONDAY + timedelta(days=day))
    assert len(backups_of(path, DAILY)) == 2
    monkeypatch.setenv("CLU_BACKUPS_KEEP", "zéro")
    with pytest.raises(UserError, match="CLU_BACKUPS_KEEP doit être un nombre"):
        keep_count()


def test_prune_keeps_the_newest(demo_db, tmp_path):
    path = tmp_path / "clu.sqlite"
    for day in range(3):
        daily_backup(path, MONDAY + timedelta(days=day))
    deleted = prune(path, DAILY, keep=1)
    assert [p.name[-30:] for p in deleted] == [
        p.name[-30:] for p in sorted(deleted)
    ]  # oldest first
    assert len(deleted) == 2
    assert "2024-05-15" in backups_of(path, DAILY)[0].name
