"""Passwords are never shown: the one function that hides them in any text.

``mask`` is applied to everything that shows where the data is, or an error about it: the
window's title and status bar, the messages, the log. It works on text, without parsing
it as a URL (a malformed URL must be masked too), and hides:

- the password of a URL's user (``scheme://user:password@host``), up to the last ``@``;
- a ``password=`` (or ``sslpassword=``, ``passwd=``, ``pwd=``…) value, in a URL's query
  (its key percent-decoded) or in a libpq key/value string (``host=h password='a b'``);
- every password given in ``known`` (those of the URL being opened), wherever it appears
  in the text, as typed or percent-decoded (a driver's message may repeat it).

No SQLAlchemy here: the window's start masks its title before the heavy modules load.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote_plus

HIDDEN = "***"
#: A known password shorter than this is hidden where it stands (after "user:", after
#: "password="), not everywhere: replacing every "ab" would garble the message.
MIN_KNOWN = 4

#: A key whose value is a secret: password, sslpassword, passwd, pwd…
SECRET_KEY = re.compile(r"pass|pwd", re.IGNORECASE)
#: scheme://user:secret@ — the secret runs to the last "@" of the line (a password may
#: hold "@", "/", ":" or a space; hiding too much is harmless).
_USERINFO = re.compile(r"(?P<head>[A-Za-z][\w+.-]*://[^:/@\s?#]*):(?P<secret>[^\r\n]*)@")
#: scheme://host:port with no user: a "port" that is not a number may be a password typed
#: without its "@" ("postgresql://clu:secret/base").
_BAD_PORT = re.compile(
    r"(?P<head>[A-Za-z][\w+.-]*://[^:/@\s?#]*):"
    r"(?P<secret>(?=[^/@\s?#]*[^\d/@\s?#])[^/@\s?#]+)(?=[/?#\s]|$)"
)
#: key=value, in a query ("?password=x&…") or a libpq string ("password = 'a b'").
_PAIR = re.compile(
    r"(?P<key>(?<![\w%])[\w%.+-]+)(?P<eq>\s*=\s*)"
    r"(?P<value>'(?:[^'\\]|\\.)*'?|\"(?:[^\"\\]|\\.)*\"?|[^\s&;#'\"]*)"
)


def _pair(match: re.Match[str]) -> str:
    key = unquote_plus(match["key"])
    if not SECRET_KEY.search(key):
        return match[0]
    return f"{match['key']}{match['eq']}{HIDDEN}"


#: The passwords of the databases this process opened (``remember``): masked in every
#: text, the log included, wherever they appear.
_REMEMBERED: set[str] = set()


def remember(passwords: list[str] | tuple[str, ...]) -> None:
    """Mask ``passwords`` in every text from now on (``resolve_url`` calls it)."""
    _REMEMBERED.update(secret for secret in passwords if secret)


def mask(text: str, known: Sequence[str | None] = ()) -> str:
    """``text`` with every password in it replaced by ``***``."""
    text = str(text)
    secrets = {secret for secret in (*known, *_REMEMBERED) if secret}
    for secret in sorted(secrets, key=len, reverse=True):
        for form in {secret, unquote_plus(secret)}:
            if len(form) >= MIN_KNOWN:
                text = text.replace(form, HIDDEN)
    text = _USERINFO.sub(lambda m: f"{m['head']}:{HIDDEN}@", text)
    text = _BAD_PORT.sub(lambda m: f"{m['head']}:{HIDDEN}", text)
    return _PAIR.sub(_pair, text)


def passwords_in(raw: str | None) -> list[str]:
    """The passwords a database target holds (for ``mask``'s ``known``): the URL's user's,
    and every secret key/value of its query or libpq string."""
    if not raw:
        return []
    found: list[str] = []
    userinfo = _USERINFO.search(raw)
    if userinfo:
        found.append(userinfo["secret"])
    for match in _PAIR.finditer(raw):
        if SECRET_KEY.search(unquote_plus(match["key"])):
            value = match["value"]
            if value[:1] in "'\"":
                value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
            found.append(value)
    return [secret for secret in found if secret]


_PARAMETERS = re.compile(r"^\[parameters: .*$", re.MULTILINE)
_DETAIL = re.compile(r"^(?P<head>\s*DETAIL:).*$", re.MULTILINE)
PARAMETERS_HIDDEN = "[parameters: non journalisés (données personnelles)]"
DETAIL_HIDDEN = "(non journalisé : il peut contenir des données personnelles)"


def private(text: str) -> str:
    """``text`` fit for the log: passwords masked, and no value a database error carries
    (SQLAlchemy's ``[parameters: …]``, PostgreSQL's ``DETAIL: Key (email)=(…)``): the
    error's type and statement stay."""
    text = _PARAMETERS.sub(PARAMETERS_HIDDEN, mask(text))
    return _DETAIL.sub(lambda m: f"{m['head']} {DETAIL_HIDDEN}", text)


def error_summary(error: BaseException) -> str:
    """One error for a dialog: its type and message; for a database error, its type, the
    driver's error and the statement, never the values (``private``)."""
    orig = getattr(error, "orig", None)
    statement = getattr(error, "statement", None)
    if orig is None and statement is None:
        return private(f"{type(error).__name__} : {error}")
    lines = [f"{type(error).__name__}"]
    if orig is not None:
        first = (str(orig).strip().splitlines() or [""])[0]
        lines[0] += f" ({type(orig).__name__} : {first})"
    if statement:
        lines.append(f"SQL : {statement}")
    return private("\n".join(lines))
