"""The catalogue as the check of an indicator spreadsheet reads it.

A RowChecker reads the catalogue once (indicators, sites and which sites each indicator
is measured on), then finds the indicator and the site each line names and checks the
line against them (its cells are read by ``interchange.indicators_rows``) into a
``ParsedRow`` (plain data); ``importing`` writes them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clu_desktop.domain import Indicator, Site
from clu_desktop.domain.indicators import indicator_site
from clu_desktop.interchange.indicators_plan import ParsedRow
from clu_desktop.interchange.indicators_rows import (
    CatalogueIndicator,
    RowError,
    cell_texts,
    checked_value,
    read_period,
)
from clu_desktop.rules.indicators import fold

#: How many known sites a message about an unknown site names.
SHOWN_SITES = 8


class RowChecker:
    def __init__(self, session: Session) -> None:
        self.by_id: dict[int, CatalogueIndicator] = {}
        self.by_code: dict[str, CatalogueIndicator] = {}
        self.by_name: dict[str, list[CatalogueIndicator]] = {}
        for row in session.execute(
            select(
                Indicator.id,
                Indicator.code,
                Indicator.name,
                Indicator.unit,
                Indicator.direction,
                Indicator.periodicity,
            ).order_by(Indicator.position, Indicator.code)
        ):
            indicator = CatalogueIndicator(
                row.id, row.code, row.name, row.unit, row.direction.value, row.periodicity.value
            )
            self.by_id[row.id] = indicator
            self.by_code.setdefault(fold(row.code), indicator)
            self.by_name.setdefault(fold(row.name), []).append(indicator)
        self.sites = {
            fold(name): (site_id, name)
            for site_id, name in session.execute(
                select(Site.id, Site.name).order_by(Site.position, Site.name)
            )
        }
        self.site_names = {site_id: name for site_id, name in self.sites.values()}
        self.links: dict[int, set[int]] = {}
        for indicator_id, site_id in session.execute(select(indicator_site)):
            self.links.setdefault(indicator_id, set()).add(site_id)

    def find_indicator(self, text: str) -> CatalogueIndicator | None:
        """The indicator a cell names by its code or its exact name (case and accents
        aside); None when the catalogue has no such name. RowError: empty, or a name
        shared by several indicators."""
        key = fold(text)
        if not key:
            raise RowError("indicateur", "indicateur manquant")
        if key in self.by_code:
            return self.by_code[key]
        named = self.by_name.get(key, [])
        if len(named) > 1:
            codes = ", ".join(i.code for i in named)
            raise RowError(
                "indicateur",
                f"plusieurs indicateurs s'appellent « {text} » : indiquez le code ({codes})",
            )
        return named[0] if named else None

    def _indicator(self, text: str) -> CatalogueIndicator:
        found = self.find_indicator(text)
        if found is None:
            raise RowError(
                "indicateur",
                f"indicateur inconnu : « {text} » (indiquez son code ou son nom exact)",
            )
        return found

    def find_site(self, text: str) -> tuple[int, str] | None:
        """(id, name) of the site a cell names (case and accents aside), or None."""
        return self.sites.get(fold(text))

    def check_link(self, indicator: CatalogueIndicator, site_id: int, name: str | None) -> None:
        """RowError unless the indicator is followed on the site."""
        allowed = self.links.get(indicator.id, set())
        if not allowed:
            raise RowError(
                "site",
                f"l'indicateur « {indicator.code} » n'est pas suivi par site : "
                "laissez la colonne vide",
            )
        if site_id not in allowed:
            raise RowError(
                "site", f"l'indicateur « {indicator.code} » n'est pas suivi sur le site « {name} »"
            )

    def _site(self, indicator: CatalogueIndicator, text: str) -> tuple[int | None, str | None]:
        if not fold(text):
            return None, None
        found = self.find_site(text)
        if found is None:
            names = [name for _, name in self.sites.values()]
            known = ", ".join(names[:SHOWN_SITES]) + (" …" if len(names) > SHOWN_SITES else "")
            hint = f" (sites connus : {known})" if names else " (aucun site n'est enregistré)"
            raise RowError("site", f"site inconnu : « {text} »{hint}")
        site_id, name = found
        self.check_link(indicator, site_id, name)
        return site_id, name

    def check(self, cells: dict[str, str]) -> ParsedRow:
        """The line checked against the catalogue, or RowError for its first problem."""
        indicator = self._indicator(cells.get("indicateur", ""))
        period = read_period(indicator, cells)
        site_id, site = self._site(indicator, cells.get("site", ""))
        value = checked_value(indicator, cells)
        comment, source = cell_texts(cells)
        return ParsedRow(
            indicator.id, indicator.code, period, site_id, site, value, comment, source
        )
