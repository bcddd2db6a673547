"""Reading one sheet of a workbook into text cells: Excel (.xlsx, .xlsm), OpenDocument
(.ods, what LibreOffice saves) and Excel 97-2003 (.xls), all through calamine
(python-calamine), after the checks that keep a hostile file from taking the program
down: the archive's size once unpacked and its compression (zip bombs), no DOCTYPE in any
XML part (entities), and the extent of the sheet (workbook_scan) within MAX_CELLS before
calamine lays it out in memory.

Cells become the text a person would type: numbers without a useless « .0 », a cell
shown as a percentage as « 12.5 % », dates as 2022-07-01, booleans VRAI / FAUX, an error
cell as its code (« #DIV/0! »), which the import then calls an unreadable value.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from dataclasses import dataclass

from clu_desktop.errors import UserError
from clu_desktop.interchange import workbook_scan
from clu_desktop.interchange.workbook_scan import Encrypted, ScanRefusal, SheetScan

#: A workbook that unpacks to more than this is refused (a "zip bomb").
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
#: A part of a workbook above BOMB_FLOOR bytes that unpacks to more than BOMB_RATIO times
#: its packed size is refused: spreadsheets compress 5 to 20 times, a zip bomb of empty
#: rows (100 Mo from 150 ko) hundreds of times, and would keep the reader busy minutes.
BOMB_RATIO = 100
BOMB_FLOOR = 4 * 1024 * 1024
#: calamine holds a sheet as one block from its first to its last cell: the block's size
#: (lines × columns, blank ones included) is bounded, e.g. 200 000 lines of 25 columns.
MAX_CELLS = 5_000_000

KIND_NAMES = {
    "xlsx": "classeur Excel (.xlsx)",
    "ods": "classeur OpenDocument (.ods)",
    "xls": "classeur Excel 97-2003 (.xls)",
}
_SPREADSHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[tuple[str, ...]]  # every line from the sheet's first, blank ones as ()
    kind: str


def zip_kind(data: bytes) -> str | None:
    """ "xlsx", "ods", "xlsb" or None (not a zip we know) for a zip archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "content.xml" in names:
        return "ods"
    return None


def sheet_names(name: str, data: bytes, kind: str, max_lines: int) -> list[str]:
    """The worksheets of the workbook, in order (chart sheets left out)."""
    with _guarded(name, kind):
        _scans(data, kind, max_lines)  # calamine reads every sheet of an .ods or .xls at once
        with _calamine(data) as book:
            return [meta.name for meta in book.sheets_metadata if _is_worksheet(meta)]
    raise AssertionError  # pragma: no cover - _guarded raises


def read_sheet(name: str, data: bytes, kind: str, sheet: str | None, max_lines: int) -> Sheet:
    """The sheet named ``sheet``, or the first one holding something; UserError (French)
    for a damaged or hostile file."""
    with _guarded(name, kind):
        scans = _scans(data, kind, max_lines)
        with _calamine(data) as book:
            sheets = [
                (i, meta.name) for i, meta in enumerate(book.sheets_metadata) if _is_worksheet(meta)
            ]
            index, title = _choose(sheets, scans, sheet)
            scan = scans(index)
            _check(scan, max_lines)
            values = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
        return Sheet(title, _texts(values, scan), kind)
    raise AssertionError  # pragma: no cover - _guarded raises


class _guarded:  # a context manager, read as a phrase
    """Every failure of the reading as a French UserError naming the file."""

    def __init__(self, name: str, kind: str) -> None:
        self.name, self.kind = name, kind

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, traceback) -> bool:
        if exc is None or isinstance(exc, UserError):
            return False
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
            return False
        if isinstance(exc, _Refused | ScanRefusal):
            raise UserError(f"Le fichier « {self.name} » {exc.reason}") from None
        if isinstance(exc, Encrypted):
            raise _locked(self.name) from None
        # calamine's errors, zipfile's, olefile's, and a Rust panic (a BaseException)
        raise reading_error(self.name, self.kind, exc) from None


def _check(scan: SheetScan, max_lines: int) -> None:
    if scan.rows > max_lines:
        raise _Refused(
            f"a plus de {max_lines:_} lignes, vides comprises : il est refusé.".replace("_", " ")
        )
    if scan.cells > MAX_CELLS:
        size = (
            f"de {scan.rows:_} lignes sur {scan.columns:_} colonnes (cellules vides comprises)"
            if scan.rows * scan.columns >= scan.declared
            else f"annoncée de {scan.declared:_} cellules"
        )
        raise _Refused(
            f"a une feuille {size}, plus que les {MAX_CELLS:_} cellules lues : il est refusé "
            "par sécurité. Supprimez les lignes et colonnes inutiles ou enregistrez la feuille "
            "au format CSV.".replace("_", " ")
        )


def _is_worksheet(meta) -> bool:
    return str(meta.typ).rsplit(".", 1)[-1] == "WorkSheet"


def _choose(sheets, scans, wanted: str | None) -> tuple[int, str]:
    if not sheets:
        raise _Refused("n'a aucune feuille de calcul.")
    if wanted is not None:
        for index, title in sheets:
            if title == wanted:
                return index, title
        for index, title in sheets:  # « --sheet donnees » for « Données »
            if title.casefold() == wanted.casefold():
                return index, title
        names = ", ".join(f"« {title} »" for _, title in sheets)
        raise _Refused(f"n'a pas de feuille « {wanted} » : choisissez parmi {names}.")
    for index, title in sheets:
        if scans(index).rows:
            return index, title
    raise _Refused("est vide.")


class _calamine:  # a context manager, read as a function call
    def __init__(self, data: bytes) -> None:
        self.data = data

    def __enter__(self):
        from python_calamine import CalamineWorkbook

        self.book = CalamineWorkbook.from_filelike(io.BytesIO(self.data))
        return self.book

    def __exit__(self, *exc) -> None:
        self.book.close()


def _scans(data: bytes, kind: str, max_lines: int):
    """A function giving the scan of the sheet at an index (calamine's order). calamine
    reads every sheet of an .ods or .xls when it opens it: they are all checked here; an
    .xlsx sheet is scanned only when asked for, and checked by the caller."""
    if kind in ("xls", "ods"):
        if kind == "xls":
            found = _xls_scans(data)
        else:
            archive = _open_archive(data)
            workbook_scan.check_prologs(archive)
            if b"encryption-data" in _part(archive, "META-INF/manifest.xml"):
                raise Encrypted  # saved with a password: content.xml is ciphered
            with archive.open("content.xml") as stream:
                found = workbook_scan.scan_ods(stream)
        for scan in found:
            _check(scan, max_lines)
        return lambda index: found[index] if index < len(found) else SheetScan()
    archive = _open_archive(data)
    workbook_scan.check_prologs(archive)
    parts = _xlsx_parts(archive)
    percent = _xlsx_percent_styles(archive)
    done: dict[int, SheetScan] = {}

    def scan(index: int) -> SheetScan:
        if index not in done:
            part = parts[index] if index < len(parts) else None
            if part is not None and part in archive.namelist():
                with archive.open(part) as stream:
                    done[index] = workbook_scan.scan_xlsx_sheet(stream, percent)
            else:  # a part calamine may find another way: the largest of them all
                done[index] = _largest(archive, percent)
        return done[index]

    return scan


def _largest(archive: zipfile.ZipFile, percent: frozenset[int]) -> SheetScan:
    """The largest extent of every XML part (only worksheets have rows and cells), for a
    sheet whose part the workbook's relationships do not name plainly."""
    largest = SheetScan()
    for info in archive.infolist():
        if info.filename.lower().endswith(".xml"):
            with archive.open(info) as stream:
                found = workbook_scan.scan_xlsx_sheet(stream, percent)
            largest.rows = max(largest.rows, found.rows)
            largest.columns = max(largest.columns, found.columns)
    return largest


def _part(archive: zipfile.ZipFile, name: str) -> bytes:
    return archive.read(name) if name in archive.namelist() else b""


def _open_archive(data: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    bomb = any(
        info.file_size > BOMB_FLOOR and info.file_size > BOMB_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if unpacked > MAX_UNPACKED_BYTES or bomb:
        raise _Refused(
            "est trop gros une fois décompressé (ou anormalement compressé) : "
            "il est refusé par sécurité."
        )
    return archive


def _xml(archive: zipfile.ZipFile, part: str):
    from defusedxml.ElementTree import fromstring

    return fromstring(archive.read(part))


def _xlsx_parts(archive: zipfile.ZipFile) -> list[str | None]:
    """The part of each sheet of xl/workbook.xml, in order."""
    targets = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        for rel in _xml(archive, "xl/_rels/workbook.xml.rels").iter(f"{_PACKAGE_NS}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[rel.get("Id")] = posixpath.normpath(path)
    return [
        targets.get(sheet.get(f"{_RELATIONSHIP_NS}id"))
        for sheet in _xml(archive, "xl/workbook.xml").iter(f"{_SPREADSHEET_NS}sheet")
    ]


def _xlsx_percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles (indexes of cellXfs) that show a number as a percentage."""
    if "xl/styles.xml" not in archive.namelist():
        return frozenset()
    styles = _xml(archive, "xl/styles.xml")
    formats = {
        int(f.get("numFmtId", -1)): f.get("formatCode", "")
        for f in styles.iter(f"{_SPREADSHEET_NS}numFmt")
    }
    cell_xfs = styles.find(f"{_SPREADSHEET_NS}cellXfs")
    if cell_xfs is None:
        return frozenset()
    percent = set()
    for index, xf in enumerate(cell_xfs.iter(f"{_SPREADSHEET_NS}xf")):
        number_format = int(xf.get("numFmtId", 0) or 0)
        if number_format in workbook_scan.BUILTIN_PERCENT_FORMATS or "%" in formats.get(
            number_format, ""
        ):
            percent.add(index)
    return frozenset(percent)


def _xls_scans(data: bytes) -> list[SheetScan]:
    import olefile

    with olefile.OleFileIO(data) as ole:
        stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
        if stream is None:
            if ole.exists("EncryptionInfo"):
                raise Encrypted
            raise _Refused(f"est abîmé ou incomplet : ce n'est pas un {KIND_NAMES['xls']} lisible.")
        return workbook_scan.scan_xls(ole.openstream(stream).read())


def _locked(name: str) -> UserError:
    return UserError(
        f"Le fichier « {name} » est protégé par un mot de passe : "
        "enregistrez-en une copie sans mot de passe, puis importez-la."
    )


def reading_error(name: str, kind: str, exc: BaseException) -> UserError:
    from defusedxml import DefusedXmlException

    if type(exc).__name__ == "PasswordError":
        return _locked(name)
    if isinstance(exc, DefusedXmlException) or "entity" in str(exc):
        return UserError(
            f"Le fichier « {name} » contient des déclarations XML interdites (entités) : "
            "il est refusé par sécurité."
        )
    return UserError(
        f"Le fichier « {name} » est abîmé ou incomplet : "
        f"ce n'est pas un {KIND_NAMES.get(kind, 'classeur')} lisible."
    )


def number_text(value: float | int) -> str:
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def _texts(values: list[list], scan: SheetScan) -> list[tuple[str, ...]]:
    rows = [tuple([v.strip() if type(v) is str else _cell(v) for v in row]) for row in values]
    marked = [*scan.percent, *scan.errors]
    for r, c in marked:
        if r < len(rows) and c < len(rows[r]):
            cells = list(rows[r])
            if (r, c) in scan.errors:
                cells[c] = scan.errors[(r, c)]
            elif type(values[r][c]) in (int, float):  # 0.125 shown as 12.5 %
                cells[c] = f"{number_text(round(values[r][c] * 100, 10))} %"
            rows[r] = tuple(cells)
    return rows


def _cell(value) -> str:
    kind = type(value)
    if kind is str:
        return value.strip()
    if kind is float:
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if value is None:
        return ""
    if kind is bool:
        return "VRAI" if value else "FAUX"
    if kind is int:
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # a duration: in days, as the spreadsheet counts
        return number_text(round(value.total_seconds() / 86400, 10))
    return str(value).strip()
