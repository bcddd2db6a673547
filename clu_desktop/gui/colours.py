"""Colours that read in any palette: light, dark or high contrast.

No widget names a colour of its own: it asks for a *tone* (an error, a success, a muted
hint...) and gets the variant made for the background in use, the light background's
or the dark one's, checked against that background for the contrast WCAG AA asks of
text (4.5:1). When neither variant reads (a high-contrast palette, an unusual theme),
the text falls back on the plain black or white that reads best: a status then loses its
colour, never its legibility.

- ``on(tone, *backgrounds)``: the colour of a tone on those backgrounds (all of them:
  a table's rows alternate between Base and AlternateBase).
- ``for_items(tone)``: the brush a Qt model returns for ``ForegroundRole``.
- ``paint(widget, tone)`` / ``unpaint(widget)``: a label's text in a tone, and back.
- ``tint(widget, tone)``: a panel's background (a warning box, the signed minutes'
  bar) in a tone, its text in the palette's colour that reads on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text


@dataclass(frozen=True)
class Tone:
    """One meaning, two colours: for a light background and for a dark one."""

    light: str
    dark: str


ERROR = Tone("#a4161a", "#ff8a80")
SUCCESS = Tone("#1b5e20", "#81c784")
INFO = Tone("#0d47a1", "#90caf9")
MUTED = Tone("#5f5f5f", "#b4b4b4")
WARNING = Tone("#7a4f00", "#ffcc80")

# Backgrounds of panels (their text takes the palette's colour that reads on them).
WARNING_PANEL = Tone("#fff4ce", "#3d3000")
SIGNED_PANEL = Tone("#e8f0e3", "#1f3320")

BLACK, WHITE = QColor(0, 0, 0), QColor(255, 255, 255)


_PALETTES = {
    "sombre": {
        "Window": "#2b2b2b",
        "WindowText": "#eeeeee",
        "Base": "#1e1e1e",
        "AlternateBase": "#303030",
        "Text": "#eeeeee",
        "Button": "#353535",
        "ButtonText": "#eeeeee",
        "Highlight": "#2a6fb0",
        "HighlightedText": "#ffffff",
        "PlaceholderText": "#a0a0a0",
        "ToolTipBase": "#333333",
        "ToolTipText": "#eeeeee",
        "Link": "#8ab4f8",
        "Mid": "#555555",
    },
    "contraste": {
        "Window": "#000000",
        "WindowText": "#ffffff",
        "Base": "#000000",
        "AlternateBase": "#000000",
        "Text": "#ffffff",
        "Button": "#000000",
        "ButtonText": "#ffff00",
        "Highlight": "#1aebff",
        "HighlightedText": "#000000",
        "PlaceholderText": "#c0c0c0",
        "ToolTipBase": "#000000",
        "ToolTipText": "#ffffff",
        "Link": "#ffff00",
        "Mid": "#ffffff",
    },
}


def named_palette(name: str) -> QPalette:
    """A dark (« sombre ») or high-contrast (« contraste ») palette, to look at the
    screens as users of those system themes see them."""
    palette = QPalette()
    roles = _PALETTES[name]
    dimmed = {"WindowText", "Text", "ButtonText", "HighlightedText"}
    for role, colour in roles.items():
        for group in QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive:
            palette.setColor(group, getattr(QPalette.ColorRole, role), QColor(colour))
        disabled = roles["PlaceholderText"] if role in dimmed else colour
        palette.setColor(
            QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), QColor(disabled)
        )
    return palette


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2.1), 0 for black to 1 for white."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    rgb = colour.toRgb()
    return (
        0.2126 * channel(rgb.redF())
        + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """The contrast ratio of two colours (WCAG 2.1), from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(background: QColor) -> bool:
    """True when white text reads better than black on ``background``."""
    return contrast(background, WHITE) > contrast(background, BLACK)


def on(tone: Tone, *backgrounds: QColor) -> QColor:
    """The colour of ``tone`` on every one of ``backgrounds``, readable on each."""
    if not backgrounds:
        backgrounds = (QApplication.palette().color(QPalette.ColorRole.Window),)
    chosen = QColor(tone.dark if is_dark(backgrounds[0]) else tone.light)
    if min(contrast(chosen, b) for b in backgrounds) >= MIN_CONTRAST:
        return chosen
    return max((BLACK, WHITE), key=lambda plain: min(contrast(plain, b) for b in backgrounds))


def item_backgrounds(palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """The backgrounds of a view's rows: Base and, on alternate rows, AlternateBase."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.AlternateBase)


def for_items(tone: Tone, palette: QPalette | None = None) -> QBrush:
    """A model's ``ForegroundRole`` brush for ``tone``, read against the application's
    palette as it is now (a palette changed while running is followed)."""
    return QBrush(on(tone, *item_backgrounds(palette)))


def highlighted_row(palette: QPalette | None = None) -> QColor:
    """A row set apart (the next period to fill): Base tinted with the Highlight colour,
    kept readable under the palette's Text."""
    palette = palette or QApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    text = palette.color(QPalette.ColorRole.Text)
    for share in (0.15, 0.1, 0.05, 0.0):
        mixed = QColor.fromRgbF(
            *(b + (h - b) * share for b, h in zip(_rgb(base), _rgb(highlight), strict=True))
        )
        if contrast(mixed, text) >= MIN_CONTRAST:
            return mixed
    return base


def _rgb(colour: QColor) -> tuple[float, float, float]:
    rgb = colour.toRgb()
    return rgb.redF(), rgb.greenF(), rgb.blueF()


def background_of(widget: QWidget) -> QColor:
    """The colour a widget's text is drawn on: its own background role's colour, which it
    inherits from the panel it sits in."""
    return widget.palette().color(widget.backgroundRole())


class _Keeper(QObject):
    """Applies a widget's tone again when the palette around it changes (the system
    switched to its dark theme while the application runs)."""

    NAME = "colourKeeper"

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName(self.NAME)
        self.apply: Callable[[], object] | None = None
        self.busy = False
        widget.installEventFilter(self)

    def run(self) -> object:
        if self.apply is None:
            return None
        self.busy = True
        try:
            return self.apply()
        finally:
            self.busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        changes = (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange)
        if event.type() in changes and not self.busy and self.apply is not None:
            QTimer.singleShot(0, self, self.run)
        return False


def _keep(widget: QWidget, apply: Callable[[], object] | None) -> object:
    keeper = widget.findChild(_Keeper, _Keeper.NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if keeper is None:
        if apply is None:
            return None
        keeper = _Keeper(widget)
    keeper.apply = apply
    return keeper.run()


def paint(widget: QWidget, tone: Tone, bold: bool = False) -> QColor:
    """Draw ``widget``'s text in ``tone`` (read against its background, and again when
    the palette changes); returns the colour chosen."""
    if bold:
        font = widget.font()
        font.setBold(True)
        widget.setFont(font)
    return _keep(widget, lambda: _paint(widget, tone))


def _paint(widget: QWidget, tone: Tone) -> QColor:
    widget.setPalette(QPalette())  # the background it inherits, not the last tone's
    colour = on(tone, background_of(widget))
    palette = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, colour)
    widget.setPalette(palette)
    return colour


def unpaint(widget: QWidget, unbold: bool = False) -> None:
    """Give ``widget`` back the colours of the panel it sits in (and a regular weight if
    ``unbold``)."""
    _keep(widget, None)
    keeper = widget.findChild(_Keeper, _Keeper.NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if keeper is not None:
        keeper.busy = True
    widget.setPalette(QPalette())
    if keeper is not None:
        keeper.busy = False
    font = widget.font()
    if unbold and font.bold():
        font.setBold(False)
        widget.setFont(font)


def tint(widget: QWidget, tone: Tone) -> QColor:
    """Fill ``widget``'s background with ``tone`` (the variant for the palette it sits
    in, chosen again when the palette changes) and give its text the palette's colour
    that reads on it; returns the fill."""
    widget.setAutoFillBackground(True)
    return _keep(widget, lambda: _tint(widget, tone))


def _tint(widget: QWidget, tone: Tone) -> QColor:
    widget.setPalette(QPalette())
    around = widget.palette()
    fill = QColor(tone.dark if is_dark(around.color(QPalette.ColorRole.Window)) else tone.light)
    text = around.color(QPalette.ColorRole.WindowText)
    if contrast(text, fill) < MIN_CONTRAST:
        text = max((BLACK, WHITE), key=lambda plain: contrast(plain, fill))
    palette = QPalette(around)
    palette.setColor(QPalette.ColorRole.Window, fill)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, text)
    widget.setPalette(palette)
    return fill
