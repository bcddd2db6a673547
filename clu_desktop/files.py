"""Writing files so that a crash never leaves half a file over the previous one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from clu_desktop.errors import UserError


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, flush it, then rename it."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise UserError(f"Impossible d'écrire dans « {path.parent} » : {exc.strerror}.") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise UserError(f"Impossible d'écrire « {path} » : {exc.strerror}.") from exc
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
