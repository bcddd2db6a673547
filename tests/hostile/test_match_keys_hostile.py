"""A meeting's title or committee's name disguised by invisible characters, other spaces
or Unicode normalisation is still the same title or name on import (issue 15, item 3)."""

from __future__ import annotations

import json
import unicodedata
from functools import cache

from dump import dump
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from clu_desktop.domain import Committee
from clu_desktop.errors import UserError
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.meetings.files import import_file

#: Characters that print nothing: zero-width space, joiners, word joiner, BOM, soft hyphen,
#: bidirectional marks and isolates.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202c\u2066\u2069"
#: Spaces a title may hold in place of the ordinary one.
SPACES = " \u00a0\u2002\u2003\u2009\u202f\u205f\u3000\t"


@cache
def demo() -> dict:
    return json.loads(resource_path(*DEMO_MEETING).read_text("utf-8"))


@st.composite
def disguised(draw, text: str) -> str:
    """``text`` as the eye reads it: invisible characters here and there, other spaces,
    spaces around, decomposed accents."""
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    out = []
    for char in text:
        if char == " ":
            char = "".join(draw(st.lists(st.sampled_from(SPACES), min_size=1, max_size=3)))
        out.append(char + "".join(draw(st.lists(st.sampled_from(INVISIBLE), max_size=1))))
    before = draw(st.text(st.sampled_from(SPACES + INVISIBLE), max_size=3))
    after = draw(st.text(st.sampled_from(SPACES + INVISIBLE), max_size=3))
    return before + "".join(out) + after


def _write(tmp_path, data):
    path = tmp_path / "seance.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


@given(data=st.data())
def test_a_disguised_title_is_refused_as_a_duplicate(data, demo_db, tmp_path):
    file = json.loads(json.dumps(demo()))
    file["meeting"]["title"] = data.draw(disguised(file["meeting"]["title"]))
    before = dump(demo_db)
    try:
        with demo_db.transaction() as session:
            import_file(session, _write(tmp_path, file))
    except UserError as exc:
        assert "existe déjà" in str(exc) or "n'a pas été importé" in str(exc), str(exc)
    else:
        raise AssertionError(f"imported twice: {file['meeting']['title']!r}")
    assert dump(demo_db) == before


@given(data=st.data())
def test_a_disguised_committee_name_is_the_same_committee(data, demo_db, tmp_path):
    file = json.loads(json.dumps(demo()))
    file["meeting"]["date"] = "2024-06-12"
    file["meeting"]["title"] = f"Séance {data.draw(st.integers(0, 10**9))}"
    file["committee"]["name"] = data.draw(disguised(file["committee"]["name"]))
    try:
        with demo_db.transaction() as session:
            import_file(session, _write(tmp_path, file))
    except UserError as exc:
        # the same drawn title twice: a duplicate, which proves the committee was reused
        assert "n'a pas été importé" in str(exc) or "existe déjà" in str(exc), str(exc)
    with demo_db.reading() as session:
        assert session.scalar(select(func.count(Committee.id))) == 1
