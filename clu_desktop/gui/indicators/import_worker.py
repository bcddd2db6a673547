"""The import's long steps off the GUI thread: checking the whole file, then writing it.

A ``Job`` is a QThread running one function with its own session, opened from the
``Database`` in the thread itself (a session is never shared between threads). Its
progress reaches the GUI thread as a signal; ``cancel()`` makes the next progress call
stop the check (the core raises ``Cancelled``), and an import cancelled while it writes
is rolled back: the transaction raises before its commit. Either way nothing is written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from clu_desktop.errors import UserError
from clu_desktop.gui import colours
from clu_desktop.gui.indicators.editing import message_label, name
from clu_desktop.services.indicators import files as core
from clu_desktop.store.database import Database

#: Progress is told to the window at most this many times per job.
PROGRESS_STEPS = 200
#: The jobs running. A QThread destroyed while it runs aborts the whole program, so a job
#: belongs to no widget: it keeps itself here until its thread has finished, whatever
#: became of the dialog that started it (closed while a workbook was still being read).
_RUNNING: set[Job] = set()


class JobCancelled(Exception):
    """The user pressed « Annuler »: the job stops, nothing was written."""


class Job(QThread):
    """Runs ``work(session, progress)`` in a thread: ``check`` in a reading session,
    ``write`` in a transaction. Signals (received on the GUI thread): ``progressed(done,
    total)``, ``succeeded(result)``, ``refused(message)`` for a UserError, ``cancelled()``
    and ``crashed(exception)`` for a bug (the window raises it again)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    refused = Signal(str)
    cancelled = Signal()
    crashed = Signal(object)

    def __init__(
        self,
        db: Database,
        work: Callable[..., object],
        *,
        writes: bool = False,
        parent=None,
    ) -> None:
        super().__init__()  # no parent: see _RUNNING
        self.db, self.work, self.writes = db, work, writes
        self._cancel = threading.Event()
        self._last_step = -1

    def start(self) -> None:  # type: ignore[override]  # one call, no priority
        _RUNNING.add(self)
        self.finished.connect(self._forget)
        super().start()

    def _forget(self) -> None:
        _RUNNING.discard(self)
        self.deleteLater()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def progress(self, done: int, total: int) -> bool:
        """The core's progress callback: False stops it (the user cancelled)."""
        step = done * PROGRESS_STEPS // total if total > 0 else 0
        if step != self._last_step or done >= total:
            self._last_step = step
            self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._run()
        except (JobCancelled, core.Cancelled):
            self.cancelled.emit()
        except UserError as exc:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.refused.emit(str(exc))
        except Exception as exc:  # a bug: shown by the window's crash handler
            self.crashed.emit(exc)
        else:
            self.succeeded.emit(result)

    def _run(self) -> object:
        if not self.writes:
            with self.db.reading() as session:
                result = self.work(session, self.progress)
            if self._cancel.is_set():
                raise JobCancelled
            return result
        with self.db.transaction() as session:
            result = self.work(session, self.progress)
            if self._cancel.is_set():
                raise JobCancelled  # before the commit: everything is rolled back
        return result


class ProgressStrip(QWidget):
    """What runs, under the steps: a message, the progress bar and the button that
    stops the job (« Annuler la vérification ») or starts the check again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = message_label("importStatus", "État de la vérification")
        self.bar = name(QProgressBar(), "importProgress", "Progression de la vérification")
        self.bar.setTextVisible(True)
        self.bar.hide()
        self.button = name(
            QPushButton("Annuler la vérifica&tion"),
            "cancelCheck",
            "Annuler la vérification (rien n'est écrit)",
        )
        self.button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.button)

    def say(self, text: str, tone: colours.Tone | None = None) -> None:
        self.label.setText(text)
        if tone is None:
            colours.unpaint(self.label)
        else:
            colours.paint(self.label, tone)

    def running(self, text: str, stop_text: str) -> None:
        self.say(text)
        self.bar.setRange(0, 0)  # busy until the first progress
        self.bar.show()
        self.button.setText(stop_text)
        self.button.show()

    def progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def stopped(self, restart_text: str | None) -> None:
        """The job ended: « Relancer… » offered after a cancel, else nothing."""
        self.bar.hide()
        if restart_text:
            self.button.setText(restart_text)
        else:
            self.button.hide()
