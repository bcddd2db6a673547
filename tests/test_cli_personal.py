"""The command line for personal data: export person, erase person."""

from __future__ import annotations

import json

import pytest

from clu_desktop.cli import main


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "clu.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    return path


def people(db_path) -> list[str]:
    from clu_desktop.services.directory.people import search_people
    from clu_desktop.store.migrate import open_database

    db = open_database(db_path)
    try:
        with db.reading() as session:
            return [p.last_name for p in search_people(session)]
    finally:
        db.dispose()


def test_export_person_writes_their_data(demo_file, tmp_path, capsys):
    out = tmp_path / "guy.json"
    assert main(["export", "person", "--db", str(demo_file), "--person", "6", "-o", str(out)]) == 0
    assert "écrites dans" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["identite"]["nom"] == "GUY"
    assert data["seances_invite"][0]["presence"] == "présent"


def test_export_of_an_unknown_or_malformed_person_is_refused(demo_file, tmp_path, capsys):
    out = tmp_path / "x.json"
    assert main(["export", "person", "--db", str(demo_file), "--person", "99", "-o", str(out)]) == 2
    assert "Aucune personne n° 99" in capsys.readouterr().err
    with pytest.raises(SystemExit) as raised:
        main(["export", "person", "--db", str(demo_file), "--person", "<b>", "-o", str(out)])
    assert raised.value.code == 2
    assert "n'est pas un numéro de personne" in capsys.readouterr().err
    assert not out.exists()


def test_erase_without_yes_off_a_terminal_changes_nothing(demo_file, capsys):
    assert main(["erase", "person", "--db", str(demo_file), "--person", "6"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert "GUY" in people(demo_file)


def test_erase_asks_on_a_terminal(demo_file, capsys, monkeypatch):
    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    answers = iter(["non", "oui"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    args = ["erase", "person", "--db", str(demo_file), "--person", "6"]
    assert main(args) == 1
    assert "rien n'a été modifié" in capsys.readouterr().out
    assert "GUY" in people(demo_file)
    assert main(args) == 0
    assert "GUY" not in people(demo_file)


def test_erase_with_yes_and_anonymise_signed(demo_file, tmp_path, capsys):
    args = ["erase", "person", "--db", str(demo_file), "--person", "6", "--yes"]
    assert main([*args, "--anonymise-signed"]) == 0
    out = capsys.readouterr().out
    assert "compte-rendu signé anonymisé" in out
    assert "sauvegardes" in out
    assert "GUY" not in people(demo_file)
    exported = tmp_path / "seance.json"
    assert main(["export", "json", "--db", str(demo_file), "-o", str(exported)]) == 0
    assert "Bernard" not in exported.read_text(encoding="utf-8")
    assert main(args) == 2  # already gone
    assert "Aucune personne n° 6" in capsys.readouterr().err
