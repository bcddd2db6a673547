"""Files made to hurt: empty, huge, truncated anywhere, zip bombs. Each is refused with
a French message, without running away (benchmarks/refusals.py times the refusals), and
nothing is imported.

The billion-laughs workbook (entities in sharedStrings.xml or in a sheet) is
tests/interchange/test_indicators_import.py::test_a_billion_laughs_workbook_is_refused.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import zipfile

import openpyxl
import pytest
from dump import dump
from hypothesis import given, settings
from hypothesis import strategies as st

from clu_desktop.errors import UserError
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.indicators.files import import_file as import_values_file
from clu_desktop.services.meetings.files import import_file as import_meeting_file

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


#: Each refusal takes at most a few seconds here (benchmarks/refusals.py times them):
#: past two minutes, the importer is unpacking or reading what it should refuse unread.
RUNAWAY_S = 120


@contextlib.contextmanager
def runaway_bound():
    """Fail the test (TimeoutError) if the block runs away: longer than ``RUNAWAY_S``.
    A bound on a runaway, not a speed asserted: speed is for benchmarks/."""

    def expired(*_):
        raise TimeoutError(f"plus de {RUNAWAY_S} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, RUNAWAY_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refused(db, path, importer) -> str:
    """Import ``path``; it must be refused in French, without running away, nothing
    changed."""
    before = dump(db)
    with runaway_bound(), pytest.raises(UserError) as caught, db.transaction() as session:
        importer(session, path)
    assert dump(db) == before
    message = str(caught.value)
    assert path.name in message and "Error" not in message, message
    return message


# -- meeting files ---------------------------------------------------------------------


def demo_bytes() -> bytes:
    return resource_path(*DEMO_MEETING).read_bytes()


@settings(max_examples=15)
# Cut inside the JSON: removing only the final newline leaves a whole file.
@given(cut=st.integers(0, len(demo_bytes().rstrip()) - 1))
def test_a_truncated_meeting_file_is_refused(cut, db, tmp_path):
    path = tmp_path / "coupe.json"
    path.write_bytes(demo_bytes()[:cut])
    message = refused(db, path, import_meeting_file)
    assert "JSON mal formé" in message or "vide" in message or "UTF-8" in message


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xef\xbb\xbf"])
def test_an_empty_meeting_file_is_refused(content, db, tmp_path):
    path = tmp_path / "vide.json"
    path.write_bytes(content)
    assert "vide" in refused(db, path, import_meeting_file)


def test_fifty_megabytes_of_records_are_refused(db, tmp_path):
    data = json.loads(demo_bytes())
    person = {"civility": "M.", "first_name": "Jean" * 10, "last_name": "DUPONT" * 10}
    data["people"] += [{"id": f"x-{i}", **person, "function": "f" * 150} for i in range(160_000)]
    path = tmp_path / "enorme.json"
    path.write_text(json.dumps(data), "utf-8")
    assert path.stat().st_size > 50 * 2**20
    assert "trop d'enregistrements" in refused(db, path, import_meeting_file)


def test_a_fifty_megabyte_text_is_refused(db, tmp_path):
    data = json.loads(demo_bytes())
    data["meeting"]["agenda"][0]["minutes_text"] = "<b>&amp;" * (7 * 2**20)
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data), "utf-8")
    assert "texte trop long" in refused(db, path, import_meeting_file)


def test_a_file_over_the_size_limit_is_not_even_read(db, tmp_path):
    path = tmp_path / "geant.json"
    with path.open("wb") as file:
        file.truncate(301 * 2**20)  # sparse: nothing written to the disk
    assert "fichier trop gros" in refused(db, path, import_meeting_file)


# -- indicator values ------------------------------------------------------------------


def workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["indicateur", "période", "valeur"])
    for year in range(2000, 2030):
        workbook.active.append(["SATISFACTION", str(year), "90"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@settings(max_examples=15)
@given(cut=st.integers(0, len(workbook_bytes()) - 1))
def test_a_truncated_workbook_is_refused(cut, demo_db, tmp_path):
    path = tmp_path / "coupe.xlsx"
    path.write_bytes(workbook_bytes()[:cut])
    refused(demo_db, path, import_values_file)


def bomb(path, blank_rows: int):
    """A real workbook whose sheet holds ``blank_rows`` empty rows: 100 million of them
    unpack to 600 Mo from a file of a few hundred ko."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info.filename))
                continue
            with target.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode())
                chunk = b"<row/>" * 100_000
                for _ in range(blank_rows // 100_000):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return path


def test_a_zip_bomb_workbook_is_refused_without_unpacking_it(demo_db, tmp_path):
    path = bomb(tmp_path / "bombe.xlsx", 20_000_000)  # 120 Mo of XML in 180 ko
    assert path.stat().st_size < 300_000
    assert "anormalement compressé" in refused(demo_db, path, import_values_file)


def test_a_million_blank_rows_are_refused(demo_db, tmp_path):
    path = bomb(tmp_path / "vide.xlsx", 600_000)  # 3.6 Mo: below the bomb's floor
    # Blank rows hold nothing: the reader (calamine) skips them, the file is empty.
    assert "est vide" in refused(demo_db, path, import_values_file)


def test_a_huge_csv_file_is_refused_by_its_size(demo_db, tmp_path):
    path = tmp_path / "enorme.csv"
    with path.open("wb") as file:
        file.write(b"indicateur;p\xc3\xa9riode;valeur\n")
        file.truncate(51 * 2**20)
    assert "dépasse 50 Mo" in refused(demo_db, path, import_values_file)


def test_forty_megabytes_of_lines_are_refused(demo_db, tmp_path):
    path = tmp_path / "lignes.csv"
    path.write_bytes(b"indicateur;periode;valeur\n" + b"SATISFACTION;2023;90\n" * 2_000_000)
    assert "plus de 200 000 lignes" in refused(demo_db, path, import_values_file)
