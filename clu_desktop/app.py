"""The graphical application: the Qt application object and its main window.

Qt is imported only inside :func:`run_gui`, so that the command line tools, which import
this module lazily, never load it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from clu_desktop.errors import UserError
from clu_desktop.store.database import Database

APPLICATION_NAME = "CLU Desktop"
ORGANIZATION_NAME = "clu-desktop"
PROGRAM_NAME = "clu-desktop"
#: The windows' icon (resources/icons: the SVG and its renderings by packaging/make-icons.py).
APPLICATION_ICON = ("icons", "clu-desktop.png")
#: Milliseconds after which the application quits by itself once its window is shown.
EXIT_AFTER_SHOW_ENV = "CLU_DESKTOP_EXIT_AFTER_SHOW"
#: Printed on stdout, in that mode, when the window is exposed on screen.
WINDOW_SHOWN_MARKER = "window-shown"
#: In that mode, how long the window may take to be exposed before the run fails.
SHOW_TIMEOUT_MS = 30_000


def exit_after_show_delay(environ: Mapping[str, str] = os.environ) -> int | None:
    """The delay set by $CLU_DESKTOP_EXIT_AFTER_SHOW in milliseconds, or None if unset."""
    raw = environ.get(EXIT_AFTER_SHOW_ENV, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise UserError(
            f"{EXIT_AFTER_SHOW_ENV} doit être un nombre de millisecondes, pas « {raw} »."
        )
    return int(raw)


def run_gui(db: Database, argv: list[str] | None = None) -> int:
    """Open the main window on ``db`` and run the application until it is closed.

    ``argv`` is the command line given to Qt (default: "clu-desktop" alone, the command
    line tools having read their own options; under ``python -m`` the real argv[0] would
    be "__main__.py", which X11 shows as the window's class). Returns the exit code.

    Self-test mode: when the environment variable ``CLU_DESKTOP_EXIT_AFTER_SHOW`` holds a
    number of milliseconds, the application prints ``window-shown`` on stdout as soon as
    the window is exposed on screen, then quits by itself that long afterwards, with exit
    code 0. If the window is not exposed within 30 seconds, it quits with exit code 1.
    A value that is not a number raises :class:`~clu_desktop.errors.UserError`.
    """
    exit_delay = exit_after_show_delay()
    from clu_desktop.gui import preload
    from clu_desktop.gui.crash import install_excepthook, set_up_logging
    from clu_desktop.gui.main_window import MainWindow

    install_excepthook(set_up_logging())
    app = create_application(argv)
    window = MainWindow(db)
    window.show()
    preload.start_later()
    if exit_delay is not None:
        _quit_after_show(app, window, exit_delay)
    return app.exec()


def show_startup_error(text: str) -> None:
    """Tell why the window cannot open (the database is refused), in a message box with
    no main window; the caller then exits with code 2.

    In self-test mode ($CLU_DESKTOP_EXIT_AFTER_SHOW) the box closes by itself after that
    delay, so a test process never waits for a click.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from clu_desktop.gui import messages

    try:
        delay = exit_after_show_delay()
    except UserError:
        delay = None
    app = create_application()
    if delay is not None:

        def close_boxes() -> None:
            for widget in app.topLevelWidgets():
                if isinstance(widget, QMessageBox) and widget.isVisible():
                    widget.done(0)

        QTimer.singleShot(delay, close_boxes)
    messages.show_error(None, text)


def create_application(argv: list[str] | None = None):
    """The QApplication, named, with its icon, and in French (Qt's own texts too)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from clu_desktop.resources import resource_path

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    app = QApplication.instance() or QApplication(
        list(argv) if argv is not None else [PROGRAM_NAME]
    )
    app.setApplicationName(APPLICATION_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setWindowIcon(QIcon(str(resource_path(*APPLICATION_ICON))))

    # Qt's own texts (standard buttons, context menus) in French.
    translator = QTranslator(app)
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(), "qtbase", "_", translations):
        app.installTranslator(translator)
    return app


def _quit_after_show(app, window, delay_ms: int) -> None:
    """Print the marker once ``window`` is exposed, and quit ``delay_ms`` later."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    clock = QElapsedTimer()
    clock.start()
    poll = QTimer(window)
    poll.setInterval(20)

    def check() -> None:
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            poll.stop()
            print(WINDOW_SHOWN_MARKER, flush=True)
            QTimer.singleShot(delay_ms, app.quit)
        elif clock.elapsed() > SHOW_TIMEOUT_MS:
            poll.stop()
            print(
                f"La fenêtre ne s'est pas affichée en {SHOW_TIMEOUT_MS // 1000} secondes.",
                file=sys.stderr,
                flush=True,
            )
            app.exit(1)

    poll.timeout.connect(check)
    poll.start()
