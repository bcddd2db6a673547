"""Meetings as the application lists and finds them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clu_desktop.domain import AgendaItem, Committee, Meeting, MeetingStatus
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


DEFAULT_COMMITTEE = ("Comité local des usagers", "CLU")
DEFAULT_INTERVAL_MONTHS = 6


def _committee_for_new_meeting(session: Session, committee_id: int | None) -> Committee:
    if committee_id is not None:
        committee = session.get(Committee, committee_id)
        if committee is not None:
            return committee
    committee = session.scalars(select(Committee).order_by(Committee.id)).first()
    if committee is None:  # a new database: the committee the application is built for
        name, acronym = DEFAULT_COMMITTEE
        committee = Committee(name=name, acronym=acronym)
        session.add(committee)
    return committee


def default_title(committee: Committee) -> str:
    return f"{committee.name} ({committee.acronym})" if committee.acronym else committee.name


def create_meeting(
    session: Session, committee_id: int | None = None, date: dt.date | None = None
) -> int:
    """A new planned meeting, dated today unless told, of the given committee (else the
    first one; a new database gets the "Comité local des usagers")."""
    committee = _committee_for_new_meeting(session, committee_id)
    meeting = Meeting(
        committee=committee,
        title=default_title(committee),
        date=date or dt.date.today(),
        status=MeetingStatus.PLANNED,
    )
    session.add(meeting)
    session.flush()
    return meeting.id


def _add_months(date: dt.date, months: int) -> dt.date:
    year, month = divmod(date.month - 1 + months, 12)
    year += date.year
    month += 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _next_date(session: Session, meeting: Meeting) -> dt.date:
    """The meeting's date plus the committee's usual interval in months (the interval
    before it, else six months), never before today."""
    dates = session.scalars(
        select(Meeting.date)
        .where(Meeting.committee_id == meeting.committee_id, Meeting.date <= meeting.date)
        .order_by(Meeting.date.desc())
        .limit(2)
    ).all()
    months = DEFAULT_INTERVAL_MONTHS
    if len(dates) == 2:
        months = (dates[0].year - dates[1].year) * 12 + dates[0].month - dates[1].month
        months = months if months >= 1 else DEFAULT_INTERVAL_MONTHS
    return max(_add_months(meeting.date, months), dt.date.today())


def duplicate_as_next(session: Session, meeting_id: int) -> int:
    """Prepare the next meeting from this one: same committee, place, times, chair,
    signature and contact; the committee's title (not this meeting's, which may be
    seasonal: « séance du printemps »); the same agenda titles (without their minutes);
    invited, as the directory now prints them: the people invited to this meeting but
    those who came without an invitation, then the committee's standing members not
    among them."""
    from clu_desktop.services.attendance.invitations import get_meeting, snapshot_invitation
    from clu_desktop.services.attendance.presence import is_walk_in

    source = get_meeting(session, meeting_id)
    copy = Meeting(
        committee_id=source.committee_id,
        title=default_title(source.committee),
        date=_next_date(session, source),
        start_time=source.start_time,
        end_time=source.end_time,
        place=source.place,
        status=MeetingStatus.PLANNED,
        chair_id=source.chair_id,
        minutes_place=source.minutes_place,
        signatory_id=source.signatory_id,
        delegation_formula=source.delegation_formula,
        signatory_title=source.signatory_title,
        signatory_name=source.signatory_name,
        contact_id=source.contact_id,
        contact_name=source.contact_name,
        contact_phone=source.contact_phone,
        contact_email=source.contact_email,
    )
    session.add(copy)
    with session.no_autoflush:
        for item in source.top_level_items:
            _copy_item(item, copy, None)
        people = [
            inv.person
            for inv in source.invitations
            if inv.person is not None and not is_walk_in(inv.note)
        ]
        known = {person.id for person in people}
        members = sorted(source.committee.members, key=lambda m: (m.position, m.id))
        people += [m.person for m in members if m.person_id not in known]
        for position, person in enumerate(people):
            copy.invitations.append(snapshot_invitation(person, position))
    session.flush()
    return copy.id


def _copy_item(item: AgendaItem, meeting: Meeting, parent: AgendaItem | None) -> None:
    copy = AgendaItem(
        parent=parent,
        title=item.title,
        heading=item.heading,
        position=item.position,
        presenter_id=item.presenter_id,
        duration_minutes=item.duration_minutes,
    )
    meeting.agenda_items.append(copy)
    for child in item.children:
        _copy_item(child, meeting, copy)


def delete_meeting(session: Session, meeting_id: int) -> None:
    """Delete a meeting with its agenda, attendance and annexes; the actions it decided
    are kept (they belong to the action plan)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return
    if meeting.status is MeetingStatus.MINUTES_SIGNED:
        raise UserError(
            "Le compte-rendu de cette séance est signé : elle ne peut pas être supprimée. "
            "Rouvrez d'abord le compte-rendu (page « Séance », bouton « Rouvrir… ») si "
            "c'est vraiment voulu."
        )
    session.delete(meeting)
