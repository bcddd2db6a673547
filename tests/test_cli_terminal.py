"""Control characters from a file (ESC, OSC, C1, carriage return) never reach the
terminal raw: every line the command line writes shows them as escapes."""

from __future__ import annotations

import json

from clu_desktop.cli import main
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.terminal import terminal_safe

OSC_TITLE = "\x1b]0;pwned\x07"
HOSTILE = f"{OSC_TITLE}\x1b[31mRouge\x1b[0m\rCaché\x9b2J\u202eenvers"


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]


def test_terminal_safe_escapes_controls_and_keeps_lines():
    shown = terminal_safe(HOSTILE + "\nligne\tdeux")
    assert _raw_controls(shown) == []
    assert "\\x1b]0;pwned\\x07" in shown and "\\u202e" in shown and "\nligne\tdeux" in shown


def test_list_shows_a_hostile_title_escaped(tmp_path, capsys):
    data = json.loads(resource_path(*DEMO_MEETING).read_text("utf-8"))
    data["meeting"]["title"] = "Séance " + HOSTILE
    path = tmp_path / "seance.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    db = str(tmp_path / "clu.sqlite")
    assert main(["import", str(path), "--db", db]) == 0
    assert main(["list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Séance \\x1b]0;pwned\\x07" in out
    assert _raw_controls(out) == []


def test_a_refusal_quoting_hostile_text_is_escaped(tmp_path, capsys):
    data = json.loads(resource_path(*DEMO_MEETING).read_text("utf-8"))
    data["meeting"]["date"] = f"2023-12-20{OSC_TITLE}"
    path = tmp_path / f"seance{OSC_TITLE}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["import", str(path), "--db", str(tmp_path / "clu.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "Erreur" in err and "\\x1b]0;pwned" in err
    assert _raw_controls(err) == []
