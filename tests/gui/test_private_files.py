"""Every file CLU Desktop makes holds personal data: the database (its -wal and -shm),
the backups, the log, the settings and every export are 0600, the folders it creates 0700,
whatever the umask (Linux and macOS; on Windows the profile folders are private)."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from clu_desktop.app import make_settings_private
from clu_desktop.cli import main
from clu_desktop.gui.crash import set_up_logging

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes are Unix's")


def modes(*roots: Path) -> dict[str, int]:
    """The mode of every file and folder under ``roots`` (the roots themselves aside)."""
    found = {}
    for root in roots:
        for folder, folders, files in os.walk(root):
            for name in folders + files:
                path = Path(folder, name)
                found[str(path)] = stat.S_IMODE(path.lstat().st_mode)
    return found


def not_private(found: dict[str, int]) -> dict[str, str]:
    return {
        path: oct(mode)
        for path, mode in found.items()
        if mode != (0o700 if Path(path).is_dir() else 0o600)
    }


@pytest.fixture
def settings_under(tmp_path):
    """QSettings in the test's folder (Qt reads XDG_CONFIG_HOME once per process)."""
    from PySide6.QtCore import QSettings

    before = Path(QSettings().fileName()).parent.parent
    folder = tmp_path / "réglages"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(before))


@pytest.mark.parametrize("mask", [0o022, 0o000], ids=["umask-022", "umask-000"])
def test_everything_a_session_makes_is_private(
    mask, tmp_path, isolated_user_folders, settings_under, qtbot, monkeypatch
):
    from PySide6.QtCore import QSettings

    from clu_desktop.gui.main_window import MainWindow
    from clu_desktop.services.meetings.listing import list_meetings
    from clu_desktop.store.migrate import open_database

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    area = tmp_path / "zone"
    base = area / "données" / "comité" / "clu.sqlite"
    out = area / "exports" / "mars"
    previous = os.umask(mask)
    db = None
    try:
        assert main(["demo", "--db", str(base)]) == 0
        exports = [
            ["json", "-o", str(out / "séance.json")],
            ["minutes", "--sans-en-tete", "-o", str(out / "compte-rendu.pdf")],
            ["agenda", "--sans-en-tete", "-o", str(out / "convocation.pdf")],
            ["sign-in-sheet", "--sans-en-tete", "-o", str(out / "émargement.pdf")],
            ["attendance", "-o", str(out / "présence.csv")],
            ["person", "--person", "6", "-o", str(area / "rgpd" / "personne.json")],
        ]
        for export in exports:
            assert main(["export", export[0], "--db", str(base), *export[1:]]) == 0, export
        assert main(["backup", "--db", str(base), "-o", str(area / "copies" / "b.sqlite")]) == 0
        assert main(["import", "--db", str(base), str(area / "absent.json")]) == 2  # daily copy

        # A window session: the settings, the log, the database open with its -wal.
        make_settings_private()
        set_up_logging()
        logging.getLogger("clu_desktop").warning("une ligne")
        db = open_database(base)
        window = MainWindow(db)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        QSettings().setValue("essai", "valeur")
        QSettings().sync()
        window.close()
        with db.transaction() as session:
            assert list_meetings(session)
        found = modes(area, isolated_user_folders, settings_under)
    finally:
        os.umask(previous)
        for handler in logging.getLogger().handlers:
            handler.flush()
        if db is not None:
            db.dispose()
    names = {Path(path).name for path in found}
    assert {"clu.sqlite", "clu.sqlite-wal", "clu.sqlite-shm", "b.sqlite"} <= names
    assert {"clu-desktop.log", "séance.json", "compte-rendu.pdf", "présence.csv"} <= names
    assert any(name.endswith("-quotidienne.sqlite") for name in names)
    assert any(name.endswith(".conf") for name in names)
    assert not_private(found) == {}
