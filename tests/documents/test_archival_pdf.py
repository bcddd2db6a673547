"""Signed minutes are public archives: what the archived PDF holds, read back from the file."""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from clu_desktop.services.documents.export import export_minutes


def _fonts(reader: PdfReader) -> dict[str, DictionaryObject]:
    """Every font of the file (pages and their form XObjects), by base font name."""
    found: dict[str, DictionaryObject] = {}
    seen: set[int] = set()

    def walk(resources) -> None:
        if resources is None or id(resources) in seen:
            return
        seen.add(id(resources))
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def test_every_font_of_the_minutes_and_their_annex_is_embedded(demo_db, tmp_path):
    pdf = tmp_path / "cr.pdf"
    with demo_db.reading() as session:
        export_minutes(session, 1, pdf)
    reader = PdfReader(pdf)
    assert "Indicateurs" in "".join(p.extract_text() for p in reader.pages[4:])  # the annex
    fonts = _fonts(reader)
    assert fonts  # the minutes' text, the annex's tables and its charts' labels
    for name, font in fonts.items():
        assert "Helvetica" not in name
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name
