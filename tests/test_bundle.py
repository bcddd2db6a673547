"""The one-folder bundle: scripts/build-bundle builds it with PyInstaller (build.spec) and
checks it; here into a temporary folder. Slow (about a minute of build): left out of a
plain ``pytest``, run by the README's test command."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_MB = 200

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller n'est pas installé (pip install -e '.[build]')",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="script bash, sous Linux"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Run scripts/build-bundle once; its output, exit code and the bundle's folder."""
    base = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "PYTHON": sys.executable}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [
            str(ROOT / "scripts" / "build-bundle"),
            "--distpath",
            str(base / "dist"),
            "--workpath",
            str(base / "build"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=12 * 60,
    )
    return result, base / "dist" / "clu-desktop"


def test_the_bundle_builds_and_passes_its_checks(built):
    result, bundle = built
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert (bundle / "clu-desktop").is_file()
    assert "OK    auto-test sans écran (offscreen)" in result.stdout
    assert "OK    auto-test sur un serveur X (Xvfb)" in result.stdout
    assert "ECHEC" not in result.stdout
    # the self-test's own verdict, twice: offscreen and on Xvfb
    assert result.stdout.count("Auto-test réussi") == 2
    assert "plateforme offscreen" in result.stdout and "plateforme xcb" in result.stdout


def test_the_bundle_is_under_200_mb(built):
    result, bundle = built
    size = re.search(r"Taille du paquet : (\d+) Mo", result.stdout)
    assert size, result.stdout[-2000:]
    measured = sum(p.lstat().st_size for p in bundle.rglob("*") if not p.is_symlink())
    assert int(size[1]) < MAX_MB
    assert measured < MAX_MB * 1024 * 1024


def test_the_bundle_carries_its_files_as_the_frozen_application_looks_for_them(built):
    _result, bundle = built
    internal = bundle / "_internal"
    package = internal / "clu_desktop"
    # resources/ beside the package (clu_desktop/resources.py), fonts included
    assert (package / "resources" / "demo" / "clu-2023-12-20.json").is_file()
    assert (package / "resources" / "icons" / "clu-desktop.png").is_file()
    assert (package / "resources" / "guide" / "guide.html").is_file()  # Aide › Guide
    assert (package / "resources" / "fonts" / "DejaVuSans-Bold.ttf").is_file()
    # Alembic loads the migrations by path: files, not only compiled modules
    versions = package / "store" / "migrations" / "versions"
    assert (package / "store" / "migrations" / "env.py").is_file()
    assert sorted(p.name for p in versions.glob("0001_*.py")) == ["0001_initial.py"]
    assert (package / "interchange" / "meeting.schema.json").is_file()
    assert list((internal / "reportlab" / "fonts").glob("*.ttf"))
    # Qt's texts in French, and no other language
    translations = internal / "PySide6" / "Qt" / "translations"
    assert sorted(p.name for p in translations.iterdir()) == ["qtbase_fr.qm"]
    # the unused Qt modules are left out
    for unused in ("QtNetwork", "QtQml", "QtQuick", "QtWebEngineCore", "QtTest"):
        assert not list((internal / "PySide6").glob(f"{unused}.*")), unused
    assert not list(internal.rglob("libQt6Network*")), "Qt's network library is bundled"
