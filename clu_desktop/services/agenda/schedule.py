"""Planned times of the agenda, from the meeting's start time and each item's duration.

An item lasts its own duration; when it has none, the sum of its sub-items'. Sub-items
follow each other from their item's start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clu_desktop.services.agenda.items import Agenda, AgendaItemRow


@dataclass(frozen=True)
class Slot:
    """An item's planned start and length, in minutes from the meeting's start; None when
    an earlier item (or this one) has no duration."""

    start: int | None
    minutes: int | None

    @property
    def end(self) -> int | None:
        if self.start is None or self.minutes is None:
            return None
        return self.start + self.minutes


def span(item: AgendaItemRow) -> int | None:
    """An item's length: its duration, else the sum of its sub-items' when all have one."""
    if item.duration_minutes:
        return item.duration_minutes
    spans = [span(child) for child in item.children]
    if not spans or any(s is None for s in spans):
        return None
    return sum(s or 0 for s in spans)


def _add(clock: int | None, minutes: int | None) -> int | None:
    return None if clock is None or minutes is None else clock + minutes


def schedule(agenda: Agenda) -> dict[int, Slot]:
    """Every item's slot, by id."""
    slots: dict[int, Slot] = {}
    clock: int | None = 0
    for item in agenda.items:
        minutes = span(item)
        slots[item.id] = Slot(clock, minutes)
        sub_clock = clock
        for child in item.children:
            child_minutes = span(child)
            slots[child.id] = Slot(sub_clock, child_minutes)
            sub_clock = _add(sub_clock, child_minutes)
        clock = _add(clock, minutes)
    return slots


def total_minutes(agenda: Agenda) -> int:
    """The length of the items that have one."""
    return sum(span(item) or 0 for item in agenda.items)


def missing_durations(agenda: Agenda) -> int:
    """How many items have no duration (nor sub-items that all have one)."""
    return sum(1 for item in agenda.items if span(item) is None)


def format_duration(minutes: int | None) -> str:
    """ "45 min", "1 h 00", "2 h 15"; empty when unknown."""
    if not minutes:
        return ""
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d}"


def format_clock(time: dt.time) -> str:
    """ "14h30"."""
    return f"{time.hour}h{time.minute:02d}"


def clock_after(start: dt.time, minutes: int) -> dt.time:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)
    return moment.time()


def planned_label(agenda: Agenda, slot: Slot | None) -> str:
    """ "14h30–14h45"; only the start when the item has no duration; empty when its start
    is unknown."""
    if agenda.start_time is None or slot is None or slot.start is None:
        return ""
    start = format_clock(clock_after(agenda.start_time, slot.start))
    if slot.end is None:
        return start
    return f"{start}–{format_clock(clock_after(agenda.start_time, slot.end))}"


def footer_text(agenda: Agenda) -> str:
    """ "Durée prévue : 2 h 00 — fin prévue à 16h30", and what is missing to plan."""
    if not agenda.items:
        return "Durée prévue\u00a0: ordre du jour vide"
    total, missing = total_minutes(agenda), missing_durations(agenda)
    if total == 0:
        text = "Durée prévue\u00a0: non renseignée (indiquez la durée de chaque point)"
        if agenda.start_time is not None:
            text += f" — début à {format_clock(agenda.start_time)}"
        return text
    text = f"Durée prévue\u00a0: {format_duration(total)}"
    if missing:
        points = "1 point" if missing == 1 else f"{missing} points"
        return text + f", sans compter {points} sans durée"
    if agenda.start_time is None:
        return text + " — heure de début de la séance non renseignée"
    end = clock_after(agenda.start_time, total)
    text += f" — fin prévue à {format_clock(end)}"
    if agenda.end_time is not None and total > _minutes_between(agenda.start_time, agenda.end_time):
        text += f", après la fin de la séance ({format_clock(agenda.end_time)})"
    return text


def _minutes_between(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
