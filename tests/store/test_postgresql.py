"""The shared mode: several workstations on one PostgreSQL database.

These tests need the test server ($CLU_TEST_POSTGRESQL, see tests/conftest.py); without
it they are skipped, except the ones that never connect.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clu_desktop.domain import Committee
from clu_desktop.errors import DatabaseError, UserError
from clu_desktop.services.directory import people as directory_people
from clu_desktop.store.database import Database, create_database_engine, resolve_url
from clu_desktop.store.migrate import current_revision, head_revision, open_database

ROOT = Path(__file__).resolve().parents[2]


def test_the_password_is_never_shown():
    url = resolve_url("postgresql+psycopg://clu:s3cr3t-pw@db.example.org:5432/clu")
    database = Database.for_engine(create_database_engine(url))  # does not connect
    assert database.description == "postgresql+psycopg://clu:***@db.example.org:5432/clu"


def test_two_workstations_see_each_others_committed_changes(postgresql_url):
    first, second = open_database(postgresql_url), open_database(postgresql_url)
    try:
        with first.transaction() as session:
            person_id = directory_people.add_person(session, "Bégué", first_name="Mylène")
            with second.reading() as other:  # not committed yet: the other sees nothing
                assert directory_people.search_people(other, "begue") == []
        with second.reading() as session:
            assert [p.id for p in directory_people.search_people(session, "begue")] == [person_id]
        with second.transaction() as session:
            directory_people.set_person_field(session, person_id, "phone", "03 25 30 22 69")
        with first.reading() as session:
            assert directory_people.get_person_row(session, person_id).phone == "03 25 30 22 69"
        with second.transaction() as session:
            directory_people.delete_person(session, person_id)
        with first.reading() as session:
            assert directory_people.search_people(session, "") == []
    finally:
        first.dispose()
        second.dispose()


def test_a_value_too_long_for_its_column_gets_a_french_message(postgresql_url):
    database = open_database(postgresql_url)
    try:
        with pytest.raises(UserError, match="trop long"), database.transaction() as session:
            session.add(Committee(name="x" * 400))  # past every check: VARCHAR(300)
        with database.reading() as session:
            assert session.scalar(select(func.count()).select_from(Committee)) == 0
    finally:
        database.dispose()


def test_a_new_database_is_migrated_to_head(blank_postgresql_url, isolated_user_folders):
    database = open_database(blank_postgresql_url)
    try:
        with database.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
    finally:
        database.dispose()
    assert not list(isolated_user_folders.rglob("*.sqlite"))  # no SQLite backup


# A workstation: imports everything, says so, waits for the go, then opens the base.
WORKSTATION = """
import sys
from clu_desktop.store.migrate import open_database
print("prêt", flush=True)
sys.stdin.readline()
open_database(sys.argv[1]).dispose()
print("ouverte", flush=True)
"""


def test_workstations_opening_a_new_base_at_once_migrate_it_once(blank_postgresql_url):
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    stations = [
        subprocess.Popen(
            [sys.executable, "-c", WORKSTATION, blank_postgresql_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for _ in range(3)
    ]
    for station in stations:
        assert station.stdout.readline() == "prêt\n"
    for station in stations:  # all at once
        station.stdin.write("\n")
        station.stdin.flush()
    results = [station.communicate(timeout=60) for station in stations]
    assert [
        (station.returncode, out, err)
        for station, (out, err) in zip(stations, results, strict=True)
    ] == [(0, "ouverte\n", "")] * 3
    database = open_database(blank_postgresql_url)
    try:
        with database.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
    finally:
        database.dispose()


def test_a_failed_upgrade_points_at_pg_dump(blank_postgresql_url, monkeypatch):
    from alembic import command
    from alembic.util import CommandError

    def fail(*_args, **_kwargs):
        raise CommandError("boom")

    monkeypatch.setattr(command, "upgrade", fail)
    with pytest.raises(DatabaseError, match="pg_dump") as raised:
        open_database(blank_postgresql_url)
    assert "annulée" in str(raised.value)


def test_a_wrong_password_is_refused_in_french(postgresql_url):
    wrong = resolve_url(postgresql_url).set(password="not-the-password")
    with pytest.raises(DatabaseError) as raised:
        open_database(wrong.render_as_string(hide_password=False))
    message = str(raised.value)
    assert message.startswith("Impossible d'ouvrir la base")
    assert "mot de passe" in message
    assert "not-the-password" not in message
