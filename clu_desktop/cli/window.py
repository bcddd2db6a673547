"""The window (no command) and ``screenshots``: the only commands that load Qt, and only
when they run."""

from __future__ import annotations

from pathlib import Path

from clu_desktop.cli.database import back_up_today, existing_sqlite_file, open_db


def cmd_gui(args) -> int:
    """The window. Its frame shows before the database opens (SQLAlchemy, the models and
    the pages load behind it); a base that cannot be opened (held by another instance,
    on a network share, not a CLU Desktop base…) is then refused in a message box over
    the frame, and the exit code is 2. The day's backup is made once the meeting is on
    screen (before any edit can reach the base: the event loop runs it next)."""
    from clu_desktop.app import run_gui
    from clu_desktop.store import location

    existing: list[Path | None] = []

    def open_base():  # once the frame is on screen (SQLAlchemy loads here)
        existing.append(existing_sqlite_file(args))  # a base made now is not backed up
        return open_db(args, writing=True, backup=False)

    def back_up() -> str | None:
        return back_up_today(existing[0]) if existing and existing[0] else None

    return run_gui(open_base, description=location.describe(args.db), after_shown=back_up)


def cmd_screenshots(args) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db = open_db(args, writing=True)
    from clu_desktop.app import create_application
    from clu_desktop.gui.screenshots import take_screenshots

    create_application()
    for path in take_screenshots(db, args.out, palette=getattr(args, "palette", "claire")):
        print(path)
    return 0
