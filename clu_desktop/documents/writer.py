"""From a story to a PDF file: build, attach the annexes that are PDF files, write safely.

The document is built in memory; annexes of kind "pdf" are inserted as they are (pypdf)
right after the page that announces them; the result is written to a temporary file in
the target folder, then renamed over the target. A failure at any step leaves the file
that was there untouched, and no temporary file behind.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from reportlab.platypus import Flowable

from clu_desktop.documents.fonts import FontSet
from clu_desktop.documents.letterhead import DocumentInfo, document_template, numbered_canvas
from clu_desktop.documents.snapshot import AnnexSnapshot
from clu_desktop.errors import UserError
from clu_desktop.files import write_atomically
from clu_desktop.french.typography import clean


@dataclass(frozen=True)
class AttachedPdf:
    """A PDF annex, checked: its bytes and page count."""

    number: int
    title: str
    file_name: str
    data: bytes = field(repr=False)
    pages: int


def _annex_name(annex: AnnexSnapshot) -> str:
    return f"L'annexe {annex.number} « {clean(annex.title)} »"


def read_attachment(annex: AnnexSnapshot) -> AttachedPdf:
    """Check that an annex's file is a readable PDF; a French UserError otherwise."""
    name = _annex_name(annex)
    if not annex.file_data:
        raise UserError(f"{name} n'a pas de fichier PDF : joignez-en un ou supprimez l'annexe.")
    try:
        reader = PdfReader(io.BytesIO(annex.file_data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UserError(
                f"{name} est un PDF protégé par un mot de passe : il ne peut pas être joint."
            )
        count = len(reader.pages)
        for page in reader.pages:
            _ = page.mediabox  # parses each page now rather than while writing
    except UserError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on a damaged file
        file_name = clean(annex.file_name) or "sans nom"
        raise UserError(
            f"{name} : le fichier « {file_name} » n'est pas un PDF lisible ({exc}). "
            "Le document n'a pas été écrit."
        ) from exc
    if count == 0:
        raise UserError(f"{name} : le fichier PDF ne contient aucune page.")
    return AttachedPdf(
        annex.number, annex.title, clean(annex.file_name) or "annexe.pdf", annex.file_data, count
    )


class AttachmentMark(Flowable):
    """An invisible mark: the attached PDF's pages go right after the page it lands on."""

    def __init__(self, attachment: AttachedPdf, placements: list[tuple[int, AttachedPdf]]) -> None:
        super().__init__()
        self.attachment = attachment
        self.placements = placements

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.placements.append((self.canv.getPageNumber(), self.attachment))


@dataclass
class Story:
    """What a document builder hands to the writer; ``mark`` places a PDF annex."""

    flowables: list[Flowable]
    info: DocumentInfo
    fonts: FontSet
    placements: list[tuple[int, AttachedPdf]] = field(default_factory=list)

    def mark(self, attachment: AttachedPdf) -> AttachmentMark:
        return AttachmentMark(attachment, self.placements)

    def inserted_pages(self) -> dict[int, int]:
        """Page number -> how many attached pages follow it (known once built)."""
        inserted: dict[int, int] = {}
        for page, attachment in self.placements:
            inserted[page] = inserted.get(page, 0) + attachment.pages
        return inserted


def render(story: Story) -> bytes:
    """The PDF's bytes: the story built, then the attached PDFs inserted."""
    story.placements.clear()
    buffer = io.BytesIO()
    doc = document_template(buffer, story.info, story.fonts)
    doc.build(story.flowables, canvasmaker=numbered_canvas(story.fonts, story.inserted_pages))
    if not story.placements:
        return buffer.getvalue()
    return _insert_attachments(buffer.getvalue(), story.placements, story.info)


def _insert_attachments(
    body: bytes, placements: list[tuple[int, AttachedPdf]], info: DocumentInfo
) -> bytes:
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(body)))
        by_page: dict[int, list[AttachedPdf]] = {}
        for page, attachment in placements:
            by_page.setdefault(page, []).append(attachment)
        # From the last page back, so that earlier insertion points keep their index.
        for page in sorted(by_page, reverse=True):
            index = page
            for attachment in by_page[page]:
                for annex_page in PdfReader(io.BytesIO(attachment.data)).pages:
                    writer.insert_page(annex_page, index)
                    index += 1
        writer.add_metadata(
            {
                "/Title": clean(info.title),
                "/Author": clean(info.author),
                "/Subject": clean(info.subject),
                "/Creator": info.creator,
            }
        )
        writer._root_object[NameObject("/Lang")] = TextStringObject("fr-FR")
        out = io.BytesIO()
        writer.write(out)
    except Exception as exc:
        raise UserError(
            f"Impossible de joindre les annexes PDF ({exc}). Le document n'a pas été écrit."
        ) from exc
    return out.getvalue()


def write_pdf(story: Story, path: Path | str) -> Path:
    """Build the document and write it at ``path`` (temporary file, then rename)."""
    target = Path(path)
    if target.exists() and target.is_dir():
        raise UserError(f"« {target} » est un dossier : indiquez un nom de fichier PDF.")
    data = render(story)
    write_atomically(target, data)
    return target
