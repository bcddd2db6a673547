"""The meeting file: round trip, the demo's content, and what a bad file is told."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from clu_desktop.domain import Meeting, Person
from clu_desktop.errors import UserError
from clu_desktop.interchange.meeting_export import dumps, export_meeting
from clu_desktop.interchange.validation import MeetingFileError, read_meeting_file
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.meetings.files import export_file, import_file, load_demo
from clu_desktop.store.migrate import open_database

DEMO = resource_path(*DEMO_MEETING)


def demo_data() -> dict:
    return json.loads(DEMO.read_text("utf-8"))


def write(tmp_path: Path, data, name="seance.json") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, "utf-8")
    return path


def import_problems(db, path: Path) -> str:
    with pytest.raises(UserError) as caught, db.transaction() as session:
        import_file(session, path)
    return str(caught.value)


def table_counts(db) -> dict[str, int]:
    from clu_desktop.domain import Base

    with db.reading() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def test_export_import_export_is_identical(tmp_path, demo_db):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    with demo_db.reading() as session:
        export_file(session, "latest", first)
    other = open_database(tmp_path / "other.sqlite")
    with other.transaction() as session:
        import_file(session, first)
    with other.reading() as session:
        export_file(session, "latest", second)
    assert first.read_bytes() == second.read_bytes()


def test_demo_file_is_what_the_application_exports(db):
    with db.transaction() as session:
        load_demo(session)  # as imported: signed (the demo_db fixture unsigns it)
    with db.reading() as session:
        exported = dumps(export_meeting(session, 1))
    assert exported == DEMO.read_text("utf-8")


def test_demo_holds_the_december_2023_meeting(demo_db):
    data = demo_data()
    meeting = data["meeting"]
    assert meeting["date"] == "2023-12-20"
    assert (meeting["start_time"], meeting["end_time"]) == ("14:30", "16:30")
    assert meeting["place"] == "Salle Louise Michel"
    titles = [item["title"] for item in meeting["agenda"]]
    assert len(titles) == 8 and titles[0] == "Bilan qualité 2022"
    assert titles[-1] == "Questions diverses"
    statuses = [a["status"] for a in meeting["attendance"]]
    assert statuses.count("present") == 14 and statuses.count("excused") == 1
    people = {p["id"]: p for p in data["people"]}
    chair = people[meeting["chair"]]
    assert (chair["first_name"], chair["last_name"]) == ("Guillaume", "THIRARD")
    assert meeting["signatory"]["delegation_formula"] == "Pour la Préfète et par délégation"
    speakers = [
        [people[s]["last_name"] for s in st["speakers"]]
        for item in meeting["agenda"]
        for st in item["statements"]
    ]
    assert ["GUY", "DORAFI"] in speakers
    second_level = [
        line
        for item in meeting["agenda"]
        for line in (item["minutes_text"] or "").splitlines()
        if line.startswith("  - ")
    ]
    assert "  - module 6 – coordination des politiques publiques" in second_level
    assert all(v["example"] for i in data["indicators"] for v in i["values"])
    with demo_db.reading() as session:
        assert session.scalar(select(func.count(Meeting.id))) == 1
        assert session.scalar(select(func.count(Person.id))) == len(data["people"])


def test_demo_refuses_a_database_with_meetings_unless_forced(tmp_path, db):
    data = demo_data()
    data["meeting"]["date"] = "2024-06-12"
    with db.transaction() as session:
        import_file(session, write(tmp_path, data))
    with pytest.raises(UserError, match="--force"), db.transaction() as session:
        load_demo(session)
    with db.transaction() as session:
        load_demo(session, force=True)
    with db.reading() as session:
        assert session.scalar(select(func.count(Meeting.id))) == 2


def test_the_same_meeting_twice_is_refused_and_changes_nothing(tmp_path, demo_db):
    before = table_counts(demo_db)
    message = import_problems(demo_db, DEMO)
    assert "existe déjà" in message
    assert table_counts(demo_db) == before


def test_import_into_a_database_reuses_its_people(tmp_path, demo_db):
    data = demo_data()
    data["meeting"]["date"] = "2024-06-12"
    with demo_db.transaction() as session:
        import_file(session, write(tmp_path, data))
    with demo_db.reading() as session:
        assert session.scalar(select(func.count(Person.id))) == len(data["people"])


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


def test_markup_and_control_characters_survive_the_round_trip(tmp_path, db):
    data = demo_data()
    tricky = 'a<b & <font color="[[[x]]]">AT&T</font>\t\u0007 «»'
    data["meeting"]["agenda"][0]["minutes_text"] = tricky
    data["people"][0]["function"] = "<b>x</b>"
    with db.transaction() as session:
        meeting_id = import_file(session, write(tmp_path, data))
    with db.reading() as session:
        out = export_meeting(session, meeting_id)
    assert out["meeting"]["agenda"][0]["minutes_text"] == tricky
    assert out["people"][0]["function"] == "<b>x</b>"
