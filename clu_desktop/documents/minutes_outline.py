"""The minutes as a plain outline, for a word processor: headings, paragraphs, bullets
and tables, in the order and with the words of the PDF (:mod:`minutes`).

The PDF lays its text out with reportlab; the editable copy (:mod:`word_processing`) only
needs what is written and what each piece is: a heading of a level, a paragraph, a list,
a table with its header row. Every sentence comes from the same functions as the PDF's,
so the two never say different things. What the outline leaves to the PDF: the logo, the
indicator annexes' tables and charts and the attached PDF annexes (a note says so).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from clu_desktop.documents import text_blocks
from clu_desktop.documents.items import (
    action_line,
    presenter_line,
    printed_number,
    vote_lines,
    with_colon,
)
from clu_desktop.documents.letterhead import contact_lines
from clu_desktop.documents.minutes import (
    annex_title,
    meeting_title,
    minutes_heading,
    publication_line,
)
from clu_desktop.documents.participants import (
    ABSENT,
    EXCUSED,
    PRESENT,
    REPRESENTED,
    agreed,
    counts_lines,
    has_organisations,
    present_rows,
    represented_line,
    secretaries_line,
    two_columns,
    with_organisation,
)
from clu_desktop.documents.snapshot import (
    AnnexSnapshot,
    Attendance,
    DecisionSnapshot,
    ItemSnapshot,
    MeetingSnapshot,
)
from clu_desktop.french.dates import minutes_date, weekday_date, when_and_where
from clu_desktop.french.typography import clean, french
from clu_desktop.rules import record as rules

#: The participants table's header row (the PDF's table has none: its columns speak
#: for themselves on paper; a word processor's table is easier to rework with one).
PARTICIPANTS_HEADER = ("Organisme", "Participant")


@dataclass(frozen=True)
class Heading:
    level: int  # 1: the title; 2: a section, an item, an annex; 3 and 4: sub-items
    text: str


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[str, ...]  # one paragraph; a line break between its lines
    #: body, letterhead, right (place and date, signature), centred (under the title),
    #: label (a group of participants), strong (a vote's result), note
    style: str = "body"
    indent: int = 0  # a sub-item's text is indented as in the PDF


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[int, str], ...]  # (level from 1, text)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...] | None
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | PageBreak


def plain(text: str | None) -> str:
    """One line of user text with the PDF's French spacing (non-breaking spaces)."""
    return french(clean(text))


def _paragraph(text: str, style: str = "body", indent: int = 0) -> Paragraph:
    return Paragraph((plain(text),), style, indent)


# Free text (the editor's paragraphs and bullets)


def text(value: str | None, base_level: int = 0) -> list[Block]:
    """The editor's text: its paragraphs, and its bullets as lists."""
    blocks: list[Block] = []
    for block in text_blocks.parse(value):
        if block.kind == "bullet":
            entry = (block.level + base_level, plain(block.lines[0]))
            if blocks and isinstance(blocks[-1], Bullets):
                blocks[-1] = Bullets((*blocks[-1].items, entry))
            else:
                blocks.append(Bullets((entry,)))
        else:
            lines = tuple(plain(line) for line in block.lines)
            blocks.append(Paragraph(lines, "body", base_level))
    return blocks


# The parts, in the PDF's order


def _letterhead(snapshot: MeetingSnapshot) -> list[Block]:
    letterhead = snapshot.letterhead
    lines = [line.upper() for line in letterhead.authority_lines]
    lines += [*letterhead.motto_lines, *letterhead.service_block_lines]
    if clean(letterhead.service_name):
        lines.append((letterhead.service_name or "").upper())
    blocks: list[Block] = []
    if lines:
        blocks.append(Paragraph(tuple(plain(line) for line in lines), "letterhead"))
    contact = contact_lines(letterhead, snapshot.contact)
    if contact:
        blocks.append(Paragraph(tuple(plain(line) for line in contact), "letterhead"))
    if snapshot.minutes_date:
        date_text = minutes_date(snapshot.minutes_date, snapshot.minutes_date_style)
        place = clean(snapshot.minutes_place or letterhead.town)
        line = f"{place}, le {date_text}" if place else f"Le {date_text}"
        blocks.append(_paragraph(line, "right"))
    return blocks


def _title(snapshot: MeetingSnapshot) -> list[Block]:
    blocks: list[Block] = [Heading(1, plain(minutes_heading(meeting_title(snapshot))))]
    blocks.append(_paragraph(weekday_date(snapshot.date), "centred"))
    where = when_and_where(snapshot.start_time, snapshot.end_time, snapshot.place)
    if where:
        blocks.append(_paragraph(where, "centred"))
    return blocks


def _group(
    forms: tuple[str, str, str, str],
    attendances: Sequence[Attendance],
    line: Callable[[Attendance], str],
) -> list[Block]:
    if not attendances:
        return []
    label = agreed(forms, [a.person for a in attendances])
    lines = tuple(plain(line(a)) for a in attendances)
    return [_paragraph(label, "label"), Paragraph(lines)]


def participants_table(snapshot: MeetingSnapshot) -> Table | None:
    """The present as the PDF's table: organisation → person, or the names on two
    columns when nobody has an organisation."""
    rows = present_rows(snapshot)
    if not rows:
        return None
    if not has_organisations(rows):
        return Table(None, tuple((plain(a), plain(b)) for a, b in two_columns(rows)))
    return Table(PARTICIPANTS_HEADER, tuple((plain(a), plain(b)) for a, b in rows))


def _participants(snapshot: MeetingSnapshot) -> list[Block]:
    record = counts_lines(snapshot)
    secretaries = secretaries_line(snapshot.secretaries)
    if not (snapshot.chair or snapshot.attendance or record or secretaries):
        return []
    blocks: list[Block] = [Heading(2, "Participants")]
    if snapshot.chair is not None:
        blocks.append(_paragraph(f"Présidence : {snapshot.chair.name_and_function}"))
    if secretaries:
        blocks.append(_paragraph(secretaries))
    table = participants_table(snapshot)
    if table is not None:
        present = snapshot.in_group(rules.PRESENT)
        blocks += [_paragraph(agreed(PRESENT, [a.person for a in present]), "label"), table]
    blocks += _group(
        EXCUSED, snapshot.in_group(rules.EXCUSED), lambda a: with_organisation(a.person)
    )
    blocks += _group(REPRESENTED, snapshot.in_group(rules.REPRESENTED), represented_line)
    blocks += _group(ABSENT, snapshot.in_group(rules.ABSENT), lambda a: with_organisation(a.person))
    if record:
        blocks.append(Paragraph(tuple(plain(line) for line in record)))
    return blocks


def _decision(decision: DecisionSnapshot | None, level: int) -> list[Block]:
    if not decision:
        return []
    result = [_paragraph(line, "strong", level) for line in vote_lines(decision)]
    return [*text(decision.text, level), *result]


def _presenter(item: ItemSnapshot, presenter_style: str, indent: int) -> list[Block]:
    line = presenter_line(item.presenter, presenter_style)
    return [_paragraph(line, "note", indent)] if line else []


def _item_body(item: ItemSnapshot, level: int, presenter_style: str) -> list[Block]:
    blocks = text(item.minutes_text, level)
    if item.actions:
        blocks.append(Bullets(tuple((level + 1, plain(action_line(a))) for a in item.actions)))
    for statement in item.statements:
        blocks += text(statement.text, level)
    for child in item.children:
        if child.has_content:
            blocks.append(Heading(min(level + 3, 4), _numbered(child.number, child.section_title)))
            blocks += _presenter(child, presenter_style, level + 1)
            blocks += _item_body(child, level + 1, presenter_style)
    return blocks + _decision(item.decision, level)


def _is_numbered(number: str) -> bool:
    """ "1", "2.1", "II": a number; "•", "–": a bullet (the committee numbers none)."""
    return bool(number) and number[-1].isalnum()


def _numbered(number: str, title: str) -> str:
    """An item's heading: "2.1. Titre :", or "Titre :" for an item numbered by a bullet
    (a heading style marks it well enough)."""
    heading = with_colon(title)
    return plain(f"{printed_number(number)} {heading}" if _is_numbered(number) else heading)


def _agenda(items: Sequence[ItemSnapshot]) -> Block:
    """The numbered titles, one a line; a list when the committee numbers by bullets."""
    if all(_is_numbered(item.number) for item in items):
        lines = [f"{printed_number(item.number)} {item.title}" for item in items]
        return Paragraph(tuple(plain(line) for line in lines), "body", 1)
    return Bullets(tuple((1, plain(item.title)) for item in items))


def _items(snapshot: MeetingSnapshot) -> list[Block]:
    blocks: list[Block] = []
    if snapshot.items:
        blocks += [Heading(2, "Ordre du jour"), _agenda(snapshot.items)]
    blocks += text(snapshot.opening_text)
    presenter_style = snapshot.settings.presenter_style
    for item in snapshot.items:
        if item.has_content:
            blocks.append(Heading(2, _numbered(item.number, item.section_title)))
            blocks += _presenter(item, presenter_style, 0)
            blocks += _item_body(item, 0, presenter_style)
    return blocks


def _closing(snapshot: MeetingSnapshot) -> list[Block]:
    blocks = text(snapshot.closing_text)
    signature = [
        plain(line)
        for line in (snapshot.delegation_formula, snapshot.signatory_title)
        if clean(line)
    ]
    if clean(snapshot.signatory_name):
        signature += ["", "", plain(snapshot.signatory_name)]  # room to sign
    if signature:
        blocks.append(Paragraph(tuple(signature), "right"))
    if snapshot.publication_date is not None:
        blocks.append(_paragraph(publication_line(snapshot.publication_date), "note"))
    return blocks


def _annex(annex: AnnexSnapshot) -> list[Block]:
    blocks: list[Block] = [PageBreak(), Heading(2, plain(annex_title(annex)))]
    if annex.kind == "indicators":
        note = "Les tableaux et graphiques de cette annexe figurent dans le PDF du compte-rendu."
        return [*blocks, _paragraph(note, "note")]
    if annex.kind == "pdf":
        note = f"Document joint : « {clean(annex.file_name)} », à la suite du PDF du compte-rendu."
        return [*blocks, _paragraph(note, "note")]
    return blocks + text(annex.text)


def minutes_outline(snapshot: MeetingSnapshot) -> list[Block]:
    """Everything the minutes say, in the PDF's order."""
    blocks = _letterhead(snapshot) + _title(snapshot) + _participants(snapshot)
    blocks += _items(snapshot) + _closing(snapshot)
    for annex in snapshot.annexes:
        blocks += _annex(annex)
    return blocks
