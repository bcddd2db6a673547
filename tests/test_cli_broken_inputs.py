"""Every command of ``clu-desktop``, on broken inputs: a French refusal (code 2) or a
success, never a Python traceback.

The commands come from the parser itself: a new command or option is tried too.
"""

from __future__ import annotations

import argparse
import re
import shutil

import pytest

from clu_desktop.cli import main
from clu_desktop.cli.parser import build_parser

# English left by argparse or by an exception shown raw.
ENGLISH = re.compile(
    r"Traceback|error:|usage:|required|invalid|unrecognized|expected|ambiguous|"
    r"No such file|Errno|Is a directory|Permission denied|not a database|Exception|"
    r"failed|refused|show this help|positional arguments",
)
# A driver's own words may follow, marked as such, after the French explanation.
TECHNICAL = re.compile(r"\(Détail technique : .*?\)\n?", re.S)


def english_in(text: str) -> bool:
    return bool(ENGLISH.search(TECHNICAL.sub("", text)))


# ``check`` says 1 for a damaged database (documented).
ALLOWED = {0, 2}


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every (command path, parser) that runs something, walking the sub-commands."""
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        yield path, parser
        return
    for action in subparsers:
        for name, child in action.choices.items():
            yield from leaves(child, (*path, name))


COMMANDS = sorted(leaves(build_parser()))
NAMES = [" ".join(path) for path, _ in COMMANDS]


def test_the_parser_walk_finds_every_command():
    assert {"demo", "list", "check", "export json", "erase person"} <= set(NAMES)


@pytest.mark.parametrize("path,parser", COMMANDS, ids=NAMES)
def test_help_is_french(path, parser):
    text = parser.format_help()
    assert not english_in(text), text
    assert "afficher cette aide" in text


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A sound demonstration database (copied per test) and broken files."""
    root = tmp_path_factory.mktemp("broken")
    sound = root / "sound.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        home = root / "home"
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        assert main(["demo", "--db", str(sound)]) == 0
    (root / "folder").mkdir()
    (root / "empty").write_bytes(b"")
    (root / "binary").write_bytes(bytes(range(256)) * 8)
    (root / "truncated.json").write_text(
        '{"format": "clu-desktop", "meeting": {"title": "C', "utf-8"
    )
    (root / "text.txt").write_text("pas une base\n", "utf-8")
    (root / "binary.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    (root / "binary.csv").write_bytes(b"\xff\xfe\x00" + bytes(range(256)) * 4)
    (root / "header-only.csv").write_text("indicateur;période;valeur\n", "utf-8")
    return root


def broken_files(root):
    return {
        "empty": root / "empty",
        "binary": root / "binary",
        "truncated": root / "truncated.json",
        "folder": root / "folder",
        "missing": root / "absent" / "nothing.json",
    }


def broken_databases(root):
    return {
        "folder": str(root / "folder"),
        "text": str(root / "text.txt"),
        "empty": str(root / "empty"),
        "binary": str(root / "binary"),
        "missing": str(root / "absent" / "clu.sqlite"),
        "closed-port": "postgresql+psycopg://clu:secret@127.0.0.1:1/clu",
    }


def option_strings(parser):
    return {s for a in parser._actions for s in a.option_strings}


def valid_arguments(parser, root, db) -> list[str]:
    """The least a command needs: --db, its required options and positionals."""
    args = ["--db", db]
    for action in parser._actions:
        if action.option_strings and action.required:
            value = {"--person": "1", "--out": str(root / "shots")}.get(
                action.option_strings[-1], str(root / "out" / "file")
            )
            args += [action.option_strings[-1], value]
        elif not action.option_strings and action.nargs is None:
            args.append(str(root / "truncated.json"))
    return args


def cases(parser, root, db):
    """(label, argv after the command path) for one command."""
    yield "nothing", []
    yield "unknown option", ["--inconnue"]
    base = valid_arguments(parser, root, db)
    yield "unknown extra argument", [*base, "en-trop"]
    for label, broken in broken_databases(root).items():
        yield f"--db {label}", ["--db", broken, *base[2:]]
    positionals = [i for i, a in enumerate(base) if i > 1 and a.endswith("truncated.json")]
    for index in positionals:
        for label, path in broken_files(root).items():
            yield f"file {label}", [*base[:index], str(path), *base[index + 1 :]]
    optional_positionals = [a for a in parser._actions if not a.option_strings and a.nargs == "?"]
    if optional_positionals:  # import indicators TABLE
        tables = {**broken_files(root), "xlsx": root / "binary.xlsx", "csv": root / "binary.csv"}
        tables["header only"] = root / "header-only.csv"
        for label, path in tables.items():
            yield f"indicators {label}", ["--db", db, "indicators", str(path)]
    options = option_strings(parser)
    if "--meeting" in options:
        for value in ("999", "pas-un-numéro", "-3", ""):
            yield f"--meeting {value!r}", [*base, "--meeting", value]
    if "--person" in options:
        for value in ("999", "abc", "0"):
            yield f"--person {value!r}", [*base, "--person", value]
    for flag in ("--output", "--out"):
        if flag in options:
            for label, path in (
                ("missing folder", root / "absent" / "deeper" / "out.x"),
                ("a folder", root / "folder"),
                ("a file as folder", root / "text.txt" / "out.x"),
            ):
                yield f"{flag} {label}", [*base, flag, str(path)]


def run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's refusals
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("path,parser", COMMANDS, ids=NAMES)
def test_broken_inputs_get_a_french_refusal(path, parser, files, tmp_path, capsys, monkeypatch):
    if path == ("screenshots",):
        # Only its refusals are tried: a sound run renders every screen (tests/gui).
        monkeypatch.setattr("clu_desktop.gui.screenshots.take_screenshots", lambda *a, **k: [])
    failures = []
    for label, arguments in cases(parser, files, str(tmp_path / "db.sqlite")):
        shutil.copyfile(files / "sound.sqlite", tmp_path / "db.sqlite")
        code, out, err = run([*path, *arguments], capsys)
        allowed = ALLOWED | ({1} if path == ("check",) else set())
        problem = []
        if code not in allowed:
            problem.append(f"code {code}")
        if english_in(err) or english_in(out):
            problem.append("English or traceback")
        if code == 2 and not re.search(r"[Ee]rreur", err):
            problem.append("no « Erreur » on stderr")
        if problem:
            failures.append(f"{' '.join(path)} [{label}]: {', '.join(problem)}\n{err}{out}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(
    "argv",
    [["commande-inconnue"], ["--inconnue"], ["--db"], ["--selftest", "en-trop"], ["export"]],
    ids=repr,
)
def test_the_top_level_refuses_in_french(argv, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2
    assert not english_in(err + out), err
    assert "erreur" in err and "--help" in err


def test_a_refusal_in_a_real_process_has_no_traceback(tmp_path):
    """The same as a user types it: no Python traceback, French on stderr, code 2."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "clu_desktop", "export", "json", "--db", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "arguments obligatoires manquants : -o/--output" in result.stderr
