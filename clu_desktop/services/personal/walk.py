"""Every text of the database, walked for one person's mentions (the right to erasure).

The walk does not list the places a name can live: it reads every mapped table's text
columns (``String``, ``Text``, ``JSON``; enumerations, keys and foreign keys aside), so a
column added later is covered without being named here. A text that holds JSON (a
snapshot kept as text) is read decoded too, so that a name written with ``\\u00e9``
escapes is found. Binary columns (stored files) cannot be rewritten: their mentions are
counted for the report.

The rows of signed minutes (a meeting whose minutes are signed, and every row that
belongs to it through its foreign keys: invitations, agenda items, statements, annexes,
signature events…) are kept as signed unless the caller asks to anonymise them; only
their columns that are never printed (:data:`UNPRINTED`) are anonymised then.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Column, Enum, LargeBinary, String, Table, select, update
from sqlalchemy.orm import Session

from clu_desktop.domain import Base, Meeting, MeetingStatus
from clu_desktop.services.personal.names import ANONYMOUS, PersonMatcher

#: Columns that no document prints: anonymised even in signed minutes kept as signed.
UNPRINTED = frozenset({("meeting", "notes"), ("statement", "answer_text")})
#: Binary columns handled elsewhere (the signed PDF is made again or removed).
HANDLED_BINARIES = frozenset({("meeting", "signed_pdf")})


def text_columns(table: Table) -> list[Column[Any]]:
    """The columns of ``table`` that can hold a name: texts and JSON, not enumerations,
    keys or references."""
    return [
        column
        for column in table.columns
        if isinstance(column.type, (String, JSON))
        and not isinstance(column.type, Enum)
        and not column.primary_key
        and not column.foreign_keys
    ]


def unique_columns(table: Table) -> set[str]:
    """Columns whose value alone must be unique (a committee's name, a code)."""
    names = {c.name for c in table.columns if c.unique}
    for constraint in table.constraints:
        columns = getattr(constraint, "columns", ())
        if type(constraint).__name__ == "UniqueConstraint" and len(columns) == 1:
            names |= {c.name for c in columns}
    for index in table.indexes:
        if index.unique and len(index.columns) == 1:
            names |= {c.name for c in index.columns}
    return names


def _free_value(session: Session, column: Column[Any], value: str, length: int | None) -> str:
    """``value``, or « value (2) »… when another row of a unique column holds it."""
    candidate, number = value, 1
    while session.scalar(select(column).where(column == candidate).limit(1)) is not None:
        number += 1
        suffix = f" ({number})"
        base = value if length is None else value[: length - len(suffix)]
        candidate = base + suffix
    return candidate


def binary_columns(table: Table) -> list[Column[Any]]:
    return [
        c
        for c in table.columns
        if isinstance(c.type, LargeBinary) and (table.name, c.name) not in HANDLED_BINARIES
    ]


def signed_rows(session: Session, tables: Iterable[Table]) -> dict[str, dict[tuple[Any, ...], int]]:
    """For each table, its rows that belong to signed minutes: primary key -> meeting id."""
    meeting_ids = session.scalars(
        select(Meeting.id).where(Meeting.status == MeetingStatus.MINUTES_SIGNED)
    )
    return rows_under(session, tables, meeting_ids)


def rows_under(
    session: Session, tables: Iterable[Table], meeting_ids: Iterable[int]
) -> dict[str, dict[tuple[Any, ...], int]]:
    """For each table, its rows that belong to one of ``meeting_ids``: primary key ->
    meeting id. A row belongs to a meeting when one of its foreign keys leads to it (an
    agenda item's meeting, a statement's agenda item, an action's item or meeting…)."""
    found: dict[str, dict[tuple[Any, ...], int]] = {"meeting": {(i,): i for i in meeting_ids}}
    # Parents come before their children in ``sorted_tables``.
    for table in tables:
        if table.name == "meeting":
            continue
        rows: dict[tuple[Any, ...], int] = {}
        pk = list(table.primary_key.columns)
        for fk in sorted(table.foreign_keys, key=lambda k: k.parent.name):
            parent = fk.column.table
            parent_rows = found.get(parent.name)
            if parent is table or not parent_rows or len(parent.primary_key.columns) != 1:
                continue
            by_parent = {key[0]: meeting for key, meeting in parent_rows.items()}
            query = select(*pk, fk.parent).where(fk.parent.in_(list(by_parent)))
            for row in session.execute(query):
                rows.setdefault(tuple(row[: len(pk)]), by_parent[row[-1]])
        if rows:
            found[table.name] = rows
    return found


def replace_value(matcher: PersonMatcher, value: Any, length: int | None) -> tuple[Any, int]:
    """``value`` (a text, or a JSON value) with each mention replaced, and how many."""
    if isinstance(value, str):
        stripped = value.lstrip()
        if stripped[:1] in ("{", "["):
            try:
                decoded = json.loads(value)
            except ValueError:
                decoded = None
            if isinstance(decoded, (dict, list)):
                new, count = _replace_json(matcher, decoded)
                if count:
                    return json.dumps(new, ensure_ascii=False), count
        new, count = matcher.replace(value)
        if count and new is not None and length is not None and len(new) > length:
            new = new[:length]
        return new, count
    return _replace_json(matcher, value)


def _replace_json(matcher: PersonMatcher, value: Any) -> tuple[Any, int]:
    if isinstance(value, str):
        return matcher.replace(value)
    if isinstance(value, list):
        total, items = 0, []
        for item in value:
            new, count = _replace_json(matcher, item)
            items.append(new)
            total += count
        return items, total
    if isinstance(value, dict):
        total, mapping = 0, {}
        for key, item in value.items():
            new_key, key_count = _replace_json(matcher, key)
            new, count = _replace_json(matcher, item)
            mapping[new_key] = new
            total += key_count + count
        return mapping, total
    return value, 0


def pdf_text(data: bytes) -> str | None:
    """The text of a PDF (its compressed streams decoded), or None if it cannot be read."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # pypdf raises many kinds on a damaged file
        return None


def binary_names(matcher: PersonMatcher, data: bytes | None) -> bool:
    """Whether a stored file holds the person's name: its bytes as text, or a PDF's text."""
    if not data:
        return False
    if matcher.found_in(data.decode("utf-8", errors="replace")) or matcher.found_in(
        data.decode("latin-1")
    ):
        return True
    if data.startswith(b"%PDF"):
        return matcher.found_in(pdf_text(data))
    return False


@dataclass
class WalkResult:
    replaced: int = 0  # mentions replaced
    kept: int = 0  # mentions left in signed minutes kept as signed
    tables: set[str] = field(default_factory=set)  # tables whose rows changed
    meetings: set[int] = field(default_factory=set)  # signed meetings whose rows changed
    kept_meetings: set[int] = field(default_factory=set)  # signed, kept, naming the person
    linked_meetings: set[int] = field(default_factory=set)  # signed, linked to the person
    files: list[str] = field(default_factory=list)  # stored files that still name the person


def linked_meetings(
    session: Session, signed: dict[str, dict[tuple[Any, ...], int]], person_id: int
) -> set[int]:
    """The signed meetings one of whose rows points at the person (chair, signatory,
    invitation, speaker, presenter, action owner…): their PDF prints the name."""
    found: set[int] = set()
    for table in Base.metadata.sorted_tables:
        rows = signed.get(table.name)
        if not rows:
            continue
        pk = list(table.primary_key.columns)
        for fk in table.foreign_keys:
            if fk.column.table.name != "person":
                continue
            query = select(*pk).where(fk.parent == person_id)
            found |= {rows[tuple(r)] for r in session.execute(query) if tuple(r) in rows}
    return found


def _file_place(session: Session, table: str, row: Any, described: bool) -> str:
    """Where a stored file is, in the user's words."""
    if described:  # an annex: its title and its meeting's date
        date = session.scalar(select(Meeting.date).where(Meeting.id == row[2]))
        when = f" de la séance du {date:%d/%m/%Y}" if date else ""
        return f"« {row[1]} »{when}"
    return f"fichier enregistré ({table})"


def walk(
    session: Session,
    matcher: PersonMatcher,
    *,
    anonymise_signed: bool,
    person_id: int | None = None,
    skip: dict[str, set[tuple[Any, ...]]] | None = None,
) -> WalkResult:
    """Replace the person's mentions by :data:`ANONYMOUS` in every text of the database
    (see the module's notes); ``skip`` names rows left alone (the person's own)."""
    tables = list(Base.metadata.sorted_tables)
    signed = signed_rows(session, tables)
    result = WalkResult()
    if person_id is not None:
        result.linked_meetings = linked_meetings(session, signed, person_id)
    for table in tables:
        columns = text_columns(table)
        pk = list(table.primary_key.columns)
        unique = unique_columns(table)
        in_signed = signed.get(table.name, {})
        skipped = (skip or {}).get(table.name, set())
        for row in session.execute(select(*pk, *columns)).all() if columns else ():
            key = tuple(row[: len(pk)])
            if key in skipped:
                continue
            meeting = in_signed.get(key)
            kept = meeting is not None and not anonymise_signed
            changes: dict[str, Any] = {}
            for column, value in zip(columns, row[len(pk) :], strict=True):
                if value is None:
                    continue
                if kept and meeting is not None and (table.name, column.name) not in UNPRINTED:
                    count = replace_value(matcher, value, None)[1]
                    if count:
                        result.kept += count
                        result.kept_meetings.add(meeting)
                    continue
                length = getattr(column.type, "length", None)
                new, count = replace_value(matcher, value, length)
                if count and column.name in unique:
                    new = _free_value(session, column, new, length)
                if count:
                    changes[column.name] = new
                    result.replaced += count
            if not changes:
                continue
            if "version" in table.c:  # another workstation's form must see the change
                changes["version"] = table.c.version + 1
            session.execute(
                update(table)
                .where(*[c == v for c, v in zip(pk, key, strict=True)])
                .values(**changes)
            )
            result.tables.add(table.name)
            if meeting is not None:
                result.meetings.add(meeting)
        for column in binary_columns(table):
            pk = list(table.primary_key.columns)
            described = "title" in table.c and "meeting_id" in table.c
            extra = [table.c.title, table.c.meeting_id] if described else []
            for row in session.execute(select(column, *extra, *pk).where(column.is_not(None))):
                if binary_names(matcher, row[0]):
                    result.files.append(_file_place(session, table.name, row, described))
    return result


def remaining(session: Session, matcher: PersonMatcher) -> list[tuple[str, str]]:
    """Every (table, column) whose text still names the person, for checks and tests."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in text_columns(table):
            for value in session.scalars(select(column).where(column.is_not(None))):
                if replace_value(matcher, value, None)[1]:
                    found.append((table.name, column.name))
                    break
    return found


__all__ = [
    "ANONYMOUS",
    "UNPRINTED",
    "WalkResult",
    "pdf_text",
    "remaining",
    "rows_under",
    "signed_rows",
    "text_columns",
    "walk",
]
