"""The one escaping function for reportlab, with French typography.

Every piece of user text goes through :func:`markup` before a ``Paragraph`` sees it:
control characters are removed, the French spacing rules of
:mod:`clu_desktop.french.typography` applied, and ``& < > " '`` escaped, so ``<b>x</b>``
or ``AT&T`` print literally.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from clu_desktop.french.typography import NBSP, clean, french

_QUOTES = {'"': "&quot;", "'": "&#39;"}


def markup(text: str | None) -> str:
    """User text made safe for a reportlab Paragraph, with French spacing."""
    return escape(french(clean(text)), _QUOTES)


#: What XML 1.0 does not allow, beyond the control characters ``clean`` removes.
_NOT_XML = re.compile("[\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text: str) -> str:
    """Outline text made safe inside an XML element (the .docx and .odt writers):
    ``& < >`` escaped, the characters XML cannot hold removed."""
    return escape(_NOT_XML.sub("", text))


def unbreakable(text: str | None) -> str:
    """Like :func:`markup`, every space made non-breaking (phone numbers, dates)."""
    return markup(text).replace(" ", NBSP)
