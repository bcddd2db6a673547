"""A text file's encoding is decided for the whole file: UTF-8, or Windows-1252 when all
of it is and nothing is ambiguous; a mixed or ambiguous file is refused with its line."""

from __future__ import annotations

import pytest

from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_table import read_table
from clu_desktop.interchange.text_encoding import EncodingProblem, decode_text
from clu_desktop.interchange.validation import MeetingFileError, parse_json

HEADER = "indicateur;période;site;valeur;commentaire\r\n"


def _csv(tmp_path, data: bytes):
    path = tmp_path / "valeurs.csv"
    path.write_bytes(data)
    return path


def test_utf8_with_or_without_bom():
    assert decode_text("enquête €".encode()) == ("enquête €", "UTF-8")
    assert decode_text(b"\xef\xbb\xbf" + "enquête".encode()) == ("enquête", "UTF-8")


def test_a_whole_windows_1252_file():
    assert decode_text("enquête « œuvre » 5 €".encode("cp1252")) == (
        "enquête « œuvre » 5 €",
        "Windows-1252",
    )


def test_a_utf8_file_with_one_windows_1252_byte_is_refused_with_its_line(tmp_path):
    data = (HEADER + "SATISFACTION;2023;;93;réunion\r\n").encode() + (
        "SATISFACTION;2024;;94;enquête\r\n".encode("cp1252")
    )
    with pytest.raises(EncodingProblem) as caught:
        decode_text(data)
    assert caught.value.line == 3
    with pytest.raises(UserError) as refused:
        read_table(_csv(tmp_path, data))
    message = str(refused.value)
    assert "ligne 3" in message and "0xEA" in message and "mélange" in message
    assert "UTF-8" in message


@pytest.mark.parametrize(
    ("text", "byte"),
    [("5 €", b"\xa4"), ("cœur", b"\xbd"), ("Œuvre", b"\xbc"), ("Škoda", b"\xa6")],
)
def test_iso_8859_15_is_not_read_as_windows_1252(tmp_path, text, byte):
    data = (HEADER + f"SATISFACTION;2023;;93;{text}\r\n").encode("iso8859-15")
    assert byte in data
    with pytest.raises(UserError) as refused:
        read_table(_csv(tmp_path, data))
    message = str(refused.value)
    assert "ligne 2" in message and "ISO-8859-15" in message and "UTF-8" in message
    assert "¤" not in read_table(_csv(tmp_path, data.replace(byte, b"E"))).rows[0][4]


def test_a_byte_undefined_in_windows_1252_is_refused_with_its_line(tmp_path):
    data = HEADER.encode() + b"SATISFACTION;2023;;93;a\x81b\r\n"
    with pytest.raises(UserError, match="ligne 2"):
        read_table(_csv(tmp_path, data))


def test_a_meeting_file_not_in_utf8_names_the_line():
    raw = '{\n  "format": "clu-desktop-meeting",\n  "titre": "enquête"\n}'.encode("cp1252")
    with pytest.raises(MeetingFileError) as caught:
        parse_json(raw, "séance.json")
    assert "ligne 3" in str(caught.value) and "UTF-8" in str(caught.value)
