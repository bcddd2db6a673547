"""Meetings and their files: ``demo``, ``list``, ``import`` (a meeting, or indicator
values through :mod:`clu_desktop.cli.indicators`) and ``export`` (JSON, PDF documents,
the attendance CSV, a person's data through :mod:`clu_desktop.cli.personal`)."""

from __future__ import annotations

from pathlib import Path

from clu_desktop.cli.database import open_db
from clu_desktop.errors import UserError


def cmd_demo(args) -> int:
    from clu_desktop.services.meetings.files import load_demo

    db = open_db(args, writing=True)
    with db.transaction() as session:
        meeting_id = load_demo(session, force=args.force)
    print(f"Séance de démonstration chargée (n° {meeting_id}) dans {db.description}.")
    return 0


def cmd_list(args) -> int:
    from clu_desktop.services.meetings.listing import list_meetings

    db = open_db(args)
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

    db = open_db(args, writing=True)
    with db.transaction() as session:
        meeting_id = import_file(session, Path(args.file))
    print(f"Séance importée (n° {meeting_id}).")
    return 0


def cmd_import_indicators(args) -> int:
    from clu_desktop.cli.indicators import cmd_import_indicators

    return cmd_import_indicators(args, open_db)


def cmd_export(args) -> int:
    if args.format in ("minutes", "agenda", "sign-in-sheet"):
        return cmd_export_pdf(args)
    if args.format == "attendance":
        return cmd_export_attendance(args)
    if args.format == "person":
        from clu_desktop.cli.personal import cmd_export_person

        return cmd_export_person(args, open_db(args))
    from clu_desktop.services.meetings.files import export_file

    db = open_db(args)
    with db.reading() as session:
        meeting_id = export_file(session, args.meeting, args.output)
    print(f"Séance n° {meeting_id} exportée dans {args.output}.")
    return 0


def cmd_export_pdf(args) -> int:
    from clu_desktop.services.documents.export import (
        check_archive_path,
        export_agenda,
        export_minutes_archive,
        export_minutes_as,
        export_sign_in_sheet,
        minutes_format,
        minutes_note,
    )
    from clu_desktop.services.documents.signature import signature_state
    from clu_desktop.services.meetings.listing import find_meeting_id

    export, what, written = {
        "minutes": (export_minutes_as, "Compte-rendu", "écrit"),
        "agenda": (export_agenda, "Convocation", "écrit"),
        "sign-in-sheet": (export_sign_in_sheet, "Feuille d'émargement", "écrite"),
    }[args.format]
    from clu_desktop.services.settings import letterhead_is_empty

    # The minutes' extension chooses their format (.pdf, .odt, .docx): refused before
    # anything is read.
    minutes = args.format == "minutes"
    editable = minutes and minutes_format(args.output) != ".pdf"
    if minutes and args.archive:
        check_archive_path(args.output)
        export, what = export_minutes_archive, "Compte-rendu pour archivage (PDF/A-2b)"
    db = open_db(args)
    with db.reading() as session:
        meeting_id = find_meeting_id(session, args.meeting)
        # Signed minutes: the PDF as signed (its letterhead is the one it was signed with);
        # an editable copy is made from the database.
        note = minutes_note(session, meeting_id, sha256=True) if minutes else None
        copy = not editable and note is not None and signature_state(session, meeting_id).has_pdf
        note = EDITABLE_COPY if editable and note else note
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


EDITABLE_COPY = (
    "Compte-rendu signé : ce fichier modifiable est reproduit depuis la base ; le "
    "compte-rendu qui fait foi reste celui qui a été signé."
)
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

    db = open_db(args)
    with db.reading() as session:
        meeting_id = find_meeting_id(session, args.meeting)
        path = export_attendance_csv(session, meeting_id, args.output)
    print(f"Liste de présence de la séance n° {meeting_id} écrite dans {path}.")
    return 0
