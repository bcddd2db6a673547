"""A first run that guides: the welcome page of an empty base, and the user's guide (F1)
opened inside the application at the section of the page on screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from clu_desktop.gui.guide import GuideWindow, french_keys, section_of
from clu_desktop.gui.main_window import MainWindow
from clu_desktop.gui.settings_dialog import SettingsDialog
from clu_desktop.resources import DEMO_MEETING, GUIDE, resource_path
from clu_desktop.services.meetings.listing import list_meetings
from clu_desktop.services.settings import update_identity

ROOT = Path(__file__).resolve().parents[2]
LEFT = Qt.MouseButton.LeftButton
# The offscreen platform cannot raise a window nor size it from its contents.
offscreen_window = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


@pytest.fixture
def window(qtbot, db):
    def open_(database=db) -> MainWindow:
        made = MainWindow(database)
        qtbot.addWidget(made)
        with qtbot.waitExposed(made):
            made.show()
        return made

    return open_


def guide_sections() -> dict[str, str]:
    """The guide's text, section by section (anchor → text without markup)."""
    html = resource_path(*GUIDE).read_text("utf-8")
    sections = {}
    for part in html.split('<h2 id="')[1:]:
        anchor, body = part.split('"', 1)
        text = re.sub(r"<[^>]+>", " ", body).replace("&nbsp;", "\u00a0")
        sections[anchor] = " ".join(text.split())
    return sections


def test_an_empty_base_opens_on_the_welcome_page_with_four_first_steps(window, db):
    shown = window()
    assert shown.central.currentWidget() is shown.welcome
    assert shown.welcome.isVisible() and not shown.navigator.isVisible()
    # The main area says the base is empty; the status bar only that it was just made.
    assert shown.statusBar().currentMessage() == f"Nouvelle base créée : {db.description}"
    texts = [b.text().replace("&", "") for b in shown.welcome.buttons.values()]
    assert texts[:4] == [
        "Configurer l'en-tête de la préfecture",
        "Charger la séance de démonstration",
        "Créer une séance",
        "Importer une séance (fichier)",
    ]
    assert "non renseigné" in shown.welcome.notes["letterhead"].text()
    assert shown.welcome.buttons["letterhead"].hasFocus()


def test_the_demo_from_the_welcome_page_shows_the_meeting(window, db, qtbot):
    shown = window()
    qtbot.mouseClick(shown.welcome.buttons["demo"], LEFT)
    with db.reading() as session:
        (meeting,) = list_meetings(session)
    assert shown.meeting_id == meeting.id
    assert shown.central.currentWidget() is shown.splitter
    assert shown.navigator.isVisible() and not shown.welcome.isVisible()


def test_create_then_delete_the_last_meeting_brings_the_welcome_back(window, qtbot):
    shown = window()
    qtbot.mouseClick(shown.welcome.buttons["create"], LEFT)
    assert shown.meeting_id is not None
    assert shown.central.currentWidget() is shown.splitter
    shown.delete_action.trigger()  # the test's answer: yes
    assert shown.central.currentWidget() is shown.welcome


def test_import_from_the_welcome_page(window, qtbot, monkeypatch):
    demo = str(resource_path(*DEMO_MEETING))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (demo, ""))
    shown = window()
    qtbot.mouseClick(shown.welcome.buttons["import"], LEFT)
    assert shown.meeting_id is not None
    assert shown.central.currentWidget() is shown.splitter


def test_the_letterhead_button_opens_the_settings_and_the_page_follows(
    window, db, qtbot, monkeypatch
):
    opened = []

    def exec_(dialog) -> int:
        opened.append(dialog)
        assert dialog.fields["authority"].hasFocus() or not dialog.isVisible()
        with db.transaction() as session:
            update_identity(session, "authority", "PRÉFET\nDE LA HAUTE-MARNE")
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    shown = window()
    qtbot.mouseClick(shown.welcome.buttons["letterhead"], LEFT)
    assert len(opened) == 1
    note = shown.welcome.notes["letterhead"].text()
    assert "En-tête renseigné" in note and "PRÉFET DE LA HAUTE-MARNE" in note
    assert shown.central.currentWidget() is shown.welcome  # still no meeting


def test_the_guide_is_bundled_and_the_readme_links_to_it():
    path = resource_path(*GUIDE)
    assert path.is_file()
    assert path.resolve() == (ROOT / "resources" / "guide" / "guide.html").resolve()
    assert "(resources/guide/guide.html)" in (ROOT / "README.md").read_text("utf-8")


@offscreen_window
def test_f1_opens_the_guide_at_the_section_of_each_page(window, demo_db, qtbot):
    shown = window(demo_db)
    sections = guide_sections()
    for index in range(shown.tabs.count()):
        shown.tabs.setCurrentIndex(index)
        shown.activateWindow()
        shown.tabs.setFocus()
        qtbot.keyClick(shown.tabs, Qt.Key.Key_F1)
        guide = shown.findChild(GuideWindow)
        assert guide is not None and guide.isVisible()
        section = section_of(shown.tabs.tabText(index))
        assert section in sections
        assert guide.section() == section
        assert guide.browser.source().fragment() == section  # the browser is there
        assert guide.browser.toPlainText().startswith("CLU Desktop — Guide")


@offscreen_window
def test_f1_on_the_welcome_page_opens_the_first_steps(window, qtbot):
    shown = window()
    shown.guide_action.trigger()
    guide = shown.findChild(GuideWindow)
    assert guide.section() == "demarrer"
    assert "Configurer l'en-tête de la préfecture" in guide_sections()["demarrer"]
    qtbot.mouseClick(shown.welcome.buttons["guide"], LEFT)
    assert guide.section() == "demarrer"


def test_each_page_section_of_the_guide_gives_the_keys_of_that_page(window, demo_db):
    """Every shortcut a page installs is written in its section of the guide (a new key
    without its line in the guide fails here)."""
    shown = window(demo_db)
    sections = guide_sections()
    for index in range(shown.tabs.count()):
        shown.tabs.setCurrentIndex(index)  # the lazy pages are built when shown
        page = shown.tabs.widget(index)
        section = sections[section_of(shown.tabs.tabText(index))]
        keys = [k for a in page.findChildren(QAction) for k in a.shortcuts()]
        keys += [s.key() for s in page.findChildren(QShortcut)]
        for sequence in keys:
            for written in french_keys(sequence):
                assert written in section, (shown.tabs.tabText(index), written)
    window_keys = [k for a in shown.actions() + shown.menuBar().actions() for k in a.shortcuts()]
    for action in shown.findChildren(QAction):
        if action.parent() is shown:
            window_keys += action.shortcuts()
    for sequence in window_keys:
        for written in french_keys(sequence):
            assert written in sections["fenetre"], written


@offscreen_window
def test_f1_in_the_directory_and_the_live_window_opens_their_section(window, demo_db, qtbot):
    shown = window(demo_db)
    sections = guide_sections()
    shown.open_directory()
    directory = shown._directory
    directory.activateWindow()
    qtbot.waitUntil(directory.isActiveWindow)
    qtbot.keyClick(directory.focusWidget() or directory, Qt.Key.Key_F1)
    guide = shown.findChild(GuideWindow)
    assert guide.section() == "annuaire" and "annuaire" in sections
    directory.close()

    shown.tabs.setCurrentIndex(2)  # Participants
    participants = shown.current_page()
    participants.open_live_mode()
    live = shown.findChild(QWidget, "liveAttendance")
    live.activateWindow()
    qtbot.waitUntil(live.isActiveWindow)
    qtbot.keyClick(live.focusWidget() or live, Qt.Key.Key_F1)
    assert guide.section() == "seance-en-cours" and "seance-en-cours" in sections
    live.close()


@offscreen_window
def test_the_guide_opens_on_its_contents_and_scrolls_to_a_section(qtbot):
    guide = GuideWindow()
    qtbot.addWidget(guide)
    guide.resize(1280, 800)
    guide.show_section("documents")
    bar = guide.browser.verticalScrollBar()
    assert bar.value() > 0
    guide.show_section("demarrer")
    QApplication.processEvents()  # a pending anchor would scroll after the layout
    assert bar.value() == 0 and guide.section() == "demarrer"
    assert french_keys(QKeySequence("Ctrl+Shift+Ins")) == ["Ctrl+Maj+Inser"]
    assert french_keys(QKeySequence("Ctrl+Up, Alt+Up")) == ["Ctrl+Haut", "Alt+Haut"]
