"""The database a command works on (``--db``), opened as the commands need it."""

from __future__ import annotations

import sys
from pathlib import Path

from clu_desktop.errors import UserError


def open_db(args, *, writing: bool = False, create: bool | None = None, backup: bool = True):
    """The database of ``--db``. The window and the commands that write pass
    ``writing=True``: one such instance per SQLite file, a second is refused with the
    first one's user, computer and process (store/instance_lock.py); and the day's backup
    of a SQLite file that already existed is made if it is not yet. Reading commands
    (list, export) may run beside an open window: SQLite's WAL mode lets them read the
    last committed state while the window writes. They never create a database: a path
    that does not exist (a typo, a deleted file) is refused, nothing made; a writing
    command that makes a new one says so (``create=False``: one that writes only into an
    existing base, such as ``erase``, does not make it either). The window passes
    ``backup=False`` and makes the day's backup once the meeting is on screen
    (:func:`existing_sqlite_file`, :func:`back_up_today`)."""
    from clu_desktop.store.migrate import open_database

    path = existing_sqlite_file(args) if writing else None
    db = open_database(args.db, exclusive=writing, create=writing if create is None else create)
    if db.created and getattr(args, "command", None) is not None:
        print(f"Nouvelle base créée : {db.description}.")
    if path is not None and backup:
        back_up_today(path)
    return db


def existing_sqlite_file(args) -> Path | None:
    """The SQLite file of ``--db`` if it exists and holds something (a base to back up)."""
    from clu_desktop.store.database import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(args.db))
    return path if path is not None and path.is_file() and path.stat().st_size > 0 else None


def back_up_today(path: Path) -> str | None:
    """The day's backup of ``path`` if it is not made yet; a French warning (also on the
    standard error) when it cannot be made, else None."""
    from clu_desktop.store.backups import daily_backup

    try:
        daily_backup(path)
    except UserError as exc:
        warning = f"Attention : la sauvegarde du jour n'a pas été faite. {exc}"
        print(warning, file=sys.stderr)
        return warning
    return None


def sqlite_file(args, command: str) -> Path:
    from clu_desktop.store.database import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(args.db))
    if path is None:
        raise UserError(
            f"« clu-desktop {command} » s'applique à une base dans un fichier SQLite. "
            "Pour une base PostgreSQL, utilisez pg_dump (et pg_restore)."
        )
    return path
