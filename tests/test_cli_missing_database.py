"""A database that does not exist is never made by a command that only reads: a typo in
--db, or a deleted file, is told in French (exit 2) and nothing is created. The window
and the commands that write make a new one, and say so."""

from __future__ import annotations

from pathlib import Path

import pytest

from clu_desktop.cli import main
from clu_desktop.store.migrate import open_database

READING = [
    ["list"],
    ["check"],
    ["backup", "-o", "{out}/copie.sqlite"],
    ["export", "json", "--meeting", "1", "-o", "{out}/s.json"],
    ["export", "minutes", "--meeting", "1", "-o", "{out}/cr.pdf"],
    ["export", "agenda", "--meeting", "1", "-o", "{out}/conv.pdf"],
    ["export", "sign-in-sheet", "--meeting", "1", "-o", "{out}/em.pdf"],
    ["export", "attendance", "--meeting", "1", "-o", "{out}/p.csv"],
    ["export", "person", "--person", "1", "-o", "{out}/p.json"],
    ["erase", "person", "--person", "1", "--yes"],  # writes, but only into a base
]


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("where", ["typo/clu.sqlite", "clu.sqlite"])
def test_a_reading_command_on_a_missing_database_creates_nothing(tmp_path, capsys, command, where):
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / where
    before = tree(tmp_path)
    argv = [part.format(out=out) for part in command] + ["--db", str(target)]
    assert main(argv) == 2
    said = capsys.readouterr()
    assert f"La base « {target} » n'existe pas" in said.err
    assert "Rien n'a été créé" in said.err
    assert "Traceback" not in said.err and said.out == ""
    assert tree(tmp_path) == before


def test_the_default_database_is_not_made_by_list(isolated_user_folders, capsys):
    before = tree(isolated_user_folders)
    assert main(["list"]) == 2
    assert "Aucune base n'a encore été créée" in capsys.readouterr().err
    assert tree(isolated_user_folders) == before


def test_an_empty_file_is_not_given_a_schema_by_a_reading_command(tmp_path, capsys):
    empty = tmp_path / "vide.sqlite"
    empty.touch()
    assert main(["list", "--db", str(empty)]) == 2
    assert "est vide" in capsys.readouterr().err
    assert empty.stat().st_size == 0
    assert tree(tmp_path) == {"vide.sqlite"}


def test_a_writing_command_makes_the_database_and_says_so(tmp_path, capsys):
    target = tmp_path / "nouveau" / "clu.sqlite"
    assert main(["demo", "--db", str(target)]) == 0
    assert f"Nouvelle base créée : {target}." in capsys.readouterr().out
    assert target.is_file()
    assert main(["list", "--db", str(target)]) == 0
    assert "Nouvelle base" not in capsys.readouterr().out


def test_open_database_tells_whether_it_made_the_database(tmp_path):
    target = tmp_path / "clu.sqlite"
    first = open_database(target)
    assert first.created
    first.dispose()
    again = open_database(target, create=False)
    assert not again.created
    again.dispose()


def test_the_window_says_it_made_a_new_database(qapp, tmp_path):
    from clu_desktop.gui.main_window import MainWindow

    target = tmp_path / "clu.sqlite"
    db = open_database(target)
    window = MainWindow(db)
    try:
        assert window.statusBar().currentMessage() == f"Nouvelle base créée : {target}"
    finally:
        window.close()
        db.dispose()
    db = open_database(target)
    window = MainWindow(db)
    try:
        assert "Nouvelle base" not in window.statusBar().currentMessage()
    finally:
        window.close()
        db.dispose()


def test_an_empty_postgresql_database_is_not_given_a_schema_by_a_reading_command(
    blank_postgresql_url, capsys
):
    from sqlalchemy import create_engine, inspect

    assert main(["list", "--db", blank_postgresql_url]) == 2
    assert "est vide" in capsys.readouterr().err
    engine = create_engine(blank_postgresql_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    assert main(["demo", "--db", blank_postgresql_url]) == 0
    assert "Nouvelle base créée : postgresql+psycopg://" in capsys.readouterr().out
