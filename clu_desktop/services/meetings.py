"""Meetings as the application lists and finds them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clu_desktop.domain import Committee, Meeting, MeetingStatus
from clu_desktop.errors import UserError

STATUS_LABELS = {
    MeetingStatus.PLANNED: "prévue",
    MeetingStatus.HELD: "tenue",
    MeetingStatus.MINUTES_DRAFTED: "compte-rendu rédigé",
    MeetingStatus.MINUTES_SIGNED: "compte-rendu signé",
}


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    date: dt.date
    committee: str
    title: str
    status: MeetingStatus

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def list_meetings(session: Session) -> list[MeetingSummary]:
    """Every meeting, newest first."""
    rows = session.execute(
        select(Meeting.id, Meeting.date, Committee.name, Meeting.title, Meeting.status)
        .join(Committee, Meeting.committee_id == Committee.id)
        .order_by(Meeting.date.desc(), Meeting.id.desc())
    )
    return [MeetingSummary(*row) for row in rows]


def count_meetings(session: Session) -> int:
    return session.scalar(select(func.count(Meeting.id))) or 0


def find_meeting_id(session: Session, spec: str) -> int:
    """The meeting named on a command line: its id, or "latest" for the newest one."""
    if spec == "latest":
        meeting_id = session.scalar(
            select(Meeting.id).order_by(Meeting.date.desc(), Meeting.id.desc()).limit(1)
        )
        if meeting_id is None:
            raise UserError("La base ne contient aucune séance.")
        return meeting_id
    if not spec.isdigit():
        raise UserError(f"« {spec} » n'est pas un numéro de séance (ni « latest »).")
    if session.get(Meeting, int(spec)) is None:
        raise UserError(f"Aucune séance n'a le numéro {spec}.")
    return int(spec)
