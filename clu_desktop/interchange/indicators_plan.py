"""What an indicator spreadsheet brings, as plain data: the values read and checked
(``ParsedRow``), the user's choices for the names of the file (``MapTo``,
``CreateIndicator``, ``CreateSite``, ``AllSites``, ``Ignore``) and the ``Plan`` a ready
check makes of them. ``services.indicators`` checks a file against the catalogue into a
Plan and writes it; nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The category of an indicator created by an import, for the user to sort it later.
UNSORTED_CATEGORY = "À classer"


@dataclass(frozen=True)
class ParsedRow:
    """One value of the file, read and checked."""

    indicator_id: int | None  # None in a preview without the database; < 0: to create
    indicator: str  # the code (or the text of the file in a preview)
    period: str  # stored form: "2022", "2022-T3", "2022-07"
    site_id: int | None  # None: all sites; < 0: to create
    site: str | None  # the site's name; None: all sites
    value: float
    comment: str | None
    source: str | None


# What the user chose for a name of the file


@dataclass(frozen=True)
class MapTo:
    """The name means this existing indicator (Indicator.id) or site (Site.id)."""

    target_id: int


@dataclass(frozen=True)
class CreateIndicator:
    """A new indicator for the name; ``code`` None: made from the name."""

    name: str
    category: str | None = UNSORTED_CATEGORY
    unit: str | None = None
    periodicity: str = "year"
    code: str | None = None


@dataclass(frozen=True)
class CreateSite:
    name: str


@dataclass(frozen=True)
class AllSites:
    """Sites only: the values are the indicator's overall ones (« Ensemble »)."""


@dataclass(frozen=True)
class Ignore:
    """The lines with this name are left out of the import."""


#: What the user may choose for an unknown indicator name, or site name.
IndicatorChoice = MapTo | CreateIndicator | Ignore
SiteChoice = MapTo | CreateSite | AllSites | Ignore


@dataclass(frozen=True)
class Confirmed:
    """A choice the user made for a name of this file (stored by --save-mappings)."""

    kind: str  # "indicator" or "site"
    written: str
    choice: IndicatorChoice | SiteChoice
    new_id: int | None = None  # the placeholder of what the choice creates


@dataclass
class Plan:
    """What a ready check would write; ids below zero stand for what is to be created."""

    rows: list[ParsedRow] = field(default_factory=list)
    new_indicators: dict[int, CreateIndicator] = field(default_factory=dict)
    new_sites: dict[int, CreateSite] = field(default_factory=dict)
    links: set[tuple[int, int]] = field(default_factory=set)  # (indicator, site) to add
    confirmed: list[Confirmed] = field(default_factory=list)
