"""The sign-in sheet (feuille d'émargement), printed before the meeting.

The minutes' letterhead; "FEUILLE D'ÉMARGEMENT", the meeting, day, time and room; a table
Civilité | NOM Prénom | Organisme | Fonction | Signature with one row per invited person in
the invitation order (excused people marked "excusé", a proxy "pouvoir à M. Y", a
substitute "représenté par X", the chair too), then blank rows for walk-ins; at the end,
the counts box the chair fills in (présents; pouvoirs when the committee votes or a proxy
is recorded) and the chair's signature box, kept on one page with the last two rows. Every
page after the first starts with the table's header.

A name is printed as stored (the surname in capitals, its particle as typed: « de
LESQUEN »), and never cut inside a word: the font of its cell shrinks until the surname
fits on one line; a surname still too long breaks at its hyphens only.

Rows are never cut across pages: each row is at least ``ROW_HEIGHT`` tall and grows with
its text; a text too long for a cell (a 10,000-character word) is cut with "…" at
``MAX_LINES`` lines, so that no row can outgrow a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from clu_desktop.documents.fonts import document_fonts
from clu_desktop.documents.letterhead import FRAME_WIDTH, DocumentInfo, letterhead_flowables
from clu_desktop.documents.minutes import heading_block, meeting_title
from clu_desktop.documents.participants import is_feminine
from clu_desktop.documents.snapshot import Attendance, MeetingSnapshot, PrintedPerson
from clu_desktop.documents.styles import SHADE, TEXT_COLOR, Styles, make_styles
from clu_desktop.documents.typography import markup
from clu_desktop.documents.writer import Story, write_pdf
from clu_desktop.french.attendance import status_word
from clu_desktop.french.dates import long_date
from clu_desktop.french.typography import NBSP, clean

#: Blank rows for the people who come without being on the list.
DEFAULT_BLANK_ROWS = 5
#: A row's height when its texts are short: room enough to sign.
ROW_HEIGHT = 1.2 * cm
#: Room left to sign below a note in the signature box ("représenté par X").
SIGNING_ROOM = 0.9 * cm
#: The last rows, kept on the page of the chair's signature box.
TAIL_ROWS = 2
#: Lines a cell shows at most; longer texts end with "…".
MAX_LINES = 10
#: Font sizes tried for a name: first to keep its surname on one line (down to
#: WHOLE_NAME_SIZE, still easy to read), then to fit each part between its hyphens.
NAME_SIZES = (8.5, 8, 7.5, 7, 6.5, 6, 5.5)
WHOLE_NAME_SIZE = 7
COUNTS_BOX_HEIGHT = 0.8 * cm
HEADERS = ("Civilité", "NOM Prénom", "Organisme", "Fonction", "Signature")
COLUMN_WIDTHS = (1.5 * cm, 4.0 * cm, 4.2 * cm, 3.2 * cm)
WIDTHS = (*COLUMN_WIDTHS, FRAME_WIDTH - sum(COLUMN_WIDTHS))
PAD_X, PAD_Y = 4, 3
GRID = colors.HexColor("#4d4d4d")
EXCUSED_SHADE = colors.HexColor("#e6e6e6")
CHAIR_BOX_WIDTH = 8.5 * cm
CHAIR_BOX_HEIGHT = 2.6 * cm
INSTRUCTIONS = (
    "Merci de signer dans la case en face de votre nom. Si votre nom ne figure pas sur la "
    "liste, inscrivez-vous sur une ligne libre en fin de tableau."
)

# A part of a cell's text: the plain text, and how its markup is wrapped ("<b>{}</b>").
Part = tuple[str, str]


#: The sheet's paragraph styles by name ("cell", "note", "header"...).
SheetStyles = dict[str, ParagraphStyle]


def _sheet_styles(styles: Styles) -> SheetStyles:
    cell = styles.cell.clone("sheet_cell", fontSize=8.5, leading=10.5)
    return {
        "cell": cell,
        "header": cell.clone("sheet_header", fontName=styles.fonts.bold, textColor=TEXT_COLOR),
        "note": styles.cell_note.clone("sheet_note", fontSize=8, leading=9.5),
        "status": styles.cell_note.clone(
            "sheet_status", fontSize=8.5, leading=10.5, alignment=TA_CENTER
        ),
        "intro": styles.note.clone("sheet_intro", spaceBefore=12, spaceAfter=8),
        "chair_label": styles.body.clone("chair_label", fontName=styles.fonts.bold),
        "chair_name": styles.body.clone("chair_name", spaceAfter=6),
    }


def _build(parts: Sequence[Part], limit: int | None) -> str:
    """The markup of ``parts``, cut after ``limit`` characters (with "…") when given."""
    pieces, left = [], limit
    for text, template in parts:
        text = clean(text)
        if left is not None:
            text, left = text[:left], left - len(text[:left])
        if text:
            pieces.append(template.format(markup(text)))
    return " ".join(pieces) + ("…" if limit is not None else "")


def fitted(parts: Sequence[Part], style: ParagraphStyle, width: float) -> Paragraph:
    """A paragraph of at most MAX_LINES lines in ``width``: a longer text is cut with "…"."""
    inner = width - 2 * PAD_X
    limit_height = MAX_LINES * style.leading + 0.5

    def fits(paragraph: Paragraph) -> bool:
        return paragraph.wrap(inner, 1e9)[1] <= limit_height

    whole = Paragraph(_build(parts, None), style)
    if fits(whole):
        return whole
    total = sum(len(clean(text)) for text, _ in parts)
    # No glyph is narrower than a fifth of the font size: the cut is below this bound.
    low, high = 0, min(total, int(MAX_LINES * inner / (style.fontSize / 5)))
    while low < high:  # the longest cut that still fits
        middle = (low + high + 1) // 2
        if fits(Paragraph(_build(parts, middle), style)):
            low = middle
        else:
            high = middle - 1
    return Paragraph(_build(parts, low), style)


def _agreed(person: PrintedPerson, masculine: str, feminine: str) -> str:
    """ "excusé" / "excusée", or "excusé(e)" when the civility does not tell."""
    civility = (person.civility or "").strip().lower()
    if is_feminine([person]):
        return feminine
    if civility.startswith(("m.", "mr", "monsieur")):
        return masculine
    return f"{masculine}({feminine[len(masculine) :]})"


def _hyphen_lines(pieces: Sequence[str], font: str, size: float, inner: float) -> list[str]:
    """The pieces of a surname ("COTREL-", "LASSAUSAYE") packed into lines of ``inner``."""
    lines, current = [], ""
    for piece in pieces:
        if current and stringWidth(current + piece, font, size) > inner:
            lines.append(current)
            current = piece
        else:
            current += piece
    return [*lines, current]


def name_cell(person: PrintedPerson, style: ParagraphStyle, bold: str, width: float) -> Paragraph:
    """ "COTREL-LASSAUSAYE Jean", the surname in bold, never cut inside a word.

    The font shrinks (down to WHOLE_NAME_SIZE) until the whole surname fits on one line;
    else the lines break after its hyphens, the font shrinking (down to NAME_SIZES' last)
    only if a part between hyphens must (the breaks are placed here: reportlab's own
    hyphenation loses the hyphens when a cell is measured twice). A word that fits at no
    size (a pasted text) is cut like any other cell's text.
    """
    last = clean(person.last_name).replace(" ", NBSP)  # the particle stays with the name
    first = clean(person.first_name)
    inner = width - 2 * PAD_X
    pieces = re.split(r"(?<=-)(?=.)", last)
    first_words = first.split()

    def fits(words: Sequence[str], font: str, size: float) -> bool:
        return all(stringWidth(word, font, size) <= inner for word in words)

    for whole in (True, False):
        for size in NAME_SIZES:
            if whole and size < WHOLE_NAME_SIZE:
                break
            surname = [last] if whole else pieces
            if not (fits(surname, bold, size) and fits(first_words, style.fontName, size)):
                continue
            lines = [last] if whole else _hyphen_lines(pieces, bold, size, inner)
            if len(lines) > MAX_LINES // 2:
                break  # hundreds of hyphens: a pasted text, cut below
            text = "<br/>".join(markup(line) for line in lines)
            text = f"<b>{text}</b>" if text else ""
            text = " ".join(part for part in (text, markup(first)) if part)
            sized = style.clone(
                f"name_{size}",
                fontSize=size,
                leading=style.leading * size / style.fontSize,
                splitLongWords=0,
            )
            return Paragraph(text, sized)
    return fitted([(last, "<b>{}</b>"), (first, "{}")], style, width)


def _signature_cell(attendance: Attendance, styles: SheetStyles) -> list[Flowable]:
    person = attendance.person
    if attendance.status == "excused":
        return [Paragraph(status_word("excused", person.civility), styles["status"])]
    if attendance.status == "represented" and attendance.representation == "proxy":
        # The holder of the proxy signs for both: the note on top, room below it.
        holder = clean(attendance.represented_by)
        if not holder:
            return [Paragraph("pouvoir", styles["note"]), Spacer(1, SIGNING_ROOM)]
        return [
            Paragraph("pouvoir à", styles["note"]),
            fitted([(holder, "<b>{}</b>")], styles["note"], WIDTHS[4]),
            Spacer(1, SIGNING_ROOM),
        ]
    if attendance.status == "represented":
        # The deputy signs in the box: the note on top, room to sign below it.
        verb = status_word("represented", person.civility)
        deputy = clean(attendance.represented_by)
        if not deputy:
            return [Paragraph(markup(verb), styles["note"]), Spacer(1, SIGNING_ROOM)]
        return [
            Paragraph(markup(f"{verb} par"), styles["note"]),
            fitted([(deputy, "<b>{}</b>")], styles["note"], WIDTHS[4]),
            Spacer(1, SIGNING_ROOM),
        ]
    return []


def _person_row(attendance: Attendance, styles: SheetStyles) -> list[_Cell]:
    person = attendance.person
    cell = styles["cell"]
    function: list[Flowable] = []
    if person.function and clean(person.function):
        function.append(fitted([(person.function, "{}")], cell, WIDTHS[3]))
    if attendance.is_chair:
        chair = _agreed(person, "Président", "Présidente") + " de séance"
        function.append(Paragraph(markup(chair), styles["note"]))
    return [
        fitted([(person.civility or "", "{}")], cell, WIDTHS[0]),
        name_cell(person, cell, styles["header"].fontName, WIDTHS[1]),
        fitted([(person.organisation or "", "{}")], cell, WIDTHS[2]),
        function,
        _signature_cell(attendance, styles),
    ]


def _height(row: Sequence[_Cell]) -> float:
    """The row's height: ROW_HEIGHT, or more when a cell's text needs it."""
    tallest = 0.0
    for value, width in zip(row, WIDTHS, strict=True):
        if isinstance(value, str):
            continue  # a blank row's empty cell
        flowables = value if isinstance(value, list) else [value]
        tallest = max(tallest, sum(f.wrap(width - 2 * PAD_X, 1e9)[1] for f in flowables))
    return max(ROW_HEIGHT, tallest + 2 * PAD_Y + 2)


def sheet_attendance(snapshot: MeetingSnapshot) -> tuple[Attendance, ...]:
    """Everyone invited, in the invitation order; the chair first when not invited."""
    attendance = snapshot.attendance
    if snapshot.chair is not None and not any(a.is_chair for a in attendance):
        attendance = (Attendance(snapshot.chair, "invited", is_chair=True), *attendance)
    return attendance


#: A cell of the table: empty (a blank row), a flowable or flowables one above the other.
_Cell = str | Flowable | list[Flowable]

#: A row of the table: an invited person, or None for a blank row.
Row = Attendance | None


def sign_in_table(rows: Sequence[Row], styles: SheetStyles, header: bool = True) -> Table:
    """Rows of the table, below its header when ``header`` (then repeated on each page).

    Rows are never cut: each has its height, fixed from its texts.
    """
    data: list[list[_Cell]] = (
        [[Paragraph(text, styles["header"]) for text in HEADERS]] if header else []
    )
    first = len(data)
    for row in rows:
        data.append(_person_row(row, styles) if row else [""] * len(HEADERS))
    heights: list[float | None] = [None] * first + [_height(cells) for cells in data[first:]]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (4, first), (4, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
    ]
    if header:
        commands += [
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 1, GRID),
        ]
    for number, row in enumerate(rows, first):
        if row is not None and row.status == "excused":
            commands += [
                ("BACKGROUND", (4, number), (4, number), EXCUSED_SHADE),
                ("VALIGN", (4, number), (4, number), "MIDDLE"),
            ]
    kind = LongTable if header else Table
    table = kind(data, colWidths=WIDTHS, rowHeights=heights, repeatRows=first, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


class SheetEnd(Flowable):
    """The table's last rows and the chair's box, on one page.

    Where they do not fit, they go to the next page below the table's header: no page
    holds the chair's box alone, nor rows without the header.
    """

    def __init__(self, parts: list[Flowable], headed: Callable[[], list[Flowable]] | None) -> None:
        super().__init__()
        self.parts = parts
        self.headed = headed  # the parts again, the header on top; None once moved
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = [part.wrap(availWidth, availHeight) for part in self.parts]
        self.width, self.height = availWidth, sum(height for _, height in self._sizes)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.headed is None:  # taller than a page (it cannot be): laid out as it comes
            return list(self.parts)
        return [PageBreak(), SheetEnd(self.headed(), None)]

    def draw(self) -> None:
        y = self.height
        for part, (width, height) in zip(self.parts, self._sizes, strict=True):
            y -= height
            x = self.width - width if getattr(part, "hAlign", "") == "RIGHT" else 0
            part.drawOn(self.canv, x, y)


def sheet_table(
    rows: Sequence[Row], chair: PrintedPerson | None, styles: SheetStyles, proxies: bool = False
) -> list[Flowable]:
    """The table, its last rows kept on one page with the counts box and the chair's box
    (``proxies``: the counts box has a line for the pouvoirs)."""
    body, tail = list(rows[:-TAIL_ROWS]), list(rows[-TAIL_ROWS:])
    if len(rows) <= TAIL_ROWS:
        body, tail = [], list(rows)

    def end(header: bool) -> list[Flowable]:
        table = [sign_in_table(tail, styles, header)] if tail or header else []
        counts = counts_box(styles, proxies)
        return [
            *table,
            Spacer(1, 0.7 * cm),
            counts,
            Spacer(1, 0.4 * cm),
            chair_signature(chair, styles),
        ]

    if not body:
        return [SheetEnd(end(True), None)]
    return [sign_in_table(body, styles), SheetEnd(end(False), lambda: end(True))]


def counts_box(styles: SheetStyles, proxies: bool) -> Flowable:
    """The boxes the chair fills in at the end of the meeting: présents, pouvoirs."""
    labels = ["Nombre de présents"] + (["Nombre de pouvoirs"] if proxies else [])
    rows = [[Paragraph(markup(f"{label} :"), styles["chair_label"]), ""] for label in labels]
    label_width = 0.6 * CHAIR_BOX_WIDTH
    table = Table(
        rows,
        colWidths=[label_width, CHAIR_BOX_WIDTH - label_width],
        rowHeights=[COUNTS_BOX_HEIGHT] * len(rows),
        hAlign="RIGHT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
                ("BOX", (1, 0), (1, -1), 0.9, GRID),
                ("INNERGRID", (1, 0), (1, -1), 0.5, GRID),
            ]
        )
    )
    return table


def chair_signature(chair: PrintedPerson | None, styles: SheetStyles) -> Flowable:
    """ "Signature du président de séance :", the chair's name and a box, on the right."""
    label = f"Signature du président de séance{NBSP}:"
    if chair is not None:
        label = f"Signature {'de la présidente' if is_feminine([chair]) else 'du président'} "
        label += f"de séance{NBSP}:"
    cells: list[Flowable] = [Paragraph(markup(label), styles["chair_label"])]
    if chair is not None:
        cells.append(
            fitted([(chair.name_and_function, "{}")], styles["chair_name"], CHAIR_BOX_WIDTH)
        )
    rows: list[list[_Cell]] = [[cells], [""]]
    table = Table(
        rows, colWidths=[CHAIR_BOX_WIDTH], rowHeights=[None, CHAIR_BOX_HEIGHT], hAlign="RIGHT"
    )
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
                ("BOTTOMPADDING", (0, 0), (0, 0), 4),
                ("BOX", (0, 1), (0, 1), 0.9, GRID),
            ]
        )
    )
    return table


def sign_in_sheet_info(snapshot: MeetingSnapshot) -> DocumentInfo:
    title = meeting_title(snapshot)
    day = long_date(snapshot.date)
    return DocumentInfo(
        title=f"Feuille d'émargement – {title} du {day}",
        author=snapshot.letterhead.author,
        subject=f"Feuille d'émargement de la séance du {day}",
        first_footer=clean(snapshot.letterhead.website),
    )


def sign_in_sheet_story(snapshot: MeetingSnapshot, blank_rows: int = DEFAULT_BLANK_ROWS) -> Story:
    letterhead = snapshot.letterhead
    styles = make_styles(document_fonts(letterhead.font_path, letterhead.font_bold_path))
    sheet = _sheet_styles(styles)
    story = Story([], sign_in_sheet_info(snapshot), styles.fonts)
    flow = story.flowables
    flow += letterhead_flowables(letterhead, snapshot.contact, styles)
    flow += heading_block(snapshot, styles, "FEUILLE D'ÉMARGEMENT", meeting_title(snapshot).upper())
    flow.append(Paragraph(markup(INSTRUCTIONS), sheet["intro"]))
    rows: list[Row] = [*sheet_attendance(snapshot), *[None] * max(0, blank_rows)]
    proxies = snapshot.settings.votes or any(a.representation == "proxy" for a in rows if a)
    flow += sheet_table(rows, snapshot.chair, sheet, proxies)
    return story


def write_sign_in_sheet(
    snapshot: MeetingSnapshot, path: Path | str, blank_rows: int = DEFAULT_BLANK_ROWS
) -> Path:
    """Write the sign-in sheet's PDF at ``path`` (atomically); returns the path."""
    return write_pdf(sign_in_sheet_story(snapshot, blank_rows), path)
