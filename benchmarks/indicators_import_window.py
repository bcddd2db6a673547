"""Whether the import window stays responsive while it checks a large file.

The file of benchmarks/indicators_check.py (30 unknown names on the demo's catalogue),
with LINES lines, is opened in the import dialog (offscreen). While the dialog reads the
file and checks it in its worker thread, a 10 ms timer on the GUI thread notes how late
each tick comes: the longest gap is what a user would feel as the window freezing
(target: under 100 ms; a single C call of the worker that holds Python's lock, such as a
regular expression over the whole file, shows here). Then
« Annuler la vérification » is pressed during a check: the time until the window is idle
again. A benchmark, not a timed test.

    QT_QPA_PLATFORM=offscreen python benchmarks/indicators_import_window.py [LINES] [FOLDER]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

import indicators_check
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from clu_desktop.gui.indicators.import_dialog import ImportDialog
from clu_desktop.services.meetings.files import load_demo
from clu_desktop.store.migrate import open_database

TICK_MS = 10
TARGET_GAP_MS = 100


def wait(app: QApplication, done, timeout_s: float = 120.0) -> list[float]:
    """Run the event loop until ``done()``; the gaps between the 10 ms ticks (ms)."""
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    return gaps


def main(lines: int, folder: Path) -> int:
    app = QApplication.instance() or QApplication([])
    db = open_database(folder / "clu.sqlite")
    with db.transaction() as session:
        load_demo(session)
    indicators_check.LINES = lines
    path = folder / "valeurs-services.csv"
    indicators_check.write_file(path)
    began = time.perf_counter()
    dialog = ImportDialog(db, None, path=path)  # reads the file in its worker thread
    dialog.show()
    gaps = wait(app, lambda: not dialog.busy())
    took = time.perf_counter() - began
    names = len(dialog.names.rows)
    worst = max(gaps, default=0.0)
    print(
        f"{lines} lignes lues et vérifiées dans le fil de travail en {took:.2f} s, "
        f"{names} noms à choisir ; pendant ce temps, l'écart le plus long entre deux tops de "
        f"{TICK_MS} ms : {worst:.0f} ms "
        f"(cible < {TARGET_GAP_MS} ms : {'atteinte' if worst < TARGET_GAP_MS else 'MANQUÉE'})"
    )

    # A choice starts the check again; « Annuler » stops it.
    row = next(iter(dialog.names.rows.values()))
    row.choose(row.combo.itemData(row.combo.count() - 1))
    wait(app, lambda: dialog.job is not None, 10)
    wait(app, lambda: False, 0.05)
    began = time.perf_counter()
    dialog.stop_or_restart()
    wait(app, lambda: not dialog.busy())
    took_ms = 1000 * (time.perf_counter() - began)
    print(
        f"« Annuler la vérification » : fenêtre libre après {took_ms:.0f} ms"
        f" — {dialog.status_label.text()}"
    )
    dialog.reject()
    db.dispose()
    return 0


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    if len(sys.argv) > 2:
        sys.exit(main(count, Path(sys.argv[2])))
    with tempfile.TemporaryDirectory() as temporary:
        sys.exit(main(count, Path(temporary)))
