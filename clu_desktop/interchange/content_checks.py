"""What a meeting file may not hold beyond its schema, so that a file that passes the
checks imports whole: numbers no document can print, agenda nesting too deep to show,
and lists naming the same thing twice (which the database would refuse mid-import).

- Before the schema (:func:`shape_problems`): JSON nested deeper than MAX_NESTING (the
  schema's checker recurses: thousands of levels would exhaust Python's stack), an agenda
  deeper than MAX_AGENDA_DEPTH, and any number that is not finite or reaches the values'
  limit (:data:`rules.indicators.MAX_VALUE`, the same as the indicator grid's):
  ``1e400`` (read as infinity), an integer of 400 digits, ``1e28``.
- After the identifiers are checked (:func:`duplicate_problems`): a person named twice
  among a statement's speakers, an indicator twice in an annex, a module twice in a label
  or an audit, a site twice in an indicator, two modules of a referential with one code,
  two referentials or indicators with one code, two sites of the same name.
- :func:`value_problems`: indicator values and targets the grid refuses, by its rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from clu_desktop.errors import UserError
from clu_desktop.names import name_key
from clu_desktop.rules.indicators import check_value, value_too_large

MAX_AGENDA_DEPTH = 10
#: JSON levels: an agenda of MAX_AGENDA_DEPTH levels needs about 30.
MAX_NESTING = 64

Path = list[str | int]
#: A place in the file and what is wrong there.
Problem = tuple[Path, str]


def _fold(text: Any) -> str:
    return name_key(str(text))


def shape_problems(data: Any, place: Callable[[Path], str]) -> list[str]:
    """Nesting and numbers, walked without recursion."""
    problems: list[str] = []
    stack: list[tuple[Any, Path]] = [(data, [])]
    too_deep = False
    while stack:
        value, path = stack.pop()
        if isinstance(value, bool) or value is None or isinstance(value, str):
            continue
        if isinstance(value, int | float):
            why = value_too_large(value)
            if why is not None:
                problems.append(f"{place(path)} : {why}.")
            continue
        if len(path) >= MAX_NESTING:
            too_deep = True
            continue
        children = value.items() if isinstance(value, dict) else enumerate(value)
        stack.extend((child, [*path, key]) for key, child in children)
    problems.sort()
    if too_deep:
        problems.insert(0, f"données imbriquées sur plus de {MAX_NESTING} niveaux.")
    return problems + _agenda_depth(data, place)


def _agenda_depth(data: Any, place: Callable[[Path], str]) -> list[str]:
    meeting = data.get("meeting") if isinstance(data, dict) else None
    agenda = meeting.get("agenda") if isinstance(meeting, dict) else None
    stack: list[tuple[Any, Path, int]] = [(agenda, ["meeting", "agenda"], 1)]
    while stack:
        items, path, depth = stack.pop()
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            if depth > MAX_AGENDA_DEPTH:
                return [
                    f"{place([*path, i])} : l'ordre du jour a plus de {MAX_AGENDA_DEPTH} "
                    "niveaux de sous-points ; rattachez ce point à un niveau plus haut."
                ]
            stack.append((item.get("items"), [*path, i, "items"], depth + 1))
    return []


def _twice(values: Iterable[Any], path: Path, what: str) -> Iterator[Problem]:
    seen: set[Any] = set()
    for k, value in enumerate(values):
        if value in seen:
            yield [*path, k], f"{what} « {value} » figure deux fois dans la liste."
        seen.add(value)


def duplicate_problems(
    data: dict[str, Any], items: list[tuple[dict[str, Any], Path]]
) -> Iterator[Problem]:
    """``(path, problem)`` for each thing a list names twice."""
    sites = data.get("sites", [])
    yield from _sites_twice(sites)
    referentials = data.get("referentials", [])
    yield from _codes_twice(referentials, ["referentials"], "le référentiel de code")
    for i, ref in enumerate(referentials):
        modules = ref.get("modules", [])
        yield from _codes_twice(modules, ["referentials", i, "modules"], "le module de code")
    for section in ("labels", "audits"):
        for i, record in enumerate(data.get(section, [])):
            yield from _twice(record.get("modules", []), [section, i, "modules"], "le module")
    indicators = data.get("indicators", [])
    yield from _codes_twice(indicators, ["indicators"], "l'indicateur de code")
    for i, indicator in enumerate(indicators):
        yield from _twice(indicator.get("sites", []), ["indicators", i, "sites"], "le site")
    meeting = data["meeting"]
    yield from _twice(meeting.get("secretaries", []), ["meeting", "secretaries"], "la personne")
    for item, path in items:
        for j, statement in enumerate(item.get("statements", [])):
            where = [*path, "statements", j, "speakers"]
            yield from _twice(statement.get("speakers", []), where, "l'intervenant")
    for i, annex in enumerate(meeting.get("annexes", [])):
        where = ["meeting", "annexes", i, "indicators"]
        yield from _twice(annex.get("indicators", []), where, "l'indicateur")


def _codes_twice(records: list[dict[str, Any]], path: Path, what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for k, record in enumerate(records):
        code = record.get("code")
        if code is None:
            continue
        if code in seen:
            yield [*path, k, "code"], f"{what} « {code} » figure deux fois."
        seen.add(code)


def _sites_twice(sites: list[dict[str, Any]]) -> Iterator[Problem]:
    seen: set[str] = set()
    for k, site in enumerate(sites):
        name = _fold(site.get("name", ""))
        if name in seen:
            yield (
                ["sites", k, "name"],
                f"deux sites portent le nom « {site['name']} » (à la casse et aux espaces "
                "près) : un site ne peut figurer qu'une fois.",
            )
        seen.add(name)


class _FileIndicator:
    """An indicator of the file as :func:`check_value` reads one."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.unit = record.get("unit")
        self.direction = record.get("direction", "higher")
        self.name = record.get("name", "")


def value_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """The values and targets the indicator grid would refuse (a percentage above 100, a
    negative delay…), by the grid's own rule."""
    for i, record in enumerate(data.get("indicators", [])):
        indicator = _FileIndicator(record)
        places: list[tuple[Path, Any]] = [(["indicators", i, "target"], record.get("target"))]
        places += [
            (["indicators", i, "values", j, "value"], value.get("value"))
            for j, value in enumerate(record.get("values", []))
        ]
        for where, number in places:
            try:
                check_value(indicator, number)
            except UserError as exc:
                yield where, f"{exc}."


def same_person_refusal(people: dict[str, Any]) -> None:
    """Refuse two people of the file found as one person of the base (their names differ
    only by case or spaces): the meeting would invite, or count, that person twice.
    ``people`` maps the file's ids to the database's Person (``id`` None when new)."""
    seen: dict[int, str] = {}
    for file_id, person in people.items():
        if person.id is None:
            continue
        if person.id in seen:
            raise UserError(
                f"Le fichier n'a pas été importé : les personnes « {seen[person.id]} » et "
                f"« {file_id} » du fichier sont une seule personne de la base "
                f"({person.first_name or ''} {person.last_name}, à la casse et aux espaces "
                "près). Fusionnez-les dans le fichier, puis recommencez. Rien n'a été "
                "modifié dans la base."
            )
        seen[person.id] = file_id
