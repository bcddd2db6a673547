"""``clu-desktop import indicators`` with a real préfecture export: Windows-1252,
semicolons, decimal commas, and the services' own names for 3 indicators and 2 sites.
The first attempt lists all 5 names with their suggestions and writes nothing; --map,
--map-site and --save-mappings import it; next year's file imports with no question;
--dry-run writes nothing; --create-missing creates; mappings that do not fit the values
are refused. SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from clu_desktop.cli import main
from clu_desktop.domain import Indicator, IndicatorNameMapping, IndicatorValue, Site

DATA = Path(__file__).parent / "data"
FIRST = str(DATA / "indicateurs-services-2023.csv")
NEXT_YEAR = str(DATA / "indicateurs-services-2024.csv")
# The command line on both back ends, as the services are tested (tests/conftest.py).
pytestmark = pytest.mark.parametrize("db_engine", ["sqlite", "postgresql"], indirect=True)

MAPS = [
    "--map",
    "Taux d'appels aboutis=TEL-ABOUTIS",
    "--map",
    "Délai de délivrance CNI et passeports=TITRES-DELAI",
    "--map",
    "Fréquentation du PAN=point d'accueil numérique (PAN) – Préfecture / Sous-Préfectures",
    "--map-site",
    "Langres=Sous-préfecture de Langres",
    "--map-site",
    "Saint-Dizier=sous-prefecture de saint-dizier",
]


@pytest.fixture
def cli(demo_db, capsys):
    """Runs the command line on the demo database: (exit code, stdout, stderr)."""
    target = demo_db.url.render_as_string(hide_password=False)

    def run(*argv):
        capsys.readouterr()
        try:
            code = main(["import", "indicators", *argv, "--db", target])
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _counts(db):
    with db.reading() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(model))
            for model in (IndicatorValue, Indicator, Site, IndicatorNameMapping)
        )


def test_the_first_attempt_lists_every_unknown_name_and_writes_nothing(demo_db, cli):
    before = _counts(demo_db)
    code, out, err = cli(FIRST)
    assert code == 2 and out == ""
    assert err.startswith("Erreur : Le fichier a 5 problèmes :\n")
    for line in (
        "- Lignes 2 et 3, colonne « Indicateur » : indicateur inconnu : « Taux d'appels "
        "aboutis » ; proposé : « TEL-ABOUTIS — taux d'appels aboutis au niveau général »",
        "- Lignes 4 et 5, colonne « Indicateur » : indicateur inconnu : « Délai de délivrance "
        "CNI et passeports » ; les plus proches : « RDV-MAIRIE-DELAI",
        "- Lignes 6, 7, 8, 9, 10 et 11, colonne « Indicateur » : indicateur inconnu : "
        "« Fréquentation du PAN » ; les plus proches : « PAN-USAGE",
        "- Lignes 7 et 10, colonne « Site » : site inconnu : « Langres » ; proposé : "
        "« Sous-préfecture de Langres »",
        "- Lignes 8 et 11, colonne « Site » : site inconnu : « Saint-Dizier » ; proposé : "
        "« Sous-préfecture de Saint-Dizier »",
        '--map "nom du fichier=CODE"',
        "Rien n'a été importé.",
    ):
        assert line in err
    assert "Traceback" not in err
    assert _counts(demo_db) == before


def test_mapped_it_imports_and_next_year_asks_nothing(demo_db, cli):
    values, indicators, sites, names = _counts(demo_db)
    code, out, err = cli(FIRST, *MAPS, "--dry-run")
    assert (code, err) == (0, "")
    assert out == (
        "10 valeurs seraient importées (5 ajoutées, 5 mises à jour).\n"
        "Essai (--dry-run) : rien n'a été écrit.\n"
    )
    assert _counts(demo_db) == (values, indicators, sites, names)
    code, out, err = cli(FIRST, *MAPS, "--save-mappings")
    assert (code, err) == (0, "")
    assert out == (
        "10 valeurs importées (5 ajoutées, 5 mises à jour).\n"
        "5 correspondances enregistrées pour les prochains fichiers.\n"
    )
    assert _counts(demo_db) == (values + 5, indicators, sites, names + 5)
    code, out, err = cli(NEXT_YEAR)
    assert (code, err) == (0, "")
    assert "« Taux d’appels aboutis » → TEL-ABOUTIS — taux d'appels aboutis" in out
    assert "« Langres » → Sous-préfecture de Langres (correspondance enregistrée)" in out
    assert out.endswith("5 valeurs importées (5 ajoutées, 0 mise à jour).\n")
    assert _counts(demo_db) == (values + 10, indicators, sites, names + 5)


def test_without_save_mappings_the_next_file_asks_again(demo_db, cli):
    assert cli(FIRST, *MAPS)[0] == 0
    code, _, err = cli(NEXT_YEAR)
    assert code == 2 and "Le fichier a 5 problèmes" in err


def test_create_missing_creates_indicators_and_sites(demo_db, cli):
    values, indicators, sites, names = _counts(demo_db)
    code, out, err = cli(FIRST, "--create-missing", "--dry-run")
    assert (code, err) == (0, "")
    assert "10 valeurs seraient importées (10 ajoutées, 0 mise à jour)." in out
    assert _counts(demo_db) == (values, indicators, sites, names)
    code, out, err = cli(
        FIRST, "--map-site", "Langres=Sous-préfecture de Langres", "--create-missing"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "10 valeurs importées (10 ajoutées, 0 mise à jour).",
        "Indicateurs créés (catégorie « À classer » sauf choix contraire) : "
        "TAUX-APPELS-ABOUTIS, DELAI-DELIVRANCE-CNI, FREQUENTATION-PAN.",
        "Site créé : Saint-Dizier.",
        "L'indicateur FREQUENTATION-PAN est désormais suivi sur le site « Préfecture de la "
        "Haute-Marne ».",
        "L'indicateur FREQUENTATION-PAN est désormais suivi sur le site « Sous-préfecture de "
        "Langres ».",
        "L'indicateur FREQUENTATION-PAN est désormais suivi sur le site « Saint-Dizier ».",
    ]
    assert _counts(demo_db) == (values + 10, indicators + 3, sites + 1, names)
    with demo_db.reading() as s:
        created = s.execute(
            select(Indicator.name, Indicator.category, Indicator.unit, Indicator.periodicity).where(
                Indicator.code == "TAUX-APPELS-ABOUTIS"
            )
        ).one()
    assert tuple(created) == ("Taux d'appels aboutis", "À classer", "%", "year")


@pytest.mark.parametrize(
    ("maps", "expected"),
    [
        (  # a percentage given to a delay in days
            ["--map", "Taux d'appels aboutis=TITRES-DELAI"],
            "Lignes 2 et 3, colonne « Valeur » : une valeur en % ne convient pas à un "
            "indicateur en « jours »",
        ),
        (  # a value beyond 100 % (line 6: 1 187)
            ["--map", "Fréquentation du PAN=TEL-DECROCHES", "--map-site", "Langres=Ensemble"],
            "Ligne 6, colonne « Valeur » : un pourcentage est compris entre 0 et 100 "
            "(valeur saisie : 1\u202f187) (« Fréquentation du PAN » correspond à TEL-DECROCHES)",
        ),
    ],
)
def test_mappings_the_values_do_not_fit_are_refused(demo_db, cli, maps, expected):
    before = _counts(demo_db)
    code, out, err = cli(FIRST, *maps, "--create-missing", "--save-mappings")
    assert code == 2 and out == ""
    assert expected in err
    assert _counts(demo_db) == before


def test_a_monthly_file_on_a_yearly_indicator_is_refused(demo_db, cli, tmp_path):
    path = tmp_path / "mensuel.csv"
    path.write_bytes(
        "Indicateur;Mois;Valeur\r\nTaux d'appels aboutis;janv. 2024;88,2 %\r\n"
        "Taux d'appels aboutis;févr. 2024;87,9 %\r\n".encode("cp1252")
    )
    before = _counts(demo_db)
    code, _, err = cli(str(path), "--map", "Taux d'appels aboutis=TEL-ABOUTIS")
    assert code == 2
    assert (
        "Ligne 2, colonne « Mois » : la période « janv. 2024 » ne convient pas à un indicateur "
        "annuel (attendu : AAAA, par exemple 2022) (« Taux d'appels aboutis » correspond à "
        "TEL-ABOUTIS)"
    ) in err
    assert "Ligne 3, colonne « Mois » : la période « févr. 2024 »" in err
    assert _counts(demo_db) == before


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--map", "Taux d'appels aboutis"], "écrivez le nom du fichier, « = »"),
        (["--map", "Taux=INCONNU"], "le catalogue n'a pas d'indicateur « INCONNU »"),
        (["--map-site", "Langres=Mairie"], "le site « Mairie » n'existe pas (sites connus"),
        (["--dry-run", "--save-mappings"], "--dry-run n'écrit rien"),
    ],
)
def test_wrong_options_are_refused_in_french(demo_db, cli, argv, expected):
    before = _counts(demo_db)
    code, _, err = cli(FIRST, *argv)
    assert code == 2 and expected in err
    assert _counts(demo_db) == before


def test_the_options_belong_to_the_indicators_import(db_engine, tmp_path, capsys):
    if db_engine != "sqlite":
        pytest.skip("no database involved")
    assert main(["import", str(tmp_path / "séance.json"), "--dry-run"]) == 2
    assert "--dry-run : ne sert qu'à l'import des indicateurs" in capsys.readouterr().err


def test_a_map_for_a_name_the_file_does_not_hold_is_pointed_out(demo_db, cli):
    code, _, err = cli(FIRST, "--map", "Taux d'appel aboutis=TEL-ABOUTIS")  # « appel »
    assert code == 2
    assert err.startswith(
        "Attention : --map « Taux d'appel aboutis » : aucune ligne du fichier n'a ce nom "
        "dans la colonne « indicateur » (vérifiez l'orthographe).\n"
    )


def test_the_dry_run_names_the_codes_it_would_create(demo_db, cli):
    code, out, _ = cli(FIRST, "--create-missing", "--dry-run")
    assert code == 0
    assert (
        "Indicateurs à créer (catégorie « À classer » sauf choix contraire) : "
        "TAUX-APPELS-ABOUTIS, DELAI-DELIVRANCE-CNI, FREQUENTATION-PAN."
    ) in out
