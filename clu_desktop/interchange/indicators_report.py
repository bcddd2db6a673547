"""The report of an indicator spreadsheet's check, in French, for the command line and
the window: every unknown name once with all its lines and the closest catalogue entries,
then every other problem grouped, at most 50 shown with the count of the others."""

from __future__ import annotations

from collections.abc import Mapping

from clu_desktop.interchange.indicators_check import FileCheck, Problem
from clu_desktop.interchange.indicators_names import INDICATOR, Suggestion, UnknownName

#: How many problems a report shows; the others are counted.
MAX_SHOWN = 50
#: How many line numbers a problem shows.
MAX_LINES_SHOWN = 10
#: The longest name a report quotes whole.
MAX_NAME_SHOWN = 120


def shown_name(text: str) -> str:
    """A name as a report quotes it: a very long one cut, « … » at the end."""
    return text if len(text) <= MAX_NAME_SHOWN else text[: MAX_NAME_SHOWN - 1] + "…"


def lines_label(lines: tuple[int, ...]) -> str:
    """ "Ligne 4", "Lignes 2, 5 et 8", "Lignes 2, 3, …, 11… (40 lignes)"."""
    if len(lines) == 1:
        return f"Ligne {lines[0]}"
    if len(lines) <= MAX_LINES_SHOWN:
        return "Lignes " + ", ".join(map(str, lines[:-1])) + f" et {lines[-1]}"
    shown = ", ".join(map(str, lines[:MAX_LINES_SHOWN]))
    return f"Lignes {shown}… ({len(lines)} lignes)"


def suggestions_text(suggestions: tuple[Suggestion, ...]) -> str:
    return ", ".join(f"« {s.label} » ({s.score:.0f}/100)" for s in suggestions)


def unknown_text(name: UnknownName, columns: Mapping[str, str]) -> str:
    what, column = ("indicateur", "indicateur") if name.kind == INDICATOR else ("site", "site")
    text = (
        f"{lines_label(name.lines)}, colonne « {columns.get(column, column)} » : "
        f"{what} inconnu : « {shown_name(name.written)} »"
    )
    if name.proposed is not None:
        text += f" ; proposé : « {name.proposed.label} » ({name.proposed.score:.0f}/100)"
        others = tuple(s for s in name.suggestions if s != name.proposed)
        if others:
            text += f" ; autres : {suggestions_text(others)}"
    elif name.suggestions:
        text += f" ; les plus proches : {suggestions_text(name.suggestions)}"
    else:
        text += " ; aucun nom proche dans le catalogue"
    return text


def problem_text(problem: Problem) -> str:
    if not problem.lines:
        return problem.message
    separator = ", " if problem.message.startswith("colonne ") else " : "
    return f"{lines_label(problem.lines)}{separator}{problem.message}"


def entries(check: FileCheck) -> list[str]:
    """Every problem of the check as one French line each, in the report's order."""
    return [
        *(unknown_text(n, check.columns) for n in check.unknown_indicators),
        *(unknown_text(n, check.columns) for n in check.unknown_sites),
        *(problem_text(p) for p in check.problems),
    ]


def summary(check: FileCheck, limit: int = MAX_SHOWN) -> str:
    """The French report: one problem alone as one line; several as a list, at most
    ``limit`` of them, with the count of the others."""
    lines = entries(check)
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0]
    text = f"Le fichier a {len(lines)} problèmes :\n" + "\n".join(f"- {e}" for e in lines[:limit])
    if len(lines) > limit:
        rest = len(lines) - limit
        text += f"\n… et {rest} autre{'s' if rest > 1 else ''} problème{'s' if rest > 1 else ''}."
    return text
