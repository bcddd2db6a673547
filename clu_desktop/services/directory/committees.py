"""Committees and their standing members (invited to every meeting), in order, with roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from clu_desktop.domain import Committee, CommitteeMember, Meeting, Organisation, Person
from clu_desktop.errors import ConflictError, UserError
from clu_desktop.rules.fields import clean_text
from clu_desktop.services.concurrency import SavedValue, changed_elsewhere, check_version
from clu_desktop.services.directory.common import (
    Snapshot,
    capture,
    fold,
    matches,
    person_name,
    query_words,
    with_organisation,
)
from clu_desktop.services.directory.people import search_people

#: Roles offered first; any other short text is accepted.
MEMBER_ROLES = ("président", "vice-président", "membre", "suppléant", "secrétaire")
DEFAULT_ROLE = "membre"

COMMITTEE = "Ce comité"  # the record, as conflict messages name it
COMMITTEE_LABELS = {"name": "Nom", "acronym": "Sigle"}

COMMITTEE_TEXT_FIELDS = {
    "name": ("Nom du comité", 300),
    "acronym": ("Sigle du comité", 50),
    "description": ("Description", 20_000),
}


@dataclass(frozen=True)
class CommitteeRow:
    id: int
    name: str
    acronym: str | None
    member_count: int
    meeting_count: int
    version: int = 1


@dataclass(frozen=True)
class MemberRow:
    """A standing member, in the committee's order."""

    id: int
    committee_id: int
    person_id: int
    name: str
    organisation_name: str | None
    function: str | None
    role: str | None
    position: int

    @property
    def label(self) -> str:
        return with_organisation(self.name, self.organisation_name)


def _committee(session: Session, committee_id: int) -> Committee:
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise UserError("Ce comité n'existe plus.")
    return committee


def _member(session: Session, member_id: int) -> CommitteeMember:
    member = session.get(CommitteeMember, member_id)
    if member is None:
        raise UserError("Ce membre ne fait plus partie du comité.")
    return member


def list_committees(session: Session, query: str = "") -> list[CommitteeRow]:
    """Committees by name; with a query, those whose name or acronym match it, or having a
    standing member who matches it (as :func:`search_people` does)."""

    def counts(column: InstrumentedAttribute[int]) -> dict[int, int]:
        return dict(session.execute(select(column, func.count()).group_by(column)).all())

    members = counts(CommitteeMember.committee_id)
    meetings = counts(Meeting.committee_id)
    words = query_words(query)
    with_member: set[int] = set()
    if words:
        people = [row.id for row in search_people(session, query)]
        with_member = set(
            session.scalars(
                select(CommitteeMember.committee_id).where(CommitteeMember.person_id.in_(people))
            )
        )
    rows = []
    for cid, name, acronym, version in session.execute(
        select(Committee.id, Committee.name, Committee.acronym, Committee.version)
    ):
        if words and cid not in with_member and not matches(words, fold(f"{name} {acronym}")):
            continue
        rows.append(
            CommitteeRow(cid, name, acronym, members.get(cid, 0), meetings.get(cid, 0), version)
        )
    rows.sort(key=lambda r: (fold(r.name), r.id))
    return rows


def clean_committee_field(
    session: Session, field: str, value: object, committee_id: int | None = None
) -> str | None:
    if field not in COMMITTEE_TEXT_FIELDS:
        raise ValueError(f"unknown committee field {field!r}")
    label, longest = COMMITTEE_TEXT_FIELDS[field]
    text = clean_text(
        cast("str | None", value),  # what the form gives for the text fields
        label,
        longest,
        required=field == "name",
        multiline=field == "description",
    )
    if field == "name":
        for other_id, other_name in session.execute(select(Committee.id, Committee.name)):
            if other_id != committee_id and fold(other_name) == fold(text):
                raise UserError(f"Le comité « {other_name} » existe déjà.")
    return text


def add_committee(session: Session, name: str, *, acronym: str | None = None) -> int:
    values = {
        f: clean_committee_field(session, f, v) for f, v in (("name", name), ("acronym", acronym))
    }
    committee = Committee(**values)
    session.add(committee)
    session.flush()
    return committee.id


def get_committee_row(session: Session, committee_id: int) -> CommitteeRow:
    """One committee as the directory lists it (a conflict compares it with what was
    shown)."""
    committee = _committee(session, committee_id)
    return next(row for row in list_committees(session, "") if row.id == committee.id)


def save_committee_field(
    session: Session, committee_id: int, field: str, value: object, seen_version: int | None = None
) -> SavedValue:
    """Rename a committee (or change its acronym); returns the value as stored and the
    committee's new version. A committee saved on another workstation since the user saw
    ``seen_version`` is refused with a ConflictError (None: no check)."""
    committee = _committee(session, committee_id)
    check_version(committee, seen_version, COMMITTEE)
    cleaned = clean_committee_field(session, field, value, committee_id)
    setattr(committee, field, cleaned)
    session.flush()
    return SavedValue(cleaned, committee.version)


def set_committee_field(
    session: Session, committee_id: int, field: str, value: object, seen_version: int | None = None
) -> object:
    """Rename a committee (or change its acronym); returns the value as stored."""
    return save_committee_field(session, committee_id, field, value, seen_version).value


def delete_committee(session: Session, committee_id: int) -> Snapshot:
    """Delete a committee that never met (its standing members go with it)."""
    committee = _committee(session, committee_id)
    count = session.scalar(
        select(func.count(Meeting.id)).where(Meeting.committee_id == committee_id)
    )
    if count:
        raise UserError(
            f"Le comité « {committee.name} » n'a pas été supprimé : il a tenu {count} séance(s)."
        )
    table, members = Committee.__table__, CommitteeMember.__table__
    snapshot = capture(session, table, table.c.id == committee_id)
    snapshot = snapshot + capture(session, members, members.c.committee_id == committee_id)
    session.expunge_all()
    session.execute(delete(table).where(table.c.id == committee_id))
    return snapshot


# Standing members


def list_members(session: Session, committee_id: int) -> list[MemberRow]:
    _committee(session, committee_id)
    rows = session.execute(
        select(
            CommitteeMember.id,
            CommitteeMember.person_id,
            Person.civility,
            Person.first_name,
            Person.last_name,
            Organisation.name,
            Person.function,
            CommitteeMember.role,
            CommitteeMember.position,
        )
        .join(Person, CommitteeMember.person_id == Person.id)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(CommitteeMember.committee_id == committee_id)
        .order_by(CommitteeMember.position, CommitteeMember.id)
    )
    return [
        MemberRow(mid, committee_id, pid, person_name(civ, first, last), org, fn, role, pos)
        for mid, pid, civ, first, last, org, fn, role, pos in rows
    ]


def add_member(
    session: Session, committee_id: int, person_id: int, role: str | None = DEFAULT_ROLE
) -> int:
    """Make a person a standing member, last in order; returns the membership's id."""
    committee = _committee(session, committee_id)
    person = session.get(Person, person_id)
    if person is None:
        raise UserError("Cette personne n'existe plus dans l'annuaire.")
    already = session.scalar(
        select(CommitteeMember.id).where(
            CommitteeMember.committee_id == committee_id, CommitteeMember.person_id == person_id
        )
    )
    if already is not None:
        raise UserError(f"{person.display_name} est déjà membre de « {committee.name} ».")
    cleaned = clean_text(role, "Rôle", 100)
    last = session.scalar(
        select(func.max(CommitteeMember.position)).where(
            CommitteeMember.committee_id == committee_id
        )
    )
    member = CommitteeMember(
        committee_id=committee_id,
        person_id=person_id,
        role=cleaned,
        position=0 if last is None else last + 1,
    )
    session.add(member)
    session.flush()
    return member.id


def remove_member(session: Session, member_id: int) -> Snapshot:
    """Remove a standing member (the person stays in the directory)."""
    _member(session, member_id)
    table = CommitteeMember.__table__
    snapshot = capture(session, table, table.c.id == member_id)
    session.expunge_all()
    session.execute(delete(table).where(table.c.id == member_id))
    return snapshot


_UNSEEN = object()


def set_member_role(
    session: Session, member_id: int, role: str | None, seen_role: object = _UNSEEN
) -> str | None:
    """The member's role; returns it as stored. ``seen_role``: the role the user saw
    (a standing member has no version): another since, typed on another workstation,
    refuses the change with a ConflictError naming it."""
    member = _member(session, member_id)
    if seen_role is not _UNSEEN and (member.role or None) != (seen_role or None):
        what = f"Le rôle de {member.person.display_name}"
        raise ConflictError(
            f"{changed_elsewhere(what)} : « {seen_role or ''} » → « {member.role or ''} ». "
            "Votre modification n'a pas été enregistrée ; la fiche affiche maintenant "
            "la version à jour."
        )
    member.role = clean_text(role, "Rôle", 100)
    session.flush()
    return member.role


def move_member(session: Session, member_id: int, offset: int) -> dict[int, int]:
    """Move a member ``offset`` places up (negative) or down (positive) in the order.

    Returns every member's previous position, for :func:`set_member_positions` (undo).
    """
    member = _member(session, member_id)
    members = list(
        session.scalars(
            select(CommitteeMember)
            .where(CommitteeMember.committee_id == member.committee_id)
            .order_by(CommitteeMember.position, CommitteeMember.id)
        )
    )
    before = {m.id: m.position for m in members}
    index = members.index(member)
    target = max(0, min(len(members) - 1, index + offset))
    members.insert(target, members.pop(index))
    for position, m in enumerate(members):
        m.position = position
    session.flush()
    return before


def set_member_positions(session: Session, positions: dict[int, int]) -> None:
    """Give members back the positions :func:`move_member` returned."""
    for member in session.scalars(
        select(CommitteeMember).where(CommitteeMember.id.in_(list(positions)))
    ):
        member.position = positions[member.id]
    session.flush()
