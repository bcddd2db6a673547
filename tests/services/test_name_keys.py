"""The window's duplicate checks: a name that differs from one already used only by
invisible characters, spaces or Unicode normalisation is the same name (issue 15)."""

from __future__ import annotations

import unicodedata

import pytest

from clu_desktop.errors import UserError
from clu_desktop.services.directory import committees as directory_committees
from clu_desktop.services.directory import organisations as directory_organisations
from clu_desktop.services.indicators.catalogue import add_site

DISGUISES = {
    "zero-width space": lambda t: t[:3] + "\u200b" + t[3:],
    "word joiner and BOM": lambda t: "\ufeff" + t + "\u2060",
    "doubled space": lambda t: t.replace(" ", "  "),
    "narrow no-break space and tab": lambda t: t.replace(" ", "\u202f\t", 1),
    "NFD accents": lambda t: unicodedata.normalize("NFD", t),
    "right-to-left mark": lambda t: t + "\u200f",
}
CASES = [pytest.param(f, id=name) for name, f in DISGUISES.items()]


@pytest.mark.parametrize("disguise", CASES)
def test_a_disguised_committee_name_is_already_used(demo_db, disguise):
    with demo_db.transaction() as session, pytest.raises(UserError, match="existe déjà"):
        directory_committees.add_committee(session, disguise("Comité local des usagers"))


@pytest.mark.parametrize("disguise", CASES)
def test_a_disguised_organisation_name_is_already_used(demo_db, disguise):
    with demo_db.transaction() as session, pytest.raises(UserError, match="existe déjà"):
        directory_organisations.add_organisation(
            session, disguise("Association des Maires de la Haute-Marne")
        )


@pytest.mark.parametrize("disguise", CASES)
def test_a_disguised_site_name_is_already_used(demo_db, disguise):
    with demo_db.transaction() as session, pytest.raises(UserError, match="existe déjà"):
        add_site(session, disguise("Sous-préfecture de Langres"))
