"""Numbers written the French way.

:func:`number` is how a value is printed, in the annex tables and charts of the minutes,
the indicator grid and the window's chart alike: grouping by a narrow no-break space,
a decimal comma, a true minus sign, and few decimals (none from 1 000, one from 10, two
below). :func:`exact_number` echoes a number in a message without rounding it away.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

LOCALE = Locale.parse("fr_FR")
#: What groups the thousands: Babel's French (U+202F, narrow no-break space).
GROUP = "\u202f"
MINUS = "\u2212"


@lru_cache(maxsize=8)
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "#" * decimals if decimals else ""))


def decimals_for(value: float) -> int:
    """How many decimals a value is printed with: 0 from 1 000, 1 from 10, 2 below."""
    size = abs(value)
    return 0 if size >= 1000 else 1 if size >= 10 or value == 0 else 2


def number(value: float, decimals: int | None = None) -> str:
    """ "1 250", "95,5", "0,25", "−3": French grouping, few decimals, a true minus
    (rounded half to even, as Babel does). ``decimals``: at most that many instead (an
    axis whose ticks are closer than the usual decimals tell apart)."""
    places = decimals_for(value) if decimals is None else decimals
    text: str = _pattern(places).apply(value, LOCALE)
    return text.replace("-", MINUS)


def exact_number(value: float) -> str:
    """A number echoed in a message as typed: up to 10 significant digits (15 for a
    whole number), never in scientific notation: "12,5", "1 234 567,891", "−4",
    "100 000 000 000 000"."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        digits = str(abs(int(value)))
        fraction = ""
    else:
        fixed = format(Decimal(f"{abs(value):.10g}"), "f")
        digits, _, fraction = fixed.partition(".")
    grouped = f"{int(digits):,}".replace(",", GROUP)
    text = grouped + ("," + fraction if fraction.strip("0") else "")
    return (MINUS if value < 0 else "") + text


def typed_number(value: float | None) -> str:
    """A value as an editor starts with it: "1250", "12,5" (no grouping, no unit, up to
    six decimals)."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return text.replace(".", ",").replace("-", MINUS)


def grouped(value: int) -> str:
    """A whole count with its thousands grouped: "600 000"."""
    return f"{value:,}".replace(",", GROUP).replace("-", MINUS)
