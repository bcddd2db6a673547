"""Indicator values read and written the French way, for the annex tables and charts.

Plain functions on the snapshot: periods in order and in French ("T3 2022",
"juil. 2022"), numbers with Babel ("1 250", "95,5 %", "12 j"), the target
("cible ≥ 100 %"), whether a value meets it, and the change from one period to the next.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

from clu_desktop.documents.snapshot import IndicatorSnapshot, IndicatorValueSnapshot
from clu_desktop.documents.typography import markup

LOCALE = Locale.parse("fr_FR")
NBSP = "\u00a0"
MINUS = "\u2212"
OTHER_CATEGORY = "Autres indicateurs"
EXAMPLE_NOTE = "Valeurs d'exemple : le compte-rendu de référence ne donne pas les chiffres."
NO_VALUE = "Aucune valeur saisie pour la période."
ALL_SITES = "Ensemble"

#: Units printed after each value, abbreviated; other units only appear in "unité : …".
_SUFFIXES = {
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
_QUARTER = re.compile(r"^(\d{4})-T([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def escape(text: object) -> str:
    """Data text made safe for a reportlab Paragraph (its mini-markup), French spacing
    applied: the documents' shared :func:`~clu_desktop.documents.typography.markup`."""
    return markup(str(text))


@lru_cache(maxsize=8)
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "#" * decimals if decimals else ""))


def number(value: float) -> str:
    """ "1 250", "95,5", "0,25", "−3": French grouping, few decimals, a true minus."""
    size = abs(value)
    decimals = 0 if size >= 1000 else 1 if size >= 10 or value == 0 else 2
    text: str = _pattern(decimals).apply(value, LOCALE)
    return text.replace("-", MINUS)


def unit_key(unit: str | None) -> str:
    return (unit or "").strip().lower()


def suffix(unit: str | None) -> str:
    """What follows a value: " %", " j"… or nothing (counts, unknown units)."""
    short = _SUFFIXES.get(unit_key(unit))
    return NBSP + short if short else ""


def format_value(value: float, unit: str | None) -> str:
    return number(value) + suffix(unit)


def is_percent(unit: str | None) -> bool:
    return _SUFFIXES.get(unit_key(unit)) == "%"


def unit_label(unit: str | None) -> str | None:
    """ "%" / "jours" / "nombre": the unit as the reader sees it, or None."""
    text = (unit or "").strip()
    return text or None


def target_text(indicator: IndicatorSnapshot) -> str | None:
    """ "cible ≥ 100 %" (higher is better) or "cible ≤ 15 j"; None without a target."""
    if indicator.target is None:
        return None
    sign = "≤" if indicator.direction == "lower" else "≥"
    return f"cible {sign} {format_value(indicator.target, indicator.unit)}"


def meets(indicator: IndicatorSnapshot, value: float) -> bool | None:
    """Whether a value meets the target (respecting the direction); None: no target."""
    if indicator.target is None:
        return None
    if indicator.direction == "lower":
        return value <= indicator.target
    return value >= indicator.target


@dataclass(frozen=True)
class Change:
    text: str  # "+2,1 pts ↑", "−3 j ↓", "stable"
    better: bool | None  # None when stable


def change(indicator: IndicatorSnapshot, previous: float, current: float) -> Change:
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
    better = (delta < 0) if indicator.direction == "lower" else (delta > 0)
    return Change(f"{sign}{amount} {arrow}", better)


@lru_cache(maxsize=4096)
def period_label(period: str) -> str:
    """ "2022", "T3 2022", "juil. 2022"; anything else as given."""
    match = _QUARTER.match(period)
    if match:
        return f"T{match[2]} {match[1]}"
    match = _MONTH.match(period)
    if match and 1 <= int(match[2]) <= 12:
        return format_date(dt.date(int(match[1]), int(match[2]), 1), "MMM y", locale=LOCALE)
    return period


@dataclass(frozen=True)
class Series:
    """One row of values: an indicator for one site (None: all sites), by period."""

    indicator: IndicatorSnapshot
    site: str | None
    values: dict[str, IndicatorValueSnapshot]

    def value(self, period: str) -> float | None:
        found = self.values.get(period)
        return None if found is None else found.value

    def previous(self, period: str, periods: list[str]) -> float | None:
        """The value of the last period before ``period`` that has one."""
        index = periods.index(period)
        for earlier in reversed(periods[:index]):
            found = self.values.get(earlier)
            if found is not None:
                return found.value
        return None


@dataclass(frozen=True)
class Prepared:
    """An indicator's values sorted once: all its periods and one series per site."""

    indicator: IndicatorSnapshot
    periods: list[str]  # every period with a value, oldest first
    series: list[Series]  # all sites first, then the sites in the snapshot's order

    def shown_periods(self, limit: int) -> tuple[str, ...]:
        return tuple(self.periods[-limit:])

    @property
    def has_sites(self) -> bool:
        return any(s.site is not None for s in self.series)


def prepare(indicator: IndicatorSnapshot) -> Prepared:
    by_site: dict[str | None, dict[str, IndicatorValueSnapshot]] = {}
    periods: set[str] = set()
    for value in indicator.values:
        by_site.setdefault(value.site, {})[value.period] = value
        periods.add(value.period)
    sites = sorted(by_site, key=lambda site: site is not None)  # stable: keeps the order
    series = [Series(indicator, site, by_site[site]) for site in sites]
    return Prepared(indicator, sorted(periods), series)


def category_of(indicator: IndicatorSnapshot) -> str:
    return (indicator.category or "").strip() or OTHER_CATEGORY


def by_category(indicators: tuple[IndicatorSnapshot, ...]) -> list[tuple[str, list[Prepared]]]:
    """Categories in the order they first appear, "Autres indicateurs" last."""
    groups: dict[str, list[Prepared]] = {}
    for indicator in indicators:
        groups.setdefault(category_of(indicator), []).append(prepare(indicator))
    other = groups.pop(OTHER_CATEGORY, None)
    ordered = list(groups.items())
    if other:
        ordered.append((OTHER_CATEGORY, other))
    return ordered


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut with "…"."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
