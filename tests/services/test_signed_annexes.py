"""Signed minutes are frozen, their indicator annexes included: importing values (a
spreadsheet, the grid, another meeting's file with the same indicator codes) never changes
what a signed meeting's annex prints; reopening gives the live values back; the minutes
signed in CLU Desktop are exported as the PDF that was signed."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from clu_desktop.documents.minutes import write_minutes
from clu_desktop.domain import Meeting
from clu_desktop.errors import UserError
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.documents.export import export_minutes
from clu_desktop.services.documents.signature import reopen_minutes, sign_minutes, signed_pdf
from clu_desktop.services.documents.snapshot import meeting_snapshot
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values
from clu_desktop.services.indicators.files import import_file as import_indicators
from clu_desktop.services.meetings.files import import_file as import_meeting_file

SIGNED_AT = dt.datetime(2024, 4, 8, 10, 12)
CODE = "RS-CONNEXIONS"


def pdf_text(data: bytes) -> str:
    """The PDF's text, spaces of every kind as one plain space."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def rendered(db, tmp_path, name: str) -> bytes:
    """The minutes of the demo made again from the database, as the documents do."""
    path = tmp_path / name
    with db.reading() as session:
        write_minutes(meeting_snapshot(session, 1), path)
    return path.read_bytes()


def annex_value(db, code: str = CODE, period: str = "2022") -> float:
    with db.reading() as session:
        annex = next(a for a in meeting_snapshot(session, 1).annexes if a.kind == "indicators")
    indicator = next(i for i in annex.indicators if i.code == code)
    return next(v.value for v in indicator.values if v.period == period and v.site is None)


def live_value(db, code: str = CODE, period: str = "2022") -> float | None:
    with db.reading() as session:
        row = next(r for r in indicators_catalogue.list_indicators(session) if r.code == code)
        cell = indicators_values.value_grid(session, row.id).cells.get((period, None))
        return None if cell is None else cell.value


@pytest.fixture
def signed(demo_db, tmp_path):
    """The demo signed in CLU Desktop; returns (db, the signed PDF's bytes)."""
    with demo_db.transaction() as session:
        sign_minutes(session, 1, "dupont", at=SIGNED_AT)
    with demo_db.reading() as session:
        data = signed_pdf(session, 1).data
    assert "48 500" in pdf_text(data)
    return demo_db, data


def import_spreadsheet(db, tmp_path, text: str) -> None:
    path = tmp_path / "valeurs.csv"
    path.write_text(text, encoding="utf-8")
    with db.transaction() as session:
        import_indicators(session, path)


SPREADSHEET = (
    "indicateur;période;site;valeur;commentaire\n"
    f"{CODE};2022;;1;corrigé\n"
    f"{CODE};2021;;7;ajouté\n"
    f"{CODE};2023;;99999;ajouté\n"
)


def test_a_spreadsheet_import_does_not_change_a_signed_annex(signed, tmp_path):
    db, signed_data = signed
    import_spreadsheet(db, tmp_path, SPREADSHEET)
    assert live_value(db) == 1  # the indicators themselves are imported
    again = rendered(db, tmp_path, "again.pdf")
    text = pdf_text(again)
    assert "48 500" in text
    assert "99 999" not in text and "corrigé" not in text
    assert pages(again) == pages(signed_data)
    assert text == pdf_text(signed_data)


def test_a_grid_edit_does_not_change_a_signed_annex(signed, tmp_path):
    db, signed_data = signed
    with db.transaction() as session:
        row = next(r for r in indicators_catalogue.list_indicators(session) if r.code == CODE)
        indicators_values.set_value(
            session, row.id, "2022", None, 1.0, comment="saisi dans la grille"
        )
    assert live_value(db) == 1
    assert annex_value(db) == 48500
    assert pdf_text(rendered(db, tmp_path, "again.pdf")) == pdf_text(signed_data)


def demo_file_with(
    tmp_path, added: dict[str, list[tuple[str, float]]], status: str = "held"
) -> object:
    """The demo meeting's file as another meeting (another date), its indicators
    carrying the values ``added``: {code: [(period, value), ...]}."""
    data = json.loads(resource_path(*DEMO_MEETING).read_text(encoding="utf-8"))
    data["meeting"]["date"] = "2024-06-20"
    data["meeting"]["status"] = status
    for record in data["indicators"]:
        for period, value in added.get(record["code"], []):
            record["values"].append({"period": period, "site": None, "value": value})
    path = tmp_path / "autre-seance.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_meeting_file_with_the_same_indicator_codes_does_not_change_a_signed_annex(
    signed, tmp_path
):
    db, signed_data = signed
    path = demo_file_with(
        tmp_path, {CODE: [("2023", 1.0), ("2021", 2.0), ("2020", 3.0), ("2019", 4.0)]}
    )
    with db.transaction() as session:
        other = import_meeting_file(session, path)
    assert other != 1
    assert live_value(db, period="2023") == 1
    again = rendered(db, tmp_path, "again.pdf")
    assert pages(again) == pages(signed_data)
    assert pdf_text(again) == pdf_text(signed_data)


def test_export_minutes_of_signed_minutes_is_the_signed_pdf(signed, tmp_path):
    db, signed_data = signed
    import_spreadsheet(db, tmp_path, SPREADSHEET)
    with db.reading() as session:
        path = export_minutes(session, 1, tmp_path / "export.pdf")
        stored = session.scalar(select(Meeting.signed_sha256).where(Meeting.id == 1))
    assert path.read_bytes() == signed_data
    assert hashlib.sha256(path.read_bytes()).hexdigest() == stored


def test_reopening_gives_the_live_values_and_signing_again_freezes_them(signed, tmp_path):
    db, _ = signed
    import_spreadsheet(db, tmp_path, SPREADSHEET)
    with db.transaction() as session:
        reopen_minutes(session, 1, "dupont", "Valeurs corrigées")
    assert annex_value(db) == 1
    text = pdf_text(rendered(db, tmp_path, "reopened.pdf"))
    assert "48 500" not in text and "99 999" in text
    with db.transaction() as session:
        sign_minutes(session, 1, "dupont")
    import_spreadsheet(db, tmp_path, f"indicateur;période;valeur\n{CODE};2022;5\n")
    assert annex_value(db) == 1
    with db.reading() as session:
        second = signed_pdf(session, 1).data
    assert pdf_text(rendered(db, tmp_path, "again.pdf")) == pdf_text(second)


def test_minutes_imported_as_signed_keep_the_file_s_values(signed_demo_db, tmp_path):
    """The demo is imported signed (no PDF kept): its annex is made from the values of
    its file, whatever is imported afterwards."""
    db = signed_demo_db
    before = pdf_text(rendered(db, tmp_path, "before.pdf"))
    import_spreadsheet(db, tmp_path, SPREADSHEET)
    with db.reading() as session:
        path = export_minutes(session, 1, tmp_path / "export.pdf")
    assert annex_value(db) == 48500
    assert pdf_text(path.read_bytes()) == before


def test_only_signing_reopening_and_erasure_write_the_frozen_values(signed, tmp_path):
    db, _ = signed
    refused = pytest.raises(UserError, match="ne changent qu'à sa signature")
    with refused, db.transaction() as session:
        session.get(Meeting, 1).signed_annexes = None
    with refused, db.transaction() as session:
        session.execute(update(Meeting).where(Meeting.id == 1).values(signed_annexes="{}"))
    assert annex_value(db) == 48500


def test_the_erasure_scrubs_the_frozen_values(demo_db):
    """A name in an indicator's comment is frozen with the minutes: erasing the person
    with the signed minutes anonymised rewrites it there too, figures kept."""
    from clu_desktop.domain import Person
    from clu_desktop.services.personal.erasure import erase_person

    with demo_db.transaction() as session:
        row = next(r for r in indicators_catalogue.list_indicators(session) if r.code == CODE)
        indicators_values.set_value_comment(
            session, row.id, "2022", None, "Chiffre de Mme Christine MARIA"
        )
        sign_minutes(session, 1, "dupont", at=SIGNED_AT)
        person_id = session.scalar(select(Person.id).where(Person.last_name == "MARIA"))
    with demo_db.reading() as session:
        assert "MARIA" in session.scalar(select(Meeting.signed_annexes).where(Meeting.id == 1))
    with demo_db.transaction() as session:
        erase_person(session, person_id, anonymise_signed=True)
    with demo_db.reading() as session:
        frozen = session.scalar(select(Meeting.signed_annexes).where(Meeting.id == 1))
        annex = next(a for a in meeting_snapshot(session, 1).annexes if a.indicators)
    assert "MARIA" not in frozen and "Christine" not in frozen
    comments = [v.comment for i in annex.indicators for v in i.values if v.comment]
    assert len(comments) == 1 and "MARIA" not in comments[0]
    assert annex_value(demo_db) == 48500


def test_minutes_imported_as_signed_print_their_file_s_values_not_the_base_s(demo_db, tmp_path):
    """The base already holds another figure for the period: the import keeps the base's
    (it never replaces a value), but the minutes imported as signed print their file's."""
    with demo_db.transaction() as session:
        row = next(r for r in indicators_catalogue.list_indicators(session) if r.code == CODE)
        indicators_values.set_value(session, row.id, "2022", None, 1.0)
    path = demo_file_with(tmp_path, {}, status="minutes_signed")
    with demo_db.transaction() as session:
        other = import_meeting_file(session, path)
    assert live_value(demo_db) == 1
    with demo_db.reading() as session:
        annex = next(a for a in meeting_snapshot(session, other).annexes if a.indicators)
    printed = next(i for i in annex.indicators if i.code == CODE)
    assert [(v.period, v.value) for v in printed.values] == [("2022", 48500.0)]
    assert annex_value(demo_db) == 1  # meeting 1 is not signed: the live value


def test_unreadable_frozen_values_are_told_in_french(signed_demo_db):
    """Frozen values damaged outside the application are never replaced in silence by
    the live ones: the minutes are refused, saying what to do."""
    with signed_demo_db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE meeting SET signed_annexes = '{\"format\": 9}'")
    refused = pytest.raises(UserError, match="figées à sa signature, sont illisibles")
    with refused, signed_demo_db.reading() as session:
        meeting_snapshot(session, 1)


def test_the_meeting_file_of_signed_minutes_carries_the_signed_figures(signed, tmp_path):
    """`export json` of signed minutes, after an import changed a figure they print:
    the file carries the signed figure (and the later years' values as they are), so
    the minutes imported elsewhere print what was signed."""
    from clu_desktop.services.meetings.files import export_file

    db, _ = signed
    import_spreadsheet(db, tmp_path, f"indicateur;période;valeur\n{CODE};2022;1\n")
    path = tmp_path / "seance.json"
    with db.reading() as session:
        export_file(session, "1", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    record = next(i for i in data["indicators"] if i["code"] == CODE)
    printed = [v["value"] for v in record["values"] if v["period"] == "2022" and not v["site"]]
    assert printed == [48500]
