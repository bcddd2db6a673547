"""Reading a 200,000-line workbook for the indicator import (target < 10 s), measured
in-process; not a timed test.

Writes a 200,000-line .xlsx (openpyxl) and .ods (written directly, as LibreOffice lays it
out: one cell element per value, a percentage column), then times, as the median of
ROUNDS reads each:

- ``read_table`` (calamine, after workbook_scan's measure of the sheet): what the import
  does;
- calamine alone (no scan, no text): what the scan and the text conversion cost;
- openpyxl in read-only mode, the reader used before (.xlsx only), for comparison.

With LibreOffice installed (``soffice``), a 65,000-line .xls made from a CSV is timed too
(.xls holds at most 65,536 lines).

    python benchmarks/indicators_read.py [FOLDER] [--rounds N]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

LINES = 200_000
XLS_LINES = 65_000
TARGET_S = 10.0
CODES = ("SATISFACTION", "PAN-USAGE", "TEL-TRIM", "ACCUEIL-MOIS", "TITRES-DELAI")
HEADERS = ("indicateur", "période", "site", "valeur", "commentaire")


def _line(i: int) -> tuple[str, int, str, float, str]:
    site = "Sous-préfecture de Langres" if i % 3 else ""
    return CODES[i % 5], 2000 + i % 30, site, (i * 37 % 1000) / 10, f"ligne {i}" if i % 7 else ""


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Valeurs")
    sheet.append(HEADERS)
    for i in range(LINES):
        code, year, site, value, comment = _line(i)
        cell = WriteOnlyCell(sheet, value=value / 100)
        cell.number_format = "0.0%"
        sheet.append([code, year, site, cell, comment])
    book.save(path)


def write_ods(path: Path) -> None:
    def text(value: str) -> str:
        if not value:
            return "<table:table-cell/>"
        cell = '<table:table-cell office:value-type="string">'
        return f"{cell}<text:p>{value}</text:p></table:table-cell>"

    rows = ["<table:table-row>" + "".join(text(h) for h in HEADERS) + "</table:table-row>"]
    for i in range(LINES):
        code, year, site, value, comment = _line(i)
        rows.append(
            "<table:table-row>"
            + text(code)
            + f'<table:table-cell office:value-type="float" office:value="{year}">'
            f"<text:p>{year}</text:p></table:table-cell>"
            + text(site)
            + f'<table:table-cell office:value-type="percentage" office:value="{value / 100}">'
            f"<text:p>{value} %</text:p></table:table-cell>" + text(comment) + "</table:table-row>"
        )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Valeurs">'
        + "".join(rows)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
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


def write_xls(folder: Path) -> Path | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    source = folder / "valeurs-xls.csv"
    with source.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(HEADERS)
        for i in range(XLS_LINES):
            code, year, site, value, comment = _line(i)
            writer.writerow([code, year, site, f"{value} %".replace(".", ","), comment])
    command = [soffice, "--headless", "--infilter=CSV:59,34,76,1,,1036", "--convert-to", "xls"]
    subprocess.run(
        [*command, "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return folder / "valeurs-xls.xls"


def read_with_clu(path: Path) -> int:
    from clu_desktop.interchange.indicators_table import read_table

    return len(read_table(path).rows)


def read_with_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as book:
        return len(book.get_sheet_by_index(0).to_python(skip_empty_area=False)) - 1


def read_with_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
    finally:
        book.close()


def median_time(read, path: Path, rounds: int) -> tuple[float, float, int]:
    """The median wall-clock and processor times of ``rounds`` reads, and the lines read:
    on a machine busy with other work the wall-clock time is the longer."""
    walls, cpus, lines = [], [], 0
    for _ in range(rounds):
        began, began_cpu = time.perf_counter(), time.process_time()
        lines = read(path)
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - began_cpu)
    return statistics.median(walls), statistics.median(cpus), lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="clu-read-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = {"xlsx": folder / "valeurs.xlsx", "ods": folder / "valeurs.ods"}
    for kind, write in (("xlsx", write_xlsx), ("ods", write_ods)):
        if not files[kind].exists():
            began = time.perf_counter()
            write(files[kind])
            print(f"{files[kind].name} écrit en {time.perf_counter() - began:.1f} s", flush=True)
    xls = folder / "valeurs-xls.xls"
    if not xls.exists():
        xls = write_xls(folder) or xls
    if xls.exists():
        files["xls"] = xls
    readers = [("read_table", read_with_clu), ("calamine seul", read_with_calamine)]
    worst = 0.0
    for kind, path in files.items():
        size = path.stat().st_size / 1e6
        for name, read in [*readers, *([("openpyxl", read_with_openpyxl)] * (kind == "xlsx"))]:
            seconds, cpu, lines = median_time(read, path, args.rounds)
            if name == "read_table":
                worst = max(worst, seconds)
            print(
                f"{kind:4} {size:5.1f} Mo {lines:7} lignes  {name:14} {seconds:6.2f} s "
                f"(processeur {cpu:5.2f} s ; médianes de {args.rounds})",
                flush=True,
            )
    verdict = "tenu" if worst < TARGET_S else "DÉPASSÉ"
    print(f"Objectif < {TARGET_S:.0f} s par fichier : {verdict} (pire : {worst:.2f} s).")


if __name__ == "__main__":
    main()
