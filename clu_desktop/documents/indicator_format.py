"""The indicators of a snapshot arranged for the annex tables and charts: periods in
order, one series per site, categories in order. The French text of values, targets,
changes and periods is :mod:`clu_desktop.french` (the same in the window).
"""

from __future__ import annotations

from dataclasses import dataclass

from clu_desktop.documents.snapshot import IndicatorSnapshot, IndicatorValueSnapshot
from clu_desktop.documents.typography import markup

OTHER_CATEGORY = "Autres indicateurs"
NO_VALUE = "Aucune valeur saisie pour la période."
ALL_SITES = "Ensemble"


def escape(text: object) -> str:
    """Data text made safe for a reportlab Paragraph (its mini-markup), French spacing
    applied: the documents' shared :func:`~clu_desktop.documents.typography.markup`."""
    return markup(str(text))


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
