"""Checking a SQLite database file, and putting a backup back in its place.

``check_database`` reads a file without changing it: ``PRAGMA integrity_check`` and
``PRAGMA foreign_key_check``, and the schema version. ``restore_database`` refuses,
changing nothing, a file that is not a sound CLU Desktop database this version can open;
then keeps a copy of the current database in the backups folder, and replaces it through
a temporary file, fsync and a rename, while holding an exclusive lock on it (so a
database that another program has open is refused). A restored older database is
upgraded at its next opening, after its own pre-migration copy.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from clu_desktop.errors import DatabaseError
from clu_desktop.files import os_error_reason
from clu_desktop.store import migrate
from clu_desktop.store.backups import (
    BEFORE_RESTORE,
    backup_connection,
    backup_destination,
    backup_sqlite,
    fsync_folder,
    prune,
    raw_copy,
    read_only_uri,
)
from clu_desktop.store.database import check_sqlite_file

logger = logging.getLogger(__name__)

#: Problems listed at most; the rest are counted.
MAX_LISTED = 20
LOCK_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class CheckReport:
    path: Path
    problems: tuple[str, ...]  # French, one line each; empty when the file is sound
    revision: str | None  # the schema revision, when it could be read

    @property
    def sound(self) -> bool:
        return not self.problems


def _integrity_problems(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(f"PRAGMA integrity_check({MAX_LISTED + 1})").fetchall()
    if rows == [("ok",)]:
        return []
    return [f"Intégrité : {_clean(row[0])}" for row in rows]


#: SQLite's words for an unreadable file, in French.
_UNREADABLE = {
    "file is not a database": "son en-tête est endommagé, SQLite ne le reconnaît plus",
    "database disk image is malformed": "sa structure est endommagée",
}


def _clean(message: str) -> str:
    return " ".join(message.replace("*** in database main ***", "").split())


def _foreign_key_problems(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    return [
        f"Référence cassée : table « {table} », ligne {rowid}, vers « {parent} » qui n'existe pas."
        for table, rowid, parent, _ in rows
    ]


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return None
    return "+".join(sorted(row[0] for row in rows)) or None


def check_database(path: Path) -> CheckReport:
    """Check the SQLite file ``path`` without changing it.

    Raises DatabaseError when it cannot be checked at all (missing, a folder, not a
    SQLite file, unreadable); damage is reported in ``problems``.
    """
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"La base « {path} » n'existe pas.")
    check_sqlite_file(path)
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=LOCK_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Impossible d'ouvrir « {path} » : {exc}.") from exc
    try:
        problems = _integrity_problems(connection)
        problems += _foreign_key_problems(connection)
        revision = _revision(connection)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "unable to open" in str(exc):
            raise DatabaseError(f"Impossible de lire « {path} » : {exc}.") from exc
        problems, revision = [f"Fichier illisible : {_UNREADABLE.get(str(exc), exc)}."], None
    except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"...
        problems, revision = [f"Fichier illisible : {_UNREADABLE.get(str(exc), exc)}."], None
    finally:
        connection.close()
    if len(problems) > MAX_LISTED:
        hidden = len(problems) - MAX_LISTED
        problems = [*problems[:MAX_LISTED], f"… et {hidden} autre(s) problème(s)."]
    return CheckReport(path, tuple(problems), revision)


# ------------------------------------------------------------------------- restore


def _refuse(source: Path, reason: str) -> DatabaseError:
    return DatabaseError(f"Restauration refusée : {reason} La base actuelle n'a pas été modifiée.")


def check_restorable(source: Path) -> CheckReport:
    """Refuse a file that is not a sound CLU Desktop database this version can open."""
    try:
        report = check_database(source)
    except DatabaseError as exc:
        raise _refuse(source, str(exc)) from exc
    if not report.sound:
        raise _refuse(
            source,
            f"« {source} » est endommagé ({report.problems[0]}), ce n'est pas une "
            "sauvegarde utilisable.",
        )
    try:
        state = migrate._inspect_sqlite_file(source)
        if not state.tables:
            raise DatabaseError(f"« {source} » ne contient aucune donnée CLU Desktop.")
        migrate._refuse_foreign(state, str(source), migrate.known_revisions())
    except DatabaseError as exc:
        raise _refuse(source, str(exc)) from exc
    return report


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _lock(target: Path) -> sqlite3.Connection:
    """A connection holding an exclusive lock on ``target``, in rollback-journal mode (so
    no -wal is left to be replayed onto the restored file). Refused, nothing changed, if
    another connection has the file open."""
    connection = sqlite3.connect(target, timeout=LOCK_TIMEOUT_S, isolation_level=None)
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode != "delete":
            raise sqlite3.OperationalError("database is locked")
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("COMMIT")  # the exclusive lock stays, in this locking mode
    except BaseException:
        connection.close()
        raise
    return connection


def _busy(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


@dataclass(frozen=True)
class Restored:
    saved: Path | None  # where the previous database was copied; None if there was none
    revision: str | None  # the schema revision of what was restored


def restore_database(source: Path, target: Path) -> Restored:
    """Replace the database ``target`` by the backup ``source``."""
    source, target = Path(source).absolute(), Path(target).absolute()
    if _same_file(source, target):
        raise _refuse(source, "c'est le fichier de la base actuelle elle-même.")
    report = check_restorable(source)
    staged = target.with_name(f".{target.name}.restauration.tmp")
    saved: Path | None = None
    try:
        backup_sqlite(source, staged)
        locker = None
        if target.is_file() and target.stat().st_size:
            saved = backup_destination(target, BEFORE_RESTORE)
            try:
                locker = _lock(target)
                backup_connection(locker, target, saved)
            except (sqlite3.Error, DatabaseError) as exc:
                if locker is not None:
                    locker.close()
                    locker = None
                if isinstance(exc, sqlite3.Error) and _busy(exc):
                    raise DatabaseError(
                        f"La base « {target} » est ouverte par CLU Desktop ou un autre "
                        "programme : fermez-le, puis recommencez. Rien n'a été modifié."
                    ) from exc
                # The current database is damaged: kept byte for byte.
                logger.warning("Current database unreadable (%s): raw copy", exc)
                raw_copy(target, saved)
        try:
            if os.name == "nt" and locker is not None:  # Windows: no rename over an open file
                locker.close()
            os.replace(staged, target)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            fsync_folder(target.parent)
        finally:
            if locker is not None:
                locker.close()
    except OSError as exc:
        raise DatabaseError(
            f"Impossible de restaurer « {source} » dans « {target} » : "
            f"{os_error_reason(exc)}. La base n'a pas été remplacée."
        ) from exc
    finally:
        staged.unlink(missing_ok=True)
    prune(target, BEFORE_RESTORE)
    logger.info("Restored %s to %s (previous database in %s)", source, target, saved)
    return Restored(saved, report.revision)
