"""Shared pieces of the indicators: French labels, the rows the services return, periods
and the reading and checking of a typed value.

No database access here, so the spreadsheet import and the grid share the same rules.
Periods are stored as "2022" (year), "2022-T3" (quarter) or "2022-07" (month): within
one periodicity they sort as text in time order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clu_desktop.services.quality.common import SiteRow

PERIODICITY_LABELS = {"year": "annuelle", "quarter": "trimestrielle", "month": "mensuelle"}
DIRECTION_LABELS = {"higher": "plus haut = mieux", "lower": "plus bas = mieux"}


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    code: str
    name: str
    category: str | None
    unit: str | None
    direction: str  # "higher" or "lower"
    target: float | None
    periodicity: str  # "year", "quarter" or "month"
    description: str | None
    site_ids: tuple[int, ...]
    value_count: int
    has_examples: bool
    position: int = 0
    version: int = 1

    @property
    def periodicity_label(self) -> str:
        return PERIODICITY_LABELS[self.periodicity]

    @property
    def direction_label(self) -> str:
        return DIRECTION_LABELS[self.direction]


@dataclass(frozen=True)
class ValueCell:
    value: float | None
    comment: str | None
    source: str | None
    is_example: bool
    met: bool | None  # target reached; None without a target or a value
    change: float | None  # value minus the previous period's, same site
    version: int = 0  # of the stored value (an empty cell is at version 0)


@dataclass(frozen=True)
class ValueGrid:
    indicator: IndicatorRow
    periods: tuple[str, ...]  # oldest first
    sites: tuple[SiteRow | None, ...]  # None: the "Ensemble" column (no site)
    cells: dict[tuple[str, int | None], ValueCell]


@dataclass(frozen=True)
class Series:
    site_name: str  # "Ensemble" for values without a site
    values: tuple[float | None, ...]  # aligned on ChartData.periods
    examples: tuple[bool, ...]
    site_id: int | None = None


@dataclass(frozen=True)
class ChartData:
    indicator: IndicatorRow
    periods: tuple[str, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True)
class ValueState:
    """A cell as it was before a change, for undo: ``row`` is None when it was empty."""

    indicator_id: int
    period: str
    site_id: int | None
    row: dict[str, Any] | None  # value, comment, source, is_example


# Periods


# Values
