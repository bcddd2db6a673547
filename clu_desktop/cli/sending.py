"""``send convocation|minutes|cancellation``: the message drafts of a meeting's
convocation (with its calendar invitation), signed minutes, or the cancellation of its
invitation, written in a folder for the mail client to send."""

from __future__ import annotations

import argparse
from pathlib import Path

from clu_desktop.cli.database import open_db


def add_send_parser(commands, db_option, parser_class) -> None:
    send = commands.add_parser(
        "send",
        help="préparer les brouillons de message d'une convocation ou d'un compte-rendu",
        description="Écrit dans un dossier le document, l'invitation d'agenda (.ics, avec "
        "la convocation) et les brouillons de message (.eml) que la messagerie du poste "
        "ouvre prêts à envoyer. CLU Desktop n'envoie rien lui-même.",
    )
    documents = send.add_subparsers(
        dest="document", metavar="DOCUMENT", required=True, parser_class=parser_class
    )
    for name, help_text in (
        ("convocation", "la convocation (PDF) et l'invitation d'agenda (.ics)"),
        ("minutes", "le compte-rendu signé (PDF)"),
        (
            "cancellation",
            "l'annulation de l'invitation d'agenda (.ics, METHOD:CANCEL), avant de "
            "supprimer une séance prévue",
        ),
    ):
        parser = documents.add_parser(name, help=help_text)
        db_option(parser, argparse.SUPPRESS)
        parser.add_argument("--meeting", default="latest", metavar="ID|latest")
        parser.add_argument("-o", "--output", type=Path, required=True, metavar="DOSSIER")
        parser.add_argument(
            "--bcc",
            action="store_true",
            help="un seul message à tous, les adresses en copie cachée (Cci), au lieu d'un "
            "message par invité",
        )


def cmd_send(args) -> int:
    from clu_desktop.services.meetings.listing import find_meeting_id
    from clu_desktop.services.sending.drafts import write_drafts
    from clu_desktop.services.sending.templates import CANCELLATION, CONVOCATION, MINUTES

    kind = {"convocation": CONVOCATION, "minutes": MINUTES, "cancellation": CANCELLATION}[
        args.document
    ]
    db = open_db(args, writing=True)
    with db.transaction() as session:
        meeting_id = find_meeting_id(session, args.meeting)
        result = write_drafts(session, meeting_id, args.output, kind, bcc=args.bcc)
    for line in result.summary():
        print(line)
    return 0
