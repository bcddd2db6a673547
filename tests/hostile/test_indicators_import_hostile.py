"""Indicator values from a CSV file or a workbook carrying hostile cells: every line is
imported, or the file is refused in French and the database is left as it was."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import pytest
from dump import dump
from hostile_text import FORMULA, hostile_text, printable_words
from hypothesis import event, given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select

from clu_desktop.domain import Indicator, IndicatorValue
from clu_desktop.errors import UserError
from clu_desktop.services.indicators.files import import_file

HEADERS = ["indicateur", "période", "site", "valeur", "commentaire", "source"]


@st.composite
def tables(draw):
    """Lines of the demo's SATISFACTION indicator, one year each, some cells hostile."""
    years = draw(st.lists(st.integers(2000, 2030), min_size=1, max_size=6, unique=True))
    cell = st.one_of(hostile_text(4), st.sampled_from(FORMULA))
    rows = []
    for year in years:
        row = ["SATISFACTION", str(year), "", str(draw(st.integers(0, 100))), "", ""]
        row[4] = draw(st.one_of(st.just(""), cell))
        row[5] = draw(st.one_of(st.just(""), cell.map(lambda t: t[:200])))
        if draw(st.integers(0, 9)) == 0:  # now and then a hostile indicator, period or value
            row[draw(st.sampled_from([0, 1, 3]))] = draw(cell)
        rows.append(row)
    return rows


def _csv_file(folder, rows):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";").writerows([HEADERS, *rows])
    path = folder / "valeurs.csv"
    path.write_text(buffer.getvalue(), "utf-8", newline="")
    return path


def _xlsx_file(folder, rows):
    workbook = openpyxl.Workbook()
    for row in [HEADERS, *rows]:
        # Characters XML 1.0 cannot hold never reach a real workbook: Excel drops them.
        workbook.active.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    path = folder / "valeurs.xlsx"
    workbook.save(path)
    return path


def _ods_file(folder, rows):
    """An OpenDocument spreadsheet, its cells as text, as LibreOffice writes them."""
    table = "".join(
        "<table:table-row>"
        + "".join(
            '<table:table-cell office:value-type="string"><text:p>'
            f"{escape(ILLEGAL_CHARACTERS_RE.sub('', cell))}</text:p></table:table-cell>"
            for cell in row
        )
        + "</table:table-row>"
        for row in [HEADERS, *rows]
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:spreadsheet><table:table table:name="Valeurs">{table}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    path = folder / "valeurs.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
    return path


def _values(db) -> dict[str, IndicatorValue]:
    with db.reading() as session:
        query = (
            select(IndicatorValue)
            .join(Indicator)
            .where(Indicator.code == "SATISFACTION", IndicatorValue.site_id.is_(None))
        )
        return {value.period: value for value in session.scalars(query)}


def _check(db, path, rows) -> None:
    before = dump(db)
    try:
        with db.transaction() as session:
            report = import_file(session, path)
    except UserError as exc:
        event("refusé")
        assert str(exc).startswith(("Le fichier", "Ligne", "Choisissez", "La ")), str(exc)
        assert dump(db) == before
        return
    event("importé")
    assert report.rows == len(rows)
    stored = _values(db)
    for row in rows:
        value = stored[row[1]]
        assert value.value == float(row[3])
        for word in printable_words(row[4]):
            assert word in (value.comment or ""), word


@pytest.mark.parametrize("writer", [_csv_file, _xlsx_file, _ods_file], ids=["csv", "xlsx", "ods"])
@given(rows=tables())
def test_hostile_cells_are_imported_whole_or_refused(writer, rows, demo_db, tmp_path):
    _check(demo_db, writer(tmp_path, rows), rows)
