"""The real application, started as the user starts it, shows its window on an X server.

Starts its own Xvfb, runs ``python -m clu_desktop --db PATH`` on it with the xcb platform
and checks with xwininfo that the main window is mapped, then that the application quits
by itself (CLU_DESKTOP_EXIT_AFTER_SHOW) with exit code 0.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clu_desktop.app import EXIT_AFTER_SHOW_ENV, WINDOW_SHOWN_MARKER

pytestmark = pytest.mark.xvfb

XVFB = shutil.which("Xvfb")
X_SOCKETS = Path("/tmp/.X11-unix")
STARTUP_TIMEOUT_S = 60  # a bound on a runaway: Xvfb and the window start in a second or two
# Long enough for xwininfo to find the window while the application is still running.
EXIT_AFTER_SHOW_MS = 3000
WINDOW_LINE = re.compile(r'^\s*(0x[0-9a-f]+) "(CLU Desktop — [^"]*)"', re.MULTILINE)


def free_display() -> int:
    for number in range(99, 400):
        if not (X_SOCKETS / f"X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number between :99 and :399")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def xvfb_display(tmp_path):
    """A fresh Xvfb server, as a DISPLAY value; stopped after the test."""
    if XVFB is None:
        pytest.skip("Xvfb is not installed (Debian/Ubuntu package: xvfb)")
    log_path = tmp_path / "xvfb.log"
    for _attempt in range(5):
        number = free_display()
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [XVFB, f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        socket = X_SOCKETS / f"X{number}"
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while server.poll() is None and not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if server.poll() is None and socket.exists():
            break
        stop(server)  # another server took that display meanwhile, or a failure: retry
    else:
        pytest.fail(f"Xvfb did not start:\n{log_path.read_text(errors='replace')}")
    try:
        yield f":{number}"
    finally:
        stop(server)


def mapped_app_windows(display: str) -> list[str]:
    """The names of the mapped top-level windows titled "CLU Desktop — ..."."""
    env = {**os.environ, "DISPLAY": display, "LC_ALL": "C.UTF-8"}

    def xwininfo(*args: str) -> str:
        return subprocess.run(
            ["xwininfo", *args], env=env, capture_output=True, text=True, timeout=60
        ).stdout

    names = []
    for window_id, name in WINDOW_LINE.findall(xwininfo("-root", "-tree")):
        if "Map State: IsViewable" in xwininfo("-id", window_id):
            names.append(name)
    return names


def test_the_application_shows_its_window_on_x(xvfb_display, tmp_path):
    assert shutil.which("xwininfo"), "xwininfo is missing (Debian/Ubuntu package: x11-utils)"
    db_path = tmp_path / "clu.sqlite"
    env = {
        **os.environ,
        "DISPLAY": xvfb_display,
        "QT_QPA_PLATFORM": "xcb",
        EXIT_AFTER_SHOW_ENV: str(EXIT_AFTER_SHOW_MS),
    }
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen(
        [sys.executable, "-m", "clu_desktop", "--db", str(db_path)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        seen: list[str] = []
        deadline = time.monotonic() + STARTUP_TIMEOUT_S + 30
        while not seen and app.poll() is None and time.monotonic() < deadline:
            seen = mapped_app_windows(xvfb_display)
            time.sleep(0.1)
        stdout, stderr = app.communicate(timeout=STARTUP_TIMEOUT_S + 30)
    finally:
        stop(app)

    assert seen == [f"CLU Desktop — {db_path}"], f"no mapped window seen; stderr:\n{stderr}"
    assert app.returncode == 0, stderr
    assert WINDOW_SHOWN_MARKER in stdout.splitlines(), stdout
