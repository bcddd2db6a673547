"""Tab follows the reading order; a date is one Tab stop; no unnamed scroll area takes focus.

Each page of the main window (and the directory's tabs, the settings and the live window)
is walked with Tab from its first field: each stop must come after the previous one in
reading order — compared where their branches of the widget tree part, the upper one
first, and on one row the left one first.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDateTimeEdit,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from clu_desktop.gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


@pytest.fixture
def window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def takes_tab(widget: QWidget) -> bool:
    """What Tab may stop on (as QWidget::focusNextPrevChild chooses)."""
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
    )


def tab_stops(qtbot, window: QWidget, area: QWidget) -> list[QWidget]:
    """The widgets inside ``area`` that Tab stops on, from its first one, in Tab order."""
    candidates = [w for w in area.findChildren(QWidget) if takes_tab(w)]
    assert candidates, f"nothing takes the focus in {describe(area)}"
    # The chain is a ring: start from the first of the area's widgets in it.
    first = min(candidates, key=lambda w: chain_index(window, w))

    def focused() -> bool:
        # Building a page (the chart's view) may take the window's activation away a moment.
        if not window.isActiveWindow():
            window.activateWindow()
            return False
        first.setFocus(Qt.FocusReason.TabFocusReason)
        return QApplication.focusWidget() is first

    qtbot.waitUntil(focused)
    stops: list[QWidget] = []
    current = QApplication.focusWidget()
    while current is not None and is_inside(current, area) and current not in stops:
        stops.append(current)
        window.focusNextChild()
        QApplication.processEvents()
        current = QApplication.focusWidget()
    assert stops, f"Tab stops nowhere in {describe(area)}"
    if current in stops:  # round the area (a dialog): read the ring from its first field
        firsts = [w for w in stops if not any(reads_before(t, w) for t in stops)]
        at = stops.index(firsts[0]) if firsts else 0
        stops = stops[at:] + stops[:at]
    return stops


def chain_index(window: QWidget, widget: QWidget) -> int:
    index, current = 0, window.nextInFocusChain()
    while current is not widget and current is not window:
        index, current = index + 1, current.nextInFocusChain()
    return index


def is_inside(widget: QWidget, area: QWidget) -> bool:
    while widget is not None:
        if widget is area:
            return True
        widget = widget.parentWidget()
    return False


def ancestors(widget: QWidget) -> list[QWidget]:
    chain = []
    while widget is not None:
        chain.append(widget)
        widget = widget.parentWidget()
    return chain[::-1]


def rect_in(widget: QWidget, parent: QWidget) -> QRect:
    top_left = widget.mapTo(parent, QPoint(0, 0))
    return QRect(top_left, widget.size())


def layout_path(layout: QLayout | None, widget: QWidget) -> list[QLayoutItem]:
    """The layout items from ``layout`` down to ``widget``'s, [] when it is not there."""
    if layout is None:
        return []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is widget:
            return [item]
        if item.layout() is not None:
            below = layout_path(item.layout(), widget)
            if below:
                return [item, *below]
    return []


def placed_rects(parent: QWidget, a: QWidget, b: QWidget) -> tuple[QRect, QRect]:
    """Where ``a`` and ``b`` (children of ``parent``) sit, compared in the innermost layout
    holding both: a two-column form reads its left column first."""
    path_a, path_b = layout_path(parent.layout(), a), layout_path(parent.layout(), b)
    if not path_a or not path_b:
        return rect_in(a, parent), rect_in(b, parent)
    depth = 0
    while depth < min(len(path_a), len(path_b)) - 1 and path_a[depth] is path_b[depth]:
        depth += 1
    return path_a[depth].geometry(), path_b[depth].geometry()


def reads_before(a: QWidget, b: QWidget) -> bool | None:
    """True when ``a`` is read before ``b``: where their branches part (widgets, then
    layouts), the one above or, on the same band, the one on the left; None when they
    overlap."""
    path_a, path_b = ancestors(a), ancestors(b)
    common = 0
    while common < min(len(path_a), len(path_b)) and path_a[common] is path_b[common]:
        common += 1
    if common == len(path_a) or common == len(path_b):
        return None  # one holds the other
    ra, rb = placed_rects(path_a[common - 1], path_a[common], path_b[common])
    if ra.bottom() < rb.top():
        return True
    if rb.bottom() < ra.top():
        return False
    if ra.right() < rb.left():
        return True
    if rb.right() < ra.left():
        return False
    return None


def describe(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def order_problems(stops: list[QWidget]) -> list[str]:
    backwards = [
        f"Tab va de « {describe(a)} » à « {describe(b)} », placé avant"
        for a, b in itertools.pairwise(stops)
        if reads_before(a, b) is False
    ]
    blank = [
        f"Tab s'arrête sur la zone de défilement « {stop.objectName()} », sans nom"
        for stop in stops
        if isinstance(stop, QScrollArea) and not stop.accessibleName()
    ]
    return backwards + blank


def reveal(widget: QWidget) -> None:
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


PAGES = ["Séance", "Ordre du jour", "Participants", "Qualité", "Indicateurs", "Documents"]


def show_page(window: MainWindow, title: str) -> QWidget:
    for index in range(window.tabs.count()):
        if window.tabs.tabText(index).replace("&", "") == title:
            window.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            return window.current_page()
    raise AssertionError(title)


@pytest.mark.parametrize("title", PAGES)
def test_tab_follows_the_reading_order_on_each_page(qtbot, window, title):
    page = show_page(window, title)
    if title == "Indicateurs":
        qtbot.waitUntil(page.chart.isVisible)  # built when an indicator is shown
    problems = []
    areas = [page] + [
        tabs.widget(index)
        for tabs in page.findChildren(QTabWidget)
        for index in range(tabs.count())
    ]
    for area in areas:
        reveal(area)
        QApplication.processEvents()
        problems += order_problems(tab_stops(qtbot, window, area))
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_order_check_finds_a_field_reached_out_of_reading_order(qtbot):
    from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit

    widget = QWidget()
    qtbot.addWidget(widget)
    columns = QHBoxLayout(widget)
    left, right = QFormLayout(), QFormLayout()
    columns.addLayout(left)
    columns.addLayout(right)
    edits = [QLineEdit(objectName=name) for name in ("a", "b", "c", "d")]
    left.addRow("A", edits[0])
    left.addRow("B", edits[1])
    right.addRow("C", edits[2])
    right.addRow("D", edits[3])
    with qtbot.waitExposed(widget):
        widget.show()
    assert order_problems(edits) == []  # a left column, then the right one
    assert order_problems([edits[1], edits[0]]) == ["Tab va de « b » à « a », placé avant"]
    assert order_problems([edits[2], edits[0]]) == ["Tab va de « c » à « a », placé avant"]


def other_windows(window, tmp_path):
    """The directory's tabs, then every dialog, each with the area to walk."""
    from tests.gui.test_keys_mnemonics import dialogs

    window.open_directory()
    directory = window._directory
    for index in range(directory.tabs.count()):
        yield f"Annuaire › {directory.tabs.tabText(index)}", directory, directory.tabs.widget(index)
    directory.close()
    for title, dialog in dialogs(window, tmp_path):
        yield title, dialog, dialog


def test_tab_follows_the_reading_order_in_the_directory_and_the_dialogs(qtbot, window, tmp_path):
    problems = []
    for title, top, area in other_windows(window, tmp_path):
        with qtbot.waitExposed(top):
            top.show()
        reveal(area)
        QApplication.processEvents()
        problems += [f"{title}: {p}" for p in order_problems(tab_stops(qtbot, top, area))]
        if top is not window._directory:
            top.reject()
    assert not problems, "\n".join(dict.fromkeys(problems))


def every_scroll_area(qtbot, window, tmp_path) -> list[QScrollArea]:
    found = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found += window.tabs.widget(index).findChildren(QScrollArea)
    for _title, top, _area in other_windows(window, tmp_path):
        found += top.findChildren(QScrollArea)
    return list(dict.fromkeys(found))


def test_no_unnamed_scroll_area_takes_the_focus(qtbot, window, tmp_path):
    areas = every_scroll_area(qtbot, window, tmp_path)
    assert len(areas) >= 4
    taking = [
        area.objectName() or type(area.widget()).__name__
        for area in areas
        if area.focusPolicy() != Qt.FocusPolicy.NoFocus and not area.accessibleName()
    ]
    assert taking == [], "\n".join(taking)


def beside(date: QWidget, other: QWidget) -> bool:
    """``other`` sits on the row of ``date``, on its right, in the same container."""
    if other.parentWidget() is not date.parentWidget():
        return False
    a, b = date.geometry(), other.geometry()
    return a.top() <= b.bottom() and b.top() <= a.bottom() and b.left() >= a.right()


def test_a_date_is_one_tab_stop(qtbot, window, tmp_path):
    problems = []
    for title in PAGES:
        page = show_page(window, title)
        areas = [page] + [
            tabs.widget(i) for tabs in page.findChildren(QTabWidget) for i in range(tabs.count())
        ]
        for area in areas:
            reveal(area)
            stops = tab_stops(qtbot, window, area)
            for date, after in itertools.pairwise(stops):
                if (
                    isinstance(date, QDateTimeEdit)
                    and isinstance(after, QAbstractButton)
                    and beside(date, after)
                ):
                    problems.append(f"{title}: « {describe(after)} » après « {describe(date)} »")
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_suppr_empties_an_optional_date_and_the_mouse_still_can(qtbot, window):
    page = show_page(window, "Séance")
    form = page.form
    for date, button in (
        (form.convocation_edit, form.convocation_clear),
        (form.minutes_date_edit, form.undated_button),
        (form.publication_edit, form.publication_clear),
    ):
        date.set_value(dt.date(2023, 12, 1))
        date.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(date, Qt.Key.Key_Delete)
        assert date.value() is None, describe(date)
        assert "Suppr" in date.toolTip()
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
        date.set_value(dt.date(2023, 12, 1))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert date.value() is None
    # A required date keeps its value: Suppr empties nothing there.
    form.date_edit.setFocus(Qt.FocusReason.TabFocusReason)
    before = form.date_edit.value()
    qtbot.keyClick(form.date_edit, Qt.Key.Key_Delete)
    form.date_edit.clearFocus()
    assert form.date_edit.value() == before


def test_signed_minutes_keep_their_dates(qtbot, window, signed_demo_db):
    page = show_page(window, "Séance")
    page.reload()
    form = page.form
    assert form.convocation_edit.isReadOnly()
    before = form.minutes_date_edit.value()
    form.minutes_date_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(form.minutes_date_edit, Qt.Key.Key_Delete)
    assert form.minutes_date_edit.value() == before is not None
    assert not any(button.isEnabled() for button in form.clear_buttons)
