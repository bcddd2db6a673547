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
    Organisation,
    Person,
    Representation,
)
from clu_desktop.errors import UserError
from clu_desktop.services import record_rules as rules
from clu_desktop.services.concurrency import check_version
from clu_desktop.services.directory_common import fold
from clu_desktop.services.invitations import get_meeting, snapshot_invitation
from clu_desktop.services.record import unanswered
from clu_desktop.services.validation import check_time_order, clean_text

STATUS_LABELS = {
    AttendanceStatus.INVITED: "invité (sans réponse)",
    AttendanceStatus.PRESENT: "présent",
    AttendanceStatus.EXCUSED: "absent excusé",
    AttendanceStatus.ABSENT: "absent",
    AttendanceStatus.REPRESENTED: "représenté",
}
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

    @property
    def label(self) -> str:
        """The name with the organisation, which tells apart two people of one name."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class AttendanceCounts:
    present: int
    excused: int
    represented: int
    absent: int
    unanswered: int

    @property
    def expected(self) -> int:
        """Who may still come or is here: neither excused, absent nor represented."""
        return self.present + self.unanswered


@dataclass(frozen=True)
class InvitationState:
    """One invitation's attendance, as it was: what undo restores."""

    invitation_id: int
    values: tuple


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
        search_key=fold(f"{name} {inv.printed_organisation or ''}"),
        version=inv.version,
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


def count_attendance(rows: list[AttendanceRow]) -> AttendanceCounts:
    by_status = {status: 0 for status in AttendanceStatus}
    for row in rows:
        by_status[row.status] += 1
    return AttendanceCounts(
        present=by_status[AttendanceStatus.PRESENT],
        excused=by_status[AttendanceStatus.EXCUSED],
        represented=by_status[AttendanceStatus.REPRESENTED],
        absent=by_status[AttendanceStatus.ABSENT],
        unanswered=by_status[AttendanceStatus.INVITED],
    )


def matching(rows: list[AttendanceRow], typed: str) -> list[AttendanceRow]:
    """The rows whose name or organisation has a word starting with each typed word,
    ignoring accents and case: "gu" finds M. Bernard GUY, "ma hau" the Association des
    Maires de la Haute-Marne."""
    words = fold(typed).split()
    if not words:
        return list(rows)
    return [
        row
        for row in rows
        if all(any(part.startswith(word) for part in row.search_key.split()) for word in words)
    ]


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


def restore_invitation_states(session: Session, states: list[InvitationState]) -> None:
    for state in states:
        restore_invitation_state(session, state)


def set_note(
    session: Session, invitation_id: int, note: str | None, seen_version: int | None = None
) -> InvitationState:
    invitation = _invitation(session, invitation_id, seen_version)
    before = _state(invitation)
    invitation.note = clean_text(note, "Note", 2000, multiline=True)
    return before


def add_walk_in(
    session: Session,
    meeting_id: int,
    typed: str,
    at: dt.time | None = None,
    *,
    organisation: str | None = None,
) -> int:
    """Someone who came without an invitation, typed as "Prénom NOM" (or "NOM"): they
    join the directory (or are found there, same name and organisation) and are ticked
    present. Returns the new invitation's id."""
    meeting = get_meeting(session, meeting_id)
    text = clean_text(typed, "Nom", 200, required=True)
    words = text.split()
    last_name = clean_text(words[-1], "NOM", 100, required=True)
    first_name = clean_text(" ".join(words[:-1]), "Prénom", 100)
    org_name = clean_text(organisation, "Organisme", 300)
    org = _organisation_named(session, org_name) if org_name else None
    person = _person_named(session, first_name, last_name, org)
    if person is None:
        person = Person(first_name=first_name, last_name=last_name.upper(), organisation=org)
        session.add(person)
        session.flush()
    if any(inv.person_id == person.id for inv in meeting.invitations):
        raise UserError(f"{person.display_name} est déjà dans la liste des invités.")
    invitation = snapshot_invitation(person, len(meeting.invitations))
    invitation.status = AttendanceStatus.PRESENT
    invitation.arrived_at = at.replace(microsecond=0) if at else None
    invitation.note = "venu(e) sans invitation"
    meeting.invitations.append(invitation)
    session.flush()
    return invitation.id


def _organisation_named(session: Session, name: str) -> Organisation:
    for org in session.scalars(select(Organisation)):
        if fold(org.name) == fold(name):
            return org
    org = Organisation(name=name)
    session.add(org)
    return org


def _person_named(
    session: Session, first_name: str | None, last_name: str, org: Organisation | None
) -> Person | None:
    """The directory's person of that name in that organisation (none for a new one)."""
    if org is not None and org.id is None:
        return None
    same_org = Person.organisation_id.is_(None) if org is None else Person.organisation_id == org.id
    for person in session.scalars(select(Person).where(same_org)):
        if fold(person.last_name) == fold(last_name) and fold(person.first_name) == fold(
            first_name
        ):
            return person
    return None


def remove_walk_in(session: Session, invitation_id: int) -> None:
    """Undo of :func:`add_walk_in`: the invitation goes; the person stays in the
    directory (they may be invited again)."""
    session.delete(_invitation(session, invitation_id))
