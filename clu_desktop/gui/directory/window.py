"""The directory window (Annuaire): people, organisations and committees, one search box."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.gui.common.layout import buddy, name
from clu_desktop.gui.directory.committees import CommitteesTab
from clu_desktop.gui.directory.editing import (
    DirectoryContext,
)
from clu_desktop.gui.directory.organisations import OrganisationsTab
from clu_desktop.gui.directory.people_tab import PeopleTab
from clu_desktop.gui.undo import UndoKeys
from clu_desktop.store.database import Database

SEARCH_PLACEHOLDER = "Rechercher une personne, un organisme…"


class DirectoryWindow(QMainWindow):
    """The directory over ``db``. Every change is saved at once and can be undone with
    the window's own undo stack (``undo_stack``); ``changed`` follows each saved change."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("directoryWindow")
        self.setAccessibleName("Annuaire")
        self.setWindowTitle("Annuaire — CLU Desktop")
        self.undo_stack = QUndoStack(self)
        self.ctx = DirectoryContext(db, self.undo_stack, self)
        self.ctx.saved.connect(self._saved)
        self.undo_stack.indexChanged.connect(self._undone_or_redone)

        self.search = name(QLineEdit(), "directorySearch", "Rechercher dans l'annuaire")
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.search.setToolTip(
            "Recherche dans les noms, prénoms, fonctions, organismes et courriels, "
            "sans tenir compte des accents ni des majuscules (Échap pour effacer)"
        )
        self.search.textChanged.connect(self._search_changed)
        # Ctrl+Z in the search box undoes the last change to the data, not the typing.
        UndoKeys(lambda: self.undo_stack, self.search).watch(self.search)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.search.clear)

        self.people_tab = PeopleTab(self.ctx, self.search.clear)
        self.organisations_tab = OrganisationsTab(self.ctx, self.search.clear)
        self.committees_tab = CommitteesTab(self.ctx, self.search.clear)
        self.tabs = name(QTabWidget(), "directoryTabs", "Annuaire")
        self.tabs.addTab(self.people_tab, "&Personnes")
        self.tabs.addTab(self.organisations_tab, "Or&ganismes")
        self.tabs.addTab(self.committees_tab, "Co&mités")

        search_row = QHBoxLayout()
        search_row.addWidget(buddy("&Rechercher\u00a0:", self.search))
        search_row.addWidget(self.search, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(search_row)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        QWidget.setTabOrder(self.search, self.tabs)

        self.count_label = name(QLabel(), "directoryCount", "Nombre de résultats")
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_menus()

        self.tabs.currentChanged.connect(self._tab_changed)
        self.resize(1200, 760)
        self._tab_changed(self.tabs.currentIndex())
        self.ensurePolished()
        self.layout().activate()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Fichier")
        self.close_action = QAction("&Fermer l'annuaire", self)
        self.close_action.setObjectName("closeDirectoryAction")
        self.close_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_action.triggered.connect(self.close)
        file_menu.addAction(self.close_action)

        edit_menu = self.menuBar().addMenu("É&dition")
        self.undo_action = self.undo_stack.createUndoAction(self, "Annuler")
        self.undo_action.setObjectName("directoryUndoAction")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, "Rétablir")
        self.redo_action.setObjectName("directoryRedoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = QAction("&Rechercher", self)
        self.find_action.setObjectName("directoryFindAction")
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_search)
        edit_menu.addAction(self.find_action)
        self.addActions([self.undo_action, self.redo_action, self.find_action])

    def current_tab(self):
        return self.tabs.currentWidget()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        """Read again what the current tab shows."""
        self.current_tab().refresh()
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(self.current_tab().count_text())

    def _search_changed(self, text: str) -> None:
        self.current_tab().set_query(text)
        self._show_count()

    def _tab_changed(self, _index: int) -> None:
        tab = self.current_tab()
        tab.query = self.search.text()
        tab.refresh()
        self._show_count()

    def _saved(self) -> None:
        self._show_count()
        self.changed.emit()

    def _undone_or_redone(self, _index: int) -> None:
        if self.ctx.recording:
            return  # our own change, already shown
        self.refresh()
        self.changed.emit()
