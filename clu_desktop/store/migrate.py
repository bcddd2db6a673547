"""Schema migrations: a database is brought to the current revision when it is opened.

``open_database`` checks a database before touching it, and refuses, leaving the file
exactly as it was, one that is not a CLU Desktop database or that a newer version of the
application has made. A SQLite file that holds data is copied into the backups folder
(``clu_desktop.store.backups``) before any migration; then every pending revision runs
in a single transaction, so an upgrade either completes or leaves the database as it was.

The Alembic scripts live in the package (``clu_desktop/store/migrations``), and the
Alembic configuration is built in code: no alembic.ini is needed at run time.

Writing a new revision (developers, from the repository root, where ``alembic.ini``
points ``sqlalchemy.url`` at a scratch file, ``dev-migrations.sqlite``)::

    alembic upgrade head                # the scratch database at the current head
    # ...change the models in clu_desktop/domain/...
    alembic revision --autogenerate --rev-id 0002 -m "what changes"
    # read and clean clu_desktop/store/migrations/versions/0002_what_changes.py, then
    alembic upgrade head && alembic downgrade -1 && alembic upgrade head
    pytest tests/store

Revision ids are sequential: "0001", "0002"... (always pass ``--rev-id``). A revision must
run on SQLite: alter tables with ``with op.batch_alter_table("name") as batch:``, which
autogenerate writes since ``render_as_batch`` is on. Foreign keys are off while SQLite
migrates (a rebuilt table would otherwise cascade its deletes) and checked before commit.
``-x db=PATH_OR_URL`` runs a command on another database, without a backup.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from clu_desktop.errors import DatabaseError
from clu_desktop.store import instance_lock, location
from clu_desktop.store.backups import (
    backup_before_migration,
    read_only_uri,
    tighten_database_files,
)
from clu_desktop.store.database import (
    BUSY_TIMEOUT_MS,
    Database,
    create_database_engine,
    describe_url,
    resolve_url,
    sqlite_path,
    url_passwords,
)
from clu_desktop.store.network import refuse_network_share
from clu_desktop.store.revisions import HEAD, KNOWN
from clu_desktop.store.secrets import mask

if TYPE_CHECKING:  # Alembic is imported only to upgrade (store/revisions.py)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
#: The meetings' search index (revision 0005): made and filled by SQL triggers, not by the
#: models. On SQLite an FTS5 table and its shadow tables ``search_index_*``.
SEARCH_TABLES = ("search_index", "search_entry")
MIGRATION_LOCK = 0x434C55  # PostgreSQL advisory lock key held while a base migrates
PG_DUMP_HINT = (
    "Une base PostgreSQL n'est pas copiée avant une mise à jour : son administrateur la "
    "sauvegarde avec pg_dump (par exemple avant d'installer une nouvelle version)."
)


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic's filter: the search index is left out of the comparison with the models."""
    if type_ == "table" and name is not None:
        return not any(name == t or name.startswith(f"{t}_") for t in SEARCH_TABLES)
    return True


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration, built in code; ``connection`` is handed to env.py."""
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolates "%": a folder name may hold one.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    """Alembic's view of the scripts (the tests compare it with store/revisions.py)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The revision the current models correspond to."""
    return HEAD


def known_revisions() -> frozenset[str]:
    """Every revision this version of the application has a script for."""
    return KNOWN


def current_revision(connection: Connection) -> str | None:
    """The revision the database is stamped with, or None for an unversioned database."""
    heads = _read_state(connection).heads
    if len(heads) > 1:
        raise DatabaseError(f"La base a plusieurs versions de schéma : {', '.join(heads)}.")
    return heads[0] if heads else None


# ------------------------------------------------------------------------- inspection


@dataclass(frozen=True)
class _State:
    """What a database holds, read before anything is written to it."""

    tables: frozenset[str]  # without alembic_version
    versioned: bool  # alembic_version exists
    heads: tuple[str, ...]  # its rows: () when it is missing or empty


_EMPTY = _State(frozenset(), versioned=False, heads=())


def _read_state(connection: Connection) -> _State:
    tables = set(inspect(connection).get_table_names())
    if VERSION_TABLE not in tables:
        return _State(frozenset(tables), versioned=False, heads=())
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    heads = tuple(str(row[0]) for row in rows)
    return _State(frozenset(tables - {VERSION_TABLE}), versioned=True, heads=tuple(heads))


def _inspect_sqlite_file(path: Path) -> _State:
    """Read a SQLite file through a read-only connection: the engine's own connections
    switch the file to WAL, which writes to it."""
    if not path.exists() or path.stat().st_size == 0:
        return _EMPTY
    uri = read_only_uri(path)
    reader = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000),
        poolclass=NullPool,
        hide_parameters=True,
    )
    try:
        with reader.connect() as connection:
            return _read_state(connection)
    finally:
        reader.dispose()


def _describe(url: URL) -> str:
    return describe_url(url)


# The database server's refusals (the driver's English), said in French.
_SERVER_CAUSES = (
    ("connection refused", "le serveur ne répond pas à cette adresse (connexion refusée)."),
    ("password authentication failed", "le nom d'utilisateur ou le mot de passe est refusé."),
    ("no password supplied", "le serveur demande un mot de passe."),
    ("does not exist", "cette base ou cet utilisateur n'existe pas sur le serveur."),
    ("translate host name", "l'adresse du serveur est inconnue."),
    ("name or service not known", "l'adresse du serveur est inconnue."),
    ("timeout", "le serveur n'a pas répondu à temps."),
    ("timed out", "le serveur n'a pas répondu à temps."),
    ("no route to host", "le serveur est injoignable (réseau)."),
    ("network is unreachable", "le serveur est injoignable (réseau)."),
    ("ssl", "la connexion chiffrée (SSL) a échoué."),
)


def _server_cause(detail: str) -> str:
    """The server's refusal in French ("le serveur a refusé la connexion." if unknown)."""
    lowered = detail.lower()
    for marker, cause in _SERVER_CAUSES:
        if marker in lowered:
            return cause
    return "le serveur a refusé la connexion."


def _inspect(engine: Engine) -> _State:
    path = sqlite_path(engine.url)
    where = _describe(engine.url)
    try:
        if path is not None:
            return _inspect_sqlite_file(path)
        with engine.connect() as connection:
            return _read_state(connection)
    except sa_exc.DatabaseError as exc:
        if path is None:
            # The driver's first line ("connection failed: ... password authentication
            # failed"): the rest repeats it or shows SQL.
            detail = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else exc
            detail = mask(str(detail), url_passwords(engine.url))
            raise DatabaseError(
                f"Impossible d'ouvrir la base « {where} » : {_server_cause(detail)} "
                "Vérifiez l'adresse, le nom d'utilisateur et le mot de passe, et que le "
                f"serveur est démarré. (Détail technique : {detail}.)"
            ) from exc
        if isinstance(exc.orig, sqlite3.OperationalError):
            raise DatabaseError(
                f"Impossible de lire « {where} » : {exc.orig}. Le fichier n'a pas été modifié."
            ) from exc
        raise DatabaseError(
            f"« {where} » n'est pas une base de données CLU Desktop (fichier illisible ou "
            "endommagé). Le fichier n'a pas été modifié."
        ) from exc


def _refuse_foreign(state: _State, where: str, known: frozenset[str]) -> None:
    """Refuse a database this version must not migrate; nothing has been written yet."""
    if state.tables and not state.versioned:
        raise DatabaseError(
            f"« {where} » n'est pas une base de données CLU Desktop : elle contient des "
            "tables mais aucune version de schéma. Elle n'a pas été modifiée."
        )
    if state.tables and not state.heads:
        # alembic_version is there but empty: tables of unknown shape, that a migration
        # from scratch would collide with. Refused rather than guessed at.
        raise DatabaseError(
            f"« {where} » n'est pas une base de données CLU Desktop reconnue : elle "
            "contient des tables mais sa version de schéma est vide. Elle n'a pas été "
            "modifiée."
        )
    unknown = [head for head in state.heads if head not in known]
    if unknown:
        raise DatabaseError(
            f"La base « {where} » a été créée ou mise à jour par une version plus récente "
            f"de CLU Desktop (schéma {', '.join(unknown)}) : ouvrez-la avec cette version. "
            "Elle n'a pas été modifiée."
        )


# -------------------------------------------------------------------------- upgrading


def _set_sqlite_foreign_keys(connection: Connection, enabled: bool) -> None:
    # Through the driver: a statement through SQLAlchemy would begin a transaction first,
    # and SQLite ignores this pragma inside one.
    driver = connection.connection.driver_connection
    assert driver is not None  # an open connection has its driver's
    cursor = driver.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if enabled else 'OFF'}")
    finally:
        cursor.close()


def _foreign_key_violations(connection: Connection) -> set[tuple[object, ...]]:
    rows = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    return {(table, rowid, parent) for table, rowid, parent, _fk in rows}


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside one transaction, for migrations: committed if the block ends
    normally, rolled back on any error.

    With SQLite, foreign keys are off meanwhile (rebuilding a table in batch mode drops
    the old one, which would cascade to the rows referring to it), and a migration that
    leaves new broken references is rolled back. They are on again afterwards.
    """
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            _set_sqlite_foreign_keys(connection, False)
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    # Workstations opening a shared base at once: one migrates, the others
                    # wait here, then find it at head (Alembic reads the version after).
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                before = _foreign_key_violations(connection) if sqlite else set()
                yield connection
                if sqlite:
                    broken = _foreign_key_violations(connection) - before
                    if broken:
                        tables = ", ".join(sorted({str(table) for table, *_ in broken}))
                        raise DatabaseError(
                            "La mise à jour de la base laisserait des références cassées "
                            f"(tables {tables}) : elle a été annulée."
                        )
        finally:
            if sqlite:
                try:
                    _set_sqlite_foreign_keys(connection, True)
                except Exception:
                    connection.invalidate()  # never back to the pool without foreign keys
                    raise


def _upgrade(engine: Engine, where: str, backup: Path | None) -> None:
    saved = f" Une copie faite juste avant est dans « {backup} »." if backup else ""
    if engine.dialect.name == "postgresql":
        saved = f" {PG_DUMP_HINT}"
    from alembic import command
    from alembic.util import CommandError

    try:
        with migration_connection(engine) as connection:
            command.upgrade(alembic_config(connection), "head")
    except DatabaseError as exc:
        raise DatabaseError(f"{exc}{saved}") from exc
    except (sa_exc.SQLAlchemyError, CommandError) as exc:
        # The driver's own message, without the SQL statement SQLAlchemy appends.
        detail = mask(
            str(getattr(exc, "orig", None) or exc).splitlines()[0], url_passwords(engine.url)
        )
        raise DatabaseError(
            f"La mise à jour de la base « {where} » a échoué ({detail}) : elle a été "
            f"annulée et la base est restée dans son état précédent.{saved}"
        ) from exc


# ---------------------------------------------------------------------------- opening


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    migrate: bool = True,
    exclusive: bool = False,
    create: bool = True,
) -> Database:
    """Open ``target`` (a path or URL; else $CLU_DB; else the default file) at head.

    Refused with ``DatabaseError``, the file left as it was: a file that is not a SQLite
    database, a database with tables but no CLU Desktop schema version (an
    ``alembic_version`` table that is missing, or empty), a database stamped with a
    revision this version does not know (a newer CLU Desktop made it).

    A new or empty database is created at head. A SQLite file behind head is first
    copied to ``data_dir()/backups``, then upgraded (another engine is not backed up:
    that is its administrator's job, with pg_dump, as a failed upgrade says). With
    ``migrate=False`` the checks are the same but nothing is backed up or upgraded: the
    database may be behind head, or empty.

    A SQLite file on a network share is refused (``store/network.py``). With
    ``exclusive=True`` (the window and the commands that write) this process also takes
    the file's instance lock for its whole life, and a file another instance holds is
    refused with ``DatabaseInUse`` naming it (``store/instance_lock.py``).

    With ``create=False`` (the commands that only read) a database that does not exist
    yet is refused and nothing is made: no folder, no file, no schema in an empty
    database. The returned ``Database.created`` says that this call made a new one.
    """
    url = resolve_url(target)
    path = sqlite_path(url)
    if path is not None:
        if not create and not path.exists():
            raise DatabaseError(location.missing_database(path, target))
        refuse_network_share(path)
    engine = create_database_engine(url)
    where = _describe(url)
    claimed = exclusive and path is not None and not instance_lock.is_held(path)
    try:
        if exclusive and path is not None:
            instance_lock.claim(path)
            tighten_database_files(path)
        state = _inspect(engine)
        _refuse_foreign(state, where, KNOWN)
        created = not state.tables and not state.heads
        if created and not create:
            raise DatabaseError(location.empty_database(where))
        head = HEAD
        if migrate and state.heads != (head,):
            backup = None
            if path is not None and state.heads:
                backup = backup_before_migration(path, "+".join(state.heads))
            logger.info("Upgrading %s from %s to %s", where, state.heads or "nothing", head)
            _upgrade(engine, where, backup)
    except BaseException:
        engine.dispose()
        if claimed and path is not None:
            instance_lock.release(path)
        raise
    return Database.for_engine(engine, created=created and migrate)
