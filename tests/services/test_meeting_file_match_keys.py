"""Records matched by name or title on import: a difference of invisible characters,
spaces or Unicode normalisation is no difference (issue 15, item 3)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from sqlalchemy import func, select

from clu_desktop.domain import Committee, Indicator, Organisation, Person, Referential, Site
from clu_desktop.errors import UserError
from clu_desktop.names import match_key, name_key
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.meetings.files import import_file

#: The same text as the eye reads it, written another way.
DISGUISES = {
    "zero-width space": lambda t: t[:3] + "\u200b" + t[3:],
    "word joiner and BOM": lambda t: "\ufeff" + t + "\u2060",
    "trailing space": lambda t: t + " ",
    "non-breaking space": lambda t: t.replace(" ", "\u00a0"),
    "narrow no-break space and tab": lambda t: t.replace(" ", "\u202f\t", 1),
    "NFD accents": lambda t: unicodedata.normalize("NFD", t),
    "right-to-left mark": lambda t: t + "\u200f",
}


def demo_data() -> dict:
    return json.loads(resource_path(*DEMO_MEETING).read_text("utf-8"))


def write(tmp_path, data):
    path = tmp_path / "seance.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def count(db, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count(model.id)))


def test_keys_ignore_what_does_not_show():
    title = "Séance plénière du comité"
    for disguise in DISGUISES.values():
        assert match_key(disguise(title)) == title
    assert match_key("a \u3000\u2009 b") == "a b"
    assert name_key("ÉTAT\u200b ") == name_key("état")
    assert match_key("Séance") != match_key("seance")  # a title keeps its case and accents


@pytest.mark.parametrize("disguise", DISGUISES.values(), ids=DISGUISES.keys())
def test_a_disguised_title_is_still_a_duplicate(tmp_path, demo_db, disguise):
    data = demo_data()
    data["meeting"]["title"] = disguise(data["meeting"]["title"])
    with pytest.raises(UserError, match="existe déjà"), demo_db.transaction() as session:
        import_file(session, write(tmp_path, data))


@pytest.mark.parametrize("disguise", DISGUISES.values(), ids=DISGUISES.keys())
def test_disguised_names_reuse_the_records_of_the_base(tmp_path, demo_db, disguise):
    data = demo_data()
    data["meeting"]["date"] = "2024-06-12"  # another meeting, the same committee
    data["committee"]["name"] = disguise(data["committee"]["name"])
    for org in data["organisations"]:
        org["name"] = disguise(org["name"])
    for person in data["people"]:
        person["last_name"] = disguise(person["last_name"])
    for site in data["sites"]:
        site["name"] = disguise(site["name"])
    for ref in data["referentials"]:
        ref["code"] = disguise(ref["code"])
    for indicator in data["indicators"]:
        indicator["code"] = disguise(indicator["code"])
    models = (Committee, Organisation, Person, Site, Referential, Indicator)
    before = {model: count(demo_db, model) for model in models}
    with demo_db.transaction() as session:
        import_file(session, write(tmp_path, data))
    assert {model: count(demo_db, model) for model in models} == before
