"""Two people editing the same record (shared mode): the second save is refused.

Every record edited in a form carries a ``version`` that goes up at each change. A page
keeps the version of what it shows and passes it with each save: :func:`check_version`
refuses the save when the record changed since (someone saved on another workstation),
before anything is written. The page then compares what it showed with a fresh read
(:func:`changed_fields`) and tells the user what changed with :func:`conflict_message`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm.attributes import flag_modified

from clu_desktop.errors import ConflictError
from clu_desktop.french.dates import clock, numeric_date

_QUOTE_MAX = 120  # characters of a value quoted in a message


def _feminine(what: str) -> bool:
    """ "Cette séance", "La présence de…" are feminine, "Ce point", "Cet organisme" not."""
    return what.split(" ", 1)[0].casefold() in ("cette", "la")


def changed_elsewhere(what: str) -> str:
    """ "Cette séance a été modifiée sur un autre poste pendant que vous la modifiiez" """
    e, pronoun = ("e", "la") if _feminine(what) else ("", "le")
    return f"{what} a été modifié{e} sur un autre poste pendant que vous {pronoun} modifiiez"


def check_version(record: Any, seen_version: int | None, what: str) -> None:
    """Refuse a save when ``record`` is no longer at the version the user saw.

    ``seen_version`` None means no check (command line, imports). ``what`` names the
    record with its demonstrative: "Cette séance", "Ce point de l'ordre du jour".
    """
    if seen_version is None or record.version == seen_version:
        return
    raise ConflictError(
        f"{changed_elsewhere(what)} : votre modification n'a pas été enregistrée. "
        "Affichez de nouveau la page pour voir la version à jour."
    )


def touch(record: Any, attribute: str) -> None:
    """Count a change of what hangs from ``record`` (its speakers, its modules, its sites)
    as a change of the record: its version goes up at the next flush, so a workstation
    that saw the old list is refused as for any other field. ``attribute``: one of its
    loaded columns, written again as it is."""
    flag_modified(record, attribute)


def shown(value: Any) -> str:
    """A value as a message quotes it: « Salle B », (vide), 20/12/2023, 14:30."""
    if value is None or value == "":
        return "(vide)"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.datetime):
        return f"{numeric_date(value)} {clock(value)}"
    if isinstance(value, dt.date):
        return numeric_date(value)
    if isinstance(value, dt.time):
        return clock(value)
    if isinstance(value, enum.Enum):
        value = value.value
    text = " ".join(str(value).split())
    if len(text) > _QUOTE_MAX:
        text = text[: _QUOTE_MAX - 1] + "…"
    return f"« {text} »"


def changed_fields(
    before: Any,
    after: Any,
    labels: Mapping[str, str],
    shown_as: Mapping[str, str | Callable[[Any], Any]] | None = None,
) -> list[str]:
    """What differs between two snapshots of a record, field by field, in French:
    ["Lieu : « Salle A » → « Salle B »"]. Only the fields of ``labels`` are compared, in
    its order; ``shown_as`` shows a field through another field of the snapshot or a
    function of its value (an id through a name).
    """
    shown_as = shown_as or {}
    lines = []
    for field, label in labels.items():
        old, new = getattr(before, field, None), getattr(after, field, None)
        if old == new:
            continue
        source = shown_as.get(field)
        if isinstance(source, str):
            old, new = getattr(before, source, old), getattr(after, source, new)
        elif source is not None:
            old, new = source(old), source(new)
        lines.append(f"{label} : {shown(old)} → {shown(new)}")
    return lines


def conflict_message(
    what: str,
    changes: list[str],
    field_label: str | None = None,
    typed: Any = None,
    page: str = "la page",
) -> str:
    """The message of a refused save: what the other workstation changed, which change
    of the user was not saved and, when they typed it, their text to type again."""
    listed = " ; ".join(changes) if changes else "(aucune différence visible ici)"
    mine = f"Votre modification ({field_label})" if field_label else "Votre modification"
    text = (
        f"{changed_elsewhere(what)} : {listed}. {mine} n'a pas été enregistrée ; "
        f"{page} affiche maintenant la version à jour."
    )
    if isinstance(typed, str) and typed.strip():
        text += f" Votre saisie : « {typed} »."
    return text


def with_version(snapshot: Any, version: int) -> Any:
    """``snapshot`` (a frozen dataclass) at another version."""
    return dataclasses.replace(snapshot, version=version)


@dataclass(frozen=True)
class SavedValue:
    """One field saved: the value as stored, and the record's version after the save."""

    value: Any
    version: int
