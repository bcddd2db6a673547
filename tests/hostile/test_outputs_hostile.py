"""Outputs made to hurt: a FIFO, a device, a folder, links leading nowhere, in a loop or
to a regular file, under any umask, with the system refusing the write. Each write either
lands in a regular file, readable by the user only, or is refused in French and leaves
what was there as it was: never a silent replacement, never a blocked write."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clu_desktop import files
from clu_desktop.errors import UserError
from clu_desktop.files import write_atomically
from clu_desktop.store import backups

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, links and modes are Unix's")

KINDS = [
    "absent",
    "regular",
    "folder",
    "fifo",
    "link-to-regular",
    "link-to-absent",
    "link-to-folder",
    "link-to-fifo",
    "link-to-device",
    "link-loop",
    "link-to-link-to-regular",
]
ERRORS = [None, errno.ENOSPC, errno.EACCES, errno.EROFS, errno.ENOENT, errno.EIO]
ENGLISH = [os.strerror(code) for code in ERRORS if code is not None]


def make(kind: str, path: Path) -> None:
    other = path.parent / "autre"
    if kind == "regular":
        path.write_bytes(b"avant")
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind.startswith("link-to-link"):
        other.write_bytes(b"avant")
        (path.parent / "relais").symlink_to(other)
        path.symlink_to(path.parent / "relais")
    elif kind == "link-to-regular":
        other.write_bytes(b"avant")
        path.symlink_to(other)
    elif kind == "link-to-absent":
        path.symlink_to(other)
    elif kind == "link-to-folder":
        other.mkdir()
        path.symlink_to(other)
    elif kind == "link-to-fifo":
        os.mkfifo(other)
        path.symlink_to(other)
    elif kind == "link-to-device":
        path.symlink_to("/dev/null")
    elif kind == "link-loop":
        path.symlink_to(path)


def state(folder: Path) -> dict[str, tuple]:
    """What each name of ``folder`` is: its kind, its link or its bytes."""
    found = {}
    for entry in sorted(folder.iterdir()):
        info = entry.lstat()
        if stat.S_ISLNK(info.st_mode):
            found[entry.name] = ("link", os.readlink(entry))
        elif stat.S_ISREG(info.st_mode):
            found[entry.name] = ("file", entry.read_bytes())
        else:
            found[entry.name] = ("other", stat.S_IFMT(info.st_mode))
    return found


def demo_database(folder: Path) -> Path:
    path = folder / "source.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES ('contenu')")
    connection.commit()
    connection.close()
    return path


@settings(max_examples=200)  # each example takes milliseconds
@given(
    kind=st.sampled_from(KINDS),
    writer=st.sampled_from(["export", "backup"]),
    mask=st.sampled_from([0o000, 0o002, 0o022, 0o077]),
    failure=st.sampled_from(ERRORS),
)
def test_an_output_is_written_privately_or_refused_in_french(
    tmp_path_factory, monkeypatch, kind, writer, mask, failure
):
    root = tmp_path_factory.mktemp("sortie")
    source = demo_database(tmp_path_factory.mktemp("source"))
    path = root / "sortie"
    make(kind, path)
    before = state(root)
    previous = os.umask(mask)
    try:
        with monkeypatch.context() as patch:
            if failure is not None:

                def refuse(*_args, code=failure):
                    raise OSError(code, os.strerror(code))

                patch.setattr(files.os, "replace", refuse)
                patch.setattr(backups.os, "replace", refuse)
            try:
                if writer == "export":
                    write_atomically(path, b"nouveau")
                else:
                    backups.backup_sqlite(source, path)
            except UserError as exc:
                message = str(exc)
                assert message and not any(english in message for english in ENGLISH)
                assert "rien n'a été écrit" in message.lower() or "n'a pas été" in message, message
                assert state(root) == before  # nothing replaced, no temporary file left
                return
    finally:
        os.umask(previous)
    assert failure is None
    assert kind in ("absent", "regular", "link-to-regular", "link-to-link-to-regular")
    written = path.resolve()
    assert stat.S_ISREG(written.lstat().st_mode)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    if kind.startswith("link"):
        assert path.is_symlink()  # the link stays; the file it leads to is written
    if writer == "export":
        assert written.read_bytes() == b"nouveau"
    else:
        connection = sqlite3.connect(written)
        assert connection.execute("SELECT x FROM t").fetchall() == [("contenu",)]
        connection.close()
    assert [p for p in root.iterdir() if p.name.startswith(".")] == []
