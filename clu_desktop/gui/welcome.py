"""The first page of a base without any meeting: what to do first, one button each.

It stands in the main area instead of the navigator and the meeting's pages until a
meeting exists (and again if the last one is deleted). The window gives it the actions;
the page only shows them and whether the letterhead is filled yet. Its layout and texts
are the Designer form ui/welcome.ui.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from clu_desktop.gui.forms.ui_welcome import Ui_WelcomePage

LETTERHEAD_FILLED = "En-tête renseigné\u00a0: {}. Vous pouvez le modifier à tout moment."
BUTTON_ROOM = 10  # pixels added to a button's height: big targets for a first start
TITLE_SCALE = 1.6  # the title's size, relative to the system's font


class WelcomePage(QWidget):
    """The four first steps (and the guide), in reading and Tab order; ``actions`` maps
    each step's key ("letterhead", "demo", "create", "import", "guide") to what it does."""

    def __init__(
        self, actions: dict[str, Callable[[], object]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_WelcomePage()
        ui.setupUi(self)
        font = ui.welcomeTitle.font()
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
        font.setBold(True)
        ui.welcomeTitle.setFont(font)
        self.buttons = {
            "letterhead": ui.welcomeLetterheadButton,
            "demo": ui.welcomeDemoButton,
            "create": ui.welcomeCreateButton,
            "import": ui.welcomeImportButton,
            "guide": ui.welcomeGuideButton,
        }
        self.notes = {
            "letterhead": ui.welcomeLetterheadNote,
            "demo": ui.welcomeDemoNote,
            "create": ui.welcomeCreateNote,
            "import": ui.welcomeImportNote,
            "guide": ui.welcomeGuideNote,
        }
        for key, button in self.buttons.items():
            button.setMinimumHeight(button.sizeHint().height() + BUTTON_ROOM)
            button.clicked.connect(lambda _checked=False, key=key: actions[key]())
        self._letterhead_empty = ui.welcomeLetterheadNote.text()  # as the form says it
        self.setFocusProxy(self.buttons["letterhead"])

    def show_letterhead(self, summary: str | None) -> None:
        """``summary``: the letterhead's first line, or None while it is empty."""
        note = self.notes["letterhead"]
        note.setText(LETTERHEAD_FILLED.format(summary) if summary else self._letterhead_empty)
        self.buttons["letterhead"].setAccessibleDescription(note.text())
