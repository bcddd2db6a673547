"""Engines and sessions: which database to open, how each connection is set up.

Every SQLite connection enforces foreign keys, overwrites deleted content
(``secure_delete``), waits on a busy file instead of failing,
runs in WAL mode with full synchronisation (a committed transaction survives a power
cut), and leaves transaction control to SQLAlchemy, which emits BEGIN itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from clu_desktop.errors import ConflictError, DatabaseError, UserError
from clu_desktop.files import create_private_file, database_error_message, os_error_message
from clu_desktop.store import changes as _changes
from clu_desktop.store.location import (  # noqa: F401  (re-exported)
    APP_NAME,
    DB_ENV,
    POSTGRESQL_DRIVER,
    data_dir,
    default_database_path,
    libpq_parameters,
    normalise_url,
    raw_target,
)
from clu_desktop.store.secrets import SECRET_KEY, mask, passwords_in, remember
from clu_desktop.store.signed_minutes import install

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
STALE_MESSAGE = (
    "Cet enregistrement a été modifié sur un autre poste pendant que vous le modifiiez : "
    "votre modification n'a pas été enregistrée. Affichez de nouveau la page pour voir "
    "la version à jour."
)


def resolve_url(target: str | os.PathLike[str] | None = None) -> URL:
    """The database to open: ``target``, else $CLU_DB, else the default file.

    A target is a file path, a SQLAlchemy URL ("postgresql+psycopg://..."), or a libpq
    key/value string ("host=serveur dbname=clu user=clu"). Every PostgreSQL form
    (``postgres://``, ``postgresql://``, ``postgresql+psycopg2://``…) goes through the
    installed driver, psycopg 3 (``location.normalise_url``).
    """
    raw = raw_target(target)
    if raw is None:
        return URL.create("sqlite", database=str(default_database_path()))
    parameters = libpq_parameters(raw)
    if parameters is not None:
        return _libpq_url(parameters, raw)
    if "://" in raw:
        try:
            url = make_url(normalise_url(raw))
            url.port  # noqa: B018  (a port that is not a number fails here)
        except Exception:  # sqlalchemy.exc.ArgumentError, ValueError
            raise DatabaseError(
                f"Adresse de base de données invalide : {mask(raw, passwords_in(raw))}. "
                "Écrivez-la sous la forme postgresql://utilisateur:mot_de_passe@serveur:5432/"
                "base, ou donnez le chemin d'un fichier SQLite."
            ) from None  # SQLAlchemy's own message repeats the URL, password included
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise DatabaseError(
                f"« {describe_url(url)} » : CLU Desktop ouvre un fichier SQLite ou une base "
                "PostgreSQL (postgresql://utilisateur:mot_de_passe@serveur:5432/base)."
            )
        if url.get_backend_name() == "sqlite":
            _refuse_sqlite_uri(url, raw)
        remember(url_passwords(url))
        return url
    return URL.create("sqlite", database=str(Path(raw).expanduser().absolute()))


def _refuse_sqlite_uri(url: URL, raw: str) -> None:
    """Refuse a SQLite URL that names its file otherwise than by a plain path: a ``file:``
    URI, query parameters (``?uri=true``, ``mode=``, ``vfs=``, ``nolock=``,
    ``immutable=``…), another driver. These could open the file beside the one-writer
    lock (``instance_lock``), or without SQLite's own locking; nothing is made for them."""
    database = url.database or ""
    if (
        url.query
        or database.lower().startswith("file:")
        or url.drivername not in ("sqlite", "sqlite+pysqlite")
    ):
        raise DatabaseError(
            f"« {mask(raw, passwords_in(raw))} » : CLU Desktop n'ouvre pas une base SQLite "
            "par une adresse « file: » ni avec des paramètres (uri, mode, vfs, nolock, "
            "immutable…). Donnez simplement le chemin du fichier (par exemple --db "
            "C:\\Données\\clu.sqlite ou --db /home/dupont/clu.sqlite). Rien n'a été créé."
        )


def _libpq_url(parameters: dict[str, str], raw: str) -> URL:
    """A libpq key/value string as a PostgreSQL URL (the other keywords in its query,
    which psycopg receives as they are)."""
    rest = dict(parameters)
    port = rest.pop("port", None)
    if port is not None and not port.isdigit():
        raise DatabaseError(
            f"Adresse de base de données invalide : {mask(raw, passwords_in(raw))} (le port "
            "doit être un nombre, par exemple port=5432)."
        )
    url = URL.create(
        POSTGRESQL_DRIVER,
        username=rest.pop("user", None),
        password=rest.pop("password", None),
        host=rest.pop("host", None),
        port=int(port) if port else None,
        database=rest.pop("dbname", None),
        query=rest,
    )
    remember(url_passwords(url))
    return url


def url_passwords(url: URL) -> list[str]:
    """The passwords a URL holds, for ``secrets.mask``."""
    found = [url.password] if url.password else []
    for key, value in url.query.items():
        if SECRET_KEY.search(key):
            found += [value] if isinstance(value, str) else list(value)
    return [str(secret) for secret in found if secret]


def describe_url(url: URL) -> str:
    """Where the data is, for titles, messages and the log: a file's path, or the URL
    with every password masked (its user's, a query's ``password=``)."""
    path = sqlite_path(url)
    shown = str(path) if path else url.render_as_string(hide_password=True)
    return mask(shown, url_passwords(url))


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for another engine or an in-memory base."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def check_sqlite_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not a SQLite database."""
    if path.is_dir():
        raise DatabaseError(f"« {path} » est un dossier, pas une base de données.")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(os_error_message(exc, path, "la base n'a pas été ouverte")) from exc
    if header != SQLITE_HEADER:
        raise DatabaseError(
            f"« {path} » n'est pas une base de données CLU Desktop (fichier SQLite attendu). "
            "Le fichier n'a pas été modifié."
        )


def _set_up_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy emit BEGIN itself (pysqlite's own transaction handling is off).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # What is deleted or replaced is overwritten with zeros, not left in free pages
        # (the right to erasure: ``store/scrub.py`` then compacts the file).
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if sqlite_path(engine.url) is not None:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")


def create_database_engine(url: URL) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created, its header checked.

    Its errors never carry the statement's parameters (names, e-mails: they would reach
    the log): ``hide_parameters``."""
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path)
        try:
            # Created here, 0600, rather than by SQLite with the umask's mode: its -wal
            # and -shm then take the same mode.
            create_private_file(path)
        except OSError as exc:
            raise DatabaseError(os_error_message(exc, path, "la base n'a pas été créée")) from exc
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, hide_parameters=True)
        _set_up_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


@dataclass(frozen=True)
class Database:
    """An open database: its engine, the session factory every user action uses, and
    ``changes``, which tells subscribers the tables each committed transaction wrote."""

    engine: Engine
    sessions: sessionmaker[Session]
    changes: _changes.Changes = field(default_factory=_changes.Changes, compare=False)
    created: bool = False  # opening it made a new, empty database

    @classmethod
    def for_engine(cls, engine: Engine, *, created: bool = False) -> Database:
        sessions = sessionmaker(engine, expire_on_commit=False)
        install(sessions)  # signed minutes refuse every change, whatever makes it
        changes = _changes.Changes()
        _changes.install(sessions, changes)  # the views follow every write
        return cls(engine, sessions, changes, created)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def description(self) -> str:
        """Where the data is, for titles and messages (no password: ``describe_url``)."""
        return describe_url(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One short transaction: committed on success, rolled back on any error.

        A record saved meanwhile on another workstation (its version moved between the
        read and the write) rolls everything back with a French ConflictError.
        A full disk, a read-only file or a vanished one becomes a French DatabaseError.
        A value the server refuses (PostgreSQL enforces the length of a VARCHAR(n), which
        SQLite does not; the services check lengths first) becomes a French UserError.
        """
        try:
            with self.sessions() as session, session.begin():
                yield session
        except StaleDataError as exc:
            raise ConflictError(STALE_MESSAGE) from exc
        except sa_exc.DataError as exc:
            raise UserError(
                "La base de données a refusé une valeur (texte trop long ou valeur "
                "invalide) : rien n'a été enregistré."
            ) from exc
        except (sa_exc.OperationalError, OSError) as exc:
            message = database_error_message(exc)  # the disk's fault: full, read only…
            if message is None:
                raise
            raise DatabaseError(message) from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading; nothing is committed."""
        with self.sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
