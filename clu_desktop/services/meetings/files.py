"""Meeting files in and out, and the demonstration meeting: what the window, the command
line and the self-test call. ``interchange`` reads and checks a file into plain data and
writes one from it; ``file_import`` and ``file_export`` are the database's side."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from clu_desktop.domain import Meeting, MeetingStatus
from clu_desktop.errors import UserError
from clu_desktop.interchange.meeting_file import write_meeting_file
from clu_desktop.interchange.validation import read_meeting_file
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.meetings import annex_freeze
from clu_desktop.services.meetings.file_export import SignedFigures, export_meeting
from clu_desktop.services.meetings.file_import import import_meeting
from clu_desktop.services.meetings.listing import count_meetings, find_meeting_id
from clu_desktop.services.settings import (
    MINUTES_DATE_STYLE_KEY,
    get_setting,
    set_minutes_date_style,
)
from clu_desktop.store.signed_minutes import signature_change


def import_file(session: Session, path: Path) -> int:
    """Check the whole file, then import it; returns the new meeting's id.

    Minutes imported as signed keep what their indicator annexes printed, from the file
    (``meetings.annex_freeze``): the values of the base may change afterwards, not them."""
    data = read_meeting_file(path)
    meeting = import_meeting(session, data)
    if meeting.status is MeetingStatus.MINUTES_SIGNED:
        with signature_change(session, meeting.id):
            frozen = annex_freeze.imported_annexes(meeting, data)
            meeting.signed_annexes = annex_freeze.dumps(frozen)
            session.flush()
    return meeting.id


def export_file(session: Session, meeting_spec: str, path: Path) -> int:
    """Write the meeting ("latest" or an id) to ``path``; returns its id."""
    meeting_id = find_meeting_id(session, meeting_spec)
    signed = _signed_figures(session, meeting_id)
    write_meeting_file(path, export_meeting(session, meeting_id, signed))
    return meeting_id


def _signed_figures(session: Session, meeting_id: int) -> SignedFigures | None:
    """The figures signed minutes printed, for the file to carry them rather than the
    values the base holds now (an import since may have changed them)."""
    meeting = session.scalars(
        select(Meeting).where(Meeting.id == meeting_id).options(undefer(Meeting.signed_annexes))
    ).one()
    frozen = annex_freeze.frozen_annexes(meeting)
    if frozen is None:
        return None
    first, end = annex_freeze.period_window(meeting.date.year)
    indicators = {i.code: i for rows in frozen.values() for i in rows}
    return SignedFigures(indicators, first, end)


def load_demo(session: Session, *, force: bool = False) -> int:
    """Load the CLU of 20 December 2023; refuse a database that holds meetings already."""
    existing = count_meetings(session)
    if existing and not force:
        raise UserError(
            f"La base contient déjà {existing} séance(s) : la démonstration n'a pas été "
            "chargée. Utilisez --force pour l'ajouter quand même."
        )
    meeting_id = import_file(session, resource_path(*DEMO_MEETING))
    if get_setting(session, MINUTES_DATE_STYLE_KEY) is None:
        # The real minutes of December 2023 carry a date stamp: "08 AVR. 2024".
        set_minutes_date_style(session, "stamp")
    return meeting_id
