"""The command line: the window by default, and headless commands for files and scripts.

Nothing here imports Qt: only the window's own start does, and only when it is opened.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from clu_desktop import __version__, cli_personal
from clu_desktop.errors import UserError

EXIT_USER_ERROR = 2
EXIT_DAMAGED = 1  # clu-desktop check: the database is damaged


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog} : erreur : {message}\n")


def _db_option(parser: argparse.ArgumentParser, default=None) -> None:
    parser.add_argument(
        "--db",
        metavar="CHEMIN",
        default=default,
        help="fichier de base de données ou adresse SQLAlchemy "
        "(par défaut : $CLU_DB, sinon le dossier de données de l'utilisateur)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="clu-desktop",
        description="CLU Desktop : le comité local des usagers, hors ligne.",
    )
    parser.add_argument("--version", action="version", version=f"CLU Desktop {__version__}")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="vérifier l'installation (base, fenêtre, documents) dans un dossier "
        "temporaire, sans toucher à vos données ; code 0 si tout va bien, 1 sinon",
    )
    _db_option(parser)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser
    )

    demo = commands.add_parser(
        "demo", help="charger la séance de démonstration (CLU du 20/12/2023)"
    )
    _db_option(demo, argparse.SUPPRESS)
    demo.add_argument("--force", action="store_true", help="même si la base contient des séances")

    listing = commands.add_parser("list", help="lister les séances")
    _db_option(listing, argparse.SUPPRESS)

    importing = commands.add_parser(
        "import",
        help="importer une séance (FICHIER.json) ou des valeurs d'indicateurs "
        "(indicators FICHIER.csv|.xlsx)",
        usage="%(prog)s [-h] [--db CHEMIN] (FICHIER.json | indicators FICHIER)",
    )
    _db_option(importing, argparse.SUPPRESS)
    importing.add_argument(
        "file",
        metavar="FICHIER.json | indicators",
        help="une séance (fichier JSON), ou le mot « indicators » suivi d'un tableur",
    )
    importing.add_argument(
        "table",
        nargs="?",
        type=Path,
        metavar="FICHIER",
        help="après « indicators » : valeurs d'indicateurs (CSV ou .xlsx, "
        "voir docs/indicators-import.md)",
    )

    export = commands.add_parser("export", help="exporter une séance")
    formats = export.add_subparsers(
        dest="format", metavar="FORMAT", required=True, parser_class=FrenchArgumentParser
    )
    as_json = formats.add_parser("json", help="la séance complète au format JSON")
    _db_option(as_json, argparse.SUPPRESS)
    as_json.add_argument("--meeting", default="latest", metavar="ID|latest")
    as_json.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.json")
    for name, help_text in (
        ("minutes", "le compte-rendu imprimable (PDF), avec ses annexes"),
        ("agenda", "la convocation avec l'ordre du jour (PDF)"),
        ("sign-in-sheet", "la feuille d'émargement à signer en séance (PDF)"),
    ):
        as_pdf = formats.add_parser(name, help=help_text)
        _db_option(as_pdf, argparse.SUPPRESS)
        as_pdf.add_argument("--meeting", default="latest", metavar="ID|latest")
        as_pdf.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.pdf")

    attendance = formats.add_parser(
        "attendance", help="la liste de présence (CSV pour un tableur, séparateur « ; »)"
    )
    _db_option(attendance, argparse.SUPPRESS)
    attendance.add_argument("--meeting", default="latest", metavar="ID|latest")
    attendance.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.csv")

    backup = commands.add_parser(
        "backup", help="copier la base dans un fichier, même pendant qu'elle est utilisée"
    )
    _db_option(backup, argparse.SUPPRESS)
    backup.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER")

    restore = commands.add_parser(
        "restore",
        help="remplacer la base par une sauvegarde (l'actuelle est gardée dans les sauvegardes)",
    )
    _db_option(restore, argparse.SUPPRESS)
    restore.add_argument("file", type=Path, metavar="FICHIER")

    check = commands.add_parser(
        "check", help="vérifier l'intégrité de la base et ses références (code 1 si endommagée)"
    )
    _db_option(check, argparse.SUPPRESS)
    cli_personal.add_export_parser(formats, _db_option)
    cli_personal.add_erase_parser(commands, _db_option, FrenchArgumentParser)

    shots = commands.add_parser(
        "screenshots", help="enregistrer chaque écran de la dernière séance en PNG"
    )
    _db_option(shots, argparse.SUPPRESS)
    shots.add_argument("--out", type=Path, required=True, metavar="DOSSIER")
    return parser


def _open(args, *, writing: bool = False):
    """The database of ``--db``. The window and the commands that write pass
    ``writing=True``: one such instance per SQLite file, a second is refused with the
    first one's user, computer and process (store/instance_lock.py); and the day's backup
    of a SQLite file that already existed is made if it is not yet. Reading commands
    (list, export) may run beside an open window: SQLite's WAL mode lets them read the
    last committed state while the window writes."""
    from clu_desktop.store.database import resolve_url, sqlite_path
    from clu_desktop.store.migrate import open_database

    path = sqlite_path(resolve_url(args.db)) if writing else None
    existed = path is not None and path.is_file() and path.stat().st_size > 0
    db = open_database(args.db, exclusive=writing)
    if existed:
        from clu_desktop.store.backups import daily_backup

        try:
            daily_backup(path)
        except UserError as exc:
            print(f"Attention : la sauvegarde du jour n'a pas été faite. {exc}", file=sys.stderr)
    return db


def cmd_demo(args) -> int:
    from clu_desktop.services.meeting_files import load_demo

    db = _open(args, writing=True)
    with db.transaction() as session:
        meeting_id = load_demo(session, force=args.force)
    print(f"Séance de démonstration chargée (n° {meeting_id}) dans {db.description}.")
    return 0


def cmd_list(args) -> int:
    from clu_desktop.services.meetings import list_meetings

    db = _open(args)
    with db.reading() as session:
        meetings = list_meetings(session)
    if not meetings:
        print("Aucune séance.")
    for m in meetings:
        print(f"{m.id}\t{m.date:%d/%m/%Y}\t{m.committee}\t{m.title}\t{m.status_label}")
    return 0


def cmd_import(args) -> int:
    if args.file == "indicators" and (args.table is not None or not Path(args.file).is_file()):
        return cmd_import_indicators(args)
    if args.table is not None:
        raise UserError(
            f"Un seul fichier de séance à la fois ; pour des valeurs d'indicateurs : "
            f"clu-desktop import indicators {args.table}"
        )
    from clu_desktop.services.meeting_files import import_file

    db = _open(args, writing=True)
    with db.transaction() as session:
        meeting_id = import_file(session, Path(args.file))
    print(f"Séance importée (n° {meeting_id}).")
    return 0


def _agreed(count: int, word: str) -> str:
    """ "1 ajoutée", "3 ajoutées" (French: 0 and 1 are singular)."""
    return f"{count} {word}{'s' if count > 1 else ''}"


def cmd_import_indicators(args) -> int:
    if args.table is None:
        raise UserError(
            "Indiquez le fichier des valeurs : clu-desktop import indicators FICHIER.csv"
        )
    from clu_desktop.interchange.indicators_import import import_file

    db = _open(args, writing=True)
    try:
        with db.transaction() as session:
            report = import_file(session, args.table)
    except UserError as exc:
        raise UserError(f"{exc}\nRien n'a été importé.") from exc
    updated = "mise à jour" if report.updated < 2 else "mises à jour"
    print(
        f"{_agreed(report.rows, 'valeur')} {'importées' if report.rows > 1 else 'importée'} "
        f"({_agreed(report.added, 'ajoutée')}, {report.updated} {updated})."
    )
    return 0


def cmd_export(args) -> int:
    if args.format in ("minutes", "agenda", "sign-in-sheet"):
        return cmd_export_pdf(args)
    if args.format == "attendance":
        return cmd_export_attendance(args)
    if args.format == "person":
        return cli_personal.cmd_export_person(args, _open(args))
    from clu_desktop.services.meeting_files import export_file

    db = _open(args)
    with db.reading() as session:
        meeting_id = export_file(session, args.meeting, args.output)
    print(f"Séance n° {meeting_id} exportée dans {args.output}.")
    return 0


def cmd_export_pdf(args) -> int:
    from clu_desktop.services.document_export import (
        export_agenda,
        export_minutes,
        export_sign_in_sheet,
    )
    from clu_desktop.services.meetings import find_meeting_id

    export, what, written = {
        "minutes": (export_minutes, "Compte-rendu", "écrit"),
        "agenda": (export_agenda, "Convocation", "écrit"),
        "sign-in-sheet": (export_sign_in_sheet, "Feuille d'émargement", "écrite"),
    }[args.format]
    db = _open(args)
    with db.reading() as session:
        meeting_id = find_meeting_id(session, args.meeting)
        path = export(session, meeting_id, args.output)
    print(f"{what} de la séance n° {meeting_id} {written} dans {path}.")
    return 0


def cmd_export_attendance(args) -> int:
    from clu_desktop.services.attendance_export import export_attendance_csv
    from clu_desktop.services.meetings import find_meeting_id

    db = _open(args)
    with db.reading() as session:
        meeting_id = find_meeting_id(session, args.meeting)
        path = export_attendance_csv(session, meeting_id, args.output)
    print(f"Liste de présence de la séance n° {meeting_id} écrite dans {path}.")
    return 0


def cmd_gui(args) -> int:
    try:
        db = _open(args, writing=True)
    except UserError as exc:
        from clu_desktop.app import show_startup_error

        show_startup_error(str(exc))  # started from an icon, nobody reads stderr
        raise
    from clu_desktop.app import run_gui

    return run_gui(db)


def cmd_screenshots(args) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db = _open(args, writing=True)
    from clu_desktop.app import create_application
    from clu_desktop.gui.screenshots import take_screenshots

    create_application()
    for path in take_screenshots(db, args.out):
        print(path)
    return 0


def _sqlite_file(args, command: str) -> Path:
    from clu_desktop.store.database import resolve_url, sqlite_path

    path = sqlite_path(resolve_url(args.db))
    if path is None:
        raise UserError(
            f"« clu-desktop {command} » s'applique à une base dans un fichier SQLite. "
            "Pour une base PostgreSQL, utilisez pg_dump (et pg_restore)."
        )
    return path


def cmd_backup(args) -> int:
    from clu_desktop.store.backups import backup_sqlite
    from clu_desktop.store.database import check_sqlite_file

    path = _sqlite_file(args, "backup")
    if not path.is_file():
        raise UserError(f"La base « {path} » n'existe pas : rien à sauvegarder.")
    check_sqlite_file(path)
    output = args.output.absolute()
    if output.exists() and output.samefile(path):
        raise UserError("La sauvegarde ne peut pas remplacer la base elle-même.")
    backup_sqlite(path, output)
    print(f"Base « {path} » sauvegardée dans « {output} ».")
    return 0


def cmd_restore(args) -> int:
    from clu_desktop.store import instance_lock
    from clu_desktop.store.checks import check_database, restore_database
    from clu_desktop.store.migrate import head_revision

    path = _sqlite_file(args, "restore")
    instance_lock.claim(path)  # refused, naming who, while a window holds the file
    saved = restore_database(args.file, path)
    print(f"Base « {path} » restaurée depuis « {args.file} ».")
    if saved is not None:
        print(f"La base remplacée est gardée dans « {saved} ».")
    if check_database(path).revision != head_revision():
        print("Elle sera mise à jour à sa prochaine ouverture (une copie sera faite avant).")
    return 0


def cmd_check(args) -> int:
    from clu_desktop.store.backups import backups_dir
    from clu_desktop.store.checks import check_database

    path = _sqlite_file(args, "check")
    report = check_database(path)
    if report.sound:
        schema = f", schéma {report.revision}" if report.revision else ""
        print(f"Base « {path} » : aucun problème (intégrité et références vérifiées{schema}).")
        return 0
    count = len(report.problems)
    print(f"Base « {path} » : ENDOMMAGÉE ({count} problème{'s' if count > 1 else ''}) :")
    for problem in report.problems:
        print(f"  - {problem}")
    print(
        "Ne l'utilisez plus : restaurez une sauvegarde avec « clu-desktop restore FICHIER » "
        f"(sauvegardes dans « {backups_dir()} »)."
    )
    return EXIT_DAMAGED


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui,
    "demo": cmd_demo,
    "list": cmd_list,
    "import": cmd_import,
    "export": cmd_export,
    "screenshots": cmd_screenshots,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
    "erase": lambda args: cli_personal.cmd_erase(args, _open(args, writing=True)),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.selftest:
        from clu_desktop.selftest import run

        return run()
    from clu_desktop.store.instance_lock import released_after

    try:
        with released_after():  # the database is another instance's once this one is done
            return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
