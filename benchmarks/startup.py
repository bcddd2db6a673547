"""Start-up time: from process start to the main window on screen, for the application on
the demo database and for a bare PySide6 window, alternately in the same run; prints the
medians and their ratio (the target is at most 1.3).

    python benchmarks/startup.py [--runs 15]

Qt's platform is $QT_QPA_PLATFORM (offscreen when unset; run it under ``xvfb-run -a`` with
QT_QPA_PLATFORM=xcb for a real X server). Both programs print a line when their window is
exposed; the application also prints when it shows the database ("ready"). The data,
settings and backups of the run live in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(["bare"])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
window.show()


def check():
    handle = window.windowHandle()
    if handle is not None and handle.isExposed():
        print("window-shown", flush=True)
        app.quit()


timer = QTimer()
timer.timeout.connect(check)
timer.start(5)
app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from the start of ``command`` to each marker line it prints."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    marks: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        marks.setdefault(line.strip(), time.perf_counter() - start)
    if process.wait() != 0:
        sys.exit(f"{command} failed with exit code {process.returncode}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="clu-startup-") as folder:
        env = {**os.environ, "CLU_DESKTOP_EXIT_AFTER_SHOW": "0"}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(Path(folder) / name.lower())
        database = Path(folder) / "clu.sqlite"
        app = [sys.executable, "-m", "clu_desktop", "--db", str(database)]
        subprocess.run([*app, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        timed(app, env)  # the day's backup and the files' cache, once
        bare, shown, ready = [], [], []
        for _ in range(options.runs):
            bare.append(timed([sys.executable, "-c", BARE], env)["window-shown"])
            marks = timed(app, env)
            shown.append(marks["window-shown"])
            ready.append(marks["window-ready"])
    bare_ms, shown_ms, ready_ms = (statistics.median(x) * 1000 for x in (bare, shown, ready))
    platform = env["QT_QPA_PLATFORM"]
    print(f"{options.runs} runs each, alternately, Qt platform {platform}")
    print(f"bare PySide6 window shown         median {bare_ms:6.0f} ms")
    print(f"CLU Desktop window shown          median {shown_ms:6.0f} ms")
    print(f"CLU Desktop showing the demo base median {ready_ms:6.0f} ms")
    print(f"ratio window shown / bare window: {shown_ms / bare_ms:.2f} (target at most 1.3)")
    print(f"ratio demo base shown / bare window: {ready_ms / bare_ms:.2f}")


if __name__ == "__main__":
    main()
