"""``clu-desktop export minutes -o FICHIER``: the extension chooses the format (.pdf,
.odt, .docx); any other is refused in French, by the rule the window follows."""

from __future__ import annotations

import pytest

from clu_desktop.cli import main


@pytest.fixture
def db(tmp_path, capsys) -> str:
    path = str(tmp_path / "clu.sqlite")
    assert main(["demo", "--db", path]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("name", ["cr.odt", "CR.DOCX", "cr.pdf"])
def test_the_extension_chooses_the_format(db, tmp_path, capsys, name):
    target = tmp_path / name
    assert main(["export", "minutes", "-o", str(target), "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"Compte-rendu de la séance n° 1 écrit dans {target}." in out
    data = target.read_bytes()
    assert data.startswith(b"%PDF" if name.endswith(".pdf") else b"PK")
    if not name.endswith(".pdf"):
        # The demo's minutes are signed: the editable copy says it is not the record.
        assert "le compte-rendu qui fait foi reste celui qui a été signé" in out
        if name.endswith(".odt"):
            assert b"application/vnd.oasis.opendocument.text" in data[:100]


@pytest.mark.parametrize("name", ["cr.txt", "cr.doc", "cr.rtf"])
def test_another_extension_is_refused_in_french(db, tmp_path, capsys, name):
    target = tmp_path / name
    assert main(["export", "minutes", "-o", str(target), "--db", db]) == 2
    error = capsys.readouterr().err
    assert f"« {name} »" in error
    assert ".pdf, .odt (LibreOffice) ou .docx (Word)" in error
    assert not target.exists()


def test_the_help_names_the_formats(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "traitement de texte" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["export", "minutes", "--help"])
    assert "FICHIER.pdf|.odt|.docx" in capsys.readouterr().out
