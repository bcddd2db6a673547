"""The action plan, across meetings: decisions, audit findings, users' remarks,
improvements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from clu_desktop.domain import Action, ActionOrigin, ActionStatus, Meeting, Person
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.actions import (
    ACTION_MAX,
    ACTION_STATUS_LABELS,
    OWNER_NAME_MAX,
    WHEN_LABEL_MAX,
    delete_action,
    get_action,
    restore_action,
)
from clu_desktop.services.attendance.invitations import get_meeting
from clu_desktop.services.quality.common import (
    ACTION_ORIGIN_LABELS,
    OPEN_STATUSES,
    ActionRow,
    PrintedNames,
    check_date,
    check_enum,
    clean,
    clean_long,
    get_finding,
    unknown_field,
)
from clu_desktop.services.quality.remarks import remark_statement

__all__ = ["delete_plan_action", "restore_plan_action"]

#: Deleting an action of the plan is deleting an action; undo restores it.
delete_plan_action = delete_action
restore_plan_action = restore_action

_STATUS_ERROR = "Cet état d'action est inconnu."
_ORIGIN_ERROR = "Cette origine d'action est inconnue."


def _action_row(action: Action, names: PrintedNames, today: dt.date) -> ActionRow:
    owner = (
        names.of(action.owner_id, action.meeting_id)
        if action.owner_id is not None
        else action.owner_name or ""
    )
    overdue = (
        action.due_date is not None and action.due_date < today and action.status in OPEN_STATUSES
    )
    return ActionRow(
        id=action.id,
        text=action.text,
        owner_id=action.owner_id,
        owner_name=owner,
        due_date=action.due_date,
        status=action.status,
        status_label=ACTION_STATUS_LABELS[action.status],
        done_date=action.done_date,
        when_label=action.when_label,
        origin=action.origin,
        origin_label=ACTION_ORIGIN_LABELS[action.origin],
        meeting_id=action.meeting_id,
        meeting_date=action.meeting.date if action.meeting is not None else None,
        finding_id=action.finding_id,
        statement_id=action.statement_id,
        overdue=overdue,
        agenda_item_id=action.agenda_item_id,
        version=action.version,
    )


def _sort_key(row: ActionRow) -> tuple[Any, ...]:
    """Overdue first, then by due date (none last), then newest."""
    return (not row.overdue, row.due_date is None, row.due_date or dt.date.max, -row.id)


def action_rows(
    session: Session, conditions: Iterable[Any] = (), *, today: dt.date | None = None
) -> list[ActionRow]:
    """The actions meeting every condition (on Action or Meeting, which is outer-joined),
    in the plan's order."""
    today = today or dt.date.today()
    actions = session.scalars(
        select(Action)
        .outerjoin(Meeting, Action.meeting_id == Meeting.id)
        .where(*conditions)
        .options(selectinload(Action.meeting))
    )
    names = PrintedNames(session)
    return sorted((_action_row(a, names, today) for a in actions), key=_sort_key)


def _statuses(status: ActionStatus | Iterable[ActionStatus] | None) -> set[ActionStatus] | None:
    if status is None:
        return None
    if isinstance(status, str):
        return {check_enum(ActionStatus, status, _STATUS_ERROR)}
    return {check_enum(ActionStatus, s, _STATUS_ERROR) for s in status}


def list_actions(
    session: Session,
    *,
    status: ActionStatus | Iterable[ActionStatus] | None = None,
    owner_id: int | None = None,
    origin: ActionOrigin | None = None,
    only_overdue: bool = False,
    today: dt.date | None = None,
    meeting_id: int | None = None,
) -> list[ActionRow]:
    """The action plan: overdue actions first, then by due date, then the newest."""
    conditions: list[Any] = []
    statuses = _statuses(status)
    if statuses is not None:
        conditions.append(Action.status.in_(statuses))
    if owner_id is not None:
        conditions.append(Action.owner_id == owner_id)
    if origin is not None:
        conditions.append(Action.origin == check_enum(ActionOrigin, origin, _ORIGIN_ERROR))
    if meeting_id is not None:
        conditions.append(Action.meeting_id == meeting_id)
    rows = action_rows(session, conditions, today=today)
    return [row for row in rows if row.overdue] if only_overdue else rows


def get_plan_action(session: Session, action_id: int, *, today: dt.date | None = None) -> ActionRow:
    action = get_action(session, action_id)
    return _action_row(action, PrintedNames(session), today or dt.date.today())


def _check_owner(
    session: Session, owner_id: object, owner_name: object
) -> tuple[int | None, str | None]:
    if owner_id is not None:
        if not isinstance(owner_id, int) or session.get(Person, owner_id) is None:
            raise UserError("Cette personne n'existe plus dans l'annuaire.")
        return owner_id, None
    return None, clean(owner_name, "Responsable", OWNER_NAME_MAX)


def _check_text(text: object) -> str:
    return clean_long(text, "Texte de l'action", ACTION_MAX) or ""


def _new_action(session: Session, meeting_id: int | None, **values: Any) -> int:
    last = session.scalar(
        select(func.max(Action.position)).where(
            Action.meeting_id.is_(None) if meeting_id is None else Action.meeting_id == meeting_id
        )
    )
    action = Action(
        meeting_id=meeting_id,
        position=0 if last is None else last + 1,
        status=ActionStatus.TODO,
        **values,
    )
    session.add(action)
    session.flush()
    return action.id


def add_plan_action(
    session: Session,
    text: str,
    *,
    origin: ActionOrigin = ActionOrigin.MEETING,
    owner_id: int | None = None,
    owner_name: str | None = None,
    due_date: dt.date | None = None,
    meeting_id: int | None = None,
) -> int:
    """Add an action to the plan (its text may be written later); returns its id."""
    clean_text = _check_text(text)
    action_origin = check_enum(ActionOrigin, origin, _ORIGIN_ERROR)
    owner_id, owner_name = _check_owner(session, owner_id, owner_name)
    due = check_date(due_date, "Échéance")
    if meeting_id is not None:
        get_meeting(session, meeting_id)
    return _new_action(
        session,
        meeting_id,
        text=clean_text,
        origin=action_origin,
        owner_id=owner_id,
        owner_name=owner_name,
        due_date=due,
    )


def action_from_finding(
    session: Session,
    finding_id: int,
    owner_id: int | None = None,
    due_date: dt.date | None = None,
) -> int:
    """An action to follow up an audit finding: its text, linked to it, to do."""
    finding = get_finding(session, finding_id)
    owner_id, owner_name = _check_owner(session, owner_id, None)
    due = check_date(due_date, "Échéance")
    return _new_action(
        session,
        None,
        text=finding.text,
        origin=ActionOrigin.FINDING,
        finding_id=finding.id,
        owner_id=owner_id,
        owner_name=owner_name,
        due_date=due,
    )


def action_from_remark(
    session: Session,
    statement_id: int,
    owner_id: int | None = None,
    due_date: dt.date | None = None,
) -> int:
    """An action answering a users' remark, linked to it and to its meeting (not to its
    agenda item, so that the minutes of that meeting stay as they are)."""
    statement = remark_statement(session, statement_id)
    owner_id, owner_name = _check_owner(session, owner_id, None)
    due = check_date(due_date, "Échéance")
    return _new_action(
        session,
        statement.agenda_item.meeting_id,
        text=statement.text,
        origin=ActionOrigin.REMARK,
        statement_id=statement.id,
        owner_id=owner_id,
        owner_name=owner_name,
        due_date=due,
    )


def update_plan_action(
    session: Session, action_id: int, field: str, value: object, seen_version: int | None = None
) -> int:
    """Change one field: text, owner_id, owner_name, due_date, when_label or origin;
    returns the action's new version.

    A person as owner replaces a typed name and the other way round. An action saved on
    another workstation since the user saw ``seen_version`` is refused with a
    ConflictError (None: no check)."""
    action = get_action(session, action_id, seen_version)
    if field == "text":
        action.text = _check_text(value)
    elif field == "owner_id":
        action.owner_id, action.owner_name = _check_owner(session, value, None)
    elif field == "owner_name":
        action.owner_id, action.owner_name = _check_owner(session, None, value)
    elif field == "due_date":
        action.due_date = check_date(value, "Échéance")
    elif field == "when_label":
        action.when_label = clean(value, "Échéance en clair", WHEN_LABEL_MAX)
    elif field == "origin":
        action.origin = check_enum(ActionOrigin, value, _ORIGIN_ERROR)
    else:
        raise unknown_field(field)
    session.flush()
    return action.version


def set_plan_action_status(
    session: Session,
    action_id: int,
    status: ActionStatus,
    done_date: dt.date | None = None,
    seen_version: int | None = None,
) -> int:
    """Set where an action stands; returns the action's new version. A done action has a
    done date (the given one, else the one it had, else today); any other status clears
    it. ``seen_version`` as in :func:`update_plan_action`."""
    action = get_action(session, action_id, seen_version)
    new_status = check_enum(ActionStatus, status, _STATUS_ERROR)
    if new_status is ActionStatus.DONE:
        kept = action.done_date if action.status is ActionStatus.DONE else None
        done = check_date(done_date, "Date de réalisation") or kept or dt.date.today()
    else:
        done = None
    action.status = new_status
    action.done_date = done
    session.flush()
    return action.version
