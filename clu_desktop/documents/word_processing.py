"""The minutes as a word processor's file: ``.docx`` (Word) and ``.odt`` (LibreOffice).

Both are written from the plain outline (:mod:`minutes_outline`), so they say what the PDF
says, in its order. Headings take the word processor's own heading styles (« Titre 1 »,
« Titre 2 »… in a French Word or LibreOffice: the navigator and a table of contents find
them), the lists are real lists and the present a real table whose header row repeats on
each page: a colleague reworks the text, the styles follow.

Each file is written to a temporary file beside the target, then renamed.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from clu_desktop.documents.minutes import minutes_info
from clu_desktop.documents.minutes_outline import (
    Block,
    Bullets,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    minutes_outline,
)
from clu_desktop.documents.snapshot import MeetingSnapshot
from clu_desktop.files import write_atomically

#: The formats an editable copy is written in, by the file's extension.
FORMATS = (".odt", ".docx")


def write_minutes_document(snapshot: MeetingSnapshot, path: Path | str) -> Path:
    """Write the minutes at ``path`` as ``.odt`` or ``.docx`` (by its extension)."""
    target = Path(path)
    blocks = minutes_outline(snapshot)
    info = minutes_info(snapshot)
    if target.suffix.lower() == ".docx":
        data = docx_bytes(blocks, info.title, info.author, info.subject)
    else:
        data = odt_bytes(blocks, info.title, info.author, info.subject)
    write_atomically(target, data)
    return target


# Word


def docx_bytes(blocks: list[Block], title: str, author: str, subject: str) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    properties = document.core_properties
    properties.title, properties.author, properties.subject = title, author, subject
    properties.language = "fr-FR"
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, not Letter
    section.left_margin = section.right_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "fr-FR")
    normal.element.get_or_add_rPr().append(language)
    alignments = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "centred": WD_ALIGN_PARAGRAPH.CENTER}
    bullet_styles = {1: "List Bullet", 2: "List Bullet 2", 3: "List Bullet 3"}
    page_break_next = False
    for block in blocks:
        if isinstance(block, PageBreak):
            page_break_next = True
            continue
        if isinstance(block, Heading):
            heading = document.add_heading(block.text, min(block.level, 9))
            heading.paragraph_format.page_break_before = page_break_next
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            for n, line in enumerate(block.lines):
                run = paragraph.add_run(line)
                if n < len(block.lines) - 1:
                    run.add_break(WD_BREAK.LINE)
                run.bold = block.style in ("label", "strong")
                run.italic = block.style == "note"
                if block.style == "letterhead":
                    run.font.size = Pt(9)
            if block.style in alignments:
                paragraph.alignment = alignments[block.style]
            if block.indent:
                paragraph.paragraph_format.left_indent = Cm(0.75 * block.indent)
            if block.style == "label":
                paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.page_break_before = page_break_next
        elif isinstance(block, Bullets):
            for level, text in block.items:
                document.add_paragraph(text, bullet_styles[max(1, min(level, 3))])
        elif isinstance(block, Table):
            _docx_table(document, block)
        page_break_next = False
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _docx_table(document: Any, block: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rows = ([block.header] if block.header else []) + list(block.rows)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for values, row in zip(rows, table.rows, strict=True):
        for value, cell in zip(values, row.cells, strict=True):
            cell.text = value
    if block.header:
        first = table.rows[0]
        for cell in first.cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
        # The header row repeats at the top of each page the table runs on.
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        first._tr.get_or_add_trPr().append(header)
    document.add_paragraph()  # room below the table


# LibreOffice

_BOLD = {"fo:font-weight": "bold"}
#: The paragraph styles of the outline's paragraphs: (paragraph, text properties).
_ODT_STYLES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "CLU_body": ({}, {}),
    "CLU_letterhead": ({}, {"fo:font-size": "9pt"}),
    "CLU_right": ({"fo:text-align": "end"}, {}),
    "CLU_centred": ({"fo:text-align": "center"}, {}),
    "CLU_label": ({"fo:keep-with-next": "always", "fo:margin-top": "0.2cm"}, _BOLD),
    "CLU_strong": ({}, _BOLD),
    "CLU_note": ({}, {"fo:font-style": "italic"}),
}
#: Paragraphs in a table's cells and in lists: no room above or below.
_ODT_TIGHT: dict[str, dict[str, str]] = {"CLU_cell": {}, "CLU_header_cell": _BOLD, "CLU_item": {}}
_BULLET_LEVEL = (
    '<text:list-level-style-bullet text:level="{level}" text:bullet-char="{char}">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="listtab" '
    'text:list-tab-stop-position="{indent:.2f}cm" fo:text-indent="-0.5cm" '
    'fo:margin-left="{indent:.2f}cm"/></style:list-level-properties>'
    "</text:list-level-style-bullet>"
)


def odt_bytes(blocks: list[Block], title: str, author: str, subject: str) -> bytes:
    from odfdo import Document
    from odfdo import Paragraph as OdfParagraph

    document = Document("text")
    body = document.body
    for empty in body.get_elements("text:p"):  # the template's empty paragraph
        body.delete(empty)
    meta = document.meta
    meta.set_title(title)
    meta.set_initial_creator(author)
    meta.set_subject(subject)
    meta.set_language("fr-FR")
    _odt_styles(document)
    page_break_next = False
    for block in blocks:
        if isinstance(block, PageBreak):
            page_break_next = True
            continue
        if page_break_next:
            body.append(OdfParagraph("", style="CLU_break"))
        body.append(_odt_block(block))
        if isinstance(block, Table):
            body.append(OdfParagraph("", style="CLU_body"))  # room below the table
        page_break_next = False
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _odt_styles(document: Any) -> None:
    from odfdo import Element, Style

    styles: list[tuple[str, str, dict[str, str], dict[str, str]]] = [
        (name, "Text_20_body", {"fo:margin-bottom": "0.15cm", **paragraph}, text)
        for name, (paragraph, text) in _ODT_STYLES.items()
    ]
    styles += [  # indented paragraphs (a sub-item's text)
        (f"CLU_body_{level}", "CLU_body", {"fo:margin-left": f"{0.75 * level:.2f}cm"}, {})
        for level in range(1, 4)
    ]
    styles.append(("CLU_break", "Standard", {"fo:break-before": "page"}, {}))
    styles += [
        (name, "Standard", {"fo:margin-top": "0cm", "fo:margin-bottom": "0cm"}, text)
        for name, text in _ODT_TIGHT.items()
    ]
    for name, parent, paragraph, text in styles:
        style = Style("paragraph", name=name, parent_style=parent)
        style.set_properties(properties=paragraph)
        if text:
            style.set_properties(area="text", properties=text)
        document.insert_style(style)
    bullets = Style("list", name="CLU_bullets")
    for level, char in ((1, "•"), (2, "–"), (3, "◦")):
        bullets.append(
            Element.from_tag(_BULLET_LEVEL.format(level=level, char=char, indent=0.75 * level))
        )
    document.insert_style(bullets)
    # The headings are not numbered: the items' headings carry their own numbers.
    for level_style in document.get_part("styles.xml").get_elements("//text:outline-level-style"):
        for attribute in ("loext:num-list-format", "style:num-suffix", "text:display-levels"):
            if level_style.get_attribute(attribute) is not None:
                level_style.del_attribute(attribute)
        level_style.set_attribute("style:num-format", "")
    cell = Style("table-cell", name="CLU_cell")
    cell.set_properties(
        area="table-cell", properties={"fo:border": "0.5pt solid #808080", "fo:padding": "0.1cm"}
    )
    document.insert_style(cell, automatic=True)


def _odt_paragraph(lines: tuple[str, ...], style: str) -> Any:
    from odfdo import Element
    from odfdo import Paragraph as OdfParagraph

    paragraph = OdfParagraph("", style=style)
    for n, line in enumerate(lines):
        if n:
            paragraph.append(Element.from_tag("text:line-break"))
        paragraph.append(line)
    return paragraph


def _odt_block(block: Block) -> Any:
    from odfdo import Header

    if isinstance(block, Heading):
        heading = Header(block.level, block.text)
        # Set by hand: odfdo's Header leaves its ``style`` argument out (3.27).
        heading.set_attribute("text:style-name", f"Heading_20_{block.level}")
        return heading
    if isinstance(block, Paragraph):
        style = f"CLU_{block.style}"
        if block.indent and block.style == "body":
            style = f"CLU_body_{min(block.indent, 3)}"
        return _odt_paragraph(block.lines, style)
    if isinstance(block, Bullets):
        return _odt_list(block.items)
    assert isinstance(block, Table)
    return _odt_table(block)


def _odt_list(items: tuple[tuple[int, str], ...]) -> Any:
    """Nested lists: a bullet of level 2 goes in a list inside the item before it."""
    from odfdo import List, ListItem
    from odfdo import Paragraph as OdfParagraph

    top = List(style="CLU_bullets")
    stack: list[Any] = [top]
    for level, text in items:
        del stack[max(1, level) :]
        while len(stack) < level:
            holders = stack[-1].get_elements("text:list-item")
            holder = holders[-1] if holders else ListItem()
            if not holders:
                stack[-1].append(holder)
            inner = List()
            holder.append(inner)
            stack.append(inner)
        item = ListItem()
        item.append(OdfParagraph(text, style="CLU_item"))
        stack[-1].append(item)
    return top


def _odt_table(block: Table) -> Any:
    from odfdo import Cell, Element, Row
    from odfdo import Table as OdfTable

    columns = len(block.header or block.rows[0])
    table = OdfTable("Participants")
    column = Element.from_tag("table:table-column")
    column.set_attribute("table:number-columns-repeated", str(columns))
    table.append(column)

    def row(values: tuple[str, ...], style: str) -> Any:
        line = Row()
        for value in values:
            cell = Cell(style="CLU_cell")
            cell.append(_odt_paragraph((value,), style))
            line.append(cell)
        return line

    if block.header:
        # The header row repeats at the top of each page the table runs on.
        header = Element.from_tag("table:table-header-rows")
        header.append(row(block.header, "CLU_header_cell"))
        table.append(header)
    for values in block.rows:
        table.append(row(values, "CLU_cell"))
    return table
