"""« Exporter en traitement de texte… » on the Documents page: the minutes as .odt or
.docx, where the user chose; any other extension refused, as on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from clu_desktop.gui.documents import word_export
from clu_desktop.gui.documents.page import DocumentsPage

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, demo_db):
    widget = DocumentsPage(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.show_meeting(1, None)
    qtbot.waitUntil(lambda: widget.preview.page_count > 0, timeout=30_000)
    yield widget
    widget.cleanup()


def choose(monkeypatch, target: Path | None, module=word_export) -> list[Path]:
    """The save dialog of ``module`` (this file's, or another export's) answers ``target``;
    what it proposed is listed."""
    proposed: list[Path] = []

    def ask(_parent, _title, suggested):
        proposed.append(suggested)
        return target

    name = "ask_archive_path" if hasattr(module, "ask_archive_path") else "ask_document_path"
    monkeypatch.setattr(module, name, ask)
    return proposed


@pytest.mark.parametrize("name", ["cr.odt", "cr.docx"])
def test_the_minutes_are_exported_for_a_word_processor(
    qtbot, page, monkeypatch, tmp_path, answered_messages, name
):
    button = page.side.editable_button
    assert button.isVisible() and button.isEnabled()
    assert button.text() == "Exporter en &traitement de texte…"
    target = tmp_path / "dossier" / name
    target.parent.mkdir()
    proposed = choose(monkeypatch, target)
    qtbot.mouseClick(button, LEFT)
    assert [p.name for p in proposed] == ["compte-rendu-CLU-2023-12-20.odt"]
    assert target.stat().st_size > 5000
    if name.endswith(".docx"):
        import docx

        headings = [
            p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Heading 1"
        ]
    else:
        from odfdo import Document

        headings = [h.text_recursive for h in Document(str(target)).body.get_headers()][:1]
    assert headings == ["COMPTE-RENDU DU COMITÉ LOCAL DES USAGERS (CLU)"]
    assert f"copie modifiable enregistrée dans « {target} »" in page.status.text()
    assert answered_messages.errors == []


def test_another_extension_is_refused_and_nothing_is_written(
    qtbot, page, monkeypatch, tmp_path, answered_messages
):
    folder = tmp_path / "dossier"
    folder.mkdir()
    choose(monkeypatch, folder / "cr.txt")
    qtbot.mouseClick(page.side.editable_button, LEFT)
    assert list(folder.iterdir()) == []
    [error] = answered_messages.errors
    assert "« cr.txt »" in error and ".odt" in error and ".docx" in error


def test_cancelled_writes_nothing(qtbot, page, monkeypatch, tmp_path, answered_messages):
    before = set(tmp_path.rglob("*"))
    choose(monkeypatch, None)
    qtbot.mouseClick(page.side.editable_button, LEFT)
    assert set(tmp_path.rglob("*")) == before
    assert answered_messages.errors == []


def test_offered_for_the_minutes_only(qtbot, page):
    assert page.side.editable_button.isVisible()
    page.document_list.setCurrentRow(1)  # the convocation
    assert not page.side.editable_button.isVisible()
    page.document_list.setCurrentRow(0)
    assert page.side.editable_button.isVisible()
