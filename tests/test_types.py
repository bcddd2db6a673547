"""The layers below the GUI type-check with ``mypy --strict`` ([tool.mypy] in
pyproject.toml), and each ``type: ignore`` there says which error it silences and why."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["domain", "store", "documents", "interchange", "services", "french", "rules"]

#: "# type: ignore[code]" and what follows it on the line.
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[^\]]*\])?(?P<rest>.*)$")


def mypy_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]


def test_the_layers_below_the_gui_are_checked_strictly():
    config = mypy_config()
    assert config["strict"] is True
    assert sorted(config["files"]) == sorted(f"clu_desktop/{name}" for name in CHECKED)


@pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None, reason="mypy is installed by the test extra"
)
def test_mypy_strict():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--show-error-codes"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,  # a runaway bound, far above the usual half minute
    )
    assert result.returncode == 0, result.stdout + result.stderr


def ignores_without_reason(text: str) -> list[int]:
    """The lines (from 1) of the ``type: ignore`` comments in ``text`` that name no error
    code, or give no reason: after them on the line, or in a comment line at most six
    lines above."""
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines):
        match = IGNORE.search(line)
        if match is None:
            continue
        above = [text.strip() for text in lines[max(0, number - 6) : number]]
        reason = match["rest"].strip().lstrip("#").strip() or any(
            text.startswith("#") for text in above
        )
        if not match["codes"] or not reason:
            found.append(number + 1)
    return found


def test_every_type_ignore_names_its_error_and_its_reason():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for name in CHECKED
        for path in sorted((ROOT / "clu_desktop" / name).rglob("*.py"))
        for number in ignores_without_reason(path.read_text("utf-8"))
    ]
    assert not found, "\n".join(found)


def test_an_unexplained_ignore_is_found():
    bare = "x = 1\n\ny: str = x  # type: ignore\nz: str = x  # type: ignore[assignment]\n"
    assert ignores_without_reason(bare) == [3, 4]
    explained = "x = 1\n# An int as a str, on purpose.\ny: str = x  # type: ignore[assignment]\n"
    assert ignores_without_reason(explained) == []
    trailing = "y: str = 1  # type: ignore[assignment]  # on purpose\n"
    assert ignores_without_reason(trailing) == []
