"""Text no file can carry: lone UTF-16 surrogates.

JSON may escape one (``"\\ud800"``) without its other half; Python decodes it into a
string that SQLite, a PDF or any UTF-8 file then refuses with a UnicodeEncodeError. Such
text is found before anything is imported, and its place named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def surrogate_paths(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple]:
    """The path of every string (or object key) in ``data`` holding a lone surrogate."""
    stack = [(data, path)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            if has_surrogate(value):
                yield where
        elif isinstance(value, dict):
            for key, item in value.items():
                if has_surrogate(key):
                    yield where
                stack.append((item, (*where, key)))
        elif isinstance(value, list):
            stack.extend((item, (*where, index)) for index, item in enumerate(value))
