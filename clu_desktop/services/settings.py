"""The settings: the letterhead identity (with its logo and font files) and small values
such as the default committee, kept in the ``setting`` table."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clu_desktop.domain import Committee, Identity, Setting
from clu_desktop.errors import ConflictError, UserError
from clu_desktop.files import os_error_reason
from clu_desktop.rules.fields import IncompleteValue, check_email, clean_text
from clu_desktop.services.concurrency import changed_elsewhere, check_version

DEFAULT_COMMITTEE_KEY = "default_committee_id"
LOGO_MAX_BYTES = 5 * 1024 * 1024
FONT_MAX_BYTES = 50 * 1024 * 1024
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_FONT_MAGICS = (b"\x00\x01\x00\x00", b"OTTO", b"true")


@dataclass(frozen=True)
class IdentityDetails:
    """The letterhead; every field is None (authority "") before the first edit."""

    authority: str
    motto: str | None = None
    service_block: str | None = None
    service_name: str | None = None
    town: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    logo_path: str | None = None
    font_path: str | None = None
    font_bold_path: str | None = None
    version: int = 0  # of the stored letterhead (0: none stored yet)


IDENTITY_FIELDS = tuple(f.name for f in fields(IdentityDetails) if f.name != "version")
IDENTITY = "L'en-tête des documents"  # as conflict messages name it
_NO_IDENTITY = SimpleNamespace(version=0)  # before the first edit
_UNSEEN = object()
IDENTITY_LABELS = {
    "authority": "Autorité",
    "motto": "Devise",
    "service_block": "Bloc du service",
    "service_name": "Nom du service",
    "town": "Ville",
    "phone": "Téléphone",
    "email": "Courriel",
    "website": "Site internet",
    "logo_path": "Logo",
    "font_path": "Police normale",
    "font_bold_path": "Police grasse",
}
# Text fields: (maximum length, multi-line).
_TEXTS = {
    "authority": (300, True),
    "motto": (200, True),
    "service_block": (500, True),
    "service_name": (300, False),
    "town": (100, False),
    "phone": (50, False),
    "website": (300, False),
}
_FILES = {"logo_path", "font_path", "font_bold_path"}


# Identity


def _identity_row(session: Session) -> Identity | None:
    return session.scalars(select(Identity).order_by(Identity.id)).first()


def get_identity(session: Session) -> IdentityDetails:
    row = _identity_row(session)
    if row is None:
        return IdentityDetails("")
    values = {name: getattr(row, name) for name in IDENTITY_FIELDS}
    return IdentityDetails(**values, version=row.version)


def _identity_at(session: Session, seen_version: int | None) -> Identity:
    """The letterhead's row (made at the first edit); changed on another workstation
    since the user saw ``seen_version`` (0: none yet), a ConflictError (None: no check)."""
    row = _identity_row(session)
    check_version(row if row is not None else _NO_IDENTITY, seen_version, IDENTITY)
    if row is None:
        row = Identity(authority="")
        session.add(row)
    return row


#: Why a document is not printed while the letterhead is empty; the window and the command
#: line complete it with where to go on.
EMPTY_LETTERHEAD = (
    "L'en-tête des documents est vide (ni autorité ni service de la préfecture) : "
    "le document sortirait sans en-tête."
)
WHERE_TO_FILL_LETTERHEAD = "Renseignez-le dans Fichier › Paramètres › « En-tête des documents »."


def letterhead_summary(session: Session) -> str | None:
    """The letterhead in one line ("PRÉFET DE LA HAUTE-MARNE"): its authority, else its
    service; None while it names neither."""
    identity = get_identity(session)
    for text in (identity.authority, identity.service_name, identity.service_block):
        words = " ".join((text or "").split())
        if words:
            return words
    return None


def letterhead_is_empty(session: Session) -> bool:
    """Whether the letterhead names neither the authority nor the service: a document
    printed now would carry no letterhead at all."""
    return letterhead_summary(session) is None


def _read_head(path: Path, label: str, max_bytes: int) -> bytes:
    if not path.exists():
        raise UserError(f"« {label} » : le fichier « {path} » n'existe pas.")
    if not path.is_file():
        raise UserError(f"« {label} » : « {path} » n'est pas un fichier.")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        reason = os_error_reason(exc)
        raise UserError(f"« {label} » : impossible de lire « {path} » ({reason}).") from exc
    if size > max_bytes:
        raise UserError(
            f"« {label} » : « {path.name} » est trop gros ({size / 1024 / 1024:.1f} Mo, "
            f"{max_bytes // 1024 // 1024} Mo au plus)."
        )
    return head


def check_logo_file(value: str | os.PathLike[str]) -> str:
    """The logo's absolute path, if it is a PNG or JPEG image of at most 5 Mo."""
    path = Path(value).expanduser().absolute()
    head = _read_head(path, "Logo", LOGO_MAX_BYTES)
    if not (head.startswith(_PNG) or head.startswith(_JPEG)):
        raise UserError(
            f"« Logo » : « {path.name} » n'est pas une image PNG ou JPEG. "
            "Le logo n'a pas été changé."
        )
    return str(path)


def check_font_file(value: str | os.PathLike[str], label: str = "Police") -> str:
    """The font's absolute path, if it is a TrueType or OpenType file."""
    path = Path(value).expanduser().absolute()
    head = _read_head(path, label, FONT_MAX_BYTES)
    if not head.startswith(_FONT_MAGICS):
        raise UserError(
            f"« {label} » : « {path.name} » n'est pas une police TrueType ou OpenType "
            "(fichier .ttf ou .otf attendu). La police n'a pas été changée."
        )
    return str(path)


def clean_identity_value(field: str, value: Any) -> Any:
    """The value as it would be stored, or a French UserError (files are checked on disk)."""
    if field not in IDENTITY_LABELS:
        raise UserError(f"Le champ « {field} » de l'identité n'existe pas.")
    label = IDENTITY_LABELS[field]
    if field == "email":
        return check_email(value, label)
    if field in _FILES:
        if value is None or not str(value).strip():
            return None
        if field == "logo_path":
            return check_logo_file(str(value).strip())
        return check_font_file(str(value).strip(), label)
    max_length, multiline = _TEXTS[field]
    if multiline and value:
        # One printed line per line: blanks around each line are dropped, empty lines too.
        value = "\n".join(line.strip() for line in str(value).splitlines() if line.strip())
    if field == "authority" and not (value or "").strip():
        raise IncompleteValue(f"« {label} » ne peut pas être vide : il ouvre l'en-tête.")
    return clean_text(value, label, max_length, multiline=multiline)


def update_identity(
    session: Session, field: str, value: Any, seen_version: int | None = None
) -> IdentityDetails:
    """Check and save one field of the letterhead (the row is created on the first edit);
    ``seen_version``: the version of the letterhead the user saw (see ``_identity_at``)."""
    new = clean_identity_value(field, value)
    row = _identity_at(session, seen_version)
    setattr(row, field, new if new is not None or field != "authority" else "")
    session.flush()
    return get_identity(session)


def restore_identity(
    session: Session, values: dict[str, Any], seen_version: int | None = None
) -> IdentityDetails:
    """Put identity fields back as they were read (undo): no check of the values, they
    were stored; ``seen_version`` as in :func:`update_identity`."""
    unknown = set(values) - set(IDENTITY_LABELS)
    if unknown:
        raise UserError(f"Le champ « {min(unknown)} » de l'identité n'existe pas.")
    row = _identity_at(session, seen_version)
    for field, value in values.items():
        setattr(row, field, value if value is not None or field != "authority" else "")
    session.flush()
    return get_identity(session)


# Settings


def _clean_key(key: str) -> str:
    text = clean_text(key, "Clé du paramètre", 100, required=True)
    assert text is not None
    return text


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, _clean_key(key))
    return row.value if row is not None else None


def set_setting(session: Session, key: str, value: str | None) -> None:
    """Write a setting; None removes it."""
    key = _clean_key(key)
    row = session.get(Setting, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def get_default_committee_id(session: Session) -> int | None:
    """The committee new meetings belong to; None when unset or since deleted."""
    value = get_setting(session, DEFAULT_COMMITTEE_KEY)
    if value is None or not value.isdigit():
        return None
    committee_id = int(value)
    return committee_id if session.get(Committee, committee_id) is not None else None


def _check_seen(current: object, seen: object, label: str) -> None:
    """A setting chosen in a list: refused when it is no longer the value the user saw
    (chosen meanwhile on another workstation)."""
    if seen is not _UNSEEN and current != seen:
        raise ConflictError(
            f"{changed_elsewhere(f'Le paramètre « {label} »')} : votre choix n'a pas été "
            "enregistré ; la fenêtre affiche maintenant le choix de l'autre poste."
        )


def set_default_committee_id(
    session: Session, committee_id: int | None, seen: object = _UNSEEN
) -> None:
    """``seen``: the committee the user saw chosen (see ``_check_seen``)."""
    _check_seen(get_default_committee_id(session), seen, "Comité par défaut")
    if committee_id is not None and session.get(Committee, committee_id) is None:
        raise UserError("Ce comité n'existe plus (il a peut-être été supprimé).")
    set_setting(session, DEFAULT_COMMITTEE_KEY, None if committee_id is None else str(committee_id))


MINUTES_DATE_STYLE_KEY = "minutes_date_style"
MINUTES_DATE_STYLES = {
    "long": "8 avril 2024",
    "stamp": "08 AVR. 2024 (comme un tampon dateur)",
}


def get_minutes_date_style(session: Session) -> str:
    """How the minutes print their date: "long" (the default) or "stamp"."""
    value = get_setting(session, MINUTES_DATE_STYLE_KEY)
    return value if value in MINUTES_DATE_STYLES else "long"


def set_minutes_date_style(session: Session, style: str, seen: object = _UNSEEN) -> None:
    """``seen``: the style the user saw chosen (see ``_check_seen``)."""
    _check_seen(get_minutes_date_style(session), seen, "Date du compte-rendu")
    if style not in MINUTES_DATE_STYLES:
        raise UserError(f"Style de date inconnu : « {style} ».")
    set_setting(session, MINUTES_DATE_STYLE_KEY, style)
