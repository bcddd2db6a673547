"""Helpers of the actions panel: the services it calls with (session, action id, value)
(dates in and out of QDateEdit: ``gui/common/fields``)."""

from __future__ import annotations

import datetime as dt

from clu_desktop.gui.conflicts import RecordKind
from clu_desktop.services.agenda.actions import (
    ACTION,
    ACTION_LABELS,
    ACTION_STATUS_LABELS,
    ActionRow,
    get_action_row,
    set_action_status,
    update_action,
)

#: How a conflict names an action of an item and what changed in it.
ACTION_KIND = RecordKind(
    ACTION, ACTION_LABELS, get_action_row, {"status": ACTION_STATUS_LABELS.get}
)

# Each takes the version of the action the panel shows (None: no check).


def set_text(session, action_id: int, text: str, seen: int | None = None) -> ActionRow:
    return update_action(session, action_id, text=text, seen_version=seen)


def set_owner(session, action_id: int, owner: int | str | None, seen: int | None = None):
    return update_action(session, action_id, owner=owner, seen_version=seen)


def set_due(session, action_id: int, due: dt.date | None, seen: int | None = None) -> ActionRow:
    return update_action(session, action_id, due_date=due, seen_version=seen)


def set_status(session, action_id: int, value: tuple, seen: int | None = None) -> ActionRow:
    status, done = value
    return set_action_status(session, action_id, status, done, seen_version=seen)


#: The field of ActionRow each of them saves (named by a conflict message).
FIELD_OF = {set_text: "text", set_owner: "owner_label", set_due: "due_date", set_status: "status"}
