"""Writing an indicator import from plain data (services.indicators.importing): what the
file brought is a Plan the interchange checked; the service creates, links, writes and
remembers, without any file. And interchange's indicator modules write nothing and read
no database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from clu_desktop import services
from clu_desktop.interchange.indicators_plan import (
    Confirmed,
    CreateIndicator,
    CreateSite,
    MapTo,
    ParsedRow,
    Plan,
)
from clu_desktop.services.indicators import catalogue
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import values as indicators_values
from clu_desktop.services.indicators.importing import apply_plan, planned_report
from clu_desktop.services.indicators.mappings import stored_targets

PACKAGE = Path(services.__file__).resolve().parents[1]


def plan_for(existing_id: int) -> Plan:
    """A value for an indicator of the catalogue, and one for a new indicator on a new
    site (placeholders -1 and -2)."""
    return Plan(
        rows=[
            ParsedRow(existing_id, "EXIST", "2024", None, None, 12.5, "note", None),
            ParsedRow(-1, "Nouveau", "2024", -2, "Chaumont", 48_500, None, "outil"),
        ],
        new_indicators={-1: CreateIndicator("Délai de réponse aux courriers", unit="jours")},
        new_sites={-2: CreateSite("Chaumont")},
        links={(-1, -2)},
        confirmed=[
            Confirmed("indicator", "Taux existant", MapTo(existing_id)),
            Confirmed("indicator", "Délai courriers", CreateIndicator("x"), new_id=-1),
        ],
    )


def test_a_plan_is_written_from_plain_data(db):
    with db.transaction() as s:
        existing = catalogue.add_indicator(s, "EXIST", "Taux existant")
        indicators_values.set_value(s, existing, "2024", None, 3.0)
    with db.reading() as s:
        planned = planned_report(s, plan_for(existing), ignored=2)
    with db.transaction() as s:
        report = apply_plan(
            s, plan_for(existing), with_comment=True, with_source=False, save_mappings=True
        )
    assert (report.rows, report.added, report.updated) == (2, 1, 1)
    assert report.created_indicators == ("DELAI-REPONSE-AUX-COURRIERS",)
    assert report.created_sites == ("Chaumont",)
    assert report.linked == (("DELAI-REPONSE-AUX-COURRIERS", "Chaumont"),)
    assert report.saved_mappings == 2
    assert (planned.added, planned.updated, planned.ignored) == (1, 1, 2)
    assert planned.created_indicators == report.created_indicators
    with db.reading() as s:
        created = next(
            r for r in indicators_catalogue.list_indicators(s) if r.code.startswith("DELAI")
        )
        assert created.unit == "jours" and created.category == "À classer"
        assert indicators_values.value_grid(s, existing).cells[("2024", None)].value == 12.5
        assert indicators_values.value_grid(s, existing).cells[("2024", None)].comment == "note"
        [cell] = indicators_values.value_grid(s, created.id).cells.values()
        assert (cell.value, cell.source) == (48_500, "outil")
        assert len(stored_targets(s)) == 2


def _writes(path: Path) -> list[str]:
    """The writing statements or session calls a module makes."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy":
            found += [a.name for a in node.names if a.name in ("insert", "update", "delete")]
        called = isinstance(node, ast.Attribute) and node.attr in ("add", "add_all", "delete")
        if called and isinstance(node.value, ast.Name) and node.value.id == "session":
            found.append(f"session.{node.attr}")
    return found


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "interchange").glob("indicators_*.py")), ids=lambda p: p.name
)
def test_interchange_reads_indicator_files_and_leaves_the_writing_to_services(path):
    assert _writes(path) == []


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "interchange").glob("indicators_*.py")), ids=lambda p: p.name
)
def test_interchange_reads_indicator_files_without_the_database(path):
    """The plain data goes one way: the services read the catalogue and write the values,
    interchange's indicator modules import neither them nor the database."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    forbidden = ("clu_desktop.services", "clu_desktop.domain", "clu_desktop.store", "sqlalchemy")
    assert not [m for m in modules if m.startswith(forbidden)]
