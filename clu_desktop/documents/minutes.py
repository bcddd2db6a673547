"""The minutes (compte-rendu) of a meeting, in the préfecture's format.

Letterhead, place and date; title, day, time and room; participants (présidence,
secretaries, the present in a table organisation → person, excused, represented, absent,
then the counts and the quorum: :mod:`participants`); the numbered ordre du jour; the
opening text; one section per item that has something to print (:mod:`items`); the
closing text and the signature, then « Affiché / publié le … » when set; then the
annexes, each from a new page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from clu_desktop.documents import text_blocks
from clu_desktop.documents.fonts import document_fonts
from clu_desktop.documents.indicator_annex import indicator_annex_flowables
from clu_desktop.documents.items import agenda_list, item_section
from clu_desktop.documents.letterhead import (
    FRAME_WIDTH,
    DocumentInfo,
    letterhead_flowables,
    place_date,
    signature_block,
)
from clu_desktop.documents.participants import participants
from clu_desktop.documents.snapshot import AnnexSnapshot, MeetingSnapshot
from clu_desktop.documents.styles import ROOM_AFTER_SECTION, Styles, make_styles
from clu_desktop.documents.typography import markup
from clu_desktop.documents.writer import AttachedPdf, Story, read_attachment, write_pdf
from clu_desktop.french.dates import long_date, minutes_date, weekday_date, when_and_where
from clu_desktop.french.typography import clean

# Shared with the convocation


def meeting_title(snapshot: MeetingSnapshot) -> str:
    return clean(snapshot.title) or clean(snapshot.committee_name)


# The nouns a meeting's title starts with that do not take « du »: « Compte-rendu de la
# réunion plénière », « … de l'assemblée générale ». Any other title takes « du ».
_FEMININE = {"réunion", "commission", "séance", "conférence", "session", "cellule"}
_ELIDED = {"assemblée", "audition", "observatoire", "atelier", "office", "instance"}


def minutes_heading(title: str) -> str:
    """ "COMPTE-RENDU DU CONSEIL MUNICIPAL", "… DE LA RÉUNION PLÉNIÈRE", "… DE L'ASSEMBLÉE"."""
    first = title.split(" ", 1)[0].casefold()
    article = "DE L’" if first in _ELIDED else "DE LA " if first in _FEMININE else "DU "
    return f"COMPTE-RENDU {article}{title.upper()}"


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


# Annexes


def _indicator_annex(annex: AnnexSnapshot, styles: Styles) -> list[Flowable]:
    return list(
        indicator_annex_flowables(annex, styles.fonts.regular, styles.fonts.bold, FRAME_WIDTH)
    )


def annex_title(annex: AnnexSnapshot) -> str:
    """ "Annexe 2 – Indicateurs", or "Annexe 2" without a title."""
    return f"Annexe {annex.number} – {clean(annex.title)}".rstrip(" –")


def annex_pages(
    annexes: Sequence[AnnexSnapshot],
    attachments: dict[int, AttachedPdf],
    story: Story,
    styles: Styles,
) -> list[Flowable]:
    flowables: list[Flowable] = []
    for annex in annexes:
        title = annex_title(annex)
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


def publication_line(date: dt.date) -> str:
    return f"Affiché / publié le {long_date(date)}"


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
    flow += heading_block(snapshot, styles, minutes_heading(meeting_title(snapshot)))
    flow += participants(snapshot, styles)
    if snapshot.items:
        agenda = agenda_list(snapshot.items, styles)
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
            flow += item_section(item, styles, snapshot.settings.presenter_style)
    ending = text_blocks.flowables(snapshot.closing_text, styles)
    signature = signature_block(
        snapshot.delegation_formula, snapshot.signatory_title, snapshot.signatory_name, styles
    )
    if snapshot.publication_date is not None:
        published = publication_line(snapshot.publication_date)
        signature.append(
            Paragraph(markup(published), styles.note.clone("published", spaceBefore=14))
        )
    if ending or signature:
        # The last paragraph stays with the signature, on one page.
        flow += [Spacer(1, 8), *ending[:-1], KeepTogether([*ending[-1:], *signature])]
    flow += annex_pages(snapshot.annexes, attachments, story, styles)
    return story


def write_minutes(snapshot: MeetingSnapshot, path: Path | str) -> Path:
    """Write the minutes' PDF at ``path`` (atomically); returns the path."""
    return write_pdf(minutes_story(snapshot), path)
