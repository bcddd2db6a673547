"""Shared pieces of the directory services: text folding for searches, and snapshots of
rows that let a deletion or a merge be undone exactly (same ids, same links)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, insert, or_, select, update
from sqlalchemy.orm import Session

from clu_desktop.domain import Base
from clu_desktop.names import match_key, upper_surname

_COMBINING = re.compile("[\u0300-\u036f]")
#: Letters and signs that NFKD leaves alone but a search should not tell apart.
_SPECIAL = {
    "œ": "oe",
    "æ": "ae",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "’": "'",
    "‘": "'",
    "‐": "-",
    "‑": "-",
    "–": "-",
    "—": "-",
}
_SPECIAL_RE = re.compile("|".join(map(re.escape, _SPECIAL)))


def fold(text: str | None) -> str:
    """``text`` without accents nor case, for searching and for telling whether a name is
    already used: "BÉGUÉ" → "begue". Built on ``match_key``: invisible characters dropped,
    spaces folded, trimmed — "Bégué\u200b " is "begue" too."""
    text = match_key(text)
    if text.isascii():
        return text.lower()
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()
    if not folded.isascii():
        folded = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], folded)
    return folded


def query_words(query: str | None) -> list[str]:
    """The folded words of a search; a row matches when it contains every one."""
    return fold(query).split()


def matches(words: list[str], haystack: str) -> bool:
    return all(word in haystack for word in words)


_INSIDE_WORD = re.compile(r"[-'.]+")


def search_words(text: str | None) -> list[str]:
    """The folded words of ``text`` to match typed beginnings against, each part of a
    compound word too: "Jean-Pierre d'Arc" → jean-pierre, jean, pierre, d'arc, d, arc."""
    found: list[str] = []
    for word in fold(text).split():
        found.append(word)
        parts = [part for part in _INSIDE_WORD.split(word) if part]
        if parts != [word]:
            found.extend(parts)
    return found


def starts_each(typed: list[str], words: list[str]) -> bool:
    """Whether each typed word begins one of ``words``, in any order."""
    return all(any(word.startswith(start) for word in words) for start in typed)


def person_name(civility: str | None, first_name: str | None, last_name: str) -> str:
    """Civility, first name and NAME as the minutes print them: "M. Bernard GUY"."""
    return " ".join(p for p in (civility, first_name, upper_surname(last_name)) if p)


def with_organisation(name: str, organisation: str | None) -> str:
    """A name followed by its organisation, to tell two homonyms apart."""
    return f"{name} ({organisation})" if organisation else name


def join_notes(kept: str | None, other: str | None) -> str | None:
    """Notes of two merged records: both kept when they differ."""
    if not other or other == kept:
        return kept
    if not kept:
        return other
    return f"{kept}\n\n{other}"


# Snapshots


@dataclass(frozen=True)
class SavedRow:
    """One row of one table, every column's value as it was."""

    table: str
    values: tuple[tuple[str, object], ...]

    def as_dict(self) -> dict[str, object]:
        return dict(self.values)


@dataclass(frozen=True)
class Snapshot:
    """Rows as they were before a change; :func:`restore_snapshot` puts them back."""

    rows: tuple[SavedRow, ...]

    def __add__(self, other: Snapshot) -> Snapshot:
        return Snapshot(self.rows + other.rows)

    def tables(self) -> set[str]:
        return {row.table for row in self.rows}


def table_of(name: str) -> Table:
    return Base.metadata.tables[name]


def capture(session: Session, table: Table, *conditions: ColumnElement[bool]) -> Snapshot:
    """Every row of ``table`` meeting one of ``conditions`` (none: nothing)."""
    if not conditions:
        return Snapshot(())
    rows = session.execute(
        select(table).where(or_(*conditions)).order_by(*table.primary_key.columns)
    ).mappings()
    return Snapshot(tuple(SavedRow(table.name, tuple(dict(row).items())) for row in rows))


def referencing_columns(target: str) -> list[tuple[Table, str]]:
    """Every (table, column) holding a foreign key to ``target``.id, in table order."""
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
            if fk.column.table.name == target and fk.column.name == "id":
                found.append((table, fk.parent.name))
    return found


def capture_references(session: Session, target: str, ids: Iterable[int]) -> Snapshot:
    """Every row, in any table, that points at one of the ``target`` rows ``ids``."""
    ids = list(ids)
    by_table: dict[str, list[ColumnElement[bool]]] = {}
    for table, column in referencing_columns(target):
        by_table.setdefault(table.name, []).append(table.c[column].in_(ids))
    snapshot = Snapshot(())
    for name, conditions in by_table.items():
        snapshot = snapshot + capture(session, table_of(name), *conditions)
    return snapshot


def restore_snapshot(session: Session, snapshot: Snapshot) -> None:
    """Put every saved row back as it was: rows since deleted are inserted again with
    their ids, rows since changed get their old values. Parents come before children."""
    order = {table.name: i for i, table in enumerate(Base.metadata.sorted_tables)}
    latest: dict[tuple[str, tuple[object, ...]], SavedRow] = {}
    for row in snapshot.rows:  # the first capture of a row wins (it is the oldest)
        table = table_of(row.table)
        key = (row.table, tuple(row.as_dict()[c.name] for c in table.primary_key.columns))
        latest.setdefault(key, row)
    for (name, pk_values), row in sorted(latest.items(), key=lambda item: order[item[0][0]]):
        table = table_of(name)
        pk = list(table.primary_key.columns)
        where = [column == value for column, value in zip(pk, pk_values, strict=True)]
        current = session.execute(select(table).where(*where)).mappings().first()
        values = row.as_dict()
        if current is None:
            session.execute(insert(table).values(values))
            continue
        # Only what changed is written back: a column the change never touched (the
        # annexes frozen with signed minutes, among others) is left alone.
        changed = {name: value for name, value in values.items() if current[name] != value}
        if changed:
            session.execute(update(table).where(*where).values(changed))
    session.expire_all()
