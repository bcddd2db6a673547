import datetime as dt

import pytest

from clu_desktop.errors import UserError
from clu_desktop.rules.fields import check_date_range, check_time_order, clean_text


def test_clean_text_trims_and_empties_to_none():
    assert clean_text("  Salle Louise Michel ", "Lieu", 300) == "Salle Louise Michel"
    assert clean_text("   ", "Lieu", 300) is None
    assert clean_text("a\nb", "Lieu", 300) == "a b"
    assert clean_text("a\n\nb", "Texte", 300, multiline=True) == "a\n\nb"
    assert clean_text("a\x00b\x07", "Nom", 10) == "ab"


def test_clean_text_refuses_empty_required_and_too_long():
    with pytest.raises(UserError, match="« Nom » ne peut pas être vide"):
        clean_text("", "Nom", 100, required=True)
    with pytest.raises(UserError, match="10000 caractères, 100 au plus"):
        clean_text("x" * 10_000, "Nom", 100)


def test_time_and_date_checks():
    check_time_order(dt.time(14, 30), dt.time(16, 30), "Séance")
    with pytest.raises(UserError, match="fin est avant"):
        check_time_order(dt.time(16, 30), dt.time(14, 30), "Séance")
    with pytest.raises(UserError, match="pas plausible"):
        check_date_range(dt.date(223, 1, 1), "Date")
