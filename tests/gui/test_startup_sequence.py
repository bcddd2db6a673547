"""The start-up sequence stays honest: when the window says the newest meeting is on
screen (« window-ready »), nothing heavy that the first screen does not use has been
imported, and the day's backup is made only after it (issue 19: what the user waits for).

The window runs in a child process with its own data folders, as the user starts it
(``clu-desktop --db FILE``); a small driver records ``sys.modules`` at the moment the
application prints its marker.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = """
import json, os, sys
real = sys.stdout
class Watch:
    def write(self, text):
        if text.strip() == "window-ready":
            backups = os.path.join(os.environ["XDG_DATA_HOME"], "clu-desktop", "backups")
            copies = sorted(os.listdir(backups)) if os.path.isdir(backups) else []
            with open(os.environ["STARTUP_RECORD"], "w") as record:
                json.dump({"modules": sorted(sys.modules), "backups": copies}, record)
        return real.write(text)
    def flush(self):
        real.flush()
    def __getattr__(self, name):
        return getattr(real, name)
sys.stdout = Watch()
from clu_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""

#: What the first screen (the navigator and the Séance page) never needs.
HEAVY = (
    "alembic",  # only to upgrade a base (store/revisions.py knows the head)
    "mako",
    "reportlab",  # the documents
    "pypdf",
    "pypdfium2",  # the preview
    "pyqtgraph",  # the chart
    "numpy",
    "PIL",
    "jsonschema",  # the meeting file
    "python_calamine",  # spreadsheets
    "openpyxl",
    "rapidfuzz",  # names in spreadsheets
    "clu_desktop.interchange",
    "clu_desktop.documents.minutes",
    "clu_desktop.gui.agenda.page",  # the other tabs are made when first shown
    "clu_desktop.gui.participants.page",
    "clu_desktop.gui.quality",
    "clu_desktop.gui.indicators",
    "clu_desktop.gui.documents",
    "clu_desktop.gui.directory",
)


@pytest.mark.timeout(300)
def test_the_newest_meeting_shows_before_anything_heavy_and_the_backup_after(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CLU_DESKTOP_EXIT_AFTER_SHOW": "0",
        "STARTUP_RECORD": str(tmp_path / "record.json"),
    }
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name.lower())
    base = tmp_path / "clu.sqlite"
    run = [sys.executable, "-c", DRIVER, "--db", str(base)]
    subprocess.run([*run, "demo"], env=env, check=True, capture_output=True)
    backups = Path(env["XDG_DATA_HOME"]) / "clu-desktop" / "backups"
    assert not backups.exists() or not any(backups.iterdir())  # a new base: no copy

    shown = subprocess.run(run, env=env, capture_output=True, text=True, check=False)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["window-shown", "window-ready"]
    record = json.loads((tmp_path / "record.json").read_text())
    loaded = [
        heavy
        for heavy in HEAVY
        if any(m == heavy or m.startswith(f"{heavy}.") for m in record["modules"])
    ]
    assert loaded == [], f"imported before the first meeting is on screen: {loaded}"
    assert "clu_desktop.gui.meeting.page" in record["modules"]  # the page on screen
    assert record["backups"] == []  # the day's backup waits for the meeting to show…
    (daily,) = backups.iterdir()  # …and is made then
    assert "quotidienne" in daily.name
