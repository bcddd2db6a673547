"""Paragraph styles of the documents, built for a font set (one instance per font set)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from clu_desktop.documents.fonts import FontSet

BODY_SIZE = 10
BODY_LEADING = 13.5
CELL_SIZE = 9
CELL_LEADING = 11.5
TEXT_COLOR = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#b8b8b8")
SHADE = colors.HexColor("#eef1f6")
BLUE = colors.HexColor("#000091")  # the French State's blue, for the headings

#: Bullet marks by level (1 to 3) and the indentation step of a level, in points.
BULLETS = {1: "–", 2: "◦", 3: "▪"}
INDENT = 16
#: Room a heading needs below it, else it starts on the next page (``CondPageBreak``):
#: a heading is never left alone at the bottom of a page, and a long block after it
#: still starts on the same page.
ROOM_AFTER_SECTION = 130
ROOM_AFTER_HEADING = 90


@dataclass(frozen=True)
class Styles:
    fonts: FontSet
    body: ParagraphStyle
    lead_in: ParagraphStyle  # a paragraph ending with ":" that introduces a list
    bullets: dict[int, ParagraphStyle]
    authority: ParagraphStyle
    motto: ParagraphStyle
    service_block: ParagraphStyle
    service_name: ParagraphStyle
    contact: ParagraphStyle
    place_date: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    meeting_date: ParagraphStyle
    section: ParagraphStyle
    item_heading: ParagraphStyle
    sub_heading: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_note: ParagraphStyle
    signature: ParagraphStyle
    annex_title: ParagraphStyle
    note: ParagraphStyle


def _style(name: str, font: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
    kw.setdefault("textColor", TEXT_COLOR)
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **kw)


@cache
def make_styles(fonts: FontSet) -> Styles:
    regular, bold, italic = fonts.regular, fonts.bold, fonts.italic
    body = _style(
        "body",
        regular,
        BODY_SIZE,
        BODY_LEADING,
        alignment=TA_JUSTIFY,
        spaceBefore=3,
        spaceAfter=3,
    )
    bullets = {
        level: _style(
            f"bullet{level}",
            regular,
            BODY_SIZE,
            BODY_LEADING,
            alignment=TA_LEFT,
            leftIndent=INDENT * level + 4,
            bulletIndent=INDENT * (level - 1) + 6,
            bulletFontName=regular,
            bulletFontSize=BODY_SIZE if level < 3 else 6,
            bulletOffsetY=0 if level < 3 else 1.5,
            spaceAfter=2,
        )
        for level in BULLETS
    }
    small = 8.5
    return Styles(
        fonts=fonts,
        body=body,
        lead_in=ParagraphStyle("lead_in", parent=body, alignment=TA_LEFT, keepWithNext=1),
        bullets=bullets,
        authority=_style("authority", bold, 11.5, 13.5, textColor=colors.black),
        motto=_style("motto", italic, 8, 9.6, spaceBefore=3, textColor=colors.black),
        service_block=_style("service_block", bold, small, 10.5, spaceBefore=14),
        service_name=_style("service_name", regular, small, 10.5, spaceBefore=2),
        contact=_style("contact", regular, 8, 10, textColor=MUTED),
        place_date=_style("place_date", regular, BODY_SIZE, 13, alignment=TA_RIGHT, spaceBefore=6),
        title=_style(
            "title",
            bold,
            13.5,
            17,
            alignment=TA_CENTER,
            spaceBefore=22,
            spaceAfter=8,
            textColor=BLUE,
        ),
        subtitle=_style("subtitle", bold, 11, 14, alignment=TA_CENTER, spaceAfter=4),
        meeting_date=_style("meeting_date", regular, 10.5, 14, alignment=TA_CENTER),
        section=_style(
            "section",
            bold,
            11,
            14,
            spaceBefore=16,
            spaceAfter=7,
            textColor=BLUE,
        ),
        item_heading=_style(
            "item_heading",
            bold,
            10.5,
            14,
            leftIndent=14,
            bulletIndent=0,
            bulletFontName=bold,
            spaceBefore=12,
            spaceAfter=6,
            textColor=BLUE,
        ),
        sub_heading=ParagraphStyle(
            "sub_heading",
            parent=bullets[1],
            fontName=fonts.bold_italic,
            spaceBefore=4,
            spaceAfter=3,
        ),
        label=_style(
            "label", bold, BODY_SIZE, BODY_LEADING, spaceBefore=8, spaceAfter=4, keepWithNext=1
        ),
        cell=_style("cell", regular, CELL_SIZE, CELL_LEADING),
        cell_bold=_style("cell_bold", bold, CELL_SIZE, CELL_LEADING),
        cell_note=_style("cell_note", italic, 8, 10, textColor=MUTED),
        signature=_style("signature", regular, BODY_SIZE, BODY_LEADING, alignment=TA_CENTER),
        annex_title=_style(
            "annex_title", bold, 13, 17, spaceAfter=12, keepWithNext=1, textColor=BLUE
        ),
        note=_style("note", italic, 9, 12, textColor=MUTED, spaceAfter=6),
    )
