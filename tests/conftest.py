"""Shared fixtures: every test runs offscreen, with its own data folders and database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory, monkeypatch):
    """Point the user's data, config and cache folders at a temporary place."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("CLU_DB", raising=False)
    return home


@pytest.fixture
def db(tmp_path):
    """A new database at the newest revision, in a file of its own."""
    from clu_desktop.store.migrate import open_database

    database = open_database(tmp_path / "clu.sqlite")
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db):
    """A database holding the demonstration meeting (CLU of 20 December 2023)."""
    from clu_desktop.services.meeting_files import load_demo

    with db.transaction() as session:
        load_demo(session)
    demo_minutes_as_drafted(db)
    return db


def demo_minutes_as_drafted(db) -> None:
    """Put the demo meeting back to "compte-rendu rédigé", as just before signature.

    The demo is imported as signed (the real minutes of December 2023 were), and signed
    minutes refuse every edit; most tests edit the demo meeting. Tests about signed
    minutes sign it with ``services.signature.sign_minutes``, or load the demo into
    ``db`` themselves to get it as imported.
    """
    from clu_desktop.domain import Meeting, MeetingStatus
    from clu_desktop.store.signed_minutes import signature_change

    with db.transaction() as session, signature_change(session, 1):
        session.get(Meeting, 1).status = MeetingStatus.MINUTES_DRAFTED
        session.flush()
