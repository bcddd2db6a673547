"""French typography: the spacing rules of French text, for documents and screens alike.

:func:`french` applies them (a non-breaking space
before ``; : ! ? »``, after ``«``, inside numbers, between a number and its unit and
inside a date: « mardi 5 juin 2018 » never breaks), the apostrophe typed straight after a
letter made typographic (l'avis → l’avis; not inside an e-mail address or a web
address). :func:`clean` makes one line of a typed text. The documents escape the result
for reportlab (``documents.typography.markup``).

reportlab breaks lines at U+202F (narrow no-break space) and at U+2009, so the rules use
U+00A0, the one space it never breaks at.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

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


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
