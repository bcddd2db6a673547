"""The minutes (compte-rendu) of a meeting, in the préfecture's format.

Letterhead, place and date; title, day, time and room; participants (présidence, a table
organisation → person, excused, represented, absent); ordre du jour; the opening text;
one section per item that has something to print; the closing text and the signature;
then the annexes, each from a new page.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)

from clu_desktop.documents import text_blocks
from clu_desktop.documents.fonts import document_fonts
from clu_desktop.documents.page import (
    FRAME_WIDTH,
    DocumentInfo,
    letterhead_flowables,
    place_date,
    signature_block,
)
from clu_desktop.documents.snapshot import (
    ActionSnapshot,
    AnnexSnapshot,
    Attendance,
    ItemSnapshot,
    MeetingSnapshot,
    PrintedPerson,
)
from clu_desktop.documents.styles import (
    CELL_LEADING,
    CELL_SIZE,
    ROOM_AFTER_HEADING,
    ROOM_AFTER_SECTION,
    RULE,
    Styles,
    make_styles,
)
from clu_desktop.documents.typography import (
    NBSP,
    clean,
    long_date,
    markup,
    minutes_date,
    month_year,
    time_text,
    weekday_date,
    when_and_where,
)
from clu_desktop.documents.writer import AttachedPdf, Story, read_attachment, write_pdf

INDICATOR_ANNEX_MODULE = "clu_desktop.documents.indicator_annex"
CELL_PADDING = 4
#: A row may be cut across pages only when both parts are at least this tall.
MIN_ROW_PART = 3 * CELL_LEADING + 2 * CELL_PADDING


# Shared with the convocation


def meeting_title(snapshot: MeetingSnapshot) -> str:
    return clean(snapshot.title) or clean(snapshot.committee_name)


def heading_block(
    snapshot: MeetingSnapshot, styles: Styles, title: str, subtitle: str | None = None
) -> list[Flowable]:
    """The centred title, then "Mercredi 20 décembre 2023", then time and room."""
    story: list[Flowable] = [Paragraph(markup(title), styles.title)]
    if clean(subtitle):
        story.append(Paragraph(markup(subtitle), styles.subtitle))
    story.append(Paragraph(markup(weekday_date(snapshot.date)), styles.meeting_date))
    where = when_and_where(snapshot.start_time, snapshot.end_time, snapshot.place)
    if where:
        story.append(Paragraph(markup(where), styles.meeting_date))
    return story


def is_feminine(people: Sequence[PrintedPerson]) -> bool:
    civilities = [(p.civility or "").strip().lower() for p in people]
    return bool(civilities) and all(c.startswith(("mme", "mlle")) for c in civilities)


def agreed(forms: tuple[str, str, str, str], people: Sequence[PrintedPerson]) -> str:
    """The label agreed in number and gender: (masc., fem., masc. pl., fem. pl.)."""
    return forms[(2 if len(people) > 1 else 0) + (1 if is_feminine(people) else 0)]


def people_table(rows: Sequence[tuple[str, str]], styles: Styles) -> list[Flowable]:
    """Organisation on the left, person on the right, one row each.

    When the organisation wraps, the person starts on its last line: the row then reads
    in the same order on paper and in a text extraction ("pdftotext -layout").
    """
    if not rows:
        return []
    left_width = round(FRAME_WIDTH * 0.47)
    right_width = FRAME_WIDTH - left_width
    data = []
    for organisation, person in rows:
        left = Paragraph(markup(organisation), styles.cell)
        right = Paragraph(markup(person), styles.cell)
        left.wrap(left_width - 2 * CELL_PADDING, 1e9)
        lines = len(left.blPara.lines)
        if 1 < lines <= 8:
            data.append([left, [Spacer(1, (lines - 1) * CELL_LEADING), right]])
        else:
            data.append([left, right])
    table = LongTable(
        data, colWidths=[left_width, right_width], splitInRow=MIN_ROW_PART, hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.fonts.regular, CELL_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ]
        )
    )
    return [table]


def _timing(attendance: Attendance) -> str:
    feminine = is_feminine([attendance.person])
    parts = []
    if attendance.arrived_at:
        parts.append(
            f"arrivée à {time_text(attendance.arrived_at)}"
            if feminine
            else f"arrivé à {time_text(attendance.arrived_at)}"
        )
    if attendance.left_at:
        parts.append(
            f"partie à {time_text(attendance.left_at)}"
            if feminine
            else f"parti à {time_text(attendance.left_at)}"
        )
    return f" ({', '.join(parts)})" if parts else ""


# Participants


EXCUSED = ("Absent excusé", "Absente excusée", "Absents excusés", "Absentes excusées")
REPRESENTED = ("Représenté", "Représentée", "Représentés", "Représentées")
ABSENT = ("Absent", "Absente", "Absents", "Absentes")


def _group(label_forms, attendances: Sequence[Attendance], line, styles: Styles):
    if not attendances:
        return []
    label = agreed(label_forms, [a.person for a in attendances])
    story: list[Flowable] = [Paragraph(markup(label), styles.label)]
    story += [Paragraph(markup(line(a)), styles.body) for a in attendances]
    return story


def _represented_line(attendance: Attendance) -> str:
    text = attendance.person.name_and_function
    if not clean(attendance.represented_by):
        return text
    verb = "représentée" if is_feminine([attendance.person]) else "représenté"
    return f"{text}, {verb} par {attendance.represented_by}"


def participants(snapshot: MeetingSnapshot, styles: Styles) -> list[Flowable]:
    present = snapshot.attending("present")
    excused = snapshot.attending("excused")
    represented = snapshot.attending("represented")
    absent = snapshot.attending("absent")
    if not (snapshot.chair or present or excused or represented or absent):
        return []
    story: list[Flowable] = [
        CondPageBreak(ROOM_AFTER_SECTION),
        Paragraph("Participants", styles.section),
    ]
    if snapshot.chair is not None:
        story.append(
            Paragraph(
                f"<b>Présidence{NBSP}:</b> {markup(snapshot.chair.name_and_function)}",
                styles.body.clone("chair", spaceAfter=10),
            )
        )
    rows = [(a.person.organisation or "", a.person.name_and_function + _timing(a)) for a in present]
    story += people_table(rows, styles)
    story += _group(EXCUSED, excused, lambda a: a.person.name_and_function, styles)
    story += _group(REPRESENTED, represented, _represented_line, styles)
    story += _group(ABSENT, absent, lambda a: a.person.name_and_function, styles)
    return story


# Items


def action_line(action: ActionSnapshot) -> str:
    """ "mai 2023 : installation du PAN…", "à venir : …", "… (échéance : 31 mars 2025)"."""
    text = clean(action.text)
    if action.status == "abandoned":
        text += " (abandonnée)"
    if clean(action.when_label):
        return f"{clean(action.when_label)} : {text}"
    if action.done_date:
        return f"{month_year(action.done_date)} : {text}"
    if action.due_date:
        return f"{text} (échéance : {long_date(action.due_date)})"
    return text


def _item_body(item: ItemSnapshot, styles: Styles, level: int) -> list[Flowable]:
    story = text_blocks.flowables(item.minutes_text, styles, base_level=level)
    story += [text_blocks.bullet(markup(action_line(a)), styles, level + 1) for a in item.actions]
    for statement in item.statements:
        # An answer given later belongs to the next meeting's follow-up, not to these
        # minutes: they stay as they were signed.
        story += text_blocks.flowables(statement.text, styles, base_level=level)
    for child in item.children:
        if child.has_content:
            heading = Paragraph(
                markup(_with_colon(child.section_title)),
                styles.sub_heading if level == 0 else styles.bullets[min(level + 1, 3)],
                bulletText=text_blocks.BULLETS[1],
            )
            story += [CondPageBreak(ROOM_AFTER_HEADING), heading]
            story += _item_body(child, styles, level + 1)
    return story


def _with_colon(title: str) -> str:
    title = clean(title)
    return title if title.endswith(":") else f"{title} :"


def item_section(item: ItemSnapshot, styles: Styles) -> list[Flowable]:
    heading = Paragraph(
        markup(_with_colon(item.section_title)), styles.item_heading, bulletText="•"
    )
    return [CondPageBreak(ROOM_AFTER_HEADING), heading, *_item_body(item, styles, 0)]


# Annexes


def _indicator_annex(annex: AnnexSnapshot, styles: Styles) -> list[Flowable]:
    if importlib.util.find_spec(INDICATOR_ANNEX_MODULE) is not None:
        module = importlib.import_module(INDICATOR_ANNEX_MODULE)
        return list(
            module.indicator_annex_flowables(
                annex, styles.fonts.regular, styles.fonts.bold, FRAME_WIDTH
            )
        )
    # Until the indicator annex module exists: the indicators' names only.
    return [Paragraph(markup(i.name), styles.body) for i in annex.indicators]


def annex_pages(
    annexes: Sequence[AnnexSnapshot],
    attachments: dict[int, AttachedPdf],
    story: Story,
    styles: Styles,
) -> list[Flowable]:
    flowables: list[Flowable] = []
    for annex in annexes:
        title = f"Annexe {annex.number} – {clean(annex.title)}".rstrip(" –")
        flowables += [PageBreak(), Paragraph(markup(title), styles.annex_title)]
        if annex.kind == "indicators":
            flowables += _indicator_annex(annex, styles)
        elif annex.kind == "pdf":
            attached = attachments[annex.number]
            pages = "1 page" if attached.pages == 1 else f"{attached.pages} pages"
            note = f"Document joint : « {attached.file_name} » ({pages}), à la suite."
            flowables += [Paragraph(markup(note), styles.note), story.mark(attached)]
        else:
            flowables += text_blocks.flowables(annex.text, styles)
    return flowables


# The document


def minutes_info(snapshot: MeetingSnapshot) -> DocumentInfo:
    title = meeting_title(snapshot)
    day = long_date(snapshot.date)
    return DocumentInfo(
        title=f"Compte-rendu – {title} du {day}",
        author=snapshot.letterhead.author,
        subject=f"Compte-rendu de la séance du {day} ({clean(snapshot.committee_name)})",
        first_footer=clean(snapshot.letterhead.website),
    )


def minutes_story(snapshot: MeetingSnapshot) -> Story:
    """Everything the minutes print; PDF annexes are checked first (French UserError)."""
    attachments = {a.number: read_attachment(a) for a in snapshot.annexes if a.kind == "pdf"}
    letterhead = snapshot.letterhead
    styles = make_styles(document_fonts(letterhead.font_path, letterhead.font_bold_path))
    story = Story([], minutes_info(snapshot), styles.fonts)
    flow = story.flowables
    flow += letterhead_flowables(letterhead, snapshot.contact, styles)
    if snapshot.minutes_date:
        date_text = minutes_date(snapshot.minutes_date, snapshot.minutes_date_style)
        flow += place_date(snapshot.minutes_place or letterhead.town, date_text, styles)
    flow += heading_block(snapshot, styles, f"COMPTE-RENDU DU {meeting_title(snapshot).upper()}")
    flow += participants(snapshot, styles)
    if snapshot.items:
        agenda = [text_blocks.bullet(markup(item.title), styles) for item in snapshot.items]
        heading = Paragraph("Ordre du jour", styles.section)
        if len(agenda) <= 15:  # a short list stays on one page
            flow.append(KeepTogether([heading, *agenda]))
        else:
            flow += [CondPageBreak(ROOM_AFTER_SECTION), heading, *agenda]
    opening = text_blocks.flowables(snapshot.opening_text, styles)
    if opening:
        flow += [Spacer(1, 10), *opening]
    for item in snapshot.items:
        if item.has_content:
            flow += item_section(item, styles)
    ending = text_blocks.flowables(snapshot.closing_text, styles)
    signature = signature_block(
        snapshot.delegation_formula, snapshot.signatory_title, snapshot.signatory_name, styles
    )
    if ending or signature:
        # The last paragraph stays with the signature, on one page.
        flow += [Spacer(1, 8), *ending[:-1], KeepTogether([*ending[-1:], *signature])]
    flow += annex_pages(snapshot.annexes, attachments, story, styles)
    return story


def write_minutes(snapshot: MeetingSnapshot, path: Path | str) -> Path:
    """Write the minutes' PDF at ``path`` (atomically); returns the path."""
    return write_pdf(minutes_story(snapshot), path)
