"""The ordre du jour of a meeting: its items and sub-items, with their minutes text.

Items form a tree of two levels (item, sub-item). Among siblings, positions are kept
dense (0..n-1). Moving, indenting and deleting live in ``agenda.moves`` and
``agenda.snapshots``; statements and actions in ``agenda.statements`` and
``agenda.actions``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clu_desktop.domain import AgendaItem, Person, Statement
from clu_desktop.errors import UserError
from clu_desktop.rules import record as record_rules
from clu_desktop.rules.fields import clean_text
from clu_desktop.services.attendance.invitations import get_meeting, meeting_people
from clu_desktop.services.concurrency import check_version

TITLE_MAX = 300
HEADING_MAX = 300
MINUTES_MAX = 200_000
DURATION_MAX = 1440
DEFAULT_TITLE = "Nouveau point"
DEFAULT_SUB_TITLE = "Nouveau sous-point"

_UNSET = object()
ITEM = "Ce point de l'ordre du jour"  # the record, as conflict messages name it
# The fields of an item a user edits, as messages name them.
ITEM_LABELS = {
    "title": "Intitulé",
    "heading": "Titre dans le compte-rendu",
    "presenter_id": "Présenté par",
    "duration_minutes": "Durée prévue",
    "minutes_text": "Texte du compte-rendu",
}


@dataclass(frozen=True)
class AgendaItemRow:
    """One item of the agenda, with its sub-items (none for a sub-item)."""

    id: int
    parent_id: int | None
    position: int
    number: str  # "3" for an item, "6.1" for a sub-item ("III", "VI.1" numbered in roman)
    title: str
    heading: str | None
    presenter_id: int | None
    presenter_name: str | None
    duration_minutes: int | None
    minutes_text: str | None
    statements_count: int
    children: tuple[AgendaItemRow, ...] = ()
    version: int = 0  # the item's version, to pass back with the next save

    @property
    def is_sub_item(self) -> bool:
        return self.parent_id is not None


@dataclass(frozen=True)
class Agenda:
    """The agenda of one meeting, in order, with what is needed to plan its times."""

    meeting_id: int
    start_time: dt.time | None
    end_time: dt.time | None
    items: tuple[AgendaItemRow, ...] = field(default_factory=tuple)
    #: How the committee's minutes name who presents an item: "presented" or "rapporteur"
    presenter_style: str = "presented"

    @property
    def presenter_caption(self) -> str:
        """The presenter as the page names them, like the minutes do."""
        return "Rapporteur" if self.presenter_style == "rapporteur" else "Présenté par"

    def walk(self) -> list[AgendaItemRow]:
        """Every item then its sub-items, in reading order."""
        rows: list[AgendaItemRow] = []
        for item in self.items:
            rows.append(item)
            rows.extend(item.children)
        return rows

    def find(self, item_id: int | None) -> AgendaItemRow | None:
        return next((row for row in self.walk() if row.id == item_id), None)


def item_not_found() -> UserError:
    return UserError("Ce point de l'ordre du jour n'existe plus (il a peut-être été supprimé).")


def get_item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise item_not_found()
    return item


def siblings(session: Session, meeting_id: int, parent_id: int | None) -> list[AgendaItem]:
    """The items sharing a parent, in order."""
    parent_clause = (
        AgendaItem.parent_id.is_(None) if parent_id is None else AgendaItem.parent_id == parent_id
    )
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id, parent_clause)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def renumber(items: list[AgendaItem]) -> None:
    """Positions 0..n-1 in the given order."""
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


def _people_names(session: Session, meeting_id: int) -> dict[int, str]:
    return {person.id: person.name for person in meeting_people(session, meeting_id)}


def person_name(session: Session, person_id: int, known: dict[int, str]) -> str:
    """How a person is printed: as invited to the meeting, else as the directory says."""
    if person_id in known:
        return known[person_id]
    person = session.get(Person, person_id)
    return person.display_name if person is not None else "(personne supprimée)"


def list_agenda(session: Session, meeting_id: int) -> Agenda:
    """The agenda of a meeting as a tree, with the meeting's planned times.

    Items are numbered as the committee's documents number them (1, 2.1 or I, II.1).
    """
    meeting = get_meeting(session, meeting_id)
    numbering = meeting.committee.numbering
    items = list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )
    counts = dict(
        session.execute(
            select(Statement.agenda_item_id, func.count(Statement.id))
            .join(AgendaItem, Statement.agenda_item_id == AgendaItem.id)
            .where(AgendaItem.meeting_id == meeting_id)
            .group_by(Statement.agenda_item_id)
        ).all()
    )
    names = _people_names(session, meeting_id)

    def row(item: AgendaItem, number: str, children: tuple[AgendaItemRow, ...]) -> AgendaItemRow:
        presenter = person_name(session, item.presenter_id, names) if item.presenter_id else None
        return AgendaItemRow(
            id=item.id,
            parent_id=item.parent_id,
            position=item.position,
            number=number,
            title=item.title,
            heading=item.heading,
            presenter_id=item.presenter_id,
            presenter_name=presenter,
            duration_minutes=item.duration_minutes,
            minutes_text=item.minutes_text,
            statements_count=counts.get(item.id, 0),
            children=children,
            version=item.version,
        )

    tops = [item for item in items if item.parent_id is None]
    rows = []
    for rank, top in enumerate(tops, start=1):
        subs = [item for item in items if item.parent_id == top.id]
        children = tuple(
            row(sub, record_rules.item_number([rank, n], numbering), ())
            for n, sub in enumerate(subs, start=1)
        )
        rows.append(row(top, record_rules.item_number([rank], numbering), children))
    style = str(meeting.committee.presenter_style)
    return Agenda(meeting.id, meeting.start_time, meeting.end_time, tuple(rows), style)


def get_item_row(session: Session, item_id: int) -> AgendaItemRow:
    item = get_item(session, item_id)
    found = list_agenda(session, item.meeting_id).find(item_id)
    assert found is not None
    return found


def add_item(
    session: Session,
    meeting_id: int,
    title: str | None = None,
    *,
    after_id: int | None = None,
    parent_id: int | None = None,
) -> int:
    """Add an item and return its id.

    At the end of the agenda by default; right after the item ``after_id`` (as its
    sibling); or, with ``parent_id``, as the last sub-item of that item.
    """
    if after_id is not None and parent_id is not None:
        raise ValueError("after_id and parent_id exclude each other")
    get_meeting(session, meeting_id)
    default = DEFAULT_SUB_TITLE if parent_id is not None else DEFAULT_TITLE
    clean = clean_text(
        title if title is not None else default, "Intitulé", TITLE_MAX, required=True
    )
    if parent_id is not None:
        parent = _item_of_meeting(session, parent_id, meeting_id)
        if parent.parent_id is not None:
            raise UserError(
                "Un sous-point ne peut pas avoir lui-même de sous-points : l'ordre du jour "
                "n'a que deux niveaux."
            )
        group = siblings(session, meeting_id, parent_id)
        index = len(group)
    elif after_id is not None:
        after = _item_of_meeting(session, after_id, meeting_id)
        parent_id = after.parent_id
        group = siblings(session, meeting_id, parent_id)
        index = group.index(after) + 1
    else:
        group = siblings(session, meeting_id, None)
        index = len(group)
    item = AgendaItem(meeting_id=meeting_id, parent_id=parent_id, title=clean, position=index)
    session.add(item)
    group.insert(index, item)
    renumber(group)
    session.flush()
    return item.id


def _item_of_meeting(session: Session, item_id: int, meeting_id: int) -> AgendaItem:
    item = get_item(session, item_id)
    if item.meeting_id != meeting_id:
        raise UserError("Ce point appartient à une autre séance.")
    return item


def update_item(
    session: Session,
    item_id: int,
    *,
    title: object = _UNSET,
    heading: object = _UNSET,
    presenter_id: object = _UNSET,
    duration_minutes: object = _UNSET,
    minutes_text: object = _UNSET,
    seen_version: int | None = None,
) -> AgendaItemRow:
    """Change the given fields of an item (the others are left alone).

    Text is trimmed; an empty heading or minutes text is stored as none. A duration of
    0 means "not set". Every value is checked before anything is changed. An item saved
    on another workstation since the user saw ``seen_version`` is refused with a
    ConflictError (None: no check).
    """
    item = get_item(session, item_id)
    check_version(item, seen_version, ITEM)
    changes: dict[str, object] = {}
    if title is not _UNSET:
        changes["title"] = clean_text(_text(title), "Intitulé", TITLE_MAX, required=True)
    if heading is not _UNSET:
        changes["heading"] = clean_text(_text(heading), "Titre dans le compte-rendu", HEADING_MAX)
    if presenter_id is not _UNSET:
        if presenter_id is not None and session.get(Person, presenter_id) is None:
            raise UserError("Cette personne n'existe plus dans l'annuaire.")
        changes["presenter_id"] = presenter_id
    if duration_minutes is not _UNSET:
        changes["duration_minutes"] = check_duration(duration_minutes)
    if minutes_text is not _UNSET:
        changes["minutes_text"] = clean_minutes(_text(minutes_text))
    for name, value in changes.items():
        setattr(item, name, value)
    session.flush()
    return get_item_row(session, item_id)


def _text(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("text expected")
    return value


def check_duration(value: object) -> int | None:
    if value is None or value == 0:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise UserError("La durée prévue doit être un nombre entier de minutes.")
    if not 0 <= value <= DURATION_MAX:
        raise UserError(
            f"La durée prévue doit être comprise entre 0 et {DURATION_MAX} minutes (24 heures)."
        )
    return value


def clean_minutes(text: str | None) -> str | None:
    """The minutes text keeps its inner layout (indents, blank lines): blank lines at
    its start and spaces at its end are dropped, line ends are made uniform."""
    if text is None:
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    text = "\n".join(lines).rstrip()
    if not text:
        return None
    lead = text[: len(text) - len(text.lstrip(" \t"))]
    cleaned = clean_text(text, "Texte du compte-rendu", MINUTES_MAX, multiline=True)
    if cleaned and len(lead) + len(cleaned) > MINUTES_MAX:
        lead = ""
    return lead + cleaned if cleaned else None
