"""French typography for printed text, and the one escaping function for reportlab.

Every piece of user text goes through :func:`markup` before a ``Paragraph`` sees it:
control characters are removed, French spacing rules applied (a non-breaking space
before ``; : ! ? »``, after ``«``, inside numbers, between a number and its unit and
inside a date: « mardi 5 juin 2018 » never breaks), the apostrophe typed straight after a
letter made typographic (l'avis → l’avis; not inside an e-mail address or a web
address), and ``& < > " '`` escaped, so ``<b>x</b>`` or ``AT&T`` print literally.

reportlab breaks lines at U+202F (narrow no-break space) and at U+2009, so the rules use
U+00A0, the one space it never breaks at. Dates use Babel's French names.
"""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape

from babel.dates import format_date

NBSP = "\u00a0"
LOCALE = "fr_FR"

# Spacing characters that become a plain space (then collapse), and characters removed.
_SPACES = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029 ]+")
# Lone UTF-16 halves (U+D800-U+DFFF, from a damaged paste or file) cannot be written to a
# PDF at all: they go too.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ud800-\udfff]")
# Any space a user may type before high punctuation or inside a number.
_ANY_SPACE = "[ \u00a0\u202f\u2009\u2007]"
_BEFORE_PUNCTUATION = re.compile(_ANY_SPACE + r"+(?=[;:!?»])")
_AFTER_GUILLEMET = re.compile(r"(?<=«)" + _ANY_SPACE + "+")
_THOUSANDS = re.compile(r"(?<=\d)" + _ANY_SPACE + r"(?=\d{3}(?!\d))")
_UNITS = r"%|‰|€|\$|£|°C|°|km|cm|mm|m|kg|g|h|min|s|Mo|Go|ko|Ko|ans?|jours?|mois"
_NUMBER_UNIT = re.compile(r"(?<=\d)" + _ANY_SPACE + r"(?=(?:" + _UNITS + r")(?!\w))")
_ABBREVIATION_NUMBER = re.compile(r"(?<=\bn°)" + _ANY_SPACE + r"(?=\d)")
_CIVILITY_NAME = re.compile(r"\b(M\.|MM\.|Mme|Mmes|Mlle|Me|Dr)" + _ANY_SPACE + r"(?=\w)")
_QUOTES = {'"': "&quot;", "'": "&#39;"}
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
# The spaces of a date, in any case: "mardi 5", "5 juin", "1er juin", "juin 2018".
_WEEKDAY_DAY = re.compile(rf"\b({_WEEKDAYS}){_ANY_SPACE}+(?=(?:1er|\d{{1,2}})\b)", re.I)
_DAY_MONTH = re.compile(rf"\b(1er|\d{{1,2}}){_ANY_SPACE}+(?=(?:{_MONTHS})\b)", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTHS}){_ANY_SPACE}+(?=\d{{4}}\b)", re.I)
# A straight apostrophe after a letter (l'avis, aujourd'hui, N'DIAYE), except in a word
# that is an e-mail or a web address.
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'")
_ADDRESS = re.compile(r"@|://|^www\.", re.I)
APOSTROPHE = "\u2019"


def clean(text: str | None) -> str:
    """One line of text: control characters and lone surrogates removed, runs of
    spaces made one."""
    if not text:
        return ""
    return _CONTROL.sub("", _SPACES.sub(" ", text)).strip()


def french(text: str) -> str:
    """French spacing: non-breaking spaces where a line must not break."""
    text = _BEFORE_PUNCTUATION.sub(NBSP, text)
    text = _AFTER_GUILLEMET.sub(NBSP, text)
    text = _THOUSANDS.sub(NBSP, text)
    text = _NUMBER_UNIT.sub(NBSP, text)
    text = _ABBREVIATION_NUMBER.sub(NBSP, text)
    for date_space in (_WEEKDAY_DAY, _DAY_MONTH, _MONTH_YEAR):
        text = date_space.sub(lambda m: m.group(1) + NBSP, text)
    if "'" in text:
        text = "".join(
            word if _ADDRESS.search(word) else _APOSTROPHE.sub(APOSTROPHE, word)
            for word in re.split(r"(\s+)", text)
        )
    return _CIVILITY_NAME.sub(lambda m: m.group(1) + NBSP, text)


def markup(text: str | None) -> str:
    """User text made safe for a reportlab Paragraph, with French spacing."""
    return escape(french(clean(text)), _QUOTES)


def unbreakable(text: str | None) -> str:
    """Like :func:`markup`, every space made non-breaking (phone numbers, dates)."""
    return markup(text).replace(" ", NBSP)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# Dates and times


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
