"""The pages of a meeting, in the order of the tabs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clu_desktop.store.database import Database


class MeetingView(Protocol):
    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None: ...


@dataclass(frozen=True)
class Page:
    title: str
    widget: QWidget  # a MeetingView; it may have a ``changed`` signal


class LazyPage(QWidget):
    """Stands for a page until it is first shown, then builds it: what a page imports
    (a PDF renderer…) is not loaded, nor its widgets made, before the first meeting is on
    screen. ``built`` gives the page once made (the window restores its splitters)."""

    changed = Signal()
    built = Signal(QWidget)

    def __init__(self, build: Callable[[], QWidget], object_name: str) -> None:
        super().__init__()
        self.setObjectName(f"{object_name}Holder")
        self._build = build
        self.page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None:
        if self.page is None:
            self.page = self._build()
            self._layout.addWidget(self.page)
            self.page.show()  # now, not at the next event loop turn: keys reach it at once
            if hasattr(self.page, "changed"):
                self.page.changed.connect(self.changed)
            self.built.emit(self.page)
        self.page.show_meeting(meeting_id, stack)

    def cleanup(self) -> None:
        cleanup = getattr(self.page, "cleanup", None)
        if cleanup is not None:
            cleanup()


def _meeting_page(db: Database) -> QWidget:
    from clu_desktop.gui.meeting.page import MeetingPage

    return MeetingPage(db)


def _agenda_page(db: Database) -> QWidget:
    from clu_desktop.gui.agenda.page import AgendaPage

    return AgendaPage(db)


def _participants_page(db: Database) -> QWidget:
    from clu_desktop.gui.participants.page import ParticipantsPage

    return ParticipantsPage(db)


def _documents_page(db: Database) -> QWidget:
    from clu_desktop.gui.documents.page import DocumentsPage

    return DocumentsPage(db)


def _indicators_page(db: Database) -> QWidget:
    from clu_desktop.gui.indicators.page import IndicatorsPage

    return IndicatorsPage(db)


def _quality_page(db: Database) -> QWidget:
    from clu_desktop.gui.quality.page import QualityPage

    return QualityPage(db)


def build_pages(db: Database) -> list[Page]:
    """Every page waits to be shown to be made: at start only the current tab's is."""
    return [
        Page("&Séance", LazyPage(lambda: _meeting_page(db), "meetingPage")),
        Page("&Ordre du jour", LazyPage(lambda: _agenda_page(db), "agendaPage")),
        Page("&Participants", LazyPage(lambda: _participants_page(db), "participantsPage")),
        Page("&Qualité", LazyPage(lambda: _quality_page(db), "qualityPage")),
        Page("&Indicateurs", LazyPage(lambda: _indicators_page(db), "indicatorsPage")),
        Page("Do&cuments", LazyPage(lambda: _documents_page(db), "documentsPage")),
    ]
