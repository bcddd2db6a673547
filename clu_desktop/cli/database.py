"""The database a command works on (``--db``), opened as the commands need it."""

from __future__ import annotations

import sys
from pathlib import Path

from clu_desktop.errors import UserError


def open_db(args, *, writing: bool = False, create: bool | None = None):
    """The database of ``--db``. The window and the commands that write pass
    ``writing=True``: one such instance per SQLite file, a second is refused with the
    first one's user, computer and process (store/instance_lock.py); and the day's backup
    of a SQLite file that already existed is made if it is not yet. Reading commands
    (list, export) may run beside an open window: SQLite's WAL mode lets them read the
    last committed state while the window writes. They never create a database: a path
    that does not exist (a typo, a deleted file) is refused, nothing made; a writing
    command that makes a new one says so (``create=False``: one that writes only into an
    existing base, such as ``erase``, does not make it either)."""
    from clu_desktop.store.database import resolve_url, sqlite_path
    from clu_desktop.store.migrate import open_database

    path = sqlite_path(resolve_url(args.db)) if writing else None
    existed = path is not None and path.is_file() and path.stat().st_size > 0
    db = open_database(args.db, exclusive=writing, create=writing if create is None else create)
    if db.created and getattr(args, "command", None) is not None:
        print(f"Nouvelle base créée : {db.description}.")
    if existed:
        from clu_desktop.store.backups import daily_backup

        try:
            daily_backup(path)
        except UserError as exc:
            print(f"Attention : la sauvegarde du jour n'a pas été faite. {exc}", file=sys.stderr)
    return db


def sqlite_file(args, command: str) -> Path:
    from clu_desktop.store.database import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(args.db))
    if path is None:
        raise UserError(
            f"« clu-desktop {command} » s'applique à une base dans un fichier SQLite. "
            "Pour une base PostgreSQL, utilisez pg_dump (et pg_restore)."
        )
    return path
