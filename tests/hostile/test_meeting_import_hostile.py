"""A meeting file carrying hostile text is imported whole, the text kept as it was, or
refused with a French message and the database left exactly as it was."""

from __future__ import annotations

import copy
import json
from functools import cache

from dump import dump
from hostile_text import hostile_text, short_hostile_text
from hypothesis import event, given, settings
from hypothesis import strategies as st

from clu_desktop.errors import UserError
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.meetings.file_export import export_meeting
from clu_desktop.services.meetings.files import import_file

#: Where hostile text goes: a path in the file, and the longest text it may hold.
PLACES = {
    ("meeting", "title"): 300,
    ("meeting", "place"): 300,
    ("meeting", "opening_text"): None,
    ("meeting", "agenda", 0, "title"): 300,
    ("meeting", "agenda", 0, "minutes_text"): None,
    ("meeting", "agenda", 0, "decision", "text"): 20_000,
    ("people", 0, "last_name"): 100,
    ("people", 0, "function"): 300,
    ("organisations", 0, "name"): 300,
    ("committee", "name"): 200,
}


@cache
def demo_text() -> str:
    return resource_path(*DEMO_MEETING).read_text("utf-8")


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def _set(data, path, value) -> None:
    _get(data, path[:-1])[path[-1]] = value


@st.composite
def meeting_files(draw, surrogates: bool = False):
    """The demonstration meeting with hostile text in some of its fields (some too long
    for the format, some with characters JSON can carry and nothing else can)."""
    data = json.loads(demo_text())
    data["meeting"]["agenda"][0]["decision"] = {"text": None}  # a deliberation's text
    chosen = draw(st.lists(st.sampled_from(sorted(PLACES)), min_size=1, max_size=4, unique=True))
    for path in chosen:
        limit = PLACES[path]
        text = (
            hostile_text(surrogates=surrogates)
            if limit is None or draw(st.booleans())
            else short_hostile_text(limit)
        )
        _set(data, path, draw(text))
    return data, chosen


def _import(db, tmp_path, data) -> int | None:
    path = tmp_path / "seance.json"
    path.write_text(json.dumps(data), "utf-8")  # ensure_ascii: lone surrogates as \ud800
    before = dump(db)
    try:
        with db.transaction() as session:
            return import_file(session, path)
    except UserError as exc:
        message = str(exc)
        assert "n'a pas été importé" in message or "Rien n'a été importé" in message, message
        assert dump(db) == before
        return None


def _check_whole(db, meeting_id: int, data: dict, chosen) -> None:
    with db.reading() as session:
        out = export_meeting(session, meeting_id)
    for path in chosen:
        if path[0] in ("people", "organisations"):
            continue  # may be an existing record reused by name (the demo's, in demo_db)
        assert _get(out, path) == _get(data, path), path
    assert len(out["meeting"]["attendance"]) == len(data["meeting"]["attendance"])
    assert len(out["meeting"]["agenda"]) == len(data["meeting"]["agenda"])


@given(example=meeting_files())
def test_a_hostile_meeting_file_is_imported_whole_or_not_at_all(example, db, tmp_path):
    data, chosen = example
    meeting_id = _import(db, tmp_path, data)
    event("importé" if meeting_id is not None else "refusé")
    if meeting_id is not None:
        _check_whole(db, meeting_id, data, chosen)


@settings(max_examples=10)
@given(example=meeting_files(surrogates=True))
def test_lone_surrogates_in_a_meeting_file(example, db, tmp_path):
    data, chosen = example
    meeting_id = _import(db, tmp_path, data)
    event("importé" if meeting_id is not None else "refusé")
    if meeting_id is not None:
        _check_whole(db, meeting_id, data, chosen)


def test_a_meeting_file_over_an_existing_one_with_hostile_text(demo_db, tmp_path):
    """Into a database that holds the demo: the same file with a hostile title is a new
    meeting; the same file again is refused and changes nothing."""
    data = copy.deepcopy(json.loads(demo_text()))
    data["meeting"]["title"] = '<font color="[[[x]]]">AT&T\x00\u202e'
    first = _import(demo_db, tmp_path, data)
    assert first is not None
    assert _import(demo_db, tmp_path, data) is None
