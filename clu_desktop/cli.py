"""The command line: the window by default, and headless commands for files and scripts.

Nothing here imports Qt: only the window's own start does, and only when it is opened.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from clu_desktop.errors import EXIT_USER_ERROR, UserError
from clu_desktop.terminal import safe_output

if TYPE_CHECKING:
    import argparse

EXIT_DAMAGED = 1  # clu-desktop check: the database is damaged


def build_parser():
    """The whole command line's parser (``clu_desktop/cli_parser.py``)."""
    from clu_desktop.cli_parser import build_parser

    return build_parser()


def window_arguments(argv: Sequence[str]) -> SimpleNamespace | None:
    """The window's own command line (nothing, or ``--db PATH``) read without building
    the parser of every command: the window's start does not wait for argparse. None
    for anything else."""
    argv = list(argv)
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        argv = ["--db", argv[0][5:]]
    if argv == [] or (len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-")):
        return SimpleNamespace(command=None, selftest=False, db=argv[1] if argv else None)
    return None


def _open(args, *, writing: bool = False, create: bool | None = None):
    """The database of ``--db``. The window and the commands that write pass
    ``writing=True``: one such instance per SQLite file, a second is refused with the
    first one's user, computer and process (store/instance_lock.py); and the day's backup
    of a SQLite file that already existed is made if it is not yet. Reading commands
    (list, export) may run beside an open window: SQLite's WAL mode lets them read the
    last committed state while the window writes. They never create a database: a path
    that does not exist (a typo, a deleted file) is refused, nothing made; a writing
    command that makes a new one says so (``create=False``: one that writes only into an
    existing base, such as ``erase``, does not make it either)."""
    from clu_desktop.store.database import resolve_url, sqlite_path
    from clu_desktop.store.migrate import open_database

    path = sqlite_path(resolve_url(args.db)) if writing else None
    existed = path is not None and path.is_file() and path.stat().st_size > 0
    db = open_database(args.db, exclusive=writing, create=writing if create is None else create)
    if db.created and getattr(args, "command", None) is not None:
        print(f"Nouvelle base créée : {db.description}.")
    if existed:
        from clu_desktop.store.backups import daily_backup

        try:
            daily_backup(path)
        except UserError as exc:
            print(f"Attention : la sauvegarde du jour n'a pas été faite. {exc}", file=sys.stderr)
    return db


def cmd_demo(args) -> int:
    from clu_desktop.services.meetings.files import load_demo

    db = _open(args, writing=True)
    with db.transaction() as session:
        meeting_id = load_demo(session, force=args.force)
    print(f"Séance de démonstration chargée (n° {meeting_id}) dans {db.description}.")
    return 0


def cmd_list(args) -> int:
    from clu_desktop.services.meetings.listing import list_meetings

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
    used = [
        option
        for option, value in (
            ("--map", args.map),
            ("--map-site", args.map_site),
            ("--create-missing", args.create_missing),
            ("--dry-run", args.dry_run),
            ("--save-mappings", args.save_mappings),
        )
        if value
    ]
    if used:
        raise UserError(
            f"{', '.join(used)} : ne sert qu'à l'import des indicateurs "
            "(clu-desktop import indicators FICHIER)."
        )
    from clu_desktop.services.meetings.files import import_file

    db = _open(args, writing=True)
    with db.transaction() as session:
        meeting_id = import_file(session, Path(args.file))
    print(f"Séance importée (n° {meeting_id}).")
    return 0


def cmd_import_indicators(args) -> int:
    from clu_desktop.cli_indicators import cmd_import_indicators

    return cmd_import_indicators(args, _open)


def cmd_export(args) -> int:
    if args.format in ("minutes", "agenda", "sign-in-sheet"):
        return cmd_export_pdf(args)
    if args.format == "attendance":
        return cmd_export_attendance(args)
    if args.format == "person":
        from clu_desktop.cli_personal import cmd_export_person

        return cmd_export_person(args, _open(args))
    from clu_desktop.services.meetings.files import export_file

    db = _open(args)
    with db.reading() as session:
        meeting_id = export_file(session, args.meeting, args.output)
    print(f"Séance n° {meeting_id} exportée dans {args.output}.")
    return 0


def cmd_export_pdf(args) -> int:
    from clu_desktop.services.documents.export import (
        export_agenda,
        export_minutes,
        export_sign_in_sheet,
        minutes_note,
    )
    from clu_desktop.services.documents.signature import signature_state
    from clu_desktop.services.meetings.listing import find_meeting_id

    export, what, written = {
        "minutes": (export_minutes, "Compte-rendu", "écrit"),
        "agenda": (export_agenda, "Convocation", "écrit"),
        "sign-in-sheet": (export_sign_in_sheet, "Feuille d'émargement", "écrite"),
    }[args.format]
    from clu_desktop.services.settings import letterhead_is_empty

    db = _open(args)
    with db.reading() as session:
        meeting_id = find_meeting_id(session, args.meeting)
        # Signed minutes: the PDF as signed (its letterhead is the one it was signed with).
        minutes = args.format == "minutes"
        note = minutes_note(session, meeting_id, sha256=True) if minutes else None
        copy = note is not None and signature_state(session, meeting_id).has_pdf
        if not copy and not args.without_letterhead and letterhead_is_empty(session):
            raise UserError(EMPTY_LETTERHEAD)
        path = export(session, meeting_id, args.output)
        undated = args.format == "agenda" and not convocation_date_of(session, meeting_id)
    print(f"{what} de la séance n° {meeting_id} {written} dans {path}.")
    if note:
        print(note)
    if undated:
        print(UNDATED_CONVOCATION)
    return 0


EMPTY_LETTERHEAD = (
    "L'en-tête des documents est vide (ni autorité ni service de la préfecture) : le "
    "document n'a pas été écrit. Renseignez l'en-tête dans la fenêtre (Fichier › Paramètres "
    "› « En-tête des documents »), ou ajoutez --sans-en-tete pour l'écrire sans en-tête."
)
UNDATED_CONVOCATION = (
    "Attention : la date de convocation n'est pas renseignée, la convocation n'est pas "
    "datée. Indiquez-la sur la page Séance (« Date de convocation »), puis exportez de nouveau."
)


def convocation_date_of(session, meeting_id: int):
    """The convocation date of a meeting, or None."""
    from clu_desktop.services.meetings.details import get_meeting_details

    return get_meeting_details(session, meeting_id).convocation_date


def cmd_export_attendance(args) -> int:
    from clu_desktop.services.attendance.export import export_attendance_csv
    from clu_desktop.services.meetings.listing import find_meeting_id

    db = _open(args)
    with db.reading() as session:
        meeting_id = find_meeting_id(session, args.meeting)
        path = export_attendance_csv(session, meeting_id, args.output)
    print(f"Liste de présence de la séance n° {meeting_id} écrite dans {path}.")
    return 0


def cmd_gui(args) -> int:
    """The window. Its frame shows before the database opens (SQLAlchemy, the models and
    the pages load behind it); a base that cannot be opened (held by another instance,
    on a network share, not a CLU Desktop base…) is then refused in a message box over
    the frame, and the exit code is 2."""
    from clu_desktop.app import run_gui
    from clu_desktop.store import location

    return run_gui(lambda: _open(args, writing=True), description=location.describe(args.db))


def cmd_screenshots(args) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db = _open(args, writing=True)
    from clu_desktop.app import create_application
    from clu_desktop.gui.screenshots import take_screenshots

    create_application()
    for path in take_screenshots(db, args.out, palette=getattr(args, "palette", "claire")):
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


def cmd_erase_person(args) -> int:
    from clu_desktop.cli_personal import cmd_erase

    return cmd_erase(args, _open(args, writing=True, create=False))


def cmd_backup(args) -> int:
    from clu_desktop.store.backups import backup_sqlite
    from clu_desktop.store.database import check_sqlite_file
    from clu_desktop.store.location import missing_database

    path = _sqlite_file(args, "backup")
    if not path.is_file():
        raise UserError(missing_database(path, args.db))
    check_sqlite_file(path)
    output = args.output.absolute()
    if output.exists() and output.samefile(path):
        raise UserError("La sauvegarde ne peut pas remplacer la base elle-même.")
    backup_sqlite(path, output)
    print(f"Base « {path} » sauvegardée dans « {output} ».")
    return 0


def cmd_restore(args) -> int:
    from clu_desktop.store import instance_lock
    from clu_desktop.store.checks import restore_database
    from clu_desktop.store.migrate import head_revision

    path = _sqlite_file(args, "restore")
    instance_lock.claim(path)  # refused, naming who, while a window holds the file
    restored = restore_database(args.file, path)
    print(f"Base « {path} » restaurée depuis « {args.file} ».")
    if restored.saved is not None:
        print(f"La base remplacée est gardée dans « {restored.saved} ».")
    if restored.revision != head_revision():
        print("Elle sera mise à jour à sa prochaine ouverture (une copie sera faite avant).")
    return 0


def cmd_check(args) -> int:
    from clu_desktop.store.backups import backups_dir
    from clu_desktop.store.checks import check_database

    path = _sqlite_file(args, "check")
    if not path.exists():
        from clu_desktop.store.location import missing_database

        raise UserError(missing_database(path, args.db))
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
    "erase": cmd_erase_person,
}


def main(argv: Sequence[str] | None = None) -> int:
    # Text from files (titles, names, file names) never reaches the terminal raw.
    with safe_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = window_arguments(argv) or build_parser().parse_args(argv)
    if args.selftest:
        from clu_desktop.selftest import run

        return run()
    # The files a command claims are another instance's once it is done. The lock module
    # is imported only if some lock may already be held (a test running many commands in
    # one process): the window's start must not wait for it.
    lock = sys.modules.get("clu_desktop.store.instance_lock")
    held_before = lock.held_keys() if lock is not None else frozenset()
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as exc:  # a write the system refused (full disk, read only, gone)
        from clu_desktop.files import os_error_message

        print(f"Erreur : {os_error_message(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    finally:
        lock = sys.modules.get("clu_desktop.store.instance_lock")
        if lock is not None:
            lock.release_all_but(held_before)
