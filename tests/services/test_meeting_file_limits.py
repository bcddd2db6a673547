"""A meeting file that passes the checks imports whole: what the database or a document
cannot hold (lists naming a thing twice, deep agendas, huge numbers, invisible names,
values the indicator grid refuses) is refused in French, never a traceback."""

from __future__ import annotations

import copy
import json

import pytest
from meeting_files import demo_data, import_problems, table_counts, write
from sqlalchemy import select

from clu_desktop.domain import Indicator
from clu_desktop.errors import UserError
from clu_desktop.rules.fields import clean_text
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators.values import set_value
from clu_desktop.services.meetings.files import import_file


def _refused(db, tmp_path, data=None, raw=None) -> str:
    before = table_counts(db)
    path = tmp_path / "seance.json"
    path.write_text(raw if raw is not None else json.dumps(data, ensure_ascii=False), "utf-8")
    message = import_problems(db, path)
    assert "n'a pas été importé" in message and "Rien n'a été modifié" in message, message
    assert table_counts(db) == before
    return message


def _first_statement_with_speakers(data):
    for item in data["meeting"]["agenda"]:
        for statement in item["statements"]:
            if statement.get("speakers"):
                return statement
    raise AssertionError("the demo has a speaker")


def _twice_speaker(d):
    statement = _first_statement_with_speakers(d)
    statement["speakers"].append(statement["speakers"][0])


def _twice_annex_indicator(d):
    annex = next(a for a in d["meeting"]["annexes"] if a.get("indicators"))
    annex["indicators"].append(annex["indicators"][0])


def _twice_module_code(d):
    modules = d["referentials"][0]["modules"]
    modules.append(dict(modules[0], id="module-zz"))


def _twice_site_name(d):
    d["sites"].append({"id": "site-zz", "name": " " + d["sites"][0]["name"].upper() + " "})


def _twice_indicator_code(d):
    d["indicators"].append(dict(d["indicators"][0], id="indicator-zz", values=[]))


def _twice_indicator_site(d):
    indicator = next(i for i in d["indicators"] if i.get("sites"))
    indicator["sites"].append(indicator["sites"][0])


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_twice_speaker, "l'intervenant « "),
        (_twice_annex_indicator, "l'indicateur « indicator-1 » figure deux fois"),
        (_twice_module_code, "le module de code « 1 » figure deux fois"),
        (_twice_site_name, "deux sites portent le nom"),
        (_twice_indicator_code, "l'indicateur de code"),
        (_twice_indicator_site, "le site « "),
    ],
)
def test_a_list_naming_a_thing_twice_is_refused(db, tmp_path, mutate, expected):
    data = demo_data()
    mutate(data)
    assert expected in _refused(db, tmp_path, data)


def test_two_people_of_the_file_who_are_one_person_of_the_base(db, tmp_path):
    data = demo_data()
    with db.transaction() as session:
        import_file(session, write(tmp_path, data, "premiere.json"))
    second = copy.deepcopy(data)
    second["meeting"]["date"] = "2024-01-10"
    twin = dict(second["people"][0], id="person-twin")
    twin["last_name"] = "  " + twin["last_name"].lower() + "  "
    second["people"].append(twin)
    entry = dict(second["meeting"]["attendance"][0])
    entry.update(person="person-twin", status="invited")
    entry.update(representation=None, represented_by=None, represented_by_name=None)
    second["meeting"]["attendance"].append(entry)
    message = _refused(db, tmp_path, second)
    assert "« person-1 » et « person-twin »" in message and "une seule personne" in message


def _nest(data, depth):
    item = data["meeting"]["agenda"][0]
    for level in range(depth):
        child = {"id": f"deep-{level}", "title": f"niveau {level + 2}", "items": []}
        item["items"].append(child)
        item = child


def test_an_agenda_of_ten_levels_is_imported(db, tmp_path):
    data = demo_data()
    _nest(data, 9)
    with db.transaction() as session:
        assert import_file(session, write(tmp_path, data)) is not None


@pytest.mark.parametrize("depth", [10, 400, 5000])
def test_an_agenda_deeper_than_ten_levels_is_refused(db, tmp_path, depth):
    raw = json.dumps(demo_data(), ensure_ascii=False)
    assert raw.count('"items": []') > 1  # the first is the first item's
    nested = "".join(f'{{"id": "deep-{n}", "title": "niveau", "items": [' for n in range(depth))
    raw = raw.replace('"items": []', f'"items": [{nested}{"]}" * depth}]', 1)
    message = _refused(db, tmp_path, raw=raw)
    assert "plus de 10 niveaux de sous-points" in message or "trop profondément" in message


@pytest.mark.parametrize(
    ("place", "number"),
    [
        ('"value": 48500.0', "9" * 400),
        ('"value": 48500.0', "1e400"),
        ('"value": 48500.0', "-1e400"),
        ('"value": 48500.0', "1e28"),
        ('"value": 48500.0', "1000000000000000"),
        ('"duration_minutes": null', "9" * 400),
        ('"quorum": null', "1e400"),
    ],
)
def test_numbers_no_document_can_print_are_refused(db, tmp_path, place, number):
    raw = json.dumps(demo_data(), ensure_ascii=False, indent=1)
    assert place in raw
    raw = raw.replace(place, place.split(":")[0] + ": " + number, 1)
    assert "nombre trop grand" in _refused(db, tmp_path, raw=raw)


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u2060\u200e", " \u00ad\u200d ", "\u202e"])
def test_a_name_of_invisible_characters_only_is_refused(db, tmp_path, name):
    data = demo_data()
    data["people"][0]["last_name"] = name
    assert "caractères invisibles" in _refused(db, tmp_path, data)
    with pytest.raises(UserError, match="ne peut pas être vide"):
        clean_text(name, "NOM", 100, required=True)  # the window's own check


def _indicator(data, unit):
    return next(i for i in data["indicators"] if i.get("unit") == unit and i["values"])


def test_a_percentage_above_100_is_refused_as_in_the_grid(db, tmp_path):
    data = demo_data()
    _indicator(data, "%")["values"][0]["value"] = 250
    assert "un pourcentage est compris entre 0 et 100" in _refused(db, tmp_path, data)


def test_a_negative_delay_is_refused_as_in_the_grid(db, tmp_path):
    data = demo_data()
    _indicator(data, "jours")["values"][0]["value"] = -5
    assert "ne peut pas être négatif" in _refused(db, tmp_path, data)


def test_a_value_for_an_indicator_of_the_base_with_another_unit(db, tmp_path):
    """The base's indicator is a percentage; the file's, with the same code, is not."""
    data = demo_data()
    indicator = _indicator(data, "%")
    with db.transaction() as session:
        indicators_catalogue.add_indicator(session, indicator["code"], "déjà dans la base")
        found = session.scalar(select(Indicator).where(Indicator.code == indicator["code"]))
        indicators_catalogue.update_indicator(session, found.id, "unit", "%")
    indicator["unit"] = "nombre"
    indicator["values"][0]["value"] = 250
    message = _refused(db, tmp_path, data)
    assert "un pourcentage est compris entre 0 et 100" in message


@pytest.mark.parametrize("value", [1e28, 10**15, -1e16, float("inf"), int("9" * 400)])
def test_the_grid_refuses_values_no_document_can_print(db, value):
    with db.transaction() as session:
        indicator_id = indicators_catalogue.add_indicator(session, "GRANDS", "grands nombres")
        with pytest.raises(UserError):
            set_value(session, indicator_id, "2024", None, value)
        set_value(session, indicator_id, "2024", None, 999_999_999_999_999)


def test_the_spreadsheet_import_refuses_values_no_document_can_print(demo_db, tmp_path):
    from clu_desktop.services.indicators.files import import_file as import_values

    path = tmp_path / "valeurs.csv"
    path.write_text("indicateur;période;valeur\r\nPAN-USAGE;2030;1e28\r\n", "utf-8")
    with pytest.raises(UserError, match="nombre trop grand"), demo_db.transaction() as s:
        import_values(s, path)
