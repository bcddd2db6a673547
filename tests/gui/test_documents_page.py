"""The "Documents" page: the minutes and the convocation previewed, printed, saved and
opened, with fake exporters writing real small PDFs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy.orm import Session

from clu_desktop.errors import UserError
from clu_desktop.gui import letterhead_check, undo
from clu_desktop.gui.documents import page as page_module
from clu_desktop.gui.documents import printing
from clu_desktop.gui.documents.page import NO_MEETING_TEXT, DocumentsPage
from clu_desktop.gui.documents.preview import PageView

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


def write_pdf(path: Path, pages: int, title: str) -> Path:
    """A real PDF of ``pages`` A4 pages, each saying its number."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(72, 770, f"{title} — page {number}")
        pdf.setFont("Helvetica", 11)
        for line in range(40):
            pdf.drawString(72, 730 - 16 * line, f"Ligne {line + 1} de la page {number}.")
        pdf.showPage()
    pdf.save()
    return path


class FakeExporter:
    """Writes a PDF of ``pages`` pages, or raises ``error`` when set; counts its calls."""

    def __init__(self, pages: int, title: str) -> None:
        self.pages, self.title = pages, title
        self.error: str | None = None
        self.calls: list[tuple[int, Path]] = []

    def __call__(self, session, meeting_id: int, path: Path) -> Path:
        self.calls.append((meeting_id, path))
        if self.error is not None:
            raise UserError(self.error)
        return write_pdf(path, self.pages, self.title)


@pytest.fixture
def exporters():
    return {
        "minutes": FakeExporter(3, "Compte-rendu"),
        "agenda": FakeExporter(1, "Convocation"),
    }


@pytest.fixture
def make_page(qtbot, demo_db, exporters, stack):
    made: list[DocumentsPage] = []

    def make(meeting_id: int | None = 1) -> DocumentsPage:
        widget = DocumentsPage(demo_db, exporters=exporters)
        qtbot.addWidget(widget)
        made.append(widget)
        widget.resize(1200, 800)
        with qtbot.waitExposed(widget):
            widget.show()
        widget.show_meeting(meeting_id, stack if meeting_id is not None else None)
        return widget

    yield make
    for widget in made:
        widget.cleanup()


@pytest.fixture
def page(qtbot, make_page):
    widget = make_page(1)
    qtbot.waitUntil(lambda: widget.preview.page_count == 3)
    return widget


def generated_path(widget: DocumentsPage) -> Path:
    assert widget.preview.path is not None
    return widget.preview.path


def test_the_minutes_are_previewed_when_the_page_shows_a_meeting(qtbot, page, exporters):
    assert page.objectName() == "documentsPage"
    assert [call[0] for call in exporters["minutes"].calls] == [1]
    assert len(page.preview.findChildren(PageView)) == 3
    assert page.pane.page_label.text() == "Page 1 / 3"
    qtbot.waitUntil(lambda: 1 in page.preview.rendered_pages())
    assert "3 pages" in page.status.text()
    assert "compte-rendu-CLU-2023-12-20.pdf" in page.status.text()
    assert generated_path(page).parent == page.workspace.path


def test_no_meeting_shows_a_french_message_and_disables_everything(
    qtbot, make_page, exporters, monkeypatch
):
    widget = make_page(None)
    asked = []
    monkeypatch.setattr(printing, "ask_printer", lambda *args: asked.append(args))
    assert widget.pane.message.text() == NO_MEETING_TEXT
    assert not widget.pane.showing_preview
    for button in widget.side.buttons:
        assert not button.isEnabled()
    widget.document_list.setFocus()
    qtbot.keyClick(widget.document_list, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: not widget._auto_timer.isActive())  # no generation pending
    assert asked == []
    assert exporters["minutes"].calls == []


def test_zoom_with_the_keys_and_back_to_the_width(qtbot, page):
    preview, pane = page.preview, page.pane
    assert pane.fit_button.isChecked()
    fitted = preview.page_views[0].width()
    preview.setFocus()
    qtbot.keyClick(preview, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(preview, Qt.Key.Key_Minus, CTRL)
    assert preview.page_views[0].width() < fitted
    assert pane.zoom_label.text() == f"{round(preview.zoom * 100)}\u00a0%"
    assert not pane.fit_button.isChecked()
    smaller = preview.page_views[0].width()
    qtbot.keyClick(preview, Qt.Key.Key_Plus, CTRL)
    assert smaller < preview.page_views[0].width() < fitted
    qtbot.mouseClick(pane.fit_button, LEFT)
    assert preview.page_views[0].width() == fitted
    assert pane.fit_button.isChecked()
    # The pages come again at the new size.
    scale = preview.zoom * preview.logicalDpiX() / 72 * preview.devicePixelRatioF()
    qtbot.waitUntil(lambda: abs(preview.page_views[0].image_scale - scale) < 1e-6)


def test_the_page_counter_follows_the_scrolling(qtbot, page):
    bar = page.preview.verticalScrollBar()
    page.preview.setFocus()
    qtbot.keyClick(page.preview, Qt.Key.Key_PageDown)
    assert 0 < bar.value() < bar.maximum()
    qtbot.keyClick(page.preview, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    assert page.pane.page_label.text() == "Page 3 / 3"
    qtbot.keyClick(page.preview, Qt.Key.Key_Home)
    assert bar.value() == 0
    assert page.pane.page_label.text() == "Page 1 / 3"


def test_a_long_document_renders_only_the_pages_near_the_view(qtbot, make_page, exporters):
    exporters["minutes"].pages = 40
    widget = make_page(1)
    qtbot.waitUntil(lambda: widget.preview.page_count == 40)
    qtbot.waitUntil(lambda: 1 in widget.preview.rendered_pages())
    qtbot.waitUntil(lambda: not widget.preview._render_timer.isActive())  # rendering done
    assert len(widget.preview.rendered_pages()) <= 3
    bar = widget.preview.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: 40 in widget.preview.rendered_pages())
    assert 1 not in widget.preview.rendered_pages()
    assert widget.pane.page_label.text() == "Page 40 / 40"


def test_choosing_the_convocation_previews_it(qtbot, page, exporters):
    page.document_list.setFocus()
    qtbot.keyClick(page.document_list, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.preview.page_count == 1)
    assert len(exporters["agenda"].calls) == 1
    assert "convocation-CLU-2023-12-20.pdf" in page.status.text()
    qtbot.keyClick(page.document_list, Qt.Key.Key_Up)  # nothing changed: no new export
    qtbot.waitUntil(lambda: page.preview.page_count == 3)
    qtbot.waitUntil(lambda: not page._auto_timer.isActive())  # no generation pending
    assert len(exporters["minutes"].calls) == 1


def test_an_edit_of_the_meeting_generates_the_document_again(qtbot, page, stack, exporters):
    first = generated_path(page)
    page.preview.setFocus()
    qtbot.keyClick(page.preview, Qt.Key.Key_End)
    undo.record(stack, "Modifier le titre", lambda: None, lambda: None)
    qtbot.waitUntil(lambda: len(exporters["minutes"].calls) == 2)
    qtbot.waitUntil(lambda: page.preview.path != first)
    assert not first.exists()  # the previous file is not left behind
    assert page.pane.page_label.text() == "Page 3 / 3"  # the reader stays where he was
    page.document_list.setFocus()
    qtbot.keyClick(page.document_list, Qt.Key.Key_Down)  # another document: its start
    qtbot.waitUntil(lambda: len(exporters["agenda"].calls) == 1)
    qtbot.waitUntil(lambda: page.pane.page_label.text() == "Page 1 / 1")


def test_save_as_copies_the_pdf(qtbot, page, monkeypatch, tmp_path):
    target = tmp_path / "archives" / "cr.pdf"
    suggested: list[Path] = []

    def ask(_parent, title, proposed):
        suggested.append(proposed)
        return target

    monkeypatch.setattr(page_module, "ask_save_path", ask)
    page.preview.setFocus()
    qtbot.keyClick(page.preview, Qt.Key.Key_S, CTRL | SHIFT)
    assert [p.name for p in suggested] == ["compte-rendu-CLU-2023-12-20.pdf"]
    assert target.read_bytes() == generated_path(page).read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["cr.pdf"]
    assert "copie enregistrée" in page.status.text()
    # The next time, the dialog opens in the folder chosen.
    qtbot.mouseClick(page.side.save_button, LEFT)
    assert suggested[1] == target.parent / "compte-rendu-CLU-2023-12-20.pdf"


def test_save_as_cancelled_writes_nothing(qtbot, page, monkeypatch, tmp_path):
    monkeypatch.setattr(page_module, "ask_save_path", lambda *_args: None)
    qtbot.mouseClick(page.side.save_button, LEFT)
    assert list(tmp_path.glob("*.pdf")) == []


def test_open_in_the_viewer(qtbot, page, monkeypatch, answered_messages):
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    qtbot.mouseClick(page.side.open_button, LEFT)
    assert len(opened) == 1
    shown = Path(opened[0].toLocalFile())
    assert shown.name == "compte-rendu-CLU-2023-12-20.pdf"
    assert shown.read_bytes() == generated_path(page).read_bytes()
    assert answered_messages.errors == []


def test_no_viewer_is_told(qtbot, page, monkeypatch, answered_messages):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    qtbot.mouseClick(page.side.open_button, LEFT)
    assert "Aucune visionneuse PDF" in answered_messages.errors[0]


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_ctrl_p_prints_every_page(qtbot, page, monkeypatch, tmp_path):
    out = tmp_path / "imprime.pdf"
    asked: list[str] = []

    def ask(_parent, title, _name, _path, _current):
        asked.append(title)
        return pdf_printer(out)

    monkeypatch.setattr(printing, "ask_printer", ask)
    page.preview.setFocus()
    qtbot.keyClick(page.preview, Qt.Key.Key_P, CTRL)
    assert asked == ["Imprimer — Compte-rendu"]
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    assert "3 pages envoyées à l'impression" in page.status.text()


def test_printing_cancelled_prints_nothing(qtbot, page, monkeypatch, tmp_path):
    monkeypatch.setattr(printing, "ask_printer", lambda *_args: None)
    qtbot.mouseClick(page.side.print_button, LEFT)
    assert "impression" not in page.status.text()


def test_print_pdf_follows_the_range_and_the_copies(tmp_path):
    source = write_pdf(tmp_path / "source.pdf", 4, "Compte-rendu")
    printer = pdf_printer(tmp_path / "range.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert printing.print_pdf(source, printer) == 2
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2
    printer = pdf_printer(tmp_path / "copies.pdf")
    printer.setCopyCount(2)
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert printing.print_pdf(source, printer, current_page=4) == 2
    assert len(PdfReader(tmp_path / "copies.pdf").pages) == 2


def test_print_pdf_stops_when_cancelled(tmp_path):
    source = write_pdf(tmp_path / "source.pdf", 4, "Compte-rendu")
    printer = pdf_printer(tmp_path / "cancelled.pdf")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    with pytest.raises(printing.PrintCancelled):
        printing.print_pdf(source, printer, progress=progress)
    assert seen == [(0, 4), (1, 4), (2, 4)]


def test_cancelling_the_progress_stops_printing(qtbot, page, monkeypatch, tmp_path):
    monkeypatch.setattr(printing, "ask_printer", lambda *_args: pdf_printer(tmp_path / "x.pdf"))
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda _self: True)
    qtbot.mouseClick(page.side.print_button, LEFT)
    assert page.status.text() == "Compte-rendu\u00a0: impression annulée."


def test_an_exporter_refusal_keeps_the_previous_preview(qtbot, page, exporters, answered_messages):
    shown = generated_path(page)
    exporters["minutes"].error = "La séance n'a pas d'ordre du jour."
    qtbot.mouseClick(page.side.generate_button, LEFT)
    qtbot.waitUntil(lambda: answered_messages.errors == ["La séance n'a pas d'ordre du jour."])
    assert page.preview.path == shown and shown.exists()
    assert page.preview.page_count == 3
    assert "la génération a échoué" in page.status.text()
    assert list(page.workspace.path.glob("*.pdf")) == [shown]


def test_an_automatic_generation_that_fails_asks_nothing(
    qtbot, make_page, exporters, answered_messages
):
    exporters["minutes"].error = "La séance n'a pas d'ordre du jour."
    widget = make_page(1)
    qtbot.waitUntil(lambda: "échoué" in widget.status.text())
    assert answered_messages.errors == []
    assert "La séance n'a pas d'ordre du jour." in widget.pane.message.text()
    # Printing asks for a fresh document: this time the refusal is told.
    qtbot.mouseClick(widget.side.print_button, LEFT)
    qtbot.waitUntil(lambda: answered_messages.errors == ["La séance n'a pas d'ordre du jour."])


def test_the_temporary_folder_goes_with_the_page(page):
    folder = page.workspace.path
    assert folder.is_dir()
    page.cleanup()
    assert not folder.exists()
    assert page.preview.page_count == 0


def test_the_real_minutes_of_the_demo(qtbot, demo_db):
    widget = DocumentsPage(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.show_meeting(1, None)
    qtbot.waitUntil(lambda: widget.preview.page_count > 0)
    qtbot.waitUntil(lambda: 1 in widget.preview.rendered_pages())
    assert "compte-rendu-CLU-2023-12-20.pdf" in widget.status.text()
    widget.cleanup()


# Qt's own print dialog sets its size constraints as it shows: the offscreen platform
# notices it. Only this platform notice is ignored, and only here.
@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_the_print_dialog_is_the_systems_and_may_be_cancelled(qtbot, tmp_path):
    source = write_pdf(tmp_path / "source.pdf", 2, "Compte-rendu")
    seen: list[tuple[str, int, int]] = []

    def answer():
        dialog = QApplication.activeModalWidget()
        printer = dialog.printer()
        seen.append((dialog.windowTitle(), dialog.minPage(), dialog.maxPage()))
        seen.append((printer.docName(), printer.pageLayout().pageSize().id(), 0))
        dialog.reject()

    QTimer.singleShot(0, answer)
    assert printing.ask_printer(None, "Imprimer — Compte-rendu", "cr", source, 1) is None
    assert seen == [
        ("Imprimer — Compte-rendu", 1, 2),
        ("cr", QPageSize.PageSizeId.A4, 0),
    ]


def test_tab_goes_from_the_list_through_the_buttons_to_the_preview(qtbot, page):
    page.activateWindow()
    page.document_list.setFocus()
    qtbot.waitUntil(page.document_list.hasFocus)
    visited = []
    for _ in range(11):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget().accessibleName())
    assert visited == [
        "Générer l'aperçu",
        "Imprimer",
        "Enregistrer sous",
        "Ouvrir dans la visionneuse",
        "Exporter en traitement de texte",
        "Exporter pour archivage",
        "Envoyer par courriel",
        "Zoom arrière",
        "Zoom avant",
        "Ajuster à la largeur",
        "Aperçu du document",
    ]


def test_no_document_leaves_without_its_letterhead_unnoticed(
    qtbot, page, demo_db, exporters, monkeypatch, tmp_path, answered_messages
):
    """While the letterhead is empty, printing, saving and opening ask first and point to
    the settings; filled there, the document is generated again and goes out."""
    from sqlalchemy import delete

    from clu_desktop.domain import Identity
    from clu_desktop.services.settings import update_identity

    with demo_db.transaction() as session:
        session.execute(delete(Identity))
    asked, saved, opened = [], [], []
    monkeypatch.setattr(printing, "ask_printer", lambda *args: asked.append(args))
    monkeypatch.setattr(page_module, "ask_save_path", lambda *args: saved.append(args))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    settings_opened = []
    monkeypatch.setattr(
        letterhead_check, "open_settings", lambda *_args: settings_opened.append(True)
    )
    answered_messages.confirm_answer = False
    for button in (page.side.print_button, page.side.save_button, page.side.open_button):
        qtbot.mouseClick(button, LEFT)
    assert (asked, saved, opened, settings_opened) == ([], [], [], [])
    assert len(answered_messages.questions) == 3
    assert "L'en-tête des documents est vide" in answered_messages.questions[0]
    assert "Fichier › Paramètres" in answered_messages.questions[0]
    assert "en-tête des documents est vide" in page.status.text()

    # "Ouvrir les paramètres", and left empty there: still nothing goes out.
    answered_messages.confirm_answer = True
    qtbot.mouseClick(page.side.print_button, LEFT)
    assert settings_opened == [True] and asked == []

    def fill(*_args) -> None:
        with demo_db.transaction() as session:
            update_identity(session, "authority", "PRÉFET\nDE LA HAUTE-MARNE")

    monkeypatch.setattr(letterhead_check, "open_settings", fill)
    generated = len(exporters["minutes"].calls)
    qtbot.mouseClick(page.side.print_button, LEFT)
    qtbot.waitUntil(lambda: len(asked) == 1)  # once generated again
    assert len(exporters["minutes"].calls) == generated + 1  # with the new letterhead
    asked.clear()
    qtbot.mouseClick(page.side.print_button, LEFT)
    assert len(asked) == 1 and len(answered_messages.questions) == 5


def test_the_minutes_of_signed_minutes_preview_the_signed_pdf(qtbot, demo_db, tmp_path):
    """The Documents page shows minutes signed in CLU Desktop as they were signed (the
    copy of the signed PDF, said under the list), even after the indicators changed."""
    import datetime as dt

    from clu_desktop.services.documents.signature import sign_minutes, signed_pdf
    from clu_desktop.services.indicators import catalogue as indicators_catalogue
    from clu_desktop.services.indicators import values as indicators_values

    with demo_db.transaction() as session:
        sign_minutes(session, 1, "dupont", at=dt.datetime(2024, 4, 8, 10, 12))
        row = next(
            r for r in indicators_catalogue.list_indicators(session) if r.code == "RS-CONNEXIONS"
        )
        indicators_values.set_value(session, row.id, "2022", None, 1.0)
    with demo_db.reading() as session:
        stored = signed_pdf(session, 1).data
    widget = DocumentsPage(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.show_meeting(1, None)
    qtbot.waitUntil(lambda: widget.preview.page_count > 0)
    assert widget.current_kind().key == "minutes"
    assert generated_path(widget).read_bytes() == stored
    said = " ".join(widget.status.text().split())
    assert "empreinte SHA-256 est sur la page « Séance »" in said
    assert "Compte-rendu signé le 08/04/2024 à 10:12 par dupont : copie du PDF signé" in said
    qtbot.waitUntil(lambda: 1 in widget.preview.rendered_pages())
    widget.grab().save(str(tmp_path / "signed-minutes.png"))
    widget.cleanup()


class HeldExporter(FakeExporter):
    """A FakeExporter that waits until ``release`` is set (at most 5 s) before writing,
    and notes the thread it ran on and the session it was given."""

    def __init__(self, pages: int, title: str) -> None:
        super().__init__(pages, title)
        self.started = threading.Event()
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self.sessions: list[object] = []

    def __call__(self, session, meeting_id: int, path: Path) -> Path:
        self.threads.append(threading.current_thread())
        self.sessions.append(session)
        self.started.set()
        self.release.wait(5)
        return super().__call__(session, meeting_id, path)


def test_the_document_is_prepared_off_the_gui_thread(qtbot, make_page, exporters):
    """While the exporter works, the page says « Préparation… » and the window answers;
    the exporter runs on a worker thread with a session of its own."""
    held = exporters["minutes"] = HeldExporter(3, "Compte-rendu")
    widget = make_page(1)
    qtbot.waitUntil(held.started.is_set)
    assert widget.pane.message.text().startswith("Préparation…")
    assert not widget.pane.showing_preview
    assert "préparation" in widget.status.text()
    answered = []
    QTimer.singleShot(0, lambda: answered.append(True))
    qtbot.waitUntil(lambda: answered == [True], timeout=2000)  # the event loop runs
    assert not held.release.is_set() and widget.preview.page_count == 0
    held.release.set()
    qtbot.waitUntil(lambda: widget.preview.page_count == 3)
    assert widget.pane.showing_preview
    assert held.threads[0] is not threading.main_thread()
    assert isinstance(held.sessions[0], Session)


def test_printing_while_the_document_is_prepared_prints_it_once_ready(
    qtbot, make_page, exporters, monkeypatch, tmp_path
):
    held = exporters["minutes"] = HeldExporter(3, "Compte-rendu")
    asked = []
    monkeypatch.setattr(printing, "ask_printer", lambda *args: asked.append(args))
    widget = make_page(1)
    qtbot.waitUntil(held.started.is_set)
    qtbot.mouseClick(widget.side.print_button, LEFT)
    assert asked == []  # not before the document is ready
    held.release.set()
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert asked[0][3] == generated_path(widget)  # the document previewed
    assert len(held.calls) == 1  # generated once


def test_an_edit_while_the_document_is_prepared_generates_it_again(
    qtbot, make_page, exporters, stack
):
    held = exporters["minutes"] = HeldExporter(3, "Compte-rendu")
    widget = make_page(1)
    qtbot.waitUntil(held.started.is_set)
    undo.record(stack, "Modifier le titre", lambda: None, lambda: None)
    held.release.set()
    qtbot.waitUntil(lambda: len(held.calls) == 2)  # what was prepared is out of date
    qtbot.waitUntil(lambda: widget.preview.page_count == 3 and widget._is_fresh())


def test_a_bug_in_the_exporter_reaches_the_crash_hook_and_the_page_says_so(
    qtbot, make_page, exporters
):
    def broken(_session, _meeting_id, _path):
        raise ZeroDivisionError("bug")

    exporters["minutes"] = broken
    with qtbot.captureExceptions() as caught:
        widget = make_page(1)
        qtbot.waitUntil(lambda: "échoué" in widget.status.text())
    assert [kind for kind, *_ in caught] == [ZeroDivisionError]
    assert "Erreur inattendue" in widget.status.text()
    assert "Erreur inattendue" in widget.pane.message.text()


def test_closing_the_page_while_a_document_is_prepared(qtbot, make_page, exporters):
    held = exporters["minutes"] = HeldExporter(3, "Compte-rendu")
    widget = make_page(1)
    qtbot.waitUntil(held.started.is_set)
    folder = widget.workspace.path
    shown = widget.pane.message.text()
    QTimer.singleShot(50, held.release.set)
    widget.cleanup()  # waits for the document being written, then removes the folder
    assert not folder.exists()
    # The job has ended (cleanup waited for it): its outcome, queued for the GUI thread,
    # is delivered now, and changes nothing.
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    assert widget.pane.message.text() == shown
    assert widget.preview.page_count == 0
