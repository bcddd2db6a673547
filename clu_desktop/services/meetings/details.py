"""A meeting's details as the "Séance" page edits them, one field at a time.

The page saves each change as it is made: :func:`update_meeting` checks and writes one
field (choosing a signatory or a contact also fills the printed text still empty), and
returns the values before and after so that undo can put every touched field back with
:func:`restore_meeting_fields`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clu_desktop.domain import Committee, Identity, Meeting, MeetingStatus, Organisation, Person
from clu_desktop.errors import UserError
from clu_desktop.names import upper_surname
from clu_desktop.rules.fields import (
    IncompleteValue,
    check_date_range,
    check_email,
    check_time_order,
    clean_text,
    is_email,
)
from clu_desktop.services.attendance.invitations import PersonChoice, get_meeting
from clu_desktop.services.concurrency import check_version
from clu_desktop.services.meetings.listing import STATUS_LABELS
from clu_desktop.store.signed_minutes import SIGN_THROUGH_ACTION, refuse_if_signed

TEXT_MAX = 20_000  # opening and closing paragraphs
DELEGATION_MALE = "Pour le Préfet et par délégation"
DELEGATION_FEMALE = "Pour la Préfète et par délégation"
DELEGATION_FORMULAS = (DELEGATION_MALE, DELEGATION_FEMALE)


@dataclass(frozen=True)
class CommitteeChoice:
    id: int
    name: str


@dataclass(frozen=True)
class StatusChoice:
    status: MeetingStatus
    label: str  # "Compte-rendu signé"


@dataclass(frozen=True)
class MeetingDetails:
    id: int
    committee_id: int
    committee_name: str
    title: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str | None
    chair_id: int | None
    chair_label: str | None
    status: MeetingStatus
    minutes_place: str | None
    minutes_date: dt.date | None
    signatory_id: int | None
    delegation_formula: str | None
    signatory_title: str | None
    signatory_name: str | None
    contact_id: int | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    opening_text: str | None
    closing_text: str | None
    convocation_date: dt.date | None = None
    publication_date: dt.date | None = None
    version: int = 0  # the meeting's version, to pass back with the next save


@dataclass(frozen=True)
class FieldChange:
    """What one edit changed: every touched field's value before and after, and the
    meeting's version after it."""

    before: dict[str, Any]
    after: dict[str, Any]
    version: int | None = None

    @property
    def changed(self) -> bool:
        return self.before != self.after


MEETING = "Cette séance"  # the record, as conflict messages name it

# The editable fields and the French names their messages use.
FIELD_LABELS = {
    "committee_id": "Comité",
    "title": "Intitulé",
    "date": "Date",
    "start_time": "Heure de début",
    "end_time": "Heure de fin",
    "place": "Lieu",
    "chair_id": "Présidence",
    "status": "Statut",
    "minutes_place": "Lieu de signature",
    "minutes_date": "Date de signature",
    "signatory_id": "Signataire",
    "delegation_formula": "Formule de délégation",
    "signatory_title": "Titre du signataire",
    "signatory_name": "Nom imprimé du signataire",
    "contact_id": "Agent",
    "contact_name": "Nom imprimé de l'agent",
    "contact_phone": "Téléphone",
    "contact_email": "Courriel",
    "opening_text": "Texte d'ouverture",
    "closing_text": "Texte de clôture",
    "convocation_date": "Date de convocation",
    "publication_date": "Affiché / publié le",
}
_TEXT_LIMITS = {
    "title": 300,
    "place": 300,
    "minutes_place": 100,
    "delegation_formula": 200,
    "signatory_title": 200,
    "signatory_name": 200,
    "contact_name": 200,
    "contact_phone": 50,
    "contact_email": 254,
}
_MULTILINE = {"opening_text": TEXT_MAX, "closing_text": TEXT_MAX}
_PEOPLE = {"chair_id", "signatory_id", "contact_id"}
_TIMES = {"start_time", "end_time"}
_DATES = {"date", "minutes_date", "convocation_date", "publication_date"}


def status_label(status: MeetingStatus) -> str:
    label = STATUS_LABELS[status]
    return label[:1].upper() + label[1:]


def status_choices() -> list[StatusChoice]:
    return [StatusChoice(status, status_label(status)) for status in MeetingStatus]


def sort_key(text: str) -> str:
    """Alphabetical order as French readers expect it: accents and case ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def printed_name(person: Person) -> str:
    """First name and NAME as a signature prints them: "Guillaume THIRARD"."""
    return " ".join(p for p in (person.first_name, upper_surname(person.last_name)) if p)


# Reading


def _details(meeting: Meeting) -> MeetingDetails:
    chair = meeting.chair
    return MeetingDetails(
        id=meeting.id,
        committee_id=meeting.committee_id,
        committee_name=meeting.committee.name,
        title=meeting.title,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        place=meeting.place,
        chair_id=meeting.chair_id,
        chair_label=chair.display_name if chair is not None else None,
        status=meeting.status,
        minutes_place=meeting.minutes_place,
        minutes_date=meeting.minutes_date,
        signatory_id=meeting.signatory_id,
        delegation_formula=meeting.delegation_formula,
        signatory_title=meeting.signatory_title,
        signatory_name=meeting.signatory_name,
        contact_id=meeting.contact_id,
        contact_name=meeting.contact_name,
        contact_phone=meeting.contact_phone,
        contact_email=meeting.contact_email,
        opening_text=meeting.opening_text,
        closing_text=meeting.closing_text,
        convocation_date=meeting.convocation_date,
        publication_date=meeting.publication_date,
        version=meeting.version,
    )


def get_meeting_details(session: Session, meeting_id: int) -> MeetingDetails:
    return _details(get_meeting(session, meeting_id))


def committee_choices(session: Session) -> list[CommitteeChoice]:
    rows = session.execute(select(Committee.id, Committee.name))
    return sorted((CommitteeChoice(*row) for row in rows), key=lambda c: sort_key(c.name))


def person_choices(session: Session) -> list[PersonChoice]:
    """Everyone in the directory, by NAME then first name, with their organisation."""
    rows = session.execute(
        select(
            Person.id, Person.civility, Person.first_name, Person.last_name, Organisation.name
        ).outerjoin(Organisation, Person.organisation_id == Organisation.id)
    ).all()
    rows = sorted(rows, key=lambda r: (sort_key(r[3]), sort_key(r[2] or ""), r[0]))
    return [
        PersonChoice(pid, " ".join(p for p in (civ, first, upper_surname(last)) if p), org)
        for pid, civ, first, last, org in rows
    ]


def proposed_delegation_formula(session: Session) -> str:
    """The formula matching the letterhead's authority: a "PRÉFÈTE" signs "Pour la Préfète"."""
    authority = session.scalars(select(Identity.authority).order_by(Identity.id)).first() or ""
    return DELEGATION_FEMALE if "PRÉFÈTE" in authority.upper() else DELEGATION_MALE


# Checking


def clean_value(field: str, value: Any) -> Any:
    """The value as it would be stored, or a French UserError; needs no database.

    References (committee, people) are only checked for their type here; their existence
    is checked by :func:`update_meeting`.
    """
    if field not in FIELD_LABELS:
        raise UserError(f"Le champ « {field} » d'une séance ne peut pas être modifié ici.")
    label = FIELD_LABELS[field]
    if field == "contact_email":
        return check_email(value, label)
    if field in _TEXT_LIMITS:
        required = field == "title"
        if required and not (value or "").strip():
            raise IncompleteValue(f"« {label} » ne peut pas être vide.")
        return clean_text(value, label, _TEXT_LIMITS[field], required=required)
    if field in _MULTILINE:
        return clean_text(value, label, _MULTILINE[field], multiline=True)
    if field in _DATES:
        if value is None:
            if field == "date":
                raise UserError("« Date » : une séance doit avoir une date.")
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise UserError(f"« {label} » : date attendue.")
        check_date_range(value, label)
        return value
    if field in _TIMES:
        if value is not None and not isinstance(value, dt.time):
            raise UserError(f"« {label} » : heure attendue.")
        return value.replace(second=0, microsecond=0) if value is not None else None
    if field == "status":
        try:
            return MeetingStatus(value)
        except ValueError:
            raise UserError(f"« {value} » n'est pas un statut de séance.") from None
    # References: committee (required) and people (optional).
    if value is None and field == "committee_id":
        raise UserError("« Comité » : une séance appartient toujours à un comité.")
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise UserError(f"« {label} » : choix invalide.")
    return value


def _check_reference(session: Session, field: str, value: int | None) -> Person | None:
    if field == "committee_id":
        if session.get(Committee, value) is None:
            raise UserError("Ce comité n'existe plus (il a peut-être été supprimé).")
        return None
    if value is None:
        return None
    person = session.get(Person, value)
    if person is None:
        raise UserError("Cette personne n'est plus dans l'annuaire.")
    return person


# Writing


def _values(meeting: Meeting, fields: set[str]) -> dict[str, Any]:
    return {field: getattr(meeting, field) for field in sorted(fields)}


# Printed text a person's choice fills, and where it comes from in the directory.
_FILLS = {
    "signatory_id": {"signatory_name": "name", "signatory_title": "function"},
    "contact_id": {"contact_name": "name", "contact_phone": "phone", "contact_email": "email"},
}


def _person_text(person: Person | None, source: str) -> str | None:
    if person is None:
        return None
    if source == "name":
        return printed_name(person)
    text = (getattr(person, source) or "").strip() or None
    if source == "email" and text is not None and not is_email(text):
        return None
    return text


def _fill_from_person(
    meeting: Meeting, field: str, person: Person, previous: Person | None
) -> None:
    """Fill printed text that is empty or still shows the previous person's value."""
    for target, source in _FILLS[field].items():
        new = _person_text(person, source)
        current = getattr(meeting, target)
        if new is None or len(new) > _TEXT_LIMITS[target]:
            continue
        if current is None or current == _person_text(previous, source):
            setattr(meeting, target, new)


def update_meeting(
    session: Session, meeting_id: int, field: str, value: Any, seen_version: int | None = None
) -> FieldChange:
    """Check and save one field of a meeting; nothing is changed when it is refused.

    ``seen_version``: the version the user saw; a meeting saved meanwhile on another
    workstation is refused with a ConflictError (None: no check).

    Choosing a signatory fills the printed name and title, choosing a contact fills the
    printed name, phone and e-mail, when those are empty or still show the previous
    person's values.
    """
    meeting = get_meeting(session, meeting_id)
    refuse_if_signed(meeting)
    check_version(meeting, seen_version, MEETING)
    new = clean_value(field, value)
    if field == "status" and new is MeetingStatus.MINUTES_SIGNED:
        raise UserError(SIGN_THROUGH_ACTION)
    if field in _TIMES:
        start = new if field == "start_time" else meeting.start_time
        end = new if field == "end_time" else meeting.end_time
        check_time_order(start, end, "Horaire de la séance")
    person = None
    if field == "committee_id" or field in _PEOPLE:
        person = _check_reference(session, field, new)
    touched = {field} | (set(_FILLS[field]) if field in _FILLS else set())
    before = _values(meeting, touched)
    if field in _FILLS and person is not None:
        previous_id = getattr(meeting, field)
        previous = session.get(Person, previous_id) if previous_id is not None else None
        _fill_from_person(meeting, field, person, previous)
    setattr(meeting, field, new)
    session.flush()
    return FieldChange(before, _values(meeting, touched), meeting.version)


def restore_meeting_fields(
    session: Session, meeting_id: int, values: dict[str, Any], seen_version: int | None = None
) -> int:
    """Put fields back as a FieldChange recorded them (undo); return the new version."""
    meeting = get_meeting(session, meeting_id)
    refuse_if_signed(meeting)
    if values.get("status") is MeetingStatus.MINUTES_SIGNED:
        raise UserError(SIGN_THROUGH_ACTION)
    check_version(meeting, seen_version, MEETING)
    unknown = set(values) - set(FIELD_LABELS)
    if unknown:
        raise UserError(f"Le champ « {min(unknown)} » d'une séance ne peut pas être modifié ici.")
    # The values were read from the database: only what may have changed since is checked.
    cleaned = dict(values)
    for field, value in cleaned.items():
        if field == "committee_id" or field in _PEOPLE:
            _check_reference(session, field, value)
    start = cleaned.get("start_time", meeting.start_time)
    end = cleaned.get("end_time", meeting.end_time)
    check_time_order(start, end, "Horaire de la séance")
    for field, value in cleaned.items():
        setattr(meeting, field, value)
    session.flush()
    return meeting.version
