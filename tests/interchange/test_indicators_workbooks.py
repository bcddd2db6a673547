"""Workbooks as LibreOffice and Excel write them (.ods, .xls, .xlsx), their sheets and
cells, and the workbooks made to take the reader down: each is refused in French, at once,
before calamine lays the sheet out in memory."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from clu_desktop.domain import Indicator, IndicatorValue, Site
from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_table import read_table, sheet_names
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators.files import guess_mapping, import_values

DATA = Path(__file__).parent.parent / "data" / "indicators"
LANGRES = "Sous-préfecture de Langres"
#: What valeurs.csv holds, once imported (code, period, site, value, comment).
EXPECTED = [
    ("ACCUEIL-MOIS", "2022-07", None, 1234.0, "été"),
    ("ACCUEIL-MOIS", "2022-08", None, 1250.0, None),
    ("PAN-USAGE", "2023", "Préfecture de la Haute-Marne", 1310.0, None),
    ("PAN-USAGE", "2023", LANGRES, 452.0, None),
    ("SATISFACTION", "2023", None, 93.5, "enquête de novembre"),
    ("TEL-TRIM", "2022-T3", None, 12.5, None),
    ("TITRES-DELAI", "2022", None, 12.0, "remplace l'exemple"),
]


@pytest.fixture
def catalogue(demo_db):
    """The demo, plus a quarterly and a monthly indicator."""
    with demo_db.transaction() as s:
        quarterly = indicators_catalogue.add_indicator(
            s, "TEL-TRIM", "taux d'appels décrochés par trimestre"
        )
        indicators_catalogue.update_indicator(s, quarterly, "periodicity", "quarter")
        indicators_catalogue.update_indicator(s, quarterly, "unit", "%")
        monthly = indicators_catalogue.add_indicator(s, "ACCUEIL-MOIS", "usagers reçus à l'accueil")
        indicators_catalogue.update_indicator(s, monthly, "periodicity", "month")
        indicators_catalogue.update_indicator(s, monthly, "unit", "nombre")
    return demo_db


def _import(db, path, sheet=None):
    with db.transaction() as s:
        table = read_table(path, sheet)
        return import_values(s, table, guess_mapping(table.headers))


def _stored(db, codes):
    with db.reading() as s:
        query = (
            select(Indicator.code, IndicatorValue, Site.name)
            .join(IndicatorValue.indicator)
            .outerjoin(Site, Site.id == IndicatorValue.site_id)
            .where(Indicator.code.in_(codes), IndicatorValue.is_example.is_(False))
        )
        return sorted(
            (code, value.period, site, value.value, value.comment)
            for code, value, site in s.execute(query)
        )


@pytest.mark.parametrize("suffix", ["csv", "ods", "xls", "xlsx"])
def test_libreoffice_files_import_the_same_values_as_the_csv(catalogue, suffix):
    """valeurs.ods, .xls and .xlsx were made from valeurs.csv by LibreOffice: a
    percentage cell (93,5 %), a date cell (août 2022), numbers with a space."""
    report = _import(catalogue, DATA / f"valeurs.{suffix}")
    assert (report.rows, report.added, report.updated) == (7, 6, 1)
    assert _stored(catalogue, {row[0] for row in EXPECTED}) == EXPECTED


@pytest.mark.parametrize("suffix", ["ods", "xls", "xlsx"])
def test_formulas_give_their_result_and_errors_are_unreadable_values(catalogue, suffix):
    table = read_table(DATA / f"erreurs.{suffix}")
    assert table.source_kind == suffix
    assert table.rows == (
        ("SATISFACTION", "2022", "", "80"),  # =40*2
        ("SATISFACTION", "2023", "", "#DIV/0!"),  # =1/0, which calamine reads as empty
    )
    with pytest.raises(UserError, match=r"Ligne 3, colonne « valeur » : .*« #DIV/0! »"):
        _import(catalogue, DATA / f"erreurs.{suffix}")


def test_cells_become_the_text_a_person_would_type(tmp_path):
    import datetime as dt

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["a", "b", "c", "d", "e", "f", "g"])
    sheet.append([2023.0, 93.5, True, dt.datetime(2022, 7, 1), dt.time(12, 30), 0.125, 1e20])
    sheet["F2"].number_format = "0.0%"
    sheet["B4"] = "  texte  "  # line 3 left blank
    path = tmp_path / "cellules.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.rows[0] == ("2023", "93.5", "VRAI", "2022-07-01", "12:30:00", "12.5 %", "1e+20")
    assert table.rows[1] == ()
    assert table.rows[2] == ("", "texte")
    assert table.row_number(2) == 4


def _workbook_with_sheets(path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"  # left empty
    first = workbook.create_sheet("Valeurs 2023")
    first.append(["indicateur", "période", "valeur"])
    first.append(["SATISFACTION", 2023, 91])
    other = workbook.create_sheet("Données 2022")
    other.append(["indicateur", "période", "valeur"])
    other.append(["SATISFACTION", 2022, 88])
    workbook.create_chartsheet("Graphique")
    workbook.save(path)
    return path


def test_a_workbook_offers_its_sheets_and_reads_the_first_holding_something(catalogue, tmp_path):
    path = _workbook_with_sheets(tmp_path / "classeur.xlsx")
    assert sheet_names(path) == ["Notes", "Valeurs 2023", "Données 2022"]
    assert sheet_names(DATA / "valeurs.csv") == []
    table = read_table(path)
    assert (table.sheet, table.rows) == ("Valeurs 2023", (("SATISFACTION", "2023", "91"),))
    assert read_table(path, "données 2022").rows == (("SATISFACTION", "2022", "88"),)
    with pytest.raises(UserError, match=r"pas de feuille « Budget » : choisissez parmi « Notes »"):
        read_table(path, "Budget")
    with pytest.raises(UserError, match="est vide"):
        read_table(path, "Notes")
    _import(catalogue, path, "Données 2022")
    assert ("SATISFACTION", "2022", None, 88.0, None) in _stored(catalogue, {"SATISFACTION"})


def _ods(path, tables: dict[str, str]) -> Path:
    """An OpenDocument spreadsheet written by hand: ``tables`` maps each sheet's name to
    the XML of its rows."""
    body = "".join(
        f'<table:table table:name="{name}">{rows}</table:table>' for name, rows in tables.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def _text(value: str) -> str:
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def _row(*values: str) -> str:
    return "<table:table-row>" + "".join(_text(v) for v in values) + "</table:table-row>"


def test_an_ods_with_several_tables(tmp_path):
    path = _ods(
        tmp_path / "calc.ods",
        {
            "Vide": "<table:table-row><table:table-cell/></table:table-row>",
            "2023": _row("indicateur", "période", "valeur") + _row("SATISFACTION", "2023", "90"),
        },
    )
    assert sheet_names(path) == ["Vide", "2023"]
    assert read_table(path).rows == (("SATISFACTION", "2023", "90"),)


# Hostile workbooks. A guard that failed would let calamine ask for billions of cells:
# the program would end at once (a Rust allocation failure, not an exception), so these
# are read in a child process.


def _refusal(path: Path) -> str:
    code = (
        "import sys\n"
        "from clu_desktop.errors import UserError\n"
        "from clu_desktop.interchange.indicators_table import read_table\n"
        "try:\n    read_table(sys.argv[1])\nexcept UserError as exc:\n    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]  # timeout: a runaway's bound
    return done.stdout.strip()


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx_with_sheet(path: Path, sheet_xml: str, extra: dict[str, bytes] | None = None) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.append(["a"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            target.writestr(info, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "cells",
    [
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="300000"><c r="XFD300000"><v>1</v></c></row>',
        '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>'
        '<row r="200000"><c r="A200000"><v>1</v></c></row>',
        # no references: the cells and rows follow one another
        "<row><c><v>1</v></c></row>"
        + "<row/>" * 60_000
        + "<row>"
        + "<c><v>1</v></c>" * 200
        + "</row>",
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="ZZ1"><x:v>1</x:v></x:c></x:row>'
        '<x:row r="100000"><x:c r="A100000"><x:v>1</x:v></x:c></x:row>',
    ],
    ids=["far-cell", "far-column", "no-references", "prefixed"],
)
def test_an_xlsx_whose_cells_lie_far_apart_is_refused(tmp_path, cells):
    sheet = f'<worksheet xmlns="{NS}" xmlns:x="{NS}"><sheetData>{cells}</sheetData></worksheet>'
    message = _refusal(_xlsx_with_sheet(tmp_path / "loin.xlsx", sheet))
    assert message.startswith("Le fichier « loin.xlsx » a une feuille de "), message
    assert "cellules lues : il est refusé par sécurité" in message


def test_an_xlsx_a_million_lines_long_is_refused(tmp_path):
    cells = (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    )
    sheet = f'<worksheet xmlns="{NS}"><sheetData>{cells}</sheetData></worksheet>'
    message = _refusal(_xlsx_with_sheet(tmp_path / "long.xlsx", sheet))
    assert (
        message
        == "Le fichier « long.xlsx » a plus de 400 000 lignes, vides comprises : il est refusé."
    )


def test_cells_far_away_but_empty_are_ignored(tmp_path):
    """A style given to a far cell (<c r="XFD1048576" s="1"/>) holds nothing."""
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>indicateur</t></is></c></row>'
        '<row r="2"><c r="A2"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" s="1"/></row>'
    )
    sheet = f'<worksheet xmlns="{NS}"><sheetData>{cells}</sheetData></worksheet>'
    assert read_table(_xlsx_with_sheet(tmp_path / "style.xlsx", sheet)).rows == (("1",),)


@pytest.mark.parametrize(
    "rows",
    [
        # a row of 16 384 cells repeated a million times: 17 billion cells
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
        'table:number-columns-repeated="16384" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row>",
        # empty rows and cells repeated up to one last cell
        _row("a") + '<table:table-row table:number-rows-repeated="300000"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row><table:table-row>'
        '<table:table-cell table:number-columns-repeated="16000"/>'
        + _text("x")
        + "</table:table-row>",
        # 40 000 lines of 200 columns, all said in one row
        '<table:table-row table:number-rows-repeated="40000"><table:table-cell '
        'table:number-columns-repeated="200" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>",
    ],
    ids=["repeated-values", "repeated-empty-then-value", "wide-repeat"],
)
def test_an_ods_whose_repeated_rows_make_billions_of_cells_is_refused(tmp_path, rows):
    path = _ods(tmp_path / "repete.ods", {"Feuille": rows, "Autre": _row("b")})
    message = _refusal(path)
    assert message.startswith("Le fichier « repete.ods » a "), message
    assert "il est refusé" in message


def test_an_ods_with_trailing_empty_repeats_is_read(tmp_path):
    """What LibreOffice writes after the last line: empty rows repeated to the end."""
    rows = (
        _row("indicateur", "période", "valeur")
        + _row("SATISFACTION", "2023", "90")
        + '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
    )
    assert read_table(_ods(tmp_path / "fin.ods", {"F": rows})).rows == (
        ("SATISFACTION", "2023", "90"),
    )


def _patched_xls(tmp_path: Path, name: str, record: bytes, values: bytes, at: int = 4) -> Path:
    """valeurs.xls with the first ``record`` (type and length) given ``values`` at
    ``at`` bytes into its body: LibreOffice keeps this small stream in one piece."""
    data = bytearray((DATA / "valeurs.xls").read_bytes())
    start = data.index(record)
    data[start + at : start + at + len(values)] = values
    path = tmp_path / name
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("record", "values"),
    [
        (b"\xfd\x00\x0a\x00", struct.pack("<HH", 65535, 65535)),  # a LABELSST cell far away
        (b"\xfd\x00\x0a\x00", struct.pack("<HH", 60000, 250)),
        (b"\x00\x02\x0e\x00", struct.pack("<IIHH", 0, 0xFFFFFFF0, 0, 0xFFF0)),  # DIMENSIONS
    ],
    ids=["far-cell", "far-in-grid", "dimensions"],
)
def test_an_xls_whose_sheet_would_be_huge_is_refused(tmp_path, record, values):
    message = _refusal(_patched_xls(tmp_path, "loin.xls", record, values))
    assert message.startswith("Le fichier « loin.xls » a une feuille "), message
    assert "cellules lues : il est refusé par sécurité" in message


@pytest.mark.timeout(60)  # only bounds a runaway: the refusal comes before any unpacking
@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path, suffix):
    """A part that unpacks hundreds of times its size: huge shared strings, or a
    content.xml of spaces."""
    source = DATA / f"valeurs.{suffix}"
    part = "xl/sharedStrings.xml" if suffix == "xlsx" else "content.xml"
    path = tmp_path / f"bombe.{suffix}"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as target:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == part:
                data = data.replace(b"<", b" " * 50_000_000 + b"<", 1)
            target.writestr(info, data, zipfile.ZIP_DEFLATED)
    with pytest.raises(UserError, match="trop gros une fois décompressé"):
        read_table(path)


@pytest.mark.parametrize("suffix", ["ods", "xlsx"])
def test_xml_entities_are_refused_in_every_format(tmp_path, suffix):
    part = "content.xml" if suffix == "ods" else "xl/sharedStrings.xml"
    doctype = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    path = tmp_path / f"entites.{suffix}"
    with (
        zipfile.ZipFile(DATA / f"valeurs.{suffix}") as original,
        zipfile.ZipFile(path, "w") as target,
    ):
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == part:
                data = data.replace(b"?>", b"?>" + doctype, 1)
            target.writestr(info, data)
    with pytest.raises(UserError, match="contient des déclarations XML interdites"):
        read_table(path)


@pytest.mark.parametrize("suffix", ["ods", "xls", "xlsx"])
def test_a_truncated_workbook_is_refused_in_french(tmp_path, suffix):
    data = (DATA / f"valeurs.{suffix}").read_bytes()
    path = tmp_path / f"coupe.{suffix}"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match=rf"« coupe.{suffix} » est abîmé ou incomplet"):
        read_table(path)


def test_other_workbook_formats_are_named(tmp_path):
    xlsb = tmp_path / "binaire.xlsb"
    with zipfile.ZipFile(xlsb, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\0")
    with pytest.raises(UserError, match=r"Excel binaire \(.xlsb\) : enregistrez-le au format"):
        read_table(xlsb)
    renamed = tmp_path / "valeurs.csv"
    shutil.copy(DATA / "valeurs.ods", renamed)  # a workbook named .csv: read as a workbook
    assert read_table(renamed).source_kind == "ods"


@pytest.mark.parametrize(
    "target",
    [
        "worksheets\\sheet1.xml",
        "/xl/worksheets/sheet1.xml",
        "../xl/worksheets/sheet1.xml",
        "Worksheets/Sheet1.xml",
        "./worksheets/sheet1.xml",
    ],
)
def test_a_sheet_named_oddly_by_the_relationships_is_still_measured(tmp_path, target):
    """calamine may find a sheet part the relationships name in a way the scan does not
    resolve: the scan then measures every part, never none."""
    cells = (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="300000"><c r="XFD300000"><v>1</v></c></row>'
    )
    sheet = f'<worksheet xmlns="{NS}"><sheetData>{cells}</sheetData></worksheet>'
    source = _xlsx_with_sheet(tmp_path / "base.xlsx", sheet)
    path = tmp_path / "relations.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as archive:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"/xl/worksheets/sheet1.xml", target.encode())
                data = data.replace(b'"worksheets/sheet1.xml"', f'"{target}"'.encode())
            archive.writestr(info.filename, data)
    message = _refusal(path)
    assert message.startswith("Le fichier « relations.xlsx » "), message
    assert "il est refusé" in message or "abîmé" in message


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def test_an_xls_sheet_is_measured_where_its_boundsheet_record_says():
    """calamine reads a sheet from the position its BOUNDSHEET record gives: a sheet
    hidden inside another record's body, which a walk from record to record never meets,
    is measured all the same."""
    from clu_desktop.interchange.workbook_scan import scan_xls

    hidden = (
        _record(0x0809, struct.pack("<HH", 0x0600, 0x0010) + bytes(12))  # BOF: a worksheet
        + _record(0x00FD, struct.pack("<HHHI", 65535, 65535, 0, 0))  # a cell far away
        + _record(0x000A, b"")
    )
    globals_ = _record(0x0809, struct.pack("<HH", 0x0600, 0x0005) + bytes(12))
    name = struct.pack("<BB", 1, 0) + b"F"
    boundsheet = len(_record(0x0085, struct.pack("<I2B", 0, 0, 0) + name))
    hidden_at = len(globals_) + boundsheet + len(_record(0x000A, b"")) + 4
    stream = (
        globals_
        + _record(0x0085, struct.pack("<I2B", hidden_at, 0, 0) + name)
        + _record(0x000A, b"")
        + _record(0x003C, hidden)  # a CONTINUE record carrying the sheet in its body
    )
    assert stream[hidden_at : hidden_at + 2] == b"\x09\x08"
    (sheet,) = scan_xls(stream)
    assert (sheet.rows, sheet.columns) == (65536, 65536)


def test_a_workbook_saved_with_a_password_is_named_so(tmp_path):
    ods = tmp_path / "secret.ods"
    with zipfile.ZipFile(DATA / "valeurs.ods") as original, zipfile.ZipFile(ods, "w") as target:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "content.xml":
                data = bytes(range(256)) * 40  # ciphered
            elif info.filename == "META-INF/manifest.xml":
                data = data.replace(
                    b"</manifest:manifest>",
                    b'<manifest:file-entry manifest:full-path="content.xml"><manifest:'
                    b"encryption-data/></manifest:file-entry></manifest:manifest>",
                )
            target.writestr(info, data)
    xls = _patched_xls(tmp_path, "secret.xls", b"\xe0\x00\x14\x00", b"\x2f\x00", at=0)  # FILEPASS
    for path in (ods, xls):
        with pytest.raises(UserError, match="est protégé par un mot de passe : enregistrez-en"):
            read_table(path)


def test_the_line_limit_holds_for_an_ods_too(tmp_path):
    """200,002 lines said in one repeated row: within the scan's limits, beyond the
    import's 200,000 lines."""
    rows = _row("indicateur", "période", "valeur") + _row("SATISFACTION", "2023", "90").replace(
        "<table:table-row>", '<table:table-row table:number-rows-repeated="200002">'
    )
    with pytest.raises(UserError, match=r"lignes\.ods » a plus de 200 000 lignes : il est refusé"):
        read_table(_ods(tmp_path / "lignes.ods", {"F": rows}))
