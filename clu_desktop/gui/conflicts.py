"""A save refused because another workstation changed the record (the shared mode).

A page keeps the row it shows (a frozen dataclass with ``version``) and passes that
version with each save. When the service refuses it with a ConflictError, the page
wraps the save in :func:`telling_changes`: the record is read again, compared with what
was shown, and the ConflictError raised instead says what the other workstation changed,
which change of the user was not saved and the text they typed. The page then reads the
record again and shows the version of now (``EditContext.record`` shows the message).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from clu_desktop.errors import ConflictError, UserError
from clu_desktop.services.concurrency import changed_fields, conflict_message


@dataclass(frozen=True)
class RecordKind:
    """How conflict messages name a kind of record.

    ``what``: the record with its demonstrative (« Cette intervention »); ``labels``:
    the fields of its row compared, with their French names; ``read(session, id)``: the
    service giving the row of now; ``shown_as`` as in ``changed_fields``.
    """

    what: str
    labels: Mapping[str, str]
    read: Callable[..., Any]
    shown_as: Mapping[str, Any] = field(default_factory=dict)
    page: str = "la page"
    #: How "Votre modification (…)" names a field saved that is not among ``labels``.
    captions: Mapping[str, str] = field(default_factory=dict)

    def label(self, field_name: str | None) -> str | None:
        if field_name is None:
            return None
        return self.labels.get(field_name) or self.captions.get(field_name)


def seen_version(shown: Any, record_id: int) -> int | None:
    """The version of ``shown`` if it is the record ``record_id`` (None: no check, the
    page shows another record, as when undo replays a change of a record left since)."""
    if shown is None or getattr(shown, "id", record_id) != record_id:
        return None
    return shown.version


def conflict_text(
    read: Callable[..., Any],
    kind: RecordKind,
    shown: Any,
    record_id: int,
    field_name: str | None = None,
    typed: Any = None,
) -> str:
    """What changed on the other workstation since ``shown`` (``read(service, id)``
    reads the record of now: ``EditContext.read``)."""
    try:
        fresh = read(kind.read, record_id)
    except UserError as exc:  # deleted meanwhile
        return str(exc)
    same = shown is not None and getattr(shown, "id", record_id) == record_id
    changes = changed_fields(shown, fresh, kind.labels, kind.shown_as) if same else []
    return conflict_message(kind.what, changes, kind.label(field_name), typed, kind.page)


@contextmanager
def telling_changes(
    read: Callable[..., Any],
    kind: RecordKind,
    shown: Any,
    record_id: int,
    field_name: str | None = None,
    typed: Any = None,
) -> Iterator[None]:
    """Turn a ConflictError of the save inside into one that says what changed."""
    try:
        yield
    except ConflictError:
        text = conflict_text(read, kind, shown, record_id, field_name, typed)
        raise ConflictError(text) from None
