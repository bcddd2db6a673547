"""How long the files made to hurt take to be refused (the tests of tests/hostile/ only
check that each is refused, with a bound on a runaway; the time is measured here).

Each file is made once in FOLDER, then imported into a database holding the demo
meeting, several rounds; the median and the worst are printed. Target: under 2 s each
(a refusal reads no more than it needs to), 8 s for the million blank rows.

    python benchmarks/refusals.py [FOLDER]   # the database and files go in FOLDER
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_table import read_table
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.indicators.files import import_file as import_values
from clu_desktop.services.meetings.files import import_file as import_meeting
from clu_desktop.services.meetings.files import load_demo
from clu_desktop.store.migrate import open_database

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROUNDS = 3


def workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["indicateur", "période", "valeur"])
    for year in range(2000, 2030):
        workbook.active.append(["SATISFACTION", str(year), "90"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet(path: Path, write: Callable[[io.RawIOBase], None]) -> Path:
    """A real workbook whose first sheet ``write`` writes."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info.filename))
                continue
            with target.open(info.filename, "w", force_zip64=True) as sheet:
                write(sheet)
    return path


def blank_rows(count: int) -> Callable[[io.RawIOBase], None]:
    def write(sheet) -> None:
        sheet.write(f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode())
        for _ in range(count // 100_000):
            sheet.write(b"<row/>" * 100_000)
        sheet.write(b"</sheetData></worksheet>")

    return write


def laughs(sheet) -> None:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    sheet.write(
        f'<?xml version="1.0"?>\n<!DOCTYPE worksheet [{entities}]>\n'
        f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>&lol9;</t></is></c></row></sheetData></worksheet>".encode()
    )


def make_files(folder: Path) -> list[tuple[str, Path, Callable]]:
    demo = json.loads(resource_path(*DEMO_MEETING).read_bytes())
    records = json.loads(json.dumps(demo))
    person = {"civility": "M.", "first_name": "Jean" * 10, "last_name": "DUPONT" * 10}
    records["people"] += [{"id": f"x-{i}", **person, "function": "f" * 150} for i in range(160_000)]
    (folder / "enorme.json").write_text(json.dumps(records), "utf-8")
    text = json.loads(json.dumps(demo))
    text["meeting"]["agenda"][0]["minutes_text"] = "<b>&amp;" * (7 * 2**20)
    (folder / "long.json").write_text(json.dumps(text), "utf-8")
    with (folder / "geant.json").open("wb") as file:
        file.truncate(301 * 2**20)
    with (folder / "enorme.csv").open("wb") as file:
        file.write(b"indicateur;p\xc3\xa9riode;valeur\n")
        file.truncate(51 * 2**20)
    (folder / "lignes.csv").write_bytes(
        b"indicateur;periode;valeur\n" + b"SATISFACTION;2023;90\n" * 2_000_000
    )
    return [
        ("JSON, 50 Mo d'enregistrements", folder / "enorme.json", import_meeting),
        ("JSON, un texte de 50 Mo", folder / "long.json", import_meeting),
        ("JSON, 301 Mo (creux)", folder / "geant.json", import_meeting),
        (
            "xlsx, bombe de 120 Mo",
            with_sheet(folder / "bombe.xlsx", blank_rows(20_000_000)),
            import_values,
        ),
        (
            "xlsx, 600 000 lignes vides",
            with_sheet(folder / "vide.xlsx", blank_rows(600_000)),
            import_values,
        ),
        (
            "xlsx, un milliard de « lol »",
            with_sheet(folder / "rires.xlsx", laughs),
            lambda _session, path: read_table(path),
        ),
        ("CSV, 51 Mo", folder / "enorme.csv", import_values),
        ("CSV, 2 millions de lignes", folder / "lignes.csv", import_values),
    ]


def main(folder: Path) -> int:
    db = open_database(folder / "clu.sqlite")
    with db.transaction() as session:
        load_demo(session)
    print(f"{'fichier':<32} {'médiane':>9} {'pire':>9}")
    for name, path, importer in make_files(folder):
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            try:
                with db.transaction() as session:
                    importer(session, path)
            except UserError:
                times.append(time.perf_counter() - started)
            else:
                print(f"{name}: accepted, not refused")
                return 1
        print(f"{name:<32} {statistics.median(times):>8.2f}s {max(times):>8.2f}s")
    db.dispose()
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(main(Path(sys.argv[1])))
    with tempfile.TemporaryDirectory() as folder:
        sys.exit(main(Path(folder)))
