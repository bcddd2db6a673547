"""After an erasure, make the database's files forget what was deleted or replaced.

A committed erasure leaves the old text where a database keeps it: SQLite's free pages,
the ``-wal`` file, the search index's old segments; PostgreSQL's dead row versions and
its WAL. On SQLite, every connection already overwrites what it deletes
(``PRAGMA secure_delete``, ``store/database.py``); then :func:`scrub_after_erasure`
rebuilds the FTS5 search index (its old segments still list the words), compacts the
file (``VACUUM``) and empties the ``-wal`` (``wal_checkpoint(TRUNCATE)``).

Backups made before the erasure still hold the person: they are listed, never deleted
here (the user decides). On PostgreSQL nothing is run (``VACUUM FULL`` locks the tables
for every workstation): the report says what the administrator must do.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exc as sa_exc

from clu_desktop.store.database import Database, sqlite_path

SEARCH_TABLE = "search_index"  # revision 0005's FTS5 table


@dataclass(frozen=True)
class ScrubReport:
    """What was done to the files after an erasure, to tell the user."""

    postgresql: bool = False
    compacted: bool = False  # VACUUM done
    wal_emptied: bool = False  # wal_checkpoint(TRUNCATE) complete
    problem: str | None = None  # why the file could not be cleaned, in French
    backups: tuple[Path, ...] = ()
    backups_folder: Path | None = None
    tables: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        if self.postgresql:
            tables = ", ".join(self.tables) or "toutes"
            return (
                "Base PostgreSQL : les anciennes versions des lignes modifiées restent dans "
                "les fichiers du serveur jusqu'à leur nettoyage. L'administrateur de la base "
                "doit lancer « VACUUM FULL » sur les tables touchées (" + tables + "), hors "
                "des heures d'utilisation (elles sont verrouillées pendant ce temps), et "
                "savoir que les journaux WAL archivés et les sauvegardes du serveur "
                "(pg_dump, copies) contiennent encore cette personne."
            )
        lines = []
        if self.problem:
            lines.append(
                f"Le fichier de la base n'a pas pu être nettoyé : {self.problem} L'ancien texte "
                "peut y rester dans les pages libérées ; il sera nettoyé au prochain "
                "effacement réussi."
            )
        elif not self.wal_emptied:
            lines.append(
                "Le journal de la base (fichier « -wal ») n'a pas pu être vidé : un autre "
                "programme le lisait. Il le sera à la fermeture de CLU Desktop."
            )
        if self.backups:
            count = len(self.backups)
            files = "1 fichier" if count == 1 else f"{count} fichiers"
            lines.append(
                "Sauvegardes faites avant cet effacement, qui contiennent encore cette "
                f"personne : {files} dans « {self.backups_folder} ». Rien n'y a été "
                "supprimé : elles sont remplacées au fil des jours ; supprimez-les vous-même "
                "si la personne doit en disparaître tout de suite."
            )
        return "\n".join(lines)


def _sqlite_scrub(db: Database) -> tuple[bool, bool, str | None]:
    with db.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        raw.execute("PRAGMA secure_delete = ON")
        has_index = raw.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SEARCH_TABLE,)
        ).fetchone()
        if has_index:
            # Its old segments still hold the words of the rows deleted or replaced.
            raw.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('rebuild')")
            raw.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize')")
        raw.execute("VACUUM")
        busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return True, bool(busy) and busy[0] == 0, None


def _problem(exc: BaseException) -> str:
    """Why the file could not be cleaned, in French (the erasure itself is committed)."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return "le disque est plein (le compactage demande autant de place libre que la base)."
    if "locked" in text or "busy" in text:
        return "la base était occupée par un autre programme."
    if "readonly" in text or "read-only" in text:
        return "la base est en lecture seule."
    return f"la base a refusé le compactage ({type(exc).__name__})."


def scrub_after_erasure(db: Database, tables: Iterable[str] = ()) -> ScrubReport:
    """Clean the database's files once an erasure is committed (see the module's notes)."""
    if db.engine.dialect.name == "postgresql":
        return ScrubReport(postgresql=True, tables=tuple(sorted(set(tables))))
    path = sqlite_path(db.url)
    backups: tuple[Path, ...] = ()
    folder = None
    if path is not None:
        from clu_desktop.store.backups import backups_dir, backups_of

        backups = tuple(backups_of(path))
        folder = backups_dir()
    try:
        compacted, emptied, problem = _sqlite_scrub(db)
    except (sa_exc.SQLAlchemyError, sqlite3.Error, OSError) as exc:
        compacted, emptied, problem = False, False, _problem(exc)
    return ScrubReport(
        compacted=compacted,
        wal_emptied=emptied,
        problem=problem,
        backups=backups,
        backups_folder=folder,
    )
