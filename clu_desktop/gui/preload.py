"""Loads, in the background once the window is shown, what the lazy pages need on first
use: the Indicateurs chart (pyqtgraph, numpy), the Documents preview (pdfium), the
document writers (reportlab) and Babel's French data. The window appears without them;
half a second later they are ready, and opening those tabs the first time imports nothing.

Importing is safe off the GUI thread: these modules only define classes and value
constants, they create no QObject. A module that fails to load is left alone here: the
page that needs it reports the failure when it is opened.
"""

from __future__ import annotations

import importlib
import logging
import threading

#: What the lazy pages need, heaviest first.
MODULES = (
    "clu_desktop.gui.indicators.chart",
    "clu_desktop.gui.indicators.page",
    "clu_desktop.gui.quality.page",
    "clu_desktop.gui.documents.page",
    "clu_desktop.gui.documents.preview",
    "clu_desktop.documents.minutes",
)
THREAD_NAME = "clu-preload"
#: Milliseconds between the window being shown and the start of the loading, so that the
#: first paint does not share the processor with it.
DELAY_MS = 400

_log = logging.getLogger(__name__)


def _load(modules: tuple[str, ...]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the page reports it when opened
            _log.warning("Préchargement de %s impossible", name, exc_info=True)
    _warm_formats()


def _warm_formats() -> None:
    """Babel reads its French number and date data on first use: read it now."""
    try:
        import datetime as dt

        from clu_desktop.french import dates, periods, values

        values.format_value(1234.5, "%")
        periods.period_label("2024-01")
        dates.long_date(dt.date(2024, 1, 1))
    except Exception:
        _log.warning("Préchargement des formats français impossible", exc_info=True)


def start(modules: tuple[str, ...] = MODULES) -> threading.Thread:
    """Load ``modules`` on a background thread; returns the thread (not a daemon: the
    process waits for an import in progress rather than stop in the middle of it)."""
    thread = threading.Thread(target=_load, args=(modules,), name=THREAD_NAME)
    thread.start()
    return thread


def start_later(delay_ms: int = DELAY_MS) -> None:
    """Start the loading ``delay_ms`` after the event loop runs (the window is shown)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(delay_ms, start)
