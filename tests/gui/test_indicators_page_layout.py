"""The Indicateurs page as a user sees it in a 1280×800 window: the catalogue keeps its
room, the indicator's form is whole, the stored mappings are a tab beside the form whose
empty text never overlaps anything, and the chart is on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from clu_desktop.gui.indicators.page import IndicatorsPage
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import mappings

# What the page gets of a 1280×800 window (the navigator on its left, the menus, the tabs
# and the status bar around it).
PAGE_SIZE = (950, 700)
CATALOGUE_ROWS = 12  # categories and indicators seen without scrolling


@pytest.fixture
def page(qtbot, demo_db):
    page = IndicatorsPage(demo_db)
    qtbot.addWidget(page)
    page.resize(*PAGE_SIZE)
    page.show_meeting(1, QUndoStack(page))
    with qtbot.waitExposed(page):
        page.show()
    qtbot.waitUntil(lambda: page._chart is not None)
    yield page
    page.close()


def on_page(page: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())


def add_mappings(page: IndicatorsPage) -> None:
    with page.context.db.transaction() as session:
        indicators = {r.code: r.id for r in indicators_catalogue.list_indicators(session)}
        sites = {s.name: s.id for s in indicators_catalogue.list_sites(session)}
        mappings.set_mapping(session, "indicator", "Taux d'appels", indicators["TEL-ABOUTIS"])
        mappings.set_mapping(session, "site", "Langres", sites["Sous-préfecture de Langres"])
    page.reload()


def test_the_catalogue_and_the_whole_form_keep_their_room(page):
    tree = page.catalogue.tree
    row_height = tree.sizeHintForRow(0)
    assert row_height > 0
    assert tree.viewport().height() // row_height >= CATALOGUE_ROWS
    # The form of the indicator is whole: its scroll area has nothing to scroll.
    fields_scroll = page.findChild(QWidget, "indicatorFieldsScroll")
    assert fields_scroll.isVisible()
    assert fields_scroll.verticalScrollBar().maximum() == 0
    assert page.side_tabs.currentWidget() is fields_scroll
    assert not page.mappings.isVisible()


def test_the_mappings_tab_counts_them_and_its_empty_text_overlaps_nothing(qtbot, page):
    tabs = page.side_tabs
    index = tabs.indexOf(page.mappings)
    assert tabs.tabText(index) == "Correspondances mémorisées (0)"
    tabs.setCurrentIndex(index)
    QApplication.processEvents()
    panel, label = page.mappings, page.mappings.empty_label
    assert label.isVisible()
    assert label.height() >= label.heightForWidth(label.width())  # no line cut
    shown = [
        w
        for w in (panel.view, panel.target_combo, panel.delete_button)
        if w.isVisible() and w is not label
    ]
    assert shown
    for widget in shown:
        assert not on_page(page, label).intersects(on_page(page, widget)), widget.objectName()
    assert on_page(page, panel).contains(on_page(page, label))

    add_mappings(page)
    qtbot.waitUntil(panel.view.isVisible)
    assert tabs.tabText(index) == "Correspondances mémorisées (2)"
    assert not label.isVisible()
    view = panel.view
    assert view.viewport().height() // view.rowHeight(0) >= 4
    for widget in (panel.target_combo, panel.delete_button):
        assert not on_page(page, view).intersects(on_page(page, widget))
    # The combo shows the catalogue entry, not a few letters of it.
    assert panel.target_combo.width() >= panel.width() // 2


def test_the_mappings_tab_follows_an_edit_made_in_it(qtbot, page):
    add_mappings(page)
    page.side_tabs.setCurrentWidget(page.mappings)
    page.mappings.view.setCurrentIndex(page.mappings.model.index(0, 0))
    page.mappings.delete_current()
    index = page.side_tabs.indexOf(page.mappings)
    assert page.side_tabs.tabText(index) == "Correspondances mémorisées (1)"


def test_the_chart_is_on_screen_with_its_data(qtbot, page):
    chart = page.chart
    qtbot.waitUntil(lambda: chart.view.height() >= 200)
    assert chart.isVisible() and chart.save_button.isVisible()
    assert not page.chart_waiting.isVisible()
    shown = on_page(page, chart.view)
    assert shown.width() >= 400
    assert page.rect().contains(shown)  # not below the page's fold
    assert not on_page(page, page.values).intersects(shown)


def test_the_chart_holder_is_never_blank_while_the_chart_is_built(qtbot, demo_db):
    """The chart was added to the page but shown only at the next turn of the event
    loop, after the waiting text was hidden: a screenshot then showed neither."""
    page = IndicatorsPage(demo_db)
    qtbot.addWidget(page)
    page.resize(*PAGE_SIZE)
    page.show_meeting(1, QUndoStack(page))
    page.show()
    assert page.chart_waiting.isVisible()
    chart = page.chart  # built now, before any event is processed
    assert chart.isVisible()
    assert not page.chart_waiting.isVisible()
    page.close()


def test_the_keyboard_reaches_the_mappings_tab_after_the_catalogue(qtbot, page):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabBar

    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.catalogue.delete_button.setFocus()
    qtbot.keyClick(page.catalogue.delete_button, Qt.Key.Key_Tab)
    bar = page.side_tabs.tabBar()
    assert isinstance(QApplication.focusWidget(), QTabBar) and QApplication.focusWidget() is bar
    qtbot.keyClick(bar, Qt.Key.Key_Right)
    assert page.side_tabs.currentWidget() is page.mappings
    qtbot.keyClick(bar, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.mappings.empty_label  # no mapping: its text
