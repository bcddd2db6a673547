"""The page's own temporary folder: the generated PDFs it previews and the copies it
hands to the system's viewer. Removed when the page goes (or at the latest when the
program ends)."""

from __future__ import annotations

import contextlib
import itertools
import tempfile
from pathlib import Path

from clu_desktop.errors import UserError
from clu_desktop.files import os_error_reason, write_atomically


class Workspace:
    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(
            prefix="clu-documents-", ignore_cleanup_errors=True
        )
        self._numbers = itertools.count(1)

    @property
    def path(self) -> Path:
        return Path(self._folder.name)

    def new_file(self, stem: str) -> Path:
        """A path no file has had yet: the preview still reads the previous one."""
        return self.path / f"{stem}-{next(self._numbers)}.pdf"

    def discard(self, path: Path | None) -> None:
        """Remove a file no longer shown (a viewer may still hold it: then it stays)."""
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    def viewer_copy(self, source: Path, name: str) -> Path:
        """A copy of ``source`` named ``name`` (the viewer shows it in its title), in a
        folder of its own so that a viewer holding an older copy is no obstacle."""
        folder = self.path / f"visionneuse-{next(self._numbers)}"
        target = folder / name
        save_copy(source, target)
        return target

    def cleanup(self) -> None:
        self._folder.cleanup()


def save_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` atomically (a temporary file beside the target,
    then renamed): a failure never leaves half a file over an existing one."""
    try:
        content = Path(source).read_bytes()
    except OSError as exc:
        raise UserError(
            f"Le document généré « {Path(source).name} » ne peut pas être lu "
            f"({os_error_reason(exc)})."
        ) from exc
    write_atomically(Path(target), content)
