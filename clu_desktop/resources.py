"""Where the application's own files are: resources/, installed or in a checkout. (The
Designer forms of ui/ are compiled into clu_desktop/gui/forms/: nothing reads them at
run time.)"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    installed = _PACKAGE / name  # a wheel carries them inside the package
    return installed if installed.is_dir() else _PACKAGE.parent / name


def resource_path(*parts: str) -> Path:
    return _folder("resources").joinpath(*parts)


DEMO_MEETING = ("demo", "clu-2023-12-20.json")
GUIDE = ("guide", "guide.html")
