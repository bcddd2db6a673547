"""How the indicator services hold up on a large catalogue, measured in-process.

Builds a database of 200 monthly indicators followed for 20 years on 5 sites (240,000
values, inserted with SQLAlchemy Core executemany), then times the services the
Indicateurs page calls — list_indicators, value_grid and chart_series for one indicator
(target < 200 ms each) — and the import of a generated 10,000-line CSV file (half new
values, half replacing existing ones; target < 5 s, read + check + write + commit).

    python benchmarks/indicators_scale.py [FOLDER]   # the database goes in FOLDER
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from clu_desktop.domain import Direction, Indicator, IndicatorValue, Periodicity, Site
from clu_desktop.domain.indicators import indicator_site
from clu_desktop.rules.indicators import shift_period
from clu_desktop.services.indicators.catalogue import list_indicators
from clu_desktop.services.indicators.files import guess_mapping, import_values, read_table
from clu_desktop.services.indicators.values import chart_series, value_grid
from clu_desktop.store.migrate import open_database

INDICATORS = 200
SITES = ("Préfecture", "Sous-préfecture A", "Sous-préfecture B", "France Services C", "PAN D")
FIRST_MONTH, MONTHS = "2004-01", 20 * 12
IMPORT_INDICATORS, IMPORT_MONTHS = 50, 40  # × 5 sites = 10,000 lines
READ_TARGET_MS, IMPORT_TARGET_S = 200.0, 5.0
ROUNDS = 15


def build(db) -> float:
    began = time.perf_counter()
    months = [shift_period(FIRST_MONTH, i) for i in range(MONTHS)]
    with db.engine.begin() as connection:
        connection.execute(
            insert(Site.__table__),
            [{"id": i + 1, "name": n, "position": i} for i, n in enumerate(SITES)],
        )
        connection.execute(
            insert(Indicator.__table__),
            [
                {
                    "id": i,
                    "code": f"IND-{i:03d}",
                    "name": f"indicateur de démonstration n° {i}",
                    "category": f"Catégorie {i % 7}",
                    "unit": "%" if i % 2 else "nombre",
                    "direction": Direction.HIGHER_IS_BETTER,
                    "target": 90.0 if i % 2 else None,
                    "periodicity": Periodicity.MONTH,
                    "position": i,
                }
                for i in range(1, INDICATORS + 1)
            ],
        )
        connection.execute(
            insert(indicator_site),
            [
                {"indicator_id": i, "site_id": s}
                for i in range(1, INDICATORS + 1)
                for s in range(1, len(SITES) + 1)
            ],
        )
        for i in range(1, INDICATORS + 1):
            connection.execute(
                insert(IndicatorValue.__table__),
                [
                    {
                        "indicator_id": i,
                        "period": month,
                        "site_id": s,
                        "value": float((i * 7 + m * 3 + s * 11) % 100),
                        "is_example": False,
                    }
                    for m, month in enumerate(months)
                    for s in range(1, len(SITES) + 1)
                ],
            )
    return time.perf_counter() - began


def write_csv(path: Path) -> int:
    """Half the months already hold values (replaced), half are new."""
    start = shift_period(FIRST_MONTH, MONTHS - IMPORT_MONTHS // 2)
    lines = ["indicateur;période;site;valeur;commentaire"]
    for i in range(1, IMPORT_INDICATORS + 1):
        for m in range(IMPORT_MONTHS):
            year, month = shift_period(start, m).split("-")
            for site in SITES:
                value = f"{(i + m) % 100},5 %" if i % 2 else f"1 {m:03d}"
                lines.append(f"IND-{i:03d};{month}/{year};{site};{value};import")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return len(lines) - 1


def write_xlsx(csv_path: Path, path: Path) -> None:
    """The same lines as a workbook (values as typed text, as in the CSV file)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for line in csv_path.read_text("utf-8-sig").splitlines():
        sheet.append(line.split(";"))
    workbook.save(path)


def timed(samples: list[float], action) -> None:
    began = time.perf_counter()
    action()
    samples.append((time.perf_counter() - began) * 1000)


def report(name: str, samples: list[float], target: float, unit: str = "ms") -> bool:
    median, worst = statistics.median(samples), max(samples)
    ok = median < target
    print(
        f"{name:<34} median {median:8.1f} {unit}   max {worst:8.1f} {unit}   "
        f"n={len(samples):<3} target < {target:g} {unit}  {'ok' if ok else 'SLOW'}"
    )
    return ok


def measure(folder: Path) -> bool:
    db = open_database(folder / "indicators.sqlite")
    try:
        seconds = build(db)
        print(
            f"{INDICATORS} indicators × {MONTHS} months × {len(SITES)} sites = "
            f"{INDICATORS * MONTHS * len(SITES):,} values, built in {seconds:.1f} s"
        )
        lists, grids, last, charts = [], [], [], []
        for round_ in range(ROUNDS):
            indicator_id = 1 + (round_ * 37) % INDICATORS
            with db.reading() as s:
                timed(lists, lambda s=s: list_indicators(s))
            with db.reading() as s:
                timed(grids, lambda s=s, i=indicator_id: value_grid(s, i))
            with db.reading() as s:
                timed(last, lambda s=s, i=indicator_id: value_grid(s, i, last_periods=24))
            with db.reading() as s:
                timed(charts, lambda s=s, i=indicator_id: chart_series(s, i))
        ok = report("list_indicators (200)", lists, READ_TARGET_MS)
        ok &= report("value_grid (1,200 values)", grids, READ_TARGET_MS)
        ok &= report("value_grid, last 24 periods", last, READ_TARGET_MS)
        ok &= report("chart_series (1,200 values)", charts, READ_TARGET_MS)

        csv_path = folder / "valeurs.csv"
        lines = write_csv(csv_path)
        imports = []
        for _ in range(3):
            began = time.perf_counter()
            with db.transaction() as s:
                table = read_table(csv_path)
                result = import_values(s, table, guess_mapping(table.headers))
            imports.append(time.perf_counter() - began)
            print(
                f"  import of {lines:,} lines: {imports[-1]:.2f} s "
                f"({result.added:,} added, {result.updated:,} updated)"
            )
        ok &= report("import of a 10,000-line CSV", imports, IMPORT_TARGET_S, "s")
        xlsx_path = folder / "valeurs.xlsx"
        write_xlsx(csv_path, xlsx_path)
        workbooks = []
        for _ in range(3):
            began = time.perf_counter()
            with db.transaction() as s:
                table = read_table(xlsx_path)
                import_values(s, table, guess_mapping(table.headers))
            workbooks.append(time.perf_counter() - began)
        ok &= report("import of a 10,000-line .xlsx", workbooks, IMPORT_TARGET_S, "s")
        return ok
    finally:
        db.dispose()


def main(argv: list[str]) -> int:
    if argv:
        ok = measure(Path(argv[0]))
    else:
        with tempfile.TemporaryDirectory() as folder:
            ok = measure(Path(folder))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
