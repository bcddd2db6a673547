"""Hostile command lines: any mix of commands, options and broken values gets a French
refusal (code 2) or runs (code 0; ``check`` may say 1), never a Python traceback."""

from __future__ import annotations

import os
import re

from hypothesis import given
from hypothesis import strategies as st

from clu_desktop.cli import main

WORDS = [
    "demo", "list", "import", "export", "json", "minutes", "agenda", "sign-in-sheet",
    "attendance", "person", "backup", "restore", "check", "erase", "indicators",
    "--db", "--meeting", "--person", "-o", "--output", "--force", "--yes", "--sans-en-tete",
    "--anonymise-signed", "--palette", "latest", "0", "-1", "999", "abc", "", "--", "-",
    "=", "--db=", "é\u202e\x00", "postgresql://u:p@127.0.0.1:1/x", "sqlite:///",
]  # fmt: skip
ENGLISH = re.compile(
    r"Traceback|error:|usage:|required|invalid|unrecognized|expected|ambiguous|Errno"
)


@given(argv=st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=6))
def test_any_command_line_is_refused_in_french(argv, tmp_path_factory, capsys):
    folder = tmp_path_factory.mktemp("cli")
    # Paths stay in a temporary folder: a bare --db never reaches the user's base.
    argv = [str(folder / a) if a in ("-", "x.json") else a for a in argv]
    if not argv or argv[0] not in WORDS[:15]:
        argv = ["list", *argv]
    argv = [*argv[:1], "--db", str(folder / "clu.sqlite"), *argv[1:]]
    # A later relative --db ("abc") is made in the temporary folder, not the working copy.
    here = os.getcwd()
    os.chdir(folder)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    finally:
        os.chdir(here)
    out = capsys.readouterr()
    assert code in (0, 1, 2), argv
    assert not ENGLISH.search(re.sub(r"\(Détail technique : .*?\)", "", out.err)), out.err
