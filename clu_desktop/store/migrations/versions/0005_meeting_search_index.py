"""The search index of the meetings: every word of a meeting's title and texts, its agenda
items and minutes text, statements, actions and the printed names and organisations of
its invitations, kept up to date by triggers as each row is saved.

One index row per source row, keyed by (kind, source id) and holding the meeting's id and
the row's text. SQLite: an FTS5 table ``search_index`` (tokenizer ``unicode61
remove_diacritics 2``: accents and case ignored), its rowid ``source_id * 8 + kind``.
PostgreSQL: a table ``search_entry`` with a ``tsvector`` in a GIN index, built with the
text search configuration ``clu_search`` (French stemming after ``unaccent``; the
``unaccent`` extension is trusted since PostgreSQL 13, so the base's owner creates it).

Warning for later revisions: rebuilding a source table in SQLite's batch mode (meeting,
agenda_item, statement, action, invitation) drops its triggers; such a revision calls
``create_triggers`` of this module again. ``tests/store/test_migrations.py`` checks that
every trigger is there at head.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from alembic import op

# Revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TABLE = "search_index"
POSTGRESQL_TABLE = "search_entry"
CONFIGURATION = "clu_search"


class Source(NamedTuple):
    kind: int  # 1..7: part of the SQLite rowid, source_id * 8 + kind
    table: str
    meeting: str  # the meeting's id, from the row "{row}"
    columns: tuple[str, ...]  # the text indexed, in this order
    also_watched: tuple[str, ...] = ()  # other columns whose change moves the row

    def watched(self) -> tuple[str, ...]:
        return self.columns + self.also_watched


SOURCES = (
    Source(1, "meeting", "{row}.id", ("title", "place", "opening_text", "closing_text")),
    Source(
        2,
        "agenda_item",
        "{row}.meeting_id",
        ("title", "heading", "minutes_text", "decision_text"),
        ("meeting_id",),
    ),
    Source(
        3,
        "statement",
        "(SELECT meeting_id FROM agenda_item WHERE id = {row}.agenda_item_id)",
        ("text", "answer_text"),
        ("agenda_item_id",),
    ),
    Source(
        4,
        "action",
        "COALESCE({row}.meeting_id, "
        "(SELECT meeting_id FROM agenda_item WHERE id = {row}.agenda_item_id))",
        ("text", "owner_name"),
        ("meeting_id", "agenda_item_id"),
    ),
    Source(
        5,
        "invitation",
        "{row}.meeting_id",
        (
            "printed_civility",
            "printed_first_name",
            "printed_last_name",
            "printed_organisation",
            "printed_function",
            "represented_by_name",
        ),
        ("meeting_id",),
    ),
)


# PostgreSQL's parser keeps « -2024 », « 23/06/22 » or an e-mail address as one token;
# the words typed are split at these signs, as SQLite's tokenizer splits the texts.
_SEPARATORS = "-/.@_+:'’"


def _document(body: str) -> str:
    separators = _SEPARATORS.replace("'", "''")
    return (
        f"to_tsvector('{CONFIGURATION}', translate({body}, '{separators}', "
        f"'{' ' * len(_SEPARATORS)}'))"
    )


def _body(source: Source, row: str, newline: str) -> str:
    return f" || {newline} || ".join(f"COALESCE({row}.{c}, '')" for c in source.columns)


# ------------------------------------------------------------------------------ SQLite


def _sqlite_insert(source: Source, row: str) -> str:
    meeting = source.meeting.format(row=row)
    return (
        f"INSERT INTO {SQLITE_TABLE} (rowid, body, meeting_id, kind, source_id) "
        f"SELECT {row}.id * 8 + {source.kind}, {_body(source, row, 'char(10)')}, "
        f"{meeting}, {source.kind}, {row}.id "
        + (f"FROM {source.table} AS {row} " if row == "t" else "")
        + f"WHERE {meeting} IS NOT NULL"
    )


def _sqlite_triggers(source: Source) -> list[str]:
    table, kind = source.table, source.kind
    delete = f"DELETE FROM {SQLITE_TABLE} WHERE rowid = OLD.id * 8 + {kind}"
    statements = [
        f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN "
        f"{_sqlite_insert(source, 'NEW')}; END",
        f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {', '.join(source.watched())} "
        f"ON {table} BEGIN {delete}; {_sqlite_insert(source, 'NEW')}; END",
        f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {delete}; END",
    ]
    if table == "meeting":  # what its rows' cascades would leave
        statements.append(
            f"CREATE TRIGGER meeting_search_purge AFTER DELETE ON meeting BEGIN "
            f"DELETE FROM {SQLITE_TABLE} WHERE meeting_id = OLD.id; END"
        )
    return statements


def trigger_names(source: Source, dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [f"{source.table}_search"]
    names = [f"{source.table}_search_{event}" for event in ("insert", "update", "delete")]
    return names + (["meeting_search_purge"] if source.table == "meeting" else [])


# -------------------------------------------------------------------------- PostgreSQL


def _postgresql_function(source: Source) -> str:
    meeting = source.meeting.format(row="NEW")
    body = _body(source, "NEW", "chr(10)")
    return f"""
CREATE FUNCTION {source.table}_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM {POSTGRESQL_TABLE} WHERE kind = {source.kind} AND source_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO {POSTGRESQL_TABLE} (kind, source_id, meeting_id, body, document)
        SELECT {source.kind}, NEW.id, found.meeting_id, found.body,
               {_document("found.body")}
        FROM (SELECT {meeting} AS meeting_id, {body} AS body) AS found
        WHERE found.meeting_id IS NOT NULL;
    END IF;
    RETURN NULL;
END
$$"""


def _postgresql_fill(source: Source) -> str:
    meeting = source.meeting.format(row="t")
    return (
        f"INSERT INTO {POSTGRESQL_TABLE} (kind, source_id, meeting_id, body, document) "
        f"SELECT {source.kind}, found.id, found.meeting_id, found.body, "
        f"{_document('found.body')} FROM (SELECT t.id, {meeting} AS meeting_id, "
        f"{_body(source, 't', 'chr(10)')} AS body FROM {source.table} AS t) AS found "
        "WHERE found.meeting_id IS NOT NULL"
    )


# ------------------------------------------------------------------------------ upgrade


def create_triggers(source: Source, dialect: str) -> None:
    """The triggers keeping ``source``'s rows in the index (again, after a rebuild)."""
    if dialect == "postgresql":
        op.execute(_postgresql_function(source))
        op.execute(
            f"CREATE TRIGGER {source.table}_search AFTER INSERT OR DELETE OR UPDATE OF "
            f"{', '.join(source.watched())} ON {source.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {source.table}_search()"
        )
    else:
        for statement in _sqlite_triggers(source):
            op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = pg_catalog.french)")
        op.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION} "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
        )
        # Words holding digits too (« BÉGUÉ2 », « Été-2024 »): accents ignored, not stemmed.
        op.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION} "
            "ALTER MAPPING FOR numword, numhword, hword_numpart WITH unaccent, simple"
        )
        op.execute(
            f"CREATE TABLE {POSTGRESQL_TABLE} (kind smallint NOT NULL, "
            "source_id integer NOT NULL, meeting_id integer NOT NULL, body text NOT NULL, "
            f"document tsvector NOT NULL, CONSTRAINT pk_{POSTGRESQL_TABLE} "
            "PRIMARY KEY (kind, source_id))"
        )
        op.execute(
            f"CREATE INDEX ix_{POSTGRESQL_TABLE}_document ON {POSTGRESQL_TABLE} "
            "USING gin (document)"
        )
        op.execute(
            f"CREATE INDEX ix_{POSTGRESQL_TABLE}_meeting_id ON {POSTGRESQL_TABLE} (meeting_id)"
        )
        for source in SOURCES:
            op.execute(_postgresql_fill(source))
    else:
        op.execute(
            f"CREATE VIRTUAL TABLE {SQLITE_TABLE} USING fts5(body, meeting_id UNINDEXED, "
            "kind UNINDEXED, source_id UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        for source in SOURCES:
            op.execute(_sqlite_insert(source, "t"))
    for source in SOURCES:
        create_triggers(source, dialect)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for source in SOURCES:
            op.execute(f"DROP TRIGGER {source.table}_search ON {source.table}")
            op.execute(f"DROP FUNCTION {source.table}_search()")
        op.execute(f"DROP TABLE {POSTGRESQL_TABLE}")
        op.execute(f"DROP TEXT SEARCH CONFIGURATION {CONFIGURATION}")
        # The unaccent extension stays: another schema or tool may use it.
    else:
        for source in SOURCES:
            for name in trigger_names(source, dialect):
                op.execute(f"DROP TRIGGER {name}")
        op.execute(f"DROP TABLE {SQLITE_TABLE}")
