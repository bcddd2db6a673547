"""The import graph keeps its layers and has no cycle between siblings: the contracts of
``[tool.importlinter]`` in pyproject.toml (drawn in docs/architecture.md), checked by
import-linter. A widget that imports a file reader, a reader that writes the database or
two packages that import each other fail here, with the offending import lines named."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_the_contracts_cover_the_layers_the_readers_and_the_cycles():
    by_type = {contract["type"] for contract in contracts()}
    assert {"layers", "forbidden", "acyclic_siblings"} <= by_type
    layers = next(c for c in contracts() if c["type"] == "layers")["layers"]
    # The window above the services, the services above the file readers, the models last.
    names = [layer.split(" | ")[0] for layer in layers]
    assert names.index("clu_desktop.gui") < names.index("clu_desktop.services")
    assert names.index("clu_desktop.services") < names.index("clu_desktop.interchange")
    assert names[-1] == "clu_desktop.domain"


@pytest.mark.skipif(
    importlib.util.find_spec("importlinter") is None,
    reason="import-linter is installed by the test extra",
)
def test_the_import_graph_keeps_its_contracts(capsys):
    from importlinter.cli import lint_imports

    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert status == 0, capsys.readouterr().out
