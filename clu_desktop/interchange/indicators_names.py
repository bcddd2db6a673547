"""The names a spreadsheet gives its indicators and sites, and what the user makes of them.

A file from a team calls « Taux d'appels aboutis » what the catalogue calls « taux d'appels
aboutis au niveau général », and « Langres » the « Sous-préfecture de Langres ». The
check (``services.indicators.file_check``) lists each name it does not know once, as an
``UnknownName`` with the closest catalogue entries (``suggest``: rapidfuzz on names
compared without case, accents or punctuation, a name contained in another and shared
words counting); the user answers with one choice per name (``MapTo``,
``CreateIndicator``, ``CreateSite``, ``AllSites``, ``Ignore``) gathered in
``NameChoices``. A proposed match is never applied by itself: it becomes a choice only
when the user (the window, or ``--map`` on the command line) confirms it.

``mapping_key`` is how a name is remembered: two spellings that differ only by case,
accents, spaces and punctuation are the same name; anything else needs a confirmation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz import fuzz

# The choices a user makes for a name (indicators_plan), re-exported with the names
# they answer.
from clu_desktop.interchange.indicators_plan import AllSites as AllSites
from clu_desktop.interchange.indicators_plan import CreateIndicator as CreateIndicator
from clu_desktop.interchange.indicators_plan import CreateSite as CreateSite
from clu_desktop.interchange.indicators_plan import Ignore as Ignore
from clu_desktop.interchange.indicators_plan import IndicatorChoice, SiteChoice
from clu_desktop.interchange.indicators_plan import MapTo as MapTo
from clu_desktop.rules.indicators import fold, mapping_key

#: The kinds of names a file holds.
INDICATOR, SITE = "indicator", "site"
#: How many catalogue entries are suggested for one unknown name.
MAX_SUGGESTIONS = 5
#: Below this score an entry is not suggested at all.
MIN_SCORE = 55.0
#: A best entry at or above this score, alone or ahead of the next by PROPOSE_GAP, is proposed.
PROPOSE_SCORE = 80.0
PROPOSE_GAP = 8.0
#: Words compared with « sous-préfecture » split in two score this much less than joined:
#: « Préfecture » is the préfecture, not a sous-préfecture.
SPLIT_PENALTY = 8.0
#: The most a shared distinctive word scores (below PROPOSE_SCORE).
SHARED_MAX = 70.0
#: The category of the indicators the command line creates with --create-missing.
#: The note the preview shows for a name read through a stored mapping.
REMEMBERED_NOTE = "(correspondance enregistrée)"

# Small words that say nothing about which indicator is meant.
_STOP_WORDS = frozenset(
    {"de", "du", "des", "d", "la", "le", "les", "l", "au", "aux", "et", "en", "a", "un"}
    | {"une", "par", "pour", "sur", "dans"}
)
_JOINED = re.compile(r"(?<=\w)[-'’.](?=\w)")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Suggestion:
    target_id: int  # Indicator.id or Site.id
    label: str  # "TEL-ABOUTIS — taux d'appels aboutis au niveau général" / the site's name
    score: float  # 0..100, best first


@dataclass(frozen=True)
class UnknownName:
    kind: str  # INDICATOR or SITE
    written: str  # the name as written in the file (first spelling met)
    lines: tuple[int, ...]  # every line of the file where it appears
    suggestions: tuple[Suggestion, ...]  # best first, at most MAX_SUGGESTIONS
    proposed: Suggestion | None  # a unique, unambiguous match: never applied unconfirmed
    inferred_unit: str | None = None  # indicators: "%" when its values carry a « % »
    inferred_periodicity: str | None = None  # "year", "quarter" or "month" from its periods

    @property
    def key(self) -> str:
        return mapping_key(self.written)


C = TypeVar("C")


@dataclass(frozen=True)
class NameChoices:
    """What the user chose for each unknown name, keyed by the name as written (any
    spelling with the same ``mapping_key`` is the same name)."""

    indicators: Mapping[str, IndicatorChoice] = field(default_factory=dict)
    sites: Mapping[str, SiteChoice] = field(default_factory=dict)
    # A value for a site its indicator is not yet followed on adds the site to it.
    add_sites_to_indicators: bool = False

    def indicator(self, written: str) -> IndicatorChoice | None:
        return _by_key(self.indicators).get(mapping_key(written))

    def site(self, written: str) -> SiteChoice | None:
        return _by_key(self.sites).get(mapping_key(written))


def _by_key(choices: Mapping[str, C]) -> dict[str, C]:
    return {mapping_key(written): choice for written, choice in choices.items()}


def _words(text: str, *, join: bool) -> str:
    """The words that matter, plurals folded: « Taux d'appels décrochés » → « taux appel
    decroche » (``join`` keeps « sous-préfecture » one word)."""
    folded = fold(text)
    if join:
        folded = _JOINED.sub("", folded)
    words = []
    for word in _NOT_WORD.sub(" ", folded).split():
        if word in _STOP_WORDS:
            continue
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def _score(a: str, b: str) -> float:
    """Words shared (a name contained in another scores high) with the edit distance
    between the whole names to tell close entries apart."""
    if not a or not b:
        return 0.0
    return 0.8 * fuzz.token_set_ratio(a, b) + 0.2 * fuzz.ratio(a, b)


@dataclass(frozen=True)
class Candidate:
    """A catalogue entry as suggestions compare it: its texts (name, code)."""

    target_id: int
    label: str
    texts: tuple[str, ...]


def candidates_of(entries: Iterable[tuple[int, str, tuple[str, ...]]]) -> list[Candidate]:
    return [Candidate(i, label, texts) for i, label, texts in entries]


class Suggester:
    """Scores a written name against every catalogue entry (their words prepared once).

    The score is the best of: the words shared, a name contained in another counting as
    a match (rapidfuzz's ``token_set_ratio``), with the edit distance between the whole
    names (``ratio``) to tell close entries apart; and, for a name sharing a distinctive
    word with an entry (a word of at most two entries, « PAN », « CNI »), 50 and 10 per
    such word, up to 70: enough to be suggested, never to be proposed alone.
    """

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self.candidates = [
            (c, [(_words(t, join=True), _words(t, join=False)) for t in c.texts if t])
            for c in candidates
        ]
        self.frequency: dict[str, int] = {}
        for _candidate, texts in self.candidates:
            for word in {w for _joined, split in texts for w in split.split()}:
                self.frequency[word] = self.frequency.get(word, 0) + 1

    def _shared(self, words: set[str], texts: list[tuple[str, str]]) -> float:
        theirs = {w for _joined, split in texts for w in split.split()}
        distinctive = [w for w in words & theirs if self.frequency.get(w, 0) <= 2]
        return min(50.0 + 10 * len(distinctive), SHARED_MAX) if distinctive else 0.0

    def suggest(self, written: str) -> tuple[tuple[Suggestion, ...], Suggestion | None]:
        """The closest entries, best first, and the one proposed (or None)."""
        joined, split = _words(written, join=True), _words(written, join=False)
        words = set(split.split())
        scored = []
        for candidate, texts in self.candidates:
            score = max(
                (max(_score(joined, tj), _score(split, ts) - SPLIT_PENALTY) for tj, ts in texts),
                default=0.0,
            )
            score = max(score, self._shared(words, texts))
            if score >= MIN_SCORE:
                scored.append(Suggestion(candidate.target_id, candidate.label, round(score, 1)))
        scored.sort(key=lambda s: (-s.score, s.label))
        best = tuple(scored[:MAX_SUGGESTIONS])
        proposed = None
        unique = len(best) == 1 or (len(best) > 1 and best[0].score - best[1].score >= PROPOSE_GAP)
        if best and best[0].score >= PROPOSE_SCORE and unique:
            proposed = best[0]
        return best, proposed


def indicator_label(code: str, name: str) -> str:
    return f"{code} — {name}"


def infer_unit(values: Iterable[str]) -> str | None:
    """ "%" when the values are written with a « % »; a unit written after the numbers
    of every value (« 14 jours ») otherwise; None when nothing says."""
    texts = [v.strip() for v in values if v and v.strip()]
    if not texts:
        return None
    if sum(t.endswith("%") for t in texts) * 2 >= len(texts):
        return "%"
    units = {m[1].casefold() for t in texts if (m := re.fullmatch(r"[\d\s.,+-]+\s*([^\W\d_]+)", t))}
    if len(units) == 1 and all(re.search(r"[^\W\d_]$", t) for t in texts):
        return units.pop()
    return None


def infer_periodicity(kinds: Iterable[str]) -> str | None:
    """The periodicity all the periods share ("year", "quarter", "month"), or None."""
    found = set(kinds)
    return found.pop() if len(found) == 1 else None
