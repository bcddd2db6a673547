"""The import of an indicator spreadsheet, as the window, the command line and the
self-test call it: read a file (``read_for_import``, ``read_table``, ``sheet_names``),
guess its columns (``guess_mapping``), check it against the catalogue (``check_file``,
``preview``) and write it (``import_values``, ``import_file``), or say what it would write
(``planned_report``). The plain data they exchange (``interchange``'s tables, checks and
choices) is re-exported here: the callers import this module only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from clu_desktop.errors import UserError
from clu_desktop.interchange import indicators_import as reading
from clu_desktop.interchange.indicators_check import KINDS as KINDS
from clu_desktop.interchange.indicators_check import FileCheck as FileCheck
from clu_desktop.interchange.indicators_check import PreviewRow as PreviewRow
from clu_desktop.interchange.indicators_check import Problem as Problem
from clu_desktop.interchange.indicators_check import check_mapping as check_mapping
from clu_desktop.interchange.indicators_import import guess_mapping as guess_mapping
from clu_desktop.interchange.indicators_import import refusal as refusal
from clu_desktop.interchange.indicators_import import with_missing_created as with_missing_created
from clu_desktop.interchange.indicators_layout import Layout as Layout
from clu_desktop.interchange.indicators_layout import read_for_import as read_for_import
from clu_desktop.interchange.indicators_names import AllSites as AllSites
from clu_desktop.interchange.indicators_names import CreateIndicator as CreateIndicator
from clu_desktop.interchange.indicators_names import CreateSite as CreateSite
from clu_desktop.interchange.indicators_names import Ignore as Ignore
from clu_desktop.interchange.indicators_names import MapTo as MapTo
from clu_desktop.interchange.indicators_names import NameChoices as NameChoices
from clu_desktop.interchange.indicators_names import Suggestion as Suggestion
from clu_desktop.interchange.indicators_names import UnknownName as UnknownName
from clu_desktop.interchange.indicators_plan import IndicatorChoice, SiteChoice
from clu_desktop.interchange.indicators_report import problem_text as problem_text
from clu_desktop.interchange.indicators_report import summary as summary
from clu_desktop.interchange.indicators_rows import FIELDS as FIELDS
from clu_desktop.interchange.indicators_rows import REQUIRED as REQUIRED
from clu_desktop.interchange.indicators_rows import RowError
from clu_desktop.interchange.indicators_table import Table as Table
from clu_desktop.interchange.indicators_table import read_table as read_table
from clu_desktop.interchange.indicators_table import sheet_names as sheet_names
from clu_desktop.rules.indicators import ALL_SITES_LABEL, fold
from clu_desktop.services.indicators.file_check import Cancelled as Cancelled
from clu_desktop.services.indicators.file_check import check_file as check_file
from clu_desktop.services.indicators.importing import ImportReport as ImportReport
from clu_desktop.services.indicators.importing import apply_plan
from clu_desktop.services.indicators.importing import planned_report as plan_report
from clu_desktop.services.indicators.rows import RowChecker


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
    check = RowChecker(session).check if session is not None else None
    return reading.preview(table, mapping, n, check=check)


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
    hand the plan to ``importing.apply_plan``: it creates the indicators and sites
    chosen, adds the sites to the indicators they are given for, writes every value
    (existing values of the same indicator, period and site are replaced) and, with
    ``save_mappings``, remembers the names the user confirmed.
    Otherwise UserError listing every problem (up to 50), and nothing is written. The
    caller's transaction makes it all or nothing."""
    check = check_file(session, table, mapping, choices, preview_rows=0, progress=progress)
    if not check.ready:
        raise UserError(refusal(check))
    return apply_plan(
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
    return plan_report(session, check.plan, ignored=check.ignored)


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
