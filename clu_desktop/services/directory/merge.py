"""Merging two records of the directory that describe the same person or organisation."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint, delete, select, update
from sqlalchemy.orm import Session

from clu_desktop.domain import Organisation, Person
from clu_desktop.errors import UserError
from clu_desktop.services.directory.common import (
    Snapshot,
    capture,
    capture_references,
    join_notes,
    referencing_columns,
)

PERSON_FILLED_FIELDS = ("civility", "first_name", "function", "organisation_id", "email", "phone")
ORGANISATION_FILLED_FIELDS = ("acronym", "address")


def move_references(session: Session, target: str, from_id: int, to_id: int) -> None:
    """Make every row pointing at ``target`` row ``from_id`` point at ``to_id`` instead.

    Where a unique constraint forbids two such rows (the same committee seat, invitation
    to the same meeting, speaker of the same statement), the row of ``to_id`` is kept and
    the one of ``from_id`` is deleted.
    """
    for table, column in referencing_columns(target):
        col = table.c[column]
        pk = list(table.primary_key.columns)
        for constraint in table.constraints:
            if not isinstance(constraint, UniqueConstraint) or column not in constraint.columns:
                continue
            others = [c for c in constraint.columns if c.name != column]
            kept = {tuple(r) for r in session.execute(select(*others).where(col == to_id))}
            for row in session.execute(select(*pk, *others).where(col == from_id)).all():
                if tuple(row[len(pk) :]) in kept:
                    where = [c == v for c, v in zip(pk, row[: len(pk)], strict=True)]
                    session.execute(delete(table).where(*where))
        session.execute(update(table).where(col == from_id).values({column: to_id}))


def _fills(
    kept: Person | Organisation, other: Person | Organisation, fields: tuple[str, ...]
) -> dict[str, object]:
    """The kept record's empty fields that the other one can fill."""
    values: dict[str, object] = {}
    for field in fields:
        mine, theirs = getattr(kept, field), getattr(other, field)
        if mine in (None, "") and theirs not in (None, ""):
            values[field] = theirs
    notes = join_notes(kept.notes, other.notes)
    if notes != kept.notes:
        values["notes"] = notes
    return values


def merge_people(session: Session, keep_id: int, other_id: int) -> Snapshot:
    """Merge person ``other_id`` into ``keep_id``: the kept person's empty fields are
    filled from the other, every reference moves to the kept person, the other is deleted.

    Returns the rows as they were, for :func:`restore_snapshot` (undo).
    """
    if keep_id == other_id:
        raise UserError("Choisissez deux personnes différentes à fusionner.")
    kept, other = session.get(Person, keep_id), session.get(Person, other_id)
    if kept is None or other is None:
        raise UserError("L'une des deux personnes n'existe plus dans l'annuaire.")
    fills = _fills(kept, other, PERSON_FILLED_FIELDS)
    table = Person.__table__
    snapshot = capture(session, table, table.c.id.in_([keep_id, other_id]))
    snapshot = snapshot + capture_references(session, "person", [other_id])
    session.expunge_all()
    move_references(session, "person", other_id, keep_id)
    session.execute(delete(table).where(table.c.id == other_id))
    if fills:
        session.execute(update(table).where(table.c.id == keep_id).values(fills))
    return snapshot


def merge_organisations(session: Session, keep_id: int, other_id: int) -> Snapshot:
    """Merge organisation ``other_id`` into ``keep_id``: its people join the kept one,
    empty fields are filled, the other is deleted. Returns the rows as they were."""
    if keep_id == other_id:
        raise UserError("Choisissez deux organismes différents à fusionner.")
    kept, other = session.get(Organisation, keep_id), session.get(Organisation, other_id)
    if kept is None or other is None:
        raise UserError("L'un des deux organismes n'existe plus dans l'annuaire.")
    fills = _fills(kept, other, ORGANISATION_FILLED_FIELDS)
    table = Organisation.__table__
    snapshot = capture(session, table, table.c.id.in_([keep_id, other_id]))
    snapshot = snapshot + capture_references(session, "organisation", [other_id])
    session.expunge_all()
    move_references(session, "organisation", other_id, keep_id)
    session.execute(delete(table).where(table.c.id == other_id))
    if fills:
        session.execute(update(table).where(table.c.id == keep_id).values(fills))
    return snapshot
