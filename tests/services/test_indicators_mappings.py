"""The names remembered for the next spreadsheets: set, change, list, delete, keyed without
case, accents, spaces or punctuation; a change made meanwhile on another workstation is
refused; deleting the indicator or site forgets its names. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clu_desktop.domain import Indicator, Site
from clu_desktop.errors import ConflictError, UserError
from clu_desktop.rules.indicators import mapping_key
from clu_desktop.services.indicators import catalogue as indicators_catalogue
from clu_desktop.services.indicators.mappings import (
    IGNORED_LABEL,
    delete_mapping,
    list_mappings,
    set_mapping,
    stored_targets,
)

LANGRES = "Sous-préfecture de Langres"


def _id(session, model, column, value):
    return session.scalar(select(model.id).where(column == value))


def test_set_list_change_and_delete(demo_db):
    with demo_db.transaction() as s:
        aboutis = _id(s, Indicator, Indicator.code, "TEL-ABOUTIS")
        langres = _id(s, Site, Site.name, LANGRES)
        first = set_mapping(s, "indicator", "  Taux d'appels aboutis ", aboutis)
        set_mapping(s, "site", "Langres", langres)
        set_mapping(s, "site", "Total", None)
        set_mapping(s, "indicator", "Ligne de total", None, ignored=True)
    assert first.written == "Taux d'appels aboutis"
    assert first.target_label == "TEL-ABOUTIS — taux d'appels aboutis au niveau général"
    with demo_db.reading() as s:
        rows = list_mappings(s)
        targets = stored_targets(s)
    assert [(m.kind, m.written, m.target_label) for m in rows] == [
        ("indicator", "Ligne de total", IGNORED_LABEL),
        ("indicator", "Taux d'appels aboutis", first.target_label),
        ("site", "Langres", LANGRES),
        ("site", "Total", "Ensemble"),
    ]
    assert targets[("site", mapping_key("LANGRES"))].target_id == langres
    # The same name written otherwise changes the mapping, it does not add one.
    with demo_db.transaction() as s:
        decroches = _id(s, Indicator, Indicator.code, "TEL-DECROCHES")
        changed = set_mapping(s, "indicator", "TAUX D’APPELS ABOUTIS", decroches, first.version)
    assert (changed.id, changed.target_id, changed.version) == (first.id, decroches, 2)
    with demo_db.transaction() as s:
        deleted = delete_mapping(s, changed.id, changed.version)
    assert deleted == changed
    with demo_db.reading() as s:
        assert len(list_mappings(s)) == 3


def test_a_change_made_elsewhere_is_not_overwritten(demo_db):
    with demo_db.transaction() as s:
        aboutis = _id(s, Indicator, Indicator.code, "TEL-ABOUTIS")
        seen = set_mapping(s, "indicator", "Taux", aboutis)
    with demo_db.transaction() as s:
        set_mapping(s, "indicator", "taux", None, seen.version, ignored=True)
    with pytest.raises(ConflictError), demo_db.transaction() as s:
        set_mapping(s, "indicator", "Taux", aboutis, seen.version)
    with pytest.raises(ConflictError), demo_db.transaction() as s:
        delete_mapping(s, seen.id, seen.version)


@pytest.mark.parametrize(
    ("kind", "written", "target", "message"),
    [
        ("indicator", "", 1, "Nom dans le fichier"),
        ("indicator", " %%% ", 1, "ni lettre ni chiffre"),
        ("indicator", "x" * 301, 1, "300"),
        ("indicator", "Taux", None, "n'existe plus"),
        ("indicator", "Taux", 999_999, "n'existe plus"),
        ("site", "Langres", 999_999, "n'existe plus"),
    ],
)
def test_wrong_mappings_are_refused_in_french(demo_db, kind, written, target, message):
    with pytest.raises(UserError, match=message), demo_db.transaction() as s:
        set_mapping(s, kind, written, target)
    with demo_db.reading() as s:
        assert list_mappings(s) == []


def test_deleting_the_target_forgets_its_names(demo_db):
    with demo_db.transaction() as s:
        new = indicators_catalogue.add_indicator(s, "NOUVEAU", "nouvel indicateur")
        site = indicators_catalogue.add_site(s, "Maison France Services de Wassy")
        set_mapping(s, "indicator", "Nouveau", new)
        set_mapping(s, "site", "Wassy", site)
        set_mapping(s, "site", "Langres", _id(s, Site, Site.name, LANGRES))
    with demo_db.transaction() as s:
        indicators_catalogue.delete_indicator(s, new)
        s.delete(s.get(Site, site))
    with demo_db.reading() as s:
        assert [m.written for m in list_mappings(s)] == ["Langres"]


def test_an_unknown_kind_is_a_programming_error(demo_db):
    with pytest.raises(ValueError), demo_db.transaction() as s:
        set_mapping(s, "organisation", "Langres", None)
    with pytest.raises(UserError), demo_db.transaction() as s:
        delete_mapping(s, 999_999)


def test_the_same_name_remembered_at_once_on_two_workstations(demo_db, monkeypatch):
    with demo_db.transaction() as s:
        aboutis = _id(s, Indicator, Indicator.code, "TEL-ABOUTIS")
        set_mapping(s, "indicator", "Taux", aboutis)  # saved by the other workstation…
    conflict = pytest.raises(ConflictError, match="vient d'être mémorisé sur un autre poste")
    with conflict, demo_db.transaction() as s:
        # … after this one looked for the name and did not find it yet.
        monkeypatch.setattr(s, "scalar", lambda *a, **k: None)
        set_mapping(s, "indicator", "TAUX", aboutis)
    with demo_db.reading() as s:
        assert [m.written for m in list_mappings(s)] == ["Taux"]
