"""A refused database at start: a message box over the window's frame says why, the
frame closes, exit code 2."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from clu_desktop.app import EXIT_AFTER_SHOW_ENV
from clu_desktop.cli import main
from clu_desktop.gui.main_window import MainWindow
from clu_desktop.store import instance_lock, network

ROOT = Path(__file__).resolve().parents[2]

HOLD = """
import sys, time
from clu_desktop.store.migrate import open_database
open_database(sys.argv[1], exclusive=True)
print("holding", flush=True)
time.sleep(120)
"""


def main_windows() -> set[int]:
    """The main windows open on screen."""
    return {
        id(w) for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    }


@pytest.fixture(autouse=True)
def let_go(monkeypatch):
    # Were the database not refused, the window would close by itself instead of waiting.
    monkeypatch.setenv(EXIT_AFTER_SHOW_ENV, "0")
    # The window's start sets up its log file and error hook: both go with the test.
    monkeypatch.setattr(logging.getLogger(), "handlers", list(logging.getLogger().handlers))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield
    instance_lock.release_all()


def test_a_database_held_by_another_instance_is_refused_in_a_message_box(
    qapp, tmp_path, answered_messages, capsys
):
    path = tmp_path / "clu.sqlite"
    windows = main_windows()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert main(["--db", str(path)]) == 2
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdout.close()
    [error] = answered_messages.errors
    assert error.startswith(f"La base « {path} » est déjà ouverte par ")
    assert f"(processus {holder.pid})" in error
    assert error in capsys.readouterr().err
    assert main_windows() == windows  # the frame closed


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/mountinfo")
def test_a_database_on_a_share_is_refused_in_a_message_box(
    qapp, tmp_path, monkeypatch, answered_messages
):
    share = tmp_path / "partage"
    share.mkdir()
    windows = main_windows()
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(f"90 22 0:60 / {share} rw,relatime - cifs //srv/clu rw\n", "utf-8")
    monkeypatch.setattr(network, "MOUNTINFO", mountinfo)
    assert main(["--db", str(share / "clu.sqlite")]) == 2
    [error] = answered_messages.errors
    assert "est sur un partage réseau" in error
    assert "postgresql+psycopg://" in error
    assert list(share.iterdir()) == []
    assert main_windows() == windows  # the frame closed
