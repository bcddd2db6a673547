"""What the command line writes to a terminal: never a control character from a file.

A title, a name or a file name read from an imported file may hold ESC sequences (colours,
cursor moves, an OSC that sets the window's title or writes a link), a carriage return
that hides the start of a line, or C1 controls some terminals obey. Every line the
command line writes goes through :func:`terminal_safe`: such characters are shown as
Python escapes (« \\x1b »), visible and harmless; newlines and tabs are kept.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

#: C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides
#: and isolates that reorder what a terminal shows (« Trojan Source »).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    return _UNSAFE.sub(_escape, text)


class SafeStream:
    """A text stream that writes :func:`terminal_safe` text to ``stream``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(terminal_safe(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def safe_output() -> Iterator[None]:
    """sys.stdout and sys.stderr escape control characters while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (
        s if s is None or isinstance(s, SafeStream) else SafeStream(s) for s in saved
    )
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
