"""How a surname is printed: in capitals, its particle kept as typed.

French usage prints the NAME in capitals and the particle as it is written: « Philippe de
LESQUEN », « Jeanne d'ARC-MARTIN », « Ludwig van BEETHOVEN ». A particle typed with a
capital (« De Gaulle ») is part of the name and goes to capitals with it.
"""

from __future__ import annotations

import re
import unicodedata

#: Particles that stay lower-case when typed so, before the name itself.
PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "ter", "ten", "zu"}
    | {"di", "da", "dos", "das", "del", "della", "y", "e"}
)
_ELIDED = re.compile(r"^([dl]['’])(.+)$")


def upper_surname(last_name: str) -> str:
    """ "de Lesquen" → "de LESQUEN"; "Cotrel-Lassausaye" → "COTREL-LASSAUSAYE"."""
    words = last_name.split(" ")
    out: list[str] = []
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if not last and word in PARTICLES:
            out.append(word)  # typed in lower case: kept
            continue
        elided = _ELIDED.match(word)
        if elided:
            out.append(elided[1] + elided[2].upper())
            continue
        out.append(word.upper())
    return " ".join(out)


#: Characters that print nothing inside a word: format marks (zero-width space and joiners,
#: word joiner, byte-order mark, soft hyphen, bidirectional marks), controls, unassigned.
_INVISIBLE_IN_WORD = frozenset({"Cf", "Cc", "Cn"})


def match_key(text: str | None) -> str:
    """``text`` as records are matched by title: NFC, invisible characters removed, every
    Unicode space (non-breaking, thin, ideographic…) folded to one space, trimmed.
    "Séance\u00a0plénière\u200b " (NFD accents) → "Séance plénière"."""
    if not text:
        return ""
    if text.isascii() and text.isprintable():
        return " ".join(text.split())
    # Invisible characters go before NFC: "e\u200d\u0301" is "é" once the joiner is gone.
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in _INVISIBLE_IN_WORD
    )
    return " ".join(unicodedata.normalize("NFC", kept).split())


def name_key(text: str | None) -> str:
    """``match_key`` without case, for names matched regardless of case (organisation,
    person, committee, site): "ÉTAT\u200b" and "état" are the same name."""
    return match_key(text).casefold()
