"""What the two action editors share (the agenda item's actions, the quality plan): a
date field left blank while there is no date, the status combo, the owner as saved, and
the (status, done date) a status or done-date change saves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

from clu_desktop.domain import ActionStatus
from clu_desktop.gui.common import fields
from clu_desktop.services.agenda.actions import ACTION_STATUS_LABELS

#: What the status of an action saves: its status and the day it was done.
State = tuple[ActionStatus, dt.date | None]


def _named(widget: QWidget, object_name: str, accessible: str) -> Any:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


def blank_date_edit(object_name: str, accessible: str) -> QDateEdit:
    """dd/MM/yyyy with a calendar, blank (the day before the first one) until a date is
    shown with :func:`show_date`."""
    edit: QDateEdit = _named(QDateEdit(), object_name, accessible)
    edit.setLocale(fields.FRENCH)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setDateRange(fields.NO_DATE, fields.LAST_DATE)
    edit.setSpecialValueText(" ")  # the date before the first one: no date, shown blank
    edit.setDate(fields.NO_DATE)
    return edit


def show_date(edit: QDateEdit, value: dt.date | None, enabled: bool | None = None) -> None:
    """A date, or a blank field when there is none; the field is enabled when ``enabled``
    (by default: when there is a date). The caller blocks the signals."""
    edit.setEnabled(value is not None if enabled is None else enabled)
    if value is None:
        edit.setMinimumDate(fields.NO_DATE)
        edit.setDate(fields.NO_DATE)
    else:
        edit.setMinimumDate(fields.FIRST_DATE)
        edit.setDate(fields.to_qdate(value))


def status_combo(object_name: str, accessible: str) -> QComboBox:
    """The statuses of an action, each holding its value."""
    combo: QComboBox = _named(QComboBox(), object_name, accessible)
    for status, label in ACTION_STATUS_LABELS.items():
        combo.addItem(label, status.value)
    return combo


def owner_value(row: Any) -> int | str | None:
    """The owner as the services take it: a person's id, else the name typed."""
    return row.owner_id if row.owner_id is not None else row.owner_name


def chosen_state(row: Any, status: ActionStatus) -> State | None:
    """What choosing ``status`` saves (no done date yet); None when it is the same."""
    return None if status is row.status else (status, None)


def done_state(row: Any, value: QDate) -> State | None:
    """What a done date typed saves: only for a done action, and a real date."""
    if row.status is not ActionStatus.DONE or value <= fields.NO_DATE:
        return None
    return (ActionStatus.DONE, fields.from_qdate(value))
