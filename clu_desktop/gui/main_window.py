"""The main window: the meeting navigator beside the selected meeting's pages.

The window can show itself before the database is open (``MainWindow(None,
description=…)`` then ``attach(db)``): the application's start shows the frame at once
and imports SQLAlchemy, the models and the pages only after that. This module therefore
imports nothing heavy at its top.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from clu_desktop import __version__
from clu_desktop.errors import UserError
from clu_desktop.gui import messages
from clu_desktop.gui.location_label import LocationLabel
from clu_desktop.gui.main_actions import MainActions
from clu_desktop.gui.window_state import WindowState

if TYPE_CHECKING:
    from clu_desktop.gui.navigator import MeetingNavigator
    from clu_desktop.gui.pages import Page
    from clu_desktop.store.database import Database

APP_TITLE = "CLU Desktop"
NAVIGATOR_REFRESH_MS = 150
NAVIGATOR_MAX_WIDTH = 320  # longer titles are elided, whole in their tooltip
OPENING_TEXT = "Ouverture de la base de données…"
MINIMUM_SIZE = QSize(640, 420)
#: The guide's section of the windows F1 may be pressed in, besides the main window.
WINDOW_SECTIONS = {"directoryWindow": "annuaire", "liveAttendance": "seance-en-cours"}


def meeting_count_text(count: int) -> str:
    if count == 0:
        return "Aucune séance"
    return "1 séance" if count == 1 else f"{count} séances"


class MainWindow(MainActions, QMainWindow):
    """The application's window over one open database; it reads and writes only
    through ``clu_desktop.services``."""

    def __init__(
        self,
        db: Database | None,
        parent: QWidget | None = None,
        pages: Callable[[Database], list[Page]] | None = None,
        description: str | None = None,
    ) -> None:
        """The window over ``db``; with ``db=None``, only its frame (title, menus
        disabled, "Ouverture de la base de données…") until :meth:`attach`."""
        super().__init__(parent)
        self._db = db
        self._description = db.description if db is not None else description or ""
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_TITLE} — {self._description}")
        self.setAccessibleName(APP_TITLE)
        self.meeting_id: int | None = None
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self._shown: dict[QWidget, int | None] = {}
        self._directory = None
        self._guide = None
        self.state = WindowState("mainWindow")
        self.pages: list[Page] = []
        self.splitter: QSplitter | None = None
        self._shortcuts: list[tuple[QAction, list]] = []

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(NAVIGATOR_REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)

        self._build_status_bar()
        self._build_actions()
        # A fixed minimum: the frame shown before the database opens and the full window
        # share it, so attaching the pages changes no size constraint of a shown window.
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(1280, 800)
        self.state.restore_window(self)
        if db is None:
            # Nothing of Qt's enum namespace before the frame is on screen: loading it
            # takes a fifth of the bare window's time.
            opening = QWidget()
            opening.setObjectName("openingPlaceholder")
            self.setCentralWidget(opening)
            for action in self._data_actions():
                action.setEnabled(False)
            self.statusBar().showMessage(OPENING_TEXT)
        else:
            self.attach(db, pages)
        # Settle the size constraints before the native window exists, so that showing
        # it changes none of them (the offscreen platform warns when they change).
        self.ensurePolished()
        self.layout().activate()

    def attach(self, db: Database, pages: Callable[[Database], list[Page]] | None = None) -> None:
        """Show ``db``: the navigator, the meeting's pages, the last meeting shown."""
        from PySide6.QtCore import Qt

        from clu_desktop.gui.navigator import MeetingNavigator
        from clu_desktop.gui.pages import build_pages
        from clu_desktop.gui.search_panel import SearchPanel
        from clu_desktop.gui.welcome import WelcomePage

        self._db = db
        self._description = db.description
        self.setWindowTitle(f"{APP_TITLE} — {db.description}")
        self.location_label.set_location(db.description)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._install_shortcuts()
        # F1 in the directory or the live window too: the guide at their section.
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.statusBar().clearMessage()
        import hashlib  # OpenSSL: not before the window shows

        self._db_key = hashlib.sha1(db.description.encode("utf-8")).hexdigest()[:16]

        self.navigator: MeetingNavigator = MeetingNavigator()
        self.navigator.meetingSelected.connect(self.show_meeting)
        self.search = SearchPanel(db, self.navigator)
        self.search.meetingChosen.connect(self.navigator.select_meeting)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        self.tabs.setAccessibleName("Pages de la séance")
        self.pages = (pages or build_pages)(db)
        for page in self.pages:
            self.tabs.addTab(page.widget, page.title)
            if hasattr(page.widget, "changed"):
                page.widget.changed.connect(self._schedule_refresh)
            if hasattr(page.widget, "built"):  # a page made when first shown
                page.widget.built.connect(
                    lambda made: self.state.restore_splitters(*made.findChildren(QSplitter))
                )
        self.tabs.currentChanged.connect(lambda _index: self._show_current_page())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.search)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)  # the navigator keeps its width, the pages
        self.splitter.setStretchFactor(1, 1)  # take what the window gains or loses
        self.welcome = WelcomePage(
            {
                "letterhead": self.open_settings,
                "demo": self.load_demo,
                "create": self.new_meeting,
                "import": self.import_meeting,
                "guide": self.show_guide,
            }
        )
        self.central = QStackedWidget()
        self.central.setObjectName("mainArea")
        self.central.addWidget(self.splitter)
        self.central.addWidget(self.welcome)
        self.setCentralWidget(self.central)

        for action in self._data_actions():
            action.setEnabled(True)
        restored = self.state.restore_splitters(self.splitter, *self._page_splitters())
        tab = self.state.value("tab")
        if tab is not None and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)
        self.refresh(select_id=self.state.value(f"lastMeeting/{self._db_key}"))
        if self.splitter not in restored:  # first run: the navigator as wide as it needs
            navigator = min(self.navigator.needed_width(), NAVIGATOR_MAX_WIDTH)
            total = max(self.splitter.width(), navigator * 3)
            self.splitter.setSizes([navigator, total - navigator])
        if db.created:  # never made in silence: a typo in --db shows here
            self.statusBar().showMessage(f"Nouvelle base créée : {db.description}")

    def _data_actions(self) -> list[QAction]:
        """The actions that need the database (disabled while it opens)."""
        return [
            self.new_action,
            self.duplicate_action,
            self.delete_action,
            self.import_action,
            self.export_action,
            self.settings_action,
            self.directory_action,
            self.search_action,
        ]

    # Building

    def _build_status_bar(self) -> None:
        # Both permanent: a passing message (a menu's tip, "Ouverture…") hides neither.
        self.location_label = LocationLabel()  # filled by attach
        self.count_label = QLabel()
        self.count_label.setObjectName("meetingCount")
        self.count_label.setAccessibleName("Nombre de séances")
        self.statusBar().addPermanentWidget(self.location_label)
        self.statusBar().addPermanentWidget(self.count_label)

    # Meetings

    def refresh(self, select_id: int | None = None) -> None:
        """Reload the navigator; keep the selected meeting (else ``select_id``, else the
        newest)."""
        from sqlalchemy.exc import SQLAlchemyError

        from clu_desktop.services.meetings.listing import list_meetings

        if self._db is None:
            return
        try:
            with self._db.reading() as session:
                rows = list_meetings(session)
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            messages.show_error(self, f"Impossible de lire les séances de la base\u00a0: {reason}")
            return
        keep = self.meeting_id if self.meeting_id is not None else select_id
        self.count_label.setText(meeting_count_text(len(rows)))
        selected = self.navigator.set_meetings(rows, keep)
        if selected != self.meeting_id or not rows:
            self.show_meeting(selected)
        self._show_welcome(not rows)
        self._update_actions()
        self.search.rerun()  # the meetings found may have changed too

    def _show_welcome(self, shown: bool) -> None:
        """An empty base opens on the welcome page; the first meeting replaces it."""
        from clu_desktop.services.settings import letterhead_summary

        if shown:
            with self._db.reading() as session:
                self.welcome.show_letterhead(letterhead_summary(session))
        page = self.welcome if shown else self.splitter
        if self.central.currentWidget() is not page:
            had_focus = self.central.currentWidget().isAncestorOf(self.focusWidget())
            self.central.setCurrentWidget(page)
            if shown or had_focus:
                page.setFocus()

    def _schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def show_meeting(self, meeting_id: int | None) -> None:
        """Make ``meeting_id`` the meeting the pages and Undo work on."""
        self.meeting_id = meeting_id
        self.undo_group.setActiveStack(self._stack(meeting_id))
        self._show_current_page()
        self._update_actions()
        if meeting_id is not None:
            self.state.set_value(f"lastMeeting/{self._db_key}", meeting_id)

    def _stack(self, meeting_id: int | None) -> QUndoStack | None:
        if meeting_id is None:
            return None
        if meeting_id not in self._stacks:
            stack = QUndoStack(self.undo_group)
            self._stacks[meeting_id] = stack
        return self._stacks[meeting_id]

    def _show_current_page(self) -> None:
        """Pages load lazily: only the visible one reads its meeting."""
        page = self.tabs.currentWidget()
        if page is None:
            return
        if self._shown.get(page, -1) != self.meeting_id:
            page.show_meeting(self.meeting_id, self._stack(self.meeting_id))
            self._shown[page] = self.meeting_id

    def current_page(self) -> QWidget | None:
        """The page on screen (a page made when first shown: once made)."""
        holder = self.tabs.currentWidget()
        return getattr(holder, "page", None) or holder

    def reload_pages(self) -> None:
        """Forget what the pages show (the data changed under them) and show again."""
        self._shown.clear()
        self._show_current_page()

    def _update_actions(self) -> None:
        has_meeting = self.meeting_id is not None
        for action in (self.duplicate_action, self.delete_action, self.export_action):
            action.setEnabled(has_meeting)

    def _run(self, work):
        """Run a service in a transaction; a refusal is told, and returns None."""
        try:
            with self._db.transaction() as session:
                return work(session)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return None

    def new_meeting(self) -> None:
        from clu_desktop.services.meetings.listing import create_meeting

        committee_id = self._default_committee_id()
        meeting_id = self._run(lambda s: create_meeting(s, committee_id))
        if meeting_id is not None:
            self._select_new(meeting_id)

    def load_demo(self) -> None:
        """The demonstration meeting (refused, saying why, if the base has meetings)."""
        from clu_desktop.services.meetings.files import load_demo

        meeting_id = self._run(load_demo)
        if meeting_id is not None:
            self._select_new(meeting_id)

    def _default_committee_id(self) -> int | None:
        from clu_desktop.services.settings import get_default_committee_id

        with self._db.reading() as session:
            return get_default_committee_id(session)

    def duplicate_meeting(self) -> None:
        if self.meeting_id is None:
            return
        from clu_desktop.services.meetings.listing import duplicate_as_next

        source = self.meeting_id
        meeting_id = self._run(lambda s: duplicate_as_next(s, source))
        if meeting_id is not None:
            self._select_new(meeting_id)

    def _select_new(self, meeting_id: int) -> None:
        self.meeting_id = None
        self.refresh(select_id=meeting_id)
        self.tabs.setCurrentIndex(0)

    def delete_meeting(self) -> None:
        from clu_desktop.services.meetings.listing import delete_meeting

        if self.meeting_id is None:
            return
        summary = self.navigator.tree_model.summary_by_id(self.meeting_id)
        what = f"« {summary.title} » du {summary.date:%d/%m/%Y}" if summary else "cette séance"
        question = (
            f"Supprimer la séance {what} avec son ordre du jour, ses invitations et ses "
            "annexes ? Les actions décidées restent dans le plan d'action. "
            "Cette suppression ne peut pas être annulée."
        )
        if not messages.confirm(self, question, "Supprimer la séance"):
            return
        meeting_id = self.meeting_id
        if not self._cancel_invitation(meeting_id):
            return
        try:
            with self._db.transaction() as session:
                delete_meeting(session, meeting_id)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        stack = self._stacks.pop(meeting_id, None)
        if stack is not None:
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self.meeting_id = None
        self.refresh()

    def _cancel_invitation(self, meeting_id: int) -> bool:
        """Before a planned meeting whose calendar invitation was made is deleted: offer to
        prepare its cancellation (gui/documents/sending.py). False: keep the meeting (the
        cancellation was asked for, then abandoned or refused)."""
        from clu_desktop.gui.documents.sending import send_documents
        from clu_desktop.services.sending.drafts import cancellation_offered

        with self._db.reading() as session:
            if not cancellation_offered(session, meeting_id):
                return True
        question = (
            "Une invitation d'agenda a été préparée pour cette séance. Préparer son "
            "annulation, pour la retirer des agendas des invités, avant de supprimer la séance ?"
        )
        if not messages.confirm(
            self, question, "Préparer l'annulation", "Non, supprimer seulement"
        ):
            return True
        return send_documents(self, self._db, meeting_id, "cancellation") is not None

    def import_meeting(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Importer une séance", "", "Séance CLU Desktop (*.json)"
        )
        if not name:
            return
        from clu_desktop.services.meetings import files as meeting_files

        meeting_id = self._run(lambda s: meeting_files.import_file(s, Path(name)))
        if meeting_id is not None:
            self._select_new(meeting_id)

    def export_meeting(self) -> None:
        if self.meeting_id is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Exporter la séance", "seance.json", "Séance CLU Desktop (*.json)"
        )
        if not name:
            return
        from clu_desktop.services.meetings import files as meeting_files

        meeting_id = self.meeting_id
        try:
            with self._db.reading() as session:
                meeting_files.export_file(session, str(meeting_id), Path(name))
        except UserError as exc:
            messages.show_error(self, str(exc))

    # Other windows

    def open_directory(self) -> None:
        from clu_desktop.gui.directory.window import DirectoryWindow

        if self._directory is None:
            self._directory = DirectoryWindow(self._db, self)
            self._directory.changed.connect(self._on_directory_changed)
        self._directory.show()
        self._directory.raise_()
        self._directory.activateWindow()

    def _on_directory_changed(self) -> None:
        self._schedule_refresh()
        self._shown.clear()

    def open_settings(self) -> None:
        from clu_desktop.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._db, self)
        dialog.exec()
        self.reload_pages()
        if self.central.currentWidget() is self.welcome:
            self._show_welcome(True)  # the letterhead may be filled now

    def show_guide(self) -> None:
        """The user's guide, at the section of what is on screen (F1)."""
        from clu_desktop.gui.guide import START, GuideWindow, section_of

        if self._guide is None:
            self._guide = GuideWindow(self)
        from PySide6.QtWidgets import QApplication

        active = QApplication.activeWindow()
        section = WINDOW_SECTIONS.get(active.objectName()) if active is not None else None
        if section is None:
            section = START
            if self.splitter is not None and self.central.currentWidget() is self.splitter:
                section = section_of(self.tabs.tabText(self.tabs.currentIndex()))
        self._guide.show_section(section)

    def show_about(self) -> None:
        from clu_desktop.gui.about import AboutDialog

        AboutDialog(f"{APP_TITLE} {__version__}", self._description, self).exec()

    # Closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self.state.save_window(self)
        # Not before the base was open, nor from the welcome page: the pages were never
        # laid out, and their sizes then would shrink the navigator at the next start.
        if self.splitter is not None and self.central.currentWidget() is self.splitter:
            self.state.save_splitters(self.splitter, *self._page_splitters())
            self.state.set_value("tab", self.tabs.currentIndex())
        self.state.sync()
        for page in self.pages:  # pages holding files or handles let them go now
            cleanup = getattr(page.widget, "cleanup", None)
            if cleanup is not None:
                cleanup()
        super().closeEvent(event)

    def _page_splitters(self) -> list[QSplitter]:
        return [s for p in self.pages for s in p.widget.findChildren(QSplitter)]
