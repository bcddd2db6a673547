"""« Exporter pour archivage… » on the Documents page: the minutes as PDF/A-2b, where the
user chose; a name not ending in .pdf refused, as on the command line."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clu_desktop.documents.pdfa import is_pdfa
from clu_desktop.gui.documents import archive_export
from tests.gui import test_documents_word_export as word_export_tests

LEFT = Qt.MouseButton.LeftButton
page = word_export_tests.page  # the Documents page showing the demo meeting (a fixture)
choose = word_export_tests.choose


def test_the_minutes_are_exported_for_archiving(
    qtbot, page, monkeypatch, tmp_path, answered_messages
):
    button = page.side.archive_button
    assert button.isVisible() and button.isEnabled()
    assert button.text() == "Exporter pour a&rchivage…"
    target = tmp_path / "dossier" / "cr-archive.pdf"
    target.parent.mkdir()
    proposed = choose(monkeypatch, target, archive_export)
    qtbot.mouseClick(button, LEFT)
    assert [p.name for p in proposed] == ["compte-rendu-CLU-2023-12-20-archive.pdf"]
    assert is_pdfa(target.read_bytes())
    assert f"PDF/A pour archivage enregistré dans « {target} »" in page.status.text()
    assert answered_messages.errors == []


def test_another_extension_is_refused_and_nothing_is_written(
    qtbot, page, monkeypatch, tmp_path, answered_messages
):
    folder = tmp_path / "dossier"
    folder.mkdir()
    choose(monkeypatch, folder / "cr.odt", archive_export)
    qtbot.mouseClick(page.side.archive_button, LEFT)
    assert list(folder.iterdir()) == []
    [error] = answered_messages.errors
    assert "finissant par .pdf" in error


def test_the_button_shows_with_the_minutes_only(page):
    for row, kind in enumerate(page.side.documents):
        page.document_list.setCurrentRow(row)
        assert page.side.archive_button.isVisible() == (kind.key in ("minutes", "signed_minutes"))
