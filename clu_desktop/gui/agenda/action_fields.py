"""Helpers of the actions panel: dates in and out of QDateEdit, and the services it
calls with (session, action id, value)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale

from clu_desktop.services.agenda_actions import ActionRow, set_action_status, update_action

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)
NO_DATE = QDate(1899, 12, 31)  # shown blank: the field holds no date
FIRST_DATE = QDate(1900, 1, 1)
LAST_DATE = QDate(2200, 12, 31)


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def set_text(session, action_id: int, text: str) -> ActionRow:
    return update_action(session, action_id, text=text)


def set_owner(session, action_id: int, owner: int | str | None) -> ActionRow:
    return update_action(session, action_id, owner=owner)


def set_due(session, action_id: int, due: dt.date | None) -> ActionRow:
    return update_action(session, action_id, due_date=due)


def set_status(session, action_id: int, value: tuple) -> ActionRow:
    status, done = value
    return set_action_status(session, action_id, status, done)


def owner_value(row: ActionRow) -> int | str | None:
    return row.owner_id if row.owner_id is not None else row.owner_name
