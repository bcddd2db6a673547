"""French typography: non-breaking spaces, escaping, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.platypus import Paragraph

from clu_desktop.documents.fonts import document_fonts
from clu_desktop.documents.styles import make_styles
from clu_desktop.documents.typography import markup
from clu_desktop.french.dates import (
    long_date,
    minutes_date,
    month_year,
    stamp_date,
    time_range,
    weekday_date,
    when_and_where,
)
from clu_desktop.french.typography import NBSP, clean


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Objectif : 100 %", f"Objectif{NBSP}: 100{NBSP}%"),
        ("Vraiment ? Oui ! Alors ; voilà", f"Vraiment{NBSP}? Oui{NBSP}! Alors{NBSP}; voilà"),
        ("« saisonnier »", f"«{NBSP}saisonnier{NBSP}»"),
        ("1 234 567 usagers", f"1{NBSP}234{NBSP}567 usagers"),
        ("20 % de la population", f"20{NBSP}% de la population"),
        ("délai de 10 jours", f"délai de 10{NBSP}jours"),
        ("3 000 €", f"3{NBSP}000{NBSP}€"),
        ("M. Bernard GUY et Mme SIMON", f"M.{NBSP}Bernard GUY et Mme{NBSP}SIMON"),
        # Years side by side, a date, a phone number and a time stay as typed.
        ("en 2022 2023", "en 2022 2023"),
        ("le 31/12/2025 à 16h30", "le 31/12/2025 à 16h30"),
        ("2 modules", "2 modules"),
        ("https://exemple.fr:8080", "https://exemple.fr:8080"),
        # A narrow or thin space typed by the user becomes the unbreakable one.
        ("95\u202f%", f"95{NBSP}%"),
        ("Objectif\u2009:", f"Objectif{NBSP}:"),
    ],
)
def test_french_spacing(typed, printed):
    assert markup(typed) == printed


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("a<b", "a&lt;b"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("AT&T", "AT&amp;T"),
        ('<font color="[[[x]]]">', "&lt;font color=&quot;[[[x]]]&quot;&gt;"),
        ("&amp;", "&amp;amp;"),
        ("'cité'", "&#39;cité’"),
    ],
)
def test_markup_is_escaped_so_paragraph_prints_it_literally(typed, printed):
    assert markup(typed) == printed
    fonts = document_fonts()
    paragraph = Paragraph(markup(typed), make_styles(fonts).body)
    paragraph.wrap(400, 100)
    assert line_texts(paragraph) == [typed.replace("é'", "é’")]


def line_texts(paragraph: Paragraph) -> list[str]:
    """The text of each line a wrapped paragraph prints."""
    return [
        " ".join(line[1]) if isinstance(line, tuple) else "".join(f.text for f in line.words)
        for line in paragraph.blPara.lines
    ]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("l'avis d'un usager aujourd'hui", "l’avis d’un usager aujourd’hui"),
        ("Mme N'DIAYE", f"Mme{NBSP}N’DIAYE"),
        # Not after a space or a digit, nor inside an e-mail or a web address.
        ("' 5' x", "&#39; 5&#39; x"),
        ("écrire à o'neil@exemple.fr", "écrire à o&#39;neil@exemple.fr"),
        ("voir https://exemple.fr/l'avis", "voir https://exemple.fr/l&#39;avis"),
    ],
)
def test_straight_apostrophes_print_typographic(typed, printed):
    assert markup(typed) == printed


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Mercredi 20 décembre 2023", "Mercredi_20_décembre_2023"),
        ("le mardi 5 juin 2018 à 9h", "le mardi_5_juin_2018 à 9h"),
        ("le 1er avril 2024", "le 1er_avril_2024"),
        ("COMPTE-RENDU DU 20 DÉCEMBRE 2023", "COMPTE-RENDU DU 20_DÉCEMBRE_2023"),
        ("mai 2023 : installation", "mai_2023_: installation"),
        # Not a date: numbers and words stay breakable.
        ("en 2022 2023, 5 modules", "en 2022 2023, 5 modules"),
    ],
)
def test_the_spaces_of_a_date_never_break(typed, printed):
    assert markup(typed) == printed.replace("_", NBSP)


def test_a_long_date_stays_on_one_line_at_every_width():
    styles = make_styles(document_fonts())
    text = markup("La séance s'est tenue le mardi 5 juin 2018 à la préfecture de Chaumont.")
    for width in range(90, 420, 3):
        paragraph = Paragraph(text, styles.body)
        paragraph.wrap(width, 1000)
        lines = [line.replace(NBSP, " ") for line in line_texts(paragraph)]
        assert any("mardi 5 juin 2018" in line for line in lines), (width, lines)


def test_control_characters_are_removed_and_spaces_collapsed():
    assert clean("a\x00b\x07c\u200bd\ufeff") == "abcd"
    assert clean("  un\n\tdeux\r\ntrois  ") == "un deux trois"
    assert markup(None) == ""


def test_a_number_and_its_unit_never_break_across_lines():
    styles = make_styles(document_fonts())
    typed = "M. Jean-Paul PIERRON estime que 95 % de la population a besoin d'aide."
    text = markup(typed)
    for width in range(80, 420, 3):
        paragraph = Paragraph(text, styles.body)
        paragraph.wrap(width, 1000)
        lines = line_texts(paragraph)
        assert " ".join(lines).replace(NBSP, " ") == typed.replace("d'aide", "d’aide")
        assert not any(line.endswith("95") for line in lines), (width, lines)
        assert not any(line.startswith("%") for line in lines), (width, lines)


@pytest.mark.parametrize(
    ("day", "long", "stamp"),
    [
        (dt.date(2024, 4, 8), "8 avril 2024", "08 AVR. 2024"),
        (dt.date(2024, 4, 1), "1er avril 2024", "01 AVR. 2024"),
        (dt.date(2024, 1, 15), "15 janvier 2024", "15 JANV. 2024"),
        (dt.date(2024, 2, 29), "29 février 2024", "29 FÉVR. 2024"),
        (dt.date(2024, 3, 3), "3 mars 2024", "03 MARS 2024"),
        (dt.date(2024, 5, 2), "2 mai 2024", "02 MAI 2024"),
        (dt.date(2024, 6, 30), "30 juin 2024", "30 JUIN 2024"),
        (dt.date(2024, 7, 14), "14 juillet 2024", "14 JUIL. 2024"),
        (dt.date(2024, 8, 15), "15 août 2024", "15 AOÛT 2024"),
        (dt.date(2024, 9, 9), "9 septembre 2024", "09 SEPT. 2024"),
        (dt.date(2024, 10, 1), "1er octobre 2024", "01 OCT. 2024"),
        (dt.date(2024, 11, 11), "11 novembre 2024", "11 NOV. 2024"),
        (dt.date(2023, 12, 20), "20 décembre 2023", "20 DÉC. 2023"),
    ],
)
def test_dates_in_both_styles(day, long, stamp):
    assert long_date(day) == long
    assert minutes_date(day, "long") == long
    assert stamp_date(day).replace(NBSP, " ") == stamp
    assert minutes_date(day, "stamp").replace(NBSP, " ") == stamp


def test_meeting_day_time_and_place():
    assert weekday_date(dt.date(2023, 12, 20)) == "Mercredi 20 décembre 2023"
    assert weekday_date(dt.date(2024, 1, 1)) == "Lundi 1er janvier 2024"
    assert month_year(dt.date(2023, 5, 1)) == "mai 2023"
    assert time_range(dt.time(14, 30), dt.time(16, 30)) == "14h30-16h30"
    assert time_range(dt.time(9, 0), None) == "9h00"
    assert time_range(None, dt.time(12, 5)) == "jusqu'à 12h05"
    assert time_range(None, None) == ""
    assert (
        when_and_where(dt.time(14, 30), dt.time(16, 30), "Salle Louise Michel")
        == "14h30-16h30 – Salle Louise Michel"
    )
    assert when_and_where(None, None, " Salle B ") == "Salle B"
    assert when_and_where(None, None, None) == ""
