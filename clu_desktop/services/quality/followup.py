"""The follow-up from one meeting to the next: what was done since the last meeting,
what is still under way, and the answers given to the users' remarks ("Vous nous l'avez
demandé, voici ce que nous avons fait"), written into the minutes as an agenda item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from clu_desktop.domain import Action, ActionStatus, AgendaItem, Meeting, Statement
from clu_desktop.errors import UserError
from clu_desktop.french.dates import month_year
from clu_desktop.services.agenda.items import clean_minutes, renumber, siblings
from clu_desktop.services.attendance.invitations import get_meeting
from clu_desktop.services.quality.actions import action_rows
from clu_desktop.services.quality.common import OPEN_STATUSES, ActionRow, RemarkRow
from clu_desktop.services.quality.remarks import remark_rows

FOLLOWUP_TITLE = "Suivi des actions"
OTHER_BUSINESS_TITLE = "Questions diverses"

DONE_HEADING = "Actions réalisées depuis la dernière séance :"
OPEN_HEADING = "Actions en cours :"
ANSWERED_HEADING = "Vous nous l'avez demandé, voici ce que nous avons fait :"
WAITING_HEADING = "Remarques en attente de réponse :"
NOTHING_TEXT = "Aucune action ni remarque à suivre depuis la dernière séance."


@dataclass(frozen=True)
class FollowUp:
    open_actions: tuple[ActionRow, ...]
    done_since_last: tuple[ActionRow, ...]
    answered_remarks: tuple[RemarkRow, ...]
    open_remarks: tuple[RemarkRow, ...]
    previous_meeting_id: int | None = None
    previous_meeting_date: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.open_actions or self.done_since_last or self.answered_remarks or self.open_remarks
        )


def previous_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """The meeting of the same committee just before this one (by date, then by id)."""
    meeting = get_meeting(session, meeting_id)
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.committee_id == meeting.committee_id,
            or_(
                Meeting.date < meeting.date,
                and_(Meeting.date == meeting.date, Meeting.id < meeting.id),
            ),
        )
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .limit(1)
    ).first()


def followup_content(
    session: Session, meeting_id: int, *, today: dt.date | None = None
) -> FollowUp:
    """What the follow-up of a meeting reports.

    The actions considered are those of the plan (no meeting) and those decided by the
    committee's meetings up to this one. ``done_since_last``: done after the previous
    meeting's date (any time before, without a previous meeting) and up to this
    meeting's date, oldest first. ``open_actions``: still to do or under way.
    The remarks are those made in the committee's earlier meetings: answered ones whose
    answer came on or after the previous meeting's date (older answers were reported
    then), and the ones still waiting for an answer.
    """
    meeting = get_meeting(session, meeting_id)
    previous = previous_meeting(session, meeting_id)
    in_scope = or_(
        Action.meeting_id.is_(None),
        and_(Meeting.committee_id == meeting.committee_id, Meeting.date <= meeting.date),
    )
    open_actions = action_rows(session, [in_scope, Action.status.in_(OPEN_STATUSES)], today=today)
    done_conditions = [
        in_scope,
        Action.status == ActionStatus.DONE,
        Action.done_date <= meeting.date,
    ]
    if previous is not None:
        done_conditions.append(Action.done_date > previous.date)
    done = sorted(
        action_rows(session, done_conditions, today=today),
        key=lambda row: (row.done_date, row.id),
    )
    earlier = and_(
        Meeting.committee_id == meeting.committee_id,
        or_(
            Meeting.date < meeting.date,
            and_(Meeting.date == meeting.date, Meeting.id < meeting.id),
        ),
    )
    answered_conditions = [earlier, Statement.answer_text.is_not(None)]
    if previous is not None:
        answered_conditions.append(
            or_(Statement.answered_on.is_(None), Statement.answered_on >= previous.date)
        )
    answered = remark_rows(session, answered_conditions)
    waiting = remark_rows(session, [earlier, Statement.answer_text.is_(None)])
    return FollowUp(
        open_actions=tuple(open_actions),
        done_since_last=tuple(done),
        answered_remarks=tuple(_oldest_first(answered)),
        open_remarks=tuple(_oldest_first(waiting)),
        previous_meeting_id=previous.id if previous is not None else None,
        previous_meeting_date=previous.date if previous is not None else None,
    )


def _oldest_first(rows: list[RemarkRow]) -> list[RemarkRow]:
    """Remarks in the order they were made (remark_rows lists the newest meeting first,
    each meeting in the order of its minutes)."""
    order = {row.meeting_id: row.meeting_date for row in rows}
    meetings = sorted(order, key=lambda mid: (order[mid], mid))
    return [row for mid in meetings for row in rows if row.meeting_id == mid]


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def done_label(action: ActionRow) -> str:
    """When an action was done, as the minutes print it: "fin novembre 2023", "mai 2023".

    The printed time (``when_label``) is used when it names the done date's year; a label
    written while the action was still to do ("à venir", "printemps") gives way to the
    done date's month."""
    done, label = action.done_date, action.when_label
    if label and (done is None or str(done.year) in label):
        return label
    return month_year(done) if done is not None else ""


def _open_details(action: ActionRow) -> str:
    parts = []
    if action.owner_name:
        parts.append(f"responsable : {action.owner_name}")
    if action.due_date is not None:
        parts.append(f"échéance : {action.due_date:%d/%m/%Y}")
    elif action.when_label:
        parts.append(f"échéance : {action.when_label}")
    return f" ({', '.join(parts)})" if parts else ""


def _answer_lines(answer: str | None) -> list[str]:
    """The answer as second-level bullets, one per line written."""
    lines = []
    for line in (answer or "").splitlines():
        text = line.strip().lstrip("-•–*").strip()
        if text:
            lines.append(f"  - {text}")
    return lines


def followup_text(content: FollowUp) -> str:
    """The follow-up in the plain minutes format; sections without content are left
    out."""
    sections: list[list[str]] = []
    done = []
    for action in content.done_since_last:
        text, label = _one_line(action.text), done_label(action)
        if text:
            done.append(f"- {label} : {text}" if label else f"- {text}")
    if done:
        sections.append([DONE_HEADING, "", *done])
    under_way = [
        f"- {_one_line(a.text)}{_open_details(a)}" for a in content.open_actions if a.text.strip()
    ]
    if under_way:
        sections.append([OPEN_HEADING, "", *under_way])
    answered = []
    for remark in content.answered_remarks:
        answered.append(f"- {_one_line(remark.text)}")
        answered.extend(_answer_lines(remark.answer_text))
    if answered:
        sections.append([ANSWERED_HEADING, "", *answered])
    waiting = [f"- {_one_line(r.text)}" for r in content.open_remarks if r.text.strip()]
    if waiting:
        sections.append([WAITING_HEADING, "", *waiting])
    if not sections:
        return NOTHING_TEXT
    return "\n\n".join("\n".join(lines) for lines in sections)


def _same_title(title: str, wanted: str) -> bool:
    return " ".join(title.split()).rstrip(" :").casefold() == wanted.casefold()


def find_item(session: Session, meeting_id: int, title: str) -> int | None:
    """The meeting's item of that title (spacing, case and a final colon aside)."""
    items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
    return next((item.id for item in items if _same_title(item.title, title)), None)


def find_followup_item(session: Session, meeting_id: int) -> int | None:
    """The meeting's "Suivi des actions" item, if it has one."""
    return find_item(session, meeting_id, FOLLOWUP_TITLE)


def add_written_item(session: Session, meeting_id: int, title: str, text: str) -> int:
    """Add an item whose minutes are written from the data, at the end of the agenda but
    before "Questions diverses"; refused when the meeting already has one of that title."""
    get_meeting(session, meeting_id)
    if find_item(session, meeting_id, title) is not None:
        raise UserError(
            f"Cette séance a déjà un point « {title} » : complétez-le plutôt que "
            "d'en ajouter un second."
        )
    items = siblings(session, meeting_id, None)
    index = next(
        (n for n, item in enumerate(items) if _same_title(item.title, OTHER_BUSINESS_TITLE)),
        len(items),
    )
    item = AgendaItem(
        meeting_id=meeting_id,
        parent_id=None,
        title=title,
        position=index,
        minutes_text=clean_minutes(text),
    )
    session.add(item)
    items.insert(index, item)
    renumber(items)
    session.flush()
    return item.id


def add_followup_item(session: Session, meeting_id: int) -> int:
    """Add the item "Suivi des actions" with its minutes text written from the
    follow-up; returns its id. Refused when the meeting already has such an item."""
    get_meeting(session, meeting_id)
    text = followup_text(followup_content(session, meeting_id))
    return add_written_item(session, meeting_id, FOLLOWUP_TITLE, text)
