"""The main window: the meeting navigator on the left, the selected meeting on the right."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, QItemSelection, QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from clu_desktop import __version__
from clu_desktop.gui.models.meetings_model import (
    COMMITTEE_COLUMN,
    DATE_COLUMN,
    MEETING_ID_ROLE,
    STATUS_COLUMN,
    TITLE_COLUMN,
    MeetingListModel,
)
from clu_desktop.services.meetings import MeetingSummary, list_meetings
from clu_desktop.store.database import Database

APP_TITLE = "CLU Desktop"
EMPTY_STATE_TEXT = (
    "Aucune séance. Chargez la séance de démonstration avec « clu-desktop demo » ou créez-en une."
)
NO_SELECTION_TEXT = "Sélectionnez une séance dans la liste."
MAX_COMMITTEE_CHARS = 30  # average characters the committee column shows at most
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


def long_french_date(date: dt.date) -> str:
    """ "jeudi 14 mars 2024"."""
    return FRENCH.toString(QDate(date.year, date.month, date.day), "dddd d MMMM yyyy")


def meeting_count_text(count: int) -> str:
    if count == 0:
        return "Aucune séance"
    return "1 séance" if count == 1 else f"{count} séances"


class MeetingSummaryPanel(QWidget):
    """A read-only summary of one meeting: title, date, committee and status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingSummary")
        self.setAccessibleName("Séance sélectionnée")

        self.title_label = QLabel()
        self.title_label.setObjectName("meetingTitle")
        self.title_label.setAccessibleName("Intitulé de la séance")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title_label.setFont(font)

        self.date_label = self._value_label("meetingDate", "Date de la séance")
        self.committee_label = self._value_label("meetingCommittee", "Comité")
        self.status_label = self._value_label("meetingStatus", "Statut de la séance")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for caption, value in (
            ("&Date\u00a0:", self.date_label),
            ("&Comité\u00a0:", self.committee_label),
            ("&Statut\u00a0:", self.status_label),
        ):
            label = QLabel(caption)
            label.setBuddy(value)
            form.addRow(label, value)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)

    @staticmethod
    def _value_label(object_name: str, accessible_name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(object_name)
        label.setAccessibleName(accessible_name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return label

    def show_meeting(self, summary: MeetingSummary) -> None:
        self.title_label.setText(summary.title)
        self.date_label.setText(long_french_date(summary.date))
        self.committee_label.setText(summary.committee)
        label = summary.status_label
        self.status_label.setText(label[:1].upper() + label[1:])


class MainWindow(QMainWindow):
    """The application's window over one open database.

    It reads its data only through ``clu_desktop.services``; :meth:`refresh` reloads it.
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_TITLE} — {db.description}")
        self.setAccessibleName(APP_TITLE)

        self.meeting_model = MeetingListModel(self)
        self.navigator = self._build_navigator()

        self.message_label = QLabel()
        self.message_label.setObjectName("detailsMessage")
        self.message_label.setAccessibleName("Information")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMargin(24)
        self.summary_panel = MeetingSummaryPanel()

        self.details = QStackedWidget()
        self.details.setObjectName("details")
        self.details.setAccessibleName("Détail de la séance")
        self.details.addWidget(self.message_label)
        self.details.addWidget(self.summary_panel)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)

        self.location_label = QLabel(f"Données\u00a0: {db.description}")
        self.location_label.setObjectName("dataLocation")
        self.location_label.setAccessibleName("Emplacement des données")
        self.location_label.setTextFormat(Qt.TextFormat.PlainText)
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location_label.setToolTip(db.description)
        # A long path must not force a wide window: the label is cut instead.
        self.location_label.setMinimumWidth(1)
        self.location_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label = QLabel()
        self.count_label.setObjectName("meetingCount")
        self.count_label.setAccessibleName("Nombre de séances")
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

        self._build_menus()
        self.resize(1100, 700)
        self.refresh()
        # Settle the size constraints before the native window exists: showing the window
        # then leaves them unchanged (the offscreen platform warns when they change).
        self.ensurePolished()
        self.layout().activate()

    # Building

    def _build_navigator(self) -> QTreeView:
        view = QTreeView()
        view.setObjectName("meetingNavigator")
        view.setAccessibleName("Séances")
        view.setAccessibleDescription("Liste des séances, la plus récente en premier")
        view.setModel(self.meeting_model)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setAllColumnsShowFocus(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DATE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COMMITTEE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        return view

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Fichier")
        self.quit_action = QAction("&Quitter", self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setStatusTip("Fermer CLU Desktop")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        help_menu = self.menuBar().addMenu("&Aide")
        self.about_action = QAction("À &propos de CLU Desktop", self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setStatusTip("Version et description de CLU Desktop")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    # Data

    def refresh(self) -> None:
        """Reload the meetings; keep the selected one, else select the newest."""
        kept_id = self.selected_meeting_id()
        try:
            with self._db.reading() as session:
                rows = list_meetings(session)
        except SQLAlchemyError as exc:
            self.meeting_model.set_rows([])
            self.count_label.clear()
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            self._show_message(f"Impossible de lire les séances de la base\u00a0: {reason}")
            return
        self.meeting_model.set_rows(rows)
        self.count_label.setText(meeting_count_text(len(rows)))
        self._fit_committee_column()
        if not rows:
            self._show_message(EMPTY_STATE_TEXT)
            return
        row = self.meeting_model.row_of(kept_id) if kept_id is not None else None
        if row is None:
            newest = max(rows, key=lambda summary: (summary.date, summary.id))
            row = self.meeting_model.row_of(newest.id)
        self.select_row(row)
        self._update_details()

    def _fit_committee_column(self) -> None:
        # Wide enough for usual names; a long one is cut (with a tooltip) so that the
        # title keeps most of the room.
        header = self.navigator.header()
        wanted = max(
            self.navigator.sizeHintForColumn(COMMITTEE_COLUMN),
            header.sectionSizeHint(COMMITTEE_COLUMN),
        )
        widest = self.navigator.fontMetrics().averageCharWidth() * MAX_COMMITTEE_CHARS
        self.navigator.setColumnWidth(COMMITTEE_COLUMN, min(wanted, widest))

    def select_row(self, row: int) -> None:
        index = self.meeting_model.index(row, 0)
        self.navigator.setCurrentIndex(index)
        self.navigator.scrollTo(index)

    def selected_meeting_id(self) -> int | None:
        rows = self.navigator.selectionModel().selectedRows()
        return rows[0].data(MEETING_ID_ROLE) if rows else None

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_details()

    def _update_details(self) -> None:
        if self.meeting_model.rowCount() == 0:
            return  # the empty state or an error is already shown
        rows = self.navigator.selectionModel().selectedRows()
        if not rows:
            self._show_message(NO_SELECTION_TEXT)
            return
        self.summary_panel.show_meeting(self.meeting_model.summary_at(rows[0].row()))
        self.details.setCurrentWidget(self.summary_panel)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.details.setCurrentWidget(self.message_label)

    # Actions

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "À propos de CLU Desktop",
            f"<h3>{APP_TITLE} {html.escape(__version__)}</h3>"
            "<p>Comité local des usagers\u00a0: annuaire, séances, émargement, qualité "
            "et comptes-rendus, hors ligne.</p>"
            f"<p>Données\u00a0: {html.escape(self._db.description)}</p>",
        )
