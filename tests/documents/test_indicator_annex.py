"""Annexe 1 of the minutes: the indicators as tables and charts, read back from the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

from clu_desktop.documents.indicator_annex import indicator_annex_flowables
from clu_desktop.documents.snapshot import (
    AnnexSnapshot,
    IndicatorSnapshot,
    IndicatorValueSnapshot,
)

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
EXAMPLE_NOTE = "Valeurs d'exemple : le compte-rendu de référence ne donne pas les chiffres."

pytestmark = [
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
    pytest.mark.skipif(not (DEJAVU / "DejaVuSans.ttf").exists(), reason="needs DejaVu fonts"),
]


@pytest.fixture(scope="module", autouse=True)
def fonts():
    pdfmetrics.registerFont(TTFont(FONT, str(DEJAVU / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(DEJAVU / "DejaVuSans-Bold.ttf")))


def build(annex: AnnexSnapshot, path: Path, width: float | None = None) -> Path:
    """The annex alone in an A4 PDF, as the minutes print it (2 cm margins)."""
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm)
    frame_width = doc.width - 12  # SimpleDocTemplate's frame has 6 pt of padding each side
    doc.build(indicator_annex_flowables(annex, FONT, BOLD, width or frame_width))
    return path


def text_of(pdf: Path) -> str:
    """The PDF's text with every kind of space (no-break, narrow) and line break as one,
    and the typographic apostrophe the documents print (l’avis) read as typed (l'avis)."""
    out = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"[\s\u00a0\u202f]+", " ", out).replace("\u2019", "'")


def annex_of(*indicators: IndicatorSnapshot) -> AnnexSnapshot:
    return AnnexSnapshot(number=1, title="Indicateurs", kind="indicators", indicators=indicators)


V = IndicatorValueSnapshot


@pytest.fixture
def demo_annex(demo_db) -> AnnexSnapshot:
    from clu_desktop.services.documents.snapshot import meeting_snapshot

    with demo_db.reading() as session:
        snapshot = meeting_snapshot(session, 1)
    return next(a for a in snapshot.annexes if a.kind == "indicators")


def test_demo_annex_prints_every_indicator_with_french_values(demo_annex, tmp_path):
    text = text_of(build(demo_annex, tmp_path / "demo.pdf"))

    for indicator in demo_annex.indicators:
        assert indicator.name in text
        assert indicator.category in text
    for site in ("Préfecture de la Haute-Marne", "Sous-préfecture de Langres"):
        assert site in text
    # French numbers and units; the targets, met or missed.
    for value in ("48 500", "1 250", "430", "12 %", "14 j", "38 j"):
        assert value in text
    assert "cible ≥ 100 %" in text
    assert "97 % ✗" in text  # website updated within 3 days: 97 % against 100 %
    assert "100 % ✓" in text  # SVI: target met
    assert "sans cible" in text
    # Example values are labelled as such.
    assert EXAMPLE_NOTE in text
    assert "(exemple)" in text
    # Charts: a title per category and unit, French axis captions.
    assert "Accueil téléphonique – en %, 2022" in text
    assert "Valeur (%)" in text


def test_demo_annex_renders_to_images(demo_annex, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler-utils")
    pdf = build(demo_annex, tmp_path / "demo.pdf")
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 1 <= len(pages) <= 4


def test_values_are_marked_against_target_and_compared(tmp_path):
    rate = IndicatorSnapshot(
        "R",
        "taux de réponse en 10 jours",
        category="Réclamations",
        unit="%",
        target=95,
        values=(V("2021", 90.0), V("2022", 92.1), V("2023", 96.0)),
    )
    delay = IndicatorSnapshot(
        "D",
        "délai de délivrance",
        category="Titres",
        unit="jours",
        direction="lower",
        target=15,
        values=(V("2022", 12.5), V("2023", 20.0)),
    )
    text = text_of(build(annex_of(rate, delay), tmp_path / "marks.pdf"))

    assert "cible ≥ 95 %" in text
    assert "92,1 % ✗" in text
    assert "96 % ✓" in text
    assert "+3,9 pts ↑" in text  # 92,1 % → 96 %
    assert "cible ≤ 15 j" in text  # lower is better
    assert "12,5 j ✓" in text
    assert "20 j ✗" in text
    assert "+7,5 j ↑" in text


def test_only_the_last_periods_are_shown(tmp_path):
    months = [f"{year}-{month:02d}" for year in (2022, 2023) for month in range(1, 13)]
    monthly = IndicatorSnapshot(
        "M",
        "appels décrochés",
        category="Accueil téléphonique",
        unit="%",
        periodicity="month",
        values=tuple(V(p, 80.0 + i / 2) for i, p in enumerate(months)),
    )
    quarterly = IndicatorSnapshot(
        "Q",
        "visites du site",
        category="Communication",
        unit="nombre",
        periodicity="quarter",
        values=(V("2023-T3", 1250.0), V("2023-T4", 1190.0)),
    )
    text = text_of(build(annex_of(monthly, quarterly), tmp_path / "periods.pdf"))

    for month in ("juil. 2023", "déc. 2023"):  # the table's six months
        assert month in text
    assert "janv. 2023 à déc. 2023" in text  # the chart: the last twelve months
    assert "2022" not in text
    assert "T3 2023" in text
    assert "−60" in text  # 1 250 → 1 190 visits


def test_an_indicator_without_recent_values_keeps_its_own_columns(tmp_path):
    recent = IndicatorSnapshot(
        "R",
        "accueil récent",
        category="Accueil",
        unit="%",
        periodicity="month",
        values=tuple(V(f"2023-{m:02d}", 90.0 + m / 4) for m in range(1, 13)),
    )
    old = IndicatorSnapshot(
        "O",
        "accueil ancien",
        category="Accueil",
        unit="%",
        periodicity="month",
        values=(V("2019-01", 70.0), V("2019-02", 75.0)),
    )
    text = text_of(build(annex_of(recent, old), tmp_path / "old.pdf"))

    assert "févr. 2019" in text  # its own table, with its own months
    assert "+5 pts ↑" in text
    assert "janv. 2023 à déc. 2023" in text  # the chart: the recent months only


def test_empty_indicators_and_uncategorised_ones(tmp_path):
    empty = IndicatorSnapshot("E", "enquête à venir", category=None, unit="%")
    text = text_of(build(annex_of(empty), tmp_path / "empty.pdf"))
    assert "Autres indicateurs" in text
    assert "enquête à venir" in text
    assert "Aucune valeur saisie pour la période." in text

    text = text_of(build(annex_of(), tmp_path / "none.pdf"))
    assert "Aucun indicateur" in text


def test_hostile_text_prints_literally(tmp_path):
    hostile = IndicatorSnapshot(
        "H",
        "<b>gras</b> & <font name='x'> </para>",
        category="<i>catégorie</i> & co",
        unit="<u>%</u>",
        target=0,
        values=(
            V("2022", -5.0, site="<site & co>", comment="<br/> & commentaire"),
            V("2023", -12.5, site="<site & co>"),
        ),
    )
    long_word = IndicatorSnapshot(
        "L",
        "mot" + "x" * 10_000,
        category="Longue",
        unit="jours",
        direction="lower",
        target=0,
        values=(V("2023-T1", 3.0), V("2023-T2", 0.0), V("2023-T3", -2.0)),
    )
    long_name = IndicatorSnapshot(
        "N",
        ("très long nom d'indicateur " * 12)[:300],
        category="Longue",
        unit="u" * 300,
        target=-10,
        values=(V("2023-01", 1e9), V("2023-02", -1e9)),
    )
    text = text_of(build(annex_of(hostile, long_word, long_name), tmp_path / "hostile.pdf"))

    assert "<b>gras</b> & <font name='x'> </para>" in text
    assert "<i>catégorie</i> & co" in text
    assert "<site & co>" in text
    assert "<br/> & commentaire" in text
    assert "−12,5" in text
    assert "cible ≥ 0" in text
    assert "cible ≤ 0 j" in text
    assert "très long nom d'indicateur très long" in text


def test_charts_never_exceed_the_frame(tmp_path):
    from reportlab.graphics.shapes import Drawing

    annex = large_annex(indicators=12, months=24, sites=5)
    for width in (481.9, 300.0):
        flowables = indicator_annex_flowables(annex, FONT, BOLD, width)
        drawings = [f for f in _flatten(flowables) if isinstance(f, Drawing)]
        assert drawings
        assert all(d.width <= width + 0.01 for d in drawings)
    build(annex, tmp_path / "narrow.pdf", width=300.0)


def _flatten(flowables):
    for flowable in flowables:
        content = getattr(flowable, "_content", None)
        if content is not None:
            yield from _flatten(content)
        else:
            yield flowable


def large_annex(indicators: int, months: int, sites: int) -> AnnexSnapshot:
    periods = [f"{2019 + m // 12}-{m % 12 + 1:02d}" for m in range(months)]
    site_names = [f"Sous-préfecture n°{s}" for s in range(sites)]
    units = ["%", "jours", "nombre", None]
    result = []
    for i in range(indicators):
        values = tuple(
            V(period, float((i * 37 + p * 11 + s * 5) % 1500) - 20, site=site)
            for p, period in enumerate(periods)
            for s, site in enumerate(site_names)
        )
        result.append(
            IndicatorSnapshot(
                f"I{i}",
                f"indicateur {i} " + "mesure de la qualité de l'accueil " * (i % 9),
                category=f"Catégorie {i % 10}" if i % 11 else None,
                unit=units[i % 4],
                direction="lower" if i % 2 else "higher",
                target=None if i % 5 == 3 else (0 if i % 13 == 0 else 90),
                periodicity="month",
                values=values,
            )
        )
    return annex_of(*result)


def test_large_annex_builds(tmp_path):
    annex = large_annex(indicators=200, months=60, sites=5)
    doc = SimpleDocTemplate(
        str(tmp_path / "large.pdf"), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm
    )
    doc.build(indicator_annex_flowables(annex, FONT, BOLD, doc.width - 12))
    text = text_of(tmp_path / "large.pdf")
    assert "indicateur 199" in text
    assert "Autres indicateurs" in text
    assert "déc. 2023" in text
