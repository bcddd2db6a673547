"""What the Participants page says of a meeting's record: counts, how the quorum is
reckoned (the quorum itself is worded in ``gui/live/texts``), the points to check. The
numbers come from :mod:`services.meetings.record`; this module only words them, in French."""

from __future__ import annotations

from collections.abc import Sequence

from clu_desktop.rules.record import Counts
from clu_desktop.services.meetings.record import MeetingRecord

NBSP = "\u00a0"
#: The warnings shown on the page; more are summed up in one line (all in the tooltip).
WARNINGS_SHOWN = 6


def _items(parts: Sequence[tuple[str, int]]) -> str:
    # A narrow window breaks the line between two counts, never inside one.
    return " · ".join(f"{label} : {number}".replace(" ", NBSP) for label, number in parts)


def counts_text(counts: Counts) -> str:
    """ "Présents : 14 · Excusés : 1 · … · Attendus : 14"."""
    return _items(
        (
            ("Présents", counts.present),
            ("Excusés", counts.excused),
            ("Représentés", counts.represented),
            ("Absents", counts.absent_answered),
            ("Sans réponse", counts.unanswered),
            ("Attendus", counts.expected),
        )
    )


def record_text(record: MeetingRecord) -> str:
    """ "Pouvoirs : 1 · Votants : 15 · Membres en exercice : 70" ("" for a committee that
    neither votes nor has a number of members in office)."""
    parts: list[tuple[str, int]] = []
    if record.settings.votes:
        parts += [("Pouvoirs", record.counts.proxies), ("Votants", record.counts.voters)]
    if record.settings.members_in_office is not None:
        parts.append(("Membres en exercice", record.counts.members_in_office))
    return _items(parts)


def quorum_rule_text(record: MeetingRecord) -> str:
    """How the quorum is reckoned, for its tooltip."""
    rule, counts = record.settings.quorum, record.counts
    if rule is None or counts.quorum is None:
        return ""
    if "/" in rule:
        base = (
            f"{counts.members_in_office} membres en exercice"
            if record.settings.members_in_office is not None
            else f"{counts.convened} personnes invitées"
        )
        return (
            f"Plus de {rule} des {base} : il faut au moins "
            f"{counts.quorum} présents (les pouvoirs ne comptent pas)."
        )
    return f"Il faut au moins {counts.quorum} présents (les pouvoirs ne comptent pas)."


def warnings_text(lines: Sequence[str], shown: int = WARNINGS_SHOWN) -> str:
    """The points to check, one a line; beyond ``shown``, how many more."""
    bullets = [f"• {line}" for line in lines[:shown]]
    hidden = len(lines) - shown
    if hidden > 0:
        more = "autre point" if hidden == 1 else "autres points"
        bullets.append(f"… et {hidden} {more} à vérifier.")
    return "\n".join(bullets)
