"""Command-line access to personal data: export a person's data, erase a person.

``clu-desktop export person --person ID -o FICHIER.json`` and
``clu-desktop erase person --person ID [--anonymise-signed] [--yes]``.
No Qt here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clu_desktop.errors import UserError


def _person_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"« {text[:40]} » n'est pas un numéro de personne (un entier, par exemple 12)"
        )
    return value


def _person_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--person",
        type=_person_id,
        required=True,
        metavar="ID",
        help="le numéro de la personne dans l'annuaire",
    )


def add_export_parser(formats, db_option) -> None:
    """``export person``: everything held about one person (right of access)."""
    parser = formats.add_parser(
        "person", help="toutes les données d'une personne (droit d'accès), en JSON"
    )
    db_option(parser, argparse.SUPPRESS)
    _person_option(parser)
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.json")


def add_erase_parser(commands, db_option, parser_class) -> None:
    """``erase person``: remove a person from the directory (right to erasure)."""
    erase = commands.add_parser("erase", help="effacer une personne (droit à l'effacement)")
    targets = erase.add_subparsers(
        dest="target", metavar="QUOI", required=True, parser_class=parser_class
    )
    parser = targets.add_parser(
        "person",
        help="effacer une personne de l'annuaire et des séances (définitif)",
        description="Les comptes-rendus signés gardent le nom tel qu'il a été imprimé, "
        "sauf avec --anonymise-signed.",
    )
    db_option(parser, argparse.SUPPRESS)
    _person_option(parser)
    parser.add_argument(
        "--anonymise-signed",
        action="store_true",
        help="remplacer aussi son nom dans les comptes-rendus signés par « Personne "
        "anonymisée » et refaire leur PDF signé sans son nom",
    )
    parser.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")


def cmd_export_person(args, db) -> int:
    from clu_desktop.services.personal.data import write_person_data

    with db.reading() as session:
        path = write_person_data(session, args.person, args.output)
    print(f"Données de la personne n° {args.person} écrites dans {path}.")
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise UserError(
            "Effacement non confirmé : ajoutez --yes pour effacer sans question "
            "(rien n'a été effacé)."
        )
    try:
        answer = input(f"{question} Tapez « oui » pour confirmer : ")
    except EOFError:
        return False
    return answer.strip().lower() == "oui"


def cmd_erase(args, db) -> int:
    from clu_desktop.services.directory.people import get_person
    from clu_desktop.services.personal.erasure import erase_person
    from clu_desktop.services.personal.names import shown_name

    with db.reading() as session:
        try:
            name = get_person(session, args.person).display_name
        except UserError as exc:
            raise UserError(f"Aucune personne n° {args.person} dans l'annuaire.") from exc
    signed = (
        "son nom y sera remplacé par « Personne anonymisée » et leur PDF signé refait"
        if args.anonymise_signed
        else "ils garderont son nom tel qu'il a été imprimé"
    )
    question = (
        f"Effacer définitivement {shown_name(name)} de l'annuaire et des séances ? "
        f"Comptes-rendus signés : {signed}."
    )
    if not args.yes and not _confirm(question):
        print("Effacement annulé : rien n'a été modifié.")
        return 1
    from clu_desktop.store.scrub import scrub_after_erasure

    with db.transaction() as session:
        report = erase_person(session, args.person, args.anonymise_signed)
    # Committed: now the file forgets the old text (free pages, -wal, search index).
    scrub = scrub_after_erasure(db, report.tables)
    print(report.message)
    if scrub.message:
        print(scrub.message)
    return 0


def cmd_erase_person(args) -> int:
    from clu_desktop.cli.database import open_db

    return cmd_erase(args, open_db(args, writing=True, create=False))
