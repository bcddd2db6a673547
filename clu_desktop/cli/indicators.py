"""``clu-desktop import indicators FICHIER``: indicator values from a spreadsheet.

The same functions as the window's import (``services.indicators.files``): the names
remembered are applied silently; a name still unknown stops everything with every
problem listed, each unknown name with its closest catalogue entries, and exit code 2,
nothing written. ``--map``/``--map-site`` say what a name means, ``--save-mappings``
remembers them, ``--create-missing`` creates what is still unknown, ``--dry-run`` says
what would be written and writes nothing. No Qt here.
"""

from __future__ import annotations

import sys

from clu_desktop.errors import UserError

HINT = (
    'Indiquez ce que désigne chaque nom inconnu : --map "nom du fichier=CODE" pour un '
    'indicateur, --map-site "nom du fichier=nom du site" (ou « Ensemble ») pour un site, '
    "« =ignorer » pour laisser ses lignes de côté ; ajoutez --save-mappings pour que le "
    "prochain fichier soit reconnu, ou --create-missing pour créer ce qui manque."
)


def _agreed(count: int, word: str) -> str:
    """ "1 ajoutée", "3 ajoutées" (French: 0 and 1 are singular)."""
    return f"{count} {word}{'s' if count > 1 else ''}"


def report_lines(report, *, dry_run: bool) -> list[str]:
    """The French report of an import (or of what it would do)."""
    updated = "mise à jour" if report.updated < 2 else "mises à jour"
    verb = (
        ("serait importée" if report.rows < 2 else "seraient importées")
        if dry_run
        else ("importée" if report.rows < 2 else "importées")
    )
    lines = [
        f"{_agreed(report.rows, 'valeur')} {verb} "
        f"({_agreed(report.added, 'ajoutée')}, {report.updated} {updated})."
    ]
    would = "à créer" if dry_run else "créé"
    if report.created_indicators:
        s = "s" if len(report.created_indicators) > 1 else ""
        lines.append(
            f"Indicateur{s} {would}{s if not dry_run else ''} (catégorie « À classer » sauf "
            f"choix contraire) : {', '.join(report.created_indicators)}."
        )
    if report.created_sites:
        s = "s" if len(report.created_sites) > 1 else ""
        names = ", ".join(report.created_sites)
        lines.append(f"Site{s} {would}{s if not dry_run else ''} : {names}.")
    for code, site in report.linked:
        verb = "serait désormais suivi" if dry_run else "est désormais suivi"
        lines.append(f"L'indicateur {code} {verb} sur le site « {site} ».")
    if report.ignored:
        e = "s" if report.ignored > 1 else ""
        lines.append(f"{_agreed(report.ignored, 'ligne')} laissée{e} de côté.")
    if report.saved_mappings:
        lines.append(
            f"{_agreed(report.saved_mappings, 'correspondance')} "
            f"enregistrée{'s' if report.saved_mappings > 1 else ''} pour les prochains fichiers."
        )
    if dry_run:
        lines.append("Essai (--dry-run) : rien n'a été écrit.")
    return lines


def _warn_unused(check, choices) -> None:
    """A --map or --map-site whose name the file does not hold (a typo?) is said."""
    from clu_desktop.rules.indicators import mapping_key

    used = {(c.kind, mapping_key(c.written)) for c in check.plan.confirmed}
    for kind, option, given in (
        ("indicator", "--map", choices.indicators),
        ("site", "--map-site", choices.sites),
    ):
        for written in given:
            if (kind, mapping_key(written)) not in used:
                column = "indicateur" if kind == "indicator" else "site"
                print(
                    f"Attention : {option} « {written} » : aucune ligne du fichier n'a ce nom "
                    f"dans la colonne « {column} » (vérifiez l'orthographe).",
                    file=sys.stderr,
                )


def cmd_import_indicators(args, open_database) -> int:
    if args.table is None:
        raise UserError(
            "Indiquez le fichier des valeurs : clu-desktop import indicators FICHIER.csv"
        )
    from clu_desktop.services.indicators import files as imp

    dry_run = args.dry_run
    if dry_run and args.save_mappings:
        raise UserError("--dry-run n'écrit rien : il ne peut pas enregistrer les correspondances.")
    table, layout = imp.read_for_import(args.table, args.sheet)  # a wide table read as rows
    if layout.is_wide:
        print(layout.describe())
    mapping = imp.guess_mapping(table.headers)
    db = open_database(args, writing=not dry_run)
    session_of = db.reading if dry_run else db.transaction
    try:
        with session_of() as session:
            choices = imp.choices_from_text(
                session,
                args.map or (),
                args.map_site or (),
                add_sites_to_indicators=args.create_missing,
            )
            check = imp.check_file(session, table, mapping, choices, preview_rows=0)
            if args.create_missing and (check.unknown_indicators or check.unknown_sites):
                choices = imp.with_missing_created(check, choices)
                check = imp.check_file(session, table, mapping, choices, preview_rows=0)
            _warn_unused(check, choices)
            if not check.ready:
                hint = f"\n{HINT}" if check.unknown_indicators or check.unknown_sites else ""
                raise UserError(f"{imp.summary(check)}{hint}")
            if dry_run:
                report = imp.planned_report(session, check)
            else:
                report = imp.import_values(
                    session, table, mapping, choices, save_mappings=args.save_mappings
                )
    except UserError as exc:
        raise UserError(f"{exc}\nRien n'a été importé.") from exc
    for name, label in check.remembered.items():
        print(f"« {name} » → {label} (correspondance enregistrée)")
    for line in report_lines(report, dry_run=dry_run):
        print(line)
    return 0
