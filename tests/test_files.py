"""files.py: private modes whatever the umask, outputs that are not regular files, and
the operating system's errors in French, for the command line's outputs."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
from pathlib import Path

import pytest

from clu_desktop import files
from clu_desktop.cli import COMMANDS, main
from clu_desktop.errors import UserError
from clu_desktop.files import (
    DISK_FULL,
    create_private_file,
    os_error_message,
    output_target,
    private_folder,
    write_atomically,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="modes, FIFOs and links are Unix's")
ENGLISH = ("No space", "Permission denied", "Read-only", "No such file", "Is a directory")


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "clu.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    return path


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request):
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


# ------------------------------------------------------------------------ private modes


@posix_only
def test_folders_and_files_made_are_private_whatever_the_umask(tmp_path, umask):
    folder = private_folder(tmp_path / "a" / "b")
    assert [mode(tmp_path / "a"), mode(folder)] == [0o700, 0o700]
    assert create_private_file(folder / "base.sqlite")
    assert mode(folder / "base.sqlite") == 0o600
    write_atomically(tmp_path / "c" / "export.json", b"{}")
    assert [mode(tmp_path / "c"), mode(tmp_path / "c" / "export.json")] == [0o700, 0o600]


@posix_only
def test_a_folder_that_existed_keeps_its_mode(tmp_path, umask):
    tmp_path.joinpath("partagé").mkdir(mode=0o755)
    os.chmod(tmp_path / "partagé", 0o755)
    write_atomically(tmp_path / "partagé" / "x.csv", b"a")
    assert mode(tmp_path / "partagé") == 0o755
    assert mode(tmp_path / "partagé" / "x.csv") == 0o600


@posix_only
def test_a_file_replaced_becomes_private(tmp_path, umask):
    target = tmp_path / "ancien.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    write_atomically(target, b"new")
    assert mode(target) == 0o600 and target.read_bytes() == b"new"


# -------------------------------------------------------- outputs that are not files


def open_to_write(target) -> None:
    from clu_desktop.store import instance_lock
    from clu_desktop.store.location import sqlite_file
    from clu_desktop.store.migrate import open_database

    open_database(target, exclusive=True).dispose()
    instance_lock.release(sqlite_file(target))


@posix_only
def test_a_base_made_by_an_older_version_becomes_private_when_opened_to_write():
    """An older version left the base, its copies and the data folder readable by all:
    the window or a writing command takes the others' rights off; a reading command
    changes nothing."""
    from clu_desktop.store.location import data_dir, default_database_path

    base = default_database_path()
    assert main(["demo"]) == 0
    copy = data_dir() / "backups" / "old-copy.sqlite"
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(base.read_bytes())
    for path, old in ((base, 0o644), (copy, 0o644), (copy.parent, 0o755), (data_dir(), 0o755)):
        path.chmod(old)
    assert main(["list"]) == 0  # reading
    assert [mode(base), mode(copy), mode(data_dir())] == [0o644, 0o644, 0o755]
    open_to_write(None)  # as the window or a writing command does
    assert [mode(base), mode(copy)] == [0o600, 0o600]
    assert [mode(copy.parent), mode(data_dir())] == [0o700, 0o700]


@posix_only
def test_a_base_elsewhere_keeps_its_folder_and_loses_only_its_own_rights(tmp_path):
    base = tmp_path / "shared" / "clu.sqlite"
    assert main(["demo", "--db", str(base)]) == 0
    base.chmod(0o664)
    base.parent.chmod(0o755)
    open_to_write(base)
    assert [mode(base), mode(base.parent)] == [0o600, 0o755]


@posix_only
def test_a_fifo_is_refused_and_kept(tmp_path):
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="tube"):
        write_atomically(fifo, b"secret")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tube"]


@posix_only
def test_a_link_to_a_regular_file_writes_the_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "vrai" / "cr.json"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "lien.json"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert output_target(link) == real.resolve()


@posix_only
@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: p.symlink_to(p.parent / "nulle-part"), "ne mène à aucun fichier"),
        (lambda p: p.symlink_to("/dev/null"), "un périphérique (par un lien symbolique)"),
        (lambda p: p.symlink_to(p.parent), "est un dossier"),
        (lambda p: p.symlink_to(p), "tourne en rond"),
    ],
    ids=["dangling", "device", "folder", "loop"],
)
def test_a_link_to_anything_but_a_regular_file_is_refused(tmp_path, make, words):
    link = tmp_path / "sortie"
    make(link)
    before = os.readlink(link)
    with pytest.raises(UserError, match=re.escape(words)):
        write_atomically(link, b"x")
    assert link.is_symlink() and os.readlink(link) == before
    assert not (tmp_path / "nulle-part").exists()


@posix_only
@pytest.mark.parametrize(
    "command",
    [
        ["export", "json"],
        ["export", "attendance"],
        ["export", "minutes", "--sans-en-tete"],
        ["export", "person", "--person", "6"],
        ["backup"],
    ],
    ids=["json", "csv", "pdf", "person", "backup"],
)
def test_the_command_line_refuses_a_fifo_output(demo_file, tmp_path, capsys, command):
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    assert main([*command, "--db", str(demo_file), "-o", str(fifo)]) == 2
    assert "tube (FIFO)" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@posix_only
@pytest.mark.parametrize("command", [["export", "json"], ["backup"]], ids=["json", "backup"])
def test_the_command_line_follows_a_link_to_a_file(demo_file, tmp_path, capsys, command):
    real = tmp_path / "ailleurs" / "sortie"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "lien"
    link.symlink_to(real)
    assert main([*command, "--db", str(demo_file), "-o", str(link)]) == 0
    assert link.is_symlink() and real.read_bytes() != b"old"
    assert real.stat().st_size > 0
    assert not [p for p in real.parent.iterdir() if p.name.startswith(".")]


# ----------------------------------------------------------------- errors in French


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.ENOSPC, "Le disque est plein : « /x/cr.pdf » n'a pas été écrit ; libérez"),
        (errno.EACCES, "Accès refusé à « /x/cr.pdf »"),
        (errno.EPERM, "Accès refusé à « /x/cr.pdf »"),
        (errno.EROFS, "« /x/cr.pdf » est sur un support en lecture seule"),
        (errno.EISDIR, "« /x/cr.pdf » est un dossier"),
        (errno.ENOENT, "« /x/cr.pdf » ou son dossier n'existe plus"),
        (errno.EIO, "erreur EIO"),
    ],
)
def test_os_errors_are_told_in_french(code, words):
    message = os_error_message(OSError(code, os.strerror(code)), "/x/cr.pdf")
    assert words in message
    assert os.strerror(code) not in message


def test_a_full_disk_on_a_change_says_what_the_issue_asks():
    exc = OSError(errno.ENOSPC, "No space left on device")
    assert os_error_message(exc, done="la modification n'a pas été enregistrée") == DISK_FULL


@pytest.mark.parametrize(
    "where, code",
    [
        ("replace", errno.ENOSPC),
        ("replace", errno.EROFS),
        ("replace", errno.ENOENT),
        ("mkstemp", errno.EACCES),
        ("mkstemp", errno.EROFS),
        ("write", errno.ENOSPC),
    ],
)
def test_an_export_the_system_refuses_is_told_in_french_and_leaves_nothing(
    demo_file, tmp_path, capsys, monkeypatch, where, code
):
    out = tmp_path / "exports"
    out.mkdir()

    def refuse(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    if where == "replace":
        monkeypatch.setattr(files.os, "replace", refuse)
    elif where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    else:
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def fileno(self):
                return self.handle.fileno()

            def write(self, _data):
                raise OSError(code, os.strerror(code))

        monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    assert main(["export", "json", "--db", str(demo_file), "-o", str(out / "s.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and "Traceback" not in err
    assert not any(english in err for english in ENGLISH), err
    assert {
        errno.ENOSPC: "Le disque est plein",
        errno.EROFS: "lecture seule",
        errno.ENOENT: "n'existe plus",
        errno.EACCES: "Accès refusé",
    }[code] in err
    assert list(out.iterdir()) == []


def test_an_existing_folder_as_output_is_refused_in_french(demo_file, tmp_path, capsys):
    assert main(["export", "json", "--db", str(demo_file), "-o", str(tmp_path)]) == 2
    assert "est un dossier" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_told_in_french(demo_file, tmp_path, capsys):
    folder = tmp_path / "protégé"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert main(["export", "json", "--db", str(demo_file), "-o", str(folder / "s.json")]) == 2
    finally:
        folder.chmod(0o700)
    assert "Accès refusé" in capsys.readouterr().err


def test_a_backup_on_a_full_disk_is_told_in_french(demo_file, tmp_path, capsys, monkeypatch):
    from clu_desktop.store import backups

    def refuse(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.os, "replace", refuse)
    assert main(["backup", "--db", str(demo_file), "-o", str(tmp_path / "b.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "Le disque est plein" in err and "No space" not in err
    assert not (tmp_path / "b.sqlite").exists()


def test_an_os_error_escaping_a_command_is_told_in_french(monkeypatch, capsys):
    def vanished(_args):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "/clé/clu.sqlite")

    monkeypatch.setitem(COMMANDS, "list", vanished)
    assert main(["list", "--db", "/clé/clu.sqlite"]) == 2
    err = capsys.readouterr().err
    assert "« /clé/clu.sqlite » ou son dossier n'existe plus" in err
    assert "No such file" not in err


def test_the_export_writes_json(demo_file, tmp_path):
    out = tmp_path / "s.json"
    assert main(["export", "json", "--db", str(demo_file), "-o", str(out)]) == 0
    assert json.loads(out.read_text("utf-8"))


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.EACCES, "accès refusé"),
        (errno.EROFS, "support en lecture seule"),
        (errno.ENOENT, "n'existe pas"),
        (errno.EIO, "erreur EIO"),
    ],
)
def test_a_file_that_cannot_be_read_is_told_in_french(
    demo_file, tmp_path, capsys, monkeypatch, code, words
):
    source = tmp_path / "séance.json"
    assert main(["export", "json", "--db", str(demo_file), "-o", str(source)]) == 0
    capsys.readouterr()

    def unreadable(self):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    assert main(["import", "--db", str(demo_file), str(source)]) == 2
    err = capsys.readouterr().err
    assert words in err and os.strerror(code) not in err, err
