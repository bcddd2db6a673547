"""Screens that read in any palette: under a dark palette and a high-contrast one, every
text the application colours (statuses, hints, errors, panels) keeps the contrast WCAG AA
asks of text (4.5:1) against the background it is drawn on, and no widget carries a
colour of its own in a style sheet (which the palette could not follow)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QTabWidget,
    QWidget,
)

from clu_desktop.gui import colours
from clu_desktop.gui.main_window import MainWindow

WINDOW_SIZE = (1280, 800)
ROLES = QPalette.ColorRole


def make_palette(colours_by_role: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, name in colours_by_role.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role, QColor(name))
    return palette


DARK = {
    ROLES.Window: "#2b2b2b",
    ROLES.WindowText: "#eeeeee",
    ROLES.Base: "#1e1e1e",
    ROLES.AlternateBase: "#303030",
    ROLES.Text: "#eeeeee",
    ROLES.Button: "#353535",
    ROLES.ButtonText: "#eeeeee",
    ROLES.Highlight: "#2a6fb0",
    ROLES.HighlightedText: "#ffffff",
    ROLES.PlaceholderText: "#a0a0a0",
    ROLES.ToolTipBase: "#333333",
    ROLES.ToolTipText: "#eeeeee",
    ROLES.Link: "#8ab4f8",
    ROLES.Mid: "#555555",
}
HIGH_CONTRAST = {  # as Windows' "Aquatic" / "Night sky" themes: black, white and yellow
    ROLES.Window: "#000000",
    ROLES.WindowText: "#ffffff",
    ROLES.Base: "#000000",
    ROLES.AlternateBase: "#000000",
    ROLES.Text: "#ffffff",
    ROLES.Button: "#000000",
    ROLES.ButtonText: "#ffff00",
    ROLES.Highlight: "#1aebff",
    ROLES.HighlightedText: "#000000",
    ROLES.PlaceholderText: "#c0c0c0",
    ROLES.ToolTipBase: "#000000",
    ROLES.ToolTipText: "#ffffff",
    ROLES.Link: "#ffff00",
    ROLES.Mid: "#ffffff",
}
HIGH_CONTRAST_WHITE = {
    ROLES.Window: "#ffffff",
    ROLES.WindowText: "#000000",
    ROLES.Base: "#ffffff",
    ROLES.AlternateBase: "#ffffff",
    ROLES.Text: "#000000",
    ROLES.Button: "#ffffff",
    ROLES.ButtonText: "#000000",
    ROLES.Highlight: "#37006e",
    ROLES.HighlightedText: "#ffffff",
    ROLES.PlaceholderText: "#3f3f3f",
    ROLES.Link: "#00009f",
    ROLES.Mid: "#000000",
}
PALETTES = {
    "sombre": DARK,
    "contraste élevé": HIGH_CONTRAST,
    "contraste blanc": HIGH_CONTRAST_WHITE,
}
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(color|background)\s*:\s*(?!palette\()", re.I)


@pytest.fixture(params=list(PALETTES))
def palette(request, qapp):
    before = qapp.palette()
    qapp.setPalette(make_palette(PALETTES[request.param]))
    yield request.param
    qapp.setPalette(before)


def settle(_qtbot) -> None:
    """The palette's events delivered (no time waited: what is posted is processed)."""
    QApplication.processEvents()


def problems_of(widget: QWidget, where: str) -> list[str]:
    """Every text of ``widget`` and its children that reads below 4.5:1, and every colour
    written in a style sheet."""
    found: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if HEX_COLOUR.search(child.styleSheet() or ""):
            found.append(f"{where}: {child.objectName()} colours itself: {child.styleSheet()}")
        if not child.isVisible():
            continue
        if isinstance(child, QLabel) and child.text() and child.isEnabled():
            found += label_problem(child, where)
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            found += view_problems(child, where)
    return found


def label_problem(label: QLabel, where: str) -> list[str]:
    text = label.palette().color(label.foregroundRole())
    background = colours.background_of(label)
    ratio = colours.contrast(text, background)
    if ratio >= colours.MIN_CONTRAST:
        return []
    return [f"{where}: « {label.text()[:40]} » {text.name()} on {background.name()}: {ratio:.2f}"]


def _colour(value) -> QColor | None:
    if isinstance(value, QBrush):
        return value.color()
    if isinstance(value, QColor):
        return value
    return None


def view_problems(view: QAbstractItemView, where: str) -> list[str]:
    model = view.model()
    palette = view.palette()
    found = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model
        columns = 1
    for row in range(min(model.rowCount(QModelIndex()), 40)):
        for column in range(columns):
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if not text:
                continue
            foreground = _colour(index.data(Qt.ItemDataRole.ForegroundRole))
            fill = _colour(index.data(Qt.ItemDataRole.BackgroundRole))
            if foreground is None and fill is None:
                continue
            foreground = foreground or palette.color(ROLES.Text)
            backgrounds = (fill,) if fill is not None else colours.item_backgrounds(palette)
            ratio = min(colours.contrast(foreground, b) for b in backgrounds)
            if ratio < colours.MIN_CONTRAST:
                found.append(
                    f"{where}: {view.objectName()} « {str(text)[:30]} » {foreground.name()}"
                    f" on {', '.join(b.name() for b in backgrounds)}: {ratio:.2f}"
                )
    return found


def every_page(window: MainWindow, qtbot):
    """Show each tab of the main window, and each tab of the pages' own tab widgets."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(qtbot)
        name = window.tabs.tabText(index).replace("&", "")
        yield name
        for inner in window.tabs.currentWidget().findChildren(QTabWidget):
            if not inner.isVisible():
                continue
            for sub in range(1, inner.count()):
                inner.setCurrentIndex(sub)
                settle(qtbot)
                yield f"{name} › {inner.tabText(sub).replace('&', '')}"
            inner.setCurrentIndex(0)


def test_the_main_pages_read_in_a_dark_and_a_high_contrast_palette(palette, demo_db, qtbot):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    with qtbot.waitExposed(window):
        window.show()
    found = []
    pages = 0
    for page in every_page(window, qtbot):
        found += problems_of(window, f"{palette}, {page}")
        pages += 1
    from clu_desktop.gui.directory.window import DirectoryWindow

    directory = DirectoryWindow(demo_db)
    qtbot.addWidget(directory)
    directory.resize(*WINDOW_SIZE)
    with qtbot.waitExposed(directory):
        directory.show()
    found += problems_of(directory, f"{palette}, annuaire")
    directory.close()
    assert pages >= 6
    assert found == []


def test_statuses_and_panels_read_in_every_palette(palette, demo_db, qtbot):
    """The participants' statuses (one of each), the quorum, the warnings panel and the
    live window's marks, whatever the palette."""
    from clu_desktop.domain import AttendanceStatus
    from clu_desktop.gui.live.delegate import present_colour_on
    from clu_desktop.gui.live.window import LiveAttendanceWindow
    from clu_desktop.gui.participants import model as participants_model

    application = QApplication.instance()
    for tone in (colours.SUCCESS, colours.ERROR, colours.INFO, colours.MUTED, colours.WARNING):
        for background in colours.item_backgrounds():
            assert colours.contrast(colours.for_items(tone).color(), background) >= 4.5
        window_colour = application.palette().color(ROLES.Window)
        assert colours.contrast(colours.on(tone), window_colour) >= 4.5
    assert set(participants_model._STATUS_TONES) >= {
        AttendanceStatus.PRESENT,
        AttendanceStatus.ABSENT,
    }
    for tone in (colours.WARNING_PANEL, colours.SIGNED_PANEL):
        panel = QWidget()
        qtbot.addWidget(panel)
        label = QLabel("Texte", panel)
        fill = colours.tint(panel, tone)
        assert colours.contrast(label.palette().color(ROLES.WindowText), fill) >= 4.5

    with demo_db.reading() as session:
        from sqlalchemy import select

        from clu_desktop.domain import Meeting

        meeting_id = session.scalar(select(Meeting.id))
    live = LiveAttendanceWindow(demo_db, meeting_id, QUndoStack())
    qtbot.addWidget(live)
    live.resize(*WINDOW_SIZE)
    with qtbot.waitExposed(live):
        live.show()
    green = present_colour_on(live.palette())
    for background in colours.item_backgrounds(live.palette()):
        assert colours.contrast(green, background) >= 4.5
    assert problems_of(live, f"{palette}, séance en cours") == []


def test_a_coloured_text_follows_a_palette_changed_while_running(qapp, qtbot):
    """The system switches to its dark theme while the application runs: a hint painted
    red for the light palette takes the red made for the dark one."""
    before = qapp.palette()
    panel = QWidget()
    qtbot.addWidget(panel)
    hint = QLabel("Saisissez une date", panel)
    warning = QWidget(panel)
    inside = QLabel("À vérifier", warning)
    try:
        qapp.setPalette(make_palette(HIGH_CONTRAST_WHITE))
        colours.paint(hint, colours.ERROR)
        colours.tint(warning, colours.WARNING_PANEL)
        qapp.setPalette(make_palette(DARK))

        def repainted() -> None:  # once the change is known (zero timers after its events)
            dark = panel.palette().color(ROLES.Window)
            assert colours.contrast(hint.palette().color(ROLES.WindowText), dark) >= 4.5
            fill = warning.palette().color(ROLES.Window)
            assert fill == QColor(colours.WARNING_PANEL.dark)
            assert colours.contrast(inside.palette().color(ROLES.WindowText), fill) >= 4.5

        qtbot.waitUntil(repainted)
        colours.unpaint(hint)
        qapp.setPalette(make_palette(HIGH_CONTRAST))
        qtbot.waitUntil(lambda: hint.palette().color(ROLES.WindowText) == QColor("#ffffff"))
    finally:
        qapp.setPalette(before)


def test_the_signed_minutes_bar_is_green_and_reads_in_every_palette(palette, signed_demo_db, qtbot):
    window = MainWindow(signed_demo_db)
    qtbot.addWidget(window)
    window.resize(*WINDOW_SIZE)
    with qtbot.waitExposed(window):
        window.show()
    window.tabs.setCurrentIndex(0)
    settle(qtbot)
    bar = window.findChild(QWidget, "signatureBar")
    assert bar.property("signed") is True
    fill = bar.palette().color(ROLES.Window)
    tone = colours.SIGNED_PANEL
    assert fill.name() in (tone.light, tone.dark)
    # drawn as set: no style sheet paints over it
    spot = bar.mapTo(window, bar.rect().center()) + QPoint(0, bar.height() // 2 - 4)
    image = window.grab().toImage()
    ratio = image.devicePixelRatio()
    inside = image.pixelColor(int(spot.x() * ratio), int(spot.y() * ratio))
    assert inside == fill
    assert problems_of(bar, f"{palette}, compte-rendu signé") == []


@pytest.mark.qt_log_ignore("does not support raise")  # the directory, offscreen
@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_screenshots_at_1280_by_800_in_the_dark_palette(demo_db, qapp, tmp_path):
    """``clu-desktop screenshots --palette sombre``: the screens as a dark theme's users
    see them, at a laptop's size; the application's own palette is given back."""
    from PySide6.QtGui import QImage

    from clu_desktop.gui.screenshots import take_screenshots

    before = qapp.palette().color(ROLES.Window)
    written = take_screenshots(demo_db, tmp_path, palette="sombre")
    assert len(written) >= 10
    first = QImage(str(written[0]))
    assert (first.width(), first.height()) == (1280, 800)
    assert colours.is_dark(first.pixelColor(first.width() - 5, first.height() // 2))
    assert qapp.palette().color(ROLES.Window) == before
