"""Migrations at start: checks that leave a refused file as it was, backups, upgrades."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import exc as sa_exc
from sqlalchemy import select, update

from clu_desktop.domain import (
    Base,
    Committee,
    CommitteeMember,
    IndicatorValue,
    Meeting,
    Organisation,
    Person,
)
from clu_desktop.errors import DatabaseError
from clu_desktop.store import migrate, revisions
from clu_desktop.store.backups import backup_destination, backup_sqlite
from clu_desktop.store.database import SQLITE_HEADER, Database, data_dir
from clu_desktop.store.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    migration_connection,
    open_database,
)

UNTOUCHED = "n'a pas été modifié"


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups go to a temporary data folder, never to the real home."""
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("CLU_DB", raising=False)
    assert data_dir().is_relative_to(home)
    return home


@pytest.fixture
def backups() -> Path:
    return data_dir() / "backups"


@pytest.fixture
def opened(tmp_path: Path):
    """Open databases, each disposed at the end of the test."""
    databases: list[Database] = []

    def open_(target: Path | str, **options: bool) -> Database:
        database = open_database(target, **options)
        databases.append(database)
        return database

    yield open_
    for database in databases:
        database.dispose()


def make_sqlite(path: Path, *statements: str) -> None:
    """A plain SQLite file (rollback journal), outside the application's engines."""
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def revision_of(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return current_revision(connection)


def make_clu_database(path: Path) -> None:
    """A database at head holding a committee with one member, then closed."""
    database = open_database(path)
    try:
        with database.transaction() as session:
            person = Person(last_name="Guy", organisation=Organisation(name="Préfecture"))
            committee = Committee(name="CLU")
            committee.members.append(CommitteeMember(person=person, role="Président"))
            session.add(committee)
    finally:
        database.dispose()


def table_rows(path: Path, table: str) -> list[tuple]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        connection.close()


# ----------------------------------------------------------------------- the schema


def test_an_empty_database_upgraded_to_head_matches_the_models(tmp_path: Path, opened) -> None:
    database = opened(tmp_path / "clu.sqlite")
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": migrate.include_name}
        )
        diff = compare_metadata(context, Base.metadata)
        assert current_revision(connection) == head_revision() == "0007"
    assert diff == [], "\n".join(map(str, diff))


def test_the_revisions_known_without_alembic_are_the_scripts() -> None:
    """store/revisions.py names what opening a base compares with, without Alembic: the
    same head and the same revisions as the scripts."""
    script = migrate.script_directory()
    assert script.get_current_head() == revisions.HEAD
    assert {r.revision for r in script.walk_revisions()} == revisions.KNOWN
    assert list(revisions.REVISIONS) == sorted(revisions.KNOWN)


def test_the_initial_revision_downgrades_and_upgrades_again(tmp_path: Path, opened) -> None:
    database = opened(tmp_path / "clu.sqlite")
    engine = database.engine
    with migration_connection(engine) as connection:
        command.downgrade(alembic_config(connection), "base")
    with engine.connect() as connection:
        assert connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        ).all() == [("alembic_version",)]
    with migration_connection(engine) as connection:
        command.upgrade(alembic_config(connection), "head")
    assert revision_of(database) == head_revision()


def test_an_in_memory_database_is_created_at_head(opened) -> None:
    database = opened("sqlite://")
    assert revision_of(database) == head_revision()


# ------------------------------------------------------------------------- opening


def test_a_path_in_a_missing_folder_is_created_at_head(
    tmp_path: Path, opened, backups: Path
) -> None:
    path = tmp_path / "missing" / "folder" / "clu.sqlite"
    database = opened(path)
    assert path.is_file()
    assert revision_of(database) == head_revision()
    assert not backups.exists()  # nothing to back up in a new database


def test_an_empty_file_is_created_at_head(tmp_path: Path, opened, backups: Path) -> None:
    path = tmp_path / "clu.sqlite"
    path.touch()
    assert revision_of(opened(path)) == head_revision()
    assert not backups.exists()


def test_a_database_at_head_reopens_without_backup(tmp_path: Path, opened, backups: Path) -> None:
    path = tmp_path / "clu.sqlite"
    make_clu_database(path)
    database = opened(path)
    with database.reading() as session:
        assert session.scalars(select(Person.last_name)).all() == ["Guy"]
    assert not backups.exists()


def test_a_path_with_uri_characters_opens_and_backs_up(tmp_path: Path, opened) -> None:
    path = tmp_path / "dossier #1 ?%20 é" / "clu & co.sqlite"
    path.parent.mkdir()
    make_clu_database(path)
    assert revision_of(opened(path)) == head_revision()  # inspected read-only
    copy = backup_sqlite(path, tmp_path / "copie.sqlite")
    assert table_rows(copy, "person") == table_rows(path, "person")


def test_connections_enforce_foreign_keys_in_wal_mode(tmp_path: Path, opened) -> None:
    database = opened(tmp_path / "clu.sqlite")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(sa_exc.IntegrityError), database.transaction() as session:
        session.add(Person(last_name="Orphelin", organisation_id=999))


def test_without_migrate_a_new_database_is_left_empty(tmp_path: Path, opened) -> None:
    database = opened(tmp_path / "clu.sqlite", migrate=False)
    with database.engine.connect() as connection:
        assert current_revision(connection) is None
        assert connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar() == 0


# ------------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(os.urandom(4096), id="random bytes"),
        pytest.param("Compte rendu de la séance\n".encode() * 50, id="text file"),
        pytest.param(SQLITE_HEADER + b"\xff" * 4000, id="SQLite header, then garbage"),
        pytest.param(SQLITE_HEADER + os.urandom(8192), id="SQLite header, random pages"),
    ],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(
    tmp_path: Path, content: bytes, backups: Path
) -> None:
    path = tmp_path / "clu.sqlite"
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match="n'est pas une base de données") as caught:
        open_database(path)
    assert UNTOUCHED in str(caught.value)
    assert path.read_bytes() == content
    assert not backups.exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="est un dossier"):
        open_database(tmp_path)


def test_a_database_of_another_application_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "autre.sqlite"
    make_sqlite(path, "CREATE TABLE client (id INTEGER PRIMARY KEY, nom TEXT)")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="n'est pas une base de données CLU Desktop"):
        open_database(path)
    assert path.read_bytes() == before  # not even switched to WAL


def test_a_database_made_by_a_newer_version_is_refused_untouched(
    tmp_path: Path, backups: Path
) -> None:
    path = tmp_path / "clu.sqlite"
    make_clu_database(path)
    make_sqlite(path, "UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="version plus récente de CLU Desktop") as caught:
        open_database(path)
    assert "n'a pas été modifiée" in str(caught.value)
    assert path.read_bytes() == before
    assert not backups.exists()


def test_a_version_table_left_empty_beside_tables_is_refused_untouched(tmp_path: Path) -> None:
    """Tables of unknown shape: upgrading from scratch would collide with them."""
    path = tmp_path / "clu.sqlite"
    make_clu_database(path)
    make_sqlite(path, "DELETE FROM alembic_version")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="version de schéma est vide"):
        open_database(path)
    assert path.read_bytes() == before


def test_an_empty_version_table_alone_is_upgraded(tmp_path: Path, opened) -> None:
    """What a downgrade to base leaves: no data, so simply created at head."""
    path = tmp_path / "clu.sqlite"
    make_sqlite(path, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    assert revision_of(opened(path)) == head_revision()


# ------------------------------------------------------------------------- backups


def test_backup_sqlite_copies_a_database_being_used(tmp_path: Path) -> None:
    path = tmp_path / "clu.sqlite"
    make_clu_database(path)
    database = open_database(path)
    try:
        with database.transaction() as session:
            session.add(Organisation(name="Mairie"))
        # The new row is still in the -wal file while this connection stays open.
        with database.engine.connect() as connection:
            copy = backup_sqlite(path, tmp_path / "copies" / "copie.sqlite")
            assert connection.exec_driver_sql("SELECT count(*) FROM organisation").scalar() == 2
    finally:
        database.dispose()

    assert copy == tmp_path / "copies" / "copie.sqlite"
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copie.sqlite"]  # no temp file
    for table in ("organisation", "person", "committee", "committee_member", "alembic_version"):
        assert table_rows(copy, table) == table_rows(path, table)
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        connection.close()


def test_backup_sqlite_replaces_an_older_copy(tmp_path: Path) -> None:
    path = tmp_path / "clu.sqlite"
    make_clu_database(path)
    destination = tmp_path / "copie.sqlite"
    destination.write_bytes(b"ancienne copie")
    backup_sqlite(path, destination)
    assert table_rows(destination, "person") == table_rows(path, "person")


def test_backup_sqlite_of_a_non_database_leaves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("pas une base\n" * 100)
    folder = tmp_path / "copies"
    with pytest.raises(DatabaseError, match="Impossible de sauvegarder"):
        backup_sqlite(source, folder / "copie.sqlite")
    assert list(folder.iterdir()) == []
    assert source.read_text() == "pas une base\n" * 100


# -------------------------------------------------- upgrading an older database

#: The application's head, and the revision the tests add after it.
HEAD = head_revision()
NEXT = f"{int(HEAD) + 1:04d}"

SECOND_REVISION = '''"""Test revision: a new column, added by rebuilding the person table."""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down_revision}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", recreate="always") as batch:
        batch.add_column(sa.Column("nickname", sa.String(50)))
    {after}


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("nickname")
'''


@pytest.fixture
def newer_scripts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Make this application one version newer: a copy of its scripts with one more."""

    def install(after: str = "") -> None:
        folder = tmp_path / "scripts à 100%" / "migrations"  # "%": ConfigParser syntax
        shutil.copytree(
            migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__")
        )
        (folder / "versions" / f"{NEXT}_nickname.py").write_text(
            SECOND_REVISION.format(after=after, revision=NEXT, down_revision=HEAD),
            encoding="utf-8",
        )
        monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
        monkeypatch.setattr(migrate, "HEAD", NEXT)  # what store/revisions.py would say
        monkeypatch.setattr(migrate, "KNOWN", migrate.KNOWN | {NEXT})

    return install


def test_an_older_database_is_backed_up_then_upgraded(
    tmp_path: Path, opened, newer_scripts, backups: Path
) -> None:
    path = tmp_path / "clu.sqlite"
    make_clu_database(path)
    members_before = table_rows(path, "committee_member")
    newer_scripts()
    database = opened(path)

    assert revision_of(database) == NEXT
    # Rebuilding person did not cascade to the members referring to it.
    assert table_rows(path, "committee_member") == members_before
    with database.engine.connect() as connection:
        assert "nickname" in {
            row[1] for row in connection.exec_driver_sql("PRAGMA table_info(person)")
        }
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(sa_exc.IntegrityError), database.transaction() as session:
        session.add(Person(last_name="Orphelin", organisation_id=999))

    (backup,) = backups.iterdir()
    assert backup.name.startswith("clu-")
    assert backup.name.endswith(f"-avant-migration-{HEAD}.sqlite")
    assert table_rows(backup, "alembic_version") == [(HEAD,)]
    assert table_rows(backup, "committee_member") == members_before


def test_a_failed_upgrade_is_rolled_back(tmp_path: Path, newer_scripts, backups: Path) -> None:
    path = tmp_path / "clu.sqlite"
    make_clu_database(path)
    newer_scripts(after='op.execute("SELECT * FROM table_qui_n_existe_pas")')
    with pytest.raises(DatabaseError, match="a échoué") as caught:
        open_database(path)

    (backup,) = backups.iterdir()
    assert str(backup) in str(caught.value)
    assert table_rows(path, "alembic_version") == [(HEAD,)]
    connection = sqlite3.connect(path)
    try:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(person)")}
        assert "nickname" not in columns
        assert (
            connection.execute(
                "SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp%'"
            ).fetchall()
            == []
        )
    finally:
        connection.close()
    assert table_rows(path, "person") == table_rows(backup, "person")


def test_without_migrate_an_older_database_is_neither_backed_up_nor_upgraded(
    tmp_path: Path, opened, newer_scripts, backups: Path
) -> None:
    path = tmp_path / "clu.sqlite"
    make_clu_database(path)
    newer_scripts()
    assert revision_of(opened(path, migrate=False)) == HEAD
    assert not backups.exists()


def test_the_backup_path_never_overwrites(tmp_path: Path, backups: Path) -> None:
    first = backup_destination(tmp_path / "clu.sqlite", "avant-migration-0001")
    backups.mkdir(parents=True)
    first.write_bytes(b"")
    second = backup_destination(tmp_path / "clu.sqlite", "avant-migration-0001")
    assert second != first
    assert second.parent == first.parent == backups


def test_a_representation_of_before_0004_becomes_a_substitute(tmp_path: Path, opened) -> None:
    """Before proxies existed, « représenté par » was someone sitting in the member's
    place: an older database keeps that meaning, nobody becomes a proxy by surprise."""
    from clu_desktop.services.meetings.files import load_demo

    path = tmp_path / "clu.sqlite"
    database = opened(path)
    with database.transaction() as session:
        load_demo(session)
    with migration_connection(database.engine) as connection:
        command.downgrade(alembic_config(connection), "0003")
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE invitation SET status = 'represented', represented_by_name = 'M. Z' "
            "WHERE id = 2"
        )
    with migration_connection(database.engine) as connection:
        command.upgrade(alembic_config(connection), "head")
    assert [row[0] for row in table_rows_of(path, "SELECT representation FROM invitation")] == [
        None,
        "substitute",
        *[None] * 13,
    ]


def table_rows_of(path: Path, query: str) -> list[tuple]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(query + " ORDER BY id").fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_minutes_signed_before_0006_get_their_annexes_frozen(
    tmp_path: Path, opened, engine: str, request
) -> None:
    """A base of before 0006 with signed minutes: the upgrade freezes what their
    indicator annexes print from the values of the base then; an import afterwards no
    longer changes them, and minutes not signed keep printing the live values."""
    from clu_desktop.services.documents.snapshot import meeting_snapshot
    from clu_desktop.services.meetings import annex_freeze
    from clu_desktop.services.meetings.files import load_demo

    path = (
        request.getfixturevalue("blank_postgresql_url")
        if engine == "postgresql"
        else tmp_path / "clu.sqlite"
    )
    database = opened(path)
    with database.transaction() as session:
        load_demo(session)  # meeting 1, imported as signed
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE meeting SET title = 'Autre' WHERE id = 1")
    with database.transaction() as session:
        load_demo(session, force=True)  # meeting 2: the same, put back to "tenue" below
    with migration_connection(database.engine) as connection:
        command.downgrade(alembic_config(connection), "0005")
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE meeting SET status = 'held' WHERE id = 2")
        connection.exec_driver_sql(
            "UPDATE indicator_value SET value = 47000 WHERE value = 48500 AND period = '2022'"
        )
    with migration_connection(database.engine) as connection:
        command.upgrade(alembic_config(connection), "head")
    database.dispose()
    database = opened(path)

    def printed(meeting_id: int) -> list[float]:
        with database.reading() as session:
            annexes = meeting_snapshot(session, meeting_id).annexes
        return [
            v.value
            for a in annexes
            for i in a.indicators
            if i.code == "RS-CONNEXIONS"
            for v in i.values
        ]

    with database.reading() as session:
        meeting = session.get(Meeting, 1)
        frozen = annex_freeze.loads(meeting.signed_annexes)
        assert frozen == annex_freeze.live_annexes(session, meeting)
        assert session.get(Meeting, 2).signed_annexes is None
    with database.transaction() as session:
        session.execute(update(IndicatorValue).values(value=1.0))
    assert printed(1) == [47000.0]
    assert printed(2) == [1.0]
