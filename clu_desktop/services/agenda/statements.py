"""Statements of an agenda item: who said what ("M. X et M. Y font part de ...")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from clu_desktop.domain import Action, Person, Statement, StatementKind, StatementSpeaker
from clu_desktop.errors import UserError
from clu_desktop.rules.fields import clean_text
from clu_desktop.services.agenda.items import get_item, person_name
from clu_desktop.services.agenda.snapshots import (
    SPEAKERS,
    STATEMENTS,
    Row,
    actions_pointing,
    detach_and_delete_statements,
    ensure_free,
    repoint_actions,
    rows_of,
)
from clu_desktop.services.attendance.invitations import PersonChoice, meeting_people
from clu_desktop.services.concurrency import check_version, touch

STATEMENT_MAX = 20_000

STATEMENT = "Cette intervention"  # the record, as conflict messages name it
#: The fields of a statement a conflict message names (field of StatementRow → label).
STATEMENT_LABELS = {"kind": "Nature", "speakers_label": "Intervenants", "text": "Texte"}

STATEMENT_KIND_LABELS = {
    StatementKind.STATEMENT: "Intervention",
    StatementKind.REMARK: "Remarque des usagers",
    StatementKind.REQUEST: "Demande des usagers",
}


@dataclass(frozen=True)
class StatementRow:
    id: int
    item_id: int
    position: int
    kind: StatementKind
    text: str
    speakers: tuple[PersonChoice, ...]
    version: int = 1

    @property
    def kind_label(self) -> str:
        return STATEMENT_KIND_LABELS[self.kind]

    @property
    def speaker_ids(self) -> tuple[int, ...]:
        return tuple(person.id for person in self.speakers)

    @property
    def speakers_label(self) -> str:
        """ "M. X", "M. X et M. Y", "M. X, M. Y et Mme Z"."""
        return join_names([person.name for person in self.speakers])


@dataclass(frozen=True)
class StatementSnapshot:
    meeting_id: int
    statement: Row
    speakers: tuple[Row, ...]
    actions: tuple[tuple[int, int], ...]  # (action id, statement id)


def join_names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " et " + names[-1]


def _statement_not_found() -> UserError:
    return UserError("Cette intervention n'existe plus (elle a peut-être été supprimée).")


def get_statement(session: Session, statement_id: int) -> Statement:
    statement = session.get(Statement, statement_id)
    if statement is None:
        raise _statement_not_found()
    return statement


def _ordered(session: Session, item_id: int) -> list[Statement]:
    return list(
        session.scalars(
            select(Statement)
            .where(Statement.agenda_item_id == item_id)
            .order_by(Statement.position, Statement.id)
        )
    )


def _renumber(statements: list[Statement]) -> None:
    for position, statement in enumerate(statements):
        if statement.position != position:
            statement.position = position


def list_statements(session: Session, item_id: int) -> list[StatementRow]:
    item = get_item(session, item_id)
    people = {person.id: person for person in meeting_people(session, item.meeting_id)}
    return [_row(session, statement, people) for statement in _ordered(session, item_id)]


def get_statement_row(session: Session, statement_id: int) -> StatementRow:
    """One statement as the page shows it (a conflict compares it with what was shown)."""
    statement = get_statement(session, statement_id)
    meeting_id = get_item(session, statement.agenda_item_id).meeting_id
    people = {person.id: person for person in meeting_people(session, meeting_id)}
    return _row(session, statement, people)


def _row(session: Session, statement: Statement, people: dict[int, PersonChoice]) -> StatementRow:
    names = {person_id: person.name for person_id, person in people.items()}
    speakers = tuple(
        people.get(sp.person_id)
        or PersonChoice(sp.person_id, person_name(session, sp.person_id, names), None)
        for sp in statement.speakers
    )
    return StatementRow(
        statement.id,
        statement.agenda_item_id,
        statement.position,
        statement.kind,
        statement.text,
        speakers,
        statement.version,
    )


def _clean(text: str | None) -> str:
    return clean_text(text, "Texte de l'intervention", STATEMENT_MAX, multiline=True) or ""


def _check_speakers(session: Session, person_ids: Sequence[int]) -> list[int]:
    ordered: list[int] = []
    for person_id in person_ids:
        if person_id in ordered:
            continue
        if session.get(Person, person_id) is None:
            raise UserError("Une des personnes choisies n'existe plus dans l'annuaire.")
        ordered.append(person_id)
    return ordered


def add_statement(
    session: Session,
    item_id: int,
    text: str = "",
    speaker_ids: Sequence[int] = (),
    kind: StatementKind = StatementKind.STATEMENT,
) -> int:
    """Add a statement at the end of the item's; its text may be written later."""
    get_item(session, item_id)
    clean = _clean(text)
    speakers = _check_speakers(session, speaker_ids)
    statement = Statement(
        agenda_item_id=item_id,
        position=len(_ordered(session, item_id)),
        kind=StatementKind(kind),
        text=clean,
        speakers=[StatementSpeaker(person_id=p, position=i) for i, p in enumerate(speakers)],
    )
    session.add(statement)
    session.flush()
    return statement.id


def _statement_at(session: Session, statement_id: int, seen_version: int | None) -> Statement:
    """The statement; changed on another workstation since the user saw ``seen_version``,
    a ConflictError (None: no check)."""
    statement = get_statement(session, statement_id)
    check_version(statement, seen_version, STATEMENT)
    return statement


def set_statement_text(
    session: Session, statement_id: int, text: str | None, seen_version: int | None = None
) -> int:
    """Save the text; returns the statement's new version. Every change of a statement
    takes the ``seen_version`` the user saw (see ``_statement_at``)."""
    statement = _statement_at(session, statement_id, seen_version)
    statement.text = _clean(text)
    session.flush()
    return statement.version


def set_statement_kind(
    session: Session, statement_id: int, kind: StatementKind, seen_version: int | None = None
) -> int:
    statement = _statement_at(session, statement_id, seen_version)
    statement.kind = StatementKind(kind)
    session.flush()
    return statement.version


def set_statement_speakers(
    session: Session,
    statement_id: int,
    person_ids: Sequence[int],
    seen_version: int | None = None,
) -> int:
    """The speakers, in the order the minutes print them; returns the new version."""
    statement = _statement_at(session, statement_id, seen_version)
    wanted = _check_speakers(session, person_ids)
    before = [sp.person_id for sp in statement.speakers]
    current = {sp.person_id: sp for sp in statement.speakers}
    for person_id, speaker in current.items():
        if person_id not in wanted:
            session.delete(speaker)
    session.flush()
    for position, person_id in enumerate(wanted):
        kept = current.get(person_id)
        if kept is None:
            session.add(
                StatementSpeaker(statement_id=statement_id, person_id=person_id, position=position)
            )
        elif kept.position != position:
            kept.position = position
    if before != wanted:
        touch(statement, "text")  # other speakers: another version of the statement
    session.flush()
    session.expire(statement, ["speakers"])
    return statement.version


def move_statement(session: Session, statement_id: int, delta: int) -> None:
    """Move a statement up (delta -1) or down (+1) within its item."""
    statement = get_statement(session, statement_id)
    group = _ordered(session, statement.agenda_item_id)
    index = group.index(statement)
    target = index + delta
    if not 0 <= target < len(group):
        raise UserError(
            "Cette intervention est déjà la première."
            if delta < 0
            else "Cette intervention est déjà la dernière."
        )
    group.insert(target, group.pop(index))
    _renumber(group)


def delete_statement(session: Session, statement_id: int) -> StatementSnapshot:
    statement = get_statement(session, statement_id)
    item_id = statement.agenda_item_id
    meeting_id = get_item(session, item_id).meeting_id
    snapshot = StatementSnapshot(
        meeting_id=meeting_id,
        statement=rows_of(session, STATEMENTS, STATEMENTS.c.id, [statement_id])[0],
        speakers=rows_of(session, SPEAKERS, SPEAKERS.c.statement_id, [statement_id]),
        actions=actions_pointing(session, Action.statement_id, [statement_id]),
    )
    session.expunge_all()
    detach_and_delete_statements(session, [statement_id])
    _renumber(_ordered(session, item_id))
    session.flush()
    return snapshot


def restore_statement(session: Session, snapshot: StatementSnapshot) -> int:
    """Put a deleted statement back with its id, speakers and actions."""
    row = snapshot.statement
    item_id = row["agenda_item_id"]
    get_item(session, item_id)
    ensure_free(session, STATEMENTS, [row["id"]])
    group = _ordered(session, item_id)
    position = min(row["position"], len(group))
    for statement in group[position:]:
        statement.position += 1
    session.flush()
    session.execute(insert(STATEMENTS), [{**row, "position": position}])
    if snapshot.speakers:
        session.execute(insert(SPEAKERS), list(snapshot.speakers))
    repoint_actions(session, "statement_id", snapshot.actions)
    session.expunge_all()
    _renumber(_ordered(session, item_id))
    session.flush()
    restored_id: int = row["id"]
    return restored_id
