"""No two mnemonics visible at once in a window share a letter (Alt+D opens one thing).

Every window and dialog of the application is opened, each tab of each of its tab widgets
shown in turn, and the mnemonics of what is visible together are gathered: labels with a
buddy, buttons and check boxes, group boxes, tab bars and the menu bar. The letters of
each open menu are checked the same way.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
)

from clu_desktop.gui.main_window import MainWindow

# Windows shown, then tabs switched: the offscreen platform says it cannot resize them.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


def mnemonic(text: str) -> str | None:
    """The letter Alt opens in ``text`` ("É&dition" → "D"), accents dropped; None."""
    start = 0
    while (at := text.find("&", start)) >= 0 and at + 1 < len(text):
        if text[at + 1] != "&":
            return unicodedata.normalize("NFD", text[at + 1])[0].upper()
        start = at + 2
    return None


def visible_mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, what) of every mnemonic shown at this moment in ``window``."""
    found: list[tuple[str | None, str]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QLabel):
            if widget.buddy() is not None:
                found.append((mnemonic(widget.text()), f"étiquette « {widget.text()} »"))
        elif isinstance(widget, QAbstractButton):
            found.append((mnemonic(widget.text()), f"bouton « {widget.text()} »"))
        elif isinstance(widget, QGroupBox):
            found.append((mnemonic(widget.title()), f"groupe « {widget.title()} »"))
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    text = widget.tabText(index)
                    found.append((mnemonic(text), f"onglet « {text} »"))
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    found.append((mnemonic(action.text()), f"menu « {action.text()} »"))
    return [(letter, what) for letter, what in found if letter]


def duplicates(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for letter, what in pairs:
        by_letter[letter].append(what)
    return {letter: whats for letter, whats in by_letter.items() if len(whats) > 1}


def reveal(widget: QWidget) -> None:
    """Make the tabs and stacked pages holding ``widget`` the current ones."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def collisions(window: QWidget, where: str) -> list[str]:
    """Every duplicate letter in ``window``, each tab of each tab widget shown in turn."""
    app = QApplication.instance()
    app.processEvents()
    found: dict[tuple[str, tuple[str, ...]], str] = {}

    def check(state: str) -> None:
        app.processEvents()
        for letter, whats in duplicates(visible_mnemonics(window)).items():
            found.setdefault((letter, tuple(sorted(whats))), state)
        for label in window.findChildren(QLabel):
            # Without a buddy a label shows its "&" and Alt opens nothing.
            if (
                label.isVisible()
                and label.buddy() is None
                and mnemonic(label.text())
                and label.textFormat() != Qt.TextFormat.RichText
            ):
                found.setdefault(("?", (f"étiquette sans compagnon « {label.text()} »",)), state)

    check(where)
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            reveal(tabs.widget(index))
            check(f"{where} › {tabs.tabText(index).replace('&', '')}")
    menus = [m for m in window.findChildren(QMenu) if m.actions()]
    for menu in menus:
        letters = [(mnemonic(a.text()), f"« {a.text()} »") for a in menu.actions() if a.text()]
        for letter, whats in duplicates([(x, w) for x, w in letters if x]).items():
            found.setdefault((letter, tuple(whats)), f"{where} › menu {menu.title()}")
    return [
        f"{state}: Alt+{letter} — {', '.join(whats)}" for (letter, whats), state in found.items()
    ]


def report(problems: list[str]) -> str:
    """One line per collision (the first state it was seen in)."""
    first: dict[str, str] = {}
    for line in problems:
        where, _, what = line.partition(": Alt+")
        first.setdefault(what, where)
    return "\n".join(f"{where}: Alt+{what}" for what, where in first.items())


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    return window


def test_the_mnemonic_scanner_finds_a_duplicate(qtbot):
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QVBoxLayout

    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QVBoxLayout(widget)
    label = QLabel("&Date\u00a0:")
    edit = QLineEdit()
    label.setBuddy(edit)
    for child in (label, edit, QCheckBox("Ré&duit"), QLabel("&Orpheline")):
        layout.addWidget(child)
    widget.show()
    assert mnemonic("É&dition") == "D" and mnemonic("Pierre && &Éric") == "E"
    assert collisions(widget, "essai") == [
        "essai: Alt+D — bouton « Ré&duit », étiquette « &Date\u00a0: »",
        "essai: Alt+? — étiquette sans compagnon « &Orpheline »",
    ]


def test_main_window_pages_share_no_mnemonic(window):
    problems = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        problems += collisions(window, window.tabs.tabText(index).replace("&", ""))
    # An agenda item of each kind shows its own fields (a deliberation its vote).
    window.tabs.setCurrentIndex(1)
    agenda = window.current_page()
    model = agenda.tree.model()
    for row in range(model.rowCount()):
        agenda.tree.setCurrentIndex(model.index(row, 0))
        problems += collisions(window, f"Ordre du jour › point {row + 1}")
    assert not problems, report(problems)


def test_directory_window_shares_no_mnemonic(window):
    window.open_directory()
    directory = window._directory
    problems = collisions(directory, "Annuaire")
    assert not problems, "\n".join(problems)


def dialogs(window, tmp_path):
    """Every dialog of the application, opened over the demonstration meeting."""
    from clu_desktop.gui.about import AboutDialog
    from clu_desktop.gui.agenda.vote_names import VoteNamesDialog
    from clu_desktop.gui.documents.mail_template import TemplateDialog
    from clu_desktop.gui.documents.sending import SendDialog
    from clu_desktop.gui.guide import GuideWindow
    from clu_desktop.gui.indicators.import_dialog import (
        NAMES,
        PREVIEW,
        ImportDialog,
        read_catalogue,
    )
    from clu_desktop.gui.indicators.import_names import NewIndicatorForm
    from clu_desktop.gui.live.walk_in_form import WalkInForm
    from clu_desktop.gui.live.window import LiveAttendanceWindow
    from clu_desktop.gui.meeting.signature import SignatureDialog
    from clu_desktop.gui.participants.picker import InvitePersonDialog
    from clu_desktop.gui.quality.referentials_dialog import ReferentialsDialog
    from clu_desktop.gui.settings_dialog import SettingsDialog
    from clu_desktop.interchange.indicators_names import UnknownName
    from clu_desktop.interchange.indicators_table import read_table
    from clu_desktop.services.meetings.details import person_choices

    db = window._db
    meeting_id = window.meeting_id
    yield "Paramètres", SettingsDialog(db, window)
    yield "Envoyer la convocation", SendDialog(db, meeting_id, "convocation", window)
    yield "Message pour la convocation", TemplateDialog(db, 1, "convocation", window)
    yield "À propos", AboutDialog("CLU Desktop 1.0", "/tmp/clu.sqlite", window)
    yield "Guide de l'utilisateur", GuideWindow(window)
    yield "Séance en cours", LiveAttendanceWindow(db, meeting_id, None, window)
    yield "Venu sans invitation", WalkInForm("Mme Anne Durand", ["Asso"], lambda _v: True, window)
    yield "Marquer comme signé", SignatureDialog(window, reopen=False, explanation="…")
    yield "Rouvrir", SignatureDialog(window, reopen=True, explanation="…")
    yield "Inviter une personne", InvitePersonDialog(lambda _text: [], set(), window)
    with db.reading() as session:
        people = person_choices(session)
    yield "Votants", VoteNamesDialog("Pour", people, [], [], lambda _ids: True, window)
    path = tmp_path / "valeurs.csv"
    path.write_text("Indicateur;Période;Valeur\nSATISFACTION;2023;93,5\n", encoding="utf-8")
    yield "Importer des valeurs", ImportDialog(db, read_table(path), window)
    from openpyxl import Workbook

    book_path, book = tmp_path / "classeur.xlsx", Workbook()
    book.active.append(["Indicateur", "Période", "Valeur"])
    book.create_sheet("Autre").append(["Indicateur", "Période", "Valeur"])
    book.save(book_path)
    sheets = ["Sheet", "Autre"]
    yield (
        "Importer, feuilles",
        ImportDialog(db, read_table(book_path), window, path=book_path, sheets=sheets),
    )
    for step in (NAMES, PREVIEW):
        stepped = ImportDialog(db, read_table(path), window)
        stepped.show_step(step)
        stepped.add_sites_check.show()
        yield f"Importer des valeurs, étape {step + 1}", stepped
    unknown = UnknownName("indicator", "Taux d'appels", (2, 3), (), None, "%", "year")
    yield "Nouvel indicateur", NewIndicatorForm(unknown, read_catalogue(db), None, window)
    window.tabs.setCurrentIndex(3)
    quality = window.tabs.currentWidget().page
    yield "Référentiels", ReferentialsDialog(quality.context, window)

    from clu_desktop.gui.directory.dialogs import (
        NewCommitteeDialog,
        NewOrganisationDialog,
        NewPersonDialog,
        PersonPickerDialog,
    )
    from clu_desktop.gui.directory.merge_dialog import MergeDialog
    from clu_desktop.gui.directory.personal_data import ErasePersonDialog
    from clu_desktop.services.directory.organisations import list_organisations
    from clu_desktop.services.personal.erasure import erasure_preview

    window.open_directory()
    directory = window._directory
    with db.reading() as session:
        organisations = list_organisations(session)
        person_id = people[1].id
        preview = erasure_preview(session, person_id)
    yield "Nouvelle personne", NewPersonDialog(organisations, lambda _v: True, directory)
    yield "Effacer la personne", ErasePersonDialog(preview, lambda _a: True, directory)
    rows = [("Nom", "GUY", "GUY"), ("Courriel", "", "b.guy@example.fr")]
    yield "Fusionner", MergeDialog("Fusionner", "…", (1, 2), rows, lambda *_: True, directory)
    yield "Nouvel organisme", NewOrganisationDialog(lambda _v: True, directory)
    yield "Nouveau comité", NewCommitteeDialog(lambda _v: True, directory)
    yield "Ajouter un membre", PersonPickerDialog(directory.ctx, set(), lambda _v: True, directory)


def test_every_dialog_shares_no_mnemonic(window, qtbot, tmp_path):
    problems, seen = [], []
    for title, dialog in dialogs(window, tmp_path):
        assert isinstance(dialog, QDialog), title
        seen.append(type(dialog).__name__)
        dialog.show()
        problems += collisions(dialog, title)
        dialog.reject()
    assert not problems, "\n".join(problems)
    # Every QDialog class of the application is walked.
    import clu_desktop.gui as gui_package

    assert set(seen) >= set(dialog_classes(gui_package)), "a dialog is not walked"


def dialog_classes(package) -> list[str]:
    import importlib
    import inspect
    import pkgutil

    names = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, QDialog)
                and value.__module__ == module.__name__
                and name != "FormDialog"  # the base of the « Nouveau … » forms
            ):
                names.append(name)
    return names
