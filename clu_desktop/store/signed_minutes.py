"""Signed minutes are frozen: the one guard that refuses any change to their content.

Two session listeners, registered on every session the application opens (see
``Database.for_engine``), see every write whatever service makes it:

- ``before_flush`` for the objects the services change (the unit of work);
- ``do_orm_execute`` for the INSERT, UPDATE and DELETE statements some services run
  directly (deleting an agenda item, undoing a deletion, merging directory records).

A meeting is frozen when the database holds it with the status "compte-rendu signé",
whether it was signed in CLU Desktop (``signed_at`` set) or imported as signed. Its
content is: the meeting's own fields, invitations and attendance, agenda items with
their minutes text, statements and their speakers, annexes, and the actions attached
to its agenda items (which the minutes print).

What stays allowed once signed, because it is not the minutes but what follows them:

- the internal notes of the meeting (never printed);
- the answer to a users' remark (``answer_text``, ``answered_on``: the minutes print
  only what was said in the meeting);
- following the actions in the action plan: status, done date, due date, printed time,
  owner, origin and links to a finding or a remark (not their text nor their item);
- actions linked to the meeting but to none of its items (the action plan);
- a directory merge moving references from one person to another (the printed names
  are kept in the invitations);
- signing and reopening themselves, through :func:`signature_change`: they alone (and
  the erasure) may write what the indicator annexes print, frozen with the minutes
  (``Meeting.signed_annexes``, see ``services/meetings/annex_freeze.py``), signed or not;
- erasing a person's data (the right to erasure comes before the freeze), through
  :func:`personal_data_erasure`: the erasure itself keeps what signed minutes print
  unless the user chose to anonymise them, and reports what it changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Delete, Table, Update, event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker
from sqlalchemy.orm.relationships import RelationshipProperty

from clu_desktop.domain import (
    Action,
    AgendaItem,
    Annex,
    Invitation,
    Meeting,
    MeetingStatus,
    SignatureEvent,
    Statement,
    StatementSpeaker,
    VoteName,
)
from clu_desktop.errors import UserError

_SIGNING_KEY = "clu.signing_meeting"
_ERASING_KEY = "clu.erasing_person"
#: What a signed meeting's indicator annexes print, frozen (services/meetings/annex_freeze.py).
SNAPSHOT_FIELD = "signed_annexes"
SIGNATURE_FIELDS = frozenset(
    {
        "status",
        "signed_at",
        "signed_by",
        "signed_sha256",
        "signed_pdf",
        SNAPSHOT_FIELD,
        "signature_events",
    }
)
#: Fields that may change once the minutes are signed (see the module's docstring).
FREE_FIELDS: dict[type, frozenset[str]] = {
    Meeting: frozenset({"notes"}),
    Statement: frozenset({"answer_text", "answered_on"}),
    Action: frozenset(
        {
            "status",
            "done_date",
            "due_date",
            "when_label",
            "owner_id",
            "owner",
            "owner_name",
            "origin",
            "finding_id",
            "finding",
            "statement_id",
            "statement",
        }
    ),
}
#: Columns a directory merge re-points from one person to another.
_PERSON_COLUMNS = frozenset(
    {
        "chair_id",
        "signatory_id",
        "contact_id",
        "person_id",
        "represented_by_id",
        "presenter_id",
        "owner_id",
    }
)


class SignedMinutesError(UserError):
    """A change refused because it touches minutes that are signed."""


def frozen_message(date_text: str) -> str:
    return (
        f"Le compte-rendu de la séance du {date_text} est signé : son contenu ne peut plus "
        "être modifié. Pour le corriger, rouvrez-le d'abord (page « Séance », bouton "
        "« Rouvrir… »), ce qui est consigné avec votre nom et la raison."
    )


SNAPSHOT_THROUGH_SIGNATURE = (
    "Les valeurs des annexes figées avec un compte-rendu signé ne changent qu'à sa signature "
    "ou à sa réouverture (page « Séance », boutons « Marquer comme signé… » et « Rouvrir… »)."
)
SIGN_THROUGH_ACTION = (
    "Le statut « Compte-rendu signé » se pose avec le bouton « Marquer comme signé… » de la "
    "page « Séance » : il enregistre le PDF signé, son empreinte, qui l'a signé et quand."
)


def refuse_if_signed(meeting: Meeting) -> None:
    """Refuse early, with the same message as the guard, a change to signed minutes."""
    if meeting.status is MeetingStatus.MINUTES_SIGNED:
        raise SignedMinutesError(frozen_message(f"{meeting.date:%d/%m/%Y}"))


@contextmanager
def signature_change(session: Session, meeting_id: int) -> Iterator[None]:
    """Let the signature service sign or reopen ``meeting_id`` (its status and signature
    fields only) in the block."""
    session.info[_SIGNING_KEY] = meeting_id
    try:
        yield
    finally:
        session.info.pop(_SIGNING_KEY, None)


@contextmanager
def personal_data_erasure(session: Session) -> Iterator[None]:
    """Let the erasure of a person's data change signed minutes in the block."""
    session.info[_ERASING_KEY] = True
    try:
        yield
    finally:
        session.info.pop(_ERASING_KEY, None)


# Which meetings a write touches


class _Touched:
    """Ids of the rows whose meeting must not be signed, gathered before one check."""

    def __init__(self) -> None:
        self.meetings: set[int] = set()
        self.items: set[int] = set()
        self.statements: set[int] = set()
        self.annexes: set[int] = set()

    def add(self, kind: str, ids: Iterable[Any]) -> None:
        getattr(self, kind).update(i for i in ids if isinstance(i, int))

    def check(self, session: Session) -> None:
        if not (self.meetings or self.items or self.statements or self.annexes):
            return
        with session.no_autoflush:
            ids = set(self.meetings)
            if self.statements:
                self.items.update(
                    session.scalars(
                        select(Statement.agenda_item_id).where(Statement.id.in_(self.statements))
                    )
                )
            if self.items:
                ids.update(
                    session.scalars(
                        select(AgendaItem.meeting_id).where(AgendaItem.id.in_(self.items))
                    )
                )
            if self.annexes:
                ids.update(
                    session.scalars(select(Annex.meeting_id).where(Annex.id.in_(self.annexes)))
                )
            signed = session.scalars(
                select(Meeting.date)
                .where(Meeting.id.in_(ids), Meeting.status == MeetingStatus.MINUTES_SIGNED)
                .order_by(Meeting.date)
                .limit(1)
            ).first()
        if signed is not None:
            raise SignedMinutesError(frozen_message(f"{signed:%d/%m/%Y}"))


def _values(obj: object, key: str) -> list[Any]:
    """The attribute's value now and before the change (ids, or objects' ids)."""
    history = inspect(obj).attrs[key].history
    values = [*history.added, *history.unchanged, *history.deleted]
    return [getattr(v, "id", v) for v in values]


def _changed(obj: object) -> set[str]:
    """Attributes changed on ``obj``, one-to-many collections aside (their rows are
    checked themselves)."""
    state = inspect(obj)
    keys = set()
    for prop in state.mapper.attrs:
        if isinstance(prop, RelationshipProperty) and prop.direction.name == "ONETOMANY":
            continue
        if prop.key != "version" and state.attrs[prop.key].history.has_changes():
            keys.add(prop.key)
    return keys


# (kind of parent, foreign key, relationship) for each frozen model.
_PARENTS: dict[type, tuple[str, str, str]] = {
    Invitation: ("meetings", "meeting_id", "meeting"),
    AgendaItem: ("meetings", "meeting_id", "meeting"),
    Annex: ("meetings", "meeting_id", "meeting"),
    Statement: ("items", "agenda_item_id", "agenda_item"),
    StatementSpeaker: ("statements", "statement_id", "statement"),
    Action: ("items", "agenda_item_id", "agenda_item"),
    VoteName: ("items", "agenda_item_id", "agenda_item"),
}


def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    if session.info.get(_ERASING_KEY):
        return
    touched = _Touched()
    signing = session.info.get(_SIGNING_KEY)
    for obj in session.dirty:
        if isinstance(obj, SignatureEvent) and session.is_modified(obj):
            raise UserError("L'historique des signatures ne peut pas être modifié.")
        if not isinstance(obj, (Meeting, *_PARENTS)):
            continue
        changed = _changed(obj) - FREE_FIELDS.get(type(obj), frozenset())
        if isinstance(obj, Meeting):
            if SNAPSHOT_FIELD in changed and signing != obj.id:
                raise UserError(SNAPSHOT_THROUGH_SIGNATURE)
            signs = "status" in changed and obj.status is MeetingStatus.MINUTES_SIGNED
            if signs and signing != obj.id:
                raise UserError(SIGN_THROUGH_ACTION)
            if signing == obj.id:
                changed -= SIGNATURE_FIELDS
            if changed:
                touched.add("meetings", [obj.id])
        elif changed:
            kind, fk, rel = _PARENTS[type(obj)]
            touched.add(kind, _values(obj, fk) + _values(obj, rel))
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, Meeting):
            if obj in session.new and obj.signed_annexes is not None:
                raise UserError(SNAPSHOT_THROUGH_SIGNATURE)
            touched.add("meetings", [obj.id])
        elif type(obj) in _PARENTS:
            kind, fk, rel = _PARENTS[type(obj)]
            touched.add(kind, _values(obj, fk) + _values(obj, rel))
    touched.check(session)


# Statements run directly: the rows they touch, read with the same condition.

_TABLE_PARENTS = {
    "meeting": ("meetings", "id"),
    "invitation": ("meetings", "meeting_id"),
    "agenda_item": ("meetings", "meeting_id"),
    "annex": ("meetings", "meeting_id"),
    "annex_indicator": ("annexes", "annex_id"),
    "statement": ("items", "agenda_item_id"),
    "statement_speaker": ("statements", "statement_id"),
    "action": ("items", "agenda_item_id"),
    "vote_name": ("items", "agenda_item_id"),
}
_FREE_COLUMNS = {
    "meeting": FREE_FIELDS[Meeting] | _PERSON_COLUMNS,
    "invitation": _PERSON_COLUMNS,
    "agenda_item": _PERSON_COLUMNS,
    "statement": FREE_FIELDS[Statement],
    "statement_speaker": _PERSON_COLUMNS,
    "action": FREE_FIELDS[Action],
}


def _rows(parameters: Any) -> list[dict[str, Any]]:
    if isinstance(parameters, dict):
        return [parameters]
    return [row for row in parameters or () if isinstance(row, dict)]


def _key(column: Any) -> str:
    return getattr(column, "key", None) or str(column)


def _do_orm_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.session.info.get(_ERASING_KEY):
        return
    statement = state.statement
    table = getattr(statement, "table", None)
    if not isinstance(table, Table) or table.name not in _TABLE_PARENTS:
        return
    kind, column = _TABLE_PARENTS[table.name]
    rows = _rows(state.parameters)
    values = dict(getattr(statement, "_values", None) or {})
    if table.name == "meeting" and state.session.info.get(_SIGNING_KEY) is None:
        written = {_key(k) for k in values} | {k for row in rows for k in row}
        if SNAPSHOT_FIELD in written and not state.is_delete:
            raise UserError(SNAPSHOT_THROUGH_SIGNATURE)
    touched = _Touched()
    if state.is_insert:
        touched.add(kind, [row.get(column) for row in rows])
        touched.add(kind, [v.value for k, v in values.items() if _key(k) == column])
    else:
        if state.is_update:
            keys = {_key(k) for k in values} | {k for row in rows for k in row}
            keys -= {c.key for c in table.primary_key.columns}
            if table.name == "meeting" and state.session.info.get(_SIGNING_KEY) is not None:
                keys -= SIGNATURE_FIELDS
            if keys <= _FREE_COLUMNS.get(table.name, frozenset()):
                return
        query = select(table.c[column])
        if isinstance(statement, (Update, Delete)) and statement.whereclause is not None:
            query = query.where(statement.whereclause)
        with state.session.no_autoflush:
            touched.add(kind, state.session.scalars(query))
    touched.check(state.session)


def install(sessions: sessionmaker[Session]) -> None:
    """Guard every session ``sessions`` makes."""
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "do_orm_execute", _do_orm_execute)
