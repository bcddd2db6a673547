"""Actions decided on an agenda item: what, who, by when, and where it stands."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from clu_desktop.domain import (
    Action,
    ActionOrigin,
    ActionStatus,
    AgendaItem,
    Finding,
    Meeting,
    Person,
    Statement,
)
from clu_desktop.errors import UserError
from clu_desktop.rules.fields import check_date_range, clean_text
from clu_desktop.services.agenda.items import get_item, person_name
from clu_desktop.services.agenda.snapshots import ACTIONS, Row, ensure_free, rows_of
from clu_desktop.services.attendance.invitations import meeting_people
from clu_desktop.services.concurrency import check_version

ACTION_MAX = 10_000
OWNER_NAME_MAX = 200
WHEN_LABEL_MAX = 100

ACTION_STATUS_LABELS = {
    ActionStatus.TODO: "À faire",
    ActionStatus.IN_PROGRESS: "En cours",
    ActionStatus.DONE: "Fait",
    ActionStatus.ABANDONED: "Abandonné",
}


class _Unset(enum.Enum):
    """A field update_action leaves as it is."""

    UNSET = enum.auto()


_UNSET: Final = _Unset.UNSET

ACTION = "Cette action"  # the record, as conflict messages name it
#: The fields of an action a conflict message names (field of ActionRow → label).
ACTION_LABELS = {
    "text": "Texte",
    "owner_label": "Responsable",
    "due_date": "Échéance",
    "when_label": "Échéance en clair",
    "status": "État",
    "done_date": "Date de réalisation",
}


@dataclass(frozen=True)
class ActionRow:
    id: int
    item_id: int | None
    position: int
    text: str
    owner_id: int | None
    owner_name: str | None  # the name typed when the owner is not a known person
    owner_label: str  # who, as shown: the person's name, the typed name, or ""
    due_date: dt.date | None
    status: ActionStatus
    done_date: dt.date | None
    when_label: str | None
    version: int = 1

    @property
    def status_label(self) -> str:
        return ACTION_STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ActionSnapshot:
    action: Row


def _action_not_found() -> UserError:
    return UserError("Cette action n'existe plus (elle a peut-être été supprimée).")


def get_action(session: Session, action_id: int, seen_version: int | None = None) -> Action:
    """The action; with ``seen_version``, a ConflictError when it was changed since the
    user saw it (on another workstation)."""
    action = session.get(Action, action_id)
    if action is None:
        raise _action_not_found()
    check_version(action, seen_version, ACTION)
    return action


def list_item_actions(session: Session, item_id: int) -> list[ActionRow]:
    item = get_item(session, item_id)
    names = {p.id: p.name for p in meeting_people(session, item.meeting_id)}
    actions = session.scalars(
        select(Action).where(Action.agenda_item_id == item_id).order_by(Action.position, Action.id)
    )
    return [_row(session, action, names) for action in actions]


def get_action_row(session: Session, action_id: int) -> ActionRow:
    action = get_action(session, action_id)
    names = (
        {p.id: p.name for p in meeting_people(session, action.meeting_id)}
        if action.meeting_id is not None
        else {}
    )
    return _row(session, action, names)


def _row(session: Session, action: Action, names: dict[int, str]) -> ActionRow:
    if action.owner_id is not None:
        owner = person_name(session, action.owner_id, names)
    else:
        owner = action.owner_name or ""
    return ActionRow(
        id=action.id,
        item_id=action.agenda_item_id,
        position=action.position,
        text=action.text,
        owner_id=action.owner_id,
        owner_name=action.owner_name,
        owner_label=owner,
        due_date=action.due_date,
        status=action.status,
        done_date=action.done_date,
        when_label=action.when_label,
        version=action.version,
    )


def _clean_text(text: str | None) -> str:
    return clean_text(text, "Texte de l'action", ACTION_MAX, multiline=True) or ""


def add_action(
    session: Session,
    item_id: int,
    text: str = "",
    *,
    owner_id: int | None = None,
    owner_name: str | None = None,
    due_date: dt.date | None = None,
) -> int:
    """Add an action to an item (after the meeting's other actions); returns its id."""
    item = get_item(session, item_id)
    clean = _clean_text(text)
    owner_id, owner_name = _check_owner(session, owner_id, owner_name)
    check_date_range(due_date, "Échéance")
    last = session.scalar(
        select(func.max(Action.position)).where(Action.meeting_id == item.meeting_id)
    )
    action = Action(
        meeting_id=item.meeting_id,
        agenda_item_id=item_id,
        position=0 if last is None else last + 1,
        text=clean,
        owner_id=owner_id,
        owner_name=owner_name,
        due_date=due_date,
        status=ActionStatus.TODO,
        origin=ActionOrigin.MEETING,
    )
    session.add(action)
    session.flush()
    return action.id


def _check_owner(
    session: Session, owner_id: int | None, owner_name: str | None
) -> tuple[int | None, str | None]:
    if owner_id is not None:
        if session.get(Person, owner_id) is None:
            raise UserError("Cette personne n'existe plus dans l'annuaire.")
        return owner_id, None
    return None, clean_text(owner_name, "Responsable", OWNER_NAME_MAX)


def update_action(
    session: Session,
    action_id: int,
    *,
    text: str | _Unset | None = _UNSET,
    owner: object = _UNSET,
    due_date: dt.date | _Unset | None = _UNSET,
    when_label: object = _UNSET,
    seen_version: int | None = None,
) -> ActionRow:
    """Change the given fields of an action.

    ``owner`` is a person id (int), a typed name (str) or None for nobody. An action
    saved on another workstation since the user saw ``seen_version`` is refused with a
    ConflictError (None: no check).
    """
    action = get_action(session, action_id, seen_version)
    changes: dict[str, object] = {}
    if text is not _UNSET:
        changes["text"] = _clean_text(text)
    if owner is not _UNSET:
        if isinstance(owner, int) and not isinstance(owner, bool):
            changes["owner_id"], changes["owner_name"] = _check_owner(session, owner, None)
        elif owner is None or isinstance(owner, str):
            changes["owner_id"], changes["owner_name"] = _check_owner(session, None, owner)
        else:
            raise TypeError("owner: person id, name or None")
    if due_date is not _UNSET:
        check_date_range(due_date, "Échéance")
        changes["due_date"] = due_date
    if when_label is not _UNSET:
        label = when_label if isinstance(when_label, str) else None
        changes["when_label"] = clean_text(label, "Échéance en clair", WHEN_LABEL_MAX)
    for name, value in changes.items():
        setattr(action, name, value)
    session.flush()
    return get_action_row(session, action_id)


def set_action_status(
    session: Session,
    action_id: int,
    status: ActionStatus,
    done_date: dt.date | None = None,
    seen_version: int | None = None,
) -> ActionRow:
    """Set where an action stands. A done action keeps a done date (today when none is
    given); any other status clears it. ``seen_version`` as in :func:`update_action`."""
    action = get_action(session, action_id, seen_version)
    status = ActionStatus(status)
    if status is ActionStatus.DONE:
        done_date = done_date or action.done_date or dt.date.today()
        check_date_range(done_date, "Date de réalisation")
    else:
        done_date = None
    action.status = status
    action.done_date = done_date
    session.flush()
    return get_action_row(session, action_id)


def delete_action(session: Session, action_id: int) -> ActionSnapshot:
    get_action(session, action_id)
    snapshot = ActionSnapshot(rows_of(session, ACTIONS, ACTIONS.c.id, [action_id])[0])
    session.expunge_all()
    session.execute(ACTIONS.delete().where(ACTIONS.c.id == action_id))
    return snapshot


def restore_action(session: Session, snapshot: ActionSnapshot) -> int:
    """Put a deleted action back with its id (detached from what no longer exists)."""
    row = dict(snapshot.action)
    ensure_free(session, ACTIONS, [row["id"]])
    for column, model in (
        ("meeting_id", Meeting),
        ("agenda_item_id", AgendaItem),
        ("finding_id", Finding),
        ("statement_id", Statement),
        ("owner_id", Person),
    ):
        if row[column] is not None and session.get(model, row[column]) is None:
            row[column] = None
    session.execute(insert(ACTIONS), [row])
    restored_id: int = row["id"]
    return restored_id
