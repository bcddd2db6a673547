"""Reading the cells of one line of an indicator spreadsheet (see indicators_import):
its period, its value for an indicator's unit and direction, its comment and source,
into a ``ParsedRow`` (plain data), or a ``RowError`` naming the column.

The catalogue (which indicator and site a cell names, the sites an indicator is followed
on) is the services': ``services.indicators.rows.RowChecker`` reads it once and calls
these for each line.
"""

from __future__ import annotations

from dataclasses import dataclass

from clu_desktop.errors import UserError
from clu_desktop.french.periods import period_kind
from clu_desktop.interchange.indicators_plan import ParsedRow
from clu_desktop.rules.fields import clean_text
from clu_desktop.rules.indicators import (
    COMMENT_MAX,
    SOURCE_MAX,
    check_value,
    parse_period,
    parse_value,
    unit_mismatch,
)

#: The fields a column can be mapped to; the first five are the default layout.
FIELDS = ("indicateur", "période", "site", "valeur", "commentaire", "source")
REQUIRED = ("indicateur", "période", "valeur")


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


def cell_texts(cells: dict[str, str]) -> tuple[str | None, str | None]:
    try:
        comment = clean_text(cells.get("commentaire"), "commentaire", COMMENT_MAX, multiline=True)
    except UserError as exc:
        raise RowError("commentaire", str(exc)) from None
    try:
        source = clean_text(cells.get("source"), "source", SOURCE_MAX)
    except UserError as exc:
        raise RowError("source", str(exc)) from None
    return comment, source


def read_period(indicator: CatalogueIndicator, cells: dict[str, str]) -> str:
    """The line's period in the indicator's periodicity (stored form)."""
    try:
        return parse_period(cells.get("période"), indicator.periodicity)
    except UserError as exc:
        raise RowError("période", str(exc)) from None


def checked_value(indicator: CatalogueIndicator, cells: dict[str, str]) -> float:
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


def check_line(
    indicator: CatalogueIndicator, site_id: int | None, site: str | None, cells: dict[str, str]
) -> tuple[ParsedRow | None, list[RowError]]:
    """The line for an indicator and a site already found: its period, value and
    texts, with EVERY problem of the line (the parsed row only when there is none)."""
    errors: list[RowError] = []
    period = value = None
    try:
        period = read_period(indicator, cells)
    except RowError as exc:
        errors.append(exc)
    try:
        value = checked_value(indicator, cells)
    except RowError as exc:
        errors.append(exc)
    try:
        comment, source = cell_texts(cells)
    except RowError as exc:
        errors.append(exc)
    if errors:
        return None, errors
    assert period is not None and value is not None
    row = ParsedRow(indicator.id, indicator.code, period, site_id, site, value, comment, source)
    return row, []


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
    comment, source = cell_texts(cells)
    site = (cells.get("site") or "").strip() or None
    return ParsedRow(None, indicator, period, None, site, value, comment, source)
