"""The meeting navigator: committees and their meetings, newest first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from clu_desktop.gui.models.navigator_model import (
    DATE_COLUMN,
    MEETING_ID_ROLE,
    STATUS_COLUMN,
    TITLE_COLUMN,
    MeetingTreeModel,
)
from clu_desktop.services.meetings.listing import MeetingSummary


class MeetingNavigator(QTreeView):
    """Emits ``meetingSelected`` with the selected meeting's id (or None)."""

    meetingSelected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingNavigator")
        self.setAccessibleName("Séances")
        self.setAccessibleDescription("Séances par comité, la plus récente en premier")
        self.tree_model = MeetingTreeModel(self)
        self.setModel(self.tree_model)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DATE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self._silent = False
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def set_meetings(self, rows: list[MeetingSummary], select_id: int | None) -> int | None:
        """Show ``rows``; select ``select_id`` if listed, else the newest meeting.

        Returns the selected id. Selecting again the meeting that was selected emits
        nothing, so that a page being edited is not reloaded under the user's fingers.
        """
        previous = self.selected_meeting_id()
        self._silent = True
        try:
            self.tree_model.set_rows(rows)
            for row in range(self.tree_model.rowCount()):
                self.setFirstColumnSpanned(row, QModelIndex(), True)
            self.expandAll()
            index = self.tree_model.index_of(select_id)
            if not index.isValid():
                index = self.tree_model.newest_index()
            if index.isValid():
                self.setCurrentIndex(index)
                self.scrollTo(index)
        finally:
            self._silent = False
        selected = self.selected_meeting_id()
        if selected != previous:
            self.meetingSelected.emit(selected)
        return selected

    def needed_width(self) -> int:
        """The width showing every meeting's date, title and status whole (and each
        committee's name), frame and scroll bar included."""
        metrics = self.fontMetrics()
        padding = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 8
        header = self.header()
        model = self.tree_model
        widths = [header.sectionSizeHint(column) for column in range(model.columnCount())]
        spanned = 0
        for row in range(model.rowCount()):
            committee = model.index(row, 0)
            text = str(committee.data() or "")
            spanned = max(spanned, metrics.horizontalAdvance(text) + padding + self.indentation())
            for child in range(model.rowCount(committee)):
                for column in range(len(widths)):
                    shown = str(model.index(child, column, committee).data() or "")
                    indent = 2 * self.indentation() if column == 0 else 0
                    advance = metrics.horizontalAdvance(shown) + padding + indent
                    widths[column] = max(widths[column], advance)
        content = max(sum(widths), spanned)
        return content + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def select_meeting(self, meeting_id: int) -> None:
        index = self.tree_model.index_of(meeting_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def selected_meeting_id(self) -> int | None:
        index = self.currentIndex()
        return index.siblingAtColumn(0).data(MEETING_ID_ROLE) if index.isValid() else None

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._silent:
            self.meetingSelected.emit(current.siblingAtColumn(0).data(MEETING_ID_ROLE))
