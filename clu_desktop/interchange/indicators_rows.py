"""Checking the lines of an indicator spreadsheet (see indicators_import).

A RowChecker reads the catalogue once (indicators, sites and which sites each indicator
is measured on), then checks each line against it into a ``ParsedRow`` (plain data);
``services.indicators.importing`` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clu_desktop.domain import Indicator, Site
from clu_desktop.domain.indicators import indicator_site
from clu_desktop.errors import UserError
from clu_desktop.french.periods import period_kind
from clu_desktop.rules.fields import clean_text
from clu_desktop.rules.indicators import (
    COMMENT_MAX,
    SOURCE_MAX,
    check_value,
    fold,
    parse_period,
    parse_value,
    unit_mismatch,
)
from clu_desktop.services.indicators.importing import ParsedRow

#: The fields a column can be mapped to; the first five are the default layout.
FIELDS = ("indicateur", "période", "site", "valeur", "commentaire", "source")
REQUIRED = ("indicateur", "période", "valeur")
SHOWN_SITES = 8


class RowError(Exception):
    """A problem in one cell: ``field`` names the column, ``message`` is French."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class CatalogueIndicator:
    id: int
    code: str
    name: str
    unit: str | None
    direction: str
    periodicity: str


def _texts(cells: dict[str, str]) -> tuple[str | None, str | None]:
    try:
        comment = clean_text(cells.get("commentaire"), "commentaire", COMMENT_MAX, multiline=True)
    except UserError as exc:
        raise RowError("commentaire", str(exc)) from None
    try:
        source = clean_text(cells.get("source"), "source", SOURCE_MAX)
    except UserError as exc:
        raise RowError("source", str(exc)) from None
    return comment, source


def _checked_value(indicator: CatalogueIndicator, cells: dict[str, str]) -> float:
    """The value read for the indicator and checked against its unit and direction."""
    problem = unit_mismatch(cells.get("valeur"), indicator.unit)
    if problem is not None:
        raise RowError("valeur", problem)
    value = _value(cells, indicator.unit)
    try:
        check_value(indicator, value)
    except UserError as exc:
        raise RowError("valeur", str(exc)) from None
    return value


def _value(cells: dict[str, str], unit: str | None) -> float:
    try:
        value = parse_value(cells.get("valeur"), unit)
    except UserError as exc:
        raise RowError("valeur", str(exc)) from None
    if value is None:
        raise RowError("valeur", "valeur manquante")
    return value


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
        try:
            period = parse_period(cells.get("période"), indicator.periodicity)
        except UserError as exc:
            raise RowError("période", str(exc)) from None
        site_id, site = self._site(indicator, cells.get("site", ""))
        value = _checked_value(indicator, cells)
        comment, source = _texts(cells)
        return ParsedRow(
            indicator.id, indicator.code, period, site_id, site, value, comment, source
        )

    @staticmethod
    def check_line(
        indicator: CatalogueIndicator, site_id: int | None, site: str | None, cells: dict[str, str]
    ) -> tuple[ParsedRow | None, list[RowError]]:
        """The line for an indicator and a site already found: its period, value and
        texts, with EVERY problem of the line (the parsed row only when there is none)."""
        errors: list[RowError] = []
        period = value = None
        try:
            period = parse_period(cells.get("période"), indicator.periodicity)
        except UserError as exc:
            errors.append(RowError("période", str(exc)))
        try:
            value = _checked_value(indicator, cells)
        except RowError as exc:
            errors.append(exc)
        try:
            comment, source = _texts(cells)
        except RowError as exc:
            errors.append(exc)
        if errors:
            return None, errors
        assert period is not None and value is not None
        row = ParsedRow(indicator.id, indicator.code, period, site_id, site, value, comment, source)
        return row, []

    @staticmethod
    def shape_errors(cells: dict[str, str]) -> tuple[str | None, list[RowError]]:
        """For a line whose indicator is not known yet: the kind of its period ("year",
        "quarter", "month", None when unreadable) and the problems found without the
        indicator (a period or a number that cannot be read)."""
        errors: list[RowError] = []
        kind = None
        try:
            kind = period_kind(parse_period(cells.get("période")))
        except UserError as exc:
            errors.append(RowError("période", str(exc)))
        try:
            _value(cells, None)
        except RowError as exc:
            errors.append(exc)
        return kind, errors

    @staticmethod
    def shape(cells: dict[str, str]) -> ParsedRow:
        """The line read without the database: only the period and the number."""
        indicator = (cells.get("indicateur") or "").strip()
        if not indicator:
            raise RowError("indicateur", "indicateur manquant")
        try:
            period = parse_period(cells.get("période"))
        except UserError as exc:
            raise RowError("période", str(exc)) from None
        value = _value(cells, None)
        comment, source = _texts(cells)
        site = (cells.get("site") or "").strip() or None
        return ParsedRow(None, indicator, period, None, site, value, comment, source)
