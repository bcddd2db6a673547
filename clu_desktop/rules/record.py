"""The rules of a meeting's official record, on plain values: one place for each.

Counts are computed from attendance, never typed; a quorum rule is read once; a vote is
checked against the votants; the consistency warnings of the Participants page, the
signature and the command line come from :func:`record_warnings`. The services, the
meeting file's checker and the documents all call these functions, so what one refuses
the others refuse too. No database, no Qt: messages are French.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TypeVar

from clu_desktop.domain import (
    Numbering,
    PresenterStyle,
)
from clu_desktop.errors import UserError

#: Who is represented, by a person's id in the database or in a file.
K = TypeVar("K", bound=Hashable)

PRESENT, EXCUSED, ABSENT, REPRESENTED, INVITED = (
    "present",
    "excused",
    "absent",
    "represented",
    "invited",
)
PROXY, SUBSTITUTE = "proxy", "substitute"
UNANIMOUS, VOTE = "unanimous", "vote"
FOR, AGAINST, ABSTAINING = "for", "against", "abstaining"
CHOICE_LABELS = {FOR: "Pour", AGAINST: "Contre", ABSTAINING: "Abstentions"}
#: Arriving this long before the start is taken for a typing slip.
EARLY_ARRIVAL = dt.timedelta(hours=1)
PROXY_LIMIT_MAX = 10
MEMBERS_MAX = 10_000

_QUORUM = re.compile(r"^\s*(\d{1,5})\s*(?:/\s*(\d{1,5})\s*)?$")


# -- settings ---------------------------------------------------------------------------


def clean_quorum(text: str | None) -> str | None:
    """A quorum rule as stored: "36" (members) or "1/2" (more than half), or None.

    Refused with a French message: anything else, a fraction of zero or above one.
    """
    if text is None or not text.strip():
        return None
    found = _QUORUM.match(text)
    if found is None:
        raise UserError(
            f"« Quorum » : « {text.strip()[:40]} » n'est pas compris. Tapez un nombre de "
            "membres (36) ou une fraction des membres en exercice (1/2 pour plus de la moitié)."
        )
    number, denominator = int(found[1]), found[2]
    if denominator is None:
        if not 1 <= number <= MEMBERS_MAX:
            raise UserError(f"« Quorum » : {number} membres n'est pas plausible.")
        return str(number)
    if int(denominator) == 0 or not 0 < Fraction(number, int(denominator)) < 1:
        raise UserError("« Quorum » : la fraction doit être entre 0 et 1, par exemple 1/2 ou 1/3.")
    return f"{number}/{int(denominator)}"


def quorum_needed(rule: str | None, base: int) -> int | None:
    """Members present needed: the number itself, or more than the fraction of ``base``."""
    if rule is None:
        return None
    if "/" not in rule:
        return int(rule)
    numerator, denominator = (int(part) for part in rule.split("/"))
    return (base * numerator) // denominator + 1


def check_count(value: int | None, label: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise UserError(f"« {label} » doit être un nombre entier de {low} à {high}.")
    return value


# -- counts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    """One invited person as the record rules see them."""

    person_id: int | None
    name: str
    status: str  # present, excused, absent, represented, invited (no answer)
    representation: str | None = None  # proxy or substitute, when represented
    holder_id: int | None = None  # who holds the proxy or sits in their place
    holder_name: str | None = None
    arrived_at: dt.time | None = None


@dataclass(frozen=True)
class Counts:
    convened: int  # invited
    members_in_office: int  # the committee's number, else the number invited
    present: int
    excused: int
    represented: int
    proxies: int  # pouvoirs given
    absent: int  # absent, and still without an answer
    unanswered: int
    quorum: int | None = None
    proxies_held: int = 0  # pouvoirs given to a member who is present, who votes them

    @property
    def absent_answered(self) -> int:
        """Marked absent: the absent without those still without an answer."""
        return self.absent - self.unanswered

    @property
    def expected(self) -> int:
        """Who is here or may still come: present, or without an answer yet."""
        return self.present + self.unanswered

    @property
    def voters(self) -> int:
        """Votants: the members present and the proxies they hold."""
        return self.present + self.proxies_held

    @property
    def quorum_reached(self) -> bool | None:
        return None if self.quorum is None else self.present >= self.quorum


def count_seats(
    seats: Iterable[Seat], members_in_office: int | None = None, quorum: str | None = None
) -> Counts:
    seats = list(seats)
    statuses = Counter(seat.status for seat in seats)
    present = {s.person_id for s in seats if s.status == PRESENT and s.person_id is not None}
    proxies = [s for s in seats if s.status == REPRESENTED and s.representation == PROXY]
    base = members_in_office if members_in_office is not None else len(seats)
    return Counts(
        convened=len(seats),
        members_in_office=base,
        present=statuses[PRESENT],
        excused=statuses[EXCUSED],
        represented=statuses[REPRESENTED],
        proxies=len(proxies),
        absent=statuses[ABSENT] + statuses[INVITED],
        unanswered=statuses[INVITED],
        quorum=quorum_needed(quorum, base),
        proxies_held=sum(1 for s in proxies if s.holder_id in present),
    )


def group_of(status: str) -> str:
    """The group of the minutes a person is printed in: nobody without an answer is
    dropped, they are printed among the absent."""
    return ABSENT if status == INVITED else status


# -- refusals -----------------------------------------------------------------------------


def proxy_problem(person_id: int | None, holder_id: int | None, invited: set[int]) -> str | None:
    """Why a proxy (pouvoir) cannot be given, or None: it goes to a member invited to the
    meeting, never to oneself."""
    if holder_id is None:
        return (
            "un pouvoir se donne à un membre invité à la séance : choisissez-le dans la "
            "liste des participants (un nom tapé ne suffit pas)."
        )
    if holder_id == person_id:
        return "une personne ne peut pas se donner pouvoir à elle-même."
    if holder_id not in invited:
        return (
            "un pouvoir se donne à un membre invité à la séance : invitez d'abord la "
            "personne qui le reçoit."
        )
    return None


def representation_problem(
    person_id: int | None, holder_id: int | None, representation: str, invited: set[int]
) -> str | None:
    """Why a representation cannot be recorded, or None: a proxy as :func:`proxy_problem`
    says; a substitute (a directory person or a typed name) never sits in their own place."""
    if representation == PROXY:
        return proxy_problem(person_id, holder_id, invited)
    if holder_id is not None and holder_id == person_id:
        return "une personne ne peut pas se représenter elle-même."
    return None


def loop_problem(deputies: Mapping[K, K | None], start: K) -> str | None:
    """A chain of representations that comes back to ``start``, or None."""
    seen, current = {start}, deputies.get(start)
    while current is not None:
        if current in seen:
            return (
                "représentation en boucle : cette personne est elle-même représentée, "
                "directement ou non, par celle qu'elle représenterait."
            )
        seen.add(current)
        current = deputies.get(current)
    return None


def vote_problem(
    result: str | None,
    figures: dict[str, int | None],
    voters: int,
    named: dict[str, int] | None = None,
) -> str | None:
    """Why a vote cannot be recorded, or None.

    ``figures`` maps for/against/abstaining to the counts (None: not given); ``named`` to
    how many people are named for each choice.
    """
    named = named or {}
    given = {k: v for k, v in figures.items() if v is not None}
    for choice, value in given.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f"« {CHOICE_LABELS[choice]} » doit être un nombre entier positif ou nul."
    if result is None:
        if given or any(named.values()):
            return "des voix sont indiquées sans vote : choisissez « vote » ou « unanimité »."
        return None
    if result == UNANIMOUS and (given.get(AGAINST) or given.get(ABSTAINING)):
        return "un vote à l'unanimité n'a ni voix contre ni abstention."
    if result == VOTE and not given:
        return "indiquez les voix pour, contre et les abstentions."
    total = sum(given.values())
    if total > voters:
        return (
            f"le vote compte {total} voix pour {voters} votant{'s' if voters > 1 else ''} "
            "(présents et pouvoirs) : corrigez les voix, ou pointez d'abord les présents "
            "et les pouvoirs."
        )
    for choice, count in named.items():
        if count and count > (given.get(choice) or (0 if result == VOTE else voters)):
            return (
                f"{count} personnes nommées « {CHOICE_LABELS[choice]} » pour "
                f"{given.get(choice) or 0} voix."
            )
    return None


def adopted(votes_for: int | None, votes_against: int | None) -> bool:
    """Whether a deliberation put to the vote is adopted: more votes for than against
    (abstentions are not counted)."""
    return (votes_for or 0) > (votes_against or 0)


# -- warnings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteFigures:
    item: str  # the item's number and title, as messages name it
    total: int


@dataclass(frozen=True)
class RecordWarnings:
    """What does not add up, in French; shown, never blocking."""

    lines: tuple[str, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.lines)


def record_warnings(
    seats: Sequence[Seat],
    *,
    chair_id: int | None,
    start_time: dt.time | None,
    proxy_limit: int,
    votes: Sequence[VoteFigures] = (),
    held: bool = True,
) -> RecordWarnings:
    """The consistency checks of a meeting's record.

    ``held`` is False before the meeting: then missing answers and the chair's presence
    are not yet worth a warning.
    """
    by_person = {s.person_id: s for s in seats if s.person_id is not None}
    lines: list[str] = []
    unanswered = [s.name for s in seats if s.status == INVITED]
    if held and unanswered:
        who = _count(
            len(unanswered), "personne n'a pas été pointée", "personnes n'ont pas été pointées"
        )
        printed = "imprimée" if len(unanswered) == 1 else "imprimées"
        lines.append(f"{who} ({_names(unanswered)}) : {printed} parmi les absents.")
    if held and chair_id is not None:
        chair = by_person.get(chair_id)
        if chair is None:
            lines.append("La présidence n'est pas parmi les invités de la séance.")
        elif chair.status != PRESENT:
            lines.append(f"La présidence ({chair.name}) n'est pas marquée présente.")
    held_by: Counter[int] = Counter()
    for seat in seats:
        if seat.status != REPRESENTED or seat.representation != PROXY:
            continue
        holder_id = seat.holder_id
        holder = by_person.get(holder_id) if holder_id is not None else None
        if holder is None or holder_id is None:
            who = seat.holder_name or "une personne"
            lines.append(f"{seat.name} a donné pouvoir à {who}, qui n'est pas invité à la séance.")
            continue
        held_by[holder_id] += 1
        if held and holder.status in (EXCUSED, ABSENT, REPRESENTED):
            lines.append(
                f"{seat.name} a donné pouvoir à {holder.name}, qui n'est pas présent "
                "(le pouvoir ne compte pas s'il n'est pas exercé)."
            )
    for holder_id, count in held_by.items():
        if count > proxy_limit:
            lines.append(
                f"{by_person[holder_id].name} détient {count} pouvoirs "
                f"(au plus {proxy_limit} dans ce comité)."
            )
    voters = count_seats(seats).voters
    for vote in votes:
        if vote.total > voters:
            lines.append(
                f"Point {vote.item} : le vote compte {vote.total} voix pour {voters} votants."
            )
    if start_time is not None:
        start = dt.datetime.combine(dt.date.min, start_time)
        for seat in seats:
            if seat.arrived_at is not None:
                arrival = dt.datetime.combine(dt.date.min, seat.arrived_at)
                if start - arrival > EARLY_ARRIVAL:
                    lines.append(
                        f"{seat.name} est arrivé(e) à {seat.arrived_at:%H:%M}, plus d'une "
                        f"heure avant le début ({start_time:%H:%M}) : heure à vérifier."
                    )
    return RecordWarnings(tuple(lines))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _names(names: Sequence[str], shown: int = 5) -> str:
    text = ", ".join(names[:shown])
    return f"{text}…" if len(names) > shown else text


# -- numbering ------------------------------------------------------------------------------

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    text = ""
    for value, letters in _ROMAN:
        while number >= value:
            text += letters
            number -= value
    return text


BULLET_MARKS = ("•", "–")  # an item, a sub-item, when items are not numbered


def item_number(path: Sequence[int], numbering: str = "arabic", *, printed: bool = False) -> str:
    """ "2", "2.1" (arabic) or "II", "II.1" (roman: the first level only).

    Bullets number nothing on paper (``printed``: "•", "–"); screens and messages still
    say "2.1" to tell the items apart.
    """
    if printed and numbering == "bullets":
        return BULLET_MARKS[min(len(path), 2) - 1]
    first = roman(path[0]) if numbering == "roman" else str(path[0])
    return ".".join([first, *(str(n) for n in path[1:])])


DECISION_MAX = 20_000


#: The settings of a committee's record and the French names their messages use.
SETTING_LABELS = {
    "votes": "Le comité vote (pouvoirs, votants, délibérations)",
    "print_counts": "Imprimer le décompte des présents",
    "quorum": "Quorum",
    "members_in_office": "Membres en exercice",
    "proxy_limit": "Pouvoirs par personne",
    "presenter_style": "Présentateur des points",
    "numbering": "Numérotation des points",
}


def clean_setting(field: str, value: Any) -> Any:
    """A setting as it would be stored, or a French UserError (window, file, command)."""
    if field not in SETTING_LABELS:
        raise UserError(f"Le réglage « {field} » d'un comité n'existe pas.")
    label = SETTING_LABELS[field]
    if field in ("votes", "print_counts"):
        if not isinstance(value, bool):
            raise UserError(f"« {label} » : oui ou non.")
        return value
    if field == "quorum":
        return clean_quorum(value)
    if field == "members_in_office":
        return check_count(value, label, 1, MEMBERS_MAX)
    if field == "proxy_limit":
        if value is None:
            raise UserError(f"« {label} » : indiquez un nombre (1 le plus souvent).")
        return check_count(value, label, 0, PROXY_LIMIT_MAX)
    enum_class = PresenterStyle if field == "presenter_style" else Numbering
    try:
        return enum_class(value)
    except ValueError:
        raise UserError(f"« {label} » : choix « {value} » inconnu.") from None
