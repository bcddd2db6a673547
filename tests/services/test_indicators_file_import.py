"""Importing indicator values from the spreadsheets users really have: CSV from Excel in
UTF-8 or Windows-1252 with ; , or tab, .xlsx workbooks, French numbers and periods; and
the files that must be refused without a traceback and without changing anything."""

from __future__ import annotations

import io
import os
import zipfile

import openpyxl
import pytest
from sqlalchemy import func, select

from clu_desktop.domain import IndicatorValue
from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_import import DEFAULT_COLUMNS
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values
from clu_desktop.services.indicators.files import (
    guess_mapping,
    import_file,
    import_values,
    preview,
    read_table,
)

HEADER = "indicateur;période;site;valeur;commentaire"
LANGRES = "Sous-préfecture de Langres"


@pytest.fixture
def catalogue(demo_db):
    """The demo, plus a quarterly and a monthly indicator."""
    with demo_db.transaction() as s:
        quarterly = indicators_catalogue.add_indicator(
            s, "TEL-TRIM", "taux d'appels décrochés par trimestre"
        )
        indicators_catalogue.update_indicator(s, quarterly, "periodicity", "quarter")
        indicators_catalogue.update_indicator(s, quarterly, "unit", "%")
        monthly = indicators_catalogue.add_indicator(s, "ACCUEIL-MOIS", "usagers reçus à l'accueil")
        indicators_catalogue.update_indicator(s, monthly, "periodicity", "month")
        indicators_catalogue.update_indicator(s, monthly, "unit", "nombre")
    return demo_db


def _count(db):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(IndicatorValue))


def _value(db, code, period, site=None):
    with db.reading() as s:
        row = next(r for r in indicators_catalogue.list_indicators(s) if r.code == code)
        grid = indicators_values.value_grid(s, row.id)
        site_id = None if site is None else next(x.id for x in grid.sites if x and x.name == site)
        return grid.cells.get((period, site_id))


def _import(db, path, mapping=None):
    with db.transaction() as s:
        table = read_table(path)
        return import_values(s, table, mapping or guess_mapping(table.headers))


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


LINES = [
    "SATISFACTION;2023;;93,5 %;enquête de novembre",
    "PAN-USAGE;2023;Préfecture de la Haute-Marne;1 310;",
    f"PAN-USAGE;2023;{LANGRES};452;",
    "TEL-TRIM;T3 2022;;12,5 %;",
    "ACCUEIL-MOIS;07/2022;;1 234;été",
    "TITRES-DELAI;2022;;12;remplace l'exemple",
]


def _check_imported(db):
    assert _value(db, "SATISFACTION", "2023").value == 93.5
    assert _value(db, "SATISFACTION", "2023").comment == "enquête de novembre"
    assert _value(db, "PAN-USAGE", "2023", LANGRES).value == 452
    assert _value(db, "PAN-USAGE", "2023", "Préfecture de la Haute-Marne").value == 1310
    assert _value(db, "TEL-TRIM", "2022-T3").value == 12.5
    assert _value(db, "ACCUEIL-MOIS", "2022-07").value == 1234
    replaced = _value(db, "TITRES-DELAI", "2022")
    assert (replaced.value, replaced.is_example) == (12.0, False)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ";"),
        ("utf-8-sig", ";"),
        ("cp1252", ";"),
        ("utf-8", ","),
        ("utf-8", "\t"),
        ("cp1252", "\t"),
    ],
)
def test_csv_encodings_and_separators(catalogue, tmp_path, encoding, delimiter):
    lines = [HEADER, *LINES]
    if delimiter != ";":  # quote the cells holding a comma, as Excel does
        lines = [
            delimiter.join(f'"{c}"' if "," in c else c for c in line.split(";")) for line in lines
        ]
    path = _write(tmp_path, "valeurs.csv", "\r\n".join(lines) + "\r\n", encoding)
    table = read_table(path)
    assert table.source_kind == "csv"
    assert table.headers == tuple(DEFAULT_COLUMNS)
    assert table.delimiter == delimiter
    before = _count(catalogue)
    report = _import(catalogue, path)
    assert (report.rows, report.added, report.updated) == (6, 5, 1)
    assert _count(catalogue) == before + 5
    _check_imported(catalogue)


def test_xlsx_written_by_a_spreadsheet(catalogue, tmp_path):
    import datetime as dt

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Indicateur", "Période", "Site", "Valeur", "Commentaire"])
    sheet.append(["SATISFACTION", 2023, None, 93.5, "enquête de novembre"])
    sheet.append(["PAN-USAGE", "2023", "Préfecture de la Haute-Marne", 1310, None])
    sheet.append(["PAN-USAGE", 2023, "sous-prefecture de langres", "452", None])
    sheet.append(["TEL-TRIM", "T3 2022", None, 0.125, None])
    sheet["D5"].number_format = "0.0%"  # shown as 12,5 % in Excel
    sheet.append(["ACCUEIL-MOIS", dt.datetime(2022, 7, 1), None, "1 234", "été"])
    sheet.append([])
    sheet.append(["TITRES-DELAI", 2022, None, 12, "remplace l'exemple"])
    path = tmp_path / "valeurs.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.source_kind == "xlsx"
    assert table.rows[3] == ("TEL-TRIM", "T3 2022", "", "12.5 %")
    assert table.rows[4][1] == "2022-07-01"
    report = _import(catalogue, path)
    assert (report.rows, report.added, report.updated) == (6, 5, 1)
    _check_imported(catalogue)


def test_reordered_and_renamed_columns_are_found(catalogue, tmp_path):
    text = "Valeur (%);Remarque;Année;Code\n93,5;très bien;2023;SATISFACTION\n"
    path = _write(tmp_path, "autre-ordre.csv", text)
    table = read_table(path)
    mapping = guess_mapping(table.headers)
    assert mapping == {
        "indicateur": 3,
        "période": 2,
        "site": None,
        "valeur": 0,
        "commentaire": 1,
        "source": None,
    }
    assert _import(catalogue, path, mapping).rows == 1
    assert _value(catalogue, "SATISFACTION", "2023").comment == "très bien"


def test_a_mapping_chosen_by_hand(catalogue, tmp_path):
    text = "a;b;c;d\n2023;x;95;SATISFACTION\n"
    path = _write(tmp_path, "colonnes.csv", text)
    table = read_table(path)
    assert guess_mapping(table.headers)["indicateur"] == 0  # default order
    mapping = {"indicateur": 3, "période": 0, "site": None, "valeur": 2, "commentaire": None}
    rows = preview(table, mapping)
    assert rows[0].row_number == 2 and rows[0].error is None
    assert (rows[0].parsed.period, rows[0].parsed.value) == ("2023", 95.0)
    assert _import(catalogue, path, mapping).rows == 1
    assert _value(catalogue, "SATISFACTION", "2023").value == 95.0
    with catalogue.transaction() as s, pytest.raises(UserError, match="même colonne"):
        import_values(s, table, {**mapping, "commentaire": 3})
    with catalogue.transaction() as s, pytest.raises(UserError, match="« valeur »"):
        import_values(s, table, {**mapping, "valeur": None})


def test_all_or_nothing_names_the_line_and_the_column(catalogue, tmp_path):
    good = [f"ACCUEIL-MOIS;2021-{m:02d};;{100 + m};" for m in range(1, 13)]
    lines = [HEADER, *good[:12]]
    lines.insert(13, "SATISFACTION;2023;;12,,5;")  # line 14 of the file
    path = _write(tmp_path, "valeurs.csv", "\n".join(lines) + "\n")
    before = _count(catalogue)
    with catalogue.transaction() as s, pytest.raises(UserError) as error:
        import_values(s, read_table(path), guess_mapping(read_table(path).headers))
    assert str(error.value) == "Ligne 14, colonne « valeur » : valeur illisible : « 12,,5 »"
    assert _count(catalogue) == before
    with catalogue.reading() as s:
        rows = preview(read_table(path), guess_mapping(read_table(path).headers), session=s)
    assert rows[-1].row_number == 14 and "illisible" in rows[-1].error
    assert all(r.error is None for r in rows[:-1])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("INCONNU;2023;;5;", "Ligne 2, colonne « indicateur » : indicateur inconnu : « INCONNU »"),
        ("PAN-USAGE;2023;Mairie de Chaumont;5;", "Ligne 2, colonne « site » : site inconnu"),
        ("SATISFACTION;2023;" + LANGRES + ";5;", "n'est pas suivi par site"),
        ("SATISFACTION;2023-T1;;5;", "Ligne 2, colonne « période » : la période « 2023-T1 »"),
        ("TEL-TRIM;2023;;5;", "ne convient pas à un indicateur trimestriel"),
        ("ACCUEIL-MOIS;T3 2022;;5;", "attendu : AAAA-MM ou MM/AAAA"),
        ("SATISFACTION;2023;;101;", "Ligne 2, colonne « valeur » : un pourcentage"),
        (
            "TITRES-DELAI;2023;;12 %;",
            "une valeur en % ne convient pas à un indicateur en « jours »",
        ),
        ("TITRES-DELAI;2023;;-2;", "un délai ne peut pas être négatif"),
        ("SATISFACTION;2023;;;", "valeur manquante"),
        ("SATISFACTION;hier;;5;", "période illisible : « hier »"),
    ],
)
def test_wrong_lines_are_refused(catalogue, tmp_path, line, expected):
    path = _write(tmp_path, "valeurs.csv", f"{HEADER}\n{line}\n")
    before = _count(catalogue)
    with pytest.raises(UserError, match=expected.replace("(", r"\(")):
        _import(catalogue, path)
    assert _count(catalogue) == before


def test_the_same_value_twice_in_a_file_is_refused(catalogue, tmp_path):
    text = f"{HEADER}\nSATISFACTION;2023;;90;\n\nsatisfaction;2023;;91;\n"
    path = _write(tmp_path, "doublon.csv", text)
    with pytest.raises(UserError, match=r"Ligne 4 : même indicateur.*ligne 2"):
        _import(catalogue, path)


def test_a_decimal_comma_in_a_comma_separated_file_is_caught(catalogue, tmp_path):
    path = _write(tmp_path, "virgules.csv", "indicateur,période,valeur\nSATISFACTION,2023,93,5\n")
    with pytest.raises(UserError, match=r"Ligne 2 : 4 cellules pour 3 colonnes.*guillemets"):
        _import(catalogue, path)


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n"])
def test_an_empty_file_is_refused(catalogue, tmp_path, content):
    path = tmp_path / "vide.csv"
    path.write_bytes(content)
    with pytest.raises(UserError, match=r"« vide.csv » est vide"):
        read_table(path)


def test_a_header_without_values_is_refused(catalogue, tmp_path):
    path = _write(tmp_path, "entete.csv", HEADER + "\n")
    with pytest.raises(UserError, match="aucune valeur à importer"):
        _import(catalogue, path)


@pytest.mark.parametrize("name", ["hasard.csv", "hasard.xlsx", "hasard.txt"])
def test_random_bytes_are_refused_in_french(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(os.urandom(20_000))
    with pytest.raises(UserError, match=f"Le fichier « {name} »"):
        read_table(path)


def _workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["indicateur", "période", "valeur"])
    workbook.active.append(["SATISFACTION", "2023", "90"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_truncated_workbook_is_refused(tmp_path):
    data = _workbook_bytes()
    path = tmp_path / "coupe.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match=r"« coupe.xlsx » est abîmé ou incomplet"):
        read_table(path)


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _laughs(root: str, body: str) -> bytes:
    """An XML part whose DOCTYPE nests entities ten deep: a billion "lol"s once expanded."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<!DOCTYPE {root} [{entities}]>\n{body}"
    ).encode()


@pytest.mark.timeout(60)  # a bound on a runaway (expanded entities); refused in milliseconds
@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_a_billion_laughs_workbook_is_refused(tmp_path, part):
    """A real workbook zipped again with a malicious part: defusedxml refuses the
    entities, and the user reads a French message."""
    strings = _laughs(
        "sst", f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    sheet = _laughs(
        "worksheet",
        f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
        '<c r="B1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>',
    )
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    path = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":  # declare the shared strings part
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/>'
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            elif info.filename == part:
                data = sheet
            target.writestr(info, data)
        if part == "xl/sharedStrings.xml":
            target.writestr(part, strings)
        else:
            target.writestr(
                "xl/sharedStrings.xml", f'<sst xmlns="{MAIN_NS}"><si><t>a</t></si></sst>'
            )
    with pytest.raises(UserError, match=r"« bombe.xlsx » contient des déclarations XML interdites"):
        read_table(path)


def test_other_spreadsheet_formats_are_named(tmp_path):
    old = tmp_path / "ancien.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    with pytest.raises(UserError, match=r"Excel 97-2003 \(.xls\)"):
        read_table(old)
    ods = tmp_path / "calc.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(UserError, match="OpenDocument"):
        read_table(ods)
    with pytest.raises(UserError, match="introuvable"):
        read_table(tmp_path / "absent.csv")


def test_import_file_guesses_the_columns(catalogue, tmp_path):
    path = _write(tmp_path, "valeurs.csv", f"{HEADER}\nSATISFACTION;2023;;94;\n")
    with catalogue.transaction() as s:
        report = import_file(s, path)
    assert (report.rows, report.added, report.updated) == (1, 1, 0)


def test_every_problem_is_reported_at_once(catalogue, tmp_path):
    lines = [HEADER, "INCONNU;2023;;5;", "SATISFACTION;2023;;12,,5;", "SATISFACTION;hier;;5;"]
    path = _write(tmp_path, "valeurs.csv", "\n".join(lines) + "\n")
    before = _count(catalogue)
    with pytest.raises(UserError) as error:
        _import(catalogue, path)
    assert str(error.value).splitlines() == [
        "Le fichier a 3 problèmes :",
        "- Ligne 2, colonne « indicateur » : indicateur inconnu : « INCONNU » ; "
        "aucun nom proche dans le catalogue",
        "- Ligne 3, colonne « valeur » : valeur illisible : « 12,,5 »",
        "- Ligne 4, colonne « période » : période illisible : « hier »",
    ]
    assert _count(catalogue) == before
