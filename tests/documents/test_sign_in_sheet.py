"""The sign-in sheet (feuille d'émargement): the demo meeting's, long lists, empty meetings,
what users type, and the command line."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from clu_desktop.cli import main
from clu_desktop.documents.fonts import document_fonts
from clu_desktop.documents.sign_in_sheet import (
    NAME_SIZES,
    PAD_X,
    WIDTHS,
    _sheet_styles,
    name_cell,
    write_sign_in_sheet,
)
from clu_desktop.documents.snapshot import Attendance, Letterhead, MeetingSnapshot, PrintedPerson
from clu_desktop.documents.styles import make_styles
from clu_desktop.gui.documents.catalogue import DOCUMENTS, default_file_name
from clu_desktop.services.documents.export import export_sign_in_sheet

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext comes from poppler-utils"
)

HEADER = "Civilité NOM Prénom Organisme Fonction Signature"
COUNTS_LINE = "Nombre de présents :"
CHAIR_LINE = "Signature du président de séance :"
MARKUP = ("a<b", "<b>x</b>", "AT&T", '<font color="[[[x]]]">', "&amp;", 'l\'écho "cité"')
#: Pieces of MARKUP that a line never breaks.
UNBROKEN = ("a<b", "<b>x</b>", "AT&T", 'color="[[[x]]]">', "&amp;", '"cité"')


def text_of(pdf: Path) -> str:
    """The text, no-break spaces as spaces and the typographic apostrophe the documents
    print (D’ÉMARGEMENT) read as typed (D'ÉMARGEMENT)."""
    args = ["pdftotext", "-layout", str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return out.replace("\u00a0", " ").replace("\u2019", "'")


def flat(text: str) -> str:
    return " ".join(text.split())


def pages_of(pdf: Path) -> list[str]:
    """Each page's text made one line (pdftotext ends each page with a form feed)."""
    return [flat(page) for page in text_of(pdf).split("\f") if page.strip()]


def meeting(**changes) -> MeetingSnapshot:
    values = {
        "letterhead": Letterhead(authority_lines=("PRÉFET", "DE LA HAUTE-MARNE"), town="Chaumont"),
        "committee_name": "Comité local des usagers",
        "committee_acronym": "CLU",
        "title": "Comité local des usagers (CLU)",
        "date": dt.date(2024, 6, 12),
        "start_time": dt.time(14, 30),
        "end_time": dt.time(16, 0),
        "place": "Salle Louise Michel",
    }
    values.update(changes)
    return MeetingSnapshot(**values)


def invited(last, first="Jean", organisation=None, function=None, civility="M.", **kw):
    return Attendance(PrintedPerson(civility, first, last, organisation, function), "invited", **kw)


def test_the_demo_meetings_sheet(demo_db, tmp_path):
    pdf = tmp_path / "emargement.pdf"
    with demo_db.reading() as session:
        assert export_sign_in_sheet(session, 1, pdf) == pdf
    printed = text_of(pdf)
    lines = [line.strip() for line in printed.splitlines() if line.strip()]
    assert lines[:3] == ["PRÉFET", "DE LA HAUTE-MARNE", "Liberté"]
    start = lines.index("FEUILLE D'ÉMARGEMENT")
    assert lines[start + 1 : start + 4] == [
        "COMITÉ LOCAL DES USAGERS (CLU)",
        "Mercredi 20 décembre 2023",
        "14h30-16h30 – Salle Louise Michel",
    ]
    text = flat(printed)
    # Everyone invited, in the invitation order, the chair first: NAME then first name.
    names = ["THIRARD Guillaume", "GUY Bernard", "SIMON Nathalie", "POUILLY Catherine"]
    names += ["DIOP Birame", "KREZEL Eric"]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    simon = next(line for line in lines if "SIMON" in line)
    assert flat(simon) == "Mme SIMON Nathalie Directrice adjointe"
    assert text.index("THIRARD") < text.index("Président de séance") < text.index("GUY")
    krezel = next(line for line in lines if "KREZEL" in line)
    assert flat(krezel).endswith("excusé")  # excused: the chair sees it in his signature box
    assert text.count(HEADER) == 2  # the header again at the top of page 2
    assert pages_of(pdf)[1].startswith(HEADER)
    assert text.endswith(
        f"{CHAIR_LINE} M. Guillaume THIRARD, Secrétaire Général de la Préfecture de la "
        "Haute-Marne page 2 / 2"
    )
    meta = PdfReader(pdf).metadata
    assert meta.title == "Feuille d'émargement – Comité local des usagers (CLU) du 20 décembre 2023"
    assert meta.subject == "Feuille d'émargement de la séance du 20 décembre 2023"


@pytest.mark.timeout(300)  # a bound on a runaway: printed in a few seconds (benchmarks/)
def test_five_hundred_people_every_page_starts_with_the_header_and_no_row_is_cut(tmp_path):
    people = tuple(
        invited(
            f"NOM{n:03d}",
            organisation=f"Debut{n:03d} organisme de la Haute-Marne, accueil Fin{n:03d}",
            function="Délégué",
        )
        for n in range(500)
    )
    pdf = write_sign_in_sheet(meeting(attendance=people), tmp_path / "e.pdf")
    pages = pages_of(pdf)
    assert len(pages) == len(PdfReader(pdf).pages) >= 15
    assert HEADER in pages[0]
    for number, page in enumerate(pages[1:], 2):
        assert page.startswith(HEADER), number
        assert page.endswith(f"page {number} / {len(pages)}")
    found = []
    for n in range(500):
        holding = [i for i, page in enumerate(pages) if f"NOM{n:03d} Jean" in page]
        assert len(holding) == 1, n
        page = pages[holding[0]]
        # The whole row on one page: its organisation's first and last words are there too.
        assert f"Debut{n:03d}" in page and f"Fin{n:03d}" in page, n
        found.append((holding[0], page.index(f"NOM{n:03d}")))
    assert found == sorted(found)  # in the invitation order
    assert CHAIR_LINE in pages[-1]


def test_the_chairs_box_never_stands_alone_on_a_page(tmp_path):
    chair = PrintedPerson("M.", "Paul", "CHEF", "Préfecture", "Secrétaire général")
    moved = 0
    for count in range(10, 26):  # the table ends everywhere on page 1, then on page 2
        people = tuple(invited(f"NOM{n:02d}", organisation="Mairie") for n in range(count))
        pdf = write_sign_in_sheet(meeting(chair=chair, attendance=people), tmp_path / "e.pdf")
        pages = pages_of(pdf)
        assert all(page.startswith(HEADER) for page in pages[1:]), count
        assert CHAIR_LINE in pages[-1] and CHAIR_LINE not in " ".join(pages[:-1])
        last = pages[-1].split(CHAIR_LINE)[0]
        if len(pages) > 1 and "Jean" not in last:  # moved: two blank rows go with the box
            moved += 1
            assert last == f"{HEADER} {COUNTS_LINE} "
    assert moved  # at least one of these lengths sends the box to the next page


def test_an_empty_meeting_prints_the_header_blank_rows_and_the_chair_box(tmp_path):
    snapshot = MeetingSnapshot(
        letterhead=Letterhead(),
        committee_name="",
        committee_acronym=None,
        title="",
        date=dt.date(2024, 1, 1),
    )
    pages = pages_of(write_sign_in_sheet(snapshot, tmp_path / "e.pdf"))
    assert len(pages) == 1
    assert pages[0].startswith("FEUILLE D'ÉMARGEMENT Lundi 1er janvier 2024")
    assert pages[0].endswith(f"{HEADER} {COUNTS_LINE} {CHAIR_LINE} page 1 / 1")


def test_the_number_of_blank_rows_is_a_parameter(tmp_path):
    one = pages_of(write_sign_in_sheet(meeting(), tmp_path / "a.pdf", blank_rows=5))
    many = pages_of(write_sign_in_sheet(meeting(), tmp_path / "b.pdf", blank_rows=40))
    assert len(one) == 1
    assert len(many) >= 2 and many[1].startswith(HEADER)  # blank rows fill page 2


@pytest.mark.timeout(120)  # a bound on a runaway (breaking the word): printed at once
@pytest.mark.parametrize(
    "where", ["last_name", "first_name", "organisation", "function", "deputy", "all"]
)
def test_a_ten_thousand_character_word_is_cut_inside_its_cell(tmp_path, where):
    word = "x" * 10_000
    places = {where} if where != "all" else {"last_name", "first_name", "organisation"}
    places |= {"function", "deputy"} if where == "all" else set()
    person = PrintedPerson(
        "Mme",
        word if "first_name" in places else "Anne",
        word if "last_name" in places else "MARTIN",
        word if "organisation" in places else "Asso",
        word if "function" in places else "Présidente",
    )
    deputy = word if "deputy" in places else "M. Paul DURAND"
    attendance = (
        Attendance(person, "represented", represented_by=deputy),
        invited("APRÈS", organisation="Mairie"),
    )
    pdf = write_sign_in_sheet(meeting(attendance=attendance), tmp_path / "e.pdf")
    text = flat(text_of(pdf))
    assert "…" in text  # the word is cut where its cell ends, the row stays on its page
    assert text.count("x") + text.count("X") < 10_000
    assert "APRÈS Jean Mairie" in text and "page 1 / 1" in text
    assert "représentée par" in text


def test_markup_typed_by_users_prints_literally(tmp_path):
    typed = " ".join(MARKUP)
    attendance = (
        Attendance(
            PrintedPerson("M.", typed, "DUPONT", typed, typed), "represented", represented_by=typed
        ),
    )
    snapshot = meeting(
        title=typed,
        place=typed,
        chair=PrintedPerson("M.", "Paul", "CHEF", None, typed),
        attendance=attendance,
    )
    text = flat(text_of(write_sign_in_sheet(snapshot, tmp_path / "e.pdf")))
    for piece in UNBROKEN:
        # place, first name, organisation, function, deputy, the chair's function twice
        assert text.count(piece) >= 7, piece
    assert 'A<B <B>X</B> AT&T <FONT COLOR="[[[X]]]"> &AMP; L\'ÉCHO "CITÉ"' in text  # the title


def test_two_people_of_the_same_name_are_told_apart_by_their_organisation(tmp_path):
    attendance = (
        invited("DUPONT", organisation="Mairie de Langres", function="Maire"),
        invited("DUPONT", organisation="Mairie de Chaumont", function="Adjoint"),
    )
    text = flat(text_of(write_sign_in_sheet(meeting(attendance=attendance), tmp_path / "e.pdf")))
    assert "M. DUPONT Jean Mairie de Langres Maire" in text
    assert "M. DUPONT Jean Mairie de Chaumont Adjoint" in text


def test_answers_are_shown_in_the_signature_box_agreed_with_the_civility(tmp_path):
    chair = PrintedPerson("Mme", "Claire", "PRÉSIDE", "Préfecture", "Secrétaire générale")
    attendance = (
        Attendance(PrintedPerson("Mme", "Anne", "MARTIN", "A"), "excused"),
        Attendance(PrintedPerson("M.", "Luc", "BLANC", "B"), "excused"),
        Attendance(PrintedPerson(None, "Camille", "NOIR", "C"), "excused"),
        Attendance(
            PrintedPerson("M.", "Marc", "VERT", "D"), "represented", represented_by="Mme Léa ROUX"
        ),
        Attendance(PrintedPerson("M.", "Yves", "GRIS", "E"), "present"),
        Attendance(PrintedPerson("M.", "Éric", "BRUN", "F"), "absent"),
    )
    pdf = write_sign_in_sheet(meeting(chair=chair, attendance=attendance), tmp_path / "e.pdf")
    rows = {
        line.split()[1]: flat(line)
        for line in text_of(pdf).splitlines()
        if re.match(r"\s*(M\.|Mme)?\s*[A-ZÉ]{4,}\s", line)
    }
    assert rows["MARTIN"].endswith("A excusée")
    assert rows["BLANC"].endswith("B excusé")
    text = flat(text_of(pdf))
    assert "NOIR Camille C excusé(e)" in text
    assert "représenté par Mme Léa ROUX M. VERT Marc D" in text  # the note tops the box
    assert rows["GRIS"].endswith("GRIS Yves E") and rows["BRUN"].endswith("BRUN Éric F")
    # The chair, not invited, is listed first; her box at the end.
    assert text.index("PRÉSIDE Claire") < text.index("MARTIN Anne")
    assert text.index("PRÉSIDE Claire") < text.index("Présidente de séance") < text.index("MARTIN")
    assert "Signature de la présidente de séance : Mme Claire PRÉSIDE, Secrétaire générale" in text


def test_the_documents_page_offers_the_sheet():
    kind = next(k for k in DOCUMENTS if k.exporter is export_sign_in_sheet)
    assert kind.label == "Feuille d'émargement"
    assert default_file_name(kind, "CLU", dt.date(2023, 12, 20)) == "emargement-CLU-2023-12-20.pdf"


def test_the_command_line_exports_the_sheet(tmp_path, capsys):
    db = str(tmp_path / "clu.sqlite")
    assert main(["demo", "--db", db]) == 0
    pdf = tmp_path / "emargement.pdf"
    argv = ["export", "sign-in-sheet", "--db", db, "--meeting", "latest", "-o", str(pdf)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"Feuille d'émargement de la séance n° 1 écrite dans {pdf}." in out
    assert "FEUILLE D'ÉMARGEMENT" in text_of(pdf)
    argv = ["export", "sign-in-sheet", "--db", db, "--meeting", "9", "-o", str(pdf)]
    assert main(argv) == 2
    assert "Erreur : Aucune séance n'a le numéro 9." in capsys.readouterr().err
    assert main(["export", "sign-in-sheet", "--db", db, "-o", str(tmp_path)]) == 2
    assert "est un dossier" in capsys.readouterr().err


def _lines(paragraph) -> list[str]:
    lines = paragraph.blPara.lines
    return [
        " ".join(line[1]) if isinstance(line, tuple) else "".join(f.text for f in line.words)
        for line in lines
    ]


def test_a_name_is_never_cut_inside_a_word(tmp_path):
    """A surname too long for its column shrinks, then breaks at its hyphens only; the
    particle keeps its case and stays with the name."""
    attendance = (invited("COTREL-LASSAUSAYE", "Jean-Baptiste"), invited("de LESQUEN"))
    text = text_of(write_sign_in_sheet(meeting(attendance=attendance), tmp_path / "e.pdf"))
    assert "COTREL-LASSAUSAYE" in text.split()
    assert "de LESQUEN" in text and "DE LESQUEN" not in text

    styles = _sheet_styles(make_styles(document_fonts()))
    bold, width = styles["header"].fontName, WIDTHS[1]
    sizes = {}
    for last, first in (
        ("COTREL-LASSAUSAYE", "Jean-Baptiste"),
        ("de LESQUEN", "Philippe"),
        ("ABCDEFGHIJKLMNOPQRSTU", "Paul"),  # no hyphen: shrinks until it fits
        ("MONTMORENCY-LAVAL-BEAUFFREMONT-COURTENAY-BASSIGNY", "Anne"),
    ):
        person = PrintedPerson("M.", first, last)
        paragraph = name_cell(person, styles["cell"], bold, width)
        paragraph.wrap(width - 2 * PAD_X, 1e9)
        lines = [line.replace("\u00a0", " ").strip() for line in _lines(paragraph)]
        # Every line break falls between two words or after a hyphen.
        assert all(line.endswith("-") or " " in f"{line} " for line in lines), lines
        words = " ".join(lines).replace("- ", "-").split()
        assert words[: len(last.split())] == last.split(), lines
        sizes[last] = paragraph.style.fontSize
    assert sizes["COTREL-LASSAUSAYE"] == sizes["de LESQUEN"] == NAME_SIZES[0]
    assert NAME_SIZES[-1] <= sizes["ABCDEFGHIJKLMNOPQRSTU"] < NAME_SIZES[0]
    # Too long for one line at any readable size: broken after its hyphens.
    assert lines[:2] == ["MONTMORENCY-", "LAVAL-"], lines
