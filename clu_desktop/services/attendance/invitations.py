"""Who is invited to a meeting: the standing members, and the people a page may name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from clu_desktop.domain import (
    AttendanceStatus,
    CommitteeMember,
    Invitation,
    Meeting,
    Person,
)
from clu_desktop.errors import UserError
from clu_desktop.names import upper_surname


@dataclass(frozen=True)
class PersonChoice:
    """A person as a list offers them: "M. Bernard GUY (Association des Maires…)"."""

    id: int
    name: str
    organisation: str | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


@dataclass(frozen=True)
class InvitationRow:
    id: int
    person_id: int | None
    name: str
    organisation: str | None
    function: str | None
    status: AttendanceStatus


#: Said when « Inviter les membres permanents » finds no member in the committee.
NO_STANDING_MEMBER = (
    "Ce comité n'a pas de membre permanent\u00a0: ajoutez-en dans l'annuaire "
    "(Annuaire › Comités), puis invitez-les."
)


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise UserError("Cette séance n'existe plus (elle a peut-être été supprimée).")
    return meeting


def snapshot_invitation(person: Person, position: int) -> Invitation:
    """An invitation printing the person as the directory knows them today."""
    return Invitation(
        person=person,
        position=position,
        printed_civility=person.civility,
        printed_first_name=person.first_name,
        printed_last_name=upper_surname(person.last_name),
        printed_organisation=person.organisation.name if person.organisation else None,
        printed_function=person.function,
    )


def invite_standing_members(session: Session, meeting_id: int) -> list[int]:
    """Invite every standing member of the meeting's committee not yet invited.

    Returns the new invitations' ids (empty when everyone already was); a committee
    without any standing member is refused with what to do.
    """
    meeting = get_meeting(session, meeting_id)
    invited = {inv.person_id for inv in meeting.invitations}
    members = list(
        session.scalars(
            select(CommitteeMember)
            .where(CommitteeMember.committee_id == meeting.committee_id)
            .order_by(CommitteeMember.position, CommitteeMember.id)
            .options(selectinload(CommitteeMember.person).selectinload(Person.organisation))
        )
    )
    if not members:
        raise UserError(NO_STANDING_MEMBER)
    position = len(meeting.invitations)
    added = []
    for member in members:
        if member.person_id in invited:
            continue
        invitation = snapshot_invitation(member.person, position)
        meeting.invitations.append(invitation)
        added.append(invitation)
        invited.add(member.person_id)
        position += 1
    session.flush()
    return [inv.id for inv in added]


def remove_invitations(session: Session, invitation_ids: list[int]) -> None:
    """Take back invitations (the undo of invite_standing_members)."""
    for invitation in session.scalars(select(Invitation).where(Invitation.id.in_(invitation_ids))):
        session.delete(invitation)


def list_invitations(session: Session, meeting_id: int) -> list[InvitationRow]:
    rows = session.scalars(
        select(Invitation)
        .where(Invitation.meeting_id == meeting_id)
        .order_by(Invitation.position, Invitation.id)
    )
    return [
        InvitationRow(
            id=inv.id,
            person_id=inv.person_id,
            name=inv.printed_name,
            organisation=inv.printed_organisation,
            function=inv.printed_function,
            status=inv.status,
        )
        for inv in rows
    ]


def count_invitations(session: Session, meeting_id: int) -> int:
    return (
        session.scalar(select(func.count(Invitation.id)).where(Invitation.meeting_id == meeting_id))
        or 0
    )


def meeting_people(session: Session, meeting_id: int) -> list[PersonChoice]:
    """The people of a meeting, to attribute a statement or an action: the invited ones
    (in the order of the participants table), then the chair if not invited."""
    meeting = get_meeting(session, meeting_id)
    people: list[PersonChoice] = []
    seen: set[int] = set()
    for inv in meeting.invitations:
        if inv.person_id is None or inv.person_id in seen:
            continue
        seen.add(inv.person_id)
        people.append(PersonChoice(inv.person_id, inv.printed_name, inv.printed_organisation))
    chair = meeting.chair
    if chair is not None and chair.id not in seen:
        organisation = chair.organisation.name if chair.organisation else None
        people.append(PersonChoice(chair.id, chair.display_name, organisation))
    return people
