"""One vocabulary for the attendance statuses: the participants table, its editor, the
live window, the CSV file and the PDF documents say « présent(e) », « excusé(e) »,
« représenté(e) », « absent(e) », « sans réponse », agreed with the person's civility."""

from __future__ import annotations

import csv

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QUndoStack

from clu_desktop.domain import AttendanceStatus as S
from clu_desktop.french.attendance import STATUS_LABELS, heading_forms, status_word
from clu_desktop.gui.live.model import STATE_ROLE
from clu_desktop.gui.live.window import LiveAttendanceWindow
from clu_desktop.gui.participants.model import STATUS
from clu_desktop.gui.participants.page import ParticipantsPage
from clu_desktop.services.attendance.export import export_attendance_csv
from clu_desktop.services.attendance.presence import list_attendance, set_represented, set_status
from clu_desktop.services.documents.export import export_minutes, export_sign_in_sheet

#: In the demonstration meeting: who gets which status.
STATUSES = {
    "Mme Nathalie SIMON": S.EXCUSED,
    "M. Abderrazak DORAFI": S.EXCUSED,
    "M. Bernard GUY": S.ABSENT,
    "Mme Christine MARIA": S.REPRESENTED,
    "M. Jean-Paul PIERRON": S.INVITED,
}
#: What each of them is called, everywhere.
WORDS = {
    "Mme Nathalie SIMON": "excusée",
    "M. Abderrazak DORAFI": "excusé",
    "M. Bernard GUY": "absent",
    "Mme Christine MARIA": "représentée",
    "M. Jean-Paul PIERRON": "sans réponse",
}


@pytest.fixture
def meeting(demo_db):
    with demo_db.transaction() as session:
        rows = {row.name: row for row in list_attendance(session, 1)}
        for name, status in STATUSES.items():
            if status is S.REPRESENTED:
                set_represented(session, rows[name].id, name="Mme Jeanne DURAND")
            else:
                set_status(session, rows[name].id, status)
    return {name: row.id for name, row in rows.items()}


def pdf_text(path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_vocabulary():
    assert list(STATUS_LABELS.values()) == [
        "sans réponse",
        "présent(e)",
        "excusé(e)",
        "absent(e)",
        "représenté(e)",
    ]
    assert status_word(S.EXCUSED, "Mme") == "excusée"
    assert status_word(S.EXCUSED, "M.") == "excusé"
    assert status_word(S.PRESENT, None) == "présent(e)"
    assert status_word(S.INVITED, "Mme") == "sans réponse"
    assert heading_forms(S.EXCUSED) == (
        "Absent excusé",
        "Absente excusée",
        "Absents excusés",
        "Absentes excusées",
    )
    assert heading_forms(S.PRESENT)[3] == "Présentes"


def test_table_editor_csv_and_live_window_use_the_same_words(qtbot, demo_db, meeting, tmp_path):
    page = ParticipantsPage(demo_db)
    qtbot.addWidget(page)
    page.show_meeting(1, QUndoStack(page))
    table = {
        page.model.index(r, 0).data(): page.model.index(r, STATUS).data()
        for r in range(page.model.rowCount())
    }
    with demo_db.reading() as session:
        path = export_attendance_csv(session, 1, tmp_path / "présence.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    status_column = lines[0].index("Statut")
    in_csv = {line[0]: line[status_column] for line in lines[1:]}
    live = LiveAttendanceWindow(demo_db, 1)
    qtbot.addWidget(live)
    for name, word in WORDS.items():
        assert table[name] == word, name
        assert in_csv[name] == word, name
        if STATUSES[name] in (S.EXCUSED, S.ABSENT):
            index = live.model.index(live.model.row_of(meeting[name]), 0)
            assert index.data(STATE_ROLE) == word, name
    # The editor offers the words agreed with the person selected.
    page.table.selectRow(page.model.row_of(meeting["Mme Nathalie SIMON"]))
    combo = page.editor.status_combo
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered == ["sans réponse", "présente", "excusée", "absente", "représentée"]
    assert combo.currentText() == "excusée"


def test_the_documents_print_the_same_words(demo_db, meeting, tmp_path):
    with demo_db.reading() as session:
        sheet = pdf_text(export_sign_in_sheet(session, 1, tmp_path / "feuille.pdf"))
        minutes = pdf_text(export_minutes(session, 1, tmp_path / "cr.pdf"))
    # The sign-in sheet: the word in the signature box, agreed with the civility.
    assert "Mme SIMON Nathalie Maison" in sheet and "Directrice adjointe excusée M." in sheet
    assert "Directeur général excusé Mme SIMON" in sheet  # M. DORAFI
    assert "Mme MARIA Christine Déléguée Défenseur des Droits représentée par" in sheet
    # The minutes: the groups are headed by the same words, capitalised and plural (the
    # excused as the préfecture's minutes head them, « Absents excusés »).
    for heading, first in (
        ("Absents excusés", "M. Abderrazak DORAFI"),
        ("Représentée", "Mme Christine MARIA"),  # one woman
        ("Absents", "M. Bernard GUY"),  # the absent and those without an answer
    ):
        assert f"{heading} {first}" in minutes
