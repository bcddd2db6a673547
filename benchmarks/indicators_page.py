"""Times the Indicateurs page on the 240,000-value database of benchmarks/indicators_scale.py:
opening the tab (first time, with the imports, and again), changing the indicator, drawing
the chart (36 months, and the 240 months tests/gui/test_indicator_chart.py draws untimed),
typing a value. Each figure includes painting the page (offscreen).

    python benchmarks/indicators_page.py FOLDER [--cold]

FOLDER/indicators.sqlite is made the first time. ``--cold`` opens the tab without the
background preloading the application does once its window is shown (imports included).
"""

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import indicators_scale
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from clu_desktop.store.migrate import open_database

app = QApplication([])
if len(sys.argv) not in (2, 3):
    sys.exit(__doc__)
folder = Path(sys.argv[1])
folder.mkdir(parents=True, exist_ok=True)
path = folder / "indicators.sqlite"
fresh = not path.exists()
db = open_database(path)
if fresh:
    print(f"built in {indicators_scale.build(db):.1f} s")


def settle(widget):
    app.processEvents()
    widget.repaint()


def ms(since):
    return (time.perf_counter() - since) * 1000


from clu_desktop.gui import preload  # noqa: E402
from clu_desktop.gui.main_window import MainWindow  # noqa: E402
from clu_desktop.gui.pages import LazyPage  # noqa: E402

# As in the application: the window is shown (the navigator has read the database), the
# modules of the lazy pages load behind it, and a moment later the user opens the tab.
window = MainWindow(db)
window.show()
settle(window)
if "--cold" not in sys.argv:
    preload.start().join()
    print("modules preloaded in the background after the window was shown")
holder = window.findChild(LazyPage, "indicatorsPageHolder")
t = time.perf_counter()
window.tabs.setCurrentWidget(holder)
settle(window)
first = ms(t)
page = holder.page
print(f"first opening of the tab (built, read, painted): {first:.0f} ms")
if page._chart is not None:
    print("  the chart was built and drawn within that time")
else:
    t = time.perf_counter()
    while page._chart is None:
        app.processEvents()
    settle(page)
    print(f"  then the chart (built, drawn): {ms(t):.0f} ms later")
stack = QUndoStack()

opens, changes, charts, long_charts, typed = [], [], [], [], []
for round_ in range(15):
    t = time.perf_counter()
    page.show_meeting(1, stack)
    settle(page)
    opens.append(ms(t))
    indicator_id = 1 + (round_ * 37) % 200
    t = time.perf_counter()
    page.catalogue.select(indicator_id)
    settle(page)
    changes.append(ms(t))
    with db.reading() as s:
        from clu_desktop.services.indicators.values import chart_series

        data = chart_series(s, indicator_id, last_periods=36)
        whole = chart_series(s, indicator_id)  # 240 months
    t = time.perf_counter()
    page.chart.set_chart(whole)
    settle(page.chart)
    long_charts.append(ms(t))
    t = time.perf_counter()
    page.chart.set_chart(data)
    settle(page.chart)
    charts.append(ms(t))
    model = page.values.model
    index = model.index(model.rowCount() - 1, round_ % model.columnCount())
    t = time.perf_counter()
    model.setData(index, f"{50 + round_},5", Qt.ItemDataRole.EditRole)
    settle(page)
    typed.append(ms(t))
for name, samples in (
    ("opening the tab again", opens),
    ("changing the indicator", changes),
    ("drawing the chart (36 months × 5 sites)", charts),
    ("drawing the chart (240 months × 5 sites)", long_charts),
    ("typing a value (save, grid, chart)", typed),
):
    print(f"{name:<42} median {statistics.median(samples):6.1f} ms  max {max(samples):6.1f} ms")

page.values.show_all_check.setChecked(True)
t = time.perf_counter()
page.catalogue.select(5)
settle(page)
print(f"changing the indicator, whole history (240 months): {ms(t):.1f} ms")
page.show_meeting(None, None)
window.close()
db.dispose()
