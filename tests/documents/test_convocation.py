"""The convocation (ordre du jour sent before the meeting), and both exports from the
command line."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from clu_desktop.cli import main
from clu_desktop.documents.convocation import schedule, write_convocation
from clu_desktop.documents.snapshot import (
    Attendance,
    Contact,
    ItemSnapshot,
    Letterhead,
    MeetingSnapshot,
    PrintedPerson,
)
from clu_desktop.services.documents.export import export_agenda

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext comes from poppler-utils"
)


def text_of(pdf: Path, layout: bool = True) -> str:
    """The text, no-break spaces as spaces and the typographic apostrophe the documents
    print (J’ai l’honneur) read as typed (J'ai l'honneur)."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return out.replace("\u00a0", " ").replace("\u2019", "'")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_demo_convocation(demo_db, tmp_path):
    pdf = tmp_path / "convocation.pdf"
    with demo_db.reading() as session:
        export_agenda(session, 1, pdf, issued_on=dt.date(2023, 12, 1))
    printed = text_of(pdf)
    lines = [line.strip() for line in printed.splitlines() if line.strip()]
    assert lines[:3] == ["PRÉFET", "DE LA HAUTE-MARNE", "Liberté"]
    assert "Chaumont, le 1er décembre 2023" in lines
    start = lines.index("CONVOCATION")
    assert lines[start + 1 : start + 4] == [
        "COMITÉ LOCAL DES USAGERS (CLU)",
        "Mercredi 20 décembre 2023",
        "14h30-16h30 – Salle Louise Michel",
    ]
    text = flat(printed)
    assert (
        "qui se tiendra le mercredi 20 décembre 2023 de 14h30 à 16h30, Salle Louise Michel" in text
    )
    assert "Elle sera présidée par M. Guillaume THIRARD" in text
    # The demo CLU does not number its items, as its real minutes do not.
    titles = [
        "• Bilan qualité 2022",
        "• Nouveautés – au niveau local",
        "• Questions diverses",
    ]
    assert all(title in text for title in titles)
    assert text.index("Ordre du jour") < text.index("Personnes invitées")
    assert "M. Eric KREZEL, Président de l'association des maires ruraux" in text
    assert "Association des Maires de la Haute-Marne M. Bernard GUY, Président" in text
    assert "auprès de Mylène BÉGUÉ (03 25 30 22 69, mylene.begue@haute-marne.gouv.fr)" in text
    assert text.endswith(
        "Pour la Préfète et par délégation Le Secrétaire Général Guillaume THIRARD page 2 / 2"
    )
    meta = PdfReader(pdf).metadata
    assert meta.title == "Convocation – Comité local des usagers (CLU) du 20 décembre 2023"
    assert meta.subject == "Convocation et ordre du jour de la séance du 20 décembre 2023"


def _meeting(**changes) -> MeetingSnapshot:
    values = {
        "letterhead": Letterhead(authority_lines=("PRÉFET",), town="Chaumont"),
        "committee_name": "Comité local des usagers",
        "committee_acronym": "CLU",
        "title": "Comité local des usagers (CLU)",
        "date": dt.date(2024, 6, 12),
        "start_time": dt.time(14, 30),
        "place": "Salle B",
        "items": (
            ItemSnapshot("1", "Accueil", presenter="Mme Anne MARTIN", duration_minutes=10),
            ItemSnapshot("2", "Indicateurs", presenter="M. Paul DURAND", duration_minutes=75),
            ItemSnapshot("3", "Questions diverses"),
            ItemSnapshot("4", "Clôture", duration_minutes=5),
        ),
    }
    values.update(changes)
    return MeetingSnapshot(**values)


def test_presenters_durations_and_planned_times(tmp_path):
    printed = text_of(write_convocation(_meeting(), tmp_path / "c.pdf"))
    rows = [flat(line) for line in printed.split("Ordre du jour")[1].splitlines() if line.strip()]
    assert rows[:7] == [
        "1. Accueil 14h30-14h40",
        "présenté par Mme Anne MARTIN 10 min",
        "2. Indicateurs 14h40-15h55",
        "présenté par M. Paul DURAND 1 h 15",
        # No duration for item 3: the times after it are unknown, the durations still shown.
        "3. Questions diverses",
        "4. Clôture 5 min",
        "page 1 / 1",
    ]


def test_schedule_stops_at_an_unknown_duration_or_midnight():
    items = [ItemSnapshot(str(n), "x", duration_minutes=d) for n, d in enumerate([30, None, 10])]
    assert schedule(dt.time(9, 0), items) == [(dt.time(9, 0), dt.time(9, 30)), None, None]
    assert schedule(None, items) == [None, None, None]
    late = [ItemSnapshot("1", "x", duration_minutes=90)]
    assert schedule(dt.time(23, 0), late) == [None]


def test_without_times_the_agenda_has_no_time_column(tmp_path):
    items = (ItemSnapshot("1", "Accueil"), ItemSnapshot("2", "Bilan"))
    snapshot = _meeting(start_time=None, place=None, items=items)
    text = text_of(write_convocation(snapshot, tmp_path / "c.pdf"))
    assert "min" not in text and "h" not in flat(text).split("Ordre du jour")[1].split()[0]
    assert "1. Accueil 2. Bilan" in flat(text)


def test_an_empty_convocation(tmp_path):
    snapshot = MeetingSnapshot(
        letterhead=Letterhead(),
        committee_name="",
        committee_acronym=None,
        title="",
        date=dt.date(2024, 1, 1),
    )
    text = flat(text_of(write_convocation(snapshot, tmp_path / "c.pdf")))
    # No convocation date: not dated of the day it is printed.
    assert text.startswith("CONVOCATION Lundi 1er janvier 2024 Madame, Monsieur,")
    assert "page 1 / 1" in text
    dated = replace(snapshot, convocation_date=dt.date(2023, 12, 15))
    text = flat(text_of(write_convocation(dated, tmp_path / "d.pdf")))
    assert text.startswith("Le 15 décembre 2023 CONVOCATION")  # without a town


def test_ladies_are_greeted_as_such(tmp_path):
    mme = PrintedPerson("Mme", "Anne", "MARTIN", "Asso", "Présidente")
    snapshot = _meeting(attendance=(Attendance(mme, "invited"),), contact=Contact("Lise"))
    text = flat(text_of(write_convocation(snapshot, tmp_path / "c.pdf")))
    assert "Madame, J'ai l'honneur" in text
    assert "Personne invitée Asso Mme Anne MARTIN, Présidente" in text


def test_both_exports_from_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "clu.sqlite")
    assert main(["demo", "--db", db]) == 0
    minutes = tmp_path / "cr.pdf"
    agenda = tmp_path / "odj.pdf"
    assert main(["export", "minutes", "--db", db, "--meeting", "latest", "-o", str(minutes)]) == 0
    assert main(["export", "agenda", "--db", db, "--meeting", "1", "-o", str(agenda)]) == 0
    out = capsys.readouterr().out
    assert f"Compte-rendu de la séance n° 1 écrit dans {minutes}." in out
    assert f"Convocation de la séance n° 1 écrit dans {agenda}." in out
    assert "COMPTE-RENDU DU COMITÉ LOCAL DES USAGERS (CLU)" in text_of(minutes)
    assert "CONVOCATION" in text_of(agenda)

    assert main(["export", "minutes", "--db", db, "--meeting", "9", "-o", str(minutes)]) == 2
    assert "Erreur : Aucune séance n'a le numéro 9." in capsys.readouterr().err
    assert main(["export", "agenda", "--db", db, "-o", str(tmp_path)]) == 2
    assert "est un dossier" in capsys.readouterr().err
