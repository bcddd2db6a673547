"""Text files in mixed or ambiguous encodings: refused with the line, never mis-decoded."""

from __future__ import annotations

from hypothesis import event, given
from hypothesis import strategies as st

from clu_desktop.interchange.text_encoding import LATIN9_DIFFERS, EncodingProblem, decode_text

# Lower-case French letters: in Windows-1252 none of them is a UTF-8 continuation byte,
# so a line written in Windows-1252 can never pass for UTF-8 by chance.
PLAIN = "abcdefghijklmnopqrstuvwxyz ;0123456789éèêàâîôûùç"
lines = st.lists(st.text(PLAIN, max_size=30), min_size=1, max_size=8)


@given(lines=lines, latin_line=st.integers(0, 7))
def test_a_utf8_file_with_windows_1252_lines_is_refused_at_the_first(lines, latin_line):
    latin_line %= len(lines)
    encoded = [
        line.encode("cp1252" if i == latin_line else "utf-8") for i, line in enumerate(lines)
    ]
    data = b"\n".join(encoded)
    utf8_elsewhere = any(not line.isascii() for i, line in enumerate(lines) if i != latin_line)
    try:
        text, encoding = decode_text(data)
    except EncodingProblem as exc:
        event("refusé")
        assert exc.line == latin_line + 1
        assert not lines[latin_line].isascii()
        return
    event(encoding)
    assert text == "\n".join(lines)
    assert lines[latin_line].isascii() or not utf8_elsewhere


@given(
    text=st.text(PLAIN + "€œŒ«»°\n", max_size=60),
    encoding=st.sampled_from(["cp1252", "iso8859-15"]),
)
def test_a_single_byte_file_is_read_right_or_refused(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        decoded, found = decode_text(data)
    except EncodingProblem as exc:
        event("refusé")
        assert 1 <= exc.line <= text.count("\n") + 1
        return
    event(found)
    if found == "Windows-1252":
        assert decoded == text  # never « ¤ » for a euro, « ½ » for « œ »
        assert not any(byte in LATIN9_DIFFERS for byte in data)


@given(lines=st.lists(st.text(PLAIN.replace(";", ""), max_size=20), min_size=2, max_size=6))
def test_the_spreadsheet_reader_never_mis_decodes(lines, tmp_path_factory):
    """Each line a comment cell; the odd lines written in Windows-1252, the others in UTF-8:
    read_table gives back every cell as written, or refuses the file in French."""
    from clu_desktop.errors import UserError
    from clu_desktop.interchange.indicators_table import read_table

    rows = [f"SATISFACTION;{2000 + i};;50;{text}" for i, text in enumerate(lines)]
    data = "indicateur;période;site;valeur;commentaire\n".encode() + b"\n".join(
        row.encode("cp1252" if i % 2 else "utf-8") for i, row in enumerate(rows)
    )
    path = tmp_path_factory.mktemp("csv") / "valeurs.csv"
    path.write_bytes(data)
    try:
        table = read_table(path)
    except UserError as exc:
        event("refusé")
        assert "ligne" in str(exc)
        return
    event("lu")
    assert [row[4] if len(row) > 4 else "" for row in table.rows] == [t.strip() for t in lines]


@given(data=st.binary(max_size=80), size=st.integers(1, 9))
def test_the_search_in_slices_finds_what_one_search_finds(data, size):
    """The file is searched slice by slice (so that the window answers meanwhile): a
    sequence across two slices is found as by one search over the whole file."""
    from clu_desktop.interchange import text_encoding as te

    saved = te._SLICE
    te._SLICE = size
    try:
        for pattern in (te._UTF8_SEQUENCE, te._LATIN9):
            whole = pattern.search(data)
            sliced = te._search(pattern, data)
            assert (whole and whole.start()) == (sliced and sliced.start())
    finally:
        te._SLICE = saved
