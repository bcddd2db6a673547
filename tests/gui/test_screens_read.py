"""Screens that read at 1280×800 (a préfecture's laptop): the agenda list shows at least
40 characters of a title, the Participants table shows name, organisation, function and
status whole for typical values (an empty column narrow, a long value elided with its
whole text in the tooltip), and the meetings' navigator is no wider than it needs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from clu_desktop.gui import columns
from clu_desktop.gui.main_window import NAVIGATOR_MAX_WIDTH, MainWindow
from clu_desktop.gui.participants.model import (
    ARRIVED,
    DEPUTY,
    FUNCTION,
    LEFT,
    NAME,
    NOTE,
    ORGANISATION,
    STATUS,
)

SCREEN = (1280, 800)
TYPICAL = 32  # characters: « UFC QUE Choisir de la Haute-Marne », « Directrice adjointe »


@pytest.fixture
def window(demo_db, qtbot):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    with qtbot.waitExposed(window):
        window.show()
    return window


def show_tab(window, title: str, qtbot):
    for index in range(window.tabs.count()):
        if window.tabs.tabText(index).replace("&", "") == title:
            window.tabs.setCurrentIndex(index)
            page = window.current_page()
            qtbot.waitUntil(page.isVisible)
            return page
    raise AssertionError(title)


def text_room(view, index) -> int:
    """The width the cell leaves to its text (its margins and icon taken off)."""
    text = str(index.data() or "")
    overhead = view.sizeHintForIndex(index).width() - view.fontMetrics().horizontalAdvance(text)
    return view.visualRect(index).width() - overhead


def all_indexes(model, parent=None):
    parent = parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from all_indexes(model, index)


def test_the_agenda_list_shows_40_characters_of_a_title(window, qtbot):
    page = show_tab(window, "Ordre du jour", qtbot)
    tree = page.tree
    metrics = tree.fontMetrics()

    def titles_read() -> None:  # once the list is laid out
        checked = 0
        for index in all_indexes(tree.model()):
            shown = str(index.data())
            number, _, title = shown.partition(" ")
            wanted = metrics.horizontalAdvance(f"{number} {title[:40]}")
            assert text_room(tree, index) >= wanted, shown
            checked += len(title) >= 40
        assert checked >= 1  # « Présentation du programme Services Publics + »
        assert tree.horizontalScrollBar().maximum() == 0  # no column out of view

    qtbot.waitUntil(titles_read)


def test_the_participants_table_shows_typical_values_whole(window, qtbot):
    page = show_tab(window, "Participants", qtbot)
    table = page.table
    model = table.model()
    header = table.horizontalHeader()

    def values_read() -> None:  # once the table is laid out
        assert table.horizontalScrollBar().maximum() == 0  # everything in view
        elided = 0
        for row in range(model.rowCount()):
            for column in (NAME, ORGANISATION, FUNCTION, STATUS):
                index = model.index(row, column)
                text = str(index.data() or "")
                whole = table.fontMetrics().horizontalAdvance(text) <= text_room(table, index)
                if column in (NAME, STATUS) or len(text) <= TYPICAL:
                    assert whole, (column, text)
                if not whole:  # a long value: elided, whole in its tooltip
                    elided += 1
                    assert text in index.data(Qt.ItemDataRole.ToolTipRole)
        assert elided >= 1  # the demo has long organisations: they are elided, not wrapped
        # The columns nobody filled in are no wider than their header.
        for column in (DEPUTY, ARRIVED, LEFT):
            assert header.sectionSize(column) <= header.sectionSizeHint(column), column
        assert header.sectionSize(NOTE) >= header.sectionSizeHint(NOTE)  # the room left

    qtbot.waitUntil(values_read)


def test_the_navigator_is_no_wider_than_it_needs(window):
    width = window.splitter.sizes()[0]
    assert width <= min(window.navigator.needed_width(), NAVIGATOR_MAX_WIDTH)
    assert width >= window.navigator.fontMetrics().horizontalAdvance("20/12/2023 Compte-rendu")
    # The pages get what the window gains.
    before = window.splitter.sizes()
    window.resize(SCREEN[0] + 200, SCREEN[1])
    window.splitter.refresh()
    assert window.splitter.sizes()[0] == before[0]


def test_closing_on_the_welcome_page_does_not_shrink_the_navigator_next_time(
    demo_db, qtbot, tmp_path
):
    from clu_desktop.store.migrate import open_database

    empty = open_database(tmp_path / "vide.sqlite")
    try:
        first = MainWindow(empty)
        first.resize(*SCREEN)
        with qtbot.waitExposed(first):
            first.show()
        assert first.central.currentWidget() is first.welcome
        first.close()
    finally:
        empty.dispose()
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    with qtbot.waitExposed(window):
        window.show()
    needed = min(window.navigator.needed_width(), NAVIGATOR_MAX_WIDTH)
    assert window.splitter.sizes()[0] >= needed - 2


def test_fitting_takes_room_from_the_widest_column_first():
    wanted = {0: 300, 1: 100, 2: 200}
    widths = columns.shared_widths(wanted, {0: 50, 2: 50}, (0, 2), 500)
    assert widths == {0: 200, 1: 100, 2: 200}
    widths = columns.shared_widths(wanted, {0: 50, 2: 50}, (0, 2), 300)
    assert widths == {0: 100, 1: 100, 2: 100}
    widths = columns.shared_widths(wanted, {0: 150, 2: 50}, (0, 2), 300)
    assert widths == {0: 150, 1: 100, 2: 50}


def test_the_directory_shows_names_and_typical_values_whole(demo_db, qtbot):
    from PySide6.QtWidgets import QTableView

    from clu_desktop.gui.directory import people_model as people
    from clu_desktop.gui.directory.window import DirectoryWindow

    directory = DirectoryWindow(demo_db)
    qtbot.addWidget(directory)
    directory.resize(*SCREEN)
    with qtbot.waitExposed(directory):
        directory.show()
    table = directory.findChild(QTableView, "peopleTable")
    model = table.model()
    assert model.rowCount() >= 10
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            text = str(index.data() or "")
            whole = table.fontMetrics().horizontalAdvance(text) <= text_room(table, index)
            if column <= people.NAME_COLUMN or len(text) <= TYPICAL:
                assert whole, (column, text)
    directory.close()
