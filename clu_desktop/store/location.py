"""Where the database is, worked out without SQLAlchemy: the window's start reads it
before the heavy modules load (the lock and the network check need only the path)."""

from __future__ import annotations

import os
import re
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
    if "://" in raw or libpq_parameters(raw) is not None:
        return None
    return Path(raw).expanduser().absolute()


def describe(target: str | os.PathLike[str] | None = None) -> str:
    """Where the data is, for the title shown while the base opens (passwords masked by
    ``secrets.mask``, whatever the form, a malformed URL included; "base par défaut" for
    the default file, whose folder platformdirs finds later)."""
    from clu_desktop.store.secrets import mask, passwords_in

    raw = raw_target(target)
    if raw is None:
        return "base par défaut"
    path = sqlite_file(raw)
    shown = str(path) if path is not None else normalise_url(raw)
    return mask(shown, passwords_in(raw))


#: The PostgreSQL driver installed with CLU Desktop (psycopg 3).
POSTGRESQL_DRIVER = "postgresql+psycopg"
#: The schemes that name PostgreSQL, whatever driver they ask for.
POSTGRESQL_SCHEMES = ("postgres", "postgresql", "pgsql")


def normalise_url(raw: str) -> str:
    """``raw`` with a PostgreSQL scheme (``postgres://``, ``postgresql://``,
    ``postgresql+psycopg2://``…) made ``postgresql+psycopg://``: the installed driver."""
    scheme, separator, rest = raw.partition("://")
    if separator and scheme.split("+", 1)[0].strip().lower() in POSTGRESQL_SCHEMES:
        return f"{POSTGRESQL_DRIVER}://{rest}"
    return raw


#: The keywords of a libpq connection string ("host=serveur dbname=clu user=clu").
LIBPQ_KEYWORDS = frozenset(
    """host hostaddr port dbname user password passfile channel_binding connect_timeout
    client_encoding options application_name fallback_application_name keepalives
    keepalives_idle keepalives_interval keepalives_count tcp_user_timeout replication
    gssencmode sslmode requiressl sslcompression sslcert sslkey sslpassword sslrootcert
    sslcrl sslcrldir sslsni requirepeer ssl_min_protocol_version ssl_max_protocol_version
    krbsrvname gsslib service target_session_attrs load_balance_hosts""".split()  # noqa: SIM905
)
_LIBPQ_PAIR = re.compile(r"\s*(\w+)\s*=\s*('(?:[^'\\]|\\.)*'?|[^\s']*)")


def libpq_parameters(raw: str) -> dict[str, str] | None:
    """The parameters of a libpq key/value string ("host=serveur dbname=clu user=clu
    password=…"), or None if ``raw`` is not one (every key must be a libpq keyword, so a
    file name holding "=" stays a file name)."""
    if "=" not in raw or "://" in raw:
        return None
    parameters: dict[str, str] = {}
    position = 0
    while position < len(raw.rstrip()):
        match = _LIBPQ_PAIR.match(raw, position)
        if match is None or match.group(1).lower() not in LIBPQ_KEYWORDS:
            return None
        value = match.group(2)
        if value.startswith("'"):
            closed = len(value) > 1 and value.endswith("'")
            value = re.sub(r"\\(.)", r"\1", value[1 : -1 if closed else None])
        parameters[match.group(1).lower()] = value
        position = match.end()
    return parameters or None


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
