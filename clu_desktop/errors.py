"""Errors the user can act on. Their messages are French and shown as they are."""

#: The exit code of a refusal told in French (bad input, a database that cannot be opened).
EXIT_USER_ERROR = 2


class UserError(Exception):
    """Bad input or environment: shown to the user in French, nothing was changed."""


class DatabaseError(UserError):
    """The database file cannot be used (not a database, too new, unreadable)."""


class ConflictError(UserError):
    """The record was saved on another workstation since the user read it: their change
    was not written. The GUI compares what it showed with a fresh read to say what the
    other person changed (``services/concurrency.py``)."""
