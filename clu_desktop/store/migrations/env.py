"""Alembic environment of CLU Desktop: runs the revisions of ``versions/``.

At run time the application hands in an open connection through
``config.attributes["connection"]`` (see ``clu_desktop.store.migrate.open_database``): it
is already inside a transaction, with SQLite's foreign keys off, so every revision of one
upgrade is committed or rolled back together.

From the command line (developers only, with the ``alembic.ini`` of the repository root),
the database is ``-x db=PATH_OR_URL`` or else the ``sqlalchemy.url`` of alembic.ini, a
scratch file; see ``clu_desktop.store.migrate`` for how to write a new revision.
"""

from __future__ import annotations

from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.engine import URL, make_url

from clu_desktop.domain import Base
from clu_desktop.store.database import create_database_engine, resolve_url
from clu_desktop.store.migrate import include_name, migration_connection

config = context.config
target_metadata = Base.metadata


def _options(dialect_name: str) -> dict[str, Any]:
    sqlite = dialect_name == "sqlite"
    return {
        "target_metadata": target_metadata,
        "compare_type": True,
        "include_name": include_name,  # the search index is not in the models
        # SQLite alters a table by copying it into a new one ("move and copy").
        "render_as_batch": sqlite,
        # Alembic assumes pysqlite commits before DDL; our engines emit BEGIN themselves,
        # so SQLite's DDL is transactional and a failed upgrade leaves nothing behind.
        "transactional_ddl": True if sqlite else None,
    }


def run_migrations_on(connection: Connection) -> None:
    context.configure(connection=connection, **_options(connection.dialect.name))
    with context.begin_transaction():
        context.run_migrations()


def _command_line_url() -> URL:
    target = context.get_x_argument(as_dictionary=True).get("db")
    if target:
        return resolve_url(target)
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("No database: pass -x db=PATH_OR_URL or set sqlalchemy.url.")
    return make_url(url)


def run_migrations_offline() -> None:
    url = _command_line_url()
    context.configure(url=url, literal_binds=True, **_options(url.get_backend_name()))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations_on(connection)
        return
    engine = create_database_engine(_command_line_url())
    try:
        with migration_connection(engine) as connection:
            run_migrations_on(connection)
    finally:
        engine.dispose()


if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
