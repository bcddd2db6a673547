"""How fast the minutes are printed: the demo meeting, a generated 40-page meeting, and
LibreOffice's headless conversion of the same content for comparison; then the extremes
tests/documents prints without timing them: the sign-in sheet of 500 people and minutes
holding a word of 10,000 characters.

Measured inside the process (imports done): the first export (fonts registered then) and
the median of the following ones. LibreOffice, when installed, converts an HTML file with
the same text to PDF; its time counts the start of ``soffice`` as a user would see it
(with a profile already created by a first, unmeasured conversion).

    python benchmarks/minutes_export.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from clu_desktop.documents import text_blocks
from clu_desktop.documents.minutes import write_minutes
from clu_desktop.documents.sign_in_sheet import write_sign_in_sheet
from clu_desktop.documents.snapshot import (
    ActionSnapshot,
    Attendance,
    Contact,
    ItemSnapshot,
    Letterhead,
    MeetingSnapshot,
    PrintedPerson,
    StatementSnapshot,
)
from clu_desktop.services.documents.export import export_minutes
from clu_desktop.services.meetings.files import load_demo
from clu_desktop.store.migrate import open_database

TARGETS = {"demo": 0.5, "40 pages": 3.0, "émargement 500": 30.0, "mot 10 000": 10.0}
RUNS = 7
SENTENCE = (
    "Le service de la relation aux usagers présente les résultats de l'enquête de "
    "satisfaction : 95 % des usagers interrogés se déclarent satisfaits de l'accueil, "
    "et le délai moyen de réponse aux réclamations passe de 12 à 8 jours ouvrés. "
)


def large_meeting(items: int = 50) -> MeetingSnapshot:
    """A long meeting: 60 participants, items of paragraphs, bullets and statements."""
    people = tuple(
        Attendance(
            PrintedPerson(
                "Mme" if n % 2 else "M.",
                f"Prénom{n}",
                f"NOM{n:02d}",
                f"Organisme départemental numéro {n} de la Haute-Marne",
                "Chargée de mission qualité et relation aux usagers",
            ),
            "present" if n % 7 else "excused",
        )
        for n in range(60)
    )
    text = "\n\n".join(
        [
            SENTENCE * 3,
            "Points relevés :",
            "\n".join(f"- point numéro {k} : {SENTENCE}" for k in range(4))
            + "\n  - détail : "
            + SENTENCE,
            SENTENCE * 2,
        ]
    )
    return MeetingSnapshot(
        letterhead=Letterhead(
            authority_lines=("PRÉFET", "DE LA HAUTE-MARNE"),
            motto_lines=("Liberté", "Égalité", "Fraternité"),
            service_block_lines=("Secrétariat Général", "Commun Départemental"),
            service_name="Service de la relation aux usagers",
            town="Chaumont",
        ),
        committee_name="Comité local des usagers",
        committee_acronym="CLU",
        title="Comité local des usagers (CLU)",
        date=dt.date(2024, 6, 12),
        start_time=dt.time(14, 30),
        end_time=dt.time(17, 0),
        place="Salle Louise Michel",
        minutes_place="Chaumont",
        minutes_date=dt.date(2024, 9, 2),
        delegation_formula="Pour la Préfète et par délégation",
        signatory_title="Le Secrétaire Général",
        signatory_name="Prénom NOM",
        contact=Contact("Mylène BÉGUÉ", "03 25 30 22 69", "contact@example.fr"),
        opening_text=SENTENCE,
        closing_text=SENTENCE,
        attendance=people,
        items=tuple(
            ItemSnapshot(
                str(n),
                f"Point {n} de l'ordre du jour",
                minutes_text=text,
                statements=(StatementSnapshot("M. Prénom1 NOM01 estime que " + SENTENCE),),
                actions=(ActionSnapshot("action suivie", "done", done_date=dt.date(2024, 5, 1)),),
            )
            for n in range(1, items + 1)
        ),
    )


def crowded(snapshot: MeetingSnapshot) -> MeetingSnapshot:
    """500 people invited, each with a long organisation (the sign-in sheet's extreme)."""
    people = tuple(
        Attendance(
            PrintedPerson(
                "M.",
                "Jean",
                f"NOM{n:03d}",
                f"Debut{n:03d} organisme de la Haute-Marne, accueil Fin{n:03d}",
                "Délégué",
            ),
            "invited",
        )
        for n in range(500)
    )
    return dataclasses.replace(snapshot, attendance=people)


def one_long_word(snapshot: MeetingSnapshot) -> MeetingSnapshot:
    """A word of 10,000 characters in the title, an organisation and a minutes text."""
    word = "x" * 10_000
    person = PrintedPerson("Mme", "Anne", "MARTIN", word, "Présidente")
    item = ItemSnapshot("1", "Point", minutes_text=f"Avant {word} après")
    return dataclasses.replace(
        snapshot, title=word, attendance=(Attendance(person, "present"),), items=(item,)
    )


def as_html(snapshot: MeetingSnapshot) -> str:
    """The same content for LibreOffice: letterhead, table, paragraphs and lists."""
    e = html.escape
    out = ["<html><head><meta charset='utf-8'></head><body style='font-family:DejaVu Sans'>"]
    out += [f"<p><b>{e(line)}</b></p>" for line in snapshot.letterhead.authority_lines]
    out.append(f"<h1 style='text-align:center'>COMPTE-RENDU DU {e(snapshot.title.upper())}</h1>")
    out.append("<table border='1' cellspacing='0' width='100%'>")
    out += [
        f"<tr><td>{e(a.person.organisation or '')}</td>"
        f"<td>{e(a.person.name_and_function)}</td></tr>"
        for a in snapshot.attendance
    ]
    out.append("</table><ul>")
    out += [f"<li>{e(item.title)}</li>" for item in snapshot.items]
    out.append("</ul>")
    for item in snapshot.items:
        out.append(f"<h3>{e(item.section_title)} :</h3>")
        for block in text_blocks.parse(item.minutes_text):
            if block.kind == "bullet":
                margin = 20 * block.level
                out.append(f"<p style='margin-left:{margin}pt'>– {e(block.lines[0])}</p>")
            else:
                out.append(f"<p>{'<br>'.join(e(line) for line in block.lines)}</p>")
        out += [f"<p>{e(s.text)}</p>" for s in item.statements]
    out.append(f"<p style='text-align:right'>{e(snapshot.signatory_name or '')}</p></body></html>")
    return "\n".join(out)


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def report(name: str, first: float, runs: list[float], pages: int) -> None:
    median = statistics.median(runs)
    verdict = "ok" if max(first, median) <= TARGETS[name] else "SLOW"
    print(
        f"{name:<14} {pages:>3} pages   first {first * 1000:7.0f} ms   "
        f"median {median * 1000:7.0f} ms (n={len(runs)})   target {TARGETS[name]} s  {verdict}"
    )


def libreoffice(html_text: str, folder: Path) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice absent (apt-get install libreoffice-writer-nogui): no comparison.")
        return None
    source = folder / "minutes.html"
    source.write_text(html_text, "utf-8")
    command = [
        soffice,
        f"-env:UserInstallation=file://{folder / 'lo-profile'}",
        "--headless",
        "--infilter=HTML (StarWriter)",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(folder / "lo"),
        str(source),
    ]
    subprocess.run(command, capture_output=True, check=True, timeout=300)  # creates the profile
    runs = [
        timed(lambda: subprocess.run(command, capture_output=True, check=True, timeout=300))
        for _ in range(3)
    ]
    pages = len(PdfReader(folder / "lo" / "minutes.pdf").pages)
    print(f"LibreOffice {pages:>2} pages   median {statistics.median(runs) * 1000:7.0f} ms (n=3)")
    return statistics.median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = open_database(folder / "clu.sqlite")
        with db.transaction() as session:
            meeting_id = load_demo(session)

        def demo() -> None:
            with db.reading() as session:
                export_minutes(session, meeting_id, folder / "demo.pdf")

        first = timed(demo)
        report(
            "demo",
            first,
            [timed(demo) for _ in range(RUNS)],
            len(PdfReader(folder / "demo.pdf").pages),
        )

        big = large_meeting()
        target = folder / "large.pdf"
        first = timed(lambda: write_minutes(big, target))
        runs = [timed(lambda: write_minutes(big, target)) for _ in range(3)]
        report("40 pages", first, runs, len(PdfReader(target).pages))

        # The extremes the tests print with only a bound on a runaway (tests/documents).
        sheet = crowded(big)
        target = folder / "emargement.pdf"
        first = timed(lambda: write_sign_in_sheet(sheet, target))
        runs = [timed(lambda: write_sign_in_sheet(sheet, target)) for _ in range(3)]
        report("émargement 500", first, runs, len(PdfReader(target).pages))
        word = one_long_word(big)
        target = folder / "mot.pdf"
        first = timed(lambda: write_minutes(word, target))
        runs = [timed(lambda: write_minutes(word, target)) for _ in range(3)]
        report("mot 10 000", first, runs, len(PdfReader(target).pages))
        db.dispose()

        office = libreoffice(as_html(big), folder)
        if office is not None:
            ratio = office / statistics.median(runs)
            print(f"LibreOffice / CLU Desktop (40 pages): {ratio:.1f} times slower")


if __name__ == "__main__":
    main()
