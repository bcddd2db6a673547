"""Backups of a SQLite database, in the ``backups`` folder of the user's data folder.

Copies are made with SQLite's online backup API: consistent even while another process
writes. Three kinds, each named after the database, the date and the time, so that the
user can read them: ``clu-2024-05-17-090211-quotidienne.sqlite`` (the first start of the
day), ``clu-2024-05-17-143005-avant-migration-0002.sqlite`` (before an upgrade) and
``clu-2024-05-17-143005-avant-restauration.sqlite`` (before ``clu-desktop restore``).

The 7 most recent of each kind are kept for each database (``$CLU_BACKUPS_KEEP`` to change
it): a day of several migrations does not push the week of daily copies out. Only files
whose whole name has that shape are ever deleted.

A database other than the default one is named with its file name and a short tag of
its folder (``clu-1a2b3c-2024-...``), so that two ``clu.sqlite`` in different folders
keep their own copies.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from clu_desktop.errors import DatabaseError, UserError
from clu_desktop.files import (
    PRIVATE_FOLDER_MODE,
    create_private_file,
    database_error_message,
    os_error_message,
    output_target,
    private_folder,
    tighten,
)
from clu_desktop.store.database import BUSY_TIMEOUT_MS, data_dir, default_database_path

logger = logging.getLogger(__name__)

BACKUPS_DIR_NAME = "backups"
KEEP_ENV = "CLU_BACKUPS_KEEP"
DEFAULT_KEEP = 7
DAILY = "quotidienne"
BEFORE_MIGRATION = "avant-migration"
BEFORE_RESTORE = "avant-restauration"
_KINDS = (DAILY, BEFORE_MIGRATION, BEFORE_RESTORE)


def backups_dir() -> Path:
    return data_dir() / BACKUPS_DIR_NAME


def tighten_database_files(path: Path) -> list[Path]:
    """Make a SQLite base of this user private when a writer opens it: the file, its
    -wal and -shm, and, for a base in the data folder, that folder, its backups folder
    and the copies in it (an older version made them with the umask's mode). Returns
    the paths changed."""
    paths = [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))]
    folders: list[Path] = []
    if path.parent == data_dir():
        folders = [path.parent, backups_dir()]
        if backups_dir().is_dir():
            paths += [each for each in backups_dir().iterdir() if each.is_file()]
    changed = [each for each in paths if tighten(each)]
    changed += [each for each in folders if tighten(each, PRIVATE_FOLDER_MODE)]
    if changed:
        logger.info("Made private: %d file(s) or folder(s) beside %s", len(changed), path.name)
    return changed


def read_only_uri(path: Path) -> str:
    """A read-only SQLite URI, with an empty authority so that a Windows UNC path
    (//server/share/...) stays in the path: SQLite refuses a server as authority, where
    ``Path.as_uri`` puts it."""
    posix = path.absolute().as_posix()
    if not posix.startswith("/"):
        posix = "/" + posix  # C:/... -> /C:/..., as SQLite expects on Windows
    return f"file://{quote(posix, safe='/:')}?mode=ro"


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder to flush it
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _copy_into(reader: sqlite3.Connection, temp: Path, source: Path) -> None:
    """Copy the database of ``reader`` into the file ``temp``, checked and on disk."""
    create_private_file(temp)  # 0600, not the umask's mode SQLite would give it
    writer = sqlite3.connect(temp)
    try:
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode = DELETE")
        check = writer.execute("PRAGMA quick_check").fetchall()
    finally:
        writer.close()
    if check != [("ok",)]:
        raise DatabaseError(
            f"La sauvegarde de « {source} » est endommagée : la base d'origine l'est "
            "sans doute aussi. Elle n'a pas été modifiée."
        )
    fsync_file(temp)


def backup_connection(reader: sqlite3.Connection, source: Path, destination: Path) -> Path:
    """Like :func:`backup_sqlite`, from a connection already open on ``source`` (one that
    holds a lock on it); errors are left to the caller."""
    destination = output_target(destination)
    private_folder(destination.parent)
    temp = destination.with_name(f".{destination.name}.tmp")
    temp.unlink(missing_ok=True)  # a crash's leftover: created again, private
    try:
        _copy_into(reader, temp, source)
        os.replace(temp, destination)
        fsync_folder(destination.parent)
    finally:
        temp.unlink(missing_ok=True)
    return destination


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy the SQLite database ``source`` to ``destination`` with SQLite's backup API.

    The copy is consistent even while another connection writes, is checked, and is a
    single self-contained file (rollback journal, no -wal beside it). It is written to a
    temporary file of the destination folder and then renamed, so ``destination`` never
    holds half a copy. The source is opened read-only.
    """
    source, destination = Path(source), output_target(destination)
    folder = destination.parent
    try:
        private_folder(folder)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{destination.name}.", suffix=".tmp", dir=folder
        )
        os.close(handle)
    except OSError as exc:
        raise DatabaseError(
            os_error_message(exc, folder, "la sauvegarde n'a pas été faite")
        ) from exc
    temp = Path(temp_name)
    try:
        reader = sqlite3.connect(read_only_uri(source), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            _copy_into(reader, temp, source)
        finally:
            reader.close()
        os.replace(temp, destination)
        fsync_folder(folder)
    except OSError as exc:
        raise DatabaseError(
            os_error_message(exc, destination, "la sauvegarde n'a pas été faite")
        ) from exc
    except sqlite3.Error as exc:
        detail = database_error_message(exc) or str(exc)
        raise DatabaseError(
            f"Impossible de sauvegarder « {source} » dans « {destination} » : {detail}."
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
    logger.info("Backed up %s to %s", source, destination)
    return destination


# ------------------------------------------------------------------- names, pruning


def keep_count() -> int:
    raw = os.environ.get(KEEP_ENV, "").strip()
    if not raw:
        return DEFAULT_KEEP
    if not raw.isdigit() or int(raw) < 1:
        raise UserError(
            f"{KEEP_ENV} doit être un nombre de sauvegardes (1 ou plus), pas « {raw} »."
        )
    return int(raw)


def database_label(path: Path) -> str:
    """The start of the backups' names: the file's name, and a tag of its folder unless
    it is the default database."""
    path = Path(path).absolute()
    if path == default_database_path().absolute():
        return path.stem
    tag = hashlib.sha256(os.fsencode(path)).hexdigest()[:6]
    return f"{path.stem}-{tag}"


def _pattern(label: str) -> re.Pattern[str]:
    kinds = f"{DAILY}|{BEFORE_MIGRATION}-[0-9A-Za-z+]+|{BEFORE_RESTORE}"
    return re.compile(rf"{re.escape(label)}-(\d{{4}}-\d\d-\d\d-\d{{6}})-({kinds})(-\d+)?\.sqlite")


def _kind_of(match: re.Match[str]) -> str:
    kind = match.group(2)
    return BEFORE_MIGRATION if kind.startswith(BEFORE_MIGRATION) else kind


def backups_of(path: Path, kind: str | None = None) -> list[Path]:
    """Our backups of the database ``path`` (of one kind), oldest first."""
    folder = backups_dir()
    if not folder.is_dir():
        return []
    pattern = _pattern(database_label(path))
    found = []
    for candidate in folder.iterdir():
        match = pattern.fullmatch(candidate.name)
        if match and candidate.is_file() and (kind is None or _kind_of(match) == kind):
            found.append((match.group(1), match.group(3) or "", candidate))
    return [candidate for *_, candidate in sorted(found)]


def prune(path: Path, kind: str, keep: int | None = None) -> list[Path]:
    """Delete all but the ``keep`` newest backups of that kind; returns the deleted."""
    keep = keep_count() if keep is None else keep
    deleted = backups_of(path, kind)[:-keep]
    for old in deleted:
        try:
            old.unlink()
            Path(f"{old}-wal").unlink(missing_ok=True)  # beside a raw copy
        except OSError as exc:  # a copy we cannot delete is only a copy too many
            logger.warning("Could not delete the old backup %s: %s", old, exc)
    return deleted


def backup_destination(path: Path, kind: str, when: datetime | None = None) -> Path:
    """A new file of the backups folder for a backup of ``path``; ``kind`` is
    DAILY, BEFORE_RESTORE or f"{BEFORE_MIGRATION}-{revision}"."""
    when = when or datetime.now()
    stem = f"{database_label(path)}-{when:%Y-%m-%d-%H%M%S}-{kind}"
    folder = backups_dir()
    candidate = folder / f"{stem}.sqlite"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}.sqlite"
        number += 1
    return candidate


def backup_before_migration(path: Path, revision: str) -> Path:
    copy = backup_sqlite(path, backup_destination(path, f"{BEFORE_MIGRATION}-{revision}"))
    prune(path, BEFORE_MIGRATION)
    return copy


def daily_backup(path: Path, now: datetime | None = None) -> Path | None:
    """The day's backup of the SQLite file ``path``, unless it exists already (then this
    costs one listing of the backups folder) or the file holds nothing yet."""
    path = Path(path)
    now = now or datetime.now()
    if not path.is_file() or path.stat().st_size == 0:
        return None
    day = f"{now:%Y-%m-%d}-"
    pattern = _pattern(database_label(path))
    folder = backups_dir()
    if folder.is_dir():
        for name in os.listdir(folder):
            match = pattern.fullmatch(name)
            if match and match.group(1).startswith(day) and match.group(2) == DAILY:
                return None
    copy = backup_sqlite(path, backup_destination(path, DAILY, now))
    prune(path, DAILY)
    return copy


def raw_copy(path: Path, destination: Path) -> Path:
    """A byte copy of a database that the backup API cannot read (it is damaged), with
    its -wal beside it: the last resort before it is replaced."""
    create_private_file(destination)  # copyfile keeps the mode of the file it truncates
    shutil.copyfile(path, destination)
    fsync_file(destination)
    wal = Path(f"{path}-wal")
    if wal.is_file() and wal.stat().st_size:
        create_private_file(f"{destination}-wal")
        shutil.copyfile(wal, f"{destination}-wal")
        fsync_file(Path(f"{destination}-wal"))
    fsync_folder(destination.parent)
    return destination
