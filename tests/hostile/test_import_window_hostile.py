"""The import window with hostile names from a file (markup, control characters, marks,
emoji, formulas, 10,000-character words): each is shown as plain text, literally; the new
indicator's form takes it as its name (spaces collapsed); the stored mappings' table
shows it as written. Nothing interprets it as markup, nothing fails."""

from __future__ import annotations

from hostile_text import hostile_text, short_hostile_text
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from clu_desktop.gui.indicators.editing import plain_tooltip
from clu_desktop.gui.indicators.import_names import (
    CREATE,
    CatalogueChoices,
    NamesPanel,
    suggestion_text,
    target,
)
from clu_desktop.gui.indicators.import_steps import problems_text
from clu_desktop.gui.indicators.mappings_panel import MappingsModel
from clu_desktop.interchange.indicators_check import KINDS, Problem
from clu_desktop.interchange.indicators_names import (
    CreateIndicator,
    CreateSite,
    MapTo,
    Suggestion,
    UnknownName,
)
from clu_desktop.services.indicators.mappings import StoredMapping

name_text = st.one_of(short_hostile_text(80), hostile_text(3))
CATALOGUE = CatalogueChoices(
    indicators=((1, "TEL-ABOUTIS — taux d'appels aboutis"), (2, "<b>X</b> — &amp;")),
    sites=((7, "Sous-préfecture de Langres"),),
    categories=("<i>cat</i>",),
    units=("%",),
)


@given(written=name_text, label=name_text, site=name_text)
def test_hostile_names_are_shown_literally_and_kept_whole(qapp, written, label, site):
    suggestion = Suggestion(2, label, 87.4)
    panel = NamesPanel(CATALOGUE)
    panel.add_names(
        [
            UnknownName("indicator", written, (2, 3), (suggestion,), suggestion, "%", "month"),
            UnknownName("site", site, (4,), (), None),
        ]
    )
    row = panel.row("indicator", written)
    assert row.label.textFormat() == Qt.TextFormat.PlainText
    shown = written if len(written) <= 80 else written[:79] + "…"
    assert row.label.text() == f"«\u00a0{shown}\u00a0»"
    assert row.label.toolTip() == plain_tooltip(written)  # whole, escaped
    assert row.label.sizeHint().width() < 2000
    # Qt drops a byte-order mark from an item's text; the rest is shown as it is.
    bom = "\ufeff"
    assert row.combo.itemText(1).replace(bom, "") == suggestion_text(label, 87.4).replace(bom, "")
    assert row.combo.currentData() == target(2)
    assert row.choice() is None  # proposed, not confirmed
    row.confirm()
    assert row.choice() == MapTo(2)
    row.choose(CREATE)
    form = row.form
    # QLineEdit drops a byte-order mark at the start of its text, as items do.
    assert form.name_edit.text() == written[: form.name_edit.maxLength()].removeprefix(bom)
    form.accept()
    choice = row.choice()
    wanted = " ".join(form.name_edit.text().split())
    if wanted:
        assert choice == CreateIndicator(wanted, "À classer", "%", "month")
    site_row = panel.row("site", site)
    site_row.choose(CREATE)
    assert site_row.choice() == CreateSite(site)
    assert panel.undecided() == 0 or not wanted
    panel.deleteLater()


@given(written=name_text, label=name_text)
def test_the_stored_mappings_table_shows_hostile_names_as_written(qapp, written, label):
    model = MappingsModel()
    model.set_rows([StoredMapping(1, "site", written, None, label, 1)])
    index = model.index(0, 0)
    assert model.data(index) == written
    assert model.data(model.index(0, 2)) == label
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tooltip == plain_tooltip(written)  # escaped: Qt shows it literally


@given(
    problems=st.lists(
        st.builds(
            Problem,
            st.sampled_from([*KINDS, "inconnu"]),
            st.lists(st.integers(2, 200_000), max_size=8).map(tuple),
            name_text,
        ),
        max_size=120,
    )
)
def test_every_problem_is_counted_and_at_most_50_are_listed(problems):
    lines = problems_text(problems).splitlines()
    bullets = [line for line in lines if line.startswith("  • ")]
    assert len(bullets) == min(len(problems), 50)
    if len(problems) > 50:
        assert lines[-1].startswith(f"… et {len(problems) - 50} autre")
    else:
        assert not any(line.startswith("… et ") for line in lines)
