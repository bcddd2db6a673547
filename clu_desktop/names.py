"""How a surname is printed: in capitals, its particle kept as typed.

French usage prints the NAME in capitals and the particle as it is written: « Philippe de
LESQUEN », « Jeanne d'ARC-MARTIN », « Ludwig van BEETHOVEN ». A particle typed with a
capital (« De Gaulle ») is part of the name and goes to capitals with it.
"""

from __future__ import annotations

import re

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
