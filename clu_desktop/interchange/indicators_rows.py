"""Checking and writing the lines of an indicator spreadsheet (see indicators_import).

A RowChecker reads the catalogue once (indicators, sites and which sites each indicator
is measured on), then checks each line against it; ``write_rows`` adds or replaces the
values with two bulk statements.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from clu_desktop.domain import Indicator, IndicatorValue, Site
from clu_desktop.domain.indicators import indicator_site
from clu_desktop.errors import UserError
from clu_desktop.services.indicators_common import (
    COMMENT_MAX,
    SOURCE_MAX,
    check_value,
    fold,
    parse_period,
    parse_value,
)
from clu_desktop.services.validation import clean_text

#: The fields a column can be mapped to; the first five are the default layout.
FIELDS = ("indicateur", "période", "site", "valeur", "commentaire", "source")
REQUIRED = ("indicateur", "période", "valeur")
SHOWN_SITES = 8


@dataclass(frozen=True)
class ParsedRow:
    indicator_id: int | None  # None in a preview without the database
    indicator: str  # the code (or the text of the file in a preview)
    period: str  # stored form: "2022", "2022-T3", "2022-07"
    site_id: int | None
    site: str | None  # the site's name; None: all sites
    value: float
    comment: str | None
    source: str | None


class RowError(Exception):
    """A problem in one cell: ``field`` names the column, ``message`` is French."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class _Indicator:
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
        self.by_code: dict[str, _Indicator] = {}
        self.by_name: dict[str, list[_Indicator]] = {}
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
            indicator = _Indicator(
                row.id, row.code, row.name, row.unit, row.direction.value, row.periodicity.value
            )
            self.by_code.setdefault(fold(row.code), indicator)
            self.by_name.setdefault(fold(row.name), []).append(indicator)
        self.sites = {
            fold(name): (site_id, name)
            for site_id, name in session.execute(
                select(Site.id, Site.name).order_by(Site.position, Site.name)
            )
        }
        self.links: dict[int, set[int]] = {}
        for indicator_id, site_id in session.execute(select(indicator_site)):
            self.links.setdefault(indicator_id, set()).add(site_id)

    def _indicator(self, text: str) -> _Indicator:
        key = fold(text)
        if not key:
            raise RowError("indicateur", "indicateur manquant")
        if key in self.by_code:
            return self.by_code[key]
        named = self.by_name.get(key, [])
        if len(named) == 1:
            return named[0]
        if named:
            codes = ", ".join(i.code for i in named)
            raise RowError(
                "indicateur",
                f"plusieurs indicateurs s'appellent « {text} » : indiquez le code ({codes})",
            )
        raise RowError(
            "indicateur", f"indicateur inconnu : « {text} » (indiquez son code ou son nom exact)"
        )

    def _site(self, indicator: _Indicator, text: str) -> tuple[int | None, str | None]:
        if not fold(text):
            return None, None
        found = self.sites.get(fold(text))
        if found is None:
            names = [name for _, name in self.sites.values()]
            known = ", ".join(names[:SHOWN_SITES]) + (" …" if len(names) > SHOWN_SITES else "")
            hint = f" (sites connus : {known})" if names else " (aucun site n'est enregistré)"
            raise RowError("site", f"site inconnu : « {text} »{hint}")
        site_id, name = found
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
        return site_id, name

    def check(self, cells: dict[str, str]) -> ParsedRow:
        """The line checked against the catalogue, or RowError for its first problem."""
        indicator = self._indicator(cells.get("indicateur", ""))
        try:
            period = parse_period(cells.get("période"), indicator.periodicity)
        except UserError as exc:
            raise RowError("période", str(exc)) from None
        site_id, site = self._site(indicator, cells.get("site", ""))
        value = _value(cells, indicator.unit)
        try:
            check_value(indicator, value)
        except UserError as exc:
            raise RowError("valeur", str(exc)) from None
        comment, source = _texts(cells)
        return ParsedRow(
            indicator.id, indicator.code, period, site_id, site, value, comment, source
        )

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


def write_rows(
    session: Session, rows: list[ParsedRow], *, with_comment: bool, with_source: bool
) -> tuple[int, int]:
    """Add or replace the values; (added, updated). A value replaced is no longer an
    example; its comment and source are replaced only when the file has those columns."""
    indicator_ids = sorted({r.indicator_id for r in rows if r.indicator_id is not None})
    existing: dict[tuple[int, str, int | None], tuple[int, bool, int]] = {}
    for chunk_start in range(0, len(indicator_ids), 500):
        chunk = indicator_ids[chunk_start : chunk_start + 500]
        for value_id, indicator_id, period, site_id, example, version in session.execute(
            select(
                IndicatorValue.id,
                IndicatorValue.indicator_id,
                IndicatorValue.period,
                IndicatorValue.site_id,
                IndicatorValue.is_example,
                IndicatorValue.version,
            )
            .where(IndicatorValue.indicator_id.in_(chunk))
            .order_by(IndicatorValue.id)
        ):
            existing.setdefault((indicator_id, period, site_id), (value_id, example, version))
    inserts: list[dict] = []
    updates: dict[frozenset[str], list[dict]] = {}  # by the columns they change
    for row in rows:
        found = existing.get((row.indicator_id, row.period, row.site_id))  # type: ignore[arg-type]
        if found is None:
            inserts.append(
                {
                    "indicator_id": row.indicator_id,
                    "period": row.period,
                    "site_id": row.site_id,
                    "value": row.value,
                    "comment": row.comment,
                    "source": row.source,
                    "is_example": False,
                }
            )
        else:
            value_id, example, version = found
            # The version read: a value changed meanwhile on another workstation makes
            # the whole import fail (StaleDataError) rather than overwrite it.
            change = {"id": value_id, "version": version, "value": row.value, "is_example": False}
            if with_comment:
                change["comment"] = row.comment
            if with_source or example:  # an example's source no longer applies
                change["source"] = row.source
            updates.setdefault(frozenset(change), []).append(change)
    if inserts:
        session.execute(insert(IndicatorValue), inserts)
    for changes in updates.values():
        session.execute(update(IndicatorValue), changes)
    session.flush()
    return len(inserts), sum(len(changes) for changes in updates.values())
