"""clu-desktop backup, restore and check, as a user types them."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clu_desktop.cli import main
from clu_desktop.store.backups import BEFORE_RESTORE, backups_dir, backups_of
from clu_desktop.store.migrate import head_revision, open_database


@pytest.fixture
def demo_file(demo_db, tmp_path) -> Path:
    demo_db.dispose()
    return tmp_path / "clu.sqlite"


def flipped(source: Path, destination: Path, offset: int) -> Path:
    data = bytearray(source.read_bytes())
    data[offset] ^= 0xFF
    destination.write_bytes(bytes(data))
    return destination


def table_page_offset(path: Path, table: str) -> int:
    """The first cell pointer of ``table``'s root page (a leaf: the demo is small)."""
    connection = sqlite3.connect(path)
    try:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    return (root - 1) * page_size + 8


def meetings(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM meeting").fetchone()[0]
    finally:
        connection.close()


# --------------------------------------------------------------------------- check


def test_check_says_a_sound_database_is_sound(demo_file, capsys):
    assert main(["check", "--db", str(demo_file)]) == 0
    out = capsys.readouterr().out
    assert "aucun problème" in out and head_revision() in out


def test_check_reports_a_flipped_byte_in_a_table_page(demo_file, tmp_path, capsys):
    damaged = flipped(
        demo_file, tmp_path / "abime.sqlite", table_page_offset(demo_file, "invitation")
    )
    assert main(["check", "--db", str(damaged)]) == 1
    out = capsys.readouterr().out
    assert "ENDOMMAGÉE" in out and "Intégrité" in out and "invitation" in out
    assert "clu-desktop restore" in out


@pytest.mark.parametrize(("offset", "words"), [(16, "en-tête est endommagé"), (100, "structure")])
def test_check_reports_a_flipped_byte_in_the_header(demo_file, tmp_path, offset, words):
    damaged = flipped(demo_file, tmp_path / "abime.sqlite", offset)
    result = subprocess.run(
        [sys.executable, "-m", "clu_desktop", "check", "--db", str(damaged)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Fichier illisible" in result.stdout and words in result.stdout
    assert "Traceback" not in result.stderr


def test_check_of_what_cannot_be_opened(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "absent.sqlite")]) == 2
    assert "n'existe pas" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("pas une base")
    assert main(["check", "--db", str(tmp_path / "notes.txt")]) == 2
    assert "n'est pas une base de données" in capsys.readouterr().err
    assert main(["check", "--db", "postgresql+psycopg://u@h/clu"]) == 2
    assert "utilisez pg_dump" in capsys.readouterr().err


# -------------------------------------------------------------------------- backup


def test_backup_copies_a_database_in_use(demo_file, tmp_path, capsys):
    db = open_database(demo_file)
    try:
        with db.engine.connect() as connection:  # the window is open
            connection.exec_driver_sql("SELECT 1")
            assert main(["backup", "--db", str(demo_file), "-o", str(tmp_path / "s.sqlite")]) == 0
    finally:
        db.dispose()
    assert "sauvegardée" in capsys.readouterr().out
    assert meetings(tmp_path / "s.sqlite") == meetings(demo_file) == 1
    assert main(["check", "--db", str(tmp_path / "s.sqlite")]) == 0


def test_backup_refuses_a_missing_database(tmp_path, capsys):
    assert main(["backup", "--db", str(tmp_path / "absent.sqlite"), "-o", "x.sqlite"]) == 2
    assert "absent.sqlite » n'existe pas" in capsys.readouterr().err
    assert not (tmp_path / "absent.sqlite").exists()


# ------------------------------------------------------------------------- restore


def test_restore_puts_a_backup_back_and_keeps_the_current_one(demo_file, tmp_path, capsys):
    saved = tmp_path / "avant.sqlite"
    assert main(["backup", "--db", str(demo_file), "-o", str(saved)]) == 0
    db = open_database(demo_file)
    with db.transaction() as session:
        session.execute(__import__("sqlalchemy").text("DELETE FROM meeting"))
    db.dispose()
    assert meetings(demo_file) == 0

    assert main(["restore", "--db", str(demo_file), str(saved)]) == 0
    out = capsys.readouterr().out
    assert "restaurée" in out and "gardée" in out
    assert meetings(demo_file) == 1
    assert not Path(f"{demo_file}-wal").exists()
    (kept,) = backups_of(demo_file, BEFORE_RESTORE)
    assert meetings(kept) == 0  # the replaced database, as it was
    assert main(["check", "--db", str(demo_file)]) == 0
    reopened = open_database(demo_file)  # and the application opens it
    reopened.dispose()


def test_restore_a_damaged_database_from_a_backup(demo_file, tmp_path):
    saved = tmp_path / "avant.sqlite"
    main(["backup", "--db", str(demo_file), "-o", str(saved)])
    flipped(demo_file, demo_file, 16)
    assert main(["restore", "--db", str(demo_file), str(saved)]) == 0
    assert meetings(demo_file) == 1
    (kept,) = backups_of(demo_file, BEFORE_RESTORE)
    assert kept.read_bytes()[16] != saved.read_bytes()[16]  # the damaged one, byte for byte


def refused(capsys, demo_file, source, words):
    before = demo_file.read_bytes()
    assert main(["restore", "--db", str(demo_file), str(source)]) == 2
    err = capsys.readouterr().err
    assert "Restauration refusée" in err or "Rien n'a été modifié" in err, err
    assert words in err
    assert demo_file.read_bytes() == before
    assert not backups_dir().exists() or not backups_of(demo_file, BEFORE_RESTORE)


def test_restore_refuses_a_file_that_is_not_a_database(demo_file, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("pas une base\n" * 100)
    refused(capsys, demo_file, tmp_path / "notes.txt", "n'est pas une base")


def test_restore_refuses_a_damaged_backup(demo_file, tmp_path, capsys):
    damaged = flipped(
        demo_file, tmp_path / "abime.sqlite", table_page_offset(demo_file, "invitation")
    )
    refused(capsys, demo_file, damaged, "endommagé")


def test_restore_refuses_another_applications_database(demo_file, tmp_path, capsys):
    other = tmp_path / "autre.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE recette (nom TEXT)")
    connection.commit()
    connection.close()
    refused(capsys, demo_file, other, "n'est pas une base de données CLU Desktop")


def test_restore_refuses_a_database_of_a_newer_version(demo_file, tmp_path, capsys):
    newer = tmp_path / "future.sqlite"
    shutil.copyfile(demo_file, newer)
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    refused(capsys, demo_file, newer, "version plus récente")


def test_restore_refuses_while_the_database_is_open(demo_file, tmp_path, capsys):
    saved = tmp_path / "avant.sqlite"
    main(["backup", "--db", str(demo_file), "-o", str(saved)])
    db = open_database(demo_file)
    try:
        with db.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
            refused(capsys, demo_file, saved, "ouverte par CLU Desktop ou un autre programme")
    finally:
        db.dispose()


def test_restore_refuses_the_database_itself(demo_file, capsys):
    refused(capsys, demo_file, demo_file, "base actuelle elle-même")


# ---------------------------------------------------------------- daily backup


def test_a_command_that_writes_makes_the_days_backup_once(demo_file, capsys):
    assert main(["list", "--db", str(demo_file)]) == 0  # reading: no backup
    assert not backups_dir().exists()
    assert main(["import", "--db", str(demo_file), "absent.json"]) == 2  # refused, but opened
    daily = backups_of(demo_file)
    assert len(daily) == 1 and daily[0].name.endswith("-quotidienne.sqlite")
    assert meetings(daily[0]) == 1
    assert main(["demo", "--db", str(demo_file)]) == 2  # the same day: no second copy
    assert backups_of(demo_file) == daily


def test_check_lists_broken_references(demo_file, capsys):
    connection = sqlite3.connect(demo_file)  # foreign keys off, as in another program
    connection.execute("DELETE FROM person WHERE id = (SELECT min(person_id) FROM invitation)")
    connection.commit()
    connection.close()
    assert main(["check", "--db", str(demo_file)]) == 1
    out = capsys.readouterr().out
    assert "Référence cassée : table « invitation »" in out and "« person »" in out
