"""What a meeting file may not hold, found in one pass before the schema is checked:
text with lone UTF-16 surrogates, and more records than can be checked in seconds.

Checking a file against the schema takes about 0.2 ms a record: MAX_RECORDS (20,000
objects: people, attendance lines, actions…) keeps it within a few seconds, where a
CLU's meeting holds a few hundred. Embedded PDF annexes are one string each: they count
for the file's size (MAX_FILE_BYTES), not here.

Surrogates:
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


def surrogate_paths(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The path of every string (or object key) in ``data`` holding a lone surrogate."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, path)]
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


MAX_RECORDS = 20_000


def count_records(data: Any, limit: int = MAX_RECORDS) -> int:
    """The number of objects in ``data``, counted up to just past ``limit``."""
    count, stack = 0, [data]
    while stack and count <= limit:
        value = stack.pop()
        if isinstance(value, dict):
            count += 1
            stack.extend(v for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, dict | list))
    return count
