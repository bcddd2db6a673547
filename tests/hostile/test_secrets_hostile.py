"""Passwords of any shape, in every form an address can take: never shown."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clu_desktop.store import location, secrets
from clu_desktop.store.database import Database, create_database_engine, resolve_url
from clu_desktop.store.secrets import mask

#: Any character but line ends: "@", "/", ":", "?", "#", "'", "=", "&", spaces, accents.
PASSWORDS = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"),
    min_size=1,
    max_size=30,
).map(lambda tail: f"PW{tail}")


def forms(password: str) -> list[str]:
    encoded = quote(password, safe="")
    libpq = password.replace("\\", "\\\\").replace("'", "\\'")
    return [
        f"postgresql+psycopg://clu:{encoded}@serveur:5432/clu",
        f"postgres://clu:{password}@serveur/clu",  # malformed: typed as it is
        f"postgresql://clu@serveur/clu?sslmode=require&password={encoded}",
        f"host=serveur dbname=clu user=clu password='{libpq}'",
    ]


@pytest.fixture(autouse=True)
def forgotten(monkeypatch):
    monkeypatch.setattr(secrets, "_REMEMBERED", set())


@given(password=PASSWORDS)
def test_no_password_of_any_shape_is_shown(password):
    encoded = quote(password, safe="")
    for raw in forms(password):
        for shown in (mask(raw), location.describe(raw)):
            assert password not in shown and encoded not in shown, (raw, shown)
        try:
            url = resolve_url(raw)
        except Exception as exc:  # refused: its message masked
            assert password not in str(exc) and encoded not in str(exc)
            continue
        description = Database.for_engine(create_database_engine(url)).description
        assert password not in description and encoded not in description, (raw, description)


@given(password=PASSWORDS)
def test_a_password_in_the_log_text_is_masked(password):
    text = f"ERROR could not connect to postgresql://clu:{password}@serveur/clu\nnext line"
    private = secrets.private(text)
    assert password not in private and private.endswith("\nnext line")
