"""SQLite addresses that could open the file beside the one-writer lock: a ``file:`` URI
in any case, query parameters of any name and value, another driver. All are refused
before anything is made, with a French message."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clu_desktop.errors import DatabaseError
from clu_desktop.store.migrate import open_database

KEYS = st.sampled_from(
    ["uri", "mode", "vfs", "nolock", "immutable", "cache", "psow", "modeof", "timeout"]
) | st.text(st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=8)
VALUES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
FILE_PREFIX = st.sampled_from(["", "file:", "FILE:", "File:", "fIlE:"])
DRIVERS = st.sampled_from(["sqlite", "sqlite+pysqlite", "sqlite+aiosqlite", "sqlite+pysqlcipher"])


@given(
    prefix=FILE_PREFIX,
    driver=DRIVERS,
    query=st.lists(st.tuples(KEYS, VALUES), max_size=3),
)
def test_a_sqlite_address_other_than_a_plain_path_is_refused(
    tmp_path_factory, prefix, driver, query
):
    plain = not prefix and not query and driver in ("sqlite", "sqlite+pysqlite")
    if plain:
        return  # a plain path: opened as any other (tests/store)
    folder = tmp_path_factory.mktemp("uri")
    target = folder / "neuf" / "clu.sqlite"
    parameters = "&".join(f"{quote(key)}={quote(value)}" for key, value in query)
    address = f"{driver}:///{prefix}{target}" + (f"?{parameters}" if parameters else "")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        with pytest.raises(DatabaseError, match="Rien n'a été créé"):
            open_database(address, exclusive=True)
    assert list(Path(folder).iterdir()) == []
