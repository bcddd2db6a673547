"""Signed minutes are public archives: what the archived PDF holds, read back from the file."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from clu_desktop.documents.pdfa import is_pdfa, to_pdfa
from clu_desktop.errors import UserError
from clu_desktop.services.documents.export import export_minutes

PARIS = ZoneInfo("Europe/Paris")


def _fonts(reader: PdfReader) -> dict[str, DictionaryObject]:
    """Every font of the file (pages and their form XObjects), by base font name."""
    found: dict[str, DictionaryObject] = {}
    seen: set[int] = set()

    def walk(resources) -> None:
        if resources is None or id(resources) in seen:
            return
        seen.add(id(resources))
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def test_every_font_of_the_minutes_and_their_annex_is_embedded(demo_db, tmp_path):
    pdf = tmp_path / "cr.pdf"
    with demo_db.reading() as session:
        export_minutes(session, 1, pdf)
    reader = PdfReader(pdf)
    assert "Indicateurs" in "".join(p.extract_text() for p in reader.pages[4:])  # the annex
    fonts = _fonts(reader)
    assert fonts  # the minutes' text, the annex's tables and its charts' labels
    for name, font in fonts.items():
        assert "Helvetica" not in name
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name


def _archived(demo_db, tmp_path) -> tuple[bytes, bytes]:
    pdf = tmp_path / "cr.pdf"
    with demo_db.reading() as session:
        export_minutes(session, 1, pdf)
    made = pdf.read_bytes()
    return made, to_pdfa(made, when=dt.datetime(2023, 12, 20, 18, 30, tzinfo=PARIS))


def test_the_archived_minutes_are_pdfa_2b(demo_db, tmp_path):
    made, archived = _archived(demo_db, tmp_path)
    assert archived.startswith(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3")  # binary comment line
    reader = PdfReader(io.BytesIO(archived))
    title = "Compte-rendu – Comité local des usagers (CLU) du 20 décembre 2023"
    xmp = reader.xmp_metadata
    assert xmp.dc_title == {"x-default": title}
    assert xmp.dc_creator == ["SERVICE DE LA RELATION AUX USAGERS"]
    assert xmp.dc_language == ["fr-FR"]
    raw = reader.root_object["/Metadata"].get_object()
    assert "/Filter" not in raw  # the packet stays readable by any tool
    packet = raw.get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in packet
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in packet
    assert "<xmp:CreateDate>2023-12-20T18:30:00+01:00</xmp:CreateDate>" in packet
    assert "<xmp:ModifyDate>2023-12-20T18:30:00+01:00</xmp:ModifyDate>" in packet
    # The document information says the same.
    info = reader.metadata
    assert info.title == title
    assert info.author == "SERVICE DE LA RELATION AUX USAGERS"
    assert info.subject.startswith("Compte-rendu de la séance du 20 décembre 2023")
    assert (
        info.creation_date
        == info.modification_date
        == dt.datetime(2023, 12, 20, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    )
    assert f"<pdf:Producer>{info.producer}</pdf:Producer>" in packet
    assert f"<xmp:CreatorTool>{info.creator}</xmp:CreatorTool>" in packet
    assert reader.root_object["/Lang"] == "fr-FR"
    # The sRGB output intent, with its ICC profile.
    (intent,) = reader.root_object["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    icc = profile.get_data()
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
    # A file identifier, every font embedded, the same pages.
    first, second = reader.trailer["/ID"]
    assert len(first) == len(second) == 16
    for name, font in _fonts(reader).items():
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(font["/FontDescriptor"]), name
    before = PdfReader(io.BytesIO(made))
    assert [p.extract_text() for p in reader.pages] == [p.extract_text() for p in before.pages]


def test_the_demo_minutes_use_no_transparency(demo_db, tmp_path):
    """No soft mask, transparency group or constant alpha below 1: nothing that PDF/A-2
    readers might blend differently."""
    _, archived = _archived(demo_db, tmp_path)
    reader = PdfReader(io.BytesIO(archived))
    for page in reader.pages:
        assert "/Group" not in page
        resources = page["/Resources"].get_object()
        for state in (resources.get("/ExtGState") or {}).values():
            state = state.get_object()
            assert state.get("/SMask", "/None") == "/None"
            assert float(state.get("/CA", 1)) == float(state.get("/ca", 1)) == 1
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            assert "/SMask" not in xobject and "/Group" not in xobject


def test_an_unreadable_pdf_gets_a_french_message():
    with pytest.raises(UserError, match="illisible"):
        to_pdfa(b"not a pdf")


@pytest.mark.skipif(shutil.which("verapdf") is None, reason="veraPDF is not installed")
def test_verapdf_validates_the_archived_minutes(demo_db, tmp_path):
    _, archived = _archived(demo_db, tmp_path)
    target = tmp_path / "cr-archive.pdf"
    target.write_bytes(archived)
    report = subprocess.run(
        ["verapdf", "--flavour", "2b", str(target)], capture_output=True, text=True
    )
    assert 'isCompliant="true"' in report.stdout, report.stdout[-3000:]


def test_the_command_line_exports_the_minutes_for_archiving(tmp_path, capsys):
    """« export minutes --archive »: a PDF/A-2b of minutes not signed in CLU Desktop; of
    minutes signed in it, the PDF kept at signature byte for byte; a .odt is refused."""
    from clu_desktop.cli import main
    from clu_desktop.domain import Meeting
    from clu_desktop.services.documents.signature import reopen_minutes, sign_minutes
    from clu_desktop.store.migrate import open_database

    db = str(tmp_path / "clu.sqlite")
    assert main(["demo", "--db", db]) == 0
    pdf = tmp_path / "cr-archive.pdf"
    capsys.readouterr()
    assert (
        main(["export", "minutes", "--meeting", "1", "--archive", "-o", str(pdf), "--db", db]) == 0
    )
    assert "Compte-rendu pour archivage (PDF/A-2b) de la séance n° 1" in capsys.readouterr().out
    assert is_pdfa(pdf.read_bytes())
    assert not is_pdfa((tmp_path / "clu.sqlite").read_bytes())

    odt = tmp_path / "cr.odt"
    args = ["export", "minutes", "--meeting", "1", "--archive", "-o", str(odt), "--db", db]
    assert main(args) == 2
    assert "finissant par .pdf" in capsys.readouterr().err
    assert not odt.exists()

    database = open_database(db)
    with database.transaction() as session:
        reopen_minutes(session, 1, "Claire Martin", "Signé dans CLU Desktop")
        sign_minutes(session, 1, "Claire Martin", at=dt.datetime(2024, 4, 8, 10, 12))
    with database.reading() as session:
        stored = session.get(Meeting, 1).signed_pdf
    database.dispose()
    assert (
        main(["export", "minutes", "--meeting", "1", "--archive", "-o", str(pdf), "--db", db]) == 0
    )
    assert pdf.read_bytes() == stored


def test_minutes_signed_before_pdfa_are_converted_for_archiving(demo_db, tmp_path):
    """A PDF kept at signature by an older CLU Desktop (not PDF/A) is converted: same pages,
    dated when it was signed; the PDF kept is untouched."""
    from clu_desktop.domain import Meeting
    from clu_desktop.services.documents.export import export_minutes_archive

    made = tmp_path / "cr.pdf"
    with demo_db.reading() as session:
        export_minutes(session, 1, made)
    with demo_db.transaction() as session:
        meeting = session.get(Meeting, 1)
        meeting.signed_pdf = made.read_bytes()
        meeting.signed_at = dt.datetime(2023, 12, 21, 9, 0)
    target = tmp_path / "cr-archive.pdf"
    with demo_db.reading() as session:
        export_minutes_archive(session, 1, target)
        assert session.get(Meeting, 1).signed_pdf == made.read_bytes()
    archived = PdfReader(target)
    assert is_pdfa(target.read_bytes())
    assert archived.xmp_metadata.xmp_create_date.date() == dt.date(2023, 12, 21)
    pages = [p.extract_text() for p in PdfReader(made).pages]
    assert [p.extract_text() for p in archived.pages] == pages


def test_hostile_metadata_stays_well_formed_xmp(tmp_path):
    """A title with markup, ampersands and control characters is written literally (the
    control characters XML refuses are left out), and the packet still parses."""
    from reportlab.pdfgen import canvas

    source = tmp_path / "source.pdf"
    pdf = canvas.Canvas(str(source))
    pdf.setTitle("Séance <b>&amp; « Œuvres » \x07</rdf:li>")
    pdf.setAuthor("Préfecture de l'Aube & de la Marne")
    pdf.showPage()
    pdf.save()
    reader = PdfReader(io.BytesIO(to_pdfa(source.read_bytes())))
    assert reader.xmp_metadata.dc_title == {"x-default": "Séance <b>&amp; « Œuvres » </rdf:li>"}
    assert reader.xmp_metadata.dc_creator == ["Préfecture de l'Aube & de la Marne"]
    assert reader.xmp_metadata.dc_language == ["fr-FR"]  # no /Lang: the default
    assert reader.metadata.title == "Séance <b>&amp; « Œuvres » </rdf:li>"  # the same
