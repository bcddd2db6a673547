"""The attendance list as CSV: what a French spreadsheet opens as it is, and never runs."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from clu_desktop.cli import main
from clu_desktop.domain import AttendanceStatus
from clu_desktop.interchange.attendance_csv import HEADERS, attendance_csv, write_attendance_csv
from clu_desktop.services.attendance.export import export_attendance_csv
from clu_desktop.services.attendance.presence import AttendanceRow


def row(name="Mme Mylène BÉGUÉ", **changes) -> AttendanceRow:
    values = {
        "id": 1,
        "person_id": 1,
        "name": name,
        "organisation": "Service de la Relation aux Usagers",
        "function": "Adjointe, référente qualité",
        "status": AttendanceStatus.PRESENT,
        "represented_by_id": None,
        "represented_by": None,
        "representation": None,
        "arrived_at": dt.time(14, 2),
        "left_at": None,
        "note": None,
        "search_key": "",
    }
    return AttendanceRow(**(values | changes))


def read_back(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_bom_semicolons_crlf_and_accents():
    data = attendance_csv([row()])
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].split(b"\r\n")
    assert lines[0].decode("utf-8") == ";".join(HEADERS)
    assert lines[-1] == b""  # the last line ends with CRLF too
    assert read_back(data) == [
        list(HEADERS),
        [
            "Mme Mylène BÉGUÉ",
            "Service de la Relation aux Usagers",
            "Adjointe, référente qualité",
            "présente",  # agreed with « Mme »
            "",
            "14:02",
            "",
            "",
        ],
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_are_neutralised(start):
    dangerous = f'{start}HYPERLINK("http://exemple.invalid";"clic")'
    data = attendance_csv(
        [row(name=dangerous, organisation=dangerous, note=dangerous, represented_by=dangerous)]
    )
    cells = read_back(data)[1]
    for column in ("Nom", "Organisme", "Représenté par", "Note"):
        assert cells[HEADERS.index(column)] == "'" + dangerous
    assert "'=" not in read_back(attendance_csv([row(note="a = b")]))[1][7]


def test_separators_quotes_and_new_lines_inside_a_cell_are_quoted():
    tricky = 'DUPONT; "dit Jo"\nsur deux lignes'
    data = attendance_csv([row(name=tricky, note="ligne 1\r\nligne 2")])
    raw = data.decode("utf-8-sig")
    assert '"DUPONT; ""dit Jo""\nsur deux lignes"' in raw
    cells = read_back(data)[1]
    assert cells[0] == tricky
    assert cells[7] == "ligne 1\r\nligne 2"
    assert len(cells) == len(HEADERS)


def test_written_atomically_over_a_previous_file(tmp_path):
    target = tmp_path / "liste.csv"
    target.write_bytes(b"ancienne liste")
    write_attendance_csv(target, [row()])
    assert read_back(target.read_bytes())[1][0] == "Mme Mylène BÉGUÉ"
    assert [p.name for p in tmp_path.iterdir()] == ["liste.csv"]  # no temporary file left


def test_export_of_the_demo_meeting(demo_db, tmp_path):
    with demo_db.reading() as session:
        path = export_attendance_csv(session, 1, tmp_path / "présence.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert len(lines) == 16
    assert lines[-1][:4] == [
        "M. Eric KREZEL",
        "",
        "Président de l'association des maires ruraux de la Haute-Marne",
        "excusé",
    ]


def test_command_line_export(demo_db, tmp_path, capsys):
    database = demo_db.url.render_as_string(hide_password=False)  # a path, or a URL
    target = tmp_path / "liste.csv"
    code = main(["--db", database, "export", "attendance", "--meeting", "1", "-o", str(target)])
    assert code == 0
    assert capsys.readouterr().out == (
        f"Liste de présence de la séance n° 1 écrite dans {target}.\n"
    )
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    code = main(["--db", database, "export", "attendance", "--meeting", "7", "-o", str(target)])
    assert code == 2
    assert capsys.readouterr().err == "Erreur : Aucune séance n'a le numéro 7.\n"
