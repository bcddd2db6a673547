"""The minutes' outline as a Word document (.docx, Office Open XML), with the standard
library alone: a zip of a few XML parts.

The styles are Word's own built-in ones (« heading 1 »… shown « Titre 1 » in a French
Word, « List Bullet », « Table Grid »), so Word's navigation pane, its table of contents
and LibreOffice find the headings. A library (python-docx: lxml, 7 MB in the bundle) would
write the same parts; the tests read the files back with it.
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

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    _XML + f'<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
_DOCUMENT_RELS = (
    _XML + f'<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_DOC_RELS}/numbering" Target="numbering.xml"/>'
    "</Relationships>"
)


def _heading_style(level: int, size: int, colour: str) -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{level}">'
        f'<w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>'
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f'<w:rPr><w:b/><w:color w:val="{colour}"/><w:sz w:val="{size}"/>'
        f'<w:szCs w:val="{size}"/></w:rPr></w:style>'
    )


def _bullet_style(level: int) -> str:
    suffix = "" if level == 1 else f" {level}"
    return (
        f'<w:style w:type="paragraph" w:styleId="ListBullet{suffix.strip()}">'
        f'<w:name w:val="List Bullet{suffix}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="1"/></w:numPr>'
        '<w:spacing w:after="20"/></w:pPr></w:style>'
    )


_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_STYLES = (
    _XML + f'<w:styles xmlns:w="{W}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:cs="Liberation Serif"/>'
    '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="264" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "<w:qFormat/></w:style>"
    + _heading_style(1, 30, "1F3864")
    + _heading_style(2, 25, "2F5496")
    + _heading_style(3, 22, "2F5496")
    + _heading_style(4, 21, "404040")
    + "".join(_bullet_style(level) for level in (1, 2, 3))
    + '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
    '<w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr></w:style>"
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    f'<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>{_BORDERS}</w:tblBorders>'
    "</w:tblPr></w:style>"
    "</w:styles>"
)
_NUMBERING = (
    _XML + f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
    '<w:multiLevelType w:val="hybridMultilevel"/>'
    + "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:lvlText w:val="{char}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{425 * (n + 1)}" w:hanging="283"/></w:pPr></w:lvl>'
        for n, char in enumerate("•–◦")
    )
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)
#: A4, margins of 2 cm (in twentieths of a point).
_SECTION = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" '
    'w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
)
_ALIGN = {"right": "right", "centred": "center"}


def _runs(lines: tuple[str, ...], properties: str = "") -> str:
    """The lines as runs, a line break between them."""
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{rpr}<w:br/></w:r>".join(
        f'<w:r>{rpr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in lines
    )


def _paragraph(lines: tuple[str, ...], style: str = "", page_break: bool = False, **kw: str) -> str:
    """A paragraph; its properties in the order the schema wants them."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += "<w:keepNext/>" if kw.get("keep_next") else ""
    ppr += "<w:pageBreakBefore/>" if page_break else ""
    ppr += f'<w:ind w:left="{kw["indent"]}"/>' if kw.get("indent") else ""
    ppr += f'<w:jc w:val="{kw["align"]}"/>' if kw.get("align") else ""
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{ppr}{_runs(lines, kw.get('run', ''))}</w:p>"


def _body_paragraph(block: Paragraph, page_break: bool) -> str:
    run = {"label": "<w:b/>", "strong": "<w:b/>", "note": "<w:i/>"}.get(block.style, "")
    if block.style == "letterhead":
        run = '<w:sz w:val="18"/><w:szCs w:val="18"/>'
    return _paragraph(
        block.lines,
        page_break=page_break,
        keep_next="1" if block.style == "label" else "",
        indent=str(425 * block.indent) if block.indent else "",
        align=_ALIGN.get(block.style, ""),
        run=run,
    )


def _table(block: Table) -> str:
    columns = len(block.header or block.rows[0])
    width = 9638 // columns  # the text's width (17 cm) shared out
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))

    def row(values: tuple[str, ...], header: bool) -> str:
        # A row is never cut across pages; the header row repeats on each page.
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f"{_paragraph((value,), run='<w:b/>' if header else '')}</w:tc>"
            for value in values
        )
        return f"<w:tr><w:trPr>{trpr}</w:trPr>{cells}</w:tr>"

    rows = [row(block.header, True)] if block.header else []
    rows += [row(values, False) for values in block.rows]
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        + "".join(rows)
        + "</w:tbl><w:p/>"  # room below the table (Word wants a paragraph after it)
    )


def _body(blocks: list[Block]) -> str:
    parts: list[str] = []
    page_break = False
    for block in blocks:
        if isinstance(block, PageBreak):
            page_break = True
            continue
        if isinstance(block, Heading):
            style = f"Heading{min(block.level, 4)}"
            parts.append(_paragraph((block.text,), style, page_break))
        elif isinstance(block, Paragraph):
            parts.append(_body_paragraph(block, page_break))
        elif isinstance(block, Bullets):
            for n, (level, text) in enumerate(block.items):
                style = "ListBullet" if level <= 1 else f"ListBullet{min(level, 3)}"
                parts.append(_paragraph((text,), style, page_break and n == 0))
        else:
            parts.append(_table(block))
        page_break = False
    return "".join(parts)


def _core(title: str, author: str, subject: str) -> str:
    return (
        _XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
        f"<dc:creator>{escape(author)}</dc:creator><dc:language>fr-FR</dc:language>"
        "</cp:coreProperties>"
    )


def docx_bytes(blocks: list[Block], title: str, author: str, subject: str) -> bytes:
    """The .docx file of ``blocks``, with its title, author and subject."""
    document = (
        _XML + f'<w:document xmlns:w="{W}"><w:body>{_body(blocks)}{_SECTION}</w:body></w:document>'
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", _STYLES)
        archive.writestr("word/numbering.xml", _NUMBERING)
        archive.writestr("docProps/core.xml", _core(title, author, subject))
    return output.getvalue()
