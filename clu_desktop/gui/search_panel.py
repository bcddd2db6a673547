"""The search field above the meeting navigator, and the meetings it finds.

Ctrl+F (the main window's « Rechercher dans les séances ») puts the focus in the field.
While it holds text, the navigator's place shows the meetings found (newest first, with
the date, the title, where the words are and the excerpt, the words in bold); Entrée in
the field or on a result, or a double click, opens the meeting; Échap empties the field
and shows the navigator again. The search runs a moment after the typing stops, through
``services.search``.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from clu_desktop.errors import UserError
from clu_desktop.gui.models.search_model import HTML_ROLE, MEETING_ID_ROLE, SearchResultsModel
from clu_desktop.services.search import search_meetings
from clu_desktop.store.database import Database

TYPING_PAUSE_MS = 250
PLACEHOLDER = "Rechercher dans les séances (Ctrl+F)"


def found_text(count: int, limit: int) -> str:
    if count == 0:
        return "Aucune séance ne contient ces mots."
    if count >= limit:
        return f"Les {limit} séances les plus récentes qui contiennent ces mots :"
    return (
        "1 séance trouvée :"
        if count == 1
        else f"{count} séances trouvées, la plus récente en premier :"
    )


class _HtmlDelegate(QStyledItemDelegate):
    """Paints a row's rich text (``HTML_ROLE``) in the palette's colours."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(option.rect.width(), 200))
        return document

    def paint(self, painter, option, index) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        document = self._document(options, index)
        options.text = ""
        style = options.widget.style() if options.widget else None
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget
            )
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(options.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(role))
        painter.save()
        painter.translate(options.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, options.rect.width(), options.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        document = self._document(options, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))


class _ResultsView(QListView):
    """Entrée opens the current result, as a double click does."""

    activatedByKey = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedByKey.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class _SearchField(QLineEdit):
    """Down goes to the results; Échap empties the field."""

    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """The search field over a stack: ``navigator`` while the field is empty, the
    meetings found otherwise. Emits ``meetingChosen`` with the id of the meeting to open."""

    meetingChosen = Signal(int)

    def __init__(
        self, db: Database, navigator: QWidget, parent: QWidget | None = None, limit: int = 50
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._db = db
        self._limit = limit
        self.field = _SearchField()
        self.field.setObjectName("searchField")
        self.field.setAccessibleName("Rechercher dans les séances")
        self.field.setAccessibleDescription(
            "Mots des titres, de l'ordre du jour, des interventions, des actions, des "
            "participants et des organismes, sans tenir compte des accents"
        )
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setClearButtonEnabled(True)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setAccessibleName("Résultat de la recherche")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.model = SearchResultsModel(self)
        self.results = _ResultsView()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Séances trouvées")
        self.results.setModel(self.model)
        self.results.setItemDelegate(_HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setAlternatingRowColors(True)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        found = QWidget()
        found.setObjectName("searchFound")
        found_layout = QVBoxLayout(found)
        found_layout.setContentsMargins(0, 0, 0, 0)
        found_layout.addWidget(self.status)
        found_layout.addWidget(self.results, 1)
        self.navigator = navigator
        self.stack = QStackedWidget()
        self.stack.setObjectName("navigatorStack")
        self.stack.setAccessibleName("Séances")
        self.stack.addWidget(navigator)
        self.stack.addWidget(found)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.field)
        # Reading order: the field, then the meetings or the results (one is shown).
        QWidget.setTabOrder(self.field, navigator)
        QWidget.setTabOrder(navigator, self.results)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.rerun)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.returnPressed.connect(self._open_from_field)
        self.field.downPressed.connect(self._go_to_results)
        self.results.doubleClicked.connect(self._open)
        self.results.activatedByKey.connect(self._open)

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self.model.set_rows([])
            self.stack.setCurrentIndex(0)
            return
        self._timer.start()

    def rerun(self) -> None:
        """Search again what the field holds (after typing, or after data changed)."""
        self._timer.stop()
        text = self.field.text()
        if not text.strip():
            return
        try:
            with self._db.reading() as session:
                hits = search_meetings(session, text, self._limit)
        except UserError as exc:  # too short: said under the field, no dialog while typing
            self.model.set_rows([])
            self.status.setText(str(exc))
        except SQLAlchemyError as exc:  # a server gone away: said there too
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            self.model.set_rows([])
            self.status.setText(
                f"La recherche n'a pas pu lire la base\u00a0: {reason}. Vérifiez que la base "
                "est accessible, puis tapez à nouveau."
            )
        else:
            current = self.results.currentIndex().data(MEETING_ID_ROLE)
            self.model.set_rows(hits)
            self.status.setText(found_text(len(hits), self._limit))
            rows = [hit.meeting_id for hit in hits]
            if rows:  # the result chosen stays chosen when the search runs again
                row = rows.index(current) if current in rows else 0
                self.results.setCurrentIndex(self.model.index(row))
        self.stack.setCurrentIndex(1)

    def _go_to_results(self) -> None:
        if self._timer.isActive():
            self.rerun()
        if self.model.rowCount():
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_from_field(self) -> None:
        if self._timer.isActive() or self.stack.currentIndex() == 0:
            self.rerun()
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        if index.isValid():
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        meeting_id = index.data(MEETING_ID_ROLE)
        if meeting_id is not None:
            self.meetingChosen.emit(int(meeting_id))
