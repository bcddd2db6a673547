"""The window (no command) and ``screenshots``: the only commands that load Qt, and only
when they run."""

from __future__ import annotations

from clu_desktop.cli.database import open_db


def cmd_gui(args) -> int:
    """The window. Its frame shows before the database opens (SQLAlchemy, the models and
    the pages load behind it); a base that cannot be opened (held by another instance,
    on a network share, not a CLU Desktop base…) is then refused in a message box over
    the frame, and the exit code is 2."""
    from clu_desktop.app import run_gui
    from clu_desktop.store import location

    return run_gui(lambda: open_db(args, writing=True), description=location.describe(args.db))


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
