"""The Designer forms of ui/ and their modules compiled by scripts/compile-ui: each
committed module is what pyside6-uic makes of its form now (CI runs this), and the check
notices a module not compiled again, missing, or left without its form."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "compile-ui"


def load_script():
    loader = importlib.machinery.SourceFileLoader("compile_ui", str(SCRIPT))
    spec = importlib.util.spec_from_loader("compile_ui", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_every_form_module_is_current():
    forms = sorted(path.stem for path in (ROOT / "ui").glob("*.ui"))
    assert forms, "ui/ holds no form"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_modules_say_they_are_generated():
    for path in sorted((ROOT / "clu_desktop" / "gui" / "forms").glob("ui_*.py")):
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith(f"# Generated from ui/{path.stem[3:]}.ui by scripts/compile-ui")
        assert "do not edit" in first


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """The script working on a copy of ui/ and of the compiled modules."""
    script = load_script()
    forms, target = tmp_path / "ui", tmp_path / "forms"
    shutil.copytree(ROOT / "ui", forms)
    target.mkdir()
    for path in (ROOT / "clu_desktop" / "gui" / "forms").glob("ui_*.py"):
        shutil.copy(path, target)
    monkeypatch.setattr(script, "ROOT", tmp_path)
    monkeypatch.setattr(script, "FORMS", forms)
    monkeypatch.setattr(script, "TARGET", target)
    assert script.stale() == []
    return script


def test_a_form_changed_since_its_module_was_compiled_is_noticed(copy, capsys):
    form = copy.FORMS / "new_organisation.ui"
    form.write_text(form.read_text("utf-8").replace("Nouvel organisme", "Nouvel org"), "utf-8")
    assert copy.stale() == ["forms/ui_new_organisation.py (ui/new_organisation.ui)"]
    assert copy.main(["--check"]) == 1
    assert "Lancez scripts/compile-ui" in capsys.readouterr().err
    assert copy.main([]) == 0  # compiles it again
    assert "Nouvel org" in (copy.TARGET / "ui_new_organisation.py").read_text("utf-8")
    assert copy.stale() == []


def test_a_module_edited_by_hand_or_missing_or_orphaned_is_noticed(copy):
    module = copy.TARGET / "ui_new_organisation.py"
    module.write_text(module.read_text("utf-8").replace("Nouvel", "Autre"), "utf-8")
    (copy.TARGET / "ui_new_person.py").unlink()
    (copy.TARGET / "ui_gone.py").write_text("# left behind\n", "utf-8")
    assert copy.stale() == [
        "forms/ui_new_organisation.py (ui/new_organisation.ui)",
        "forms/ui_new_person.py (ui/new_person.ui)",
        "forms/ui_gone.py (sans formulaire)",
    ]
