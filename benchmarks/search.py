"""How fast the search across the years answers on the twenty-year database.

Times ``services.search.search_meetings`` (in-process) for queries that match every
meeting, a few, one name without its accents, two words, and nothing; then the search
field of the main window, from the search to the results painted (offscreen); then what
the index costs a save (an agenda item's minutes text, rolled back). Target: 100 ms.

    python benchmarks/make_large_db.py /tmp/clu-20-years.sqlite
    python benchmarks/search.py /tmp/clu-20-years.sqlite        # or a PostgreSQL URL
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clu_desktop.services.search import search_meetings
from clu_desktop.store.migrate import open_database

TARGET_MS = 100.0
QUERIES = {
    "every meeting (« label »)": "label",
    "a name without accents (« begue527 »)": "begue527",
    "a name's beginning (« begu »)": "begu",
    "two words (« qualité usagers »)": "qualité usagers",
    "a title (« séance 41 »)": "séance 41",
    "nothing (« zzyzzx »)": "zzyzzx",
}


class _Rollback(Exception):
    pass


def report(name: str, samples: list[float]) -> bool:
    median, worst = statistics.median(samples), max(samples)
    verdict = "ok" if worst <= TARGET_MS else "SLOW"
    print(f"{name:<44} median {median:6.1f} ms   max {worst:6.1f} ms   n={len(samples)}  {verdict}")
    return worst <= TARGET_MS


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def service_times(db, runs: int) -> bool:
    ok = True
    for name, query in QUERIES.items():
        with db.reading() as session:
            found = len(search_meetings(session, query))
            samples = [timed(lambda q=query: search_meetings(session, q)) for _ in range(runs)]
        ok &= report(f"{name}, {found} found", samples)
    return ok


def save_times(db, runs: int) -> bool:
    from sqlalchemy import select

    from clu_desktop.domain import AgendaItem

    with db.reading() as session:
        item_id = session.scalar(select(AgendaItem.id).order_by(AgendaItem.id.desc()).limit(1))

    def save(text: str) -> None:
        try:
            with db.transaction() as session:
                session.get(AgendaItem, item_id).minutes_text = text
                session.flush()
                raise _Rollback
        except _Rollback:
            pass

    samples = [timed(lambda i=i: save(f"Texte modifié {i} " * 200)) for i in range(runs)]
    return report("saving a minutes text (index updated)", samples)


def gui_times(db, runs: int) -> bool:
    from PySide6.QtWidgets import QApplication

    from clu_desktop.app import create_application
    from clu_desktop.gui.main_window import MainWindow

    app = create_application()
    app.setOrganizationName("clu-desktop-benchmark")
    window = MainWindow(db)
    window.resize(1280, 800)
    window.show()
    QApplication.processEvents()
    ok = True
    for query in ("label", "begue527"):
        window.search.field.setText(query)

        def search() -> None:
            window.search.rerun()
            window.search.results.viewport().repaint()
            QApplication.processEvents()

        search()
        ok &= report(
            f"search field « {query} », results painted", [timed(search) for _ in range(runs)]
        )
    window.close()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="the database: a SQLite file or a PostgreSQL URL")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    db = open_database(args.target)  # an older base gets its index here (revision 0005)
    try:
        ok = service_times(db, args.runs)
        ok &= save_times(db, args.runs)
        ok &= gui_times(db, min(args.runs, 15))
    finally:
        db.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
