"""The meeting file: what a bad file is told, and nothing imported."""

from __future__ import annotations

import copy

import pytest
from meeting_files import DEMO, demo_data, import_problems, table_counts, write

from clu_desktop.interchange.validation import MeetingFileError, read_meeting_file


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["meeting"].pop("date"), "meeting : le champ obligatoire « date » manque"),
        (
            lambda d: d["meeting"].__setitem__("date", "2023-02-30"),
            "meeting.date : date impossible : « 2023-02-30 »",
        ),
        (
            lambda d: d["meeting"].__setitem__("date", "20/12/2023"),
            "meeting.date : date attendue au format AAAA-MM-JJ",
        ),
        (
            lambda d: d["meeting"].__setitem__("start_time", "25:00"),
            "meeting.start_time : heure attendue au format HH:MM",
        ),
        (
            lambda d: d["people"][0].__setitem__("last_name", "X" * 10_000),
            "people[0].last_name : texte trop long : 10000 caractères, 100 au plus",
        ),
        (
            lambda d: d["meeting"]["agenda"][2].__setitem__("title", "  "),
            "meeting.agenda[2].title : ce champ ne peut pas être vide",
        ),
        (
            lambda d: d["meeting"]["attendance"][3].__setitem__("status", "là"),
            'meeting.attendance[3].status : valeur "là" non reconnue',
        ),
        (
            lambda d: d["meeting"]["agenda"][0]["statements"].append({"text": 3}),
            "meeting.agenda[0].statements[0].text : un texte attendu, pas 3",
        ),
        (
            lambda d: d["meeting"].__setitem__("colour", "red"),
            "meeting : champ inconnu « colour »",
        ),
        (
            lambda d: d["meeting"]["agenda"][2]["statements"][0]["speakers"].append("nobody"),
            "meeting.agenda[2].statements[0].speakers[2] : personne « nobody » introuvable",
        ),
        (
            lambda d: d["meeting"].__setitem__("chair", "person-999"),
            "meeting.chair : personne « person-999 » introuvable",
        ),
        (
            lambda d: d["people"][1].__setitem__("id", d["people"][0]["id"]),
            "people[1].id : identifiant « person-1 » en double",
        ),
        (
            lambda d: d["meeting"]["attendance"][0].update(
                status="represented",
                representation="substitute",
                represented_by=d["meeting"]["attendance"][0]["person"],
            ),
            "meeting.attendance[0].represented_by : une personne ne peut pas se représenter",
        ),
        (
            lambda d: d["meeting"]["attendance"][0].update(arrived_at="15:00", left_at="14:00"),
            "meeting.attendance[0].left_at : départ avant l'arrivée",
        ),
        (
            lambda d: d["indicators"][0]["values"][0].__setitem__("period", "2022-05"),
            "indicators[0].values[0].period : période « 2022-05 » incohérente",
        ),
        (lambda d: d.__setitem__("version", 7), "version 7 du format non prise en charge"),
        (lambda d: d.__setitem__("format", "autre"), "ce n'est pas un fichier de séance"),
    ],
)
def test_invalid_files_name_the_field_and_import_nothing(tmp_path, db, mutate, expected):
    data = copy.deepcopy(demo_data())
    mutate(data)
    before = table_counts(db)
    message = import_problems(db, write(tmp_path, data))
    assert expected in message, message
    assert "Rien n'a été modifié" in message
    assert table_counts(db) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "le fichier est vide"),
        ('{"format": "clu-desktop-meeting",\n  "version": 1,,}', "JSON mal formé, ligne 2"),
        ('{"a": 1, "a": 2}', "clé « a » en double"),
        ('{"x": NaN}', "valeur NaN interdite"),
        ("[" * 100_000, "JSON"),
        ("<b>x</b>", "JSON mal formé, ligne 1, colonne 1"),
    ],
)
def test_malformed_json_is_explained(tmp_path, db, content, expected):
    message = import_problems(db, write(tmp_path, content))
    assert expected in message, message


def test_a_file_that_is_not_utf8_is_explained(tmp_path, db):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format": "séance"}'.encode("latin-1"))
    assert "pas en UTF-8" in import_problems(db, path)


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + DEMO.read_bytes())
    assert read_meeting_file(path)["meeting"]["date"] == "2023-12-20"


def test_many_problems_are_listed_together_but_not_endlessly(tmp_path):
    data = demo_data()
    for person in data["people"]:
        person["last_name"] = ""
    with pytest.raises(MeetingFileError) as caught:
        read_meeting_file(write(tmp_path, data))
    assert len(caught.value.problems) == len(data["people"])
    assert "autre(s) problème(s)" in str(caught.value)
