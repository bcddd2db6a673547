"""Reading a spreadsheet into text cells: a CSV file (UTF-8 with or without BOM, or
Windows-1252 when the whole file is: see text_encoding; separator ";", "," or tab) or the
first sheet of an Excel workbook (.xlsx).

A damaged, truncated, oversized or hostile file (an XML bomb: defusedxml, which openpyxl
uses when it is installed, refuses entity declarations) gives a French UserError, never
a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clu_desktop.errors import UserError
from clu_desktop.files import os_error_reason
from clu_desktop.interchange.text_encoding import EncodingProblem, decode_text

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 100
#: A workbook that unpacks to more than this is refused (a "zip bomb").
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
#: A part of a workbook above BOMB_FLOOR bytes that unpacks to more than BOMB_RATIO times
#: its packed size is refused: spreadsheets compress 5 to 20 times, a zip bomb of empty
#: rows (100 Mo from 150 ko) hundreds of times, and would keep the reader busy minutes.
BOMB_RATIO = 100
BOMB_FLOOR = 4 * 1024 * 1024
#: Lines read, blank ones included, before a workbook is refused.
MAX_SCANNED_ROWS = 2 * MAX_ROWS
SAMPLE_CHARS = 64 * 1024
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # blank lines kept as (), so that numbers match
    source_kind: str  # "csv" or "xlsx"
    name: str = ""  # the file's name, for messages
    first_row: int = 2  # the line number of rows[0] in the file (headers: first_row - 1)
    delimiter: str | None = None  # the CSV separator found

    def row_number(self, index: int) -> int:
        return self.first_row + index


def _refuse(name: str, why: str) -> UserError:
    return UserError(f"Le fichier « {name} » {why}")


def read_table(path: Path | str) -> Table:
    """The first sheet (or the CSV file) as text cells; the first line holds the headers."""
    path = Path(path)
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
    suffix = path.suffix.lower()
    if data.startswith(OLE_HEADER) or suffix == ".xls":
        raise _refuse(
            path.name,
            "est au format Excel 97-2003 (.xls) : enregistrez-le au format .xlsx ou CSV.",
        )
    if data.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm", ".ods"):
        return _read_xlsx(path.name, data)
    return _read_csv(path.name, data)


def _table(
    name: str, rows: list[tuple[str, ...]], kind: str, delimiter: str | None = None
) -> Table:
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
        raise _refuse(name, "n'est ni un fichier CSV (texte) ni un classeur .xlsx.")
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


def _read_xlsx(name: str, data: bytes) -> Table:
    damaged = "est abîmé ou incomplet : ce n'est pas un classeur Excel (.xlsx) lisible."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            bomb = any(
                info.file_size > BOMB_FLOOR
                and info.file_size > BOMB_RATIO * max(info.compress_size, 1)
                for info in archive.infolist()
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise _refuse(name, damaged) from None
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            raise _refuse(
                name, "est au format OpenDocument (.ods) : enregistrez-le au format .xlsx ou CSV."
            )
        raise _refuse(name, damaged)
    if unpacked > MAX_UNPACKED_BYTES or bomb:
        raise _refuse(
            name,
            "est trop gros une fois décompressé (ou anormalement compressé) : "
            "il est refusé par sécurité.",
        )

    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    rows: list[tuple[str, ...]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                if not workbook.worksheets:
                    raise _refuse(name, "n'a aucune feuille de calcul.")
                sheet = workbook.worksheets[0]
                sheet.reset_dimensions()  # some programs write wrong dimensions
                filled = 0
                for row in sheet.iter_rows():
                    cells = _trim([_xlsx_cell(cell) for cell in row[:MAX_COLUMNS]])
                    rows.append(cells)
                    filled += bool(cells)
                    if filled > MAX_ROWS + 1:
                        raise _too_many_rows(name)
                    if len(rows) > MAX_SCANNED_ROWS:  # blank lines by the million
                        raise _refuse(
                            name,
                            f"a plus de {MAX_SCANNED_ROWS:_} lignes, vides comprises : "
                            "il est refusé.".replace("_", " "),
                        )
            finally:
                workbook.close()
    except UserError:
        raise
    except Exception as exc:  # any damage openpyxl or zipfile meets: never a traceback
        if _caused_by(exc, DefusedXmlException):  # openpyxl wraps it in a ValueError
            raise _refuse(
                name,
                "contient des déclarations XML interdites (entités) : il est refusé par sécurité.",
            ) from None
        raise _refuse(name, damaged) from None
    return _table(name, rows, "xlsx")


def _caused_by(exc: BaseException | None, kind: type[BaseException]) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, kind):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _number_text(value: float | int) -> str:
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def _xlsx_cell(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        if "%" in (getattr(cell, "number_format", None) or ""):
            return f"{_number_text(round(value * 100, 10))} %"  # 0.125 shown as 12.5 %
        return _number_text(value)
    return str(value).strip()
