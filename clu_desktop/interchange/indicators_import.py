"""Indicator values from a spreadsheet: a CSV file or an Excel workbook (.xlsx).

One value per line: the indicator (code or exact name), the period, the site (empty: all
sites), the value, and optionally a comment and a source. ``read_table`` reads the file
into text cells, ``guess_mapping`` finds the columns by their headers, ``preview`` shows
the first lines as they will be read. ``services.indicators.files`` checks every line
against the catalogue and writes the values. docs/indicators-import.md describes the
layout for users.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from clu_desktop.interchange.indicators_check import (
    FileCheck,
    PreviewRow,
    cells_of,
    column_names,
    extra_cells,
)
from clu_desktop.interchange.indicators_names import (
    NameChoices,
)
from clu_desktop.interchange.indicators_plan import (
    UNSORTED_CATEGORY,
    CreateIndicator,
    CreateSite,
    ParsedRow,
)
from clu_desktop.interchange.indicators_report import summary
from clu_desktop.interchange.indicators_rows import FIELDS, RowError, shape
from clu_desktop.interchange.indicators_table import Table
from clu_desktop.rules.indicators import fold

DEFAULT_COLUMNS = ("indicateur", "période", "site", "valeur", "commentaire")
#: Header names each field is recognised by (compared without case or accents).
SYNONYMS = {
    "indicateur": ("indicateur", "code", "code indicateur", "code de l'indicateur", "indicator"),
    "période": ("periode", "period", "annee", "trimestre", "mois", "date"),
    "site": ("site", "lieu", "site de mesure"),
    "valeur": ("valeur", "value", "resultat", "chiffre", "mesure"),
    "commentaire": ("commentaire", "commentaires", "comment", "remarque", "observations"),
    "source": ("source", "origine"),
}


# Columns


def _header_key(header: str) -> str:
    text = fold(re.sub(r"\(.*?\)", " ", header))
    return " ".join(re.sub(r"[^\w' ]", " ", text).split())


def guess_mapping(headers: tuple[str, ...] | list[str]) -> dict[str, int | None]:
    """Each field (indicateur, période, site, valeur, commentaire, source) → the index of
    its column, found by header name; by the default order when no header is known."""
    keys = [_header_key(h) for h in headers]
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    taken: set[int] = set()
    for field in FIELDS:
        for index, key in enumerate(keys):
            if index in taken:
                continue
            if any(key == s or key.startswith(s + " ") for s in SYNONYMS[field]):
                mapping[field] = index
                taken.add(index)
                break
    if not taken:
        for index, field in enumerate(DEFAULT_COLUMNS[: len(headers)]):
            mapping[field] = index
    return mapping


def preview(
    table: Table,
    mapping: dict[str, int | None],
    n: int = 20,
    *,
    check: Callable[[dict[str, str]], ParsedRow] | None = None,
) -> list[PreviewRow]:
    """The first ``n`` non-blank lines as they will be read, each with its first problem.
    Without ``check`` only the shapes are checked (period, number); the services pass the
    catalogue's check of a line (``services.indicators.files.preview``), which looks the
    indicators and sites up as the import will."""
    read = check if check is not None else shape
    names = column_names(table, mapping)
    result: list[PreviewRow] = []
    for index, row in enumerate(table.rows):
        if len(result) >= n:
            break
        if not any(row):
            continue
        cells = cells_of(mapping, row)
        try:
            parsed = read(cells)
            error = None
        except RowError as exc:
            parsed = None
            error = f"colonne « {names[exc.field]} » : {exc.message}"
        error = extra_cells(table, row) or error
        result.append(PreviewRow(table.row_number(index), cells, parsed, error))
    return result


def refusal(check: FileCheck) -> str:
    """Why the import refuses a check that is not ready (French)."""
    return summary(check)


def with_missing_created(check: FileCheck, choices: NameChoices | None) -> NameChoices:
    """``choices`` plus, for each name still unknown, a new indicator (category « À
    classer », unit and periodicity inferred from the file) or a new site; a site
    given for an indicator not followed on it is added to it."""
    choices = choices or NameChoices()
    indicators = dict(choices.indicators)
    for name in check.unknown_indicators:
        indicators[name.written] = CreateIndicator(
            name.written,
            UNSORTED_CATEGORY,
            name.inferred_unit,
            name.inferred_periodicity or "year",
        )
    sites = dict(choices.sites)
    for name in check.unknown_sites:
        sites[name.written] = CreateSite(name.written)
    return NameChoices(indicators, sites, add_sites_to_indicators=True)
