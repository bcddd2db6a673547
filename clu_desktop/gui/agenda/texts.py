"""User text as the agenda page's lists show it: shortened previews, tooltips that never
read markup such as « <b> » as formatting."""

from __future__ import annotations

import html

PREVIEW_CHARS = 160


def preview(text: str) -> str:
    """The text on one line, cut with "…" after PREVIEW_CHARS characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[: PREVIEW_CHARS - 1] + "…"


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip showing ``text`` literally (Qt would render « <b>x</b> » in bold)."""
    if not text:
        return None
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
