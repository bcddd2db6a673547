"""The letterhead identity with its files, and the settings table."""

from __future__ import annotations

import datetime as dt
import zlib

import pytest

from clu_desktop.domain import Committee, Meeting
from clu_desktop.errors import UserError
from clu_desktop.services.settings import (
    IncompleteValue,
    get_default_committee_id,
    get_identity,
    get_setting,
    restore_identity,
    set_default_committee_id,
    set_setting,
    update_identity,
)


def tiny_png() -> bytes:
    """A valid 1×1 PNG, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def edit(db, field, value):
    with db.transaction() as session:
        return update_identity(session, field, value)


def identity(db):
    with db.reading() as session:
        return get_identity(session)


def test_identity_is_empty_then_created_by_the_first_edit(db):
    assert identity(db).authority == ""
    assert identity(db).town is None
    edit(db, "town", "Chaumont")
    edit(db, "authority", "  PRÉFET \n\n DE LA HAUTE-MARNE  \n")
    edit(db, "motto", "Liberté\nÉgalité\nFraternité")
    edit(db, "service_name", "SERVICE <b>DE LA</b> RELATION & USAGERS")
    result = identity(db)
    assert result.town == "Chaumont"
    assert result.authority == "PRÉFET\nDE LA HAUTE-MARNE"
    assert result.motto == "Liberté\nÉgalité\nFraternité"
    assert result.service_name == "SERVICE <b>DE LA</b> RELATION & USAGERS"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("authority", "", "« Autorité » ne peut pas être vide"),
        ("authority", "x" * 10_000, "« Autorité » est trop long : 10000 caractères, 300 au plus"),
        ("town", "x" * 101, "« Ville » est trop long"),
        ("email", "sru@", "n'est pas une adresse électronique"),
        ("colour", "red", "n'existe pas"),
    ],
)
def test_refused_identity_values(db, field, value, message):
    edit(db, "authority", "PRÉFET")
    with pytest.raises(UserError, match=message):
        edit(db, field, value)
    assert identity(db).authority == "PRÉFET"


def test_an_empty_authority_is_only_unfinished(db):
    with pytest.raises(IncompleteValue):
        edit(db, "authority", "  ")


def test_logo_must_be_a_png_or_jpeg_file(db, tmp_path):
    png = tmp_path / "logo.png"
    png.write_bytes(tiny_png())
    jpeg = tmp_path / "logo.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 20)
    fake = tmp_path / "logo-faux.png"
    fake.write_bytes(b"GIF89a not a png")
    big = tmp_path / "énorme.png"
    big.write_bytes(tiny_png() + b"\x00" * (5 * 1024 * 1024))

    edit(db, "logo_path", str(png))
    assert identity(db).logo_path == str(png)
    edit(db, "logo_path", str(jpeg))
    assert identity(db).logo_path == str(jpeg)
    for path, message in [
        (fake, r"« logo-faux\.png » n'est pas une image PNG ou JPEG"),
        (big, r"« énorme\.png » est trop gros"),
        (tmp_path / "absent.png", "n'existe pas"),
        (tmp_path, "n'est pas un fichier"),
    ]:
        with pytest.raises(UserError, match=message):
            edit(db, "logo_path", str(path))
        assert identity(db).logo_path == str(jpeg)
    edit(db, "logo_path", None)
    assert identity(db).logo_path is None


def test_fonts_must_be_truetype_or_opentype(db, tmp_path):
    ttf = tmp_path / "Marianne-Regular.ttf"
    ttf.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 60)
    otf = tmp_path / "Marianne-Bold.otf"
    otf.write_bytes(b"OTTO" + b"\x00" * 60)
    fake = tmp_path / "faux.ttf"
    fake.write_text("ceci n'est pas une police")
    edit(db, "font_path", str(ttf))
    edit(db, "font_bold_path", str(otf))
    with pytest.raises(UserError, match=r"« Police grasse » : « faux\.ttf » n'est pas une police"):
        edit(db, "font_bold_path", str(fake))
    result = identity(db)
    assert (result.font_path, result.font_bold_path) == (str(ttf), str(otf))


def test_restore_puts_back_what_was_read(db):
    before = identity(db)
    edit(db, "authority", "PRÉFÈTE")
    with db.transaction() as session:
        restore_identity(session, {"authority": before.authority})
    assert identity(db).authority == ""


def test_settings_and_the_default_committee(db):
    with db.transaction() as session:
        assert get_setting(session, "absent") is None
        set_setting(session, "theme", "clair")
        assert get_setting(session, "theme") == "clair"
        set_setting(session, "theme", None)
        assert get_setting(session, "theme") is None
        committee = Committee(name="CLU")
        session.add(Meeting(committee=committee, title="CLU", date=dt.date(2024, 1, 1)))
        session.flush()
        committee_id = committee.id
    with db.transaction() as session:
        assert get_default_committee_id(session) is None
        set_default_committee_id(session, committee_id)
    with db.transaction() as session:
        assert get_default_committee_id(session) == committee_id
        with pytest.raises(UserError, match="Ce comité n'existe plus"):
            set_default_committee_id(session, 999)
        set_default_committee_id(session, None)
        assert get_default_committee_id(session) is None
