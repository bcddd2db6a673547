"""Meeting files at and past the format's limits: numbers of any size, agendas of any
depth, lists naming a thing twice, names of invisible characters, values the indicator
grid refuses. Each is imported whole or refused in French, the database unchanged."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from functools import cache

from dump import dump
from hypothesis import event, given, settings
from hypothesis import strategies as st

from clu_desktop.errors import UserError
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.meetings.files import import_file

INVISIBLE = "\u200b\u200c\u200d\u2060\u200e\u200f\u202a\u202e\u00ad\ufeff \u00a0\u3000\t"


@cache
def demo_text() -> str:
    return resource_path(*DEMO_MEETING).read_text("utf-8")


_DAYS = itertools.count()


def _import(db, tmp_path, raw: str) -> bool:
    # A meeting of its own each time: the database is kept between examples.
    day = dt.date(2000, 1, 1) + dt.timedelta(days=next(_DAYS))
    raw = raw.replace('"date": "2023-12-20"', f'"date": "{day.isoformat()}"', 1)
    path = tmp_path / "seance.json"
    path.write_text(raw, "utf-8")
    before = dump(db)
    try:
        with db.transaction() as session:
            import_file(session, path)
    except UserError as exc:
        assert "n'a pas été importé" in str(exc), str(exc)
        assert dump(db) == before
        event("refusé")
        return False
    event("importé")
    return True


numbers = st.one_of(
    st.integers(min_value=-(10**400), max_value=10**400).map(str),
    st.floats(allow_nan=False).map(repr).map(lambda t: t.replace("inf", "1e400")),
    st.sampled_from(["1e28", "-1e400", "1e308", "999999999999999", "1000000000000000"]),
)
PLACES = ['"value": 48500.0', '"target": ', '"duration_minutes": null', '"quorum": null']


@given(number=numbers, place=st.sampled_from(PLACES))
def test_any_number_anywhere(number, place, db, tmp_path):
    raw = demo_text()
    if place not in raw:
        place = '"value": 48500.0'
    if place.endswith(": "):
        start = raw.index(place) + len(place)
        end = raw.index(",", start)
        raw = raw[:start] + number + raw[end:]
    else:
        raw = raw.replace(place, place.split(":")[0] + ": " + number, 1)
    imported = _import(db, tmp_path, raw)
    if abs(float(number) if "e" in number or "." in number else int(number)) >= 10**15:
        assert not imported


@settings(max_examples=10)
@given(depth=st.integers(1, 3000))
def test_an_agenda_of_any_depth(depth, db, tmp_path):
    nested = "".join(f'{{"id": "d{n}", "title": "niveau", "items": [' for n in range(depth))
    raw = demo_text().replace('"items": []', f'"items": [{nested}{"]}" * depth}]', 1)
    assert _import(db, tmp_path, raw) == (depth <= 9)


DUPLICABLE = [
    ("meeting", "annexes", 0, "indicators"),
    ("referentials", 0, "modules"),
    ("sites",),
    ("indicators",),
    ("meeting", "attendance"),
    ("committee", "members"),
    ("people",),
    ("organisations",),
]


@given(where=st.sampled_from(DUPLICABLE), rename=st.booleans())
def test_a_list_element_twice(where, rename, db, tmp_path):
    data = json.loads(demo_text())
    items = data
    for part in where:
        items = items[part]
    twin = items[0]
    if isinstance(twin, dict) and rename and "id" in twin:
        twin = dict(twin, id="twin-id")
    items.append(twin)
    _import(db, tmp_path, json.dumps(data, ensure_ascii=False))


@given(name=st.text(INVISIBLE, min_size=1, max_size=8), field=st.sampled_from(["p", "o", "t"]))
def test_a_name_of_invisible_characters(name, field, db, tmp_path):
    data = json.loads(demo_text())
    if field == "p":
        data["people"][0]["last_name"] = name
    elif field == "o":
        data["organisations"][0]["name"] = name
    else:
        data["meeting"]["title"] = name
    assert not _import(db, tmp_path, json.dumps(data, ensure_ascii=False))


@given(value=st.floats(-1e6, 1e6, allow_nan=False), unit=st.sampled_from(["%", "jours"]))
def test_values_the_grid_refuses(value, unit, db, tmp_path):
    data = json.loads(demo_text())
    indicator = next(i for i in data["indicators"] if i.get("unit") == unit and i["values"])
    indicator["values"][0]["value"] = value
    imported = _import(db, tmp_path, json.dumps(data, ensure_ascii=False))
    if (unit == "%" and not 0 <= value <= 100) or (unit == "jours" and value < 0):
        assert not imported
