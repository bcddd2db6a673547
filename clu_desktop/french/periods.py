"""Periods in French: "2022", "T3 2022", "juil. 2022".

Periods are stored as "2022" (year), "2022-T3" (quarter) or "2022-07" (month); the month
names are Babel's French ("juil.", "juillet").
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel.dates import get_month_names

#: French month names from Babel's locale data ("juil.", "juillet").
MONTH_ABBREVIATIONS = tuple(get_month_names("abbreviated", locale="fr_FR").values())
MONTH_NAMES = tuple(get_month_names("wide", locale="fr_FR").values())

_QUARTER = re.compile(r"^(\d{4})-T([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def period_kind(period: str) -> str:
    """ "year", "quarter" or "month" for a stored period."""
    if len(period) == 4:
        return "year"
    return "quarter" if "T" in period else "month"


@lru_cache(maxsize=4096)
def period_label(period: str) -> str:
    """How a period is shown and printed: "2022", "T3 2022", "juil. 2022"; anything
    else as given."""
    match = _QUARTER.match(period)
    if match:
        return f"T{match[2]} {match[1]}"
    match = _MONTH.match(period)
    if match and 1 <= int(match[2]) <= 12:
        return f"{MONTH_ABBREVIATIONS[int(match[2]) - 1]} {match[1]}"
    return period
