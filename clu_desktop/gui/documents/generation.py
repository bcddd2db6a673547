"""Documents generated off the GUI thread.

A job reads the meeting in a session of its own (``Database.reading`` on the worker
thread: the engine gives each thread its own connection) and writes the PDF; the window
stays responsive meanwhile. The outcome comes back to the page on the GUI thread through
a queued signal. One job runs at a time: reportlab's font registry is shared.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from sqlalchemy.orm import Session

from clu_desktop.errors import UserError
from clu_desktop.gui.documents.catalogue import (
    DocumentKind,
    Exporter,
    copy_note,
    default_file_name,
)
from clu_desktop.services.directory.committees import list_committees
from clu_desktop.services.meetings.details import get_meeting_details
from clu_desktop.store.database import Database

THREAD_NAME = "clu-documents"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """What the page asked for: ``epoch`` tells whether the meeting changed since."""

    kind: DocumentKind
    meeting_id: int
    target: Path
    epoch: int
    explicit: bool  # asked by the user: a refusal is told in a message box
    then: Callable[[], None] | None = None  # what to do once it is ready (print…)


@dataclass(frozen=True)
class Made:
    """A document written: its file and what the page says about it."""

    path: Path
    file_name: str  # what "Enregistrer sous…" proposes
    note: str | None  # signed minutes: the copy of the PDF signed, or not


@dataclass(frozen=True)
class Outcome:
    job: Job
    made: Made | None = None
    refusal: str | None = None  # a UserError's French text
    error: BaseException | None = None  # a bug, for the crash hook


def make_document(session: Session, exporter: Exporter, job: Job) -> Made:
    """Write the document of ``job`` with ``exporter`` and read what the page tells."""
    path = Path(exporter(session, job.meeting_id, job.target) or job.target)
    file_name = suggested_file_name(session, job.kind, job.meeting_id)
    return Made(path, file_name, copy_note(session, job.kind, job.meeting_id))


def suggested_file_name(session: Session, kind: DocumentKind, meeting_id: int) -> str:
    """ "compte-rendu-CLU-2023-12-20.pdf": what a save dialog proposes."""
    details = get_meeting_details(session, meeting_id)
    acronym = next(
        (c.acronym for c in list_committees(session) if c.id == details.committee_id), None
    )
    return default_file_name(kind, acronym, details.date)


class Generator(QObject):
    """Runs one job at a time on a worker thread; ``finished`` gives its Outcome on the
    GUI thread."""

    finished = Signal(object)
    _done = Signal(object)  # emitted on the worker thread, received on the GUI thread

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._thread: threading.Thread | None = None
        self.job: Job | None = None  # the job running
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, job: Job, exporter: Exporter) -> None:
        if self._thread is not None:
            raise RuntimeError("a document is already being generated")
        self.job = job
        self._thread = threading.Thread(
            target=self._run, args=(job, exporter), name=THREAD_NAME, daemon=True
        )
        self._thread.start()

    def _run(self, job: Job, exporter: Exporter) -> None:
        try:
            with self._db.reading() as session:
                outcome = Outcome(job, made=make_document(session, exporter, job))
        except UserError as exc:
            outcome = Outcome(job, refusal=str(exc))
        except Exception as exc:
            outcome = Outcome(job, error=exc)
        try:
            self._done.emit(outcome)
        except RuntimeError:  # the page went meanwhile
            _log.info("Document généré pour une page fermée : ignoré")

    def _deliver(self, outcome: Outcome) -> None:
        if self._thread is not None:
            self._thread.join()
        self._thread = self.job = None
        self.finished.emit(outcome)

    def wait(self, timeout: float | None = None) -> None:
        """Let the running job end (before its folder is removed)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
