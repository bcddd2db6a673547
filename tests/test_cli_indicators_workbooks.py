"""``clu-desktop import indicators`` with workbooks: an .ods and an .xls made by
LibreOffice, the sheet chosen with --sheet, and a wide table read as rows (and said so)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from clu_desktop.cli import main
from clu_desktop.domain import IndicatorValue
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values

DATA = Path(__file__).parent / "data" / "indicators"
# The command line on both back ends, as the services are tested (tests/conftest.py).
pytestmark = pytest.mark.parametrize("db_engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def cli(demo_db, capsys):
    """Runs the command line on the demo database: (exit code, stdout, stderr)."""
    with demo_db.transaction() as s:
        quarterly = indicators_catalogue.add_indicator(
            s, "TEL-TRIM", "taux d'appels décrochés par trimestre"
        )
        indicators_catalogue.update_indicator(s, quarterly, "periodicity", "quarter")
        indicators_catalogue.update_indicator(s, quarterly, "unit", "%")
        monthly = indicators_catalogue.add_indicator(s, "ACCUEIL-MOIS", "usagers reçus à l'accueil")
        indicators_catalogue.update_indicator(s, monthly, "periodicity", "month")
        indicators_catalogue.update_indicator(s, monthly, "unit", "nombre")
    target = demo_db.url.render_as_string(hide_password=False)

    def run(*argv):
        capsys.readouterr()
        try:
            code = main(["import", "indicators", *map(str, argv), "--db", target])
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _count(db):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(IndicatorValue))


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_libreoffice_workbooks_on_the_command_line(cli, demo_db, suffix):
    code, out, err = cli(DATA / f"valeurs.{suffix}")
    assert (code, err) == (0, "")
    assert out == "7 valeurs importées (6 ajoutées, 1 mise à jour).\n"


def _classeur(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Lisez-moi"
    workbook.active["A1"] = "Chiffres transmis par le bureau des titres"
    wide = workbook.create_sheet("Par année")
    wide.append(["Indicateur", "2021", "2022", "2023"])
    wide.append(["TITRES-DELAI", 15, 14, 12])
    wide.append(["SATISFACTION", 88, None, 93.5])
    workbook.save(path)
    return path


def test_the_sheet_is_chosen_and_a_wide_table_read_as_rows(cli, demo_db, tmp_path):
    path = _classeur(tmp_path / "classeur.xlsx")
    before = _count(demo_db)
    code, out, err = cli(path)  # the first sheet holds a sentence, not a table
    assert code == 2 and "Rien n'a été importé." in err
    assert _count(demo_db) == before

    code, out, err = cli(path, "--sheet", "Par année")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Tableau large reconnu : une colonne par période (2021, 2022, 2023), lu en lignes.",
        "5 valeurs importées (4 ajoutées, 1 mise à jour).",
    ]
    with demo_db.reading() as s:
        row = next(r for r in indicators_catalogue.list_indicators(s) if r.code == "SATISFACTION")
        assert indicators_values.value_grid(s, row.id).cells[("2023", None)].value == 93.5


def test_an_unknown_sheet_is_refused_with_the_sheets_there_are(cli, demo_db, tmp_path):
    code, _out, err = cli(_classeur(tmp_path / "classeur.xlsx"), "--sheet", "Budget")
    assert code == 2
    assert "n'a pas de feuille « Budget » : choisissez parmi « Lisez-moi », « Par année »" in err


def test_a_wide_table_problem_names_its_line(cli, demo_db, tmp_path):
    path = tmp_path / "large.csv"
    path.write_text("indicateur;2022;2023\nSATISFACTION;90;cent\n", "utf-8")
    before = _count(demo_db)
    code, out, err = cli(path)
    assert code == 2
    assert out.startswith("Tableau large reconnu : une colonne par période (2022, 2023)")
    assert "Ligne 2" in err and "« cent »" in err
    assert _count(demo_db) == before
