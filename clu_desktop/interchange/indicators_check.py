"""The check of a whole indicator spreadsheet, as plain data: the columns chosen
(``check_mapping``, ``cells_of``, ``column_names``, ``extra_cells``) and what the check
finds (``FileCheck``: the unknown names, every other ``Problem`` grouped by kind, the
first lines as they will be read, the ``Plan`` of a ready check).

``services.indicators.file_check.check_file`` reads every line against the catalogue and
the mappings remembered into a FileCheck; ``indicators_report.summary`` words it in
French for the command line and the window. Nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_names import UnknownName
from clu_desktop.interchange.indicators_plan import ParsedRow, Plan
from clu_desktop.interchange.indicators_rows import FIELDS, REQUIRED
from clu_desktop.interchange.indicators_table import Table

IGNORED_NOTE = "(ligne ignorée)"
NEW_LINK_NOTE = "(site ajouté à l'indicateur)"

# The order of the groups in a report.
KINDS = ("indicator", "site", "value", "period", "site-link", "duplicate", "cells", "empty")
#: The group of a problem found in a field's cell.
KIND_OF_FIELD = {
    "indicateur": "indicator",
    "période": "period",
    "valeur": "value",
    "site": "site-link",
    "commentaire": "cells",
    "source": "cells",
}


@dataclass(frozen=True)
class Problem:
    kind: str  # one of KINDS
    lines: tuple[int, ...]  # the file's line numbers (the header is line 1); () for the file
    message: str  # French, one line: « colonne « valeur » : valeur illisible : « 12,,5 » »


@dataclass(frozen=True)
class PreviewRow:
    row_number: int
    cells: dict[str, str]  # field → the text in the file
    parsed: ParsedRow | None
    error: str | None
    note: str | None = None  # « (correspondance enregistrée) », « (nouvel indicateur) »…


@dataclass(frozen=True)
class FileCheck:
    rows: int  # lines with data
    unknown_indicators: tuple[UnknownName, ...]
    unknown_sites: tuple[UnknownName, ...]
    problems: tuple[Problem, ...]  # every other problem, grouped by kind, then by line
    remembered: Mapping[str, str]  # name as written → the target read through a stored mapping
    preview: tuple[PreviewRow, ...]  # the first lines AFTER the mapping
    ready: bool  # nothing left to decide or fix
    columns: Mapping[str, str] = field(default_factory=dict)  # field → header, for messages
    values: int = 0  # lines that would be written
    ignored: int = 0  # lines left out by a choice « ignorer »
    plan: Plan = field(default_factory=Plan, repr=False, compare=False)

    @property
    def problem_count(self) -> int:
        return len(self.unknown_indicators) + len(self.unknown_sites) + len(self.problems)


# Columns


def check_mapping(table: Table, mapping: dict[str, int | None]) -> None:
    """Each needed field has a column, and no column serves two fields."""
    for name in REQUIRED:
        if mapping.get(name) is None:
            raise UserError(f"Choisissez la colonne « {name} » : elle est nécessaire.")
    width = max([len(table.headers), *(len(r) for r in table.rows[:1000])])
    used: dict[int, str] = {}
    for name, index in mapping.items():
        if name not in FIELDS:
            raise ValueError(f"unknown field: {name!r}")
        if index is None:
            continue
        if not 0 <= index < max(width, 1):
            raise UserError(f"La colonne choisie pour « {name} » n'existe pas dans le fichier.")
        if index in used:
            raise UserError(
                f"La même colonne est choisie pour « {used[index]} » et pour « {name} »."
            )
        used[index] = name


def cells_of(mapping: dict[str, int | None], row: tuple[str, ...]) -> dict[str, str]:
    return {
        name: (row[index] if index is not None and index < len(row) else "")
        for name, index in mapping.items()
    }


def column_names(table: Table, mapping: dict[str, int | None]) -> dict[str, str]:
    names = {}
    for name in FIELDS:
        index = mapping.get(name)
        header = table.headers[index] if index is not None and index < len(table.headers) else ""
        names[name] = header or name
    return names


def extra_cells(table: Table, row: tuple[str, ...]) -> str | None:
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
