"""An indicator's value as it is printed and shown: the number, then its unit shortened
("95,5 %", "12 j", "1 250 €"; a unit not listed here is left to the column's heading),
the target ("cible ≥ 100 %") and the change from the previous period ("+2,1 pts ↑").

The annex of the minutes, the indicator grid and the window's chart use these: the same
value reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from clu_desktop.french.numbers import MINUS, number
from clu_desktop.french.typography import NBSP

#: Units printed after each value, abbreviated; other units only appear in "unité : …".
SUFFIXES = {
    "%": "%",
    "pourcentage": "%",
    "jour": "j",
    "jours": "j",
    "j": "j",
    "jours ouvrés": "j",
    "heure": "h",
    "heures": "h",
    "h": "h",
    "minute": "min",
    "minutes": "min",
    "min": "min",
    "seconde": "s",
    "secondes": "s",
    "euro": "€",
    "euros": "€",
    "€": "€",
}


class HasTarget(Protocol):
    """What the target's text needs of an indicator (a row, a snapshot or a model)."""

    @property
    def target(self) -> float | None: ...
    @property
    def direction(self) -> str: ...
    @property
    def unit(self) -> str | None: ...


def unit_key(unit: str | None) -> str:
    return (unit or "").strip().lower()


def suffix(unit: str | None) -> str:
    """What follows a value: " %", " j"… or nothing (counts, unknown units)."""
    short = SUFFIXES.get(unit_key(unit))
    return NBSP + short if short else ""


def format_value(value: float, unit: str | None) -> str:
    """ "12,5 %", "48 500", "−3 j": the value as every screen and document prints it."""
    return number(value) + suffix(unit)


def percent(value: float) -> str:
    """ "12,5 %", "0,1 %"."""
    return format_value(value, "%")


def is_percent(unit: str | None) -> bool:
    return SUFFIXES.get(unit_key(unit)) == "%"


def unit_label(unit: str | None) -> str | None:
    """ "%" / "jours" / "nombre": the unit as the reader sees it, or None."""
    text = (unit or "").strip()
    return text or None


def target_text(indicator: HasTarget) -> str | None:
    """ "cible ≥ 100 %" (higher is better) or "cible ≤ 15 j"; None without a target."""
    if indicator.target is None:
        return None
    sign = "≤" if str(indicator.direction) == "lower" else "≥"
    return f"cible {sign} {format_value(indicator.target, indicator.unit)}"


def meets(indicator: HasTarget, value: float) -> bool | None:
    """Whether a value meets the target (respecting the direction); None: no target."""
    if indicator.target is None:
        return None
    if str(indicator.direction) == "lower":
        return value <= indicator.target
    return value >= indicator.target


@dataclass(frozen=True)
class Change:
    text: str  # "+2,1 pts ↑", "−3 j ↓", "stable ="
    better: bool | None  # None when stable


def change(indicator: HasTarget, previous: float, current: float) -> Change:
    """The change from the previous period: points for rates, the unit otherwise."""
    delta = current - previous
    if abs(delta) < 1e-9:
        return Change("stable =", None)
    sign = "+" if delta > 0 else MINUS
    amount = number(abs(delta))
    if is_percent(indicator.unit):
        amount += NBSP + ("pts" if abs(delta) >= 2 else "pt")
    else:
        amount += suffix(indicator.unit)
    arrow = "↑" if delta > 0 else "↓"
    better = (delta < 0) if str(indicator.direction) == "lower" else (delta > 0)
    return Change(f"{sign}{amount} {arrow}", better)
