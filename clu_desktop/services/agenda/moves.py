"""Reordering the agenda: up and down, to another place (drag and drop), indent, outdent.

Every move returns the place the item had, so that undo can put it back with
:func:`move_item_to`. Positions stay dense among siblings.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from clu_desktop.domain import AgendaItem
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.items import get_item, renumber, siblings

TWO_LEVELS = (
    "Un point qui a des sous-points ne peut pas devenir un sous-point : l'ordre du jour "
    "n'a que deux niveaux."
)


@dataclass(frozen=True)
class ItemPlace:
    """Where an item stands: its parent (None at the first level) and its position."""

    parent_id: int | None
    position: int


def place_of(item: AgendaItem) -> ItemPlace:
    return ItemPlace(item.parent_id, item.position)


def _has_children(session: Session, item: AgendaItem) -> bool:
    return bool(siblings(session, item.meeting_id, item.id))


def move_item(session: Session, item_id: int, delta: int) -> ItemPlace:
    """Move an item up (delta -1) or down (+1) among its siblings."""
    item = get_item(session, item_id)
    group = siblings(session, item.meeting_id, item.parent_id)
    index = group.index(item)
    target = index + delta
    if not 0 <= target < len(group):
        raise UserError(
            "Ce point est déjà le premier." if delta < 0 else "Ce point est déjà le dernier."
        )
    before = place_of(item)
    group.insert(target, group.pop(index))
    renumber(group)
    session.flush()
    return before


def move_item_to(session: Session, item_id: int, parent_id: int | None, position: int) -> ItemPlace:
    """Put an item at ``position`` among the sub-items of ``parent_id`` (or among the
    items when None). ``position`` is its index once moved; it is clamped to the list."""
    item = get_item(session, item_id)
    before = place_of(item)
    if parent_id is not None:
        parent = get_item(session, parent_id)
        if parent.meeting_id != item.meeting_id:
            raise UserError("Ce point appartient à une autre séance.")
        if parent.id == item.id:
            raise UserError("Un point ne peut pas être son propre sous-point.")
        if parent.parent_id is not None:
            raise UserError(
                "Un sous-point ne peut pas avoir lui-même de sous-points : l'ordre du jour "
                "n'a que deux niveaux."
            )
        if _has_children(session, item):
            raise UserError(TWO_LEVELS)
    old_group = siblings(session, item.meeting_id, item.parent_id)
    old_group.remove(item)
    new_group = (
        old_group if parent_id == item.parent_id else siblings(session, item.meeting_id, parent_id)
    )
    position = max(0, min(position, len(new_group)))
    new_group.insert(position, item)
    item.parent_id = parent_id
    renumber(old_group)
    renumber(new_group)
    session.flush()
    return before


def indent_item(session: Session, item_id: int) -> ItemPlace:
    """Make an item the last sub-item of the item just above it."""
    item = get_item(session, item_id)
    if item.parent_id is not None:
        raise UserError("Ce point est déjà un sous-point : l'ordre du jour n'a que deux niveaux.")
    group = siblings(session, item.meeting_id, None)
    index = group.index(item)
    if index == 0:
        raise UserError(
            "Le premier point ne peut pas devenir un sous-point : aucun point au-dessus."
        )
    if _has_children(session, item):
        raise UserError(TWO_LEVELS)
    previous = group[index - 1]
    return move_item_to(
        session, item_id, previous.id, len(siblings(session, item.meeting_id, previous.id))
    )


def outdent_item(session: Session, item_id: int) -> ItemPlace:
    """Make a sub-item an item of its own, right after its former parent."""
    item = get_item(session, item_id)
    if item.parent_id is None:
        raise UserError("Ce point est déjà au premier niveau.")
    parent = get_item(session, item.parent_id)
    return move_item_to(session, item_id, None, parent.position + 1)
