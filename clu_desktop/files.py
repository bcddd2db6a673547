"""Writing files: privately (0600 files, 0700 folders, whatever the umask), whole (a crash
never leaves half a file over the previous one), only to what is a regular file, and with
the operating system's errors told in French.

Every file CLU Desktop creates holds personal data (the database and its copies, the
log, the settings, the documents and exports), so each is created readable by the user
only: :func:`private_folder` for folders, :func:`create_private_file` and
:func:`write_atomically` for files, :func:`private_opener` for ``open()``. On Windows the
user's profile folders are private already; the modes are then left to Windows.

An output named by the user (``-o``, a file chosen in the window) goes through
:func:`output_target`: a FIFO, a device or a socket is refused (writing to it would
block or send the data elsewhere); a symbolic link is followed knowingly when it leads
to a regular file (that file is replaced, the link stays) and refused otherwise.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from clu_desktop.errors import UserError

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700
#: Whether modes mean anything here (Linux, macOS): Windows keeps its own ACLs.
POSIX = os.name == "posix"

DISK_FULL = (
    "Le disque est plein : la modification n'a pas été enregistrée ; libérez de la place "
    "puis recommencez."
)


def os_error_message(exc: OSError, path: object = None, done: str = "rien n'a été écrit") -> str:
    """The French message for ``exc`` met while writing ``path`` (``done`` says what
    became of the write). The common errors are translated; the others keep their code."""
    where = path if path is not None else exc.filename
    name = f"« {where} »" if where is not None else "Le fichier"
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        if done == "rien n'a été écrit":
            return (
                f"Le disque est plein : {name} n'a pas été écrit ; libérez de la place "
                "puis recommencez."
            )
        return f"Le disque est plein : {done} ; libérez de la place puis recommencez."
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"Accès refusé à {name} : {done}. Vérifiez les droits du fichier et de son "
            "dossier, ou choisissez un autre emplacement."
        )
    if code == errno.EROFS:
        return (
            f"{name} est sur un support en lecture seule : {done}. Choisissez un autre emplacement."
        )
    if code == errno.EISDIR:
        return f"{name} est un dossier : {done}. Indiquez un nom de fichier."
    if code in (errno.ENOENT, errno.ENOTDIR):
        return (
            f"{name} ou son dossier n'existe plus (supprimé, déplacé ou support retiré) : "
            f"{done}. Choisissez un emplacement qui existe."
        )
    label = errno.errorcode.get(code, str(code)) if code is not None else type(exc).__name__
    return (
        f"Le système a refusé l'accès à {name} (erreur {label}) : {done}. Vérifiez "
        "l'emplacement puis recommencez."
    )


_REASONS = {
    errno.ENOSPC: "le disque est plein",
    errno.EACCES: "accès refusé",
    errno.EPERM: "accès refusé",
    errno.EROFS: "support en lecture seule",
    errno.EISDIR: "c'est un dossier",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "fichier ou dossier introuvable",
}


def os_error_reason(exc: OSError) -> str:
    """A few French words for ``exc``, to put in a sentence (where ``exc.strerror``, in
    English, was): « impossible de lire « x » (accès refusé) »."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    if exc.errno is None:
        return f"erreur {type(exc).__name__}"
    return f"erreur {errno.errorcode.get(exc.errno, exc.errno)}"


def database_error_message(exc: BaseException) -> str | None:
    """The French message for a database error that comes from the disk (full, read
    only, vanished), or None for another error. ``exc`` is a sqlite3 error or a
    SQLAlchemy error wrapping one."""
    original = getattr(exc, "orig", exc)
    if isinstance(original, OSError):
        return os_error_message(original, done="la modification n'a pas été enregistrée")
    text = str(original).lower()
    if "database or disk is full" in text or "disk full" in text:
        return DISK_FULL
    if "readonly database" in text or "read-only" in text:
        return (
            "La base est en lecture seule (fichier, dossier ou support protégé) : la "
            "modification n'a pas été enregistrée. Vérifiez les droits, puis relancez."
        )
    if "disk i/o error" in text or "unable to open database file" in text:
        return (
            "La base ne peut plus être écrite (support retiré, fichier déplacé ou "
            "supprimé) : la modification n'a pas été enregistrée. Vérifiez le support, "
            "puis relancez."
        )
    return None


def _make_private(path: Path, mode: int) -> None:
    if POSIX:
        os.chmod(path, mode)


def private_folder(folder: Path | str) -> Path:
    """``folder``, created with its missing parents; each folder created here is 0700
    (those that existed keep their mode). OSError when one cannot be created."""
    folder = Path(folder)
    missing = []
    current = folder
    while not os.path.lexists(current) and current.parent != current:
        missing.append(current)
        current = current.parent
    for each in reversed(missing):
        try:
            each.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:
            continue
        _make_private(each, PRIVATE_FOLDER_MODE)  # the umask may have taken bits off
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    return folder


def tighten(path: Path | str, mode: int = PRIVATE_FILE_MODE) -> bool:
    """Take the group's and others' rights off an existing file or folder of this user
    (made by an older version, or copied in with the umask's mode). True when changed;
    a path that is missing, another user's or already private is left as it is."""
    if not POSIX:
        return False
    try:
        status = os.stat(path)
        if status.st_uid != os.getuid() or not stat.S_IMODE(status.st_mode) & 0o077:
            return False
        os.chmod(path, stat.S_IMODE(status.st_mode) & mode)
    except OSError:
        return False
    return True


def private_opener(path: str, flags: int) -> int:
    """An ``opener`` for :func:`open`: a file it creates is 0600 whatever the umask."""
    existed = os.path.exists(path)
    descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    if not existed and POSIX:
        os.fchmod(descriptor, PRIVATE_FILE_MODE)
    return descriptor


def create_private_file(path: Path | str) -> bool:
    """Create the empty file ``path`` (and its folder) 0600, unless it exists. True when
    created. A SQLite database created so makes its -wal and -shm 0600 too: SQLite gives
    them the main file's mode."""
    path = Path(path)
    private_folder(path.parent)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    try:
        if POSIX:
            os.fchmod(descriptor, PRIVATE_FILE_MODE)
    finally:
        os.close(descriptor)
    return True


def output_target(path: Path | str) -> Path:
    """The file to replace when writing ``path``: ``path`` itself, or the regular file a
    symbolic link leads to. A folder, a FIFO, a device, a socket, a link leading nowhere
    or to anything but a regular file is refused (UserError)."""
    path = Path(path)
    try:
        is_link = path.is_symlink()
        target = path.resolve(strict=True) if is_link else path
        mode = target.stat().st_mode if is_link or path.exists() else None
    except FileNotFoundError:
        raise UserError(
            f"« {path} » est un lien symbolique qui ne mène à aucun fichier : choisissez "
            "un fichier ordinaire. Rien n'a été écrit."
        ) from None
    except (RuntimeError, OSError) as exc:  # a loop of links (RuntimeError or ELOOP)
        if isinstance(exc, OSError) and exc.errno != errno.ELOOP:
            raise UserError(os_error_message(exc, path)) from exc
        raise UserError(
            f"« {path} » est un lien symbolique qui tourne en rond : choisissez un fichier "
            "ordinaire. Rien n'a été écrit."
        ) from None
    if mode is None or stat.S_ISREG(mode):
        return target
    if stat.S_ISDIR(mode):
        raise UserError(
            f"« {path} » est un dossier : indiquez un nom de fichier. Rien n'a été écrit."
        )
    kind = (
        "un tube (FIFO)"
        if stat.S_ISFIFO(mode)
        else "une socket"
        if stat.S_ISSOCK(mode)
        else "un périphérique"
    )
    through = " (par un lien symbolique)" if is_link else ""
    raise UserError(
        f"« {path} » est {kind}{through}, pas un fichier ordinaire : choisissez un "
        "fichier. Rien n'a été écrit."
    )


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to a private temporary file beside ``path``, flush it, then
    rename it over ``path`` (or over the regular file a symbolic link ``path`` leads to,
    see :func:`output_target`). The file written is 0600."""
    target = output_target(path)
    try:
        private_folder(target.parent)
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise UserError(os_error_message(exc, target.parent)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            if POSIX:
                os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise UserError(os_error_message(exc, target)) from exc
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
