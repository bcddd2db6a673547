"""One writer per file, as a user meets it: a window is open on the database, and a
second window or a writing command is refused while reading commands still work."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from clu_desktop.app import EXIT_AFTER_SHOW_ENV, WINDOW_READY_MARKER, WINDOW_SHOWN_MARKER

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
    pytest.mark.slow,  # a real window started for each test, commands started against it
]


def clu(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "clu_desktop", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.fixture
def open_window(tmp_path):
    """A real CLU Desktop window (offscreen) open on a database holding the demo."""
    path = tmp_path / "clu.sqlite"
    assert clu("demo", "--db", str(path)).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_SHOW_ENV: "60000"}
    window = subprocess.Popen(
        [sys.executable, "-m", "clu_desktop", "--db", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert window.stdout.readline().strip() == WINDOW_SHOWN_MARKER
        # The frame shows first; the base is opened, and held, once it is on screen.
        assert window.stdout.readline().strip() == WINDOW_READY_MARKER
        yield path, window
    finally:
        window.kill()
        window.wait(10)
        window.stdout.close()


def test_while_a_window_is_open_writers_are_refused_and_readers_served(open_window, tmp_path):
    path, window = open_window
    before = path.read_bytes()

    demo = clu("demo", "--force", "--db", str(path))
    assert demo.returncode == 2
    assert f"La base « {path} » est déjà ouverte par " in demo.stderr
    assert f"sur le poste {socket.gethostname()} (processus {window.pid}) depuis " in demo.stderr
    assert "Fermez CLU Desktop sur ce poste, ou ouvrez une autre base." in demo.stderr

    exported = tmp_path / "seance.json"
    assert (
        clu("export", "json", "--meeting", "1", "-o", str(exported), "--db", str(path)).returncode
        == 0
    )
    imported = clu("import", str(exported), "--db", str(path))
    assert imported.returncode == 2
    assert f"(processus {window.pid})" in imported.stderr

    listing = clu("list", "--db", str(path))
    assert listing.returncode == 0
    assert "20/12/2023" in listing.stdout

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_SHOW_ENV: "0"}
    second = clu("--db", str(path), env=env)
    assert second.returncode == 2
    assert f"(processus {window.pid})" in second.stderr
    assert WINDOW_READY_MARKER not in second.stdout  # refused over its frame

    assert path.read_bytes() == before  # the refused commands wrote nothing

    window.send_signal(signal.SIGKILL)  # a crash: the lock goes with the process
    window.wait(10)
    again = clu("--db", str(path), env=env)
    assert again.returncode == 0, again.stderr
    assert WINDOW_READY_MARKER in again.stdout


def test_another_name_for_the_open_database_is_refused(open_window, tmp_path):
    """A hard link, a symbolic link, a ``..`` path: the same file, so the same lock."""
    path, window = open_window
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    hard = elsewhere / "copie-apparente.sqlite"
    os.link(path, hard)
    soft = tmp_path / "raccourci.sqlite"
    soft.symlink_to(path)
    for name in (hard, soft, elsewhere / ".." / path.name):
        demo = clu("demo", "--force", "--db", str(name))
        assert demo.returncode == 2, demo.stdout
        assert f"La base « {name} » est déjà ouverte par " in demo.stderr
        assert f"(processus {window.pid})" in demo.stderr


def test_a_sqlite_uri_is_refused_and_creates_nothing(open_window, tmp_path):
    path, _window = open_window
    before = sorted(tmp_path.rglob("*"))
    for form in (f"sqlite:///file:{path}?uri=true", f"sqlite:///{path}?nolock=1"):
        demo = clu("demo", "--force", "--db", form)
        assert demo.returncode == 2, demo.stdout
        assert "n'ouvre pas une base SQLite par une adresse « file: »" in demo.stderr
        assert "Rien n'a été créé." in demo.stderr
    assert sorted(tmp_path.rglob("*")) == before
    assert not (ROOT / "file:").exists()
