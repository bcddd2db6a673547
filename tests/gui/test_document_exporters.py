"""The documents page names its exporters by plain imports: a reader or a tool follows a
meeting from the window to its PDF, with no module or function looked up by name."""

from __future__ import annotations

import ast
from pathlib import Path

import clu_desktop
from clu_desktop.gui.documents.catalogue import DOCUMENTS
from clu_desktop.services.documents import export as document_export

PACKAGE = Path(clu_desktop.__file__).parent
#: The one deliberate lookup by name: warming the lazy pages' modules in the background
#: (not on any path a document takes).
BY_NAME_ALLOWED = {"gui/preload.py"}


def test_each_document_names_its_exporter_function():
    exporters = {kind.key: kind.exporter for kind in DOCUMENTS}
    assert exporters == {
        "minutes": document_export.export_minutes,
        "agenda": document_export.export_agenda,
        "sign_in_sheet": document_export.export_sign_in_sheet,
        "signed_minutes": document_export.export_signed_minutes,
    }


def _lookups_by_name(tree: ast.AST) -> list[int]:
    """Lines calling importlib.import_module / find_spec or __import__."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in {"import_module", "find_spec", "__import__"}:
            lines.append(node.lineno)
    return lines


def test_no_module_is_looked_up_by_name():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in BY_NAME_ALLOWED or "/migrations/" in f"/{relative}":
            continue
        lines = _lookups_by_name(ast.parse(path.read_text("utf-8")))
        if lines:
            found[relative] = lines
    assert found == {}
