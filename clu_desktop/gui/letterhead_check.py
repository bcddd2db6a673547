"""No document leaves the application without its letterhead unnoticed: before one is
printed, saved, opened or signed while the letterhead is empty, the user is told and
offered the settings (Fichier › Paramètres, on the letterhead)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from clu_desktop.gui import messages
from clu_desktop.services.settings import (
    EMPTY_LETTERHEAD,
    WHERE_TO_FILL_LETTERHEAD,
    letterhead_is_empty,
)
from clu_desktop.store.database import Database

OPEN_SETTINGS = "Ouvrir les paramètres"


def open_settings(parent: QWidget, db: Database) -> None:
    """The settings dialog; it opens on the letterhead's first field (tests replace this)."""
    from clu_desktop.gui.settings_dialog import SettingsDialog

    SettingsDialog(db, parent).exec()


def letterhead_ready(parent: QWidget, db: Database) -> bool:
    """True when the letterhead is filled, or once the user has filled it in the settings
    offered; False when it stays empty (nothing is to go out)."""
    with db.reading() as session:
        if not letterhead_is_empty(session):
            return True
    question = (
        f"{EMPTY_LETTERHEAD}\n\n{WHERE_TO_FILL_LETTERHEAD} Ouvrir les paramètres maintenant\u00a0?"
    )
    if not messages.confirm(parent, question, OPEN_SETTINGS, "Annuler"):
        return False
    open_settings(parent, db)
    with db.reading() as session:
        return not letterhead_is_empty(session)
