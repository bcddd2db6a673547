"""The documents' fonts: DejaVu Sans, or the user's own files, embedded in the PDF.

Fonts are registered with reportlab once per process (per set of files) and embedded as
subsets by ``TTFont``. The user's files (settings: "Police normale" / "Police grasse") are
used when they are set and readable; otherwise DejaVu Sans: the bundle's own copy
(build.spec puts it in resources/fonts/, as a Windows workstation has none), else the
system's, from the Debian package ``fonts-dejavu-core``.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from clu_desktop.errors import UserError
from clu_desktop.resources import resource_path

DEJAVU_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold_italic": "DejaVuSans-BoldOblique.ttf",
}
#: The system's folders, looked in after the bundle's own copy (resources/fonts).
DEJAVU_FOLDERS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu (fonts-dejavu-core)
    "/usr/share/fonts/dejavu",  # Fedora
    "/usr/share/fonts/TTF",  # Arch
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
)
MISSING_FONTS = (
    "Police introuvable : les documents utilisent DejaVu Sans. Installez le paquet "
    "« fonts-dejavu-core » (sudo apt-get install fonts-dejavu-core) ou choisissez vos "
    "propres polices dans Fichier › Paramètres."
)


@dataclass(frozen=True)
class FontSet:
    """The reportlab names of a family's four faces."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


_lock = threading.Lock()
_registered: dict[tuple[str, ...], FontSet] = {}


def _readable(path: str | None) -> Path | None:
    if not path:
        return None
    candidate = Path(path).expanduser()
    return candidate if candidate.is_file() and os.access(candidate, os.R_OK) else None


def dejavu_files() -> dict[str, Path] | None:
    """The four DejaVu Sans files from the first folder that holds them all: the
    bundle's copy first, so the documents print the same on every workstation."""
    for folder in (resource_path("fonts"), *DEJAVU_FOLDERS):
        base = Path(folder).expanduser()
        files = {face: base / name for face, name in DEJAVU_FILES.items()}
        if all(_readable(str(p)) for p in files.values()):
            return files
    return None


def _register(family: str, files: dict[str, Path]) -> FontSet:
    """Register the faces (a face may share another's file) and the family's mapping."""
    names: dict[str, str] = {}
    loaded: dict[Path, str] = {}
    for face, path in files.items():
        if path not in loaded:
            name = f"{family}-{face}"
            pdfmetrics.registerFont(TTFont(name, str(path)))
            loaded[path] = name
        names[face] = loaded[path]
    fonts = FontSet(family, names["regular"], names["bold"], names["italic"], names["bold_italic"])
    faces: tuple[tuple[Literal[0, 1], Literal[0, 1], str], ...] = (
        (0, 0, fonts.regular),
        (1, 0, fonts.bold),
        (0, 1, fonts.italic),
        (1, 1, fonts.bold_italic),
    )
    for bold, italic, name in faces:
        addMapping(family, bold, italic, name)
    return fonts


def _user_files(font_path: str | None, font_bold_path: str | None) -> dict[str, Path] | None:
    regular = _readable(font_path)
    if regular is None:
        return None
    bold = _readable(font_bold_path) or regular
    return {"regular": regular, "bold": bold, "italic": regular, "bold_italic": bold}


def document_fonts(font_path: str | None = None, font_bold_path: str | None = None) -> FontSet:
    """The fonts to print with: the user's when readable, else DejaVu Sans.

    Raises a French UserError when neither can be loaded.
    """
    with _lock:
        user = _user_files(font_path, font_bold_path)
        if user is not None:
            key = tuple(str(user[face]) for face in DEJAVU_FILES)
            if key in _registered:
                return _registered[key]
            try:
                fonts = _register(f"CluUser{len(_registered)}", user)
            except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError):
                pass  # an unusable file: print with DejaVu Sans rather than fail
            else:
                _registered[key] = fonts
                return fonts
        dejavu = dejavu_files()
        if dejavu is None:
            raise UserError(MISSING_FONTS)
        key = tuple(str(dejavu[face]) for face in DEJAVU_FILES)
        if key not in _registered:
            try:
                _registered[key] = _register("CluDejaVuSans", dejavu)
            except (TTFError, OSError) as exc:
                raise UserError(MISSING_FONTS) from exc
        return _registered[key]
