"""The right of access: everything the database holds about one person, as a JSON file.

Sections have French keys, since the file is handed to the person who asked for it:
identity and contact details, organisation, committees, each meeting they were invited
to (with the name as printed and their attendance), the meetings where they represented
someone, chaired, signed or were the contact, their statements with the text, the
actions they own, the items they presented, and every text that names them (minutes,
statements of others, audit findings...).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clu_desktop.domain import (
    Action,
    AgendaItem,
    Annex,
    Audit,
    Committee,
    CommitteeMember,
    Finding,
    Invitation,
    Meeting,
    Organisation,
    Person,
    Representation,
    Statement,
    StatementSpeaker,
    VoteChoice,
    VoteName,
)
from clu_desktop.errors import UserError
from clu_desktop.files import write_atomically
from clu_desktop.french.attendance import status_word
from clu_desktop.services.agenda.actions import ACTION_STATUS_LABELS
from clu_desktop.services.agenda.statements import STATEMENT_KIND_LABELS
from clu_desktop.services.meetings.listing import STATUS_LABELS as MEETING_LABELS
from clu_desktop.services.personal.mentions import other_mentions
from clu_desktop.services.personal.names import NameParts, PersonMatcher
from clu_desktop.services.quality.common import FINDING_KIND_LABELS

FORMAT = "clu-desktop/donnees-personnelles"
VERSION = 1


def get_person_or_fail(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise UserError(f"Aucune personne n° {person_id} dans l'annuaire.")
    return person


def person_matcher(session: Session, person: Person) -> PersonMatcher:
    """The person's names (as in the directory and as printed in each meeting), e-mail
    and phone, to find them in free text."""
    names = [NameParts(person.civility, person.first_name, person.last_name)]
    printed = session.execute(
        select(
            Invitation.printed_civility,
            Invitation.printed_first_name,
            Invitation.printed_last_name,
        ).where(Invitation.person_id == person.id)
    )
    names += [NameParts(*row) for row in printed]
    return PersonMatcher(names, [person.email], [person.phone])


def _time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "seance": meeting.id,
        "titre": meeting.title,
        "date": meeting.date.isoformat(),
        "comite": meeting.committee.name,
        "statut": MEETING_LABELS[meeting.status],
    }


REPRESENTATION_LABELS: dict[Representation | None, str] = {
    Representation.PROXY: "pouvoir",
    Representation.SUBSTITUTE: "suppléant",
}
VOTE_LABELS = {
    VoteChoice.FOR: "pour",
    VoteChoice.AGAINST: "contre",
    VoteChoice.ABSTAINING: "abstention",
}


def _invitations(session: Session, person_id: int) -> list[dict[str, Any]]:
    invitations = session.scalars(
        select(Invitation)
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .where(Invitation.person_id == person_id)
        .order_by(Meeting.date, Meeting.id)
    )
    rows = []
    for inv in invitations:
        deputy = inv.represented_by.display_name if inv.represented_by else None
        rows.append(
            {
                **_meeting(inv.meeting),
                "nom_imprime": inv.printed_name,
                "organisme_imprime": inv.printed_organisation,
                "fonction_imprimee": inv.printed_function,
                "presence": status_word(inv.status, inv.printed_civility),
                "represente_par": deputy or inv.represented_by_name,
                "forme_de_representation": REPRESENTATION_LABELS.get(inv.representation),
                "secretaire_de_seance": inv.is_secretary,
                "votes_nommes": [
                    {"point": vote.agenda_item.title, "vote": VOTE_LABELS[vote.choice]}
                    for vote in session.scalars(
                        select(VoteName).where(VoteName.invitation_id == inv.id)
                    )
                ],
                "arrivee": _time(inv.arrived_at),
                "depart": _time(inv.left_at),
                "note": inv.note,
            }
        )
    return rows


def _representations(session: Session, person_id: int) -> list[dict[str, Any]]:
    invitations = session.scalars(
        select(Invitation)
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .where(Invitation.represented_by_id == person_id)
        .order_by(Meeting.date, Meeting.id)
    )
    return [{**_meeting(i.meeting), "personne_representee": i.printed_name} for i in invitations]


def _roles(session: Session, person: Person) -> list[dict[str, Any]]:
    meetings = session.scalars(
        select(Meeting)
        .where(
            or_(
                Meeting.chair_id == person.id,
                Meeting.signatory_id == person.id,
                Meeting.contact_id == person.id,
            )
        )
        .order_by(Meeting.date, Meeting.id)
    )
    rows = []
    for meeting in meetings:
        if meeting.chair_id == person.id:
            rows.append({**_meeting(meeting), "role": "présidence"})
        if meeting.signatory_id == person.id:
            rows.append(
                {
                    **_meeting(meeting),
                    "role": "signataire",
                    "nom_imprime": meeting.signatory_name,
                    "qualite_imprimee": meeting.signatory_title,
                }
            )
        if meeting.contact_id == person.id:
            rows.append(
                {
                    **_meeting(meeting),
                    "role": "affaire suivie par",
                    "nom_imprime": meeting.contact_name,
                    "telephone_imprime": meeting.contact_phone,
                    "courriel_imprime": meeting.contact_email,
                }
            )
    return rows


def _statement(statement: Statement) -> dict[str, Any]:
    item = statement.agenda_item
    return {
        **_meeting(item.meeting),
        "point": item.title,
        "nature": STATEMENT_KIND_LABELS[statement.kind],
        "texte": statement.text,
        "reponse": statement.answer_text,
        "repondu_le": _date(statement.answered_on),
    }


def _statements(session: Session, person_id: int) -> list[dict[str, Any]]:
    statements = session.scalars(
        select(Statement)
        .join(StatementSpeaker, StatementSpeaker.statement_id == Statement.id)
        .join(AgendaItem, Statement.agenda_item_id == AgendaItem.id)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(StatementSpeaker.person_id == person_id)
        .order_by(Meeting.date, Meeting.id, AgendaItem.position, Statement.position)
    )
    return [_statement(s) for s in statements]


def _actions(session: Session, person_id: int) -> list[dict[str, Any]]:
    actions = session.scalars(
        select(Action).where(Action.owner_id == person_id).order_by(Action.id)
    )
    return [
        {
            "texte": a.text,
            "seance": a.meeting_id,
            "statut": ACTION_STATUS_LABELS[a.status],
            "echeance": _date(a.due_date),
            "realisee_le": _date(a.done_date),
            "porteur_imprime": a.owner_name,
        }
        for a in actions
    ]


def _presentations(session: Session, person_id: int) -> list[dict[str, Any]]:
    items = session.scalars(
        select(AgendaItem).where(AgendaItem.presenter_id == person_id).order_by(AgendaItem.id)
    )
    return [{**_meeting(i.meeting), "point": i.title} for i in items]


def _mentions(session: Session, person: Person) -> list[dict[str, Any]]:
    """Texts that name the person (or give their e-mail or phone) without a link."""
    matcher = person_matcher(session, person)
    found: list[dict[str, Any]] = []

    def look(where: str, text: str | None, **context: Any) -> None:
        if matcher.found_in(text):
            found.append({"ou": where, **context, "texte": text})

    for meeting in session.scalars(select(Meeting).order_by(Meeting.date, Meeting.id)):
        for label, text in (
            ("introduction du compte-rendu", meeting.opening_text),
            ("conclusion du compte-rendu", meeting.closing_text),
            ("notes de la séance", meeting.notes),
            ("signataire imprimé", meeting.signatory_name),
            ("affaire suivie par (imprimé)", meeting.contact_name),
            ("téléphone imprimé", meeting.contact_phone),
            ("courriel imprimé", meeting.contact_email),
        ):
            look(label, text, seance=meeting.id)
    for item in session.scalars(select(AgendaItem).order_by(AgendaItem.id)):
        look("compte-rendu d'un point", item.minutes_text, seance=item.meeting_id, point=item.title)
    spoken = set(
        session.scalars(
            select(StatementSpeaker.statement_id).where(StatementSpeaker.person_id == person.id)
        )
    )
    for statement in session.scalars(select(Statement).order_by(Statement.id)):
        meeting_id = statement.agenda_item.meeting_id
        if statement.id not in spoken:
            look("intervention", statement.text, seance=meeting_id)
        look("réponse à une remarque", statement.answer_text, seance=meeting_id)
    for action in session.scalars(select(Action).order_by(Action.id)):
        look("action", action.text, seance=action.meeting_id)
        if action.owner_id != person.id:
            look("porteur d'une action", action.owner_name, seance=action.meeting_id)
    for inv in session.scalars(select(Invitation).order_by(Invitation.id)):
        look("note de présence", inv.note, seance=inv.meeting_id)
        look("représentant imprimé", inv.represented_by_name, seance=inv.meeting_id)
    for annex in session.scalars(select(Annex).order_by(Annex.id)):
        look("annexe", annex.text, seance=annex.meeting_id, annexe=annex.title)
    for audit in session.scalars(select(Audit).order_by(Audit.date, Audit.id)):
        look("auditeur", audit.auditor, audit=audit.date.isoformat())
        look("résultat d'audit", audit.result, audit=audit.date.isoformat())
    for finding in session.scalars(select(Finding).order_by(Finding.id)):
        look(
            f"constat d'audit ({FINDING_KIND_LABELS[finding.kind]})",
            finding.text,
            audit=finding.audit.date.isoformat(),
        )
    for organisation in session.scalars(select(Organisation).order_by(Organisation.id)):
        look("adresse d'un organisme", organisation.address, organisme=organisation.name)
        look("notes d'un organisme", organisation.notes, organisme=organisation.name)
    for other in session.scalars(select(Person).where(Person.id != person.id)):
        look("notes sur une autre personne", other.notes, personne=other.display_name)
    for committee in session.scalars(select(Committee).order_by(Committee.id)):
        look("description d'un comité", committee.description, comite=committee.name)
    # Every other text of the database, whatever its table (the erasure's places).
    return found + other_mentions(session, matcher, person.id, MENTION_COLUMNS)


#: The columns :func:`_mentions` reads itself, with their context; or that other sections
#: give (the person's own record, the printed names of their own invitations).
MENTION_COLUMNS = frozenset(
    {
        ("meeting", "opening_text"),
        ("meeting", "closing_text"),
        ("meeting", "notes"),
        ("meeting", "signatory_name"),
        ("meeting", "contact_name"),
        ("meeting", "contact_phone"),
        ("meeting", "contact_email"),
        ("agenda_item", "minutes_text"),
        ("statement", "text"),
        ("statement", "answer_text"),
        ("action", "text"),
        ("action", "owner_name"),
        ("invitation", "note"),
        ("invitation", "represented_by_name"),
        ("annex", "text"),
        ("audit", "auditor"),
        ("audit", "result"),
        ("finding", "text"),
        ("organisation", "address"),
        ("organisation", "notes"),
        ("person", "notes"),
        ("committee", "description"),
    }
)


def person_data(session: Session, person_id: int) -> dict[str, Any]:
    """Everything held about the person, in labelled French sections."""
    person = get_person_or_fail(session, person_id)
    organisation = person.organisation
    committees = session.execute(
        select(Committee.name, CommitteeMember.role)
        .join(Committee, CommitteeMember.committee_id == Committee.id)
        .where(CommitteeMember.person_id == person_id)
        .order_by(Committee.name)
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exporte_le": dt.datetime.now().replace(microsecond=0).isoformat(),
        "identite": {
            "numero": person.id,
            "civilite": person.civility,
            "prenom": person.first_name,
            "nom": person.last_name,
            "fonction": person.function,
            "courriel": person.email,
            "telephone": person.phone,
            "notes": person.notes,
        },
        "organisme": (
            {
                "nom": organisation.name,
                "sigle": organisation.acronym,
                "adresse": organisation.address,
            }
            if organisation
            else None
        ),
        "comites": [{"comite": name, "role": role} for name, role in committees],
        "seances_invite": _invitations(session, person_id),
        "representations": _representations(session, person_id),
        "roles_en_seance": _roles(session, person),
        "interventions": _statements(session, person_id),
        "actions_portees": _actions(session, person_id),
        "points_presentes": _presentations(session, person_id),
        "mentions_dans_les_textes": _mentions(session, person),
    }


def write_person_data(session: Session, person_id: int, path: Path | str) -> Path:
    """Write :func:`person_data` as indented UTF-8 JSON at ``path`` (atomically)."""
    data = person_data(session, person_id)
    path = Path(path)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text.encode("utf-8"))
    return path


def export_file_name(last_name: str, first_name: str | None) -> str:
    """ "donnees-GUY-Bernard.json": letters, digits and dashes only, never too long."""
    parts = [last_name.upper(), first_name or ""]
    cleaned = []
    for part in parts:
        word = "".join(c if c.isalnum() else "-" for c in part)
        word = "-".join(w for w in word.split("-") if w)[:40]
        if word:
            cleaned.append(word)
    return "donnees-" + "-".join(cleaned or ["personne"]) + ".json"
