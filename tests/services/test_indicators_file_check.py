"""The check of a whole spreadsheet with its own names: every problem at once, the user's
choices (map to, create, « Ensemble », ignore, add a site), the mappings remembered for
the next file, and the mappings refused when the values do not fit. SQLite and
PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from clu_desktop.domain import Indicator, IndicatorNameMapping, IndicatorValue, Site
from clu_desktop.errors import UserError
from clu_desktop.interchange.indicators_names import REMEMBERED_NOTE
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators import mappings
from clu_desktop.services.indicators.files import (
    AllSites,
    Cancelled,
    CreateIndicator,
    CreateSite,
    Ignore,
    MapTo,
    NameChoices,
    check_file,
    guess_mapping,
    import_values,
    planned_report,
    read_table,
    summary,
)

DATA = Path(__file__).parent.parent / "data"
FIRST = DATA / "indicateurs-services-2023.csv"  # Windows-1252, « ; », decimal commas
NEXT_YEAR = DATA / "indicateurs-services-2024.csv"  # the same names, « ’ » and capitals
LANGRES = "Sous-préfecture de Langres"
SAINT_DIZIER = "Sous-préfecture de Saint-Dizier"


def _ids(db):
    with db.reading() as s:
        indicators = dict(s.execute(select(Indicator.code, Indicator.id)).all())
        sites = dict(s.execute(select(Site.name, Site.id)).all())
    return indicators, sites


def _count(db, model=IndicatorValue):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def _check(db, path, choices=None, **kwargs):
    table = read_table(path)
    with db.reading() as s:
        return check_file(s, table, guess_mapping(table.headers), choices, **kwargs)


def _import(db, path, choices=None, **kwargs):
    table = read_table(path)
    with db.transaction() as s:
        return import_values(s, table, guess_mapping(table.headers), choices, **kwargs)


def _write(tmp_path, text, name="valeurs.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def _choices(db, **extra):
    indicators, sites = _ids(db)
    return NameChoices(
        {
            "Taux d'appels aboutis": MapTo(indicators["TEL-ABOUTIS"]),
            "Délai de délivrance CNI et passeports": MapTo(indicators["TITRES-DELAI"]),
            "Fréquentation du PAN": MapTo(indicators["PAN-USAGE"]),
        },
        {"Langres": MapTo(sites[LANGRES]), "Saint-Dizier": MapTo(sites[SAINT_DIZIER])},
        **extra,
    )


def test_the_first_attempt_reports_all_five_names_and_writes_nothing(demo_db):
    before = _count(demo_db)
    check = _check(demo_db, FIRST)
    assert not check.ready and check.rows == 10
    names = {n.written: n for n in (*check.unknown_indicators, *check.unknown_sites)}
    assert set(names) == {
        "Taux d'appels aboutis",
        "Délai de délivrance CNI et passeports",
        "Fréquentation du PAN",
        "Langres",
        "Saint-Dizier",
    }
    assert names["Fréquentation du PAN"].lines == (6, 7, 8, 9, 10, 11)
    assert names["Langres"].lines == (7, 10)
    # The proposal is shown, never applied: the check is not ready.
    assert names["Taux d'appels aboutis"].proposed.label.startswith("TEL-ABOUTIS")
    assert names["Langres"].proposed.label == LANGRES
    assert names["Saint-Dizier"].proposed.label == SAINT_DIZIER
    assert {
        s.label.split(" — ")[0]
        for s in names["Délai de délivrance CNI et passeports"].suggestions[:2]
    } == {"TITRES-DELAI", "RDV-MAIRIE-DELAI"}
    assert names["Taux d'appels aboutis"].inferred_unit == "%"
    assert names["Taux d'appels aboutis"].inferred_periodicity == "year"
    assert check.problems == ()
    text = summary(check)
    assert text.startswith("Le fichier a 5 problèmes :")
    assert "Lignes 7 et 10, colonne « Site » : site inconnu : « Langres » ; proposé : " in text
    with pytest.raises(UserError, match="5 problèmes"):
        _import(demo_db, FIRST)
    assert _count(demo_db) == before


def test_after_mapping_it_imports_and_next_year_asks_nothing(demo_db):
    check = _check(demo_db, FIRST, _choices(demo_db))
    assert check.ready and check.values == 10
    assert {r.note for r in check.preview} == {"(correspondance choisie)"}
    report = _import(demo_db, FIRST, _choices(demo_db), save_mappings=True)
    assert (report.rows, report.saved_mappings) == (10, 5)
    assert _value(demo_db, "TEL-ABOUTIS", "2023") == 89.1
    assert _value(demo_db, "TITRES-DELAI", "2023") == 21.5
    assert _value(demo_db, "PAN-USAGE", "2023", SAINT_DIZIER) == 618
    # Next year's file: « Taux d’appels aboutis », « FRÉQUENTATION DU PAN »: no question.
    check = _check(demo_db, NEXT_YEAR)
    assert check.ready, summary(check)
    assert check.remembered["Taux d’appels aboutis"].startswith("TEL-ABOUTIS")
    assert check.remembered["Langres"] == LANGRES
    assert check.preview[0].note == REMEMBERED_NOTE
    assert _import(demo_db, NEXT_YEAR).rows == 5
    assert _value(demo_db, "PAN-USAGE", "2024", LANGRES) == 470


def _value(db, code, period, site=None):
    indicators, sites = _ids(db)
    with db.reading() as s:
        return s.scalar(
            select(IndicatorValue.value).where(
                IndicatorValue.indicator_id == indicators[code],
                IndicatorValue.period == period,
                IndicatorValue.site_id == sites[site] if site else IndicatorValue.site_id.is_(None),
            )
        )


def test_without_save_nothing_is_remembered(demo_db):
    _import(demo_db, FIRST, _choices(demo_db))
    assert _count(demo_db, IndicatorNameMapping) == 0
    assert not _check(demo_db, NEXT_YEAR).ready


HEADER = "indicateur;période;site;valeur;commentaire"


def test_every_problem_at_once_grouped(demo_db, tmp_path):
    lines = [
        HEADER,
        "SATISFACTION;2021;;93,5 %;",
        "Inconnu A;2023;;5;",  # 3
        "SATISFACTION;2022;;12,,5;",  # 4: unreadable value
        "SATISFACTION;2023-T1;;90;",  # 5: quarter on a yearly indicator
        "Inconnu A;2024;Mairie de Chaumont;6;",  # 6: unknown site too
        "SATISFACTION;2021;;91;",  # 7: same value as line 2
        f"SATISFACTION;2020;{LANGRES};91;",  # 8: not followed by site
        "SATISFACTION;2019;;101 %;",  # 9: a percentage above 100
        "SATISFACTION;2018;;hier;",  # 10
        "Inconnu A;hier;;x;",  # 11: unknown, and unreadable period and value
    ]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    before = _count(demo_db)
    check = _check(demo_db, path)
    assert [(n.written, n.lines) for n in check.unknown_indicators] == [("Inconnu A", (3, 6, 11))]
    assert [(n.written, n.lines) for n in check.unknown_sites] == [("Mairie de Chaumont", (6,))]
    kinds = [(p.kind, p.lines) for p in check.problems]
    assert kinds == [
        ("value", (4,)),
        ("value", (9,)),
        ("value", (10,)),
        ("value", (11,)),
        ("period", (5,)),
        ("period", (11,)),
        ("site-link", (8,)),
        ("duplicate", (7,)),
    ]
    with pytest.raises(UserError) as error:
        _import(demo_db, path)
    text = str(error.value)
    assert text.startswith("Le fichier a 10 problèmes :")
    for expected in (
        "Lignes 3, 6 et 11, colonne « indicateur » : indicateur inconnu : « Inconnu A »",
        "Ligne 4, colonne « valeur » : valeur illisible : « 12,,5 »",
        "Ligne 5, colonne « période » : la période « 2023-T1 » ne convient pas",
        "Ligne 7 : même indicateur, même période et même site qu'à la ligne 2",
        "Ligne 8, colonne « site » : l'indicateur « SATISFACTION » n'est pas suivi par site",
        "Ligne 9, colonne « valeur » : un pourcentage est compris entre 0 et 100",
    ):
        assert expected in text
    assert _count(demo_db) == before


def test_at_most_fifty_problems_are_shown_with_the_count_of_the_others(demo_db, tmp_path):
    lines = [HEADER, *(f"Indicateur {n:03d};2023;;{n};" for n in range(60))]
    lines += [f"SATISFACTION;{2000 + n};;abc{n};" for n in range(5)]
    check = _check(demo_db, _write(tmp_path, "\n".join(lines)))
    assert check.problem_count == 65
    text = summary(check)
    assert text.count("\n- ") == 50
    assert text.endswith("… et 15 autres problèmes.")


def test_a_mapping_to_an_indicator_the_values_do_not_fit_is_refused(demo_db, tmp_path):
    indicators, _ = _ids(demo_db)
    path = _write(
        tmp_path,
        f"{HEADER}\nTaux accueil;2023;;95 %;\nTaux accueil;2022;;101,5 %;\n"
        "Délai titres;2023-05;;12;\n",
    )
    to_days = NameChoices(
        {"Taux accueil": MapTo(indicators["TITRES-DELAI"]), "Délai titres": Ignore()}
    )
    check = _check(demo_db, path, to_days)
    assert [(p.kind, p.lines) for p in check.problems] == [("value", (2, 3))]
    assert check.problems[0].message == (
        "colonne « valeur » : une valeur en % ne convient pas à un indicateur en « jours » "
        "(« Taux accueil » correspond à TITRES-DELAI)"
    )
    to_percent = NameChoices(
        {
            "Taux accueil": MapTo(indicators["TEL-ABOUTIS"]),
            "Délai titres": MapTo(indicators["TITRES-DELAI"]),
        }
    )
    check = _check(demo_db, path, to_percent)
    messages = [problem_line(p) for p in check.problems]
    assert messages == [
        "3 value un pourcentage est compris entre 0 et 100 (valeur saisie : 101,5) "
        "(« Taux accueil » correspond à TEL-ABOUTIS)",
        "4 period la période « 2023-05 » ne convient pas à un indicateur annuel "
        "(attendu : AAAA, par exemple 2022) (« Délai titres » correspond à TITRES-DELAI)",
    ]
    before = _count(demo_db)
    with pytest.raises(UserError, match="Ligne 3, colonne « valeur » : un pourcentage"):
        _import(demo_db, path, to_percent, save_mappings=True)
    assert _count(demo_db) == before
    assert _count(demo_db, IndicatorNameMapping) == 0


def problem_line(problem):
    return f"{problem.lines[0]} {problem.kind} {problem.message.split(' : ', 1)[1]}"


def test_a_stored_mapping_is_applied_only_to_the_same_name(demo_db, tmp_path):
    _, sites = _ids(demo_db)
    with demo_db.transaction() as s:
        mappings.set_mapping(s, "site", "Langres", sites[LANGRES])
    lines = [HEADER]
    for n, written in enumerate(["LANGRES", "langres.", " Langrès ", "Langres (52)", "Langre"]):
        lines.append(f"PAN-USAGE;{2000 + n};{written};{n};")
    check = _check(demo_db, _write(tmp_path, "\n".join(lines)))
    assert [(n.written, n.lines) for n in check.unknown_sites] == [
        ("Langres (52)", (5,)),
        ("Langre", (6,)),
    ]
    assert check.unknown_sites[1].proposed.label == LANGRES  # proposed, not applied
    assert [r.note for r in check.preview[:3]] == [REMEMBERED_NOTE] * 3
    assert check.remembered == {"LANGRES": LANGRES}


def test_choices_create_an_indicator_and_a_site_ensemble_and_ignore(demo_db, tmp_path):
    path = _write(
        tmp_path,
        f"{HEADER}\n"
        "Taux de satisfaction au guichet;T1 2023;;87,5 %;\n"
        "Taux de satisfaction au guichet;T2 2023;Wassy;88 %;\n"
        "Usagers reçus;2023;Total;4 250;\n"
        "Ligne de total;2023;;999;\n",
    )
    choices = NameChoices(
        {
            "Taux de satisfaction au guichet": CreateIndicator(
                "Satisfaction au guichet", "Accueil", "%", "quarter", "GUICHET-SATISF"
            ),
            "Usagers reçus": MapTo(_ids(demo_db)[0]["PAN-USAGE"]),
            "Ligne de total": Ignore(),
        },
        {"Wassy": CreateSite("Maison France Services de Wassy"), "Total": AllSites()},
    )
    check = _check(demo_db, path, choices)
    assert check.ready, summary(check)
    assert check.ignored == 1 and check.values == 3
    assert [r.note for r in check.preview] == [
        "(nouvel indicateur)",
        "(nouvel indicateur)",
        "(correspondance choisie)",
        "(ligne ignorée)",
    ]
    with demo_db.reading() as s:
        planned = planned_report(s, check)
    assert (planned.rows, planned.added, planned.created_sites) == (
        3,
        3,
        ("Maison France Services de Wassy",),
    )
    before = _count(demo_db)
    report = _import(demo_db, path, choices, save_mappings=True)
    assert _count(demo_db) == before + 3
    assert report.created_indicators == ("GUICHET-SATISF",)
    assert report.linked == (("GUICHET-SATISF", "Maison France Services de Wassy"),)
    with demo_db.reading() as s:
        row = next(r for r in indicators_catalogue.list_indicators(s) if r.code == "GUICHET-SATISF")
        assert (row.category, row.unit, row.periodicity) == ("Accueil", "%", "quarter")
        stored = {(m.kind, m.written): m.target_label for m in mappings.list_mappings(s)}
    assert _value(demo_db, "GUICHET-SATISF", "2023-T2", "Maison France Services de Wassy") == 88
    assert _value(demo_db, "PAN-USAGE", "2023") == 4250
    assert stored == {
        (
            "indicator",
            "Taux de satisfaction au guichet",
        ): "GUICHET-SATISF — Satisfaction au guichet",
        ("indicator", "Usagers reçus"): "PAN-USAGE — point d'accueil numérique (PAN) – "
        "Préfecture / Sous-Préfectures",
        ("indicator", "Ligne de total"): "(lignes ignorées)",
        ("site", "Wassy"): "Maison France Services de Wassy",
        ("site", "Total"): "Ensemble",
    }


def test_a_site_its_indicator_is_not_followed_on_can_be_added(demo_db, tmp_path):
    path = _write(tmp_path, f"{HEADER}\nTEL-ABOUTIS;2023;{LANGRES};91 %;\n")
    check = _check(demo_db, path)
    assert [p.kind for p in check.problems] == ["site-link"]
    report = _import(demo_db, path, NameChoices(add_sites_to_indicators=True))
    assert report.linked == (("TEL-ABOUTIS", LANGRES),)
    assert _value(demo_db, "TEL-ABOUTIS", "2023", LANGRES) == 91


def test_a_choice_of_an_entry_deleted_meanwhile_is_refused(demo_db, tmp_path):
    path = _write(tmp_path, f"{HEADER}\nTaux;2023;;91 %;\n")
    with pytest.raises(UserError, match="n'existe plus"):
        _check(demo_db, path, NameChoices({"Taux": MapTo(999_999)}))


def test_the_check_can_be_cancelled(demo_db, tmp_path):
    lines = [HEADER, *(f"SATISFACTION;{1900 + n};;{n % 100};" for n in range(1200))]
    path = _write(tmp_path, "\n".join(lines))
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return done < 500

    with pytest.raises(Cancelled):
        _check(demo_db, path, progress=progress)
    assert seen == [(0, 1200), (500, 1200)]
    seen.clear()
    assert _check(demo_db, path, progress=lambda d, t: seen.append(d) is None).rows == 1200
    assert seen == [0, 500, 1000, 1200]


def test_every_line_ignored_leaves_nothing_to_import(demo_db, tmp_path):
    path = _write(tmp_path, f"{HEADER}\nTotal;2023;;12;\n")
    check = _check(demo_db, path, NameChoices({"Total": Ignore()}))
    assert [p.message for p in check.problems] == [
        "Toutes les lignes sont ignorées : il ne reste aucune valeur à importer."
    ]


def test_two_spellings_created_as_one_and_remembered(demo_db, tmp_path):
    path = _write(
        tmp_path,
        f"{HEADER}\nAccueil physique;2022;Ensemble;10;\nAccueil-physique;2023;;12;\n"
        "Accueil, physique;2021;;9;\n",
    )
    create = CreateIndicator("Accueil physique", unit="nombre")
    choices = NameChoices({"Accueil physique": create, "Accueil-physique": create})
    report = _import(demo_db, path, choices, save_mappings=True)
    assert (report.rows, report.created_indicators) == (3, ("ACCUEIL-PHYSIQUE",))
    assert _value(demo_db, "ACCUEIL-PHYSIQUE", "2022") == 10  # « Ensemble »: no site
    with demo_db.reading() as s:
        assert [m.written for m in mappings.list_mappings(s)] == ["Accueil physique"]
    # Next time, « Accueil – physique » is the same name (punctuation aside): remembered.
    path = _write(tmp_path, f"{HEADER}\nAccueil – physique;2024;;14;\n", "suivant.csv")
    check = _check(demo_db, path)
    assert check.ready and check.preview[0].note == REMEMBERED_NOTE
