"""Deciding a text file's encoding for the whole file, never a guess per byte.

A file is read as UTF-8 (a byte-order mark accepted) when all of it is valid UTF-8. A
file that is not is read as Windows-1252 only when

- it holds no valid UTF-8 sequence of two bytes or more: a UTF-8 file with one stray
  Windows-1252 byte (« enquête » saved by two programs) is *mixed*, and would turn into
  « enquÃªte » whatever the choice; it is refused with the line of the first byte that
  is not UTF-8;
- every byte decodes in Windows-1252 (0x81, 0x8D, 0x8F, 0x90 and 0x9D do not);
- it holds none of the bytes whose character differs between Windows-1252 and
  ISO-8859-15 (Latin-9): 0xA4 is « ¤ » in one and « € » in the other, 0xBD « ½ » and
  « œ »… Those characters are rare in a French table; the file is refused with the line,
  asking to save it as UTF-8, rather than turning a euro into « ¤ » in silence.

Whether the decoded text holds control characters (a binary file) is the reader's check.
"""

from __future__ import annotations

import re

#: Bytes whose character differs between Windows-1252 and ISO-8859-15.
LATIN9_DIFFERS = b"\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe"
_LATIN9 = re.compile(b"[" + re.escape(LATIN9_DIFFERS) + b"]")
#: A well-formed UTF-8 sequence of two to four bytes.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
#: Searched in slices: one ``re`` call holds Python's lock for its whole run, and a file is
#: read in a worker thread while the window must go on answering.
_SLICE = 256 * 1024
SAVE_AS_UTF8 = "enregistrez-le en UTF-8 (« CSV UTF-8 » dans Excel ou LibreOffice) puis recommencez"


class EncodingProblem(ValueError):
    """Why a file's text cannot be decoded with certainty, with its line (from 1)."""

    def __init__(self, line: int, why: str) -> None:
        super().__init__(f"ligne {line} : {why}")
        self.line = line
        self.why = why


def _search(pattern: re.Pattern[bytes], data: bytes) -> re.Match[bytes] | None:
    """``pattern.search(data)``, slice by slice (a match is at most 4 bytes long)."""
    for start in range(0, len(data), _SLICE):
        # Matches starting in this slice, whose last bytes may lie in the next one.
        found = pattern.search(data, start, start + _SLICE + 3)
        if found is not None and found.start() < start + _SLICE:
            return found
    return None


def line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _byte(data: bytes, offset: int) -> str:
    return f"0x{data[offset]:02X}"


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 (BOM accepted), or EncodingProblem naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingProblem(
            line_of(data, exc.start),
            f"octet {_byte(data, exc.start)} illisible, le fichier n'est pas en UTF-8 : "
            "enregistrez-le en UTF-8, l'encodage qu'écrit l'export d'une séance",
        ) from None


def decode_text(data: bytes) -> tuple[str, str]:
    """The whole file's text and its encoding (« UTF-8 » or « Windows-1252 »)."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    sequence = _search(_UTF8_SEQUENCE, data)
    if sequence is not None:
        raise EncodingProblem(
            line_of(data, first_bad),
            f"octet {_byte(data, first_bad)} illisible en UTF-8, alors que la ligne "
            f"{line_of(data, sequence.start())} est en UTF-8 : le fichier mélange deux "
            f"encodages ; {SAVE_AS_UTF8}",
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise EncodingProblem(
            line_of(data, exc.start),
            f"octet {_byte(data, exc.start)} illisible en UTF-8 comme en Windows-1252 ; "
            f"{SAVE_AS_UTF8}",
        ) from None
    ambiguous = _search(_LATIN9, data)
    if ambiguous is not None:
        offset = ambiguous.start()
        latin1 = data[offset : offset + 1].decode("cp1252")
        latin9 = data[offset : offset + 1].decode("iso8859-15")
        raise EncodingProblem(
            line_of(data, offset),
            f"octet {_byte(data, offset)} qui se lit « {latin1} » en Windows-1252 mais "
            f"« {latin9} » en ISO-8859-15 : l'encodage est incertain ; {SAVE_AS_UTF8}",
        )
    return text, "Windows-1252"
