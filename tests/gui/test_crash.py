"""An unexpected error is logged, told in French, and the application keeps running."""

from __future__ import annotations

import logging
import sys

import pytest

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


def test_the_dialog_and_the_log_never_show_a_password(
    monkeypatch, answered_messages, isolated_user_folders
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    log_path = set_up_logging()
    install_excepthook(log_path)
    url = "postgresql://clu@serveur/clu?password=Zq7-s3cret"
    sys.excepthook(ValueError, ValueError(f"bad address {url}"), None)
    for handler in root.handlers:
        handler.flush()
    (message,) = answered_messages.errors
    assert "Zq7-s3cret" not in message and "password=***" in message
    assert "Zq7-s3cret" not in log_path.read_text("utf-8")


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_a_database_error_logs_its_type_and_statement_never_its_values(
    monkeypatch, answered_messages, isolated_user_folders, tmp_path, request, engine_name
):
    """An unexpected database error (here a duplicate key, of a person named Bérangère
    Zadkine-Vautrin, e-mail and all) is logged with its type and its statement, and
    nothing of what it carried: not the name, not the e-mail."""
    from sqlalchemy import text

    from clu_desktop.store.migrate import open_database

    if engine_name == "postgresql":
        target = request.getfixturevalue("postgresql_url")
    else:
        target = tmp_path / "clu.sqlite"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    log_path = set_up_logging()
    install_excepthook(log_path)
    db = open_database(target)
    person = {"last_name": "Zadkine-Vautrin", "first_name": "Bérangère", "email": "bz@ex.fr"}
    insert = text(
        "INSERT INTO person (id, last_name, first_name, email, version) "
        "VALUES (:id, :last_name, :first_name, :email, 1)"
    )
    try:
        with db.transaction() as session:
            session.execute(insert, {"id": 7, **person})
        try:
            with db.transaction() as session:
                session.execute(insert, {"id": 7, **person})
        except Exception:
            sys.excepthook(*sys.exc_info())
    finally:
        db.dispose()
    for handler in root.handlers:
        handler.flush()
    logged = log_path.read_text("utf-8")
    (message,) = answered_messages.errors
    assert "IntegrityError" in logged and "INSERT INTO person" in logged
    assert "IntegrityError" in message and "INSERT INTO person" in message
    for value in person.values():
        assert value not in logged
        assert value not in message
