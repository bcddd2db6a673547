"""« Wide » tables, as people lay figures out in a spreadsheet, read as the long rows the
import reads (one value per line):

- one column per period: « indicateur | 2021 | 2022 | 2023 » (a site column may stay);
- one column per site: « indicateur | période | Préfecture | Langres | Saint-Dizier »
  (a column « Ensemble » holds the values of every site together).

``guess_layout`` recognises the layout from the headers; ``long_table`` makes the long
table, each row keeping the line of the file it comes from and, for each cell, the column
it was read in (« 2022 », « Langres », D5), so a problem names the right line and column.
An empty cell of a wide table is no value, not a problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_table import MAX_ROWS, Table, column_letter, read_table
from clu_desktop.rules.indicators import ALL_SITES_LABEL, fold, parse_period

LONG, PERIODS, SITES = "long", "periods", "sites"
LONG_HEADERS = ("indicateur", "période", "site", "valeur")
#: Headers recognised (compared without case, accents or punctuation), as the import's.
_INDICATOR = ("indicateur", "indicateurs", "code", "code indicateur", "indicator", "libelle")
_PERIOD = ("periode", "period", "annee", "trimestre", "mois", "date")
_SITE = ("site", "sites", "lieu", "site de mesure")
_VALUE = ("valeur", "valeurs", "value", "resultat", "chiffre", "mesure")
_OTHER = ("commentaire", "commentaires", "comment", "remarque", "observations", "source")
#: Columns a wide layout needs at least (one period or one site would be a long table
#: with an unusual header).
MIN_SPREAD = 2


@dataclass(frozen=True)
class Layout:
    kind: str  # LONG, PERIODS or SITES
    indicator: int | None = None  # the column of the indicator
    period: int | None = None  # SITES: the column of the period
    site: int | None = None  # PERIODS: a column of the site, if there is one
    spread: tuple[tuple[int, str], ...] = ()  # (column, header): one per period or site
    ignored: tuple[str, ...] = ()  # headers of the columns left out

    @property
    def is_wide(self) -> bool:
        return self.kind != LONG

    def describe(self) -> str:
        """French, one sentence: what was recognised."""
        if self.kind == LONG:
            return "Tableau en lignes : une valeur par ligne."
        what = "période" if self.kind == PERIODS else "site"
        shown = ", ".join(header for _, header in self.spread[:6])
        more = " …" if len(self.spread) > 6 else ""
        text = f"Tableau large reconnu : une colonne par {what} ({shown}{more}), lu en lignes."
        if self.ignored:
            text += f" Colonnes laissées de côté : {', '.join(self.ignored)}."
        return text


def _key(header: str) -> str:
    return " ".join("".join(c if c.isalnum() or c == "'" else " " for c in fold(header)).split())


def _is(header: str, names: tuple[str, ...], exact: bool = False) -> bool:
    """The header is one of ``names``, or starts with one (« Période (trimestre) »)
    unless ``exact`` (a site « Site de Chaumont » is not the column « site »)."""
    key = _key(header)
    return bool(key) and any(key == n or (not exact and key.startswith(n + " ")) for n in names)


def _is_period(header: str) -> bool:
    try:
        parse_period(header)
    except UserError:
        return False
    return True


def guess_layout(table: Table) -> Layout:
    """The layout of the table, from its headers: wide by period when at least two
    headers are periods, wide by site when there is an indicator and a period column, no
    value column, and at least two other columns; long otherwise."""
    headers = table.headers
    find = _finder(headers)
    indicator, period = find(_INDICATOR), find(_PERIOD)
    site, value = find(_SITE, exact=True), find(_VALUE, exact=True)
    periods = tuple((i, h.strip()) for i, h in enumerate(headers) if h.strip() and _is_period(h))
    periods = tuple(p for p in periods if p[0] not in (indicator, site, period))
    if len(periods) >= MIN_SPREAD and value is None:
        if indicator is None:  # the first column that is not a period
            indicator = next(
                (i for i in range(len(headers)) if i not in dict(periods) and i != site), None
            )
        if indicator is not None:
            used = {indicator, site, *dict(periods)}
            return Layout(
                PERIODS,
                indicator=indicator,
                site=site,
                spread=periods,
                ignored=_ignored(headers, used),
            )
    if indicator is not None and period is not None and value is None and site is None:
        sites = tuple(
            (i, h.strip())
            for i, h in enumerate(headers)
            if i not in (indicator, period) and h.strip() and not _is(h, _OTHER)
        )
        if len(sites) >= MIN_SPREAD:
            used = {indicator, period, *dict(sites)}
            return Layout(
                SITES,
                indicator=indicator,
                period=period,
                spread=sites,
                ignored=_ignored(headers, used),
            )
    return Layout(LONG)


class _Find(Protocol):
    def __call__(self, names: tuple[str, ...], exact: bool = False) -> int | None: ...


def _finder(headers: tuple[str, ...]) -> _Find:
    taken: set[int] = set()

    def find(names: tuple[str, ...], exact: bool = False) -> int | None:
        for i, header in enumerate(headers):
            if i not in taken and _is(header, names, exact):
                taken.add(i)
                return i
        return None

    return find


def _ignored(headers: tuple[str, ...], used: set[int | None]) -> tuple[str, ...]:
    return tuple(h for i, h in enumerate(headers) if i not in used and h.strip())


def long_table(table: Table, layout: Layout) -> Table:
    """The rows of a wide table as long rows « indicateur | période | site | valeur »,
    one per filled cell of the spread columns; the table itself when it is long."""
    if layout.kind == LONG:
        return table
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    origins: list[tuple[int, ...]] = []
    for index, row in enumerate(table.rows):
        if not any(row):
            continue
        indicator = _cell(row, layout.indicator)
        fixed = _cell(row, layout.site if layout.kind == PERIODS else layout.period)
        for column, header in layout.spread:
            value = _cell(row, column)
            if not value:
                continue
            if layout.kind == PERIODS:
                cells = (indicator, header, fixed, value)
                origin: tuple[int | None, ...] = (layout.indicator, column, layout.site, column)
            else:
                site = "" if fold(header) == fold(ALL_SITES_LABEL) else header
                cells = (indicator, fixed, site, value)
                origin = (layout.indicator, layout.period, column, column)
            rows.append(cells)
            numbers.append(table.row_number(index))
            origins.append(tuple(-1 if c is None else c for c in origin))
            if len(rows) > MAX_ROWS:
                raise UserError(
                    f"Le fichier « {table.name} » donne plus de {MAX_ROWS:_} valeurs une fois "
                    "lu en lignes : il est refusé.".replace("_", " ")
                )
    return Table(
        headers=LONG_HEADERS,
        rows=tuple(rows),
        source_kind=table.source_kind,
        name=table.name,
        first_row=table.first_row,
        delimiter=table.delimiter,
        sheet=table.sheet,
        numbers=tuple(numbers),
        origins=tuple(origins),
        source_headers=table.headers,
    )


def _cell(row: tuple[str, ...], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def read_for_import(path: Path | str, sheet: str | None = None) -> tuple[Table, Layout]:
    """The file read (the sheet named, or the first holding something), a wide table
    already turned into long rows, and the layout recognised (``layout.describe()`` says
    it to the user)."""
    table = read_table(path, sheet)
    layout = guess_layout(table)
    return long_table(table, layout), layout


def cell_reference(table: Table, index: int, column: int) -> str:
    """« D5 »: where the cell of row ``index`` and ``column`` is in the file."""
    source = table.source_column(index, column)
    return f"{column_letter(source)}{table.row_number(index)}" if source is not None else ""
