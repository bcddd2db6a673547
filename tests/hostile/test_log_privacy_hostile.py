"""A database error never writes what it carried to the log: names of any shape."""

from __future__ import annotations

import traceback

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from clu_desktop.store.migrate import open_database
from clu_desktop.store.secrets import error_summary, private

NAMES = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
).map(lambda tail: f"Zyx{tail}")
INSERT = text(
    "INSERT INTO person (id, last_name, first_name, email, version) "
    "VALUES (:id, :last_name, :first_name, :email, 1)"
)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("log") / "clu.sqlite")
    with db.transaction() as session:
        session.execute(INSERT, {"id": 1, "last_name": "A", "first_name": "B", "email": "c"})
    yield db
    db.dispose()


@given(name=NAMES, email=NAMES)
def test_a_failed_statement_logs_no_value(database, name, email):
    with pytest.raises(Exception) as caught, database.transaction() as session:
        session.execute(INSERT, {"id": 1, "last_name": name, "first_name": name, "email": email})
    logged = private("".join(traceback.format_exception(caught.value)))
    shown = error_summary(caught.value)
    assert "IntegrityError" in logged and "INSERT INTO person" in logged
    for value in (name, email):
        assert value not in logged and value not in shown
