"""One place for unexpected errors: the trace goes to a rotating log file in the user's
log folder, the user gets a French dialog, and the application keeps running."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

import platformdirs

from clu_desktop.errors import UserError

logger = logging.getLogger("clu_desktop")
LOG_FILE_NAME = "clu-desktop.log"


def log_folder() -> Path:
    return Path(platformdirs.user_log_dir("clu-desktop", appauthor=False))


def set_up_logging() -> Path:
    """Log to a rotating file (5 × 1 MB); returns its path."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)  # set up already
    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(log_path: Path) -> None:
    def hook(kind, value, trace) -> None:
        from clu_desktop.gui import messages

        if isinstance(value, UserError):  # an expected refusal that escaped a page
            messages.show_error(None, str(value))
            return
        logger.error(
            "Erreur inattendue\n%s", "".join(traceback.format_exception(kind, value, trace))
        )
        messages.show_error(
            None,
            "Une erreur inattendue s'est produite. Vos données déjà enregistrées sont "
            "intactes et l'application continue.\n\n"
            f"{kind.__name__} : {value}\n\n"
            f"Le détail est enregistré dans « {log_path} ».",
        )

    sys.excepthook = hook
