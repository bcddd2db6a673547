"""The minutes as a word processor's file: ``.docx`` (Word) and ``.odt`` (LibreOffice).

Both are written from the plain outline (:mod:`minutes_outline`), so they say what the PDF
says, in its order: :mod:`docx_writer` and :mod:`odt_writer` lay it out with the word
processors' own heading styles, lists and a table for the present. The file is written to
a temporary file beside the target, then renamed.
"""

from __future__ import annotations

from pathlib import Path

from clu_desktop.documents.docx_writer import docx_bytes
from clu_desktop.documents.minutes import minutes_info
from clu_desktop.documents.minutes_outline import minutes_outline
from clu_desktop.documents.odt_writer import odt_bytes
from clu_desktop.documents.snapshot import MeetingSnapshot
from clu_desktop.files import write_atomically

#: The formats an editable copy is written in, by the file's extension.
FORMATS = (".odt", ".docx")


def write_minutes_document(snapshot: MeetingSnapshot, path: Path | str) -> Path:
    """Write the minutes at ``path`` as ``.odt`` or ``.docx`` (by its extension)."""
    target = Path(path)
    blocks = minutes_outline(snapshot)
    info = minutes_info(snapshot)
    write = docx_bytes if target.suffix.lower() == ".docx" else odt_bytes
    write_atomically(target, write(blocks, info.title, info.author, info.subject))
    return target
