"""Hostile erasure: any French name, written in any of its printed forms (capitals,
decomposed accents, non-breaking spaces) in any text column of any table, is gone from
the database and from its files after the erasure."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from clu_desktop.domain import Base, Person
from clu_desktop.services.personal.data import person_matcher
from clu_desktop.services.personal.erasure import erase_person
from clu_desktop.services.personal.walk import remaining, text_columns
from clu_desktop.store.migrate import open_database
from clu_desktop.store.scrub import scrub_after_erasure
from clu_desktop.store.signed_minutes import personal_data_erasure

LETTERS = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ"
#: Columns that hold no text a user types: their forms are tried elsewhere.
SKIPPED = {("meeting", "signed_sha256"), ("signature_event", "sha256")}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The demonstration base, once: each example works on a copy."""
    from clu_desktop.services.meetings.files import load_demo

    path = tmp_path_factory.mktemp("erasure") / "demo.sqlite"
    db = open_database(path)
    with db.transaction() as session:
        load_demo(session)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def _places(template: Path) -> list[tuple[str, str, int | None]]:
    db = open_database(template)
    try:
        with db.reading() as session:
            return [
                (table.name, column.name, getattr(column.type, "length", None))
                for table in Base.metadata.sorted_tables
                for column in text_columns(table)
                if (table.name, column.name) not in SKIPPED
                and session.execute(select(table).limit(1)).first() is not None
            ]
    finally:
        db.dispose()


word = st.text(alphabet=LETTERS, min_size=2, max_size=12)
compound = st.lists(word, min_size=1, max_size=3).flatmap(
    lambda words: st.sampled_from([" ", "-", "'"]).map(lambda sep: sep.join(words))
)
names = st.tuples(st.sampled_from(["M.", "Mme", None]), compound, compound)


def _printed(civility: str | None, first: str, last: str, how: str) -> str:
    parts = {
        "typed": [civility, first.title(), last.title()],
        "printed": [civility, first.title(), last.upper()],
        "reversed": [last.upper(), first.title()],
        "lower": [first.lower(), last.lower()],
    }[how]
    joiner = "\u00a0" if how == "lower" else " "
    shown = joiner.join(p for p in parts if p)
    return unicodedata.normalize("NFD", shown) if how == "reversed" else shown


@given(
    name=names,
    digits=st.text(alphabet="0123456789", min_size=10, max_size=10),
    picks=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10_000),
            st.sampled_from(["typed", "printed", "reversed", "lower", "email", "phone"]),
            st.sampled_from(["", "Vu avec ", "(", "« "]),
            st.sampled_from(["", ".", " demain", ")", " »"]),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_a_name_anywhere_is_gone_from_the_base_and_its_files(
    template, tmp_path_factory, name, digits, picks
):
    civility, first, last = name
    email = f"{first[:1]}{len(last)}@effacement.example".replace("'", "")
    email = unicodedata.normalize("NFKD", email).encode("ascii", "ignore").decode()
    phone = " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    path = tmp_path_factory.mktemp("copy") / "clu.sqlite"
    shutil.copyfile(template, path)
    places = _places(path)
    db = open_database(path)
    written = []
    try:
        # The demo's minutes are signed: the guard lets only an erasure write there.
        with db.transaction() as session, personal_data_erasure(session):
            person = Person(
                civility=civility,
                first_name=first.title(),
                last_name=last.upper(),
                email=email,
                phone=phone,
            )
            session.add(person)
            session.flush()
            person_id = person.id
            for index, how, before, after in picks:
                table_name, column_name, length = places[index % len(places)]
                mention = {"email": email, "phone": phone}.get(how) or _printed(
                    civility, first, last, how
                )
                value = f"{before}{mention}{after}"
                if length is not None and len(value) > length:
                    continue
                table = Base.metadata.tables[table_name]
                pk = list(table.primary_key.columns)
                query = select(*pk).order_by(*pk).limit(1)
                if table_name == "person":
                    query = query.where(table.c.id != person_id)
                key = session.execute(query).first()
                session.execute(
                    update(table)
                    .where(*[c == v for c, v in zip(pk, key, strict=True)])
                    .values({column_name: value})
                )
                written.append(mention)
        with db.reading() as session:
            matcher = person_matcher(session, session.get(Person, person_id))
        with db.transaction() as session:
            erase_person(session, person_id, anonymise_signed=True)
        scrub_after_erasure(db)
        with db.reading() as session:
            assert remaining(session, matcher) == []
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        db.dispose()
    files = b"".join(
        Path(f"{path}{suffix}").read_bytes()
        for suffix in ("", "-wal", "-shm")
        if Path(f"{path}{suffix}").exists()
    )
    original = template.read_bytes()
    for mention in [email, *written]:
        needle = mention.encode("utf-8")
        if len(mention) >= 6 and needle not in original:
            assert needle not in files, mention
