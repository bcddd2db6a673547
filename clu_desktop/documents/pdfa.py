"""Archival PDF (PDF/A-2b) from a PDF made by reportlab, with pypdf.

reportlab embeds the fonts (documents/fonts.py; the charts start in the same font) and
writes the language, but not what PDF/A adds: the XMP metadata packet (title, author,
subject, dates, language and the PDF/A identification), consistent with the document
information, and an sRGB output intent carrying its ICC profile
(resources/color/sRGB.icc). ``to_pdfa`` adds them, keeps the file identifier and marks
every annotation printable.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
from collections.abc import Mapping
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from clu_desktop.errors import UserError
from clu_desktop.resources import resource_path

SRGB_PROFILE = ("color", "sRGB.icc")
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
PRODUCER = "CLU Desktop (reportlab, pypdf)"
DEFAULT_LANGUAGE = "fr-FR"
#: Characters XML 1.0 refuses (control characters other than tab and line ends).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PRINT = 4  # annotation flag: printed with the page (PDF/A wants every annotation printed)


def _text(value: object) -> str:
    return escape(_NOT_XML.sub("", str(value or "")))


def _xmp_date(when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds")


def _pdf_date(when: dt.datetime) -> str:
    offset = when.strftime("%z")  # "+0100"
    return f"D:{when:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:]}'"


def xmp_packet(
    *, title: str, author: str, subject: str, creator: str, language: str, when: dt.datetime
) -> bytes:
    """The XMP metadata of a PDF/A-2b file, as UTF-8."""
    date = _xmp_date(when)
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_text(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{_text(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_text(subject)}</rdf:li></rdf:Alt>
   </dc:description>
   <dc:language><rdf:Bag><rdf:li>{_text(language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{_text(creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdf:Producer>{_text(PRODUCER)}</pdf:Producer>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")


def _output_intent(writer: PdfWriter) -> DictionaryObject:
    profile = DecodedStreamObject()
    profile.set_data(resource_path(*SRGB_PROFILE).read_bytes())
    profile[NameObject("/N")] = NumberObject(3)
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject(OUTPUT_CONDITION),
            NameObject("/Info"): TextStringObject(OUTPUT_CONDITION),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )


def to_pdfa(data: bytes, *, when: dt.datetime | None = None) -> bytes:
    """``data`` (a PDF made by reportlab) as PDF/A-2b: its title, author, subject and
    language kept, dated ``when`` (now by default; naive means local time)."""
    moment = when or dt.datetime.now()
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the workstation's time zone
    moment = moment.replace(microsecond=0)
    try:
        reader = PdfReader(io.BytesIO(data))
        info: Mapping[str, object] = reader.metadata or {}
        writer = PdfWriter(clone_from=reader)
    except (PdfReadError, OSError, ValueError) as exc:
        raise UserError("Le PDF à archiver est illisible : refaites-le puis réessayez.") from exc
    root = writer.root_object
    language = str(root.get("/Lang") or DEFAULT_LANGUAGE)
    # What XML cannot hold is left out of both, so that they say the same.
    fields = {
        "title": _NOT_XML.sub("", str(info.get("/Title") or "")),
        "author": _NOT_XML.sub("", str(info.get("/Author") or "")),
        "subject": _NOT_XML.sub("", str(info.get("/Subject") or "")),
        "creator": _NOT_XML.sub("", str(info.get("/Creator") or "CLU Desktop")),
    }
    metadata = DecodedStreamObject()
    metadata.set_data(xmp_packet(**fields, language=language, when=moment))
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    root[NameObject("/Metadata")] = writer._add_object(metadata)
    root[NameObject("/Lang")] = TextStringObject(language)
    root[NameObject("/OutputIntents")] = ArrayObject([_output_intent(writer)])
    # The document information says what the XMP says, and nothing else.
    writer.metadata = {
        "/Title": fields["title"],
        "/Author": fields["author"],
        "/Subject": fields["subject"],
        "/Creator": fields["creator"],
        "/Producer": PRODUCER,
        "/CreationDate": _pdf_date(moment),
        "/ModDate": _pdf_date(moment),
    }
    for page in writer.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            flags = int(annotation.get("/F", 0))
            annotation[NameObject("/F")] = NumberObject(flags | _PRINT)
    if not writer._ID:
        identifier = ByteStringObject(secrets.token_bytes(16))
        writer._ID = ArrayObject([identifier, identifier])
    writer.pdf_header = b"%PDF-1.7"  # PDF/A-2 is based on PDF 1.7
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def is_pdfa(data: bytes) -> bool:
    """Whether ``data`` says it is PDF/A-2b and carries its output intent (as
    :func:`to_pdfa` makes it); False for anything unreadable."""
    try:
        root = PdfReader(io.BytesIO(data)).root_object
        metadata = root.get("/Metadata")
        packet = metadata.get_object().get_data() if metadata is not None else b""
        intents = root.get("/OutputIntents")
    except (PdfReadError, OSError, ValueError, KeyError, AttributeError):
        return False
    return (
        bool(intents)
        and b"<pdfaid:part>2</pdfaid:part>" in packet
        and b"<pdfaid:conformance>B</pdfaid:conformance>" in packet
    )
