"""Render every screen of the latest meeting to PNG files, offscreen: for the README and
for reviewing the screens as a user sees them."""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

from clu_desktop.store.database import Database

WINDOW_SIZE = (1280, 800)  # a préfecture's laptop
SETTLE_SECONDS = 0.6


def _slug(title: str) -> str:
    text = unicodedata.normalize("NFKD", title.replace("&", ""))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def take_screenshots(db: Database, out_dir: Path, palette: str = "claire") -> list[Path]:
    """Write one PNG of the welcome page (on an empty base of its own), per tab of the
    main window (on the newest meeting), of the live window, of the guide, per tab of the
    directory, and of the settings dialog, in the ``palette`` named (« claire »: the
    system's, « sombre », « contraste »); returns the files written."""
    from PySide6.QtWidgets import QApplication

    from clu_desktop.gui import colours

    if palette == "claire":
        return _take_all(db, out_dir)
    app = QApplication.instance()
    style, colours_before = app.style().name(), app.palette()
    QApplication.setStyle("Fusion")  # a style that draws with the palette it is given
    QApplication.setPalette(colours.named_palette(palette))
    try:
        return _take_all(db, out_dir)
    finally:
        QApplication.setStyle(style)
        QApplication.setPalette(colours_before)


def _take_all(db: Database, out_dir: Path) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTabWidget

    from clu_desktop.files import private_folder
    from clu_desktop.gui.main_window import MainWindow

    # Screens as a first start shows them: the user's remembered sizes are neither read
    # nor changed.
    QApplication.instance().setOrganizationName("clu-desktop-screenshots")
    QSettings().clear()

    private_folder(out_dir)
    written: list[Path] = []

    def save(widget, name: str) -> None:
        # Let deferred work finish (the Documents page builds its preview after a beat).
        deadline = time.monotonic() + SETTLE_SECONDS
        while time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        path = out_dir / f"{len(written) + 1:02d}-{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"Impossible d'écrire « {path} ».")
        written.append(path)

    _welcome_page(save)

    window = MainWindow(db)
    window.resize(*WINDOW_SIZE)
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page_name = _slug(window.tabs.tabText(index))
        save(window, page_name)
        # A page with tabs of its own (Qualité, the agenda item's panels): each of them.
        for inner in window.tabs.currentWidget().findChildren(QTabWidget):
            if not inner.isVisible():
                continue
            for sub in range(1, inner.count()):
                inner.setCurrentIndex(sub)
                save(window, f"{page_name}-{_slug(inner.tabText(sub))}")
            inner.setCurrentIndex(0)

    from clu_desktop.gui.participants.page import ParticipantsPage

    participants = window.findChild(ParticipantsPage)
    if participants is not None:
        participants.open_live_mode()
        live = participants._live
        if live is not None:
            live.resize(*WINDOW_SIZE)
            save(live, "seance-en-cours")
            live.hide()  # not closed: closing may ask about people not ticked
            participants._live = None
            live.deleteLater()

    from clu_desktop.gui.guide import START, GuideWindow

    guide = GuideWindow(window)
    guide.resize(*WINDOW_SIZE)
    guide.show_section(START)
    save(guide, "guide")
    guide.close()

    window.open_directory()
    directory = window._directory
    directory.resize(*WINDOW_SIZE)
    tabs = directory.findChild(QTabWidget)
    for index in range(tabs.count() if tabs else 0):
        tabs.setCurrentIndex(index)
        save(directory, "annuaire-" + _slug(tabs.tabText(index)))
    directory.close()

    from clu_desktop.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(db, window)
    dialog.show()
    save(dialog, "parametres")
    dialog.close()
    window.close()
    return written


def _welcome_page(save) -> None:
    """The window on an empty base, as a first start shows it: the welcome page."""
    import tempfile

    from clu_desktop.gui.main_window import MainWindow
    from clu_desktop.store.migrate import open_database

    with tempfile.TemporaryDirectory(prefix="clu-screenshots-") as folder:
        empty = open_database(Path(folder) / "clu.sqlite")
        try:
            window = MainWindow(empty)
            window.resize(*WINDOW_SIZE)
            window.show()
            save(window, "accueil")
            window.close()
            window.deleteLater()
        finally:
            empty.dispose()
