"""The first page of a base without any meeting: what to do first, one button each.

It stands in the main area instead of the navigator and the meeting's pages until a
meeting exists (and again if the last one is deleted). The window gives it the actions;
the page only shows them and whether the letterhead is filled yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

TITLE = "Bienvenue dans CLU Desktop"
PANEL_WIDTH = (560, 900)
INTRO = (
    "Cette base ne contient encore aucune séance. Pour commencer, renseignez l'en-tête "
    "imprimé sur les documents, puis créez votre première séance, ou découvrez "
    "l'application avec la séance de démonstration."
)
LETTERHEAD_EMPTY = (
    "En-tête non renseigné\u00a0: les documents ne sortiront pas sans lui "
    "(autorité, service, ville, logo…)."
)
LETTERHEAD_FILLED = "En-tête renseigné\u00a0: {}. Vous pouvez le modifier à tout moment."
# (key, button text, accessible name, what it does)
STEPS = (
    (
        "letterhead",
        "C&onfigurer l'en-tête de la préfecture",
        "Configurer l'en-tête de la préfecture",
        LETTERHEAD_EMPTY,
    ),
    (
        "demo",
        "Charger la séance de dé&monstration",
        "Charger la séance de démonstration",
        "Une vraie séance (CLU du 20 décembre 2023), avec son annuaire, son ordre du jour "
        "et son compte-rendu signé, pour voir chaque page remplie.",
    ),
    (
        "create",
        "&Créer une séance",
        "Créer une séance",
        "Une séance vide du comité par défaut\u00a0: titre, date, lieu, puis ordre du jour "
        "et participants (Ctrl+N).",
    ),
    (
        "import",
        "&Importer une séance (fichier)",
        "Importer une séance depuis un fichier",
        "Une séance exportée d'un autre poste (fichier .json), avec ses participants et "
        "son ordre du jour (Ctrl+I).",
    ),
    (
        "guide",
        "Lire le &guide de l'utilisateur",
        "Lire le guide de l'utilisateur",
        "Chaque page et ses raccourcis clavier, hors ligne (F1 sur n'importe quelle page).",
    ),
)


class WelcomePage(QWidget):
    """The four first steps (and the guide), in reading and Tab order."""

    def __init__(self, actions: dict[str, Callable[[], object]], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.setAccessibleName("Accueil")
        title = QLabel(TITLE)
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(INTRO)
        intro.setObjectName("welcomeIntro")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        self.buttons: dict[str, QPushButton] = {}
        self.notes: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        for row, (key, text, accessible, note_text) in enumerate(STEPS):
            button = QPushButton(text)
            button.setObjectName(f"welcome{key.capitalize()}Button")
            button.setAccessibleName(accessible)
            button.setAccessibleDescription(note_text)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(button.sizeHint().height() + 10)
            button.clicked.connect(lambda _checked=False, key=key: actions[key]())
            note = QLabel(note_text)
            note.setObjectName(f"welcome{key.capitalize()}Note")
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setBuddy(button)
            self.buttons[key], self.notes[key] = button, note
            grid.addWidget(button, row, 0)
            grid.addWidget(note, row, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)

        panel = QFrame()
        panel.setObjectName("welcomePanel")
        panel.setMinimumWidth(PANEL_WIDTH[0])
        panel.setMaximumWidth(PANEL_WIDTH[1])
        panel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(panel)
        column.addWidget(title)
        column.addSpacing(6)
        column.addWidget(intro)
        column.addSpacing(18)
        column.addLayout(grid)
        # Centred by stretches, not by an alignment: the wrapped notes then get the
        # height their width needs.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setFocusProxy(self.buttons["letterhead"])

    def show_letterhead(self, summary: str | None) -> None:
        """``summary``: the letterhead's first line, or None while it is empty."""
        note = self.notes["letterhead"]
        note.setText(LETTERHEAD_FILLED.format(summary) if summary else LETTERHEAD_EMPTY)
        self.buttons["letterhead"].setAccessibleDescription(note.text())
