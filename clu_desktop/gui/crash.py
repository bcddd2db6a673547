"""One place for unexpected errors: the trace goes to a rotating log file in the user's
log folder, the user gets a French dialog, and the application keeps running.

Nothing here is imported before the window shows but the hook itself: logging and
platformdirs load when the log is set up, once the window is on screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clu_desktop.errors import UserError

LOG_FILE_NAME = "clu-desktop.log"


def log_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("clu-desktop", appauthor=False))


def log_path() -> Path:
    """The file :func:`set_up_logging` writes to."""
    return log_folder() / LOG_FILE_NAME


def set_up_logging() -> Path:
    """Log to a rotating file (5 × 1 MB); returns its path. Every line goes through
    ``secrets.private``: no password, no value of a database error."""
    import logging
    import logging.handlers  # not before the window shows: it is a few hundredths

    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)  # set up already
    from clu_desktop.files import private_folder, private_opener

    class PrivateFileHandler(logging.handlers.RotatingFileHandler):
        """Each log file (the rotated ones too) created 0600: it names people."""

        def _open(self):
            return open(self.baseFilename, self.mode, encoding=self.encoding, opener=private_opener)

    path = log_path()
    private_folder(path.parent)
    handler = PrivateFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(_private_formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def environment_message(value: BaseException) -> str | None:
    """The French message for an error of the disk or the system (full, read only,
    vanished), whatever raised it; None for a bug."""
    from clu_desktop.files import database_error_message, os_error_message

    if isinstance(value, OSError):
        return os_error_message(value, done="la modification n'a pas été enregistrée")
    if type(value).__module__.startswith(("sqlite3", "sqlalchemy")):
        return database_error_message(value)
    return None


def _private_formatter(fmt: str):
    """A ``logging.Formatter`` whose lines go through ``secrets.private``."""
    import logging

    from clu_desktop.store.secrets import private

    class PrivateFormatter(logging.Formatter):
        def format(self, record) -> str:
            return private(super().format(record))

    return PrivateFormatter(fmt)


def install_excepthook(log_file: Path | None = None) -> None:
    """Catch unexpected errors; their trace goes to ``log_file`` (default: the log that
    :func:`set_up_logging` writes)."""

    def hook(kind, value, trace) -> None:
        from clu_desktop.gui import messages

        if isinstance(value, UserError):  # an expected refusal that escaped a page
            messages.show_error(None, str(value))
            return
        told = environment_message(value)
        if told is not None:  # the disk's fault (full, read only, gone), not a bug
            import logging

            logging.getLogger("clu_desktop").warning(
                "Write refused by the system: %s", type(value).__name__
            )
            messages.show_error(None, told)
            return
        import logging
        import traceback

        from clu_desktop.store.secrets import error_summary

        logging.getLogger("clu_desktop").error(
            "Erreur inattendue\n%s", "".join(traceback.format_exception(kind, value, trace))
        )
        messages.show_error(
            None,
            "Une erreur inattendue s'est produite. Vos données déjà enregistrées sont "
            "intactes et l'application continue.\n\n"
            f"{error_summary(value)}\n\n"
            f"Le détail est enregistré dans « {log_file or log_path()} ».",
        )

    sys.excepthook = hook
