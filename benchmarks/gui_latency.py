"""How fast the main window answers on a twenty-year database (offscreen).

Measures, inside the process, the time from a user action to the screen being up to date
(the action, then every pending event processed): selecting a meeting in the navigator
with the Séance or Ordre du jour page visible, and switching to each tab.

    python benchmarks/make_large_db.py /tmp/clu-20-years.sqlite
    python benchmarks/gui_latency.py /tmp/clu-20-years.sqlite
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from clu_desktop.app import create_application
from clu_desktop.store.migrate import open_database

TARGET_MS = 100.0


def timed(action) -> float:
    from PySide6.QtWidgets import QApplication

    began = time.perf_counter()
    action()
    QApplication.processEvents()
    return (time.perf_counter() - began) * 1000


def report(name: str, samples: list[float]) -> bool:
    median, worst = statistics.median(samples), max(samples)
    verdict = "ok" if worst <= TARGET_MS else "SLOW"
    print(f"{name:<40} median {median:6.1f} ms   max {worst:6.1f} ms   n={len(samples)}  {verdict}")
    return worst <= TARGET_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--meetings", type=int, default=20, help="meetings to select")
    args = parser.parse_args()
    app = create_application()
    app.setOrganizationName("clu-desktop-benchmark")
    from PySide6.QtCore import QSettings

    QSettings().clear()
    from clu_desktop.gui.main_window import MainWindow
    from clu_desktop.services.meetings.listing import list_meetings

    db = open_database(args.path)
    window = MainWindow(db)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    with db.reading() as session:
        ids = [m.id for m in list_meetings(session)][: args.meetings]
    ok = True
    for tab in (0, 1):
        window.tabs.setCurrentIndex(tab)
        app.processEvents()
        samples = [timed(lambda i=i: window.navigator.select_meeting(i)) for i in ids]
        name = f"select a meeting ({window.tabs.tabText(tab).replace('&', '')})"
        ok &= report(name, samples)
    samples = []
    for meeting_id in ids:
        window.navigator.select_meeting(meeting_id)
        app.processEvents()
        for tab in range(window.tabs.count()):
            samples.append(timed(lambda t=tab: window.tabs.setCurrentIndex(t)))
    ok &= report("switch tab (first view of a meeting)", samples)
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
