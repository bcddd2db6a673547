"""Deleting agenda items, statements and actions so that undo can bring them back.

A deletion returns a snapshot: the plain rows of what it removed (an item's row keeps its
deliberation: decision text, vote and figures; the members named in its vote are rows of
their own), and the ids of the actions that pointed at it. Restoring inserts the same
rows with the same primary keys and points those actions at them again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Table, delete, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from clu_desktop.domain import (
    Action,
    AgendaItem,
    Invitation,
    Meeting,
    Statement,
    StatementSpeaker,
    VoteName,
)
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.items import get_item, renumber, siblings

Row = dict[str, Any]

ITEMS: Table = AgendaItem.__table__
STATEMENTS: Table = Statement.__table__
SPEAKERS: Table = StatementSpeaker.__table__
ACTIONS: Table = Action.__table__
VOTE_NAMES: Table = VoteName.__table__


@dataclass(frozen=True)
class ItemSnapshot:
    """An item as it was before its deletion, with its sub-items and statements."""

    meeting_id: int
    item_id: int
    items: tuple[Row, ...]  # the item first, then its sub-items
    statements: tuple[Row, ...]
    speakers: tuple[Row, ...]
    item_actions: tuple[tuple[int, int], ...]  # (action id, agenda item id)
    statement_actions: tuple[tuple[int, int], ...]  # (action id, statement id)
    vote_names: tuple[Row, ...] = ()  # the members named in the items' votes


def rows_of(
    session: Session, table: Table, column: Column[Any], ids: Iterable[int]
) -> tuple[Row, ...]:
    """Every row of ``table`` whose ``column`` is in ``ids``, as plain dicts, by id."""
    ids = list(ids)
    if not ids:
        return ()
    result = session.execute(select(table).where(column.in_(ids)).order_by(table.c.id)).mappings()
    return tuple(dict(row) for row in result)


def actions_pointing(
    session: Session, column: InstrumentedAttribute[int | None], ids: Iterable[int]
) -> tuple[tuple[int, int], ...]:
    ids = list(ids)
    if not ids:
        return ()
    result = session.execute(select(Action.id, column).where(column.in_(ids)).order_by(Action.id))
    # ``target`` is never None: it is in ``ids``.
    return tuple((action_id, target) for action_id, target in result if target is not None)


def detach_and_delete_statements(session: Session, statement_ids: list[int]) -> None:
    if not statement_ids:
        return
    session.execute(
        update(Action)
        .where(Action.statement_id.in_(statement_ids))
        .values(statement_id=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(StatementSpeaker)
        .where(StatementSpeaker.statement_id.in_(statement_ids))
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(Statement)
        .where(Statement.id.in_(statement_ids))
        .execution_options(synchronize_session=False)
    )


def repoint_actions(session: Session, column_name: str, pairs: Iterable[tuple[int, int]]) -> None:
    """Point each action (when it still exists) at its former item or statement again."""
    for action_id, target in pairs:
        session.execute(
            update(ACTIONS).where(ACTIONS.c.id == action_id).values({column_name: target})
        )


def ensure_free(session: Session, table: Table, ids: Iterable[int]) -> None:
    ids = list(ids)
    if ids and session.execute(select(table.c.id).where(table.c.id.in_(ids))).first():
        raise UserError("Cet élément a déjà été rétabli.")


def delete_item(session: Session, item_id: int) -> ItemSnapshot:
    """Delete an item with its sub-items and statements; its actions stay, detached."""
    item = get_item(session, item_id)
    meeting_id, parent_id = item.meeting_id, item.parent_id
    child_ids = [child.id for child in siblings(session, meeting_id, item.id)]
    item_ids = [item.id, *child_ids]
    root = rows_of(session, ITEMS, ITEMS.c.id, [item.id])
    children = rows_of(session, ITEMS, ITEMS.c.id, child_ids)
    statements = rows_of(session, STATEMENTS, STATEMENTS.c.agenda_item_id, item_ids)
    statement_ids = [row["id"] for row in statements]
    snapshot = ItemSnapshot(
        meeting_id=meeting_id,
        item_id=item.id,
        items=root + tuple(sorted(children, key=lambda r: (r["position"], r["id"]))),
        statements=statements,
        speakers=rows_of(session, SPEAKERS, SPEAKERS.c.statement_id, statement_ids),
        item_actions=actions_pointing(session, Action.agenda_item_id, item_ids),
        statement_actions=actions_pointing(session, Action.statement_id, statement_ids),
        vote_names=rows_of(session, VOTE_NAMES, VOTE_NAMES.c.agenda_item_id, item_ids),
    )
    detach_and_delete_statements(session, statement_ids)
    session.execute(
        delete(VoteName)
        .where(VoteName.agenda_item_id.in_(item_ids))
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(Action)
        .where(Action.agenda_item_id.in_(item_ids))
        .values(agenda_item_id=None)
        .execution_options(synchronize_session=False)
    )
    session.expunge_all()
    for doomed in (child_ids, [item_id]):
        if doomed:
            session.execute(
                delete(AgendaItem)
                .where(AgendaItem.id.in_(doomed))
                .execution_options(synchronize_session=False)
            )
    renumber(siblings(session, meeting_id, parent_id))
    session.flush()
    return snapshot


def restore_item(session: Session, snapshot: ItemSnapshot) -> int:
    """Put a deleted item back, with the same ids, at its former place; returns its id."""
    if session.get(Meeting, snapshot.meeting_id) is None:
        raise UserError("Cette séance n'existe plus (elle a peut-être été supprimée).")
    root = snapshot.items[0]
    parent_id = root["parent_id"]
    if parent_id is not None and session.get(AgendaItem, parent_id) is None:
        raise UserError("Le point dont il était un sous-point n'existe plus.")
    ensure_free(session, ITEMS, [row["id"] for row in snapshot.items])
    group = siblings(session, snapshot.meeting_id, parent_id)
    position = min(root["position"], len(group))
    for sibling in group[position:]:
        sibling.position += 1
    session.flush()
    session.execute(insert(ITEMS), [{**root, "position": position}])
    if len(snapshot.items) > 1:
        session.execute(insert(ITEMS), list(snapshot.items[1:]))
    if snapshot.statements:
        session.execute(insert(STATEMENTS), list(snapshot.statements))
    if snapshot.speakers:
        session.execute(insert(SPEAKERS), list(snapshot.speakers))
    restore_vote_names(session, snapshot.vote_names)
    repoint_actions(session, "agenda_item_id", snapshot.item_actions)
    repoint_actions(session, "statement_id", snapshot.statement_actions)
    session.expunge_all()
    renumber(siblings(session, snapshot.meeting_id, parent_id))
    session.flush()
    return snapshot.item_id


def restore_vote_names(session: Session, rows: tuple[Row, ...]) -> None:
    """Name the members of the restored votes again, those still invited to the meeting
    (an invitation withdrawn meanwhile took its name out of the vote). Nothing points at
    a name's id: each gets a new one, so that a name added meanwhile never collides."""
    invitations = {row["invitation_id"] for row in rows}
    if not invitations:
        return
    still = set(session.scalars(select(Invitation.id).where(Invitation.id.in_(invitations))))
    kept = [
        {key: value for key, value in row.items() if key != "id"}
        for row in rows
        if row["invitation_id"] in still
    ]
    if kept:
        session.execute(insert(VOTE_NAMES), kept)
