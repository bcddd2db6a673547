"""What calendars need to update a meeting's event instead of adding another: a UID that
stays the same for the meeting, and a SEQUENCE that grows when its date, hours or place
have changed since the last invitation was made. Kept in the ``setting`` table (one
entry per meeting that had an invitation; it outlives the meeting, for its cancellation)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from clu_desktop.services.settings import get_setting, set_setting


@dataclass(frozen=True)
class CalendarIdentity:
    uid: str
    sequence: int


def _key(meeting_id: int) -> str:
    return f"calendar.meeting.{meeting_id}"


def calendar_identity(session: Session, meeting_id: int, when: str) -> CalendarIdentity:
    """The UID and SEQUENCE of the meeting's event; ``when`` (its date, hours and place as
    one text) changed since the last time makes the SEQUENCE grow by one."""
    stored = _stored(session, meeting_id)
    if stored is None:
        identity = CalendarIdentity(f"{uuid.uuid4()}@clu-desktop", 0)
    elif stored[1] != when:
        identity = CalendarIdentity(stored[0].uid, stored[0].sequence + 1)
    else:
        return stored[0]
    value = {"uid": identity.uid, "sequence": identity.sequence, "when": when}
    set_setting(session, _key(meeting_id), json.dumps(value, ensure_ascii=False))
    return identity


def invitation_made(session: Session, meeting_id: int) -> bool:
    """Whether an invitation was made for the meeting (its event may be in calendars)."""
    return _stored(session, meeting_id) is not None


def cancellation_identity(session: Session, meeting_id: int) -> CalendarIdentity | None:
    """The UID and next SEQUENCE that cancel the event of an invitation already made;
    None when no invitation was made for the meeting (nothing to cancel)."""
    stored = _stored(session, meeting_id)
    if stored is None:
        return None
    identity, when = stored
    cancelled = CalendarIdentity(identity.uid, identity.sequence + 1)
    value = {"uid": cancelled.uid, "sequence": cancelled.sequence, "when": when}
    set_setting(session, _key(meeting_id), json.dumps(value, ensure_ascii=False))
    return cancelled


def _stored(session: Session, meeting_id: int) -> tuple[CalendarIdentity, str] | None:
    text = get_setting(session, _key(meeting_id))
    if text is None:
        return None
    try:
        values = json.loads(text)
        return CalendarIdentity(str(values["uid"]), int(values["sequence"])), str(values["when"])
    except (ValueError, KeyError, TypeError):
        return None
