"""A meeting's official record: the committee's settings, counts and quorum, secretaries
of the session, deliberations and their votes, and the checks that say what does not add
up. The rules themselves are in :mod:`clu_desktop.rules.record`; this module reads and writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clu_desktop.domain import (
    AgendaItem,
    Committee,
    Invitation,
    Meeting,
    MeetingStatus,
    Numbering,
    PresenterStyle,
    VoteChoice,
    VoteName,
    VoteResult,
)
from clu_desktop.errors import UserError
from clu_desktop.rules import record as rules
from clu_desktop.rules.fields import clean_text
from clu_desktop.rules.record import DECISION_MAX, clean_setting
from clu_desktop.services.attendance.invitations import PersonChoice, get_meeting
from clu_desktop.services.concurrency import check_version, touch

COMMITTEE = "Ce comité"  # as conflict messages name it

# -- the committee's settings -----------------------------------------------------------

PRESENTER_STYLE_LABELS = {
    PresenterStyle.PRESENTED: "« présenté par Mme X »",
    PresenterStyle.RAPPORTEUR: "« Rapporteur : Mme X »",
}
NUMBERING_LABELS = {
    Numbering.ARABIC: "1., 2., 2.1.",
    Numbering.ROMAN: "I., II., II.1.",
    Numbering.BULLETS: "• puces, sans numéro",
}


@dataclass(frozen=True)
class RecordSettings:
    committee_id: int
    votes: bool = False
    print_counts: bool = True
    quorum: str | None = None
    members_in_office: int | None = None
    proxy_limit: int = 1
    presenter_style: PresenterStyle = PresenterStyle.PRESENTED
    numbering: Numbering = Numbering.ARABIC
    version: int = 0


def settings_of(committee: Committee) -> RecordSettings:
    return RecordSettings(
        committee_id=committee.id,
        votes=committee.votes,
        print_counts=committee.print_counts,
        quorum=committee.quorum,
        members_in_office=committee.members_in_office,
        proxy_limit=committee.proxy_limit,
        presenter_style=PresenterStyle(committee.presenter_style),
        numbering=Numbering(committee.numbering),
        version=committee.version,
    )


def get_record_settings(session: Session, committee_id: int) -> RecordSettings:
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise UserError("Ce comité n'existe plus.")
    return settings_of(committee)


def set_record_setting(
    session: Session, committee_id: int, field: str, value: Any, seen_version: int | None = None
) -> tuple[Any, Any]:
    """Check and save one setting; returns the values before and after (for undo)."""
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise UserError("Ce comité n'existe plus.")
    check_version(committee, seen_version, COMMITTEE)
    new = clean_setting(field, value)
    before = getattr(committee, field)
    setattr(committee, field, new)
    session.flush()
    return before, new


# -- the record of a meeting --------------------------------------------------------------


def seats_of(invitations: list[Invitation]) -> list[rules.Seat]:
    names: dict[int | None, str] = {
        inv.person_id: inv.printed_name for inv in invitations if inv.person_id
    }
    return [
        rules.Seat(
            person_id=inv.person_id,
            name=inv.printed_name,
            status=inv.status.value,
            representation=inv.representation.value if inv.representation else None,
            holder_id=inv.represented_by_id,
            holder_name=(
                names.get(inv.represented_by_id)
                or (inv.represented_by.display_name if inv.represented_by else None)
                or inv.represented_by_name
            ),
            arrived_at=inv.arrived_at,
        )
        for inv in invitations
    ]


def vote_total(item: AgendaItem) -> int:
    return sum(v or 0 for v in (item.votes_for, item.votes_against, item.votes_abstaining))


@dataclass(frozen=True)
class MeetingRecord:
    settings: RecordSettings
    counts: rules.Counts
    warnings: rules.RecordWarnings
    secretaries: tuple[str, ...]  # printed names, in the order of the invitations


def is_held(meeting: Meeting, today: dt.date | None = None) -> bool:
    """Whether the meeting took place: past its day, or its status says so."""
    today = today or dt.date.today()
    return meeting.status is not MeetingStatus.PLANNED or meeting.date < today


def meeting_record(session: Session, meeting_id: int) -> MeetingRecord:
    meeting = get_meeting(session, meeting_id)
    invitations = list(
        session.scalars(
            select(Invitation)
            .where(Invitation.meeting_id == meeting_id)
            .order_by(Invitation.position, Invitation.id)
            .options(selectinload(Invitation.represented_by))
        )
    )
    settings = settings_of(meeting.committee)
    seats = seats_of(invitations)
    numbered = item_numbers(meeting, settings.numbering)
    votes = [
        rules.VoteFigures(f"{numbered[item.id]} « {item.title} »", vote_total(item))
        for item in meeting.agenda_items
        if item.vote_result is not None
    ]
    return MeetingRecord(
        settings=settings,
        counts=rules.count_seats(seats, settings.members_in_office, settings.quorum),
        warnings=rules.record_warnings(
            seats,
            chair_id=meeting.chair_id,
            start_time=meeting.start_time,
            proxy_limit=settings.proxy_limit,
            votes=votes,
            held=is_held(meeting),
        ),
        secretaries=tuple(inv.printed_name for inv in invitations if inv.is_secretary),
    )


def item_numbers(meeting: Meeting, numbering: str) -> dict[int, str]:
    """Each agenda item's number as the convocation and the minutes print it."""
    numbers: dict[int, str] = {}
    for rank, top in enumerate(meeting.top_level_items, 1):
        numbers[top.id] = rules.item_number([rank], numbering)
        for sub_rank, child in enumerate(top.children, 1):
            numbers[child.id] = rules.item_number([rank, sub_rank], numbering)
    return numbers


# -- secretaries of the session --------------------------------------------------------


def set_secretaries(
    session: Session, meeting_id: int, person_ids: list[int], seen_version: int | None = None
) -> list[int]:
    """Name the secretaries of the session among the people invited; returns the previous
    ones (for undo). Someone not invited is refused, and nothing changes. They are the
    meeting's: a meeting saved on another workstation since the user saw
    ``seen_version`` is refused with a ConflictError (None: no check), and a change of
    them is a new version of the meeting."""
    meeting = get_meeting(session, meeting_id)
    check_version(meeting, seen_version, "Cette séance")
    by_person = {inv.person_id: inv for inv in meeting.invitations if inv.person_id}
    for person_id in person_ids:
        if person_id not in by_person:
            raise UserError(
                "« Secrétaire(s) de séance » : un secrétaire de séance doit être parmi les "
                "invités de la séance ; invitez d'abord cette personne."
            )
    before = [inv.person_id for inv in meeting.invitations if inv.is_secretary and inv.person_id]
    chosen = set(person_ids)
    for invitation in meeting.invitations:
        wanted = invitation.person_id in chosen
        if invitation.is_secretary != wanted:
            invitation.is_secretary = wanted
            touch(meeting, "title")
    session.flush()
    return before


def invited_people(session: Session, meeting_id: int) -> list[PersonChoice]:
    """The people invited to a meeting, in the order of the invitations, as printed:
    the secretaries of the session and the members named in a vote are chosen among
    them (people typed by name only cannot be chosen)."""
    meeting = get_meeting(session, meeting_id)
    return [
        PersonChoice(inv.person_id, inv.printed_name, inv.printed_organisation)
        for inv in meeting.invitations
        if inv.person_id is not None
    ]


def secretary_ids(session: Session, meeting_id: int) -> list[int]:
    """The secretaries of the session (person ids), in the order of the invitations."""
    meeting = get_meeting(session, meeting_id)
    return [inv.person_id for inv in meeting.invitations if inv.is_secretary and inv.person_id]


def voters(session: Session, meeting_id: int) -> int:
    """Votants of a meeting: the members present and the proxies they hold."""
    meeting = get_meeting(session, meeting_id)
    return rules.count_seats(seats_of(list(meeting.invitations))).voters


# -- deliberations ----------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """A deliberation on an agenda item, as the item editor shows it."""

    text: str | None = None
    result: VoteResult | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstaining: int | None = None
    #: person ids named for each choice (for, against, abstaining), in order
    names: tuple[tuple[VoteChoice, tuple[int, ...]], ...] = ()

    def named(self, choice: VoteChoice) -> tuple[int, ...]:
        return dict(self.names).get(choice, ())


def get_decision(session: Session, item_id: int) -> Decision:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise UserError("Ce point de l'ordre du jour n'existe plus.")
    return _decision(item)


def _decision(item: AgendaItem) -> Decision:
    names: dict[VoteChoice, list[int]] = {}
    for name in item.vote_names:
        if name.invitation.person_id is not None:
            names.setdefault(name.choice, []).append(name.invitation.person_id)
    return Decision(
        text=item.decision_text,
        result=item.vote_result,
        votes_for=item.votes_for,
        votes_against=item.votes_against,
        votes_abstaining=item.votes_abstaining,
        names=tuple((choice, tuple(ids)) for choice, ids in names.items()),
    )


def set_decision(
    session: Session, item_id: int, decision: Decision, seen_version: int | None = None
) -> Decision:
    """Check and save an item's deliberation; returns the previous one (for undo).

    Refused, with nothing saved: figures that exceed the votants (présents and pouvoirs),
    more names than votes for a choice, a name not invited or named twice.
    """
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise UserError("Ce point de l'ordre du jour n'existe plus.")
    check_version(item, seen_version, "Ce point de l'ordre du jour")
    text = clean_text(decision.text, "Décision", DECISION_MAX, multiline=True)
    result = VoteResult(decision.result) if decision.result is not None else None
    invitations = list(item.meeting.invitations)
    by_person = {inv.person_id: inv for inv in invitations if inv.person_id is not None}
    named: dict[str, int] = {}
    seen: set[int] = set()
    for choice, person_ids in decision.names:
        for person_id in person_ids:
            if person_id not in by_person:
                raise UserError("« Vote » : une personne nommée n'est pas invitée à la séance.")
            if person_id in seen:
                raise UserError("« Vote » : une personne est nommée deux fois.")
            seen.add(person_id)
        named[VoteChoice(choice).value] = len(person_ids)
    figures = {
        rules.FOR: decision.votes_for,
        rules.AGAINST: decision.votes_against,
        rules.ABSTAINING: decision.votes_abstaining,
    }
    voters = rules.count_seats(seats_of(invitations)).voters
    problem = rules.vote_problem(result.value if result else None, figures, voters, named)
    if problem is not None:
        raise UserError(f"« Vote » : {problem}")
    before = _decision(item)
    item.decision_text = text
    item.vote_result = result
    item.votes_for, item.votes_against, item.votes_abstaining = (
        decision.votes_for,
        decision.votes_against,
        decision.votes_abstaining,
    )
    item.vote_names.clear()
    session.flush()
    position = 0
    for choice, person_ids in decision.names:
        for person_id in person_ids:
            item.vote_names.append(
                VoteName(
                    invitation=by_person[person_id], choice=VoteChoice(choice), position=position
                )
            )
            position += 1
    session.flush()
    return before


# -- closing the live window ------------------------------------------------------------
