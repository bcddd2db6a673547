"""Reading a spreadsheet into text cells: a CSV file (UTF-8 with or without BOM, or
Windows-1252 when the whole file is: see text_encoding; separator ";", "," or tab) or one
sheet of a workbook: Excel (.xlsx), OpenDocument (.ods) or Excel 97-2003 (.xls), read by
indicators_workbook (calamine, after its own checks against hostile files).

A damaged, truncated, oversized or hostile file (a zip bomb, XML entities, a sheet whose
cells lie millions of lines apart) gives a French UserError, never a traceback.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from clu_desktop.errors import UserError
from clu_desktop.files import os_error_reason
from clu_desktop.interchange import indicators_workbook as workbooks
from clu_desktop.interchange.text_encoding import EncodingProblem, decode_text

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 100
MAX_UNPACKED_BYTES = workbooks.MAX_UNPACKED_BYTES
BOMB_RATIO = workbooks.BOMB_RATIO
BOMB_FLOOR = workbooks.BOMB_FLOOR
MAX_CELLS = workbooks.MAX_CELLS
#: Lines of a sheet, blank ones included, before a workbook is refused.
MAX_SCANNED_ROWS = 2 * MAX_ROWS
SAMPLE_CHARS = 64 * 1024
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # blank lines kept as (), so that numbers match
    source_kind: str  # "csv", "xlsx", "ods" or "xls"
    name: str = ""  # the file's name, for messages
    first_row: int = 2  # the line number of rows[0] in the file (headers: first_row - 1)
    delimiter: str | None = None  # the CSV separator found
    sheet: str | None = None  # the workbook's sheet read
    #: A table made from a wide one (indicators_layout.long_table): the file's line of
    #: each row, the file's column of each of its cells (-1: none of its own) and the
    #: file's headers.
    numbers: tuple[int, ...] = ()
    origins: tuple[tuple[int, ...], ...] = ()
    source_headers: tuple[str, ...] = ()

    def row_number(self, index: int) -> int:
        return self.numbers[index] if self.numbers else self.first_row + index

    def source_column(self, index: int, column: int) -> int | None:
        """The file's column of the cell at row ``index`` and ``column``."""
        if not self.origins:
            return column
        origin = self.origins[index]
        return origin[column] if column < len(origin) and origin[column] >= 0 else None

    def column_name(self, index: int, column: int) -> str:
        """The header, in the file, of the column a cell comes from: for a wide table's
        value, its period (« 2022 ») or its site (« Langres »)."""
        headers = self.source_headers or self.headers
        source = self.source_column(index, column)
        if source is None or source >= len(headers):
            return self.headers[column] if column < len(self.headers) else ""
        return headers[source]

    def row_column_names(
        self, index: int, mapping: dict[str, int | None], names: dict[str, str]
    ) -> dict[str, str]:
        """``names`` (field → header, for messages) for row ``index``: a wide table's
        value is named by its own column (« 2022 », « Langres »)."""
        if not self.origins:
            return names
        return {
            field: self.column_name(index, column) if column is not None else names[field]
            for field, column in mapping.items()
        }


def column_letter(column: int) -> str:
    """0 → « A », 27 → « AB »."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _refuse(name: str, why: str) -> UserError:
    return UserError(f"Le fichier « {name} » {why}")


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _refuse(path.name, f"dépasse {MAX_BYTES // (1024 * 1024)} Mo : il est refusé.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise _refuse(path.name, "est introuvable.") from None
    except IsADirectoryError:
        raise _refuse(path.name, "est un dossier.") from None
    except OSError as exc:
        raise _refuse(path.name, f"ne peut pas être lu : {os_error_reason(exc)}.") from None
    if not data.strip():
        raise _refuse(path.name, "est vide.")
    return data


WORKBOOK_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods", ".xls": "xls"}


def _kind(name: str, data: bytes) -> str:
    """ "csv", "xlsx", "ods" or "xls" by the file's first bytes (its name only breaks a
    tie); UserError for a workbook of a format not read."""
    suffix = Path(name).suffix.lower()
    if data.startswith(OLE_HEADER):
        return "xls"
    if data.startswith(b"PK\x03\x04"):
        kind = workbooks.zip_kind(data)
        if kind == "xlsb":
            raise _refuse(
                name, "est au format Excel binaire (.xlsb) : enregistrez-le au format .xlsx."
            )
        return kind or WORKBOOK_SUFFIXES.get(suffix, "xlsx")
    if suffix in WORKBOOK_SUFFIXES:
        return WORKBOOK_SUFFIXES[suffix]  # a damaged workbook: its reader says so
    return "csv"


def sheet_names(path: Path | str) -> list[str]:
    """The worksheets of a workbook, in order; [] for a CSV file."""
    path = Path(path)
    data = _read_bytes(path)
    kind = _kind(path.name, data)
    if kind == "csv":
        return []
    return workbooks.sheet_names(path.name, data, kind, MAX_SCANNED_ROWS)


def read_table(path: Path | str, sheet: str | None = None) -> Table:
    """The CSV file, or the workbook's sheet named ``sheet`` (by default the first one
    holding something), as text cells; the first line holds the headers."""
    path = Path(path)
    data = _read_bytes(path)
    kind = _kind(path.name, data)
    if kind == "csv":
        return _read_csv(path.name, data)
    read = workbooks.read_sheet(path.name, data, kind, sheet, MAX_SCANNED_ROWS)
    rows: list[tuple[str, ...]] = []
    filled = 0
    for cells in read.rows:
        rows.append(_trim(list(cells[:MAX_COLUMNS])))
        filled += bool(rows[-1])
        if filled > MAX_ROWS + 1:
            raise _too_many_rows(path.name)
    table = _table(path.name, rows, kind)
    return Table(table.headers, table.rows, kind, path.name, table.first_row, sheet=read.name)


def _table(name: str, rows: list[tuple[str, ...]], kind: str, delimiter=None) -> Table:
    while rows and not rows[-1]:
        rows.pop()
    start = next((i for i, row in enumerate(rows) if row), None)
    if start is None:
        raise _refuse(name, "est vide.")
    return Table(
        headers=rows[start],
        rows=tuple(rows[start + 1 :]),
        source_kind=kind,
        name=name,
        first_row=start + 2,
        delimiter=delimiter,
    )


def _trim(cells: list[str]) -> tuple[str, ...]:
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells[:MAX_COLUMNS])


def _too_many_rows(name: str) -> UserError:
    return _refuse(name, f"a plus de {MAX_ROWS:,} lignes : il est refusé.".replace(",", " "))


def _read_csv(name: str, data: bytes) -> Table:
    try:
        text, _encoding = decode_text(data)
    except EncodingProblem as exc:
        raise _refuse(name, f"ne peut pas être lu sans erreur, {exc}.") from None
    if len(_BINARY.findall(text[:SAMPLE_CHARS])) > 0:
        raise _refuse(name, "n'est ni un fichier CSV (texte) ni un classeur (.xlsx, .ods ou .xls).")
    delimiter = _delimiter(text)
    rows: list[tuple[str, ...]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            rows.append(_trim([_csv_cell(cell) for cell in record]))
            if len(rows) > MAX_ROWS + 1:
                raise _too_many_rows(name)
    except csv.Error as exc:
        raise _refuse(name, f"est mal formé à la ligne {reader.line_num} ({exc}).") from None
    return _table(name, rows, "csv", delimiter)


def _csv_cell(cell: str) -> str:
    cell = cell.strip()
    # A cell a spreadsheet export protected from being run as a formula: '=…, '-5
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@"):
        cell = cell[1:]
    return cell


def _delimiter(text: str) -> str:
    """ ";", "," or tab: what csv.Sniffer finds, if the header line has it; else the most
    frequent of the three in the header line; ";" by default."""
    sample = text[:SAMPLE_CHARS]
    if len(text) > SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    header = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        found = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
        if found in header:
            return found
    except csv.Error:
        pass
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"
