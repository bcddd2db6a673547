"""Database maintenance: ``backup``, ``restore`` and ``check`` of a SQLite file."""

from __future__ import annotations

from clu_desktop.cli.database import sqlite_file
from clu_desktop.errors import UserError

EXIT_DAMAGED = 1  # clu-desktop check: the database is damaged


def cmd_backup(args) -> int:
    from clu_desktop.store.backups import backup_sqlite
    from clu_desktop.store.database import check_sqlite_file
    from clu_desktop.store.location import missing_database

    path = sqlite_file(args, "backup")
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

    path = sqlite_file(args, "restore")
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

    path = sqlite_file(args, "check")
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
