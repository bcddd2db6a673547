"""The users' remarks and requests made in meetings, with the answers given to them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, selectinload

from clu_desktop.domain import Action, AgendaItem, Meeting, Statement, StatementKind
from clu_desktop.errors import UserError
from clu_desktop.services.agenda.snapshots import actions_pointing
from clu_desktop.services.agenda.statements import (
    STATEMENT_KIND_LABELS,
    get_statement,
    join_names,
)
from clu_desktop.services.concurrency import check_version
from clu_desktop.services.quality.common import (
    ANSWER_MAX,
    REMARK,
    PrintedNames,
    RemarkRow,
    check_date,
    clean_long,
)

REMARK_KINDS = (StatementKind.REMARK, StatementKind.REQUEST)


def remark_statement(session: Session, statement_id: int) -> Statement:
    statement = get_statement(session, statement_id)
    if statement.kind not in REMARK_KINDS:
        raise UserError(
            "Cette intervention n'est ni une remarque ni une demande des usagers : "
            "elle n'attend pas de réponse."
        )
    return statement


def remark_rows(session: Session, conditions: Iterable[Any] = ()) -> list[RemarkRow]:
    """The users' remarks and requests meeting the conditions (on Statement, AgendaItem
    or Meeting), newest meeting first, then in the order of its minutes."""
    parent = aliased(AgendaItem)
    result = session.execute(
        select(Statement, AgendaItem, Meeting)
        .join(AgendaItem, Statement.agenda_item_id == AgendaItem.id)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .outerjoin(parent, AgendaItem.parent_id == parent.id)
        .where(Statement.kind.in_(REMARK_KINDS), *conditions)
        .options(selectinload(Statement.speakers))
        .order_by(
            Meeting.date.desc(),
            Meeting.id.desc(),
            func.coalesce(parent.position, AgendaItem.position),
            AgendaItem.parent_id.is_not(None),
            AgendaItem.position,
            Statement.position,
        )
    ).all()
    actions: dict[int, list[int]] = {}
    for action_id, statement_id in actions_pointing(
        session, Action.statement_id, [row[0].id for row in result]
    ):
        actions.setdefault(statement_id, []).append(action_id)
    names = PrintedNames(session)
    rows = []
    for statement, item, meeting in result:
        speakers = tuple(names.of(sp.person_id, meeting.id) for sp in statement.speakers)
        rows.append(
            RemarkRow(
                id=statement.id,
                meeting_id=meeting.id,
                meeting_date=meeting.date,
                item_title=item.title,
                speakers=speakers,
                text=statement.text,
                kind=statement.kind,
                answer_text=statement.answer_text,
                answered_on=statement.answered_on,
                open=statement.answer_text is None,
                item_id=item.id,
                kind_label=STATEMENT_KIND_LABELS[statement.kind],
                speakers_label=join_names(speakers),
                action_ids=tuple(actions.get(statement.id, ())),
                version=statement.version,
            )
        )
    return rows


def list_remarks(
    session: Session, *, open_only: bool = False, meeting_id: int | None = None
) -> list[RemarkRow]:
    """The users' remarks and requests of every meeting (or one), newest first."""
    conditions: list[Any] = []
    if open_only:
        conditions.append(Statement.answer_text.is_(None))
    if meeting_id is not None:
        conditions.append(Meeting.id == meeting_id)
    return remark_rows(session, conditions)


def get_remark(session: Session, statement_id: int) -> RemarkRow:
    remark_statement(session, statement_id)
    return remark_rows(session, [Statement.id == statement_id])[0]


def answer_remark(
    session: Session,
    statement_id: int,
    answer_text: str | None,
    answered_on: dt.date | None = None,
    seen_version: int | None = None,
) -> int:
    """Record the answer to a remark, dated as told, else as it was, else today; an
    empty answer reopens the remark. Returns the statement's new version; changed since
    the user saw ``seen_version`` on another workstation, a ConflictError."""
    statement = remark_statement(session, statement_id)
    check_version(statement, seen_version, REMARK)
    answer = clean_long(answer_text, "Réponse", ANSWER_MAX)
    if answer is None:
        statement.answer_text = None
        statement.answered_on = None
        session.flush()
        return statement.version
    day = check_date(answered_on, "Date de la réponse") or statement.answered_on or dt.date.today()
    meeting_date = statement.agenda_item.meeting.date
    if day < meeting_date:
        raise UserError(
            f"La réponse ne peut pas être datée du {day:%d/%m/%Y} : la remarque a été faite "
            f"lors de la séance du {meeting_date:%d/%m/%Y}."
        )
    statement.answer_text = answer
    statement.answered_on = day
    session.flush()
    return statement.version
