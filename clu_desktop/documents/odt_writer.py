"""The minutes' outline as an OpenDocument text (.odt, LibreOffice), with the standard
library alone: a zip of a few XML parts.

The headings are ``text:h`` in LibreOffice's own « Heading 1 »… styles (« Titre 1 » in a
French LibreOffice) with their outline level, unnumbered (the items carry their numbers);
the bullets a list in a bullet list style; the present a table whose header row repeats on
each page. A library (odfdo: lxml, 7 MB in the bundle) would write the same parts; the
tests read the files back with it.
"""

from __future__ import annotations

import io
import zipfile

from clu_desktop.documents.minutes_outline import (
    Block,
    Bullets,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from clu_desktop.documents.typography import xml_text as escape

MIMETYPE = "application/vnd.oasis.opendocument.text"
_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)
_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_MANIFEST = (
    _XML + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
    'manifest:1.0" manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}" '
    'manifest:version="1.3"/>'
    + "".join(
        f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>'
        for name in ("content.xml", "styles.xml", "meta.xml")
    )
    + "</manifest:manifest>"
)

_BOLD = 'fo:font-weight="bold" style:font-weight-complex="bold"'


def _style(name: str, parent: str, paragraph: str = "", text: str = "", extra: str = "") -> str:
    """A paragraph style; ``paragraph`` and ``text`` are properties as attributes."""
    display = name.replace("_20_", " ")
    return (
        f'<style:style style:name="{name}" style:display-name="{display}" '
        f'style:family="paragraph" style:parent-style-name="{parent}" {extra}>'
        + (f"<style:paragraph-properties {paragraph}/>" if paragraph else "")
        + (f"<style:text-properties {text}/>" if text else "")
        + "</style:style>"
    )


def _heading(level: int, size: str) -> str:
    return _style(
        f"Heading_20_{level}",
        "Heading",
        'fo:margin-top="0.35cm" fo:margin-bottom="0.15cm"',
        f'fo:font-size="{size}" {_BOLD}',
        f'style:next-style-name="Text_20_body" style:default-outline-level="{level}" '
        'style:class="text"',
    )


_TIGHT = 'fo:margin-top="0cm" fo:margin-bottom="0cm"'
_BULLETS = "".join(
    f'<text:list-level-style-bullet text:level="{level}" text:bullet-char="{char}">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="listtab" '
    f'text:list-tab-stop-position="{0.75 * level:.2f}cm" fo:text-indent="-0.5cm" '
    f'fo:margin-left="{0.75 * level:.2f}cm"/></style:list-level-properties>'
    "</text:list-level-style-bullet>"
    for level, char in ((1, "•"), (2, "–"), (3, "◦"))
)
_OUTLINE = "".join(
    f'<text:outline-level-style text:level="{level}" style:num-format=""/>'
    for level in range(1, 11)
)
_STYLES = (
    _XML + f"<office:document-styles {_NAMESPACES}><office:styles>"
    '<style:default-style style:family="paragraph"><style:text-properties '
    'fo:font-size="10.5pt" fo:language="fr" fo:country="FR"/></style:default-style>'
    '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
    + _style("Text_20_body", "Standard", 'fo:margin-top="0cm" fo:margin-bottom="0.18cm"')
    + _style("Heading", "Standard", 'fo:keep-with-next="always"', "", 'style:class="text"')
    + _heading(1, "15pt")
    + _heading(2, "12.5pt")
    + _heading(3, "11pt")
    + _heading(4, "10.5pt")
    + _style("CLU_body", "Text_20_body")
    + _style("CLU_letterhead", "Text_20_body", "", 'fo:font-size="9pt"')
    + _style("CLU_right", "Text_20_body", 'fo:text-align="end"')
    + _style("CLU_centred", "Text_20_body", 'fo:text-align="center"')
    + _style("CLU_label", "Text_20_body", 'fo:keep-with-next="always"', _BOLD)
    + _style("CLU_strong", "Text_20_body", "", _BOLD)
    + _style("CLU_note", "Text_20_body", "", 'fo:font-style="italic"')
    + "".join(
        _style(f"CLU_body_{n}", "Text_20_body", f'fo:margin-left="{0.75 * n:.2f}cm"')
        for n in (1, 2, 3)
    )
    + _style("CLU_item", "Standard", _TIGHT)
    + _style("CLU_cell", "Standard", _TIGHT)
    + _style("CLU_header_cell", "Standard", _TIGHT, _BOLD)
    + _style("CLU_break", "Standard", 'fo:break-before="page"')
    + f'<text:list-style style:name="CLU_bullets">{_BULLETS}</text:list-style>'
    + f'<text:outline-style style:name="Outline">{_OUTLINE}</text:outline-style>'
    + "</office:styles><office:automatic-styles>"
    '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" '
    'fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" '
    'fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>'
    "</office:automatic-styles><office:master-styles>"
    '<style:master-page style:name="Standard" style:page-layout-name="A4"/>'
    "</office:master-styles></office:document-styles>"
)
_AUTOMATIC = (
    '<style:style style:name="CLU_table" style:family="table"><style:table-properties '
    'style:width="17cm" table:align="left"/></style:style>'
    '<style:style style:name="CLU_row" style:family="table-row">'
    '<style:table-row-properties fo:keep-together="always"/></style:style>'
    '<style:style style:name="CLU_cell" style:family="table-cell">'
    '<style:table-cell-properties fo:border="0.5pt solid #808080" fo:padding="0.1cm"/>'
    "</style:style>"
)


def _lines(lines: tuple[str, ...]) -> str:
    return "<text:line-break/>".join(escape(line) for line in lines)


def _paragraph(lines: tuple[str, ...], style: str) -> str:
    return f'<text:p text:style-name="{style}">{_lines(lines)}</text:p>'


def _list(items: tuple[tuple[int, str], ...]) -> str:
    """Nested lists: a bullet of level 2 goes in a list inside the item before it."""
    xml = '<text:list text:style-name="CLU_bullets">'
    item_open = [False]  # one per list open: whether its last item is still open
    for level, text in items:
        level = max(1, level)
        while len(item_open) > level:  # back to the list of this level
            xml += "</text:list-item></text:list>" if item_open.pop() else "</text:list>"
        if len(item_open) == level and item_open[-1]:
            xml += "</text:list-item>"
            item_open[-1] = False
        while len(item_open) < level:  # deeper: a list inside the item before
            if not item_open[-1]:
                xml += "<text:list-item>"
                item_open[-1] = True
            xml += "<text:list>"
            item_open.append(False)
        xml += f"<text:list-item>{_paragraph((text,), 'CLU_item')}"
        item_open[-1] = True
    while item_open:
        xml += "</text:list-item></text:list>" if item_open.pop() else "</text:list>"
    return xml


def _table(block: Table) -> str:
    columns = len(block.header or block.rows[0])

    def row(values: tuple[str, ...], style: str) -> str:
        cells = "".join(
            f'<table:table-cell table:style-name="CLU_cell" office:value-type="string">'
            f"{_paragraph((value,), style)}</table:table-cell>"
            for value in values
        )
        return f'<table:table-row table:style-name="CLU_row">{cells}</table:table-row>'

    xml = (
        '<table:table table:name="Participants" table:style-name="CLU_table">'
        f'<table:table-column table:number-columns-repeated="{columns}"/>'
    )
    if block.header:  # repeated at the top of each page the table runs on
        xml += f"<table:table-header-rows>{row(block.header, 'CLU_header_cell')}"
        xml += "</table:table-header-rows>"
    xml += "".join(row(values, "CLU_cell") for values in block.rows)
    return xml + "</table:table>" + _paragraph(("",), "CLU_body")  # room below it


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return (
            f'<text:h text:style-name="Heading_20_{min(block.level, 4)}" '
            f'text:outline-level="{block.level}">{escape(block.text)}</text:h>'
        )
    if isinstance(block, Paragraph):
        style = f"CLU_{block.style}"
        if block.indent and block.style == "body":
            style = f"CLU_body_{min(block.indent, 3)}"
        return _paragraph(block.lines, style)
    if isinstance(block, Bullets):
        return _list(block.items)
    assert isinstance(block, Table)
    return _table(block)


def _meta(title: str, author: str, subject: str) -> str:
    return (
        _XML + f"<office:document-meta {_NAMESPACES}><office:meta>"
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
        f"<meta:initial-creator>{escape(author)}</meta:initial-creator>"
        "<dc:language>fr-FR</dc:language><meta:generator>CLU Desktop</meta:generator>"
        "</office:meta></office:document-meta>"
    )


def odt_bytes(blocks: list[Block], title: str, author: str, subject: str) -> bytes:
    """The .odt file of ``blocks``, with its title, author and subject."""
    body: list[str] = []
    for block in blocks:
        if isinstance(block, PageBreak):
            body.append(_paragraph(("",), "CLU_break"))
        else:
            body.append(_block(block))
    content = (
        _XML + f"<office:document-content {_NAMESPACES}>"
        f"<office:automatic-styles>{_AUTOMATIC}</office:automatic-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        # The mimetype first and stored, as the format requires.
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", _STYLES)
        archive.writestr("meta.xml", _meta(title, author, subject))
    return output.getvalue()
