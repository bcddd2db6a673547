"""Where the database is, worked out without SQLAlchemy: the window's start reads it
before the heavy modules load (the lock and the network check need only the path)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "clu-desktop"
DB_ENV = "CLU_DB"


def data_dir() -> Path:
    """The user's data folder, where the default database and its backups live."""
    import platformdirs  # not before the window shows

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "clu.sqlite"


def raw_target(target: str | os.PathLike[str] | None = None) -> str | None:
    """``target``, else $CLU_DB, else None (the default file)."""
    return os.fspath(target) if target is not None else os.environ.get(DB_ENV) or None


def sqlite_file(target: str | os.PathLike[str] | None = None) -> Path | None:
    """The SQLite file ``target`` names (the default file when there is none), or None
    for a URL: ``resolve_url`` reads URLs, SQLite ones included."""
    raw = raw_target(target)
    if raw is None:
        return default_database_path()
    if "://" in raw:
        return None
    return Path(raw).expanduser().absolute()


def describe(target: str | os.PathLike[str] | None = None) -> str:
    """Where the data is, for the title shown while the base opens (no password;
    "base par défaut" for the default file, whose folder platformdirs finds later)."""
    from urllib.parse import urlsplit, urlunsplit

    raw = raw_target(target)
    if raw is None:
        return "base par défaut"
    path = sqlite_file(raw)
    if path is not None:
        return str(path)
    parts = urlsplit(raw)
    if parts.password is not None:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def missing_database(path: Path, target: str | os.PathLike[str] | None = None) -> str:
    """The refusal of a reading command on a database file that does not exist."""
    if raw_target(target) is None:
        return (
            f"Aucune base n'a encore été créée (« {path} ») : ouvrez la fenêtre "
            "(clu-desktop) ou chargez la démonstration (clu-desktop demo). Rien n'a été créé."
        )
    return (
        f"La base « {path} » n'existe pas : vérifiez le chemin donné (option --db ou "
        f"variable {DB_ENV}). Rien n'a été créé. Pour commencer une nouvelle base à cet "
        "endroit, ouvrez-la dans la fenêtre (clu-desktop --db CHEMIN)."
    )


def empty_database(where: str) -> str:
    """The refusal of a reading command on a database that holds no CLU Desktop data."""
    return (
        f"La base « {where} » est vide : elle ne contient encore aucune donnée CLU Desktop. "
        "Rien n'y a été écrit. Ouvrez-la dans la fenêtre pour la préparer."
    )
