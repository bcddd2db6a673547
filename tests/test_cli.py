"""The command line as a user types it."""

from __future__ import annotations

import json
import subprocess
import sys

from clu_desktop import __version__
from clu_desktop.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "clu_desktop", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"CLU Desktop {__version__}"


def test_demo_then_list_shows_the_meeting_of_20_december_2023(tmp_path):
    db = tmp_path / "new folder" / "clu.sqlite"
    assert run("demo", "--db", str(db)).returncode == 0
    listed = run("list", "--db", str(db))
    assert listed.returncode == 0
    fields = listed.stdout.strip().split("\t")
    assert fields == [
        "1",
        "20/12/2023",
        "Comité local des usagers",
        "Comité local des usagers (CLU)",
        "compte-rendu signé",
    ]


def test_db_can_come_from_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CLU_DB", str(tmp_path / "env.sqlite"))
    assert main(["demo"]) == 0
    assert (tmp_path / "env.sqlite").exists()
    assert main(["list"]) == 0
    assert "20/12/2023" in capsys.readouterr().out


def test_default_database_lives_in_the_user_data_folder(isolated_user_folders, capsys):
    expected = isolated_user_folders / "xdg_data_home" / "clu-desktop" / "clu.sqlite"
    assert main(["demo"]) == 0
    assert f"Nouvelle base créée : {expected}." in capsys.readouterr().out
    assert expected.exists()
    assert main(["list"]) == 0
    assert "20/12/2023" in capsys.readouterr().out


def test_demo_twice_is_refused_in_french(tmp_path, capsys):
    db = str(tmp_path / "clu.sqlite")
    assert main(["demo", "--db", db]) == 0
    assert main(["demo", "--db", db]) == 2
    assert "contient déjà 1 séance" in capsys.readouterr().err


def test_export_and_import_json(tmp_path, capsys):
    source, target = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    out = tmp_path / "export" / "seance.json"
    assert main(["demo", "--db", source]) == 0
    assert main(["export", "json", "--meeting", "latest", "-o", str(out), "--db", source]) == 0
    assert json.loads(out.read_text("utf-8"))["meeting"]["date"] == "2023-12-20"
    assert main(["--db", target, "import", str(out)]) == 0
    assert main(["list", "--db", target]) == 0
    assert "20/12/2023" in capsys.readouterr().out


def test_export_of_an_unknown_meeting_is_refused(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite")
    assert main(["demo", "--db", db]) == 0
    out = tmp_path / "x.json"
    assert main(["export", "json", "--meeting", "42", "-o", str(out), "--db", db]) == 2
    assert "Aucune séance n'a le numéro 42" in capsys.readouterr().err
    assert not out.exists()


def test_a_file_that_is_not_a_database_is_left_untouched(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Compte-rendu à relire\n" * 100, "utf-8")
    before = notes.read_bytes()
    result = run("list", "--db", str(notes))
    assert result.returncode == 2
    assert "n'est pas une base de données CLU Desktop" in result.stderr
    assert "Traceback" not in result.stderr
    assert notes.read_bytes() == before


def test_import_of_a_broken_file_says_where(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "clu-desktop-meeting", "version": 1,\n "meeting": }', "utf-8")
    assert main(["import", str(bad), "--db", str(tmp_path / "a.sqlite")]) == 2
    assert "ligne 2" in capsys.readouterr().err


def test_unknown_command_is_answered_in_french(capsys):
    try:
        main(["imprimer"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "erreur" in capsys.readouterr().err


def test_a_database_from_a_newer_version_is_refused_and_untouched(tmp_path, capsys):
    import sqlite3

    db = tmp_path / "future.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    capsys.readouterr()
    before = db.read_bytes()
    assert main(["list", "--db", str(db)]) == 2
    assert "version plus récente de CLU Desktop" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_import_indicators_from_a_spreadsheet(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite")
    assert main(["demo", "--db", db]) == 0
    values = tmp_path / "valeurs 2023.csv"
    values.write_text(
        "indicateur;période;site;valeur;commentaire\n"
        "SATISFACTION;2023;;93,5 %;enquête de novembre\n"
        "PAN-USAGE;2023;Sous-préfecture de Langres;1 234;\n"
        "SATISFACTION;2022;;91;\n",
        encoding="cp1252",
    )
    capsys.readouterr()
    assert main(["import", "indicators", str(values), "--db", db]) == 0
    assert capsys.readouterr().out == "3 valeurs importées (2 ajoutées, 1 mise à jour).\n"
    result = run("--db", db, "import", "indicators", str(values))
    assert result.returncode == 0
    assert result.stdout == "3 valeurs importées (0 ajoutée, 3 mises à jour).\n"


def _value_rows(db: str) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT * FROM indicator_value ORDER BY id").fetchall()
    connection.close()
    return rows


def test_import_indicators_refuses_a_bad_line_and_changes_nothing(tmp_path):
    db = str(tmp_path / "a.sqlite")
    assert main(["demo", "--db", db]) == 0
    values = tmp_path / "valeurs.csv"
    values.write_text(
        "indicateur;période;valeur\nSATISFACTION;2023;95\nSATISFACTION;2024;12,,5\n", "utf-8"
    )
    before = _value_rows(db)
    result = run("import", "indicators", str(values), "--db", db)
    assert result.returncode == 2
    assert "Ligne 3, colonne « valeur » : valeur illisible : « 12,,5 »" in result.stderr
    assert "Rien n'a été importé." in result.stderr
    assert "Traceback" not in result.stderr
    assert _value_rows(db) == before


def test_import_indicators_needs_a_file(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite")
    assert main(["import", "indicators", "--db", db]) == 2
    assert "import indicators FICHIER" in capsys.readouterr().err
    assert main(["import", "indicators", str(tmp_path / "absent.xlsx"), "--db", db]) == 2
    assert "« absent.xlsx » est introuvable" in capsys.readouterr().err


def test_import_takes_one_meeting_file_at_a_time(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite")
    assert main(["import", "a.json", "b.json", "--db", db]) == 2
    assert "import indicators b.json" in capsys.readouterr().err


def test_a_convocation_without_its_date_is_not_dated_today_and_the_user_is_told(tmp_path, capsys):
    import datetime as dt

    from babel.dates import format_date

    db, pdf = str(tmp_path / "clu.sqlite"), tmp_path / "convocation.pdf"
    assert main(["demo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "agenda", "--meeting", "latest", "-o", str(pdf), "--db", db]) == 0
    said = capsys.readouterr().out
    assert "la date de convocation n'est pas renseignée" in said
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    today = format_date(dt.date.today(), "d MMMM y", locale="fr_FR")
    assert today not in " ".join(text.split())


def test_a_document_without_letterhead_is_refused_unless_asked_for(tmp_path, capsys):
    """A base whose letterhead was never filled prints no document silently: the export
    is refused (code 2) with where to fill it, and --sans-en-tete writes it anyway."""
    from sqlalchemy import delete

    from clu_desktop.domain import Identity
    from clu_desktop.store.migrate import open_database

    db = str(tmp_path / "clu.sqlite")
    assert main(["demo", "--db", db]) == 0
    database = open_database(db)
    with database.transaction() as session:
        session.execute(delete(Identity))
    database.dispose()
    capsys.readouterr()
    for kind in ("minutes", "agenda", "sign-in-sheet"):
        pdf = tmp_path / f"{kind}.pdf"
        assert main(["export", kind, "-o", str(pdf), "--db", db]) == 2
        said = capsys.readouterr().err
        assert "L'en-tête des documents est vide" in said
        assert "Fichier › Paramètres" in said and "--sans-en-tete" in said
        assert not pdf.exists()
        assert main(["export", kind, "--sans-en-tete", "-o", str(pdf), "--db", db]) == 0
        assert pdf.is_file()


def test_export_minutes_of_minutes_signed_in_the_application_is_the_signed_pdf(tmp_path, capsys):
    """The export of signed minutes is the PDF that was signed, byte for byte, and says
    so; values imported after the signature change nothing in it."""
    import datetime as dt
    import hashlib

    from clu_desktop.domain import Meeting
    from clu_desktop.services.documents.signature import reopen_minutes, sign_minutes
    from clu_desktop.store.migrate import open_database

    db = str(tmp_path / "clu.sqlite")
    assert main(["demo", "--db", db]) == 0
    database = open_database(db)
    with database.transaction() as session:
        reopen_minutes(session, 1, "Claire Martin", "Signé dans CLU Desktop")
        sign_minutes(session, 1, "Claire Martin", at=dt.datetime(2024, 4, 8, 10, 12))
    with database.reading() as session:
        meeting = session.get(Meeting, 1)
        stored, digest = meeting.signed_pdf, meeting.signed_sha256
    database.dispose()
    table = tmp_path / "valeurs.csv"
    table.write_text("indicateur;période;valeur\nRS-CONNEXIONS;2022;1\n", encoding="utf-8")
    assert main(["import", "indicators", str(table), "--db", db]) == 0
    capsys.readouterr()
    pdf = tmp_path / "cr.pdf"
    assert main(["export", "minutes", "--meeting", "1", "-o", str(pdf), "--db", db]) == 0
    said = capsys.readouterr().out
    assert pdf.read_bytes() == stored
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == digest
    assert "Compte-rendu signé le 08/04/2024 à 10:12 par Claire Martin : copie du PDF signé" in said
    assert digest in said
