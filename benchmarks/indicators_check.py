"""How long the full problem report of a spreadsheet with its own names takes.

A 10,000-line CSV file (Windows-1252, semicolons, decimal commas) gives values of the
demo's catalogue under 30 distinct names it does not know (« Taux d'appels aboutis n° 7 »,
« Fréquentation du PAN n° 3 »…) on the demo's sites, some under their town's name
(« Langres »). The time measured is what the window and ``clu-desktop import indicators``
do before asking anything: read the file, check every line, group the problems, suggest
catalogue entries for each unknown name, and word the report (target: under 1 s).
Prints the median of several rounds. A benchmark, not a timed test.

    python benchmarks/indicators_check.py [FOLDER]   # the database and file go in FOLDER
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from clu_desktop.services.indicators.files import (
    check_file,
    guess_mapping,
    read_table,
    summary,
)
from clu_desktop.services.meetings.files import load_demo
from clu_desktop.store.migrate import open_database

LINES = 10_000
NAMES = (
    "Taux d'appels aboutis",
    "Taux de décroché",
    "Délai de délivrance CNI et passeports",
    "Fréquentation du PAN",
    "Réclamations traitées en 10 jours",
    "Satisfaction usagers",
)
SITES = ("", "Préfecture de la Haute-Marne", "Langres", "Saint-Dizier")
DISTINCT = 30
TARGET_S = 1.0
ROUNDS = 7


def write_file(path: Path) -> None:
    lines = ["Indicateur;Mois;Site;Valeur;Commentaire"]
    for n in range(LINES):
        name = f"{NAMES[n % len(NAMES)]} n° {n % DISTINCT // len(NAMES) + 1}"
        year, month = 1990 + n // 400 % 200, n % 12 + 1
        value = f"{(n * 37) % 1000 / 10:.1f}".replace(".", ",") + " %"
        lines.append(f"{name};{month:02d}/{year};{SITES[n % len(SITES)]};{value};")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def main(folder: Path) -> int:
    db = open_database(folder / "clu.sqlite")
    with db.transaction() as session:
        load_demo(session)
    path = folder / "valeurs-services.csv"
    write_file(path)
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        table = read_table(path)
        with db.reading() as session:
            check = check_file(session, table, guess_mapping(table.headers))
        report = summary(check)
        times.append(time.perf_counter() - began)
    names = len(check.unknown_indicators) + len(check.unknown_sites)
    median = statistics.median(times)
    print(f"{check.rows} lignes, {names} noms inconnus, {check.problem_count} problèmes")
    print(report.splitlines()[1][:160] + " …")
    print(
        f"rapport complet (lecture + vérification + suggestions) : médiane {median:.3f} s "
        f"sur {ROUNDS} essais (min {min(times):.3f} s, max {max(times):.3f} s) ; "
        f"cible < {TARGET_S:.0f} s : {'atteinte' if median < TARGET_S else 'MANQUÉE'}"
    )
    db.dispose()
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(main(Path(sys.argv[1])))
    with tempfile.TemporaryDirectory() as temporary:
        sys.exit(main(Path(temporary)))
