"""Indicator values from a spreadsheet: a CSV file or an Excel workbook (.xlsx).

One value per line: the indicator (code or exact name), the period, the site (empty: all
sites), the value, and optionally a comment and a source. ``read_table`` reads the file
into text cells, ``guess_mapping`` finds the columns by their headers, ``preview`` shows
the first lines as they will be read, and ``import_values`` checks every line, then
hands the plan to ``services.indicators.importing`` which writes it. docs/indicators-import.md
describes the layout for users.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

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
from clu_desktop.interchange.indicators_rows import FIELDS, REQUIRED, RowChecker, RowError
from clu_desktop.interchange.indicators_table import MAX_BYTES, MAX_ROWS, Table, read_table
from clu_desktop.rules.indicators import ALL_SITES_LABEL, fold
from clu_desktop.services.indicators import importing as writing
from clu_desktop.services.indicators.importing import (
    UNSORTED_CATEGORY,
    AllSites,
    CreateIndicator,
    CreateSite,
    Ignore,
    ImportReport,
    IndicatorChoice,
    MapTo,
    ParsedRow,
    SiteChoice,
)

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
    hand the plan to ``services.indicators.importing.apply_plan``: it creates the indicators
    and sites chosen, adds the sites to the indicators they are given for, writes every
    value (existing values of the same indicator, period and site are replaced) and, with
    ``save_mappings``, remembers the names the user confirmed.
    Otherwise UserError listing every problem (up to 50), and nothing is written. The
    caller's transaction makes it all or nothing."""
    check = check_file(session, table, mapping, choices, preview_rows=0, progress=progress)
    if not check.ready:
        raise UserError(refusal(check))
    return writing.apply_plan(
        session,
        check.plan,
        with_comment=mapping.get("commentaire") is not None,
        with_source=mapping.get("source") is not None,
        save_mappings=save_mappings,
        ignored=check.ignored,
    )


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
    return writing.planned_report(session, check.plan, ignored=check.ignored)


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
    indicator_choices: dict[str, IndicatorChoice] = {}
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
    site_choices: dict[str, SiteChoice] = {}
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
