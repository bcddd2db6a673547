"""One writer per SQLite file: an instance that writes holds OS locks for the life of its
process, one beside the database and one named after the file's identity.

The lock (``clu.sqlite.lock``) is a ``flock`` on Linux and macOS, a byte-range lock on
Windows, taken through the ``filelock`` library: the operating system releases it when
the process ends, however it ends (crash, SIGKILL, power cut), so it is never stale.
Beside it, ``clu.sqlite.lock.holder`` says who holds it (user, computer, process, since
when), so that a second instance, refused, can say so. That file is only a label: the lock
is what counts, and a missing or damaged label only makes the refusal less precise.

Who takes the lock: the window and every command that writes (demo, import, screenshots,
which builds the whole window). Reading commands (list, export) do not: they may run
beside an open window, SQLite's WAL mode letting readers see the last committed state
while a writer works.

The lock follows the file, not the name it is opened by. The one beside it is beside its
resolved path (symbolic links and ``..`` resolved, the case made one on Windows); a second
one, in the data folder's ``locks`` folder, is named after the file's device and inode
(``os.stat``; the volume and file index on Windows), which every name of the file shares:
hard links, another case on a case-insensitive disk. Where the system gives no inode
number, the resolved path alone is the identity. Those small lock files stay (a file's
inode is never shared by two live files, so an old one never refuses anything). SQLite
URI forms, which could open the file by another road, are refused before anything is made
(``database.resolve_url``).

Within one process the lock is taken once per file: opening the same file again is
allowed (the process is the one writer).
"""

from __future__ import annotations

import atexit
import contextlib
import getpass
import json
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from clu_desktop.errors import DatabaseError, UserError
from clu_desktop.files import (
    PRIVATE_FILE_MODE,
    os_error_reason,
    private_folder,
    write_atomically,
)

logger = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
HOLDER_SUFFIX = ".lock.holder"
#: A holder file larger than this is not read (it is ours, and a few dozen bytes).
MAX_HOLDER_BYTES = 4096
#: A name longer than this, from the holder file, is cut in the message.
MAX_NAME_CHARS = 64
#: How long a refused instance waits for the holder to write its label (it writes it just
#: after taking the lock).
HOLDER_WAIT_SECONDS = 0.5


class DatabaseInUse(DatabaseError):
    """The database file is already open for writing by another instance."""

    def __init__(self, message: str, holder: Holder | None) -> None:
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True)
class Holder:
    """Who holds a database: written beside it by the instance that holds the lock."""

    user: str
    host: str
    pid: int
    since: datetime  # aware

    @classmethod
    def current(cls) -> Holder:
        try:
            user = getpass.getuser()
        except Exception:  # no login name (a service account without one)
            user = ""
        return cls(user, socket.gethostname(), os.getpid(), datetime.now().astimezone())

    def to_json(self) -> str:
        return json.dumps(
            {"user": self.user, "host": self.host, "pid": self.pid, "since": self.since.isoformat()}
        )

    @classmethod
    def from_json(cls, text: str) -> Holder | None:
        """The holder, or None for a label that is not one of ours."""
        try:
            data = json.loads(text)
            user, host, pid = data["user"], data["host"], data["pid"]
            since = datetime.fromisoformat(data["since"])
        except (ValueError, TypeError, KeyError):
            return None
        if not (isinstance(user, str) and isinstance(host, str)):
            return None
        if type(pid) is not int or pid <= 0 or since.tzinfo is None:
            return None
        return cls(_clean(user), _clean(host), pid, since)


def _clean(name: str) -> str:
    """A name from a file, safe to show: no control characters, not too long."""
    text = "".join(char if char.isprintable() else " " for char in name).strip()
    return text if len(text) <= MAX_NAME_CHARS else text[: MAX_NAME_CHARS - 1] + "…"


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + LOCK_SUFFIX)


def holder_path(database: Path) -> Path:
    return database.with_name(database.name + HOLDER_SUFFIX)


def read_holder(database: Path) -> Holder | None:
    return _read_label(holder_path(database))


def _read_label(label: Path) -> Holder | None:
    try:
        with label.open("rb") as handle:
            raw = handle.read(MAX_HOLDER_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_HOLDER_BYTES:
        return None
    return Holder.from_json(raw.decode("utf-8", errors="replace"))


def _since_text(since: datetime, today: date) -> str:
    local = since.astimezone()
    clock = f"{local.hour}h{local.minute:02d}"
    if local.date() == today:
        return f"depuis {clock}"
    return f"depuis le {local:%d/%m/%Y} à {clock}"


def refusal_message(database: Path, holder: Holder | None, today: date | None = None) -> str:
    """Why ``database`` cannot be opened, in French, naming its holder when known."""
    advice = "Fermez CLU Desktop sur ce poste, ou ouvrez une autre base."
    if holder is None:
        return (
            f"La base « {database} » est déjà ouverte par une autre instance de CLU Desktop "
            "(sur ce poste ou sur un autre). Fermez-la, ou ouvrez une autre base."
        )
    who = f"par {holder.user} " if holder.user else ""
    host = holder.host or "inconnu"
    since = _since_text(holder.since, today or date.today())
    return (
        f"La base « {database} » est déjà ouverte {who}sur le poste {host} "
        f"(processus {holder.pid}) {since}. {advice}"
    )


@dataclass
class _Held:
    locks: list[FileLock]
    holder_files: list[Path]
    path_key: str


_held: dict[str, _Held] = {}
_guard = threading.Lock()


def _path_key(database: Path) -> str:
    return os.path.normcase(os.path.realpath(database))


def _identity(database: Path) -> str | None:
    """``device-inode`` of the file, shared by all its names; None when it does not exist
    yet or the system numbers no inodes."""
    try:
        status = os.stat(database)
    except OSError:
        return None
    return f"{status.st_dev}-{status.st_ino}" if status.st_ino else None


def identity_lock_path(identity: str) -> Path:
    from clu_desktop.store.location import data_dir

    return data_dir() / "locks" / f"{identity}{LOCK_SUFFIX}"


def _key(database: Path) -> str:
    identity = _identity(database)
    return f"inode:{identity}" if identity else _path_key(database)


def _find(database: Path) -> str | None:
    """The key this process holds ``database`` under, by its identity or its path."""
    for key in (_key(database), _path_key(database)):
        if key in _held:
            return key
    path_key = _path_key(database)
    return next((key for key, held in _held.items() if held.path_key == path_key), None)


def claim(database: Path) -> None:
    """Hold the lock of the SQLite file ``database`` until this process ends.

    Raises ``DatabaseInUse`` (French message naming the holder) when another process
    holds it, under this name or another (a hard link, a symbolic link); nothing is
    written then, except the empty lock files. ``database``'s folder must exist.
    """
    with _guard:
        if _find(database) is not None:
            return
        real = Path(os.path.realpath(database))  # the lock sits beside the real file
        identity = _identity(real)
        paths = [lock_path(real)]
        if identity is not None:
            paths.insert(0, identity_lock_path(identity))
        taken: list[FileLock] = []
        try:
            for path in paths:
                if path.parent != real.parent:
                    private_folder(path.parent)
                lock = FileLock(path, timeout=0, mode=PRIVATE_FILE_MODE, thread_local=False)
                lock.acquire()
                taken.append(lock)
        except Timeout:
            for lock in taken:
                lock.release()
            holder = _wait_for_holder([_label(path) for path in paths])
            raise DatabaseInUse(refusal_message(database, holder), holder) from None
        except OSError as exc:
            for lock in taken:
                lock.release()
            raise DatabaseError(
                f"Impossible de réserver la base « {database} » : {os_error_reason(exc)}."
            ) from exc
        labels = [_label(path) for path in paths]
        _held[_key(real)] = _Held(taken, labels, _path_key(database))
        for label in labels:
            _write_holder(label)
        if len(_held) == 1:
            atexit.register(release_all)
    logger.info("Holding %s for writing", database)


def _label(lock_file: Path) -> Path:
    return lock_file.with_name(lock_file.name + ".holder")


def _wait_for_holder(labels: list[Path]) -> Holder | None:
    """The holder's label; it may be a moment late, written just after the lock."""
    deadline = time.monotonic() + HOLDER_WAIT_SECONDS
    while True:
        holder = next(filter(None, map(_read_label, labels)), None)
        if holder is not None or time.monotonic() >= deadline:
            return holder
        time.sleep(0.05)


def _write_holder(path: Path) -> None:
    """Write the label whole, or not at all (the lock holds without it)."""
    try:
        write_atomically(path, Holder.current().to_json().encode("utf-8"))
    except UserError:
        logger.warning("Could not write %s", path, exc_info=True)


def release(database: Path) -> None:
    """Let ``database`` go (the label first, while the lock still protects it)."""
    with _guard:
        key = _find(database)
        held = _held.pop(key) if key is not None else None
    if held is not None:
        _release(held)


def release_all() -> None:
    with _guard:
        everything = list(_held.values())
        _held.clear()
    for held in everything:
        _release(held)


def _release(held: _Held) -> None:
    for label in held.holder_files:
        with contextlib.suppress(OSError):
            label.unlink()
    for lock in held.locks:
        lock.release()


def held_keys() -> frozenset[str]:
    """The files this process holds (keys for :func:`release_all_but`)."""
    with _guard:
        return frozenset(_held)


def release_all_but(keep: frozenset[str]) -> None:
    """Release the files claimed since :func:`held_keys` gave ``keep``."""
    with _guard:
        added = [_held.pop(key) for key in list(_held) if key not in keep]
    for held in added:
        _release(held)


def is_held(database: Path) -> bool:
    """Whether this process holds ``database``."""
    with _guard:
        return _find(database) is not None
