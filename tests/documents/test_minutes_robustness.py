"""The minutes survive what users type and what goes wrong: markup, huge words, long
tables, empty meetings, damaged annexes, a crash while writing."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable

from clu_desktop.documents import minutes
from clu_desktop.documents.minutes import write_minutes
from clu_desktop.documents.snapshot import (
    ActionSnapshot,
    AnnexSnapshot,
    Attendance,
    Contact,
    ItemSnapshot,
    Letterhead,
    MeetingSnapshot,
    PrintedPerson,
    StatementSnapshot,
)
from clu_desktop.errors import UserError
from clu_desktop.services.documents.export import export_minutes

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext comes from poppler-utils"
)

LETTERHEAD = Letterhead(
    authority_lines=("PRÉFET", "DE LA HAUTE-MARNE"),
    motto_lines=("Liberté", "Égalité", "Fraternité"),
    service_block_lines=("Secrétariat Général", "Commun Départemental"),
    service_name="Service de la relation aux usagers",
    town="Chaumont",
)
MARKUP = ("a<b", "<b>x</b>", "AT&T", '<font color="[[[x]]]">', "&amp;", 'l\'écho "cité"')


def meeting(**changes) -> MeetingSnapshot:
    values = {
        "letterhead": LETTERHEAD,
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


def person(last: str, organisation: str | None = None, function: str | None = None):
    return PrintedPerson("M.", "Jean", last, organisation, function)


def present(p: PrintedPerson) -> Attendance:
    return Attendance(p, "present")


def text_of(pdf: Path, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    """The text with every kind of space, and line ends, made one space."""
    return " ".join(text.replace("\u00a0", " ").split())


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def test_markup_typed_by_users_prints_literally(tmp_path):
    text = " ".join(MARKUP)
    snapshot = meeting(
        title=text,
        place=text,
        opening_text=text,
        chair=person("CHEF", function=text),
        attendance=(present(person("DUPONT", organisation=text, function=text)),),
        items=(ItemSnapshot("1", text, minutes_text=f"{text}\n\n- {text}\n  - {text}"),),
    )
    pdf = write_minutes(snapshot, tmp_path / "cr.pdf")
    printed = flat(text_of(pdf))
    for piece in MARKUP:
        # The apostrophe typed straight prints typographic (l’écho), nothing else changes.
        assert printed.count(piece.replace("l'", "l\u2019")) >= 6, piece
    assert "COMPTE-RENDU DU A<B <B>X</B> AT&T" in printed


@pytest.mark.timeout(120)  # a bound on a runaway (breaking the word): printed in a second
@pytest.mark.parametrize("where", ["title", "minutes text", "organisation", "all"])
def test_a_word_of_ten_thousand_characters_is_printed_whole(tmp_path, where):
    word = "x" * 10_000
    places = {where} if where != "all" else {"title", "minutes text", "organisation"}
    snapshot = meeting(
        title=word if "title" in places else "Comité",
        attendance=(
            present(person("DUPONT", organisation=word if "organisation" in places else "Asso")),
        ),
        items=(
            ItemSnapshot(
                "1",
                "Point",
                minutes_text=f"Avant {word} après" if "minutes text" in places else "x",
            ),
        ),
    )
    pdf = write_minutes(snapshot, tmp_path / "cr.pdf")
    printed = text_of(pdf)
    # The title is printed in capitals; the minutes and the table as typed.
    expected = 10_000 * len(places & {"minutes text", "organisation"})
    assert printed.count("x") >= expected
    if "title" in places:
        assert printed.count("X") >= 10_000
    assert "DUPONT" in printed


def test_five_hundred_participants_span_pages_and_all_are_listed(tmp_path):
    people = tuple(
        present(person(f"NOM{n:03d}", f"Organisme numéro {n} de la Haute-Marne", "Délégué"))
        for n in range(500)
    )
    pdf = write_minutes(meeting(attendance=people), tmp_path / "cr.pdf")
    assert page_count(pdf) >= 10
    printed = text_of(pdf, layout=True)
    positions = [printed.index(f"M. Jean NOM{n:03d}, Délégué") for n in range(500)]
    assert positions == sorted(positions)
    assert f"page 1 / {page_count(pdf)}" in printed


def test_an_empty_meeting_prints_a_one_page_document(tmp_path):
    snapshot = MeetingSnapshot(
        letterhead=Letterhead(),
        committee_name="",
        committee_acronym=None,
        title="",
        date=dt.date(2024, 1, 1),
    )
    pdf = write_minutes(snapshot, tmp_path / "cr.pdf")
    printed = flat(text_of(pdf))
    assert printed.startswith("COMPTE-RENDU")
    assert "Lundi 1er janvier 2024" in printed
    assert "Participants" not in printed and "Ordre du jour" not in printed
    assert "page 1 / 1" in printed


def test_an_item_with_only_bullets_and_sub_items(tmp_path):
    item = ItemSnapshot(
        "1",
        "Nouveautés",
        children=(
            ItemSnapshot("1.1", "au niveau local", minutes_text="- premier\n  - second"),
            ItemSnapshot("1.2", "vide"),
        ),
    )
    pdf = write_minutes(meeting(items=(item,)), tmp_path / "cr.pdf")
    printed = text_of(pdf, layout=True)
    assert "1. Nouveautés :" in flat(printed)
    assert "1.1. au niveau local :" in printed and "vide :" not in printed
    lines = [line for line in printed.splitlines() if "premier" in line or "second" in line]
    first, second = lines
    assert len(second) - len(second.lstrip()) > len(first) - len(first.lstrip())


def test_missing_times_and_place(tmp_path):
    for start, end, place, expected in (
        (None, None, None, None),
        (dt.time(9, 0), None, None, "9h00"),
        (None, None, "Salle B", "Salle B"),
        (dt.time(9, 0), dt.time(11, 15), None, "9h00-11h15"),
    ):
        snapshot = meeting(start_time=start, end_time=end, place=place)
        lines = [
            line.strip()
            for line in text_of(write_minutes(snapshot, tmp_path / "a.pdf")).splitlines()
        ]
        after_date = lines[lines.index("Mercredi 12 juin 2024") + 1]
        if expected is None:
            assert "–" not in after_date and "h" not in after_date
        else:
            assert after_date == expected


def test_actions_and_statements_under_their_item(tmp_path):
    item = ItemSnapshot(
        "1",
        "Amélioration",
        actions=(
            ActionSnapshot("installation du PAN", "done", done_date=dt.date(2023, 5, 1)),
            ActionSnapshot("refonte", "done", when_label="fin novembre 2023"),
            ActionSnapshot("labellisation", "todo", due_date=dt.date(2025, 12, 31)),
            ActionSnapshot("sans date"),
        ),
        statements=(StatementSnapshot("M. GUY estime que 20 % de la population…"),),
    )
    printed = flat(text_of(write_minutes(meeting(items=(item,)), tmp_path / "cr.pdf")))
    assert "– mai 2023 : installation du PAN" in printed
    assert "– fin novembre 2023 : refonte" in printed
    assert "– labellisation (échéance : 31 décembre 2025)" in printed
    assert "– sans date" in printed
    assert printed.index("sans date") < printed.index("M. GUY estime que 20 % de la population")


def test_attendance_groups_agree_in_number_and_gender(tmp_path):
    mme = PrintedPerson("Mme", "Anne", "MARTIN", "Asso", "Présidente")
    snapshot = meeting(
        attendance=(
            Attendance(mme, "excused"),
            Attendance(person("DURAND"), "represented", represented_by="Mme Lise PETIT"),
            Attendance(person("A"), "absent"),
            Attendance(person("B"), "absent"),
        )
    )
    printed = text_of(write_minutes(snapshot, tmp_path / "cr.pdf"))
    # Outside the table of the present, the organisation is kept beside the name.
    assert "Absente excusée\nMme Anne MARTIN (Asso), Présidente" in printed
    assert "Représenté\nM. Jean DURAND, représenté par Mme Lise PETIT" in printed
    assert "Absents\nM. Jean A\nM. Jean B" in printed


def _small_pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for n in range(pages):
        pdf.drawString(100, 700, f"Diapositive {n + 1} de la présentation")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_annexes_are_inserted_as_they_are_and_counted(tmp_path):
    annexes = (
        AnnexSnapshot(1, "Présentation", "pdf", file_name="sp+.pdf", file_data=_small_pdf(2)),
        AnnexSnapshot(2, "Texte", "text", text="Après la présentation."),
    )
    pdf = write_minutes(meeting(annexes=annexes), tmp_path / "cr.pdf")
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(pages) == 5
    assert "Annexe 1 – Présentation" in pages[1]
    assert "Diapositive 1" in pages[2] and "Diapositive 2" in pages[3]
    assert "Annexe 2 – Texte" in pages[4] and "page 5 / 5" in pages[4]


def test_a_damaged_pdf_annex_is_refused_in_french_and_nothing_is_written(tmp_path):
    target = tmp_path / "cr.pdf"
    target.write_bytes(b"the previous minutes")
    annex = AnnexSnapshot(2, "Présentation", "pdf", file_name="abîmé.pdf", file_data=b"%PDF-1.4 no")
    with pytest.raises(UserError, match=r"L'annexe 2 « Présentation » .*abîmé\.pdf.* PDF lisible"):
        write_minutes(meeting(annexes=(annex,)), target)
    assert target.read_bytes() == b"the previous minutes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cr.pdf"]


class Exploding(Flowable):
    def wrap(self, availWidth, availHeight):
        return 10, 10

    def draw(self):
        raise RuntimeError("crash while building")


def test_a_crash_while_building_leaves_the_previous_file_and_no_temporary_file(
    tmp_path, monkeypatch
):
    target = tmp_path / "cr.pdf"
    target.write_bytes(b"the previous minutes")
    monkeypatch.setattr(minutes, "participants", lambda *args: [Exploding()])
    with pytest.raises(RuntimeError, match="crash while building"):
        write_minutes(meeting(), target)
    assert target.read_bytes() == b"the previous minutes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cr.pdf"]


def test_a_failure_while_renaming_leaves_the_previous_file_and_no_temporary_file(
    tmp_path, monkeypatch
):
    target = tmp_path / "cr.pdf"
    target.write_bytes(b"the previous minutes")

    def refuse(*args):
        raise PermissionError(13, "Permission non accordée")

    monkeypatch.setattr("os.replace", refuse)
    with pytest.raises(UserError, match="Accès refusé"):
        write_minutes(meeting(), target)
    assert target.read_bytes() == b"the previous minutes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cr.pdf"]


def test_metadata_fonts_and_a_missing_logo(demo_db, tmp_path):
    pdf = tmp_path / "cr.pdf"
    with demo_db.reading() as session:
        export_minutes(session, 1, pdf)
    reader = PdfReader(pdf)
    assert reader.metadata.title == (
        "Compte-rendu – Comité local des usagers (CLU) du 20 décembre 2023"
    )
    assert reader.metadata.author == "SERVICE DE LA RELATION AUX USAGERS"
    assert reader.metadata.subject.startswith("Compte-rendu de la séance du 20 décembre 2023")
    for page in reader.pages[:4]:  # the minutes' own pages; then come the annexes
        fonts = page["/Resources"]["/Font"]
        used = set(
            re.findall(r"(/[^\s/]+) [\d.]+ Tf", page.get_contents().get_data().decode("latin-1"))
        )
        assert used
        for name in used:
            font = fonts[name].get_object()
            assert "DejaVuSans" in font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"]  # embedded
    snapshot = meeting(letterhead=Letterhead(authority_lines=("PRÉFET",), logo_path="/nope.png"))
    assert "PRÉFET" in text_of(write_minutes(snapshot, tmp_path / "sans-logo.pdf"))


def test_the_logo_is_drawn_above_the_authority(tmp_path):
    from PIL import Image

    logo = tmp_path / "marianne.png"
    Image.new("RGB", (300, 200), (0, 0, 145)).save(logo)
    snapshot = meeting(letterhead=Letterhead(authority_lines=("PRÉFET",), logo_path=str(logo)))
    pdf = write_minutes(snapshot, tmp_path / "cr.pdf")
    assert len(PdfReader(pdf).pages[0].images) == 1


def test_an_unreadable_user_font_falls_back_to_dejavu(tmp_path):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00 not a font")
    letterhead = Letterhead(authority_lines=("PRÉFET",), font_path=str(broken))
    pdf = write_minutes(meeting(letterhead=letterhead, contact=Contact("Anne")), tmp_path / "a.pdf")
    assert "PRÉFET" in text_of(pdf)


def test_without_any_font_the_error_says_which_package_to_install(tmp_path, monkeypatch):
    from clu_desktop.documents import fonts

    monkeypatch.setattr(fonts, "DEJAVU_FOLDERS", (str(tmp_path),))
    with pytest.raises(UserError, match="fonts-dejavu-core"):
        write_minutes(meeting(), tmp_path / "cr.pdf")
    assert not (tmp_path / "cr.pdf").exists()


def test_the_bundled_dejavu_is_used_where_the_system_has_none(tmp_path, monkeypatch):
    """A Windows workstation has no DejaVu Sans: the bundle carries its own copy in
    resources/fonts (build.spec), and the documents are printed with it."""
    from clu_desktop.documents import fonts

    system = fonts.dejavu_files()
    if system is None:
        pytest.skip("DejaVu Sans n'est pas installée sur cette machine")
    bundled = tmp_path / "resources" / "fonts"
    bundled.mkdir(parents=True)
    for path in system.values():
        shutil.copyfile(path, bundled / path.name)
    monkeypatch.setattr(fonts, "DEJAVU_FOLDERS", (str(tmp_path / "nowhere"),))
    monkeypatch.setattr(fonts, "resource_path", lambda *p: tmp_path.joinpath("resources", *p))
    expected = {face: bundled / name for face, name in fonts.DEJAVU_FILES.items()}
    assert fonts.dejavu_files() == expected
    pdf = write_minutes(meeting(contact=Contact("Anne")), tmp_path / "cr.pdf")
    assert "Anne" in text_of(pdf)


def _rows_by_page(pdf: Path, marks: list[str]) -> list[int]:
    pages = text_of(pdf, layout=True).split("\f")
    return [sum(page.count(mark) for mark in marks) for page in pages]


def test_a_long_participants_table_starts_on_the_first_page_and_leaves_no_row_alone(tmp_path):
    widowed = 0
    for count in range(24, 36):  # the table ends at every place of page 1, then of page 2
        people = tuple(present(person(f"NOM{n:02d}", f"Organisme {n}")) for n in range(count))
        snapshot = meeting(letterhead=LETTERHEAD, attendance=people)
        rows = _rows_by_page(write_minutes(snapshot, tmp_path / "cr.pdf"), ["NOM"])
        assert rows[0] >= 20, (count, rows)  # no quarter page left blank before the table
        assert all(n == 0 or n >= 3 for n in rows), (count, rows)
        widowed += rows[1] == 3 and count - 3 < 27  # moved earlier to keep three together
    assert widowed  # at least one length needed moving rows


def test_the_last_lines_of_a_group_are_never_alone_on_a_page(tmp_path):
    for count in range(18, 34):
        people = tuple(present(person(f"NOM{n:02d}", "Organisme")) for n in range(count))
        excused = tuple(Attendance(person(f"EXC{n:02d}"), "excused") for n in range(9))
        snapshot = meeting(letterhead=LETTERHEAD, attendance=people + excused)
        pdf = write_minutes(snapshot, tmp_path / "cr.pdf")
        lines = _rows_by_page(pdf, ["EXC"])
        assert all(n == 0 or n >= 3 for n in lines), (count, lines)
        labelled = next(page for page in text_of(pdf, layout=True).split("\f") if "EXC" in page)
        assert "Absents excusés" in labelled, count  # the label is never left alone


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("Conseil municipal", "COMPTE-RENDU DU CONSEIL MUNICIPAL"),
        (
            "Réunion plénière du conseil de quartier",
            "COMPTE-RENDU DE LA RÉUNION PLÉNIÈRE DU CONSEIL DE QUARTIER",
        ),
        ("Assemblée générale", "COMPTE-RENDU DE L’ASSEMBLÉE GÉNÉRALE"),
        ("Comité local des usagers (CLU)", "COMPTE-RENDU DU COMITÉ LOCAL DES USAGERS (CLU)"),
    ],
)
def test_the_minutes_heading_agrees_with_the_title(title, heading):
    from clu_desktop.documents.minutes import minutes_heading

    assert minutes_heading(title) == heading
