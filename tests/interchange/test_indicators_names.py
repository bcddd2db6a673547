"""The names spreadsheets give indicators and sites: how two spellings are the same name,
which catalogue entries are suggested for an unknown one, and what the file tells of a
new indicator's unit and periodicity. No database: the catalogue is the demo's."""

from __future__ import annotations

import pytest

from clu_desktop.interchange.indicators_names import (
    MAX_SUGGESTIONS,
    Suggester,
    candidates_of,
    infer_periodicity,
    infer_unit,
    mapping_key,
)

INDICATORS = [
    ("RS-CONNEXIONS", "réseaux sociaux – nombre de connexions / taux d'engagement"),
    ("SITE-CONNEXIONS", "taux de connexions au site internet"),
    ("SITE-MAJ-3J", "taux de mise à jour du site internet dans le délai de 3 jours ouvrés"),
    ("TEL-ABOUTIS", "taux d'appels aboutis au niveau général"),
    ("TEL-DECROCHES", "taux d'appels décrochés aux horaires d'ouverture"),
    ("SVI-MAJ-3J", "taux de mise à jour du SVI dans le délai de 3 jours ouvrés"),
    ("RECLAM-10J", "taux de réponse aux suggestions et réclamations dans le délai de 10 jours"),
    (
        "TITRES-DELAI",
        "délai de mise à disposition des cartes nationales d'identité (CNI) et passeports",
    ),
    ("RDV-MAIRIE-DELAI", "délai moyen d'obtention d'un rendez-vous en mairie (CNI / passeports)"),
    ("PAN-USAGE", "point d'accueil numérique (PAN) – Préfecture / Sous-Préfectures"),
    ("SATISFACTION", "enquête de satisfaction 2022"),
]
SITES = [
    "Préfecture de la Haute-Marne",
    "Sous-préfecture de Langres",
    "Sous-préfecture de Saint-Dizier",
]


@pytest.fixture(scope="module")
def indicators():
    entries = [(i, f"{code} — {name}", (name, code)) for i, (code, name) in enumerate(INDICATORS)]
    return Suggester(candidates_of(entries))


@pytest.fixture(scope="module")
def sites():
    return Suggester(candidates_of([(i, name, (name,)) for i, name in enumerate(SITES)]))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Taux d'appels aboutis", "taux d’appels aboutis"),
        ("Sous-préf. de LANGRES", "sous pref de langres"),
        ("Fréquentation du PAN", "FREQUENTATION  DU PAN "),
        ("Saint\u2011Dizier", "saint dizier"),  # a non-breaking hyphen
        ("Langres\u200b", "Langres"),  # an invisible character
        ("Déla\u0301i", "Délai"),  # NFD accent
    ],
)
def test_spellings_of_one_name_share_a_key(a, b):
    assert mapping_key(a) == mapping_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Langres", "Sous-préfecture de Langres"),
        ("Langres", "Langre"),
        ("Taux d'appels aboutis", "Taux d'appels aboutis 2"),
        ("PAN", "PAN usagers"),
    ],
)
def test_names_that_differ_by_more_have_different_keys(a, b):
    assert mapping_key(a) != mapping_key(b)


def _labels(suggestions):
    return [s.label.split(" — ")[0] for s in suggestions]


@pytest.mark.parametrize(
    ("written", "proposed"),
    [
        ("Taux d'appels aboutis", "TEL-ABOUTIS"),  # contained in the catalogue's name
        ("Taux appels décroché", "TEL-DECROCHES"),  # plural, accents, small words
        ("enquete satisfaction", "SATISFACTION"),
        ("Nombre de connexions réseaux sociaux", "RS-CONNEXIONS"),  # words in another order
    ],
)
def test_a_clear_match_is_proposed(indicators, written, proposed):
    suggestions, best = indicators.suggest(written)
    assert best is not None and best.label.startswith(proposed)
    assert suggestions[0] == best
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    assert len(suggestions) <= MAX_SUGGESTIONS


@pytest.mark.parametrize(
    ("written", "among"),
    [
        ("Taux d'appels", {"TEL-ABOUTIS", "TEL-DECROCHES"}),  # two indicators fit
        ("Délai de délivrance CNI et passeports", {"TITRES-DELAI", "RDV-MAIRIE-DELAI"}),
        ("Fréquentation du PAN", {"PAN-USAGE"}),  # one shared distinctive word
    ],
)
def test_an_ambiguous_or_weak_match_is_suggested_not_proposed(indicators, written, among):
    suggestions, best = indicators.suggest(written)
    assert best is None
    assert among <= set(_labels(suggestions[: len(among)]))


def test_sites_by_their_town(sites):
    for written, expected in (
        ("Langres", "Sous-préfecture de Langres"),
        ("Saint-Dizier", "Sous-préfecture de Saint-Dizier"),
        ("Saint Dizier", "Sous-préfecture de Saint-Dizier"),
        ("Préfecture", "Préfecture de la Haute-Marne"),
    ):
        suggestions, best = sites.suggest(written)
        assert best is not None and best.label == expected, (written, suggestions)


def test_nothing_close_suggests_nothing(indicators, sites):
    assert indicators.suggest("Chiffre d'affaires de la cantine") == ((), None)
    assert sites.suggest("Chaumont")[1] is None
    assert indicators.suggest("") == ((), None)
    assert indicators.suggest("%%% ---") == ((), None)


def test_the_unit_the_values_carry():
    assert infer_unit(["87,4 %", "89,1 %", ""]) == "%"
    assert infer_unit(["14 jours", "12,5 jours"]) == "jours"
    assert infer_unit(["1 187", "452"]) is None
    assert infer_unit(["12 jours", "13 heures"]) is None
    assert infer_unit([]) is None


def test_the_periodicity_the_periods_share():
    assert infer_periodicity(["year", "year"]) == "year"
    assert infer_periodicity(["month"]) == "month"
    assert infer_periodicity(["year", "quarter"]) is None
    assert infer_periodicity([]) is None
