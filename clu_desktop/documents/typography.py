"""The one escaping function for reportlab, with French typography.

Every piece of user text goes through :func:`markup` before a ``Paragraph`` sees it:
control characters are removed, the French spacing rules of
:mod:`clu_desktop.french.typography` applied, and ``& < > " '`` escaped, so ``<b>x</b>``
or ``AT&T`` print literally.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from clu_desktop.french.typography import NBSP, clean, french

_QUOTES = {'"': "&quot;", "'": "&#39;"}


def markup(text: str | None) -> str:
    """User text made safe for a reportlab Paragraph, with French spacing."""
    return escape(french(clean(text)), _QUOTES)


def unbreakable(text: str | None) -> str:
    """Like :func:`markup`, every space made non-breaking (phone numbers, dates)."""
    return markup(text).replace(" ", NBSP)
