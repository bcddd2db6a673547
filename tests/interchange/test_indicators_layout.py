"""Wide tables (one column per period, or per site) recognised and read as the long rows
the import reads, each value keeping its line and its column in the file."""

from __future__ import annotations

import openpyxl
import pytest

from clu_desktop.errors import UserError
from clu_desktop.interchange import indicators_layout as layouts
from clu_desktop.interchange.indicators_layout import (
    LONG,
    PERIODS,
    SITES,
    cell_reference,
    guess_layout,
    long_table,
    read_for_import,
)
from clu_desktop.interchange.indicators_table import Table, read_table
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values
from clu_desktop.services.indicators.files import guess_mapping, import_values

LANGRES = "Sous-préfecture de Langres"
PREFECTURE = "Préfecture de la Haute-Marne"


def _table(headers, *rows, first_row=2):
    return Table(tuple(headers), tuple(tuple(r) for r in rows), "csv", "t.csv", first_row)


def test_one_column_per_period():
    table = _table(
        ["Indicateur", "2021", "2022", "2023", "Observations"],
        ["SATISFACTION", "90", "", "93,5 %", "enquête"],
        [],
        ["TITRES-DELAI", "15", "14", "12"],
    )
    layout = guess_layout(table)
    assert layout.kind == PERIODS
    assert layout.spread == ((1, "2021"), (2, "2022"), (3, "2023"))
    assert layout.describe() == (
        "Tableau large reconnu : une colonne par période (2021, 2022, 2023), lu en lignes. "
        "Colonnes laissées de côté : Observations."
    )
    long = long_table(table, layout)
    assert long.headers == ("indicateur", "période", "site", "valeur")
    assert long.rows == (
        ("SATISFACTION", "2021", "", "90"),  # 2022 is empty: no value, no problem
        ("SATISFACTION", "2023", "", "93,5 %"),
        ("TITRES-DELAI", "2021", "", "15"),
        ("TITRES-DELAI", "2022", "", "14"),
        ("TITRES-DELAI", "2023", "", "12"),
    )
    assert [long.row_number(i) for i in range(5)] == [2, 2, 4, 4, 4]
    assert long.column_name(1, 3) == "2023"  # the value of the second row: column « 2023 »
    assert long.column_name(1, 0) == "Indicateur"
    assert cell_reference(long, 1, 3) == "D2"
    assert cell_reference(long, 4, 3) == "D4"
    assert cell_reference(long, 4, 2) == ""  # no site column


def test_one_column_per_period_written_as_people_write_them():
    headers = ["indicateur", "site", "T1 2023", "2e trimestre 2023", "janv. 2024", "2 025"]
    layout = guess_layout(_table(headers, ["X", "Langres", "1", "2", "3", "4"]))
    assert (layout.kind, layout.site, [c for c, _ in layout.spread]) == (PERIODS, 1, [2, 3, 4, 5])


def test_one_column_per_site():
    table = _table(
        ["indicateur", "période", "Préfecture", "Langres", "Saint-Dizier", "Ensemble"],
        ["PAN-USAGE", "2023", "1 310", "452", "", "1 900"],
    )
    layout = guess_layout(table)
    assert layout.kind == SITES
    assert layout.describe().startswith(
        "Tableau large reconnu : une colonne par site (Préfecture, Langres, Saint-Dizier, "
    )
    long = long_table(table, layout)
    assert long.rows == (
        ("PAN-USAGE", "2023", "Préfecture", "1 310"),
        ("PAN-USAGE", "2023", "Langres", "452"),
        ("PAN-USAGE", "2023", "", "1 900"),  # « Ensemble »: all sites together
    )
    assert long.column_name(1, 3) == "Langres"
    assert long.column_name(1, 2) == "Langres"
    assert cell_reference(long, 1, 3) == "D2"


@pytest.mark.parametrize(
    "headers",
    [
        ["indicateur", "période", "site", "valeur", "commentaire"],
        ["indicateur", "période", "valeur"],
        ["code", "annee", "Site de Chaumont", "valeur"],
        ["indicateur", "période", "Total"],  # a single other column: a value, not a site
        ["indicateur", "2023"],  # a single period
    ],
)
def test_long_tables_stay_long(headers):
    table = _table(headers, ["X"] * len(headers))
    layout = guess_layout(table)
    assert layout.kind == LONG
    assert long_table(table, layout) is table
    assert layout.describe() == "Tableau en lignes : une valeur par ligne."


def test_a_wide_table_that_spreads_too_many_values_is_refused(monkeypatch):
    monkeypatch.setattr(layouts, "MAX_ROWS", 5)
    table = _table(["indicateur", "2021", "2022"], *[["X", "1", "2"]] * 3)
    with pytest.raises(UserError, match="donne plus de 5 valeurs une fois lu en lignes"):
        long_table(table, guess_layout(table))


@pytest.fixture
def catalogue(demo_db):
    with demo_db.transaction() as s:
        quarterly = indicators_catalogue.add_indicator(
            s, "TEL-TRIM", "taux d'appels décrochés par trimestre"
        )
        indicators_catalogue.update_indicator(s, quarterly, "periodicity", "quarter")
        indicators_catalogue.update_indicator(s, quarterly, "unit", "%")
    return demo_db


def _import(db, table):
    with db.transaction() as s:
        return import_values(s, table, guess_mapping(table.headers))


def test_a_wide_workbook_is_imported_and_a_problem_names_its_line(catalogue, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Indicateur", "T1 2023", "T2 2023", "T3 2023"])
    sheet.append(["TEL-TRIM", 0.9, 0.92, None])
    for cell in ("B2", "C2"):
        sheet[cell].number_format = "0%"
    sheet.append(["SATISFACTION", None, None, None])
    path = tmp_path / "large.xlsx"
    workbook.save(path)
    table, layout = read_for_import(path)
    assert layout.kind == PERIODS
    report = _import(catalogue, table)
    assert report.rows == 2
    with catalogue.reading() as s:
        row = next(r for r in indicators_catalogue.list_indicators(s) if r.code == "TEL-TRIM")
        cells = indicators_values.value_grid(s, row.id).cells
    assert cells[("2023-T1", None)].value == 90
    assert cells[("2023-T2", None)].value == 92

    sheet["D3"] = "beaucoup"  # SATISFACTION is yearly: its T3 2023 does not fit
    sheet["D2"] = 120
    workbook.save(path)
    table, _ = read_for_import(path)
    with pytest.raises(UserError, match=r"Ligne [23]"):
        _import(catalogue, table)


def test_read_for_import_keeps_a_long_table(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("indicateur;période;valeur\nSATISFACTION;2023;90\n", "utf-8")
    table, layout = read_for_import(path)
    assert layout.kind == LONG
    assert table == read_table(path)


def test_a_problem_in_a_wide_table_names_the_period_column(catalogue):
    table = _table(
        ["indicateur", "2021", "2022", "2023"],
        ["SATISFACTION", "90", "", "cent"],
        ["TITRES-DELAI", "15", "-3", "12"],
    )
    with pytest.raises(UserError) as refused:
        _import(catalogue, long_table(table, guess_layout(table)))
    message = str(refused.value)
    assert "Ligne 2, colonne « 2023 » : valeur illisible : « cent »" in message
    assert "Ligne 3, colonne « 2022 »" in message
