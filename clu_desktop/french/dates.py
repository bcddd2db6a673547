"""Dates and times in French, with Babel's month and day names: "8 avril 2024",
"1er avril 2024", "08 AVR. 2024", "Mercredi 20 décembre 2023", "mai 2023", "14h30";
and in figures, as tables and messages show them: "20/12/2023", "14:30".
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from clu_desktop.french.typography import NBSP, capitalised, clean

LOCALE = "fr_FR"


def long_date(day: dt.date) -> str:
    """ "8 avril 2024", "1er avril 2024"."""
    text = format_date(day, "d MMMM y", locale=LOCALE)
    if day.day == 1:
        text = "1er" + text[1:]
    return text


def stamp_date(day: dt.date) -> str:
    """ "08 AVR. 2024", as a French date stamp prints it (MARS, MAI, JUIN, AOÛT)."""
    month = format_date(day, "MMM", locale=LOCALE).upper()
    return f"{day.day:02d}{NBSP}{month}{NBSP}{day.year}"


def minutes_date(day: dt.date, style: str = "long") -> str:
    return stamp_date(day) if style == "stamp" else long_date(day)


def weekday_date(day: dt.date) -> str:
    """ "Mercredi 20 décembre 2023" (1er for the first day of a month)."""
    return capitalised(f"{format_date(day, 'EEEE', locale=LOCALE)} {long_date(day)}")


def month_year(day: dt.date) -> str:
    """ "mai 2023"."""
    return format_date(day, "MMMM y", locale=LOCALE)


def time_text(value: dt.time) -> str:
    """ "14h30", "9h00"."""
    return f"{value.hour}h{value.minute:02d}"


def time_range(start: dt.time | None, end: dt.time | None) -> str:
    """ "14h30-16h30", "14h30", "jusqu'à 16h30" or ""."""
    if start and end:
        return f"{time_text(start)}-{time_text(end)}"
    if start:
        return time_text(start)
    if end:
        return f"jusqu'à {time_text(end)}"
    return ""


def when_and_where(start: dt.time | None, end: dt.time | None, place: str | None) -> str:
    """ "14h30-16h30 – Salle Louise Michel", either part alone, or ""."""
    return " – ".join(part for part in (time_range(start, end), clean(place)) if part)


def numeric_date(day: dt.date) -> str:
    """ "20/12/2023": a date in a table's cell or a message."""
    return day.strftime("%d/%m/%Y")


def clock(value: dt.time | dt.datetime) -> str:
    """ "14:30": a time in a table's cell or a message."""
    return value.strftime("%H:%M")
