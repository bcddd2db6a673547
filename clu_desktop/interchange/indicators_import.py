"""Indicator values from a spreadsheet: a CSV file or an Excel workbook (.xlsx).

One value per line: the indicator (code or exact name), the period, the site (empty: all
sites), the value, and optionally a comment and a source. ``read_table`` reads the file
into text cells, ``guess_mapping`` finds the columns by their headers, ``preview`` shows
the first lines as they will be read, and ``import_values`` checks every line before it
writes anything. docs/indicators-import.md describes the layout for users.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from clu_desktop.domain import Indicator, Site
from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_check import (
    IGNORED_NOTE,
    NEW_LINK_NOTE,
    Cancelled,
    FileCheck,
    PreviewRow,
    Problem,
    cells_of,
    check_file,
    check_mapping,
    column_names,
    extra_cells,
)
from clu_desktop.interchange.indicators_names import (
    REMEMBERED_NOTE,
    UNSORTED_CATEGORY,
    AllSites,
    CreateIndicator,
    CreateSite,
    Ignore,
    MapTo,
    NameChoices,
    Suggestion,
    UnknownName,
)
from clu_desktop.interchange.indicators_report import summary
from clu_desktop.interchange.indicators_resolve import (
    CHOSEN_NOTE,
    NEW_INDICATOR_NOTE,
    NEW_SITE_NOTE,
)
from clu_desktop.interchange.indicators_rows import (
    FIELDS,
    REQUIRED,
    ParsedRow,
    RowChecker,
    RowError,
    count_replaced,
    write_rows,
)
from clu_desktop.interchange.indicators_table import MAX_BYTES, MAX_ROWS, Table, read_table
from clu_desktop.services import indicators_catalogue as catalogue
from clu_desktop.services.indicators_common import ALL_SITES_LABEL, fold
from clu_desktop.services.indicators_mappings import set_mapping

#: The longest code made from a new indicator's name (before a « -2 » if it is taken).
CODE_BASE_MAX = 30

DEFAULT_COLUMNS = ("indicateur", "période", "site", "valeur", "commentaire")
#: Header names each field is recognised by (compared without case or accents).
SYNONYMS = {
    "indicateur": ("indicateur", "code", "code indicateur", "code de l'indicateur", "indicator"),
    "période": ("periode", "period", "annee", "trimestre", "mois", "date"),
    "site": ("site", "lieu", "site de mesure"),
    "valeur": ("valeur", "value", "resultat", "chiffre", "mesure"),
    "commentaire": ("commentaire", "commentaires", "comment", "remarque", "observations"),
    "source": ("source", "origine"),
}

__all__ = [
    "CHOSEN_NOTE",
    "DEFAULT_COLUMNS",
    "FIELDS",
    "IGNORED_NOTE",
    "MAX_BYTES",
    "MAX_ROWS",
    "NEW_INDICATOR_NOTE",
    "NEW_LINK_NOTE",
    "NEW_SITE_NOTE",
    "REMEMBERED_NOTE",
    "REQUIRED",
    "AllSites",
    "Cancelled",
    "CreateIndicator",
    "CreateSite",
    "FileCheck",
    "Ignore",
    "ImportReport",
    "MapTo",
    "NameChoices",
    "ParsedRow",
    "PreviewRow",
    "Problem",
    "Suggestion",
    "Table",
    "UnknownName",
    "check_file",
    "check_mapping",
    "guess_mapping",
    "import_file",
    "import_values",
    "preview",
    "read_table",
    "summary",
]


@dataclass(frozen=True)
class ImportReport:
    rows: int
    added: int
    updated: int
    created_indicators: tuple[str, ...] = ()  # codes of the indicators created
    created_sites: tuple[str, ...] = ()
    linked: tuple[tuple[str, str], ...] = ()  # (indicator code, site) followed from now on
    ignored: int = 0  # lines left out by a choice « ignorer »
    saved_mappings: int = 0  # names remembered for the next files


# Columns


def _header_key(header: str) -> str:
    text = fold(re.sub(r"\(.*?\)", " ", header))
    return " ".join(re.sub(r"[^\w' ]", " ", text).split())


def guess_mapping(headers: tuple[str, ...] | list[str]) -> dict[str, int | None]:
    """Each field (indicateur, période, site, valeur, commentaire, source) → the index of
    its column, found by header name; by the default order when no header is known."""
    keys = [_header_key(h) for h in headers]
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    taken: set[int] = set()
    for field in FIELDS:
        for index, key in enumerate(keys):
            if index in taken:
                continue
            if any(key == s or key.startswith(s + " ") for s in SYNONYMS[field]):
                mapping[field] = index
                taken.add(index)
                break
    if not taken:
        for index, field in enumerate(DEFAULT_COLUMNS[: len(headers)]):
            mapping[field] = index
    return mapping


def preview(
    table: Table,
    mapping: dict[str, int | None],
    n: int = 20,
    *,
    session: Session | None = None,
) -> list[PreviewRow]:
    """The first ``n`` non-blank lines as they will be read, each with its first problem.
    Without a session only the shapes are checked (period, number); with one, the
    indicators and sites are looked up as the import will."""
    checker = RowChecker(session) if session is not None else None
    names = column_names(table, mapping)
    result: list[PreviewRow] = []
    for index, row in enumerate(table.rows):
        if len(result) >= n:
            break
        if not any(row):
            continue
        cells = cells_of(mapping, row)
        try:
            parsed = checker.check(cells) if checker is not None else RowChecker.shape(cells)
            error = None
        except RowError as exc:
            parsed = None
            error = f"colonne « {names[exc.field]} » : {exc.message}"
        error = extra_cells(table, row) or error
        result.append(PreviewRow(table.row_number(index), cells, parsed, error))
    return result


def refusal(check: FileCheck) -> str:
    """Why the import refuses a check that is not ready (French)."""
    return summary(check)


def import_values(
    session: Session,
    table: Table,
    mapping: dict[str, int | None],
    choices: NameChoices | None = None,
    *,
    save_mappings: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> ImportReport:
    """Check every line (``check_file``), then, when nothing is left to decide or fix,
    create the indicators and sites chosen, add the sites to the indicators they are
    given for, write every value (existing values of the same indicator, period and site
    are replaced) and, with ``save_mappings``, remember the names the user confirmed.
    Otherwise UserError listing every problem (up to 50), and nothing is written. The
    caller's transaction makes it all or nothing."""
    check = check_file(session, table, mapping, choices, preview_rows=0, progress=progress)
    if not check.ready:
        raise UserError(refusal(check))
    plan = check.plan
    ids: dict[int, int] = {}
    created_indicators = []
    for placeholder, wanted in plan.new_indicators.items():
        ids[placeholder] = create_indicator(session, wanted)
        created_indicators.append(catalogue.indicator_row(session, ids[placeholder]).code)
    created_sites = []
    site_ids: dict[int, int] = {}
    for placeholder, wanted in plan.new_sites.items():
        site_ids[placeholder] = catalogue.add_site(session, wanted.name)
        created_sites.append(wanted.name)
    linked = _add_links(session, plan.links, ids, site_ids)
    rows = [
        replace(
            row,
            indicator_id=ids.get(row.indicator_id, row.indicator_id),
            site_id=site_ids.get(row.site_id, row.site_id) if row.site_id is not None else None,
        )
        for row in plan.rows
    ]
    added, updated = write_rows(
        session,
        rows,
        with_comment=mapping.get("commentaire") is not None,
        with_source=mapping.get("source") is not None,
    )
    saved = _save_mappings(session, plan, ids, site_ids) if save_mappings else 0
    return ImportReport(
        rows=len(rows),
        added=added,
        updated=updated,
        created_indicators=tuple(created_indicators),
        created_sites=tuple(created_sites),
        linked=linked,
        ignored=check.ignored,
        saved_mappings=saved,
    )


def _taken_codes(session: Session) -> set[str]:
    return {fold(code) for code in session.scalars(select(Indicator.code))}


def _code_from_name(name: str, taken: set[str]) -> str:
    """A free code made from a name: « Taux d'appels aboutis » → TAUX-APPELS-ABOUTIS
    (then -2, -3… when it is taken); ``taken`` gets it."""
    words = [w for w in re.split(r"[\W_]+", fold(name).upper()) if len(w) > 2] or ["INDICATEUR"]
    base = words[0][:CODE_BASE_MAX]
    for word in words[1:]:
        if len(base) + 1 + len(word) > CODE_BASE_MAX:
            break
        base += "-" + word
    code, n = base, 2
    while fold(code) in taken:
        code, n = f"{base}-{n}", n + 1
    taken.add(fold(code))
    return code


def create_indicator(session: Session, wanted: CreateIndicator) -> int:
    """A new indicator as the mapping step describes it (higher is better, no target)."""
    code = wanted.code or _code_from_name(wanted.name, _taken_codes(session))
    indicator_id = catalogue.add_indicator(session, code, wanted.name)
    for name, value in (
        ("category", wanted.category),
        ("unit", wanted.unit),
        ("periodicity", wanted.periodicity),
    ):
        if value:
            catalogue.update_indicator(session, indicator_id, name, value)
    return indicator_id


def _add_links(session, links, ids, site_ids) -> tuple[tuple[str, str], ...]:
    wanted: dict[int, set[int]] = {}
    for indicator_id, site_id in links:
        wanted.setdefault(ids.get(indicator_id, indicator_id), set()).add(
            site_ids.get(site_id, site_id)
        )
    added = []
    for indicator_id, site_ids_added in sorted(wanted.items()):
        row = catalogue.indicator_row(session, indicator_id)
        catalogue.set_indicator_sites(session, indicator_id, [*row.site_ids, *site_ids_added])
        names = dict(session.execute(select(Site.id, Site.name)).all())
        added.extend((row.code, names[s]) for s in sorted(site_ids_added))
    return tuple(added)


def _save_mappings(session, plan, ids, site_ids) -> int:
    """Remember the names the user confirmed for this file, those of what was created
    too (the next file may write them with other punctuation than the new name's)."""
    for confirmed in plan.confirmed:
        kind, written, choice = confirmed.kind, confirmed.written, confirmed.choice
        if isinstance(choice, MapTo):
            set_mapping(session, kind, written, choice.target_id)
        elif isinstance(choice, AllSites):
            set_mapping(session, kind, written, None)
        elif isinstance(choice, Ignore):
            set_mapping(session, kind, written, None, ignored=True)
        else:  # created: its placeholder is now a real id
            created = ids if kind == "indicator" else site_ids
            set_mapping(session, kind, written, created[confirmed.new_id])
    return len(plan.confirmed)


def import_file(
    session: Session,
    path: Path | str,
    choices: NameChoices | None = None,
    *,
    save_mappings: bool = False,
) -> ImportReport:
    """Read a file and import it with the columns guessed from its headers."""
    table = read_table(path)
    return import_values(
        session, table, guess_mapping(table.headers), choices, save_mappings=save_mappings
    )


def planned_report(session: Session, check: FileCheck) -> ImportReport:
    """What ``import_values`` would do for a ready check, with nothing written (the
    command line's --dry-run, the window's last step)."""
    if not check.ready:
        raise UserError(refusal(check))
    plan = check.plan
    updated = count_replaced(session, plan.rows)
    codes = dict(session.execute(select(Indicator.id, Indicator.code)).all())
    sites = dict(session.execute(select(Site.id, Site.name)).all())
    taken = _taken_codes(session)
    new_codes = {
        p: c.code or _code_from_name(c.name, taken) for p, c in plan.new_indicators.items()
    }
    codes |= new_codes
    sites |= {p: c.name for p, c in plan.new_sites.items()}
    return ImportReport(
        rows=len(plan.rows),
        added=len(plan.rows) - updated,
        updated=updated,
        created_indicators=tuple(new_codes.values()),
        created_sites=tuple(c.name for c in plan.new_sites.values()),
        linked=tuple(sorted((codes[i], sites[s]) for i, s in plan.links)),
        ignored=check.ignored,
        saved_mappings=0,
    )


# Choices written as text (the command line's --map and --map-site)

IGNORE_WORDS = ("ignorer", "ignore")


def _split(text: str, option: str) -> tuple[str, str]:
    written, sep, target = text.rpartition("=")
    if not sep or not written.strip() or not target.strip():
        raise UserError(
            f"{option} « {text} » : écrivez le nom du fichier, « = », puis ce qu'il désigne, "
            f'par exemple {option} "Taux d\'appels aboutis=TEL-ABOUTIS".'
        )
    return written.strip(), target.strip()


def choices_from_text(
    session: Session,
    indicators: list[str] | tuple[str, ...] = (),
    sites: list[str] | tuple[str, ...] = (),
    *,
    add_sites_to_indicators: bool = False,
) -> NameChoices:
    """Choices written « nom du fichier=CODE » (or the indicator's exact name) and « nom
    du fichier=nom du site » (or « Ensemble »); « =ignorer » leaves the lines out.
    UserError (French) for a target the catalogue does not have."""
    checker = RowChecker(session)
    indicator_choices: dict[str, object] = {}
    for text in indicators:
        written, target = _split(text, "--map")
        try:
            found = checker.find_indicator(target)
        except RowError as exc:
            raise UserError(f"--map « {text} » : {exc.message}.") from None
        if found is not None:
            indicator_choices[written] = MapTo(found.id)
        elif fold(target) in IGNORE_WORDS:
            indicator_choices[written] = Ignore()
        else:
            raise UserError(
                f"--map « {text} » : le catalogue n'a pas d'indicateur « {target} » "
                "(indiquez son code, son nom exact, ou « ignorer »)."
            )
    site_choices: dict[str, object] = {}
    for text in sites:
        written, target = _split(text, "--map-site")
        found_site = checker.find_site(target)
        if found_site is not None:
            site_choices[written] = MapTo(found_site[0])
        elif fold(target) == fold(ALL_SITES_LABEL):
            site_choices[written] = AllSites()
        elif fold(target) in IGNORE_WORDS:
            site_choices[written] = Ignore()
        else:
            known = ", ".join(checker.site_names.values()) or "aucun"
            raise UserError(
                f"--map-site « {text} » : le site « {target} » n'existe pas "
                f"(sites connus : {known} ; ou « Ensemble », ou « ignorer »)."
            )
    return NameChoices(indicator_choices, site_choices, add_sites_to_indicators)


def with_missing_created(check: FileCheck, choices: NameChoices | None) -> NameChoices:
    """``choices`` plus, for each name still unknown, a new indicator (category « À
    classer », unit and periodicity inferred from the file) or a new site; a site
    given for an indicator not followed on it is added to it."""
    choices = choices or NameChoices()
    indicators = dict(choices.indicators)
    for name in check.unknown_indicators:
        indicators[name.written] = CreateIndicator(
            name.written,
            UNSORTED_CATEGORY,
            name.inferred_unit,
            name.inferred_periodicity or "year",
        )
    sites = dict(choices.sites)
    for name in check.unknown_sites:
        sites[name.written] = CreateSite(name.written)
    return NameChoices(indicators, sites, add_sites_to_indicators=True)
