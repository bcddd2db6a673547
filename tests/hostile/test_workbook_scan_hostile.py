"""The measure taken before calamine reads a sheet (interchange/workbook_scan.py) never
falls short of what calamine lays out: for sheets of cells placed anywhere, with or
without references, repeated (OpenDocument), styled but empty, the scan's extent covers
every line and column calamine returns. Were it short, a hostile file could slip a
billion-cell sheet past the limits."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from clu_desktop.interchange.workbook_scan import scan_ods, scan_xlsx_sheet

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _letters(column: int) -> str:
    text = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


@st.composite
def xlsx_rows(draw):
    """Rows of <c> elements: referenced or not, valued or styled-empty, prefixed or not."""
    prefix = draw(st.sampled_from(["", "x:"]))
    rows, row = [], 0
    for _ in range(draw(st.integers(0, 6))):
        row += draw(st.integers(1, 300))
        cells, column = [], -1
        for _ in range(draw(st.integers(0, 5))):
            column += draw(st.integers(1, 40))
            # without a reference, calamine places the cell after the previous one
            ref = f' r="{_letters(column)}{row}"' if draw(st.booleans()) else ""
            if draw(st.integers(0, 3)) == 0:
                cells.append(f'<{prefix}c{ref} s="1"/>')
            else:
                cells.append(f"<{prefix}c{ref}><{prefix}v>1</{prefix}v></{prefix}c>")
        row_ref = f' r="{row}"' if draw(st.booleans()) else ""
        rows.append(f"<{prefix}row{row_ref}>{''.join(cells)}</{prefix}row>")
    return prefix, "".join(rows)


def _xlsx(sheet_xml: str) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["a"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            target.writestr(info, data)
    return out.getvalue()


def _calamine_extent(data: bytes) -> tuple[int, int]:
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
        values = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    filled = [(r, c) for r, row in enumerate(values) for c, value in enumerate(row) if value != ""]
    if not filled:
        return 0, 0
    return max(r for r, _ in filled) + 1, max(c for _, c in filled) + 1


@given(xlsx_rows())
def test_the_xlsx_scan_covers_what_calamine_reads(case):
    prefix, rows = case
    namespace = f'xmlns:x="{NS}"' if prefix else f'xmlns="{NS}"'
    root = f"{prefix}worksheet"
    sheet = f"<{root} {namespace}><{prefix}sheetData>{rows}</{prefix}sheetData></{root}>"
    data = _xlsx(sheet)
    with (
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        archive.open("xl/worksheets/sheet1.xml") as stream,
    ):
        scan = scan_xlsx_sheet(stream, frozenset())
    height, width = _calamine_extent(data)
    assert scan.rows >= height and scan.columns >= width, (scan, height, width)


VALUE = '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'


@st.composite
def ods_rows(draw):
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            repeat = draw(st.integers(1, 30))
            attribute = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
            if draw(st.booleans()):
                cells.append(f"<table:table-cell{attribute}/>")
            else:
                cells.append(VALUE.replace("<table:table-cell", f"<table:table-cell{attribute}", 1))
                cells.append("</table:table-cell>")
        repeat = draw(st.integers(1, 50))
        attribute = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
        rows.append(f"<table:table-row{attribute}>{''.join(cells)}</table:table-row>")
    return "".join(rows)


def _ods(rows: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:spreadsheet><table:table table:name="F">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


@given(ods_rows())
def test_the_ods_scan_covers_what_calamine_reads(rows):
    data = _ods(rows)
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as stream:
        (scan,) = scan_ods(stream)
    height, width = _calamine_extent(data)
    assert scan.rows >= height and scan.columns >= width, (scan, height, width)
