"""Shared fixtures: every test runs offscreen, with its own data folders and database.

The tests of tests/services and tests/interchange that use ``db`` or ``demo_db`` run twice:
on a SQLite file ("sqlite") and on a PostgreSQL database ("postgresql"), the shared mode.
The PostgreSQL server is the one $CLU_TEST_POSTGRESQL points at (a SQLAlchemy URL whose
role may create databases; scripts/start-test-postgresql starts one); without it those
variants are skipped. The PostgreSQL tests share one database, made and migrated once
per session and dropped at its end, emptied before each test (and given the
demonstration meeting, for ``demo_db``): each test finds it as newly made.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy.engine import make_url

POSTGRESQL_ENV = "CLU_TEST_POSTGRESQL"

#: How long pytest-qt's waits (waitUntil, waitSignal, waitExposed…) wait before failing:
#: a bound on a runaway, far above the milliseconds they take, never a speed asserted
#: (pytest-qt's own 5 s failed tests on a loaded machine). Speed is for benchmarks/.
RUNAWAY_WAIT_MS = 60_000


def _bound_the_waits_of_qtbot() -> None:
    from pytestqt.qtbot import QtBot

    for name in ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive"):
        getattr(QtBot, name).__kwdefaults__["timeout"] = RUNAWAY_WAIT_MS
    QtBot.waitCallback.__kwdefaults__["timeout"] = RUNAWAY_WAIT_MS


_bound_the_waits_of_qtbot()
# Folders (under tests/) whose tests run on both engines.
BOTH_ENGINES = ("services", "interchange")
_TESTS = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory, monkeypatch):
    """Point the user's data, config and cache folders at a temporary place."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("CLU_DB", raising=False)
    return home


def pytest_generate_tests(metafunc):
    if not {"db", "demo_db"} & set(metafunc.fixturenames):
        return
    folder = Path(metafunc.definition.path).resolve().relative_to(_TESTS).parts[0]
    if folder in BOTH_ENGINES:
        metafunc.parametrize("db_engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def db_engine(request) -> str:
    """The engine ``db`` runs on: "sqlite", unless the test is parametrized."""
    return getattr(request, "param", "sqlite")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class PostgresqlServer:
    """The test server: one database per session, migrated once, emptied before each
    test (copying a database per test takes half a second; emptying one, a few hundredths).
    """

    def __init__(self, url: str) -> None:
        from sqlalchemy import MetaData, create_engine

        from clu_desktop.services.meetings.files import load_demo
        from clu_desktop.store.migrate import SEARCH_TABLES, open_database

        base = make_url(url)
        name = f"clu_test_{os.getpid()}"
        # CREATE and DROP DATABASE cannot run inside a transaction.
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT")
        self.name = name
        self._drop_leftovers()
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self.url = base.set(database=name).render_as_string(hide_password=False)
        self.engine = open_database(self.url).engine  # migrated to head, once
        metadata = MetaData()
        metadata.reflect(self.engine)
        # The search index is filled by triggers as the other tables are.
        skipped = {"alembic_version", *SEARCH_TABLES}
        self.tables = [table for table in metadata.sorted_tables if table.name not in skipped]
        self.search_tables = [t for t in metadata.sorted_tables if t.name in SEARCH_TABLES]
        with self.engine.connect() as connection:
            self.sequences = [
                f'"{schema}"."{sequence}"'
                for schema, sequence in connection.exec_driver_sql(
                    "SELECT schemaname, sequencename FROM pg_sequences"
                )
            ]
        # The demonstration meeting, loaded once and kept as rows and sequence values.
        database = open_database(self.url)
        with database.transaction() as session:
            load_demo(session)
        database.dispose()
        with self.engine.connect() as connection:
            self.demo_rows = {
                table: [row._asdict() for row in connection.execute(table.select())]
                for table in self.tables
            }
            self.demo_sequences = connection.exec_driver_sql(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), "
                "last_value FROM pg_sequences WHERE last_value IS NOT NULL"
            ).all()

    def reset(self, demo: bool) -> str:
        """Empty the database (with the demonstration meeting in it if ``demo``): as a
        newly migrated one. Returns its URL, password included."""
        from sqlalchemy import insert, text

        with self.engine.begin() as connection:
            # A connection a previous test left open would hold locks: it goes.
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend' AND usename = current_user"
                ),
                {"name": self.name},
            )
            for table in reversed(self.tables):
                connection.execute(table.delete())
            for table in self.search_tables:  # emptied by the triggers; made sure of
                connection.execute(table.delete())
            restarts = [f"setval('{sequence}', 1, false)" for sequence in self.sequences]
            connection.exec_driver_sql(f"SELECT {', '.join(restarts)}")
            if demo:
                for table in self.tables:
                    if self.demo_rows[table]:
                        connection.execute(insert(table), self.demo_rows[table])
                for sequence, value in self.demo_sequences:
                    connection.execute(
                        text("SELECT setval(:sequence, :value)"),
                        {"sequence": sequence, "value": value},
                    )
        return self.url

    def create_blank(self, suffix: str) -> str:
        """A new database that holds nothing, not even a schema version; its URL."""
        self._drop(f"{self.name}_{suffix}")
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{self.name}_{suffix}"')
        return make_url(self.url).set(database=f"{self.name}_{suffix}").render_as_string(False)

    def _drop_leftovers(self) -> None:
        """Drop the databases of test runs that ended without dropping them (killed)."""
        with self.admin.connect() as connection:
            names = connection.exec_driver_sql(
                "SELECT datname FROM pg_database WHERE datname ~ '^clu_test_[0-9]+(_blank)?$'"
            ).scalars()
            for name in list(names):
                pid = int(name.split("_")[2])
                if pid == os.getpid() or not _running(pid):
                    connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')

    def _drop(self, name: str | None = None) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(
                f'DROP DATABASE IF EXISTS "{name or self.name}" WITH (FORCE)'
            )

    def close(self) -> None:
        self.engine.dispose()
        self._drop()
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgresql_server():
    url = os.environ.get(POSTGRESQL_ENV)
    if not url:
        pytest.skip(
            f"PostgreSQL variant: set {POSTGRESQL_ENV} to a server's URL "
            "(scripts/start-test-postgresql starts one)"
        )
    server = PostgresqlServer(url)
    yield server
    server.close()


@pytest.fixture
def postgresql_url(request, postgresql_server) -> str:
    """The URL (password included) of a PostgreSQL database at head that holds nothing,
    or the demonstration meeting if the test uses ``demo_db``; no other test sees it."""
    return postgresql_server.reset(demo="demo_db" in request.fixturenames)


@pytest.fixture
def blank_postgresql_url(postgresql_server) -> str:
    """The URL of a new, empty PostgreSQL database (no tables), dropped afterwards."""
    url = postgresql_server.create_blank("blank")
    yield url
    postgresql_server._drop(f"{postgresql_server.name}_blank")


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory) -> dict[bool, Path]:
    """SQLite files made once per session, as ``db`` and ``demo_db`` hand them out: new
    at head (False), and holding the demonstration meeting (True). Copying one takes a
    few milliseconds; migrating a new file, a fifth of a second; loading the demo, more."""
    from clu_desktop.services.meetings.files import load_demo
    from clu_desktop.store.migrate import open_database

    folder = tmp_path_factory.mktemp("templates")
    with pytest.MonkeyPatch.context() as patch:  # nothing of the user's touched
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            patch.setenv(name, str(folder / name.lower()))
        templates = {}
        for demo in (False, True):
            templates[demo] = folder / f"clu-{'demo' if demo else 'new'}.sqlite"
            database = open_database(templates[demo])
            if demo:
                with database.transaction() as session:
                    load_demo(session)
            database.dispose()  # the last connection closed: no -wal file left beside it
    return templates


@pytest.fixture
def db(request, db_engine, tmp_path, sqlite_templates):
    """A new database at the newest revision: a file of its own (a copy of one migrated
    once per session), or (postgresql) a PostgreSQL database of its own. For a test that
    uses ``demo_db``, it already holds the demonstration meeting, on either engine."""
    from clu_desktop.store.migrate import open_database

    if db_engine == "postgresql":
        target = request.getfixturevalue("postgresql_url")
    else:
        target = tmp_path / "clu.sqlite"
        shutil.copyfile(sqlite_templates["demo_db" in request.fixturenames], target)
    # As newly made, as for the test it is.
    database = dataclasses.replace(open_database(target), created=True)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db):
    """A database holding the demonstration meeting (CLU of 20 December 2023)."""
    from clu_desktop.domain import Meeting
    from clu_desktop.services.meetings.files import load_demo

    with db.reading() as session:
        there = session.get(Meeting, 1) is not None
    if not there:  # asked for by getfixturevalue: ``db`` could not know it in advance
        with db.transaction() as session:
            load_demo(session)
    # The demo is imported as signed (the real minutes of December 2023 were), and signed
    # minutes refuse every edit; most tests edit the demo meeting, so it is put back to
    # "compte-rendu rédigé", as just before signature. Tests about signed minutes use
    # ``signed_demo_db`` or sign it with ``services.documents.signature.sign_minutes``.
    set_demo_status(db, "minutes_drafted")
    return db


@pytest.fixture
def signed_demo_db(demo_db):
    """The demo as imported: its minutes signed, as the real ones were."""
    set_demo_status(demo_db, "minutes_signed")
    return demo_db


def set_demo_status(db, status: str) -> None:
    """Give the demo meeting ``status`` directly, as signing or reopening would."""
    from clu_desktop.domain import Meeting, MeetingStatus
    from clu_desktop.store.signed_minutes import signature_change

    with db.transaction() as session, signature_change(session, 1):
        session.get(Meeting, 1).status = MeetingStatus(status)
        session.flush()  # inside signature_change
