"""People of the directory: search as you type, read, add, change, delete (undoably)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from clu_desktop.domain import (
    Action,
    AgendaItem,
    Committee,
    CommitteeMember,
    Invitation,
    Meeting,
    Organisation,
    Person,
    StatementSpeaker,
)
from clu_desktop.errors import UserError
from clu_desktop.rules.fields import clean_text
from clu_desktop.services.concurrency import SavedValue, check_version
from clu_desktop.services.directory.common import (
    Snapshot,
    capture,
    capture_references,
    fold,
    matches,
    person_name,
    query_words,
    with_organisation,
)

#: The civilities offered first; any other short text is accepted.
CIVILITIES = ("M.", "Mme")
NOTES_MAX = 20_000

#: Field name → (label shown in messages, longest value).
PERSON_TEXT_FIELDS = {
    "civility": ("Civilité", 20),
    "first_name": ("Prénom", 100),
    "last_name": ("NOM", 100),
    "function": ("Fonction", 300),
    "email": ("Courriel", 254),
    "phone": ("Téléphone", 50),
    "notes": ("Notes", NOTES_MAX),
}
PERSON_FIELDS = (*PERSON_TEXT_FIELDS, "organisation_id")
PERSON = "Cette personne"  # the record, as conflict messages name it
#: The fields of the form, as messages name them.
PERSON_LABELS = {
    **{field: label for field, (label, _) in PERSON_TEXT_FIELDS.items() if field != "notes"},
    "organisation_id": "Organisme",
    "notes": "Notes",
}


@dataclass(frozen=True)
class PersonRow:
    """A person as lists and searches show them."""

    id: int
    civility: str | None
    first_name: str | None
    last_name: str
    function: str | None
    organisation_id: int | None
    organisation_name: str | None
    email: str | None
    phone: str | None
    committees: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        """ "M. Bernard GUY"."""
        return person_name(self.civility, self.first_name, self.last_name)

    @property
    def label(self) -> str:
        """ "M. Bernard GUY (Association des Maires de la Haute-Marne)"."""
        return with_organisation(self.display_name, self.organisation_name)


@dataclass(frozen=True)
class PersonDetails(PersonRow):
    notes: str | None = None
    version: int = 0  # to pass back with the next save


@dataclass(frozen=True)
class PersonUsage:
    """Where a person appears besides the directory."""

    committees: int
    invitations: int
    meeting_roles: int
    statements: int
    actions: int
    presentations: int

    @property
    def total(self) -> int:
        return (
            self.committees
            + self.invitations
            + self.meeting_roles
            + self.statements
            + self.actions
            + self.presentations
        )


# Reading


def _committees_by_person(
    session: Session, person_ids: list[int] | None = None
) -> dict[int, list[str]]:
    query = (
        select(CommitteeMember.person_id, Committee.name)
        .join(Committee, CommitteeMember.committee_id == Committee.id)
        .order_by(Committee.name)
    )
    if person_ids is not None:
        query = query.where(CommitteeMember.person_id.in_(person_ids))
    found: dict[int, list[str]] = {}
    for person_id, name in session.execute(query):
        found.setdefault(person_id, []).append(name)
    return found


_ROW_COLUMNS = (
    Person.id,
    Person.civility,
    Person.first_name,
    Person.last_name,
    Person.function,
    Person.organisation_id,
    Organisation.name,
    Person.email,
    Person.phone,
)


def search_people(session: Session, query: str = "") -> list[PersonRow]:
    """The people whose civility, first name, NAME, function, organisation (name or
    acronym) or e-mail contain every word of ``query``, ignoring accents and case.

    Sorted by NAME then first name. An empty query gives everyone.
    """
    words = query_words(query)
    rows = session.execute(
        select(*_ROW_COLUMNS, Organisation.acronym).outerjoin(
            Organisation, Person.organisation_id == Organisation.id
        )
    ).all()
    found = []
    for row in rows:
        if words:
            haystack = fold(" ".join(str(v) for v in row[1:] if isinstance(v, str)))
            if not matches(words, haystack):
                continue
        found.append(row)
    committees = _committees_by_person(session) if found else {}
    found.sort(key=lambda r: (fold(r.last_name), fold(r.first_name), r.id))
    return [PersonRow(*row[:9], tuple(committees.get(row.id, ()))) for row in found]


def organisation_people(session: Session, organisation_id: int) -> list[PersonRow]:
    """The people of an organisation, by NAME."""
    rows = session.execute(
        select(*_ROW_COLUMNS)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(Person.organisation_id == organisation_id)
    ).all()
    committees = _committees_by_person(session, [row.id for row in rows])
    rows = sorted(rows, key=lambda r: (fold(r.last_name), fold(r.first_name), r.id))
    return [PersonRow(*row, tuple(committees.get(row.id, ()))) for row in rows]


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise UserError("Cette personne n'existe plus dans l'annuaire.")
    return person


def get_person_row(session: Session, person_id: int) -> PersonRow:
    row = session.execute(
        select(*_ROW_COLUMNS)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(Person.id == person_id)
    ).first()
    if row is None:
        raise UserError("Cette personne n'existe plus dans l'annuaire.")
    committees = _committees_by_person(session, [person_id]).get(person_id, [])
    return PersonRow(*row, tuple(committees))


def get_person(session: Session, person_id: int) -> PersonDetails:
    row = get_person_row(session, person_id)
    notes, version = session.execute(
        select(Person.notes, Person.version).where(Person.id == person_id)
    ).one()
    return PersonDetails(**{**row.__dict__, "notes": notes, "version": version})


def person_usage(session: Session, person_id: int) -> PersonUsage:
    def count(column: InstrumentedAttribute[int], *conditions: ColumnElement[bool]) -> int:
        return session.scalar(select(func.count(column)).where(or_(*conditions))) or 0

    return PersonUsage(
        committees=count(CommitteeMember.id, CommitteeMember.person_id == person_id),
        invitations=count(
            Invitation.id,
            Invitation.person_id == person_id,
            Invitation.represented_by_id == person_id,
        ),
        meeting_roles=count(
            Meeting.id,
            Meeting.chair_id == person_id,
            Meeting.signatory_id == person_id,
            Meeting.contact_id == person_id,
        ),
        statements=count(StatementSpeaker.id, StatementSpeaker.person_id == person_id),
        actions=count(Action.id, Action.owner_id == person_id),
        presentations=count(AgendaItem.id, AgendaItem.presenter_id == person_id),
    )


# Checking and writing


def clean_email(value: str | None) -> str | None:
    """A light check: one @ with something on each side, no spaces."""
    text = clean_text(value, "Courriel", 254)
    if text is None:
        return None
    local, _, domain = text.partition("@")
    if text.count("@") != 1 or not local or not domain or any(c.isspace() for c in text):
        raise UserError(
            f"« Courriel » : « {text} » n'est pas une adresse valable "
            "(un seul @, sans espace, par exemple prenom.nom@exemple.fr)."
        )
    return text


def clean_person_field(session: Session, field: str, value: object) -> object:
    """The value to store in ``field``, or UserError in French."""
    if field == "organisation_id":
        if value is None:
            return None
        if session.get(Organisation, value) is None:
            raise UserError("Cet organisme n'existe plus dans l'annuaire.")
        return value
    text = cast("str | None", value)  # what the form gives for the text fields
    if field == "email":
        return clean_email(text)
    if field not in PERSON_TEXT_FIELDS:
        raise ValueError(f"unknown person field {field!r}")
    label, longest = PERSON_TEXT_FIELDS[field]
    return clean_text(
        text,
        label,
        longest,
        required=field == "last_name",
        multiline=field == "notes",
    )


def add_person(
    session: Session,
    last_name: str,
    *,
    civility: str | None = None,
    first_name: str | None = None,
    function: str | None = None,
    organisation_id: int | None = None,
    email: str | None = None,
    phone: str | None = None,
    notes: str | None = None,
) -> int:
    """Add a person; returns their id. Every value is checked before anything is written."""
    given = {
        "civility": civility,
        "first_name": first_name,
        "last_name": last_name,
        "function": function,
        "organisation_id": organisation_id,
        "email": email,
        "phone": phone,
        "notes": notes,
    }
    values = {field: clean_person_field(session, field, value) for field, value in given.items()}
    person = Person(**values)
    session.add(person)
    session.flush()
    return person.id


def save_person_field(
    session: Session, person_id: int, field: str, value: object, seen_version: int | None = None
) -> SavedValue:
    """Change one field; returns the value as stored (trimmed, None when empty) and the
    person's new version. A person saved on another workstation since the user saw
    ``seen_version`` is refused with a ConflictError (None: no check)."""
    person = _person(session, person_id)
    check_version(person, seen_version, PERSON)
    cleaned = clean_person_field(session, field, value)
    setattr(person, field, cleaned)
    session.flush()
    return SavedValue(cleaned, person.version)


def set_person_field(
    session: Session, person_id: int, field: str, value: object, seen_version: int | None = None
) -> object:
    """Change one field; returns the value as stored (trimmed, None when empty)."""
    return save_person_field(session, person_id, field, value, seen_version).value


def update_person(
    session: Session, person_id: int, seen_version: int | None = None, **fields: object
) -> PersonDetails:
    """Change several fields at once (all checked first); ``seen_version`` as in
    :func:`save_person_field`."""
    person = _person(session, person_id)
    check_version(person, seen_version, PERSON)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown person fields {sorted(unknown)}")
    cleaned = {f: clean_person_field(session, f, v) for f, v in fields.items()}
    for field, value in cleaned.items():
        setattr(person, field, value)
    session.flush()
    return get_person(session, person_id)


def snapshot_person(session: Session, person_id: int) -> Snapshot:
    """The person's row and every row that points at them."""
    return capture(session, Person.__table__, Person.id == person_id) + capture_references(
        session, "person", [person_id]
    )


def delete_person(session: Session, person_id: int) -> Snapshot:
    """Delete a person. Printed attendance keeps their name (the invitation loses its link);
    committee seats and statement attributions go. Returns what restore_snapshot needs to
    put everything back with the same ids."""
    _person(session, person_id)
    snapshot = snapshot_person(session, person_id)
    session.expunge_all()
    session.execute(delete(Person.__table__).where(Person.id == person_id))
    return snapshot


def delete_people(session: Session, person_ids: list[int]) -> Snapshot:
    """Delete several people at once (see :func:`delete_person`)."""
    snapshot = Snapshot(())
    for person_id in person_ids:
        snapshot = snapshot + delete_person(session, person_id)
    return snapshot
