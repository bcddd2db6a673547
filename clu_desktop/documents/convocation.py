"""The convocation: the letter sent before a meeting with its ordre du jour.

The minutes' letterhead, place and date of sending; "CONVOCATION", the committee, day,
time and room; the invitation; the ordre du jour numbered as in the minutes (1., 2.1.; or
I., II.1.), with presenters as the committee names them, durations and times when set; the
people invited; the signature.

The date of sending is the meeting's convocation date, so that a convocation printed
again later still bears the day it was sent. While none is set, the convocation is being
prepared: it is dated the day it is printed, as before (a letter without a date cannot be
sent); setting the convocation date fixes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    TableStyle,
)

from clu_desktop.documents.fonts import document_fonts
from clu_desktop.documents.items import presenter_line, printed_number
from clu_desktop.documents.letterhead import (
    FRAME_WIDTH,
    DocumentInfo,
    letterhead_flowables,
    place_date,
    signature_block,
)
from clu_desktop.documents.minutes import heading_block, meeting_title
from clu_desktop.documents.participants import CELL_PADDING, is_feminine, people_table
from clu_desktop.documents.snapshot import ItemSnapshot, MeetingSnapshot
from clu_desktop.documents.styles import ROOM_AFTER_SECTION, RULE, SHADE, Styles, make_styles
from clu_desktop.documents.typography import markup, unbreakable
from clu_desktop.documents.writer import Story, write_pdf
from clu_desktop.french.dates import long_date, time_text, weekday_date
from clu_desktop.french.typography import NBSP, clean


def schedule(
    start: dt.time | None, items: Sequence[ItemSnapshot]
) -> list[tuple[dt.time, dt.time] | None]:
    """Each item's planned slot, while the start and every duration before it are known."""
    slots: list[tuple[dt.time, dt.time] | None] = []
    current = dt.datetime.combine(dt.date(2000, 1, 1), start) if start else None
    for item in items:
        if current is None or not item.duration_minutes:
            slots.append(None)
            current = None
            continue
        end = current + dt.timedelta(minutes=item.duration_minutes)
        if end.date() != current.date():  # past midnight: no more times
            slots.append(None)
            current = None
            continue
        slots.append((current.time(), end.time()))
        current = end
    return slots


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes}{NBSP}min"
    return f"{hours}{NBSP}h" + (f"{NBSP}{rest:02d}" if rest else "")


def agenda_table(snapshot: MeetingSnapshot, styles: Styles) -> list[Flowable]:
    """Number, item (sub-items, presenter) and, when set, planned time and duration."""
    items = snapshot.items
    if not items:
        return []
    slots = schedule(snapshot.start_time, items)
    timed = any(slots) or any(item.duration_minutes for item in items)
    rows = []
    for item, slot in zip(items, slots, strict=True):
        cell: list[Flowable] = [Paragraph(markup(item.title), styles.cell_bold)]
        presenter = presenter_line(item.presenter, snapshot.settings.presenter_style)
        if presenter:
            cell.append(Paragraph(markup(presenter), styles.cell_note))
        for child in item.children:
            number = markup(printed_number(child.number))
            cell.append(Paragraph(f"{number}{NBSP}{markup(child.title)}", styles.cell))
            presenter = presenter_line(child.presenter, snapshot.settings.presenter_style)
            if presenter:
                cell.append(Paragraph(markup(presenter), styles.cell_note))
        row: list[Flowable | list[Flowable]] = [
            Paragraph(markup(printed_number(item.number)), styles.cell_bold),
            cell,
        ]
        if timed:
            when = []
            if slot:
                when.append(f"{time_text(slot[0])}-{time_text(slot[1])}")
            if item.duration_minutes:
                when.append(_duration(item.duration_minutes))
            row.append([Paragraph(markup(text), styles.cell) for text in when])
        rows.append(row)
    widest = max(stringWidth(printed_number(i.number), styles.fonts.bold, 9) for i in items)
    number_width = max(1.0 * 28.35, widest + 2 * CELL_PADDING + 2)
    time_width = 3.2 * 28.35 if timed else 0
    widths = [number_width, FRAME_WIDTH - number_width - time_width]
    if timed:
        widths.append(time_width)
    # An item taller than a page (a pasted text as its title) goes on over the next one.
    table = LongTable(rows, colWidths=widths, splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.fonts.regular, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ]
        )
    )
    return [table]


def invitation_text(snapshot: MeetingSnapshot) -> str:
    """ "J'ai l'honneur de vous convier à la réunion du …, qui se tiendra le …"."""
    committee = clean(snapshot.committee_name) or meeting_title(snapshot)
    if clean(snapshot.committee_acronym):
        committee += f" ({clean(snapshot.committee_acronym)})"
    when = f"le {weekday_date(snapshot.date)[:1].lower()}{weekday_date(snapshot.date)[1:]}"
    if snapshot.start_time and snapshot.end_time:
        when += f" de {time_text(snapshot.start_time)} à {time_text(snapshot.end_time)}"
    elif snapshot.start_time:
        when += f" à {time_text(snapshot.start_time)}"
    if clean(snapshot.place):
        when += f", {clean(snapshot.place)}"
    text = f"J'ai l'honneur de vous convier à la réunion du {committee}, qui se tiendra {when}."
    if snapshot.chair is not None:
        text += f" Elle sera présidée par {snapshot.chair.name_and_function}."
    return text


def _contact_text(snapshot: MeetingSnapshot) -> str:
    """The request to confirm, as markup (the contact's name and phone never broken)."""
    contact = snapshot.contact
    if not clean(contact.name):
        return ""
    means = ", ".join(
        unbreakable(part)
        for part in (
            clean(contact.phone) or clean(snapshot.letterhead.phone),
            clean(contact.email) or clean(snapshot.letterhead.email),
        )
        if part
    )
    text = (
        "Je vous remercie de bien vouloir confirmer votre présence, ou votre absence, "
        f"auprès de {unbreakable(contact.name)}"
    )
    return text + (f" ({means})." if means else ".")


def convocation_info(snapshot: MeetingSnapshot) -> DocumentInfo:
    title = meeting_title(snapshot)
    day = long_date(snapshot.date)
    return DocumentInfo(
        title=f"Convocation – {title} du {day}",
        author=snapshot.letterhead.author,
        subject=f"Convocation et ordre du jour de la séance du {day}",
        first_footer=clean(snapshot.letterhead.website),
    )


def sending_date(snapshot: MeetingSnapshot, issued_on: dt.date | None = None) -> dt.date | None:
    """The date the convocation bears: ``issued_on`` when the caller gives one, else the
    meeting's convocation date. None when neither is known: the convocation is then not
    dated, rather than dated of the day it happens to be printed (legal delays run from
    the real date, which the user sets on the Séance page)."""
    return issued_on or snapshot.convocation_date


def convocation_story(snapshot: MeetingSnapshot, issued_on: dt.date | None = None) -> Story:
    letterhead = snapshot.letterhead
    styles = make_styles(document_fonts(letterhead.font_path, letterhead.font_bold_path))
    story = Story([], convocation_info(snapshot), styles.fonts)
    flow = story.flowables
    flow += letterhead_flowables(letterhead, snapshot.contact, styles)
    sent = sending_date(snapshot, issued_on)
    if sent is not None:
        flow += place_date(letterhead.town, long_date(sent), styles)
    flow += heading_block(snapshot, styles, "CONVOCATION", meeting_title(snapshot).upper())
    invited = [a for a in snapshot.attendance if not a.is_chair]
    people = [a.person for a in invited]
    greeting = "Madame, Monsieur,"
    if people and is_feminine(people):
        greeting = "Madame," if len(people) == 1 else "Mesdames,"
    flow += [
        Paragraph(greeting, styles.body.clone("greeting", spaceBefore=18)),
        Paragraph(markup(invitation_text(snapshot)), styles.body),
    ]
    if snapshot.items:
        flow += [CondPageBreak(ROOM_AFTER_SECTION), Paragraph("Ordre du jour", styles.section)]
        flow += agenda_table(snapshot, styles)
    if invited:
        label = "Personne invitée" if len(invited) == 1 else "Personnes invitées"
        flow += [CondPageBreak(ROOM_AFTER_SECTION), Paragraph(label, styles.section)]
        flow += people_table([(p.organisation or "", p.name_and_function) for p in people], styles)
    closing = [Paragraph(text, styles.body) for text in (_contact_text(snapshot),) if text]
    signature = signature_block(
        snapshot.delegation_formula, snapshot.signatory_title, snapshot.signatory_name, styles
    )
    if closing or signature:
        flow += [Spacer(1, 10), KeepTogether([*closing, *signature])]
    return story


def write_convocation(
    snapshot: MeetingSnapshot, path: Path | str, issued_on: dt.date | None = None
) -> Path:
    """Write the convocation's PDF at ``path`` (atomically), dated ``issued_on``, else
    the meeting's convocation date, else undated (:func:`sending_date`)."""
    return write_pdf(convocation_story(snapshot, issued_on), path)
