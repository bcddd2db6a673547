"""The check of a whole indicator spreadsheet before anything is written.

``check_file`` reads every line once and reports, grouped, every problem at once: each
name of an indicator or a site the catalogue does not know (once, with all its lines and
the closest catalogue entries), the values and periods that cannot be read or do not fit
their indicator, the sites an indicator is not followed on, the same value twice. The
names are read through, in this order, the user's choices for this file (``NameChoices``),
the catalogue (code or exact name, case and accents aside) and the mappings remembered
(``mappings``): see ``resolve``. ``interchange.indicators_report.summary`` words the
report in French for the command line and the window. Nothing here writes:
``files.import_values`` writes what a ready check planned.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from clu_desktop.interchange.indicators_check import (
    IGNORED_NOTE,
    KIND_OF_FIELD,
    KINDS,
    NEW_LINK_NOTE,
    FileCheck,
    PreviewRow,
    Problem,
    cells_of,
    check_mapping,
    column_names,
    extra_cells,
)
from clu_desktop.interchange.indicators_names import (
    INDICATOR,
    REMEMBERED_NOTE,
    SITE,
    NameChoices,
    Suggester,
    UnknownName,
    candidates_of,
    indicator_label,
    infer_periodicity,
    infer_unit,
)
from clu_desktop.interchange.indicators_plan import ParsedRow
from clu_desktop.interchange.indicators_rows import RowError, check_line, shape_errors
from clu_desktop.interchange.indicators_table import Table
from clu_desktop.rules.indicators import mapping_key
from clu_desktop.services.indicators.resolve import CHOSEN_NOTE, NameReader
from clu_desktop.services.indicators.rows import RowChecker

#: Lines between two calls of ``progress``.
PROGRESS_EVERY = 500
#: Values kept per unknown indicator to infer its unit.
_INFER_SAMPLE = 200


class Cancelled(Exception):
    """The user cancelled the check (``progress`` returned False)."""


@dataclass
class _Unknown:
    written: str
    lines: list[int] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)


class _Report:
    """Problems grouped by kind and message, each with all its lines."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], list[int]] = {}

    def add(self, kind: str, line: int, message: str) -> None:
        self.groups.setdefault((kind, message), []).append(line)

    def problems(self) -> tuple[Problem, ...]:
        items = [Problem(k, tuple(lines), message) for (k, message), lines in self.groups.items()]
        items.sort(key=lambda p: (KINDS.index(p.kind), p.lines[:1]))
        return tuple(items)


def check_file(
    session: Session,
    table: Table,
    mapping: dict[str, int | None],
    choices: NameChoices | None = None,
    *,
    preview_rows: int = 20,
    progress: Callable[[int, int], bool] | None = None,
) -> FileCheck:
    """Read the whole file and report every problem (see the module's docstring).

    ``progress(done, total)`` is called every few hundred lines; returning False cancels
    (``Cancelled``). It opens nothing: in the window it runs in a worker thread with the
    session the caller gave it. UserError for a choice of an entry that no longer exists.
    """
    check_mapping(table, mapping)
    choices = choices or NameChoices()
    columns = column_names(table, mapping)
    checker = RowChecker(session)
    names = NameReader(session, checker, choices)
    plan = names.plan
    report = _Report()
    unknown: dict[str, dict[str, _Unknown]] = {INDICATOR: {}, SITE: {}}
    preview: list[PreviewRow] = []
    seen: dict[tuple[int | None, str, int | None], int] = {}
    rows = ignored = 0
    total = len(table.rows)
    for index, row in enumerate(table.rows):
        if progress is not None and index % PROGRESS_EVERY == 0 and progress(index, total) is False:
            raise Cancelled
        if not any(row):
            continue
        rows += 1
        number = table.row_number(index)
        cells = cells_of(mapping, row)
        errors: list[tuple[str, str]] = []  # (kind, message)
        parsed, note = None, None
        if extra := extra_cells(table, row):
            errors.append(("cells", extra))
        else:
            parsed, note, skip = _check_row(
                names,
                checker,
                choices,
                cells,
                number,
                table.row_column_names(index, mapping, columns),  # a wide table's own columns
                unknown,
                errors,
            )
            if skip:
                ignored += 1
                note = IGNORED_NOTE
            elif parsed is not None:
                key = (parsed.indicator_id, parsed.period, parsed.site_id)
                if key in seen:
                    errors.append(
                        (
                            "duplicate",
                            f"même indicateur, même période et même site qu'à la ligne {seen[key]}",
                        )
                    )
                    parsed = None
                else:
                    seen[key] = number
                    plan.rows.append(parsed)
        for kind, message in errors:
            if kind != "unknown":  # unknown names are reported once each, below
                report.add(kind, number, message)
        if len(preview) < preview_rows:
            preview.append(
                PreviewRow(number, cells, parsed, errors[0][1] if errors else None, note)
            )
    if progress is not None:
        progress(total, total)
    unknown_indicators = _unknown_names(INDICATOR, unknown[INDICATOR], checker)
    unknown_sites = _unknown_names(SITE, unknown[SITE], checker)
    problems = report.problems()
    if not plan.rows and not unknown_indicators and not unknown_sites and not problems:
        message = (
            "Toutes les lignes sont ignorées : il ne reste aucune valeur à importer."
            if ignored
            else "Le fichier ne contient aucune valeur à importer."
        )
        problems = (Problem("empty", (), message),)
    ready = not (unknown_indicators or unknown_sites or problems)
    return FileCheck(
        rows=rows,
        unknown_indicators=unknown_indicators,
        unknown_sites=unknown_sites,
        problems=problems,
        remembered=dict(names.remembered),
        preview=tuple(preview),
        ready=ready,
        columns=columns,
        values=len(plan.rows),
        ignored=ignored,
        plan=plan,
    )


def _column_message(columns: Mapping[str, str], error: RowError) -> str:
    return f"colonne « {columns[error.field]} » : {error.message}"


def _check_row(
    names: NameReader,
    checker: RowChecker,
    choices: NameChoices,
    cells: dict[str, str],
    number: int,
    columns: Mapping[str, str],
    unknown: dict[str, dict[str, _Unknown]],
    errors: list[tuple[str, str]],
) -> tuple[ParsedRow | None, str | None, bool]:
    """(parsed row or None, note, ignored) for one line; its problems go to ``errors``,
    its unknown names to ``unknown``."""
    indicator_text = cells.get("indicateur", "")
    site_text = cells.get("site", "")
    try:
        found = names.indicator(indicator_text)
    except RowError as exc:
        errors.append(("indicator", _column_message(columns, exc)))
        return None, None, False
    site = names.site(site_text)
    if found[0] == "ignore" or site[0] == "ignore":
        return None, None, True
    if site[0] == "unknown":
        entry = unknown[SITE].setdefault(mapping_key(site_text), _Unknown(site_text.strip()))
        entry.lines.append(number)
        errors.append(("unknown", f"site inconnu : « {site_text.strip()} »"))
    if found[0] == "unknown":
        entry = unknown[INDICATOR].setdefault(
            mapping_key(indicator_text), _Unknown(indicator_text.strip())
        )
        entry.lines.append(number)
        kind, shape = shape_errors(cells)
        if kind is not None:
            entry.kinds.add(kind)
        if len(entry.values) < _INFER_SAMPLE:
            entry.values.append(cells.get("valeur", ""))
        errors.insert(0, ("unknown", f"indicateur inconnu : « {indicator_text.strip()} »"))
        errors.extend((KIND_OF_FIELD[e.field], _column_message(columns, e)) for e in shape)
        return None, None, False
    _, indicator, note = found
    through = ""
    if note in (CHOSEN_NOTE, REMEMBERED_NOTE):
        through = f" (« {indicator_text.strip()} » correspond à {indicator.code})"
    site_id, site_name = (None, None) if site[0] == "unknown" else (site[1], site[2])
    site_note = None if site[0] == "unknown" else site[3]
    link_errors: list[RowError] = []
    if site_id is not None:
        if indicator.id < 0 or site_id < 0 or choices.add_sites_to_indicators:
            if site_id not in names.checker.links.get(indicator.id, set()):
                names.plan.links.add((indicator.id, site_id))
                site_note = NEW_LINK_NOTE
        else:
            try:
                checker.check_link(indicator, site_id, site_name)
            except RowError as exc:
                link_errors.append(exc)
    parsed, line_errors = check_line(indicator, site_id, site_name, cells)
    for error in [*link_errors, *line_errors]:
        errors.append((KIND_OF_FIELD[error.field], _column_message(columns, error) + through))
    if errors:
        return None, note or site_note, False
    return parsed, note or site_note, False


def _unknown_names(
    kind: str, found: dict[str, _Unknown], checker: RowChecker
) -> tuple[UnknownName, ...]:
    if not found:
        return ()
    if kind == INDICATOR:
        entries: list[tuple[int, str, tuple[str, ...]]] = [
            (i.id, indicator_label(i.code, i.name), (i.name, i.code))
            for i in checker.by_id.values()
        ]
    else:
        entries = [(site_id, name, (name,)) for site_id, name in checker.site_names.items()]
    suggester = Suggester(candidates_of(entries))
    result = []
    for entry in found.values():
        suggestions, proposed = suggester.suggest(entry.written)
        result.append(
            UnknownName(
                kind,
                entry.written,
                tuple(entry.lines),
                suggestions,
                proposed,
                infer_unit(entry.values) if kind == INDICATOR else None,
                infer_periodicity(entry.kinds) if kind == INDICATOR else None,
            )
        )
    return tuple(result)
