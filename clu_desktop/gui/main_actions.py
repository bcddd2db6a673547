"""The main window's actions, menus and toolbar (a part of :class:`MainWindow`).

Built with the window's frame, before the database opens; the keyboard shortcuts are set
only once it is attached (:meth:`MainActions._install_shortcuts`). Light imports only:
this module loads before the window shows.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar


class MainActions:
    """Mixed into the main window, which provides the slots the actions call."""

    def _action(self, text: str, name: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            self._shortcuts.append((action, [shortcut]))
        action.setStatusTip(tip)
        action.setToolTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        return action

    def _install_shortcuts(self) -> None:
        """The keyboard shortcuts, set when the database is attached: setting the first
        one loads Qt's enum namespace, a fifth of a bare window's start-up time, and no
        key can be pressed before the window is on screen."""
        for action, shortcuts in self._shortcuts:
            action.setShortcuts([QKeySequence(shortcut) for shortcut in shortcuts])
        self._shortcuts.clear()

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&Nouvelle séance",
            "newMeetingAction",
            self.new_meeting,
            QKeySequence.StandardKey.New,
            "Créer une séance",
        )
        self.duplicate_action = self._action(
            "&Préparer la séance suivante",
            "duplicateMeetingAction",
            self.duplicate_meeting,
            "Ctrl+Shift+N",
            "Nouvelle séance reprenant le comité, le lieu, l'ordre du jour "
            "et les invités de la séance sélectionnée",
        )
        self.delete_action = self._action(
            "&Supprimer la séance…",
            "deleteMeetingAction",
            self.delete_meeting,
            None,
            "Supprimer la séance sélectionnée (après confirmation)",
        )
        self.import_action = self._action(
            "&Importer une séance…",
            "importAction",
            self.import_meeting,
            "Ctrl+I",
            "Importer une séance depuis un fichier JSON",
        )
        self.export_action = self._action(
            "&Exporter la séance…",
            "exportAction",
            self.export_meeting,
            "Ctrl+E",
            "Enregistrer la séance dans un fichier JSON",
        )
        self.settings_action = self._action(
            "Pa&ramètres…",
            "settingsAction",
            self.open_settings,
            "Ctrl+,",
            "En-tête des documents, logo, polices, comité par défaut",
        )
        self.quit_action = self._action("&Quitter", "quitAction", self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.directory_action = self._action(
            "&Annuaire…",
            "directoryAction",
            self.open_directory,
            "Ctrl+Shift+A",
            "Organismes, personnes et comités",
        )
        self.search_action = self._action(
            "&Rechercher dans les séances…",
            "searchAction",
            lambda: self.search.focus_field(),
            QKeySequence.StandardKey.Find,
            "Trouver les séances par les mots de leurs textes et de leurs participants",
        )
        self.about_action = self._action("À &propos de CLU Desktop", "aboutAction", self.show_about)
        self.guide_action = self._action(
            "&Guide de l'utilisateur",
            "guideAction",
            self.show_guide,
            QKeySequence.StandardKey.HelpContents,
            "Le guide de l'application, à la section de la page affichée (F1)",
        )
        self.undo_action = self.undo_group.createUndoAction(self, "Annuler")
        self.undo_action.setObjectName("undoAction")
        self._shortcuts.append((self.undo_action, [QKeySequence.StandardKey.Undo]))
        self.redo_action = self.undo_group.createRedoAction(self, "Rétablir")
        self.redo_action.setObjectName("redoAction")
        self._shortcuts.append((self.redo_action, ["Ctrl+Y", "Ctrl+Shift+Z"]))

        bar = self.menuBar()
        file_menu = bar.addMenu("&Fichier")
        for action in (self.new_action, self.duplicate_action, self.delete_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("É&dition")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
        bar.addMenu("A&nnuaire").addAction(self.directory_action)
        help_menu = bar.addMenu("&Aide")
        help_menu.addAction(self.guide_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

        toolbar = QToolBar("Séances")
        toolbar.setObjectName("meetingToolbar")
        toolbar.setMovable(False)
        self.toolbar = toolbar
        for action in (self.new_action, self.duplicate_action, self.delete_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.directory_action)
        self.addToolBar(toolbar)
