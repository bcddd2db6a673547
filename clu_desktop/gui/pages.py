"""The pages of a meeting, in the order of the tabs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from clu_desktop.store.database import Database


class MeetingView(Protocol):
    def show_meeting(self, meeting_id: int | None, stack: QUndoStack | None) -> None: ...


@dataclass(frozen=True)
class Page:
    title: str
    widget: QWidget  # a MeetingView; it may have a ``changed`` signal


def build_pages(db: Database) -> list[Page]:
    from clu_desktop.gui.agenda.page import AgendaPage
    from clu_desktop.gui.documents.page import DocumentsPage
    from clu_desktop.gui.meeting_page import MeetingPage
    from clu_desktop.gui.placeholders import EmptyPage, ParticipantsPage

    return [
        Page("&Séance", MeetingPage(db)),
        Page("&Ordre du jour", AgendaPage(db)),
        Page("&Participants", ParticipantsPage(db)),
        Page(
            "&Qualité",
            EmptyPage(
                "qualityPage",
                "Le suivi du label, des audits et du plan d'action s'affichera ici. "
                "Les audits et constats de la séance de démonstration sont déjà dans la base.",
            ),
        ),
        Page(
            "&Indicateurs",
            EmptyPage(
                "indicatorsPage",
                "Les indicateurs qualité, leurs valeurs par période et par site et leurs "
                "graphiques s'afficheront ici.",
            ),
        ),
        Page("&Documents", DocumentsPage(db)),
    ]
