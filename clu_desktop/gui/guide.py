"""The user's guide: resources/guide/guide.html, bundled with the application, shown in a
plain HTML viewer inside it (offline: no browser, no network). F1 opens it at the section
of the page on screen."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clu_desktop.resources import GUIDE, resource_path

TITLE = "Guide de l'utilisateur — CLU Desktop"
#: The first section, and the one of the welcome page.
START = "demarrer"
#: The keys as the guide and the tooltips write them (Qt writes them in English).
_FRENCH_KEYS = {
    "Shift": "Maj",
    "Ins": "Inser",
    "Del": "Suppr",
    "Esc": "Échap",
    "Up": "Haut",
    "Down": "Bas",
    "Left": "Gauche",
    "Right": "Droite",
    "Return": "Entrée",
    "Enter": "Entrée",
    "Space": "Espace",
    "PgUp": "Pg.Préc",
    "PgDown": "Pg.Suiv",
}


def section_of(title: str) -> str:
    """The guide's anchor of a tab or window: "&Ordre du jour" → "ordre-du-jour"."""
    text = unicodedata.normalize("NFKD", title.replace("&", ""))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def french_keys(sequence: QKeySequence) -> list[str]:
    """Each key combination of ``sequence`` as the guide writes it ("Ctrl+Maj+S")."""
    written = []
    for part in sequence.toString(QKeySequence.SequenceFormat.PortableText).split(", "):
        if not part:
            continue
        keys = re.split(r"(?<=.)\+", part)
        written.append("+".join(_FRENCH_KEYS.get(key, key) for key in keys))
    return written


def guide_url(section: str | None = None) -> QUrl:
    url = QUrl.fromLocalFile(str(resource_path(*GUIDE)))
    if section:
        url.setFragment(section)
    return url


class GuideWindow(QDialog):
    """The guide in a window of its own, beside the application (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle(TITLE)
        self.setAccessibleName("Guide de l'utilisateur")
        self.setModal(False)
        self._section = ""
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setAccessibleName("Texte du guide")
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # offline: the guide links only to itself
        self.back_button = QPushButton("&Précédent")
        self.back_button.setObjectName("guideBackButton")
        self.back_button.setAccessibleName("Section précédente")
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.contents_button = QPushButton("&Sommaire")
        self.contents_button.setObjectName("guideContentsButton")
        self.contents_button.setAccessibleName("Début du guide")
        self.contents_button.clicked.connect(lambda: self.show_section(None))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("&Fermer")
        close.setObjectName("guideCloseButton")
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addWidget(self.contents_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addLayout(row)
        find = QAction(self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(lambda: self.show_section(None))
        self.addAction(find)
        self.resize(820, 700)

    def show_section(self, section: str | None) -> None:
        """Show the guide at ``section`` (an anchor; None: its beginning)."""
        self._section = section or ""
        # The first steps follow the title and the contents: the guide opens on its top
        # for them (an anchor in the address would scroll past the contents).
        anchor = section if section and section != START else None
        self.browser.setSource(guide_url(anchor))
        # The same section again (F1 twice) is scrolled to again, wherever the user went.
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)
        if self.isVisible():  # behind the main window: brought back in front
            self.raise_()
            self.activateWindow()
        else:
            self.show()

    def section(self) -> str:
        """The section asked for last (empty: the beginning)."""
        return self._section
