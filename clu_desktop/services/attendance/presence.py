"""Attendance: answers to the invitation before the meeting, ticks during it.

Each function is one user action and makes one short transaction's worth of work: a tick
is committed as soon as the caller's transaction ends, so a killed process loses nothing
the screen showed as ticked. Functions that change a row return what undo needs to put
it back (:func:`restore_invitation_state`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clu_desktop.domain import (
    AttendanceStatus,
    Invitation,
    Person,
    Representation,
)
from clu_desktop.errors import UserError
from clu_desktop.french import attendance as attendance_words
from clu_desktop.rules import record as rules
from clu_desktop.rules.fields import check_time_order, clean_text
from clu_desktop.services.attendance.invitations import get_meeting
from clu_desktop.services.concurrency import check_version
from clu_desktop.services.directory.common import search_words, starts_each

# The words of the statuses: french/attendance.py, for every screen and file.
STATUS_LABELS = attendance_words.STATUS_LABELS
#: How a represented person is represented, as the participants page says it.
REPRESENTATION_LABELS = {
    Representation.PROXY: "pouvoir à",
    Representation.SUBSTITUTE: "suppléé par",
}
#: What the participants page edits of an invitation, as messages name it.
ATTENDANCE_LABELS = {
    "status": "Présence",
    "representation": "Représentation",
    "represented_by": "Représenté par",
    "arrived_at": "Arrivée",
    "left_at": "Départ",
    "note": "Note",
}
#: The note of an invitation made at the meeting table for someone who just came.
WALK_IN_NOTE = "venu(e) sans invitation"
_STATE_FIELDS = (
    "status",
    "represented_by_id",
    "represented_by_name",
    "representation",
    "arrived_at",
    "left_at",
    "note",
)


@dataclass(frozen=True)
class AttendanceRow:
    id: int  # the invitation's id
    person_id: int | None
    name: str  # "M. Bernard GUY", as printed
    organisation: str | None
    function: str | None
    status: AttendanceStatus
    represented_by_id: int | None
    represented_by: str | None  # the deputy's printed name
    arrived_at: dt.time | None
    left_at: dt.time | None
    note: str | None
    search_key: str  # folded name and organisation, for type-to-filter
    version: int = 0  # the invitation's version, to pass back with the next change
    representation: Representation | None = None  # proxy or substitute, when represented
    civility: str | None = None  # as printed; None: read from the name

    @property
    def label(self) -> str:
        """The name with the organisation, which tells apart two people of one name."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @property
    def printed_civility(self) -> str | None:
        return self.civility or attendance_words.civility_of_name(self.name)

    @property
    def status_label(self) -> str:
        """ "excusée", "présent", "représenté(e)", "sans réponse": agreed with the civility."""
        return attendance_words.status_word(self.status, self.printed_civility)


@dataclass(frozen=True)
class InvitationState:
    """One invitation's attendance, as it was: what undo restores."""

    invitation_id: int
    values: tuple[object, ...]


def is_walk_in(note: str | None) -> bool:
    """Whether an invitation with ``note`` was made at the door (:data:`WALK_IN_NOTE`,
    kept when the note was completed): such a person is not invited again to the
    committee's next meeting."""
    return WALK_IN_NOTE in (note or "")


def _row(inv: Invitation, names: dict[int, str]) -> AttendanceRow:
    deputy = names.get(inv.represented_by_id) if inv.represented_by_id else None
    if deputy is None and inv.represented_by is not None:
        deputy = inv.represented_by.display_name
    name = inv.printed_name
    return AttendanceRow(
        id=inv.id,
        person_id=inv.person_id,
        name=name,
        organisation=inv.printed_organisation,
        function=inv.printed_function,
        status=inv.status,
        represented_by_id=inv.represented_by_id,
        represented_by=deputy or inv.represented_by_name,
        representation=inv.representation,
        arrived_at=inv.arrived_at,
        left_at=inv.left_at,
        note=inv.note,
        search_key=" ".join(search_words(f"{name} {inv.printed_organisation or ''}")),
        version=inv.version,
        civility=inv.printed_civility,
    )


def list_attendance(session: Session, meeting_id: int) -> list[AttendanceRow]:
    """The invited people of a meeting, in the order of the participants table."""
    meeting = get_meeting(session, meeting_id)
    invitations = session.scalars(
        select(Invitation)
        .where(Invitation.meeting_id == meeting.id)
        .order_by(Invitation.position, Invitation.id)
        .options(selectinload(Invitation.represented_by))
    ).all()
    names = {inv.person_id: inv.printed_name for inv in invitations if inv.person_id}
    return [_row(inv, names) for inv in invitations]


def get_attendance_row(session: Session, invitation_id: int) -> AttendanceRow:
    """One invitation as the participants table and the live window show it."""
    invitation = _invitation(session, invitation_id)
    rows = list_attendance(session, invitation.meeting_id)
    return next(row for row in rows if row.id == invitation_id)


def matching(rows: list[AttendanceRow], typed: str) -> list[AttendanceRow]:
    """The rows whose name or organisation has a word starting with each typed word,
    ignoring accents and case: "gu" finds M. Bernard GUY, "ma hau" the Association des
    Maires de la Haute-Marne."""
    words = search_words(typed)
    if not words:
        return list(rows)
    return [row for row in rows if starts_each(words, row.search_key.split())]


# -- changes ---------------------------------------------------------------------------


def presence_of(name: str) -> str:
    """An invitation, as conflict messages name it: "La présence de M. Bernard GUY"."""
    return f"La présence de {name}"


def _invitation(
    session: Session, invitation_id: int, seen_version: int | None = None
) -> Invitation:
    """The invitation; with ``seen_version``, a ConflictError when it was changed since
    the user saw it (on another workstation)."""
    invitation = session.get(Invitation, invitation_id)
    if invitation is None:
        raise UserError("Cette invitation n'existe plus (la liste a changé entre-temps).")
    check_version(invitation, seen_version, presence_of(invitation.printed_name))
    return invitation


def _state(invitation: Invitation) -> InvitationState:
    return InvitationState(invitation.id, tuple(getattr(invitation, f) for f in _STATE_FIELDS))


def restore_invitation_state(
    session: Session, state: InvitationState, seen_version: int | None = None
) -> None:
    invitation = _invitation(session, state.invitation_id, seen_version)
    for field, value in zip(_STATE_FIELDS, state.values, strict=True):
        setattr(invitation, field, value)


def mark_present(
    session: Session, invitation_id: int, at: dt.time, seen_version: int | None = None
) -> InvitationState:
    """Tick a person present, arrived at ``at`` (kept if an arrival was already set).

    Every change of an invitation takes the ``seen_version`` of the invitation the user
    saw: changed since on another workstation, it is refused with a ConflictError
    (None: no check).
    """
    invitation = _invitation(session, invitation_id, seen_version)
    before = _state(invitation)
    invitation.status = AttendanceStatus.PRESENT
    _clear_representation(invitation)
    if invitation.arrived_at is None:
        invitation.arrived_at = at.replace(microsecond=0)
    return before


def set_status(
    session: Session,
    invitation_id: int,
    status: AttendanceStatus,
    seen_version: int | None = None,
) -> InvitationState:
    """An answer or a status: present, excused, absent, invited (no answer yet).

    "Représenté" is set with :func:`set_represented`, which says by whom.
    """
    if status is AttendanceStatus.REPRESENTED:
        raise UserError("Pour « représenté », indiquez par qui.")
    invitation = _invitation(session, invitation_id, seen_version)
    before = _state(invitation)
    invitation.status = status
    _clear_representation(invitation)
    if status is not AttendanceStatus.PRESENT:
        invitation.arrived_at = invitation.left_at = None
    return before


def set_represented(
    session: Session,
    invitation_id: int,
    *,
    person_id: int | None = None,
    name: str | None = None,
    representation: Representation = Representation.SUBSTITUTE,
    seen_version: int | None = None,
) -> InvitationState:
    """Represented: by a substitute (a person of the directory or a typed name) who sits
    in their place, or through a proxy (pouvoir) given to a member invited to the meeting.

    Refused: representing oneself, a proxy to someone not invited or typed, and a loop (A
    represented by B while B is represented by A, or a longer chain back to A).
    """
    invitation = _invitation(session, invitation_id, seen_version)
    representation = Representation(representation)
    name = clean_text(name, "Représenté par", 200)
    if person_id is None and name is None:
        raise UserError("Indiquez qui représente cette personne.")
    if person_id is not None and session.get(Person, person_id) is None:
        raise UserError("Cette personne n'existe plus dans l'annuaire.")
    others = session.scalars(
        select(Invitation).where(Invitation.meeting_id == invitation.meeting_id)
    ).all()
    invited = {inv.person_id for inv in others if inv.person_id is not None}
    problem = rules.representation_problem(
        invitation.person_id, person_id, representation.value, invited
    )
    if problem is None and person_id is not None and invitation.person_id is not None:
        deputies = {inv.person_id: inv.represented_by_id for inv in others if inv.person_id}
        deputies[invitation.person_id] = person_id
        problem = rules.loop_problem(deputies, invitation.person_id)
    if problem is not None:
        raise UserError(f"« Représenté par » : {problem}")
    before = _state(invitation)
    invitation.status = AttendanceStatus.REPRESENTED
    invitation.representation = representation
    invitation.represented_by_id = person_id
    invitation.represented_by_name = None if person_id is not None else name
    invitation.arrived_at = invitation.left_at = None
    return before


def _clear_representation(invitation: Invitation) -> None:
    invitation.represented_by_id = None
    invitation.represented_by_name = None
    invitation.representation = None


def set_times(
    session: Session,
    invitation_id: int,
    arrived_at: dt.time | None,
    left_at: dt.time | None,
    seen_version: int | None = None,
) -> InvitationState:
    """Arrival and departure; a departure before the arrival is refused."""
    check_time_order(arrived_at, left_at, "Présence")
    invitation = _invitation(session, invitation_id, seen_version)
    before = _state(invitation)
    invitation.arrived_at, invitation.left_at = arrived_at, left_at
    if arrived_at is not None and invitation.status is not AttendanceStatus.PRESENT:
        invitation.status = AttendanceStatus.PRESENT
        _clear_representation(invitation)
    return before


def mark_unanswered_absent(session: Session, meeting_id: int) -> list[InvitationState]:
    """Closing the live window: everyone still without an answer is marked absent, in one
    transaction. Returns what undo restores (:func:`restore_invitation_states`)."""
    return [
        set_status(session, invitation_id, AttendanceStatus.ABSENT)
        for invitation_id in unanswered(session, meeting_id)
    ]


def restore_invitation_states(
    session: Session, states: list[InvitationState], seen: dict[int, int] | None = None
) -> None:
    """Put several invitations back (one undo step); ``seen``: the version of each the
    user saw: one changed since on another workstation refuses them all (ConflictError)."""
    for state in states:
        restore_invitation_state(session, state, (seen or {}).get(state.invitation_id))


def invitation_versions(session: Session, invitation_ids: list[int]) -> dict[int, int]:
    """The version of now of each invitation (those that still exist)."""
    rows = session.execute(
        select(Invitation.id, Invitation.version).where(Invitation.id.in_(invitation_ids))
    )
    return {invitation_id: version for invitation_id, version in rows}


def set_note(
    session: Session, invitation_id: int, note: str | None, seen_version: int | None = None
) -> InvitationState:
    invitation = _invitation(session, invitation_id, seen_version)
    before = _state(invitation)
    invitation.note = clean_text(note, "Note", 2000, multiline=True)
    return before


def unanswered(session: Session, meeting_id: int) -> list[int]:
    """The invitations still without an answer (not ticked), in order."""
    get_meeting(session, meeting_id)
    return list(
        session.scalars(
            select(Invitation.id)
            .where(
                Invitation.meeting_id == meeting_id,
                Invitation.status == AttendanceStatus.INVITED,
            )
            .order_by(Invitation.position, Invitation.id)
        )
    )
