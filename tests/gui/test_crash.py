"""An unexpected error is logged, told in French, and the application keeps running."""

from __future__ import annotations

import logging
import sys

from clu_desktop.errors import UserError
from clu_desktop.gui.crash import install_excepthook, set_up_logging


def test_an_unexpected_error_is_logged_and_told(
    monkeypatch, answered_messages, isolated_user_folders
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    log_path = set_up_logging()
    assert str(log_path).startswith(str(isolated_user_folders))
    install_excepthook(log_path)
    try:
        raise ZeroDivisionError("division par zéro")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    for handler in root.handlers:
        handler.flush()
    (message,) = answered_messages.errors
    assert "Une erreur inattendue s'est produite" in message
    assert "l'application continue" in message
    assert str(log_path) in message
    logged = log_path.read_text("utf-8")
    assert "ZeroDivisionError: division par zéro" in logged
    assert "Traceback" in logged


def test_a_refusal_that_escaped_a_page_is_shown_as_it_is(monkeypatch, answered_messages):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    install_excepthook(set_up_logging())
    sys.excepthook(UserError, UserError("Ce nom est trop long."), None)
    assert answered_messages.errors == ["Ce nom est trop long."]
