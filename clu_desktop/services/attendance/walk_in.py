"""People who come without an invitation, as the live check-in meets them.

A name typed at the meeting table is looked for among the invited, then in the whole
directory: a person found there is invited and ticked (:func:`invite_and_tick`), never
created again. Only someone nobody knows is added to the directory, from a form the agent
checked (:func:`add_walk_in`). Undo takes back exactly what was added, the person and the
organisation it created included (:func:`remove_walk_in`), and redo puts the same rows
back under the same ids (:func:`restore_walk_in`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clu_desktop.domain import AttendanceStatus, Invitation, Meeting, Organisation, Person
from clu_desktop.errors import UserError
from clu_desktop.rules.fields import clean_text
from clu_desktop.services.attendance.edit import invite_person
from clu_desktop.services.attendance.invitations import get_meeting
from clu_desktop.services.attendance.presence import WALK_IN_NOTE, mark_present, presence_of
from clu_desktop.services.concurrency import check_version
from clu_desktop.services.directory.common import (
    Snapshot,
    capture,
    capture_references,
    fold,
    person_name,
    restore_snapshot,
    search_words,
    starts_each,
    with_organisation,
)

#: Civilities typed before a name, as the directory stores them.
_CIVILITIES = {
    "m": "M.",
    "m.": "M.",
    "mr": "M.",
    "monsieur": "M.",
    "mme": "Mme",
    "mme.": "Mme",
    "madame": "Mme",
    "mlle": "Mlle",
    "mademoiselle": "Mlle",
}


@dataclass(frozen=True)
class DirectoryMatch:
    """A person of the directory not invited to the meeting, as the live list offers them."""

    person_id: int
    name: str  # "M. Bernard GUY"
    organisation: str | None
    search_key: str  # the folded words of the name and organisation (and its acronym)

    @property
    def label(self) -> str:
        """ "M. Bernard GUY (Association des maires)"."""
        return with_organisation(self.name, self.organisation)


@dataclass(frozen=True)
class WalkInName:
    """What the walk-in form gives: the person to add to the directory."""

    last_name: str
    first_name: str | None = None
    civility: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class WalkInAdded:
    """What :func:`add_walk_in` did, for undo: the invitation, and whether the person
    and the organisation were created for it (else they were found in the directory)."""

    invitation_id: int
    person_id: int
    created_person: bool
    created_organisation_id: int | None = None


# Reading


def people_not_invited(session: Session, meeting_id: int) -> list[DirectoryMatch]:
    """Everyone of the directory not on the meeting's list, by NAME."""
    get_meeting(session, meeting_id)
    invited = select(Invitation.person_id).where(
        Invitation.meeting_id == meeting_id, Invitation.person_id.is_not(None)
    )
    rows = session.execute(
        select(
            Person.id,
            Person.civility,
            Person.first_name,
            Person.last_name,
            Organisation.name,
            Organisation.acronym,
        )
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(Person.id.not_in(invited))
    ).all()
    rows = sorted(rows, key=lambda r: (fold(r.last_name), fold(r.first_name), r.id))
    found = []
    for person_id, civility, first, last, organisation, acronym in rows:
        name = person_name(civility, first, last)
        key = " ".join(search_words(f"{name} {organisation or ''} {acronym or ''}"))
        found.append(DirectoryMatch(person_id, name, organisation, key))
    return found


def matching_people(people: list[DirectoryMatch], typed: str) -> list[DirectoryMatch]:
    """The people with a word of their name or organisation starting with each typed
    word, ignoring accents, case and order: "guy bern" and "Bernard Guy" find M. Bernard
    GUY, "amf" the people of the AMF."""
    words = search_words(typed)
    if not words:
        return []
    return [person for person in people if starts_each(words, person.search_key.split())]


#: How alike a typed word and a word of a name must be to suggest the name (0 to 1).
_CLOSE = 0.8


def close_names(names: list[str], typed: str, limit: int = 3) -> list[str]:
    """Among ``names``, those that look like what was typed when nothing matches it (a
    letter missing, two letters swapped): "Jocelyne Mratin" → "Mme Jocelyne MARTIN".
    The most alike first."""
    typed_words = [word for word in fold(typed).split() if len(word) > 2]
    if not typed_words:
        return []
    scored = []
    for name in names:
        words = search_words(name)
        if not words:
            continue
        score = sum(
            max(
                max(
                    SequenceMatcher(None, typed_word, w).ratio()
                    for w in (word, word[: len(typed_word)])
                )
                for word in words
            )
            for typed_word in typed_words
        ) / len(typed_words)
        if score >= _CLOSE:
            scored.append((-score, name))
    return [name for _score, name in sorted(scored)[:limit]]


def guess_name(typed: str) -> WalkInName:
    """The form's first values from what was typed: a leading civility ("M.", "Mme"),
    the words in capitals as the NAME ("DURAND Jeanne"), else the last word."""
    words = typed.split()
    civility = None
    if len(words) > 1 and fold(words[0]) in _CIVILITIES:
        civility, words = _CIVILITIES[fold(words[0])], words[1:]
    capitals = [w for w in words if len(w) > 1 and w.isupper()]
    if capitals and len(capitals) < len(words):
        last = capitals
        first = [w for w in words if w not in capitals]
    else:
        last, first = words[-1:], words[:-1]
    return WalkInName(" ".join(last), " ".join(first) or None, civility)


# Changes


def invite_and_tick(session: Session, meeting_id: int, person_id: int, at: dt.time) -> int:
    """A person of the directory who came without an invitation: invited at the end of
    the list and ticked present at ``at``. Returns the invitation's id (undo:
    :func:`attendance.edit.withdraw_invitations`)."""
    invitation_id = invite_person(session, meeting_id, person_id)
    mark_present(session, invitation_id, at)
    session.get_one(Invitation, invitation_id).note = WALK_IN_NOTE
    session.flush()
    return invitation_id


def add_walk_in(
    session: Session, meeting_id: int, name: WalkInName, at: dt.time | None = None
) -> WalkInAdded:
    """Someone nobody knows, as the agent checked them in the form: added to the
    directory (a person of the same name in the same organisation is taken instead,
    never doubled), invited and ticked present at ``at``."""
    meeting = get_meeting(session, meeting_id)
    last_name = clean_text(name.last_name, "NOM", 100, required=True)
    first_name = clean_text(name.first_name, "Prénom", 100)
    civility = clean_text(name.civility, "Civilité", 20)
    org_name = clean_text(name.organisation, "Organisme", 300)
    org = _organisation_named(session, org_name) if org_name else None
    created_org = org is not None and org.id is None
    person = None if created_org else _person_named(session, first_name, last_name, org)
    created_person = person is None
    if person is None:
        person = Person(
            civility=civility, first_name=first_name, last_name=last_name, organisation=org
        )
        session.add(person)
        session.flush()
    elif any(inv.person_id == person.id for inv in meeting.invitations):
        raise UserError(f"{person.display_name} est déjà dans la liste des invités.")
    invitation_id = invite_person(session, meeting_id, person.id)
    invitation = session.get_one(Invitation, invitation_id)
    invitation.status = AttendanceStatus.PRESENT
    invitation.arrived_at = at.replace(microsecond=0) if at else None
    invitation.note = WALK_IN_NOTE
    session.flush()
    created_org_id = org.id if created_org and org is not None else None
    return WalkInAdded(invitation_id, person.id, created_person, created_org_id)


def _organisation_named(session: Session, name: str) -> Organisation:
    """The directory's organisation of that name or acronym; a new one (not yet added
    to the session: its id is None) when there is none."""
    for org in session.scalars(select(Organisation)):
        if fold(name) in (fold(org.name), fold(org.acronym)):
            return org
    return Organisation(name=name)


def _person_named(
    session: Session, first_name: str | None, last_name: str, org: Organisation | None
) -> Person | None:
    """The directory's person of that name in that organisation (none for a new one)."""
    same_org = Person.organisation_id.is_(None) if org is None else Person.organisation_id == org.id
    for person in session.scalars(select(Person).where(same_org)):
        if fold(person.last_name) == fold(last_name) and fold(person.first_name) == fold(
            first_name
        ):
            return person
    return None


def remove_walk_in(
    session: Session, added: WalkInAdded, seen_version: int | None = None
) -> Snapshot:
    """Undo of :func:`add_walk_in` (and, with ``created_person`` False, of
    :func:`invite_and_tick`): the invitation goes, and the person and the organisation
    created for it when nothing else refers to them (a person found in the directory is
    never deleted). Returns what :func:`restore_walk_in` puts back. An invitation changed
    on another workstation since the user saw ``seen_version`` (a departure noted…) is
    not taken back: a ConflictError (None: no check)."""
    table = Invitation.__table__
    invitation = session.get(Invitation, added.invitation_id)
    if invitation is None:
        raise UserError("Cette invitation n'existe plus (la liste a changé entre-temps).")
    check_version(invitation, seen_version, presence_of(invitation.printed_name))
    snapshot = capture(session, table, table.c.id == added.invitation_id)
    snapshot += capture_references(session, "invitation", [added.invitation_id])
    session.expunge_all()
    session.execute(delete(table).where(table.c.id == added.invitation_id))
    created = []
    if added.created_person:
        created.append((Person.__table__, "person", added.person_id))
    if added.created_organisation_id is not None:
        created.append((Organisation.__table__, "organisation", added.created_organisation_id))
    for each, name, row_id in created:  # the person first: they refer to the organisation
        if capture_references(session, name, [row_id]).rows:
            continue  # used elsewhere since: kept
        snapshot += capture(session, each, each.c.id == row_id)
        session.execute(delete(each).where(each.c.id == row_id))
    session.expire_all()
    return snapshot


def restore_walk_in(session: Session, snapshot: Snapshot) -> None:
    """Redo of a walk-in undone: the same rows back under the same ids."""
    rows = snapshot.rows
    for row in rows:
        if row.table != "invitation":
            continue
        values = row.as_dict()
        if session.get(Meeting, values["meeting_id"]) is None:
            raise UserError("Cette séance n'existe plus (elle a peut-être été supprimée).")
        person_id = values["person_id"]
        restored = any(r.table == "person" and r.as_dict()["id"] == person_id for r in rows)
        if person_id is not None and not restored and session.get(Person, person_id) is None:
            raise UserError("Cette personne n'existe plus dans l'annuaire.")
        if person_id is not None and session.scalar(
            select(Invitation.id).where(
                Invitation.meeting_id == values["meeting_id"], Invitation.person_id == person_id
            )
        ):
            raise UserError("Cette personne a été invitée de nouveau entre-temps.")
    restore_snapshot(session, snapshot)
