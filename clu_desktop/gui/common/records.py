"""Adding a record with undo, as every list-and-editor panel does: the insertion is
undone by deleting the record, redone by restoring its snapshot (``EditContext.insert``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget


def add_record(
    context: Any,
    widget: QWidget,
    text: str,
    add: Callable[..., int],
    add_args: tuple,
    delete: Callable[..., object],
    restore: Callable[..., object],
    **add_kwargs: Any,
) -> int | None:
    """``add(session, *add_args, **add_kwargs)`` in a transaction, recorded as ``text``;
    the new id, or None when a UserError was shown."""
    ok, new_id = context.insert(
        text,
        lambda: context.write(add, *add_args, **add_kwargs),
        delete,
        restore,
        widget=widget,
    )
    return new_id if ok else None
