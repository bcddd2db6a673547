"""The "Documents" page: pick a document of the meeting, see it as it will print, print
it, save a copy, or open it in the system's PDF viewer.

The document is generated again whenever the page is shown and the meeting may have
changed since (another meeting, an edit or an undo on its stack, the settings): what the
preview shows is what prints. It is generated off the GUI thread
(``generation.Generator``: a worker with its own session), the page saying
« Préparation… » meanwhile, so the window stays responsive on a long meeting; printing,
saving or opening a document not yet ready waits for it, then goes on. The preview
renders its pages lazily.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.errors import UserError
from clu_desktop.gui import letterhead_check, messages
from clu_desktop.gui.documents import archive_export, printing, word_export
from clu_desktop.gui.documents.catalogue import (
    DOCUMENTS,
    SIGNED_MINUTES,
    DocumentKind,
    Exporter,
    signed_minutes_offered,
)
from clu_desktop.gui.documents.generation import Generator, Job, Outcome
from clu_desktop.gui.documents.pane import PreviewPane
from clu_desktop.gui.documents.side import DocumentSide
from clu_desktop.gui.documents.workspace import Workspace, save_copy
from clu_desktop.services.settings import WHERE_TO_FILL_LETTERHEAD, letterhead_is_empty
from clu_desktop.store.database import Database

NO_MEETING_TEXT = (
    "Aucune séance sélectionnée. Choisissez une séance dans la liste pour produire son "
    "compte-rendu et sa convocation."
)
PDF_FILTER = "Documents PDF (*.pdf)"
SAVE_FOLDER_KEY = "documents/saveFolder"
AUTO_DELAY_MS = 60  # lets the page paint before an automatic generation
PREPARING = "Préparation…"
UNEXPECTED = "Erreur inattendue\u00a0: le détail est dans le journal."


@dataclass(frozen=True)
class Generated:
    """A document generated for a meeting: the file the preview reads."""

    meeting_id: int
    path: Path
    file_name: str  # what "Enregistrer sous…" proposes
    at: dt.datetime
    #: signed minutes: the copy of the PDF signed, or made with the frozen annexes
    note: str | None = None


def ask_save_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """The system's save dialog; None when the user cancels (tests replace this)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), PDF_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(f"{path.name}.pdf")


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class DocumentsPage(QWidget):
    """The meeting's documents; ``exporters`` maps a document's key to the function
    writing its PDF (by default, those of clu_desktop.services.documents.export)."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        exporters: Mapping[str, Exporter] | None = None,
        documents: tuple[DocumentKind, ...] = DOCUMENTS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentsPage")
        self._db = db
        self.documents = documents
        self._exporters = {
            kind.key: (exporters or {}).get(kind.key) or kind.exporter for kind in documents
        }
        self._meeting_id: int | None = None
        self._stack: QUndoStack | None = None
        self._generated: dict[str, Generated] = {}
        self._fresh: set[str] = set()  # generated since the meeting last changed
        self._shown_key: str | None = None  # the document in the preview
        self._epoch = 0  # moves whenever what a document shows may have changed
        #: asked while another document was being generated: started after it
        self._queued: tuple[bool, Callable[[], None] | None] | None = None
        #: asked while the same document was being generated: joins it
        self._joined: tuple[bool, Callable[[], None] | None] = (False, None)
        self._closed = False
        self.generator = Generator(db, self)
        self.generator.finished.connect(self._on_generated)
        self.workspace = Workspace()
        self.destroyed.connect(self.workspace.cleanup)
        self._auto_timer = QTimer(self)
        self._auto_timer.setSingleShot(True)
        self._auto_timer.setInterval(AUTO_DELAY_MS)
        self._auto_timer.timeout.connect(self._generate_if_needed)
        self._build()
        self.show_meeting(None, None)
        # Settle the size constraints before a native window exists, so that showing
        # the page alone (in tests) changes none of them.
        self.ensurePolished()
        self.layout().activate()

    # Building

    def _build(self) -> None:
        self.side = DocumentSide(self.documents)
        self.document_list = self.side.document_list
        self.status = self.side.status
        self.side.connect_buttons(
            lambda: self.generate(explicit=True),
            self.print_document,
            self.save_as,
            self.open_in_viewer,
        )
        self.side.editable_button.clicked.connect(lambda _checked=False: self.export_editable())
        self.side.archive_button.clicked.connect(lambda _checked=False: self.export_archive())
        self.side.send_button.clicked.connect(lambda _checked=False: self.send_by_mail())
        self.pane = PreviewPane()
        self.preview = self.pane.preview
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("documentsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.page_actions: list[QAction] = []
        for name, keys, slot in (
            ("printAction", [QKeySequence.StandardKey.Print], self.print_document),
            ("saveAsAction", [QKeySequence("Ctrl+Shift+S")], self.save_as),
            ("generateAction", [QKeySequence.StandardKey.Refresh], self.generate),
        ):
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.page_actions.append(action)
        for action in self.page_actions + self.pane.zoom_actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        order = [
            self.document_list,
            *self.side.buttons,
            self.side.editable_button,
            self.side.archive_button,
            self.side.send_button,
            self.pane.zoom_out_button,
            self.pane.zoom_in_button,
            self.pane.fit_button,
            self.preview,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.document_list.currentRowChanged.connect(self._on_document_chosen)

    # The meeting

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        if self._stack is not None:
            # The stack may have gone with its meeting.
            with contextlib.suppress(RuntimeError, TypeError):
                self._stack.indexChanged.disconnect(self._on_data_changed)
        self._stack = stack
        if stack is not None:
            stack.indexChanged.connect(self._on_data_changed)
        if meeting_id != self._meeting_id:
            self._forget_documents()
            self._meeting_id = meeting_id
        self._fresh.clear()  # the data may have changed since the page last showed it
        self.side.set_buttons_enabled(meeting_id is not None)
        self.side.set_offered(SIGNED_MINUTES, self._signed_offered(meeting_id))
        for action in self.page_actions:
            action.setEnabled(meeting_id is not None)
        if meeting_id is None:
            self.pane.show_message(NO_MEETING_TEXT)
            self.side.show_status("")
            return
        self._show_current()
        self._schedule()

    def _signed_offered(self, meeting_id: int | None) -> bool:
        if meeting_id is None:
            return False
        with contextlib.suppress(UserError), self._db.reading() as session:
            return signed_minutes_offered(session, meeting_id)
        return False

    def _forget_documents(self) -> None:
        self._auto_timer.stop()
        self._epoch += 1
        self._queued, self._joined = None, (False, None)
        self.preview.clear()
        self._shown_key = None
        for generated in self._generated.values():
            self.workspace.discard(generated.path)
        self._generated.clear()
        self._fresh.clear()

    def _on_data_changed(self) -> None:
        self.side.set_offered(SIGNED_MINUTES, self._signed_offered(self._meeting_id))
        self._epoch += 1
        self._fresh.clear()
        self._schedule()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._schedule()

    def _schedule(self) -> None:
        """Generate the selected document soon if it is out of date and on screen."""
        if (
            self._meeting_id is not None
            and self.isVisible()
            and not self._is_fresh()
            and not self.generator.busy  # it schedules again when it ends
        ):
            self._auto_timer.start()

    def _generate_if_needed(self) -> None:
        if self._meeting_id is not None and self.isVisible() and not self._is_fresh():
            self.generate(explicit=False)

    # The selected document

    def current_kind(self) -> DocumentKind:
        return self.side.current_kind()

    def _is_fresh(self) -> bool:
        key = self.current_kind().key
        return key in self._fresh and key in self._generated

    def _on_document_chosen(self, _row: int) -> None:
        if self._meeting_id is None:
            return
        self._show_current()
        self._schedule()

    def _show_current(self) -> None:
        """Show what was generated for the selected document, if anything."""
        kind = self.current_kind()
        generated = self._generated.get(kind.key)
        if generated is None:
            self.preview.clear()
            self._shown_key = None
            self.pane.show_message(f"{PREPARING}\n\n{kind.label}")
            self.side.show_status("")
            return
        if self.preview.path != generated.path:
            try:
                self.preview.load(generated.path, keep_page=self._shown_key == kind.key)
            except UserError as exc:
                self.pane.show_message(str(exc))
                return
            self._shown_key = kind.key
        self.pane.show_preview()
        self._show_status(kind, generated)

    def _show_status(self, kind: DocumentKind, generated: Generated) -> None:
        count = self.preview.page_count
        pages = "1 page" if count == 1 else f"{count} pages"
        note = f"\n{generated.note}" if generated.note else ""
        self.side.show_status(
            f"{kind.label}\u00a0: aperçu produit à {generated.at:%H:%M}, {pages}.\n"
            f"Nom proposé à l'enregistrement\u00a0: {generated.file_name}{note}"
        )

    def _show_failure(self, kind: DocumentKind, text: str) -> None:
        self.side.show_status(f"{kind.label}\u00a0: la génération a échoué.\n{text}", error=True)
        if not self.pane.showing_preview:
            self.pane.show_message(f"L'aperçu n'a pas pu être produit.\n\n{text}")

    # Generating

    def generate(self, explicit: bool = True, then: Callable[[], None] | None = None) -> bool:
        """Start generating the selected document for the meeting, off the GUI thread;
        False when there is no meeting. The preview follows when it is ready; a refusal
        of the exporter keeps the previous preview, and is told in a message box when the
        user asked (``explicit``), on the page only when it was automatic. ``then`` runs
        once the document is ready. While a document is being generated, the request
        waits for it (the newest one only)."""
        self._auto_timer.stop()
        if self._meeting_id is None:
            return False
        kind = self.current_kind()
        running = self.generator.job
        if running is not None:
            if (running.kind.key, running.meeting_id, running.epoch) == (
                kind.key,
                self._meeting_id,
                self._epoch,
            ):
                joined_explicit, joined_then = self._joined
                self._joined = (explicit or joined_explicit, then or joined_then)
            else:
                self._queued = (explicit, then)
            return True
        job = Job(
            kind,
            self._meeting_id,
            self.workspace.new_file(kind.file_prefix),
            self._epoch,
            explicit,
            then,
        )
        self.side.show_status(f"{kind.label}\u00a0: {PREPARING.lower()}")
        if self._shown_key != kind.key:
            self.pane.show_message(f"{PREPARING}\n\n{kind.label}")
        self.generator.start(job, self._exporters[kind.key])
        return True

    def _on_generated(self, outcome: Outcome) -> None:
        """A job ended (on the GUI thread): show its document, or say why not."""
        job, made = outcome.job, outcome.made
        if self._closed or job.meeting_id != self._meeting_id:
            self.workspace.discard(job.target if made is None else made.path)
            if not self._closed:
                self._schedule()  # the meeting shown now
            return
        queued, self._queued = self._queued, None
        joined_explicit, joined_then = self._joined
        self._joined = (False, None)
        explicit, then = job.explicit or joined_explicit, job.then or joined_then
        if made is None:
            self.workspace.discard(job.target)
            text = outcome.refusal if outcome.error is None else UNEXPECTED
            self._show_failure(job.kind, text)
            if outcome.refusal is not None and explicit:
                messages.show_error(self, outcome.refusal)
        else:
            previous = self._generated.get(job.kind.key)
            self._generated[job.kind.key] = Generated(
                job.meeting_id, made.path, made.file_name, dt.datetime.now(), made.note
            )
            if job.epoch == self._epoch:
                self._fresh.add(job.kind.key)
            if job.kind.key == self.current_kind().key:
                self._show_current()
            if previous is not None and previous.path != made.path:
                self.workspace.discard(previous.path)
        if queued is not None:
            self.generate(*queued)
        elif made is None:
            pass  # generated again when asked, or when the meeting changes
        elif then is not None and job.kind.key == self.current_kind().key:
            then()
        else:
            self._schedule()  # the meeting may have changed meanwhile
        if outcome.error is not None:
            # A bug: the crash hook tells the user and logs it; the page stays usable.
            raise outcome.error

    def _ready(self, then: Callable[[], None]) -> Generated | None:
        """The selected document if it is ready to leave the application; else None:
        no letterhead (the user is told), a refusal, or the meeting changed since it
        was generated (it is generated again, then ``then`` runs)."""
        if self._meeting_id is None:
            return None
        if not self._letterhead_ready():
            return None
        if not self._is_fresh():
            self.generate(explicit=True, then=then)
            return None
        return self._generated.get(self.current_kind().key)

    def _letterhead_ready(self) -> bool:
        """While the letterhead is empty, nothing goes out: the user is offered the
        settings; True once it is filled (the document is then generated again)."""
        kind = self.current_kind()
        if kind.key == SIGNED_MINUTES:  # the PDF as signed, whatever the settings now
            return True
        if kind.key == "minutes" and self._signed_offered(self._meeting_id):
            return True  # the minutes are the copy of the PDF signed, as they were signed
        with self._db.reading() as session:
            if not letterhead_is_empty(session):
                return True
        if letterhead_check.letterhead_ready(self, self._db):
            self._fresh.clear()  # the documents carry the new letterhead
            return True
        self.side.show_status(
            f"{kind.label}\u00a0: non imprimé ni enregistré, l'en-tête des documents est "
            f"vide.\n{WHERE_TO_FILL_LETTERHEAD}",
            error=True,
        )
        return False

    # Print, save, open

    def print_document(self) -> None:
        generated = self._ready(self.print_document)
        if generated is None:
            return
        kind = self.current_kind()
        printer = printing.ask_printer(
            self,
            f"Imprimer — {kind.label}",
            generated.file_name.removesuffix(".pdf"),
            generated.path,
            self.preview.current_page,
        )
        if printer is None:
            return
        try:
            sheets = printing.print_with_progress(
                self, f"Imprimer — {kind.label}", generated.path, printer, self.preview.current_page
            )
        except printing.PrintCancelled:
            self.side.show_status(f"{kind.label}\u00a0: impression annulée.")
            return
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        pages = "1 page envoyée" if sheets == 1 else f"{sheets} pages envoyées"
        self.side.show_status(f"{kind.label}\u00a0: {pages} à l'impression.")

    def save_as(self) -> None:
        generated = self._ready(self.save_as)
        if generated is None:
            return
        kind = self.current_kind()
        settings = QSettings()
        folder = settings.value(SAVE_FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        target = ask_save_path(
            self, f"Enregistrer {kind.noun}", Path(str(folder)) / generated.file_name
        )
        if target is None:
            return
        try:
            with wait_cursor():
                save_copy(generated.path, target)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        settings.setValue(SAVE_FOLDER_KEY, str(target.parent))
        self.side.show_status(f"{kind.label}\u00a0: copie enregistrée dans « {target} ».")

    def export_editable(self) -> None:
        """« Exporter en traitement de texte… »: the minutes as .odt or .docx."""
        if self._meeting_id is not None:
            word_export.export_editable(self, self._db, self._meeting_id, self.side, wait_cursor)

    def export_archive(self) -> None:
        """« Exporter pour archivage… »: the minutes as PDF/A-2b."""
        if self._meeting_id is not None:
            archive_export.export_archive(self, self._db, self._meeting_id, self.side, wait_cursor)

    def open_in_viewer(self) -> None:
        generated = self._ready(self.open_in_viewer)
        if generated is None:
            return
        try:
            copy = self.workspace.viewer_copy(generated.path, generated.file_name)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
            messages.show_error(
                self,
                "Aucune visionneuse PDF n'a pu être ouverte. Enregistrez le document avec "
                "« Enregistrer sous… » puis ouvrez-le depuis le dossier choisi.",
            )

    def send_by_mail(self) -> None:
        """« Envoyer la convocation… » or « … le compte-rendu… » (gui/documents/sending.py)."""
        from clu_desktop.gui.documents.sending import send_documents

        if self._meeting_id is not None:
            kind = "convocation" if self.current_kind().key == "agenda" else "minutes"
            status = send_documents(self, self._db, self._meeting_id, kind)
            if status is not None:
                self.side.show_status(status)

    def cleanup(self) -> None:
        """Let go of the generated files and remove the page's temporary folder (once
        the document being generated, if any, is written)."""
        self._closed = True
        self.generator.wait()
        self._forget_documents()
        self.workspace.cleanup()
