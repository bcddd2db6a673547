"""The command line: the window by default, and headless commands for files and scripts.

``main`` (the ``clu-desktop`` command, ``python -m clu_desktop``) reads the window's own
arguments without argparse (``window_arguments``), else builds the parser
(``cli/parser.py``) and runs the command's function from ``COMMANDS``: ``cli/meetings.py``
(demo, list, import, export), ``cli/indicators.py`` (import indicators),
``cli/personal.py`` (export person, erase person), ``cli/sending.py`` (send
convocation, send minutes: message drafts), ``cli/maintenance.py`` (backup,
restore, check), ``cli/window.py`` (the window, screenshots). The package's ``__init__``
is the entry point and defines what it holds; it re-exports nothing.

Nothing here imports Qt: only the window's own start does, and only when it is opened.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from clu_desktop.cli import maintenance, meetings, personal, sending, window
from clu_desktop.errors import EXIT_USER_ERROR, UserError
from clu_desktop.terminal import safe_output

if TYPE_CHECKING:
    import argparse


def window_arguments(argv: Sequence[str]) -> SimpleNamespace | None:
    """The window's own command line (nothing, or ``--db PATH``) read without building
    the parser of every command: the window's start does not wait for argparse. None
    for anything else."""
    argv = list(argv)
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        argv = ["--db", argv[0][5:]]
    if argv == [] or (len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-")):
        return SimpleNamespace(command=None, selftest=False, db=argv[1] if argv else None)
    return None


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: window.cmd_gui,
    "demo": meetings.cmd_demo,
    "list": meetings.cmd_list,
    "import": meetings.cmd_import,
    "export": meetings.cmd_export,
    "screenshots": window.cmd_screenshots,
    "backup": maintenance.cmd_backup,
    "restore": maintenance.cmd_restore,
    "check": maintenance.cmd_check,
    "erase": personal.cmd_erase_person,
    "send": sending.cmd_send,
}


def main(argv: Sequence[str] | None = None) -> int:
    # Text from files (titles, names, file names) never reaches the terminal raw.
    with safe_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if (args := window_arguments(argv)) is None:
        from clu_desktop.cli.parser import build_parser

        args = build_parser().parse_args(argv)
    if args.selftest:
        from clu_desktop.selftest import run

        return run()
    # The files a command claims are another instance's once it is done. The lock module
    # is imported only if some lock may already be held (a test running many commands in
    # one process): the window's start must not wait for it.
    lock = sys.modules.get("clu_desktop.store.instance_lock")
    held_before = lock.held_keys() if lock is not None else frozenset()
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as exc:  # a write the system refused (full disk, read only, gone)
        from clu_desktop.files import os_error_message

        print(f"Erreur : {os_error_message(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    finally:
        lock = sys.modules.get("clu_desktop.store.instance_lock")
        if lock is not None:
            lock.release_all_but(held_before)
