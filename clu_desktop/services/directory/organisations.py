"""Organisations of the directory: member organisations and the préfecture's services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clu_desktop.domain import Organisation, Person
from clu_desktop.errors import UserError
from clu_desktop.rules.fields import clean_text
from clu_desktop.services.concurrency import SavedValue, check_version
from clu_desktop.services.directory.common import (
    Snapshot,
    capture,
    fold,
    matches,
    query_words,
)

#: Field name → (label shown in messages, longest value).
ORGANISATION_TEXT_FIELDS = {
    "name": ("Nom de l'organisme", 300),
    "acronym": ("Sigle", 50),
    "address": ("Adresse", 2_000),
    "notes": ("Notes", 20_000),
}
ORGANISATION_FIELDS = (*ORGANISATION_TEXT_FIELDS, "internal")
ORGANISATION = "Cet organisme"  # the record, as conflict messages name it
#: The fields of the form, as messages name them.
ORGANISATION_LABELS = {
    "name": "Nom de l'organisme",
    "acronym": "Sigle",
    "internal": "Service de la préfecture",
    "address": "Adresse",
    "notes": "Notes",
}


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    acronym: str | None
    internal: bool
    people_count: int

    @property
    def label(self) -> str:
        """ "Service de la Relation aux Usagers (SGCD-SRU)"."""
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass(frozen=True)
class OrganisationDetails(OrganisationRow):
    address: str | None = None
    notes: str | None = None
    version: int = 0  # to pass back with the next save


def _people_counts(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Person.organisation_id, func.count(Person.id))
        .where(Person.organisation_id.is_not(None))
        .group_by(Person.organisation_id)
    ).all()
    return {
        organisation_id: count for organisation_id, count in rows if organisation_id is not None
    }


def list_organisations(session: Session, query: str = "") -> list[OrganisationRow]:
    """Organisations whose name or acronym contain every word of ``query`` (accents and
    case ignored), sorted by name, each with how many people belong to it."""
    words = query_words(query)
    counts = _people_counts(session)
    rows = session.execute(
        select(Organisation.id, Organisation.name, Organisation.acronym, Organisation.internal)
    ).all()
    found = [
        OrganisationRow(*row, counts.get(row.id, 0))
        for row in rows
        if not words or matches(words, fold(f"{row.name} {row.acronym or ''}"))
    ]
    found.sort(key=lambda r: (fold(r.name), r.id))
    return found


def _organisation(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise UserError("Cet organisme n'existe plus dans l'annuaire.")
    return organisation


def get_organisation(session: Session, organisation_id: int) -> OrganisationDetails:
    o = _organisation(session, organisation_id)
    count = session.scalar(select(func.count(Person.id)).where(Person.organisation_id == o.id))
    return OrganisationDetails(
        o.id, o.name, o.acronym, bool(o.internal), count or 0, o.address, o.notes, o.version
    )


def get_organisation_row(session: Session, organisation_id: int) -> OrganisationRow:
    details = get_organisation(session, organisation_id)
    return OrganisationRow(
        details.id, details.name, details.acronym, details.internal, details.people_count
    )


def _check_name_free(session: Session, name: str, organisation_id: int | None) -> None:
    wanted = fold(name)
    for other_id, other_name in session.execute(select(Organisation.id, Organisation.name)):
        if other_id != organisation_id and fold(other_name) == wanted:
            raise UserError(
                f"L'organisme « {other_name} » existe déjà dans l'annuaire. "
                "Pour réunir deux organismes en double, utilisez « Fusionner »."
            )


def clean_organisation_field(
    session: Session, field: str, value: object, organisation_id: int | None = None
) -> object:
    if field == "internal":
        return bool(value)
    if field not in ORGANISATION_TEXT_FIELDS:
        raise ValueError(f"unknown organisation field {field!r}")
    label, longest = ORGANISATION_TEXT_FIELDS[field]
    text = clean_text(
        cast("str | None", value),  # what the form gives for the text fields
        label,
        longest,
        required=field == "name",
        multiline=field in ("address", "notes"),
    )
    if field == "name":
        assert text is not None  # required
        _check_name_free(session, text, organisation_id)
    return text


def add_organisation(
    session: Session,
    name: str,
    *,
    acronym: str | None = None,
    internal: bool = False,
    address: str | None = None,
    notes: str | None = None,
) -> int:
    """Add an organisation (its name must be new); returns its id."""
    given = {"name": name, "acronym": acronym, "internal": internal}
    given |= {"address": address, "notes": notes}
    values = {f: clean_organisation_field(session, f, v) for f, v in given.items()}
    organisation = Organisation(**values)
    session.add(organisation)
    session.flush()
    return organisation.id


def save_organisation_field(
    session: Session,
    organisation_id: int,
    field: str,
    value: object,
    seen_version: int | None = None,
) -> SavedValue:
    """Change one field; returns the value as stored and the new version. An
    organisation saved on another workstation since the user saw ``seen_version`` is
    refused with a ConflictError (None: no check)."""
    organisation = _organisation(session, organisation_id)
    check_version(organisation, seen_version, ORGANISATION)
    cleaned = clean_organisation_field(session, field, value, organisation_id)
    setattr(organisation, field, cleaned)
    session.flush()
    return SavedValue(cleaned, organisation.version)


def set_organisation_field(
    session: Session,
    organisation_id: int,
    field: str,
    value: object,
    seen_version: int | None = None,
) -> object:
    """Change one field; returns the value as stored."""
    return save_organisation_field(session, organisation_id, field, value, seen_version).value


def delete_organisation(session: Session, organisation_id: int) -> Snapshot:
    """Delete an organisation nobody belongs to; returns its row for restore_snapshot."""
    organisation = _organisation(session, organisation_id)
    count = session.scalar(
        select(func.count(Person.id)).where(Person.organisation_id == organisation_id)
    )
    if count:
        who = "1 personne en fait partie" if count == 1 else f"{count} personnes en font partie"
        raise UserError(
            f"L'organisme « {organisation.name} » n'a pas été supprimé : {who}. "
            "Rattachez-les à un autre organisme, ou fusionnez les deux organismes."
        )
    snapshot = capture(session, Organisation.__table__, Organisation.id == organisation_id)
    session.expunge_all()
    session.execute(delete(Organisation.__table__).where(Organisation.id == organisation_id))
    return snapshot
