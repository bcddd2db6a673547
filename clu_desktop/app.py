"""The graphical application: the Qt application object and its main window.

Qt is imported only inside :func:`run_gui`, so that the command line tools, which import
this module lazily, never load it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from clu_desktop.errors import EXIT_USER_ERROR, UserError

if TYPE_CHECKING:
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
#: Printed on stdout, in that mode, when the window shows the database.
WINDOW_READY_MARKER = "window-ready"
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


def run_gui(
    db: Database | Callable[[], Database],
    argv: list[str] | None = None,
    description: str | None = None,
    after_shown: Callable[[], str | None] | None = None,
) -> int:
    """Open the main window on ``db`` and run the application until it is closed.

    ``after_shown`` runs once the database's first meeting is painted (the day's backup):
    a text it returns is a warning shown in the status bar.

    ``db`` is an open database, or a function opening it (``description`` says where,
    for the title meanwhile): then the window's frame is shown first and the database
    opened once it is on screen, so that the window appears before SQLAlchemy, the models
    and the pages are imported. A database that cannot be opened is told in a message
    box, and the exit code is 2.

    ``argv`` is the command line given to Qt (default: "clu-desktop" alone, the command
    line tools having read their own options; under ``python -m`` the real argv[0] would
    be "__main__.py", which X11 shows as the window's class). Returns the exit code.

    Self-test mode: when the environment variable ``CLU_DESKTOP_EXIT_AFTER_SHOW`` holds a
    number of milliseconds, the application prints ``window-shown`` on stdout as soon as
    the window is exposed on screen, ``window-ready`` once it shows the database, then
    quits by itself that long afterwards, with exit code 0. If the window is not exposed
    within 30 seconds, it quits with exit code 1. A value that is not a number raises
    :class:`~clu_desktop.errors.UserError`.
    """
    exit_delay = exit_after_show_delay()
    from PySide6.QtCore import QTimer

    from clu_desktop.gui.crash import install_excepthook, set_up_logging
    from clu_desktop.gui.main_window import MainWindow

    install_excepthook()
    app = create_application(argv, qt_texts=False)  # no dialog before it is on screen
    opener = db if callable(db) else None
    window = MainWindow(None if opener else db, description=description)
    window.show()
    outcome = {"code": 0}  # a refusal's, whatever closing the window makes exec return

    def on_screen() -> None:
        install_qt_translations(app)
        make_settings_private()
        set_up_logging()
        if opener is not None:
            try:
                window.attach(opener())
            except UserError as exc:
                from clu_desktop.gui import messages

                print(f"Erreur : {exc}", file=sys.stderr, flush=True)
                outcome["code"] = EXIT_USER_ERROR
                if exit_delay is not None:
                    _close_boxes_after(app, exit_delay)
                messages.show_error(window, str(exc))
                window.close()
                app.exit(EXIT_USER_ERROR)
                return
        from clu_desktop.gui import preload

        window.repaint()  # the meeting is on screen now: what the user waited for
        if exit_delay is not None:
            print(WINDOW_READY_MARKER, flush=True)
            QTimer.singleShot(exit_delay, app.quit)
        if after_shown is not None:
            QTimer.singleShot(0, lambda: _warn(window, after_shown()))
        preload.start_later()

    _when_exposed(app, window, exit_delay is not None, on_screen)
    code = app.exec()
    return outcome["code"] or code


def _warn(window, warning: str | None) -> None:
    if warning:
        window.statusBar().showMessage(warning)


def _when_exposed(app, window, print_marker: bool, then: Callable[[], None]) -> None:
    """Call ``then`` once ``window`` is exposed on screen (and painted), printing the
    marker first in self-test mode; if it is not exposed within 30 seconds, quit with
    exit code 1."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    clock = QElapsedTimer()
    clock.start()
    poll = QTimer(window)
    poll.setInterval(5)

    def check() -> None:
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            poll.stop()
            if print_marker:
                print(WINDOW_SHOWN_MARKER, flush=True)
            window.repaint()  # the frame is on screen before the database opens
            QTimer.singleShot(0, then)
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


def _close_boxes_after(app, delay_ms: int) -> None:
    """In self-test mode, close the message boxes shown ``delay_ms`` later."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def close_boxes() -> None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                widget.done(0)

    QTimer.singleShot(delay_ms, close_boxes)


def create_application(argv: list[str] | None = None, qt_texts: bool = True):
    """The QApplication, named, with its icon, and in French (Qt's own texts too, unless
    ``qt_texts`` is false: the window's start reads them once it is on screen)."""
    from PySide6.QtCore import QLocale
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
    if qt_texts:
        install_qt_translations(app)
    return app


def make_settings_private() -> None:
    """Create the settings file 0600 (its folder 0700) before Qt first writes it: Qt
    keeps the mode of the file it replaces, and would give a new one the umask's. The
    settings name recent files and folders. Windows keeps them in the registry."""
    from PySide6.QtCore import QSettings

    from clu_desktop.files import POSIX, create_private_file

    name = QSettings().fileName()
    if POSIX and os.path.isabs(name):
        with contextlib.suppress(OSError):  # Qt says nothing either: only comfort
            create_private_file(name)


def install_qt_translations(app) -> None:
    """Qt's own texts (standard buttons, context menus) in French."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(), "qtbase", "_", translations):
        app.installTranslator(translator)
