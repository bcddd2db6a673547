"""The checks of a meeting file's official record: the committee's settings, the
secretaries of the session, how the represented members are represented, and the votes.

Each check calls the rule the window calls (:func:`rules.record.clean_setting` and
:mod:`rules.record`), so a file is refused for what the window refuses. The
checks yield ``(path, problem)``; :mod:`validation` turns the path into a place in the
file and refuses the whole file if anything is found.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clu_desktop.errors import UserError
from clu_desktop.rules import record as rules
from clu_desktop.rules.record import DECISION_MAX, clean_setting

Path = list[str | int]
Problem = tuple[Path, str]

#: The choices of a decision's "names", as the file spells them, and the record's.
NAME_CHOICES = {"for": rules.FOR, "against": rules.AGAINST, "abstentions": rules.ABSTAINING}
V2_MEETING_KEYS = ("secretaries", "convocation_date", "publication_date")
NEWER_KEY = (
    "champ de la version 2 du format dans un fichier de version 1 : écrivez "
    '« "version": 2 » en tête du fichier, ou retirez ce champ.'
)


def representation_of(entry: dict[str, Any], version: int) -> str | None:
    """How an attendance entry is represented: in a version 1 file, « represented » was
    always a substitute (suppléant); version 2 says it with ``representation``."""
    if version == 1:
        return rules.SUBSTITUTE if entry.get("status") == rules.REPRESENTED else None
    return entry.get("representation")


def newer_keys(data: dict[str, Any], items: list[tuple[dict[str, Any], Path]]) -> Iterator[Problem]:
    """The keys of version 2 found in a version 1 file: refused rather than guessed at."""
    found: list[Path] = []
    if "settings" in data["committee"]:
        found.append(["committee", "settings"])
    meeting = data["meeting"]
    found += [["meeting", key] for key in V2_MEETING_KEYS if key in meeting]
    for i, entry in enumerate(meeting.get("attendance", [])):
        if "representation" in entry:
            found.append(["meeting", "attendance", i, "representation"])
    found += [[*path, "decision"] for item, path in items if "decision" in item]
    for path in found:
        yield path, NEWER_KEY


class RecordChecker:
    """The record of a file whose schema and identifiers are already checked."""

    def __init__(
        self, data: dict[str, Any], items: list[tuple[dict[str, Any], Path]], people: set[str]
    ) -> None:
        self.data = data
        self.version: int = data["version"]
        self.items = items
        self.people = people
        self.attendance: list[dict[str, Any]] = data["meeting"].get("attendance", [])
        self.invited = {e["person"] for e in self.attendance if e.get("person") is not None}

    def problems(self) -> Iterator[Problem]:
        if self.version == 1:
            yield from newer_keys(self.data, self.items)
        yield from self._settings()
        yield from self._secretaries()
        yield from self._representations()
        yield from self._decisions()

    def _settings(self) -> Iterator[Problem]:
        settings = self.data["committee"].get("settings") or {}
        for key, value in settings.items():
            try:
                clean_setting(key, value)
            except UserError as exc:
                yield ["committee", "settings", key], str(exc)

    def _named(self, person: str, seen: set[str], what: str) -> str | None:
        """Why ``person`` cannot be named as ``what``, or None."""
        if person not in self.people:
            return f"personne « {person} » introuvable dans le fichier."
        if person not in self.invited:
            return (
                f"« {person} » n'est pas parmi les invités de la séance : {what} doit figurer "
                "dans meeting.attendance ; ajoutez-y cette personne ou retirez-la d'ici."
            )
        if person in seen:
            return f"« {person} » est nommé(e) deux fois."
        seen.add(person)
        return None

    def _secretaries(self) -> Iterator[Problem]:
        seen: set[str] = set()
        for k, person in enumerate(self.data["meeting"].get("secretaries", [])):
            problem = self._named(person, seen, "un secrétaire de séance")
            if problem is not None:
                yield ["meeting", "secretaries", k], problem

    def _representations(self) -> Iterator[Problem]:
        """Each represented member as the window would record them, in the file's order:
        a proxy to a member invited, not oneself, and no chain of representations that
        comes back to where it started."""
        deputies: dict[str, str | None] = {}
        for i, entry in enumerate(self.attendance):
            where: Path = ["meeting", "attendance", i]
            person, holder = entry.get("person"), entry.get("represented_by")
            kind = representation_of(entry, self.version)
            if entry.get("status") != rules.REPRESENTED:
                yield from self._not_represented(entry, where)
                continue
            if kind is None:
                yield (
                    where,
                    (
                        "« représenté » sans dire comment : indiquez "
                        '"representation": "proxy" (pouvoir donné à un membre invité) ou '
                        '"substitute" (suppléant qui siège à sa place).'
                    ),
                )
                continue
            if kind == rules.SUBSTITUTE and holder is None and not entry.get("represented_by_name"):
                yield where, "« représenté » sans dire par qui."
                continue
            problem = rules.representation_problem(person, holder, kind, self.invited)
            if problem is None and person is not None and holder is not None:
                problem = rules.loop_problem({**deputies, person: holder}, person)
            if problem is not None:
                yield [*where, "represented_by"], problem
            elif person is not None and holder is not None:
                deputies[person] = holder

    def _not_represented(self, entry: dict[str, Any], where: Path) -> Iterator[Problem]:
        if self.version == 1:
            # Version 1 kept a deputy whatever the status; only oneself was refused.
            problem = rules.representation_problem(
                entry.get("person"), entry.get("represented_by"), rules.SUBSTITUTE, self.invited
            )
            if problem is not None:
                yield [*where, "represented_by"], problem
            return
        for key in ("representation", "represented_by", "represented_by_name"):
            if entry.get(key) is not None:
                yield (
                    [*where, key],
                    (
                        "une représentation (pouvoir ou suppléant) ne va qu'avec le statut "
                        "« represented » : changez le statut ou mettez ce champ à null."
                    ),
                )

    def _decisions(self) -> Iterator[Problem]:
        seats = [
            rules.Seat(
                person_id=entry.get("person"),
                name="",
                status=entry.get("status", rules.INVITED),
                representation=representation_of(entry, self.version),
                holder_id=entry.get("represented_by"),
            )
            for entry in self.attendance
        ]
        voters = rules.count_seats(seats).voters
        for item, path in self.items:
            decision = item.get("decision")
            if decision:
                yield from self._decision(decision, [*path, "decision"], voters)

    def _decision(self, decision: dict[str, Any], where: Path, voters: int) -> Iterator[Problem]:
        text = decision.get("text")
        if text is not None and len(text) > DECISION_MAX:
            yield (
                [*where, "text"],
                (f"texte trop long : {len(text)} caractères, {DECISION_MAX} au plus."),
            )
        names = decision.get("names") or {}
        seen: set[str] = set()
        named: dict[str, int] = {}
        for key, choice in NAME_CHOICES.items():
            people = names.get(key, [])
            for k, person in enumerate(people):
                problem = self._named(person, seen, "une personne nommée dans un vote")
                if problem is not None:
                    yield [*where, "names", key, k], problem
            named[choice] = len(people)
        figures = {
            rules.FOR: decision.get("for"),
            rules.AGAINST: decision.get("against"),
            rules.ABSTAINING: decision.get("abstentions"),
        }
        problem = rules.vote_problem(decision.get("result"), figures, voters, named)
        if problem is not None:
            yield where, problem
