"""The minutes as .docx and .odt: read back, they say what the PDF says, in its order,
with real heading styles, the present as a real table, accents and « » intact."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from clu_desktop.documents.minutes_outline import plain
from clu_desktop.documents.participants import present_rows
from clu_desktop.documents.snapshot import Attendance, MeetingSnapshot, PrintedPerson
from clu_desktop.documents.word_processing import write_minutes_document
from clu_desktop.errors import UserError
from clu_desktop.services.documents.export import (
    export_minutes_as,
    minutes_format,
    render_minutes,
)
from clu_desktop.services.documents.snapshot import meeting_snapshot


def flat(text: str) -> str:
    """Every kind of space (and line break) as one space; typographic apostrophes kept."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def assert_in_order(texts: list[str], stream: str) -> None:
    at = 0
    for text in texts:
        found = stream.find(flat(text), at)
        assert found >= 0, f"« {text} » missing from the PDF after position {at}"
        at = found + 1


# Reading the files back


def docx_outline(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]], str]:
    """(heading style, text) pairs, the tables' cells, and all the text."""
    import docx

    document = docx.Document(str(path))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    text = "\n".join(p.text for p in document.paragraphs)
    return headings, tables, text


def odt_outline(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]], str]:
    from odfdo import Document

    body = Document(str(path)).body
    headings = [
        (
            f"{h.get_attribute('text:style-name')} level {h.get_attribute('text:outline-level')}",
            h.text_recursive,
        )
        for h in body.get_headers()
    ]
    tables = [
        [[str(cell).strip() for cell in row.get_cells()] for row in t.get_rows()]
        for t in body.get_tables()
    ]
    # (text_recursive keeps the non-breaking spaces that str() turns into spaces)
    text = "\n".join(p.text_recursive for p in [*body.get_headers(), *body.get_paragraphs()])
    return headings, tables, text


READERS = {".docx": docx_outline, ".odt": odt_outline}
HEADING_STYLES = {
    ".docx": {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"},
    ".odt": {n: f"Heading_20_{n} level {n}" for n in (1, 2, 3)},
}


@pytest.fixture
def demo_snapshot(demo_db) -> MeetingSnapshot:
    with demo_db.reading() as session:
        return meeting_snapshot(session, 1)


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_the_demo_minutes_read_back_as_the_pdf(demo_db, demo_snapshot, tmp_path, suffix):
    with demo_db.reading() as session:
        pdf = render_minutes(session, 1, tmp_path / "cr.pdf")
        written = export_minutes_as(session, 1, tmp_path / f"cr{suffix}")
    assert written == tmp_path / f"cr{suffix}"
    headings, tables, text = READERS[suffix](written)
    styles = HEADING_STYLES[suffix]
    # The title, then the sections and the items, in heading styles, in the PDF's order.
    assert headings[0] == (styles[1], "COMPTE-RENDU DU COMITÉ LOCAL DES USAGERS (CLU)")
    assert headings[1] == (styles[2], "Participants")
    assert headings[2] == (styles[2], "Ordre du jour")
    assert (styles[2], "Bilan qualité 2022\u00a0:") in headings
    assert (styles[3], "au niveau local\u00a0:") in headings
    assert headings[-2:] == [
        (styles[2], "Annexe 1 – Indicateurs 2022"),
        (styles[2], "Annexe 2 – Les piliers du programme Services Publics+"),
    ]
    assert len(headings) >= 10
    assert_in_order([text for _style, text in headings], pdf_text(pdf))
    # The present as a table: a header row, then the PDF's rows, in its order.
    assert len(tables) == 1
    header, *rows = tables[0]
    assert header == ["Organisme", "Participant"]
    expected = present_rows(demo_snapshot)
    # (as the PDF prints them: typographic apostrophes, non-breaking spaces)
    assert rows == [[plain(a), plain(b)] for a, b in expected]
    assert len(rows) == 13
    assert ["Association des Maires de la Haute-Marne", "M.\u00a0Bernard GUY, Président"] in rows
    assert_in_order([person for _org, person in expected], pdf_text(pdf))
    # Accents, guillemets and typographic apostrophes survive.
    for words in ("Égalité", "Secrétariat Général", "Mylène BÉGUÉ", "l’intérieur"):
        assert words in text
    assert "«\u00a0saisonnier\u00a0»" in text
    assert "Chaumont, le 08\u00a0AVR. 2024" in text or "Chaumont, le 08 AVR. 2024" in flat(text)
    assert "Guillaume THIRARD" in text


def test_the_headings_follow_the_pdf_in_both_formats(demo_db, tmp_path):
    with demo_db.reading() as session:
        docx_headings = READERS[".docx"](export_minutes_as(session, 1, tmp_path / "a.docx"))[0]
        odt_headings = READERS[".odt"](export_minutes_as(session, 1, tmp_path / "a.odt"))[0]
    assert [t for _s, t in docx_headings] == [t for _s, t in odt_headings]


def seventy(snapshot: MeetingSnapshot) -> MeetingSnapshot:
    """The demo with 70 present, of 70 organisations, names with particles and accents."""
    people = [
        Attendance(
            PrintedPerson(
                "Mme" if n % 2 else "M.",
                ["Hélène", "François", "Zoé", "Jérôme", "Anaïs"][n % 5],
                f"{['de La Fontaine', 'Le Bihan', 'd’Estienne', 'N’Diaye', 'Müller'][n % 5]} {n}",
                f"Association n° {n} des usagers de Saint-Dizier « Entraide »",
                "Présidente" if n % 2 else "Trésorier",
            ),
            "present",
        )
        for n in range(70)
    ]
    return dataclasses.replace(snapshot, attendance=tuple(people), counts=None)


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_a_meeting_of_seventy(demo_snapshot, tmp_path, suffix):
    snapshot = seventy(demo_snapshot)
    path = write_minutes_document(snapshot, tmp_path / f"seventy{suffix}")
    _headings, tables, _text = READERS[suffix](path)
    header, *rows = tables[0]
    assert header == ["Organisme", "Participant"]
    assert len(rows) == 70
    assert rows[3] == [
        "Association n°\u00a03 des usagers de Saint-Dizier «\u00a0Entraide\u00a0»",
        "Mme\u00a0Jérôme N’Diaye 3, Présidente",
    ]
    assert rows[69][1] == "Mme\u00a0Anaïs Müller 69, Présidente"


def test_the_table_header_repeats_and_no_row_is_cut_across_pages(demo_snapshot, tmp_path):
    """70 rows run over pages: the header row comes again on each, a row stays whole."""
    import docx
    from odfdo import Document

    snapshot = seventy(demo_snapshot)
    table = docx.Document(str(write_minutes_document(snapshot, tmp_path / "s.docx"))).tables[0]
    first_row = table.rows[0]._tr.xml
    assert "<w:tblHeader/>" in first_row
    assert all("<w:cantSplit/>" in row._tr.xml for row in table.rows)
    document = Document(str(write_minutes_document(snapshot, tmp_path / "s.odt")))
    xml = document.body.get_tables()[0].serialize()
    assert xml.count("<table:table-header-rows>") == 1
    assert xml.count('table:style-name="CLU_row"') == 71
    row_style = document.get_style("table-row", "CLU_row")
    assert row_style.get_properties(area="table-row")["fo:keep-together"] == "always"


def test_an_elected_council_without_organisations_keeps_the_pdf_two_columns(
    demo_snapshot, tmp_path
):
    people = tuple(
        Attendance(PrintedPerson("M.", "Jean", f"DUPONT {n}"), "present") for n in range(5)
    )
    snapshot = dataclasses.replace(demo_snapshot, attendance=people, counts=None)
    path = write_minutes_document(snapshot, tmp_path / "council.docx")
    table = READERS[".docx"](path)[1][0]
    assert table == [
        ["M.\u00a0Jean DUPONT 0", "M.\u00a0Jean DUPONT 1"],
        ["M.\u00a0Jean DUPONT 2", "M.\u00a0Jean DUPONT 3"],
        ["M.\u00a0Jean DUPONT 4", ""],
    ]


@pytest.mark.parametrize("name", ["cr.pdf", "cr.odt", "cr.docx", "CR.DOCX", "cr.final.Odt"])
def test_the_extension_chooses_the_format(name):
    assert minutes_format(Path(name)) == Path(name).suffix.lower()


def test_a_name_without_extension_is_a_pdf_as_before():
    assert minutes_format(Path("compte-rendu")) == ".pdf"


@pytest.mark.parametrize("name", ["cr.txt", "cr.doc", "cr.rtf", "cr.2024"])
def test_any_other_extension_is_refused_in_french(name):
    with pytest.raises(UserError) as refused:
        minutes_format(Path(name))
    assert ".pdf" in str(refused.value)
    assert ".odt" in str(refused.value)
    assert ".docx" in str(refused.value)
    assert name in str(refused.value)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_both_files(demo_db, tmp_path):
    """LibreOffice (headless) converts both files to PDF: the text is there."""
    with demo_db.reading() as session:
        export_minutes_as(session, 1, tmp_path / "word.docx")
        export_minutes_as(session, 1, tmp_path / "office.odt")
    out = tmp_path / "pdf"
    profile = tmp_path / "profile"  # its own profile: no clash with a LibreOffice running
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(tmp_path / "word.docx"),
            str(tmp_path / "office.odt"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for name in ("word.pdf", "office.pdf"):
        text = pdf_text(out / name)
        assert "COMPTE-RENDU DU COMITÉ LOCAL DES USAGERS (CLU)" in text
        assert "M. Bernard GUY, Président" in text
        assert "« saisonnier »" in text
        assert len(PdfReader(out / name).pages) >= 4


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_hostile_text_is_written_literally(demo_snapshot, tmp_path, suffix):
    """Markup, ampersands and characters XML cannot hold: the file still opens, the text
    reads as typed (less what XML cannot hold)."""
    person = PrintedPerson("M.", "Seán", "O'BRIEN <b>", "AT&T «\ufffe» \x07", None)
    snapshot = dataclasses.replace(
        demo_snapshot,
        opening_text="<w:p>]]> & </text:p> \uffff fin",
        attendance=(Attendance(person, "present"),),
        counts=None,
    )
    path = write_minutes_document(snapshot, tmp_path / f"hostile{suffix}")
    _headings, tables, text = READERS[suffix](path)
    assert "<w:p>]]> & </text:p> fin" in flat(text)
    assert tables[0][1] == ["AT&T «»", "M.\u00a0Seán O’BRIEN <b>"]
