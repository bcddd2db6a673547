"""The meeting file and the database: round trip, the demo's content and its loading,
a meeting imported twice, the records of the base reused."""

from __future__ import annotations

import pytest
from meeting_files import DEMO, demo_data, import_problems, table_counts, write
from sqlalchemy import func, select

from clu_desktop.domain import Meeting, Person
from clu_desktop.errors import UserError
from clu_desktop.interchange.meeting_file import dumps
from clu_desktop.services.meetings.file_export import export_meeting
from clu_desktop.services.meetings.files import export_file, import_file, load_demo
from clu_desktop.store.migrate import open_database


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
