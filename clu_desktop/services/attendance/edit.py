"""Who is on a meeting's list: inviting one person of the directory, withdrawing
invitations, and putting withdrawn ones back exactly (same ids, same answers), which is
how the participants page undoes and redoes these changes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clu_desktop.domain import Invitation, Meeting, Person
from clu_desktop.errors import UserError
from clu_desktop.services.attendance.invitations import get_meeting, snapshot_invitation

#: The columns a withdrawn invitation is restored with.
_COLUMNS = tuple(column.key for column in Invitation.__table__.columns)


@dataclass(frozen=True)
class WithdrawnInvitation:
    """An invitation as it was when withdrawn: every column, by name."""

    values: tuple[tuple[str, object], ...]

    @property
    def id(self) -> int:
        value = dict(self.values)["id"]
        assert isinstance(value, int)  # every row has its id
        return value


def invite_person(session: Session, meeting_id: int, person_id: int) -> int:
    """Invite one person of the directory, at the end of the list; returns the new
    invitation's id. Refused when they are already invited."""
    meeting = get_meeting(session, meeting_id)
    person = session.get(Person, person_id)
    if person is None:
        raise UserError("Cette personne n'existe plus dans l'annuaire.")
    if any(inv.person_id == person.id for inv in meeting.invitations):
        raise UserError(f"{person.display_name} est déjà dans la liste des invités.")
    last = session.scalar(
        select(func.max(Invitation.position)).where(Invitation.meeting_id == meeting.id)
    )
    invitation = snapshot_invitation(person, 0 if last is None else last + 1)
    meeting.invitations.append(invitation)
    session.flush()
    return invitation.id


def withdraw_invitations(
    session: Session, invitation_ids: list[int]
) -> tuple[WithdrawnInvitation, ...]:
    """Delete these invitations; return what :func:`restore_invitations` needs."""
    found = session.scalars(
        select(Invitation).where(Invitation.id.in_(invitation_ids)).order_by(Invitation.id)
    ).all()
    if len(found) != len(set(invitation_ids)):
        raise UserError("Cette invitation n'existe plus (la liste a changé entre-temps).")
    saved = tuple(
        WithdrawnInvitation(tuple((name, getattr(inv, name)) for name in _COLUMNS)) for inv in found
    )
    for invitation in found:
        session.delete(invitation)
    session.flush()
    return saved


def restore_invitations(session: Session, saved: tuple[WithdrawnInvitation, ...]) -> None:
    """Put withdrawn invitations back under their ids. A person erased from the
    directory meanwhile stays printed on the list, without the link."""
    for each in saved:
        values = dict(each.values)
        if session.get(Meeting, values["meeting_id"]) is None:
            raise UserError("Cette séance n'existe plus (elle a peut-être été supprimée).")
        if session.get(Invitation, values["id"]) is not None:
            continue  # already back
        for link in ("person_id", "represented_by_id"):
            if values[link] is not None and session.get(Person, values[link]) is None:
                values[link] = None
        person_id = values["person_id"]
        if person_id is not None and session.scalar(
            select(Invitation.id).where(
                Invitation.meeting_id == values["meeting_id"], Invitation.person_id == person_id
            )
        ):
            raise UserError("Cette personne a été invitée de nouveau entre-temps.")
        session.add(Invitation(**values))
    session.flush()
