"""Indicator values from a spreadsheet: a CSV file or an Excel workbook (.xlsx).

One value per line: the indicator (code or exact name), the period, the site (empty: all
sites), the value, and optionally a comment and a source. ``read_table`` reads the file
into text cells, ``guess_mapping`` finds the columns by their headers, ``preview`` shows
the first lines as they will be read, and ``import_values`` checks every line before it
writes anything. docs/indicators-import.md describes the layout for users.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_rows import (
    FIELDS,
    REQUIRED,
    ParsedRow,
    RowChecker,
    RowError,
    write_rows,
)
from clu_desktop.interchange.indicators_table import MAX_BYTES, MAX_ROWS, Table, read_table
from clu_desktop.services.indicators_common import fold

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

__all__ = [
    "DEFAULT_COLUMNS",
    "FIELDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "REQUIRED",
    "ImportReport",
    "ParsedRow",
    "PreviewRow",
    "Table",
    "guess_mapping",
    "import_file",
    "import_values",
    "preview",
    "read_table",
]


@dataclass(frozen=True)
class PreviewRow:
    row_number: int
    cells: dict[str, str]  # field → the text in the file
    parsed: ParsedRow | None
    error: str | None


@dataclass(frozen=True)
class ImportReport:
    rows: int
    added: int
    updated: int


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


def _cells(table: Table, mapping: dict[str, int | None], row: tuple[str, ...]) -> dict[str, str]:
    return {
        field: (row[index] if index is not None and index < len(row) else "")
        for field, index in mapping.items()
    }


def _column_names(table: Table, mapping: dict[str, int | None]) -> dict[str, str]:
    names = {}
    for field, index in mapping.items():
        header = table.headers[index] if index is not None and index < len(table.headers) else ""
        names[field] = header or field
    return names


def check_mapping(table: Table, mapping: dict[str, int | None]) -> None:
    """Each needed field has a column, and no column serves two fields."""
    for field in REQUIRED:
        if mapping.get(field) is None:
            raise UserError(f"Choisissez la colonne « {field} » : elle est nécessaire.")
    width = max([len(table.headers), *(len(r) for r in table.rows[:1000])])
    used: dict[int, str] = {}
    for field, index in mapping.items():
        if field not in FIELDS:
            raise ValueError(f"unknown field: {field!r}")
        if index is None:
            continue
        if not 0 <= index < max(width, 1):
            raise UserError(f"La colonne choisie pour « {field} » n'existe pas dans le fichier.")
        if index in used:
            raise UserError(
                f"La même colonne est choisie pour « {used[index]} » et pour « {field} »."
            )
        used[index] = field


def preview(
    table: Table,
    mapping: dict[str, int | None],
    n: int = 20,
    *,
    session: Session | None = None,
) -> list[PreviewRow]:
    """The first ``n`` non-blank lines as they will be read, each with its first problem.
    Without a session only the shapes are checked (period, number); with one, the
    indicators and sites are looked up as the import will."""
    checker = RowChecker(session) if session is not None else None
    names = _column_names(table, mapping)
    result: list[PreviewRow] = []
    for index, row in enumerate(table.rows):
        if len(result) >= n:
            break
        if not any(row):
            continue
        cells = _cells(table, mapping, row)
        try:
            parsed = checker.check(cells) if checker is not None else RowChecker.shape(cells)
            error = None
        except RowError as exc:
            parsed = None
            error = f"colonne « {names[exc.field]} » : {exc.message}"
        error = _extra_cells(table, row) or error
        result.append(PreviewRow(table.row_number(index), cells, parsed, error))
    return result


def _extra_cells(table: Table, row: tuple[str, ...]) -> str | None:
    """A CSV line with more cells than the header line: most often a decimal comma in a
    file separated by commas ("93,5" read as two cells)."""
    if table.source_kind != "csv" or len(row) <= len(table.headers):
        return None
    message = f"{len(row)} cellules pour {len(table.headers)} colonnes d'en-tête"
    if table.delimiter == ",":
        message += (
            " (une virgule décimale dans un fichier séparé par des virgules ? "
            "mettez la valeur entre guillemets ou enregistrez avec des points-virgules)"
        )
    return message


def import_values(session: Session, table: Table, mapping: dict[str, int | None]) -> ImportReport:
    """Check every line, then write them all (existing values of the same indicator,
    period and site are replaced); the first problem stops everything, naming its line
    and column. The caller's transaction makes it all or nothing."""
    check_mapping(table, mapping)
    names = _column_names(table, mapping)
    checker = RowChecker(session)
    parsed: list[ParsedRow] = []
    seen: dict[tuple[int, str, int | None], int] = {}
    for index, row in enumerate(table.rows):
        if not any(row):
            continue
        number = table.row_number(index)
        if extra := _extra_cells(table, row):
            raise UserError(f"Ligne {number} : {extra}.")
        try:
            item = checker.check(_cells(table, mapping, row))
        except RowError as exc:
            raise UserError(
                f"Ligne {number}, colonne « {names[exc.field]} » : {exc.message}"
            ) from None
        key = (item.indicator_id, item.period, item.site_id)
        if key in seen:
            raise UserError(
                f"Ligne {number} : même indicateur, même période et même site "
                f"qu'à la ligne {seen[key]}."
            )
        seen[key] = number
        parsed.append(item)
    if not parsed:
        raise UserError("Le fichier ne contient aucune valeur à importer.")
    added, updated = write_rows(
        session,
        parsed,
        with_comment=mapping.get("commentaire") is not None,
        with_source=mapping.get("source") is not None,
    )
    return ImportReport(rows=len(parsed), added=added, updated=updated)


def import_file(session: Session, path: Path | str) -> ImportReport:
    """Read a file and import it with the columns guessed from its headers."""
    table = read_table(path)
    return import_values(session, table, guess_mapping(table.headers))
