"""Is a SQLite file on a network share? SQLite's locking, and its WAL mode, are not safe
there (https://www.sqlite.org/useovernet.html): such a file is refused, with advice to
use the shared mode (PostgreSQL) to work together.

Detection never raises: when the file system cannot be told, the file is taken as local.

- Linux: the file system type of the longest mount point of /proc/self/mountinfo that
  holds the file (:func:`linux_filesystem_type`, tested with sample lines).
- Windows: a UNC path (\\\\server\\share\\...), or a drive letter whose
  ``GetDriveTypeW`` is ``DRIVE_REMOTE`` (a mapped network drive).
- macOS: ``statfs``'s ``f_fstypename`` (nfs, smbfs, afpfs, webdav...).
"""

from __future__ import annotations

import logging
import ntpath
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from clu_desktop.errors import DatabaseError

logger = logging.getLogger(__name__)

#: File system types (as Linux's mountinfo and macOS's statfs name them) of network shares.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncp",
        "ncpfs",
        "afs",
        "afpfs",
        "coda",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "davfs",
        "webdav",
        "ftp",
        "fuse.sshfs",
        "fuse.davfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.ceph-fuse",
        "fuse.smbnetfs",
        "fuse.curlftpfs",
        "fuse.gvfsd-fuse",  # GNOME's mounts of smb://, sftp://, dav:// places
    }
)

MOUNTINFO = Path("/proc/self/mountinfo")
DRIVE_REMOTE = 4  # GetDriveTypeW


def refusal_message(path: Path) -> str:
    return (
        f"La base « {path} » est sur un partage réseau : SQLite n'y garantit pas le "
        "verrouillage, des données pourraient être perdues. Pour travailler à plusieurs, "
        "utilisez le mode partagé avec PostgreSQL (--db postgresql+psycopg://…). "
        "Pour travailler seul, placez la base sur un disque de ce poste."
    )


def refuse_network_share(path: Path) -> None:
    """Raise ``DatabaseError`` if the SQLite file ``path`` is on a network share."""
    if is_on_network_share(path):
        raise DatabaseError(refusal_message(path))


def is_on_network_share(path: Path) -> bool:
    try:
        if sys.platform == "win32":
            return windows_path_is_remote(str(path.absolute()), _windows_drive_type)
        if sys.platform == "darwin":
            return (_macos_filesystem_type(_existing(path)) or "") in NETWORK_FILESYSTEMS
        mountinfo = MOUNTINFO.read_text("utf-8", errors="replace")
        kind = linux_filesystem_type(os.path.realpath(path), mountinfo.splitlines())
        return is_network_filesystem(kind)
    except Exception:  # never refuse, nor crash, on a detection that failed
        logger.warning("Could not tell the file system of %s", path, exc_info=True)
        return False


def is_network_filesystem(kind: str | None) -> bool:
    return kind is not None and kind.lower() in NETWORK_FILESYSTEMS


def _existing(path: Path) -> Path:
    """``path``, or its nearest existing folder (a new database has no file yet)."""
    path = path.absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


# ------------------------------------------------------------------------------ Linux

_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")


def _unescape(field: str) -> str:
    """mountinfo writes a space as \\040, a tab as \\011, a backslash as \\134..."""
    return _OCTAL_ESCAPE.sub(lambda match: chr(int(match.group(1), 8)), field)


def parse_mountinfo(lines: Iterable[str]) -> list[tuple[str, str]]:
    """(mount point, file system type) of each well-formed line, in the file's order.

    A line: ``36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=...``:
    the mount point is the 5th field, the type the first after the lone "-".
    """
    mounts = []
    for line in lines:
        fields = line.split()
        if "-" not in fields:
            continue
        separator = fields.index("-")
        if separator < 5 or separator + 1 >= len(fields):
            continue
        mounts.append((_unescape(fields[4]), fields[separator + 1]))
    return mounts


def linux_filesystem_type(path: str, mountinfo_lines: Iterable[str]) -> str | None:
    """The file system type of the longest mount point holding ``path`` (absolute,
    symbolic links resolved); of two mounts on one point, the later hides the earlier."""
    best: tuple[int, str] | None = None
    for mount_point, kind in parse_mountinfo(mountinfo_lines):
        inside = (
            path == mount_point
            or mount_point == "/"
            or path.startswith(mount_point.rstrip("/") + "/")
        )
        if inside and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), kind)
    return best[1] if best else None


# ---------------------------------------------------------------------------- Windows


def windows_path_is_remote(path: str, drive_type: Callable[[str], int]) -> bool:
    r"""A UNC path (\\server\share, \\?\UNC\server\share), or a drive letter that
    ``drive_type`` (``GetDriveTypeW``) says is a network drive."""
    normalized = path.replace("/", "\\")
    upper = normalized.upper()
    if upper.startswith("\\\\?\\UNC\\"):
        return True
    if upper.startswith(("\\\\?\\", "\\\\.\\")):  # a local path in extended form
        normalized = normalized[4:]
    elif normalized.startswith("\\\\"):
        return True
    drive, _rest = ntpath.splitdrive(normalized)
    if len(drive) == 2 and drive[1] == ":":
        return drive_type(drive + "\\") == DRIVE_REMOTE
    return False


def _windows_drive_type(root: str) -> int:
    import ctypes

    # ctypes.windll exists on Windows only: checked on Linux, mypy does not know it.
    drive_type: int = ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]
    return drive_type


# ------------------------------------------------------------------------------ macOS


def _macos_filesystem_type(path: Path) -> str | None:
    """``f_fstypename`` of ``statfs(path)`` (64-bit inode layout, the only one of macOS
    on Apple silicon and the default since 10.6 on Intel)."""
    import ctypes
    import platform

    class StatFs(ctypes.Structure):
        _fields_ = [
            ("f_bsize", ctypes.c_uint32),
            ("f_iosize", ctypes.c_int32),
            ("f_blocks", ctypes.c_uint64),
            ("f_bfree", ctypes.c_uint64),
            ("f_bavail", ctypes.c_uint64),
            ("f_files", ctypes.c_uint64),
            ("f_ffree", ctypes.c_uint64),
            ("f_fsid", ctypes.c_int32 * 2),
            ("f_owner", ctypes.c_uint32),
            ("f_type", ctypes.c_uint32),
            ("f_flags", ctypes.c_uint32),
            ("f_fssubtype", ctypes.c_uint32),
            ("f_fstypename", ctypes.c_char * 16),
            ("f_mntonname", ctypes.c_char * 1024),
            ("f_mntfromname", ctypes.c_char * 1024),
            ("f_flags_ext", ctypes.c_uint32),
            ("f_reserved", ctypes.c_uint32 * 7),
        ]

    libc = ctypes.CDLL("/usr/lib/libSystem.dylib", use_errno=True)
    name = "statfs$INODE64" if platform.machine() == "x86_64" else "statfs"
    statfs = getattr(libc, name)
    statfs.argtypes = [ctypes.c_char_p, ctypes.POINTER(StatFs)]
    result = StatFs()
    if statfs(os.fsencode(path), ctypes.byref(result)) != 0:
        return None
    name_bytes: bytes = result.f_fstypename
    return name_bytes.decode("ascii", "replace")
