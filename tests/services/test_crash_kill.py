"""Nothing reported as saved is lost: a process writing attendance and agenda edits is
killed (SIGKILL) 200 times at random moments (benchmarks/crash_kill.py, short form)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "crash_kill.py"


@pytest.fixture(scope="module")
def crash_kill():
    spec = importlib.util.spec_from_file_location("crash_kill", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_kill"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules["crash_kill"]


@pytest.mark.slow  # 200 processes started and killed
def test_two_hundred_kills_lose_no_reported_write(crash_kill, tmp_path):
    totals = crash_kill.run(200, tmp_path)
    assert totals.kills == 200
    assert totals.committed >= 100  # the writers did get to write between the kills
    # Attendance and agenda edits of every kind were committed, then checked.
    assert {"présent", "représenté", "point ajouté", "point déplacé", "compte-rendu"} <= set(
        totals.kinds
    )
    assert {"intervention ajoutée", "action ajoutée", "action supprimée"} <= set(totals.kinds)


def pending(changes):
    return "pending " + json.dumps({"edit": "intitulé", "changes": changes})


BEFORE = {"item:1": [None, 0, "Ancien", None]}
AFTER = {"item:1": [None, 0, "Nouveau", None]}


@pytest.mark.parametrize(
    ("lines", "state", "outcome"),
    [
        ([pending(AFTER), "ok"], AFTER, None),
        ([pending(AFTER)], AFTER, "kept"),  # killed between commit and "ok"
        ([pending(AFTER)], BEFORE, "lost"),  # killed before the commit
        ([pending(AFTER), "rolled-back"], BEFORE, None),
        ([pending({"item:2": [None, 1, "Ajouté", None]}), "ok"], {**BEFORE}, "missing"),
        ([pending(AFTER), "ok"], BEFORE, "missing"),
        ([], {**BEFORE, "statement:9": [1, 0, "?"]}, "missing"),  # a change nobody made
    ],
)
def test_the_check_finds_a_lost_write(crash_kill, lines, state, outcome):
    totals = crash_kill.Totals()
    if outcome == "missing":
        with pytest.raises(crash_kill.CrashError, match="reported writes missing"):
            crash_kill.verify(BEFORE, lines, [("ok",)], [], state, totals, "run 1")
        return
    crash_kill.verify(BEFORE, lines, [("ok",)], [], state, totals, "run 1")
    assert (totals.pending_kept, totals.pending_lost) == {
        None: (0, 0),
        "kept": (1, 0),
        "lost": (0, 1),
    }[outcome]


def test_the_check_finds_a_damaged_file(crash_kill):
    with pytest.raises(crash_kill.CrashError, match="integrity_check"):
        crash_kill.verify(
            BEFORE, [], [("row 3 missing from index",)], [], BEFORE, crash_kill.Totals(), ""
        )
    with pytest.raises(crash_kill.CrashError, match="foreign_key_check"):
        crash_kill.verify(
            BEFORE, [], [("ok",)], [("action", 4, "statement", 0)], BEFORE, crash_kill.Totals(), ""
        )
