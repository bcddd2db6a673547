"""Checks on what a user types, shared by every service. Messages are French.

A service calls these before it writes; a value that fails raises UserError and nothing
is changed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Literal, overload

from clu_desktop.errors import UserError

# Control characters other than tab and newline never belong in a field.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: Categories of characters that print nothing: controls, format marks (zero-width space,
#: joiners, bidirectional marks, soft hyphen), separators, unassigned and private use.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"}


def is_blank(text: str | None) -> bool:
    """Whether ``text`` shows nothing: empty, spaces, or only invisible characters
    (« \u200b », « \u2060 », a right-to-left mark…). A name made of them is no name."""
    return all(unicodedata.category(char) in _INVISIBLE for char in text or "")


@overload
def clean_text(
    value: str | None,
    label: str,
    max_length: int,
    *,
    required: Literal[True],
    multiline: bool = False,
) -> str: ...


@overload
def clean_text(
    value: str | None,
    label: str,
    max_length: int,
    *,
    required: bool = False,
    multiline: bool = False,
) -> str | None: ...


def clean_text(
    value: str | None,
    label: str,
    max_length: int,
    *,
    required: bool = False,
    multiline: bool = False,
) -> str | None:
    """The value trimmed (None when empty), or UserError naming the field ``label``."""
    text = (value or "").strip()
    if not multiline and ("\n" in text or "\r" in text):
        text = " ".join(text.split())
    text = _CONTROL.sub("", text)
    if not text or (required and is_blank(text)):
        if required:
            raise UserError(f"« {label} » ne peut pas être vide.")
        return None
    if len(text) > max_length:
        raise UserError(
            f"« {label} » est trop long : {len(text)} caractères, {max_length} au plus."
        )
    return text


def check_time_order(start: dt.time | None, end: dt.time | None, what: str) -> None:
    if start is not None and end is not None and end < start:
        raise UserError(f"{what} : l'heure de fin est avant l'heure de début.")


def check_date_range(value: dt.date | None, label: str) -> None:
    """Refuse dates no committee can have (typing slips such as year 223 or 20230)."""
    if value is not None and not (1900 <= value.year <= 2200):
        raise UserError(f"« {label} » : la date {value:%d/%m/%Y} n'est pas plausible.")


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


class IncompleteValue(UserError):
    """A value refused only because it is not finished yet (empty, half an address).

    A page may keep it on screen while the user types and say so when they leave.
    """


def is_email(text: str) -> bool:
    """Whether ``text`` has the shape of an e-mail address (name@domain.tld)."""
    return _EMAIL.fullmatch(text) is not None


def check_email(value: str | None, label: str) -> str | None:
    text = clean_text(value, label, 254)
    if text is not None and not is_email(text):
        raise IncompleteValue(
            f"« {label} » : « {text} » n'est pas une adresse électronique "
            "(exemple : prenom.nom@haute-marne.gouv.fr)."
        )
    return text
