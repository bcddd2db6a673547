"""Finding a person's name, e-mail and phone in free text (minutes, statements, findings).

Free text names people as the minutes print them: "M. Bernard GUY", "Bernard GUY",
"Mme SIMON". A bare surname is not looked for when a first name or a civility is
known: "MARTIN" or "SIMON" alone are too often something else (a place, a street).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: What replaces an erased person's name wherever it stays printed.
ANONYMOUS = "Personne anonymisée"

#: Names longer than this are shortened in messages (a name can come from a bad file).
SHOWN_NAME_MAX = 80

_SPACES = r"[\s\u00a0\u202f]+"
_PHONE_DIGITS_MIN = 6


@dataclass(frozen=True)
class NameParts:
    civility: str | None
    first_name: str | None
    last_name: str | None


def shown_name(name: str) -> str:
    """``name`` for a message: one line, at most :data:`SHOWN_NAME_MAX` characters."""
    name = " ".join(name.split())
    return name if len(name) <= SHOWN_NAME_MAX else name[: SHOWN_NAME_MAX - 1] + "…"


def _words(text: str | None) -> list[str]:
    return (text or "").split()


def _form(*parts: str | None) -> str | None:
    words = [w for part in parts for w in _words(part)]
    return _SPACES.join(re.escape(w) for w in words) if words else None


def _name_forms(parts: NameParts) -> set[str]:
    civility, first, last = parts.civility, parts.first_name, parts.last_name
    if not (last or "").strip():
        return set()
    forms = {
        _form(civility, first, last),
        _form(first, last),
        _form(last, first),
        _form(civility, last) if civility else None,
    }
    if not (civility or first):
        forms.add(_form(last))
    return {f for f in forms if f and len(f) >= 3}


def _both_normal_forms(parts: NameParts) -> list[NameParts]:
    """The name composed (NFC) and decomposed (NFD, as some systems write accents)."""
    return [
        NameParts(
            *(
                unicodedata.normalize(form, p) if p else p
                for p in (parts.civility, parts.first_name, parts.last_name)
            )
        )
        for form in ("NFC", "NFD")
    ]


def _phone_form(phone: str | None) -> str | None:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < _PHONE_DIGITS_MIN:
        return None
    return r"[\s.\-\u00a0]?".join(re.escape(d) for d in digits)


class PersonMatcher:
    """Finds (and replaces) the mentions of one person in text."""

    def __init__(
        self,
        names: Iterable[NameParts],
        emails: Iterable[str | None] = (),
        phones: Iterable[str | None] = (),
    ) -> None:
        forms: set[str] = set()
        for parts in names:
            for variant in _both_normal_forms(parts):
                forms |= _name_forms(variant)
        forms |= {re.escape(e.strip()) for e in emails if e and e.strip()}
        forms |= {f for f in map(_phone_form, phones) if f}
        # Longest first, so that "M. Bernard GUY" wins over "Bernard GUY".
        ordered = sorted(forms, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)", re.IGNORECASE)
            if ordered
            else None
        )

    def found_in(self, text: str | None) -> bool:
        return bool(text and self._pattern and self._pattern.search(text))

    def is_whole(self, text: str | None) -> bool:
        """Whether ``text`` is just this person's name (or e-mail, or phone)."""
        return bool(text and self._pattern and self._pattern.fullmatch(text.strip()))

    def replace(self, text: str | None, label: str = ANONYMOUS) -> tuple[str | None, int]:
        """``text`` with each mention replaced by ``label``, and how many there were."""
        if not text or self._pattern is None:
            return text, 0
        return self._pattern.subn(label, text)
