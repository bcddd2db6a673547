"""The page: A4 templates, the first page's letterhead, the footer "page x / y", and the
letter's place-and-date line and signature block.

The letterhead is a column of flowables at the top left of the first page (logo,
authority, motto, service block, "affaire suivie par"); the place and date come below it
on the right, never beside it, so a text extraction reads them in the printed order.
Later pages have no letterhead; every page has the footer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    PageTemplate,
    Paragraph,
    Spacer,
)

from clu_desktop.documents.fonts import FontSet
from clu_desktop.documents.snapshot import Contact, Letterhead
from clu_desktop.documents.styles import MUTED, Styles
from clu_desktop.documents.typography import markup, unbreakable
from clu_desktop.french.typography import clean

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = RIGHT = 2.0 * cm
TOP_FIRST = 1.2 * cm
TOP = 1.8 * cm
BOTTOM = 2.0 * cm
FRAME_WIDTH = PAGE_WIDTH - LEFT - RIGHT
FOOTER_Y = 1.1 * cm
LOGO_HEIGHT = 2.2 * cm
LOGO_MAX_WIDTH = 5 * cm


@dataclass(frozen=True)
class DocumentInfo:
    """The PDF's metadata, and the first page's footer note (the website)."""

    title: str
    author: str
    subject: str
    first_footer: str = ""
    creator: str = "CLU Desktop"


def document_template(
    target: str | IO[bytes], info: DocumentInfo, fonts: FontSet
) -> BaseDocTemplate:
    """A4 document: a "first" page template, then "later" ones, with the metadata."""
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=info.title,
        author=info.author,
        subject=info.subject,
        creator=info.creator,
        lang="fr-FR",
        initialFontName=fonts.regular,  # no stray Helvetica in the file
        initialFontSize=10,
    )
    no_padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first_frame = Frame(
        LEFT, BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - TOP_FIRST - BOTTOM, id="first", **no_padding
    )
    later_frame = Frame(
        LEFT, BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - TOP - BOTTOM, id="later", **no_padding
    )

    def first_page(canv: pdf_canvas.Canvas, _doc: BaseDocTemplate) -> None:
        note = clean(info.first_footer)
        if note:
            canv.saveState()
            canv.setFont(fonts.regular, 7.5)
            canv.setFillColor(MUTED)
            canv.drawString(LEFT, FOOTER_Y, note)
            canv.restoreState()

    doc.addPageTemplates(
        [
            PageTemplate("first", [first_frame], onPage=first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [later_frame]),
        ]
    )
    return doc


def numbered_canvas(
    fonts: FontSet, inserted: Callable[[], dict[int, int]]
) -> Callable[..., pdf_canvas.Canvas]:
    """A canvas class that writes "page x / y" on every page once the count is known.

    ``inserted()`` maps a page number to how many pages of an attached PDF go after it
    (known at the end of the build), so the numbers count them too.
    """

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._page_states.append(dict(self.__dict__))
            # reportlab's own reset after a page (private, absent from types-reportlab).
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            after = inserted()
            total = len(self._page_states) + sum(after.values())
            for page, state in enumerate(self._page_states, 1):
                self.__dict__.update(state)
                shown = page + sum(n for at, n in after.items() if at < page)
                self.saveState()
                self.setFont(fonts.regular, 8)
                self.setFillColor(MUTED)
                self.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, f"page {shown} / {total}")
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


def _logo(path: str | None) -> Flowable | None:
    """The logo scaled to the letterhead's height; a missing or broken file is skipped."""
    if not path:
        return None
    try:
        reader = ImageReader(path)
        width, height = reader.getSize()
    except Exception:  # missing, unreadable or not an image: the letterhead goes without
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    image = Image(path, width * scale, height * scale)
    image.hAlign = "LEFT"
    return image


def letterhead_flowables(
    letterhead: Letterhead, contact: Contact, styles: Styles
) -> list[Flowable]:
    """The first page's top-left column, from the logo down to the contact lines."""
    story: list[Flowable] = []
    logo = _logo(letterhead.logo_path)
    if logo is not None:
        story += [logo, Spacer(1, 4)]
    story += [
        Paragraph(markup(line.upper()), styles.authority) for line in letterhead.authority_lines
    ]
    motto_next = styles.motto.clone("motto_next", spaceBefore=0)
    story += [
        Paragraph(markup(line), styles.motto if n == 0 else motto_next)
        for n, line in enumerate(letterhead.motto_lines)
    ]
    block_next = styles.service_block.clone("service_block_next", spaceBefore=0)
    story += [
        Paragraph(markup(line), styles.service_block if n == 0 else block_next)
        for n, line in enumerate(letterhead.service_block_lines)
    ]
    if letterhead.service_name and clean(letterhead.service_name):
        story.append(Paragraph(markup(letterhead.service_name.upper()), styles.service_name))
    for n, line in enumerate(contact_lines(letterhead, contact)):
        style = styles.contact.clone("contact_first", spaceBefore=6) if n == 0 else styles.contact
        story.append(Paragraph(markup(line), style))
    return story


def contact_lines(letterhead: Letterhead, contact: Contact) -> list[str]:
    """ "Affaire suivie par : …", "Tél. : …" and the e-mail, those that are known."""
    lines = []
    if clean(contact.name):
        lines.append(f"Affaire suivie par : {clean(contact.name)}")
    phone = clean(contact.phone) or clean(letterhead.phone)
    if phone:
        lines.append("Tél. : " + phone.replace(" ", "\u00a0"))
    email = clean(contact.email) or clean(letterhead.email)
    if email:
        lines.append(email)
    return lines


def place_date(place: str | None, date_text: str | None, styles: Styles) -> list[Flowable]:
    """ "Chaumont, le 08 AVR. 2024" on the right; nothing without a date."""
    if not date_text:
        return []
    place_text = clean(place)
    text = (
        f"{markup(place_text)}, le {unbreakable(date_text)}"
        if place_text
        else (f"Le {unbreakable(date_text)}")
    )
    return [Paragraph(text, styles.place_date)]


SIGNATURE_WIDTH = 8.5 * cm


def signature_block(
    formula: str | None, title: str | None, name: str | None, styles: Styles
) -> list[Flowable]:
    """Delegation formula, title, room to sign, name, on the right.

    The caller keeps it together (``KeepTogether``) with what must stay beside it.
    """
    style = styles.signature.clone("signature_right", leftIndent=FRAME_WIDTH - SIGNATURE_WIDTH)
    block: list[Flowable] = [
        Paragraph(markup(text), style) for text in (formula, title) if clean(text)
    ]
    if clean(name):
        block += [Spacer(1, 2.2 * cm), Paragraph(markup(name), style)]
    if not block:
        return []
    return [Spacer(1, 0.8 * cm), *block]
