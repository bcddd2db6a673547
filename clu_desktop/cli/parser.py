"""The command line's parser: every command, its options and its French help.

Built only for a command: the window's start (no argument, or ``--db PATH``) is read
without it (``cli.window_arguments``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clu_desktop import __version__
from clu_desktop.cli import personal, sending
from clu_desktop.errors import EXIT_USER_ERROR

# argparse's own texts (Python 3.11+), in French. argparse looks them up through the
# module-level gettext names ``argparse._`` and ``argparse.ngettext``; no French catalogue
# ships with Python, so these are put in their place (an unknown text stays as it is).
_FRENCH = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "commande inconnue %(parser_name)r (au choix : %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "not allowed with argument %s": "interdit avec l'argument %s",
    "ignored explicit argument %r": "valeur %r non attendue",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "unexpected option string: %s": "option inattendue : %s",
    "invalid %(type)s value: %(value)r": "valeur incorrecte : %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix inconnu : %(value)r (au choix : %(choices)s)"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}


def _french(message: str) -> str:
    return _FRENCH.get(message, message)


def _french_plural(singular: str, plural: str, count: int) -> str:
    return _french(singular if count == 1 else plural)


argparse._ = _french
argparse.ngettext = _french_plural


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USER_ERROR,
            f"{self.prog} : erreur : {message}\nPour l'aide : {self.prog} --help\n",
        )


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
        "(indicators FICHIER.csv|.xlsx|.ods|.xls)",
        usage="%(prog)s [-h] [--db CHEMIN] (FICHIER.json | indicators FICHIER [--sheet FEUILLE]"
        ' [--map "NOM=CODE"] [--map-site "NOM=SITE"] [--create-missing] [--save-mappings]'
        " [--dry-run])",
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
        help="après « indicators » : valeurs d'indicateurs (CSV, .xlsx, .ods ou .xls, "
        "voir docs/indicators-import.md)",
    )
    importing.add_argument(
        "--sheet",
        metavar="FEUILLE",
        help="la feuille du classeur à lire (par défaut : la première qui contient des données)",
    )
    naming = importing.add_argument_group(
        "indicateurs et sites nommés autrement dans le fichier",
        "Les correspondances enregistrées sont appliquées d'elles-mêmes ; un nom inconnu "
        "arrête l'import (code 2, rien d'écrit) avec les noms proches du catalogue.",
    )
    naming.add_argument(
        "--map",
        action="append",
        metavar='"NOM=CODE"',
        help="le nom d'indicateur du fichier désigne l'indicateur CODE (ou son nom exact ; "
        "« ignorer » : laisser ses lignes de côté) ; répétable",
    )
    naming.add_argument(
        "--map-site",
        action="append",
        metavar='"NOM=SITE"',
        help="le nom de site du fichier désigne le site SITE (ou « Ensemble » : valeurs "
        "de l'ensemble des sites ; « ignorer ») ; répétable",
    )
    naming.add_argument(
        "--create-missing",
        action="store_true",
        help="créer les indicateurs (catégorie « À classer ») et les sites encore "
        "inconnus, et ajouter à un indicateur un site pour lequel le fichier donne une valeur",
    )
    naming.add_argument(
        "--save-mappings",
        action="store_true",
        help="enregistrer les correspondances données pour les prochains fichiers",
    )
    naming.add_argument(
        "--dry-run",
        action="store_true",
        help="dire ce qui serait importé, sans rien écrire",
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
        (
            "minutes",
            "le compte-rendu imprimable (PDF), avec ses annexes, ou modifiable dans un "
            "traitement de texte (-o FICHIER.odt ou FICHIER.docx : l'extension choisit)",
        ),
        ("agenda", "la convocation avec l'ordre du jour (PDF)"),
        ("sign-in-sheet", "la feuille d'émargement à signer en séance (PDF)"),
    ):
        as_pdf = formats.add_parser(name, help=help_text)
        _db_option(as_pdf, argparse.SUPPRESS)
        as_pdf.add_argument("--meeting", default="latest", metavar="ID|latest")
        as_pdf.add_argument(
            "-o",
            "--output",
            type=Path,
            required=True,
            metavar="FICHIER.pdf|.odt|.docx" if name == "minutes" else "FICHIER.pdf",
        )
        as_pdf.add_argument(
            "--sans-en-tete",
            dest="without_letterhead",
            action="store_true",
            help="écrire le document même si l'en-tête des documents (autorité, service) "
            "n'est pas renseigné ; sans cette option, c'est refusé (code 2)",
        )
        if name == "minutes":
            as_pdf.add_argument(
                "--archive",
                action="store_true",
                help="le compte-rendu pour archivage : un PDF/A-2b (polices incluses, "
                "métadonnées, profil de couleurs) ; signé dans CLU Desktop, le PDF signé",
            )

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
    personal.add_export_parser(formats, _db_option)
    personal.add_erase_parser(commands, _db_option, FrenchArgumentParser)
    sending.add_send_parser(commands, _db_option, FrenchArgumentParser)

    shots = commands.add_parser(
        "screenshots", help="enregistrer chaque écran de la dernière séance en PNG"
    )
    _db_option(shots, argparse.SUPPRESS)
    shots.add_argument("--out", type=Path, required=True, metavar="DOSSIER")
    shots.add_argument(
        "--palette",
        choices=("claire", "sombre", "contraste"),
        default="claire",
        help="les couleurs des écrans : claires (par défaut), sombres ou contrastées",
    )
    return parser
