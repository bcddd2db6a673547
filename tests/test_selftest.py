"""``clu-desktop --selftest``: it passes on a working installation, names the step that
breaks (exit code 1), and leaves the user's data, settings and log folders as they were.

Each run is a real ``python -m clu_desktop --selftest`` process, offscreen. A step is
broken from the outside, by a ``sitecustomize.py`` the test puts first on PYTHONPATH:
Python imports it at start-up, before the application, so the product has no test hook.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STEPS = [
    "base de données temporaire créée",
    "base de démonstration chargée",
    "séance de démonstration relue",
    "tableur lu, noms rapprochés du catalogue",
    "fenêtre principale ouverte sur la séance",
    "compte-rendu exporté et vérifié",
    "compte-rendu modifiable exporté et relu",
    "convocation exportée et vérifiée",
    "feuille d'émargement exportée et vérifiée",
]


def run_selftest(tmp_path: Path, hook: str | None = None, args=("--selftest",), env=None):
    """Run the application in a new process; ``hook`` is the text of a sitecustomize.py
    that Python runs before it. The temporary folder is ``tmp_path/tmp``."""
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    if hook is not None:
        hook_dir = tmp_path / "hook"
        hook_dir.mkdir(exist_ok=True)
        (hook_dir / "sitecustomize.py").write_text(textwrap.dedent(hook), "utf-8")
        paths.insert(0, str(hook_dir))
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    run_dir = tmp_path / "cwd"
    run_dir.mkdir(exist_ok=True)
    environ = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": os.pathsep.join(p for p in paths if p),
        "TMPDIR": str(temp),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "clu_desktop", *args],
        cwd=run_dir,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def tree(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under ``folder``: size, modification time and content hash."""
    return {
        str(path.relative_to(folder)): (
            path.stat().st_size,
            path.stat().st_mtime_ns,
            hashlib.sha256(path.read_bytes()).hexdigest(),
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_selftest_passes_and_leaves_the_user_folders_untouched(isolated_user_folders, tmp_path):
    from clu_desktop.store.database import default_database_path
    from clu_desktop.store.migrate import open_database

    home = isolated_user_folders
    # The user's own database and window settings, which the self-test must not see.
    open_database().dispose()
    assert default_database_path().is_file()
    settings = home / "xdg_config_home" / "clu-desktop" / "CLU Desktop.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[mainWindow]\ntab=2\n", "utf-8")
    before = tree(home)

    result = run_selftest(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    out = lines(result)
    for step in STEPS:
        assert any(line.startswith(f"✓ {step}") for line in out), (step, result.stdout)
    assert not any(line.startswith("✗") for line in out)
    assert out[-1].startswith("Auto-test réussi : 9 étapes en ")
    assert "(8 pages" in result.stdout  # the minutes with their annexes
    assert tree(home) == before
    assert list((tmp_path / "tmp").iterdir()) == []  # its temporary folder is gone
    assert list((tmp_path / "cwd").iterdir()) == []
    assert result.stderr == ""


BREAKS = {
    "an exporter fails": (
        """
        from clu_desktop.services.documents import export as document_export

        def export_agenda(*args, **kwargs):
            raise OSError(28, "Plus de place sur le disque")

        document_export.export_agenda = export_agenda
        """,
        "convocation exportée et vérifiée",
        "Plus de place sur le disque",
    ),
    "an exporter writes the wrong document": (
        """
        from clu_desktop.services.documents import export as document_export

        document_export.export_minutes = document_export.export_agenda
        """,
        "compte-rendu exporté et vérifié",
        "le PDF ne contient pas « COMPTE-RENDU »",
    ),
    "the window shows no meeting": (
        """
        from clu_desktop.gui import navigator

        shown = navigator.MeetingNavigator.set_meetings
        navigator.MeetingNavigator.set_meetings = lambda self, rows, keep: shown(self, [], keep)
        """,
        "fenêtre principale ouverte sur la séance",
        "la fenêtre ne montre aucune séance",
    ),
    "Qt's translation is missing": (
        """
        from clu_desktop import app

        app.install_qt_translations = lambda application: None
        """,
        "fenêtre principale ouverte sur la séance",
        "les boîtes de dialogue de Qt ne sont pas en français",
    ),
}


@pytest.mark.slow  # the selftest started again for each break
@pytest.mark.parametrize("case", list(BREAKS))
def test_a_broken_step_fails_the_selftest_and_is_named(case, tmp_path):
    hook, step, reason = BREAKS[case]

    result = run_selftest(tmp_path, hook)

    assert result.returncode == 1, result.stdout + result.stderr
    out = lines(result)
    failed = [line for line in out if line.startswith("✗")]
    assert failed == [f"✗ {step} : {failed[0].split(' : ', 1)[1]}"], result.stdout
    assert reason in failed[0]
    for other in STEPS:
        if other != step:
            assert any(line.startswith(f"✓ {other}") for line in out), (other, result.stdout)
    assert out[-1] == f"Auto-test échoué à l'étape « {step} »."


def test_without_the_demo_the_later_steps_are_not_run(tmp_path):
    hook = """
        from pathlib import Path
        from clu_desktop.services.meetings import files as meeting_files

        meeting_files.resource_path = lambda *parts: Path("/nonexistent/clu-2023-12-20.json")
        """

    result = run_selftest(tmp_path, hook)

    assert result.returncode == 1, result.stdout + result.stderr
    out = lines(result)
    assert out[1].startswith("✓ base de données temporaire créée")
    assert out[2].startswith("✗ base de démonstration chargée : ")
    assert "clu-2023-12-20.json" in out[2]
    assert not any("fenêtre" in line or "exporté" in line for line in out)
    assert out[-1] == "Auto-test échoué à l'étape « base de démonstration chargée »."


@pytest.mark.parametrize(
    ("environ", "platform", "chosen"),
    [
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", None),  # the user's choice is kept
        ({}, "linux", "offscreen"),  # no display at all
        ({"DISPLAY": ":0"}, "linux", "xcb;offscreen"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland;xcb;offscreen"),
        ({}, "win32", "windows;offscreen"),
    ],
)
def test_the_window_falls_back_to_offscreen_only_without_a_display(environ, platform, chosen):
    from clu_desktop.selftest import choose_platform

    assert choose_platform(environ, platform) == chosen


def test_a_console_that_cannot_show_the_marks_gets_words():
    """A Windows console redirected to a file writes in its code page (cp1252): no ✓."""
    import io

    from clu_desktop.selftest import Report

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    report = Report(stream)
    report.step("compte-rendu exporté et vérifié", lambda: "8 pages")
    report.step("convocation exportée et vérifiée", lambda: 1 / 0)
    stream.flush()

    assert raw.getvalue().decode("cp1252").splitlines() == [
        "OK compte-rendu exporté et vérifié (8 pages)",
        "ECHEC convocation exportée et vérifiée : erreur inattendue ZeroDivisionError : "
        "division by zero",
    ]
