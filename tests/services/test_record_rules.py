"""The rules of the record on plain values: quorum, counts, votes, warnings, numbering."""

from __future__ import annotations

import datetime as dt

import pytest

from clu_desktop.errors import UserError
from clu_desktop.names import upper_surname
from clu_desktop.rules import record as rules
from clu_desktop.rules.record import Seat


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("36", "36"), (" 1/2 ", "1/2"), ("2 / 3", "2/3"), ("", None), (None, None)],
)
def test_a_quorum_is_a_number_or_a_fraction(typed, stored):
    assert rules.clean_quorum(typed) == stored


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("abc", "1/2"),
        ("0", "plausible"),
        ("3/2", "entre 0 et 1"),
        ("1/0", "entre 0 et 1"),
        ("1/2/3", "pas compris"),
    ],
)
def test_a_quorum_that_means_nothing_is_refused_in_french(typed, says):
    with pytest.raises(UserError, match="Quorum") as refused:
        rules.clean_quorum(typed)
    assert says in str(refused.value)


def test_more_than_half_of_a_council_of_70_is_36():
    assert rules.quorum_needed("1/2", 70) == 36
    assert rules.quorum_needed("1/2", 15) == 8
    assert rules.quorum_needed("1/3", 70) == 24
    assert rules.quorum_needed("36", 70) == 36
    assert rules.quorum_needed(None, 70) is None


def seat(pid, status, *, kind=None, holder=None, arrived=None, name=None):
    return Seat(pid, name or f"P{pid}", status, kind, holder, None, arrived)


def council(present=54, excused=6, proxies=10):
    """70 members: the first ``present`` present, then proxies given to the first ones."""
    seats = [seat(i, "present") for i in range(1, present + 1)]
    seats += [seat(100 + i, "excused") for i in range(excused)]
    seats += [seat(200 + i, "represented", kind="proxy", holder=1 + i) for i in range(proxies)]
    return seats


def test_votants_are_the_present_and_the_proxies_they_hold():
    counts = rules.count_seats(council(), members_in_office=70, quorum="1/2")
    assert (counts.present, counts.excused, counts.represented, counts.proxies) == (54, 6, 10, 10)
    assert counts.voters == 64
    assert (counts.quorum, counts.quorum_reached) == (36, True)


def test_a_substitute_is_represented_but_brings_no_vote():
    seats = [seat(1, "present"), seat(2, "represented", kind="substitute")]
    counts = rules.count_seats(seats)
    assert (counts.represented, counts.proxies, counts.voters) == (1, 0, 1)


def test_nobody_without_an_answer_vanishes_they_count_and_print_as_absent():
    seats = [seat(1, "present"), seat(2, "invited"), seat(3, "absent")]
    counts = rules.count_seats(seats)
    assert (counts.absent, counts.unanswered, counts.convened) == (2, 1, 3)
    assert rules.group_of("invited") == "absent"


def test_the_quorum_not_reached():
    counts = rules.count_seats(council(present=30, excused=30, proxies=10), 70, "1/2")
    assert counts.quorum_reached is False


def test_a_vote_over_the_votants_is_refused_and_says_why():
    figures = {"for": 60, "against": 4, "abstaining": 1}
    problem = rules.vote_problem("vote", figures, voters=64)
    assert "65 voix pour 64 votants" in problem
    assert rules.vote_problem("vote", {"for": 50, "against": 10, "abstaining": 4}, 64) is None


@pytest.mark.parametrize(
    ("result", "figures", "named", "says"),
    [
        ("unanimous", {"against": 2}, {}, "unanimité"),
        ("vote", {}, {}, "indiquez"),
        (None, {"for": 3}, {}, "sans vote"),
        ("vote", {"for": 3, "against": 1}, {"against": 2}, "2 personnes nommées « Contre »"),
        ("vote", {"for": -1}, {}, "positif"),
    ],
)
def test_votes_that_do_not_add_up(result, figures, named, says):
    assert says in rules.vote_problem(result, figures, 20, named)


def test_proxies_go_to_an_invited_member_never_to_oneself_nor_in_a_loop():
    assert "liste" in rules.proxy_problem(1, None, {1, 2})
    assert "elle-même" in rules.proxy_problem(1, 1, {1, 2})
    assert "invitez" in rules.proxy_problem(1, 3, {1, 2})
    assert rules.proxy_problem(1, 2, {1, 2}) is None
    assert "boucle" in rules.loop_problem({1: 2, 2: 3, 3: 1}, 1)
    assert rules.loop_problem({1: 2, 2: None}, 1) is None


def warnings(seats, **options):
    options = {"chair_id": None, "start_time": None, "proxy_limit": 1, **options}
    return rules.record_warnings(seats, **options).lines


def test_warnings_say_what_does_not_add_up():
    seats = [
        seat(1, "excused", name="M. Jean MARTIN"),
        seat(2, "represented", kind="proxy", holder=1, name="Mme Anne MARTIN"),
        seat(3, "represented", kind="proxy", holder=4, name="M. Paul DURAND"),
        seat(5, "represented", kind="proxy", holder=4, name="M. Luc ROY"),
        seat(4, "present", arrived=dt.time(12, 0), name="Mme Léa PETIT"),
        seat(6, "invited", name="M. Yves SANS"),
    ]
    lines = warnings(
        seats,
        chair_id=1,
        start_time=dt.time(14, 0),
        votes=[rules.VoteFigures("2 « Budget »", 9)],
    )
    text = "\n".join(lines)
    assert "1 personne n'a pas été pointée (M. Yves SANS)" in text
    assert "La présidence (M. Jean MARTIN) n'est pas marquée présente" in text
    assert "Mme Anne MARTIN a donné pouvoir à M. Jean MARTIN, qui n'est pas présent" in text
    assert "Mme Léa PETIT détient 2 pouvoirs (au plus 1 dans ce comité)" in text
    assert "Point 2 « Budget » : le vote compte 9 voix pour 3 votants" in text
    assert "Mme Léa PETIT est arrivé(e) à 12:00" in text
    assert len(lines) == 6


def test_a_record_that_adds_up_has_no_warning():
    seats = [
        seat(1, "present", arrived=dt.time(13, 45)),
        seat(2, "represented", kind="proxy", holder=1),
    ]
    assert warnings(seats, chair_id=1, start_time=dt.time(14, 0)) == ()


def test_before_the_meeting_missing_answers_are_not_a_warning():
    assert warnings([seat(1, "invited")], chair_id=1, held=False) == ()


def test_a_proxy_to_someone_no_longer_invited_is_a_warning():
    seats = [seat(1, "present"), Seat(2, "Mme B", "represented", "proxy", 9, "M. Z", None)]
    assert "M. Z, qui n'est pas invité" in warnings(seats)[0]


def test_numbering_arabic_and_roman():
    assert rules.item_number([2]) == "2"
    assert rules.item_number([2, 1]) == "2.1"
    assert rules.item_number([4], "roman") == "IV"
    assert rules.item_number([14, 3], "roman") == "XIV.3"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("de Lesquen", "de LESQUEN"),
        ("Cotrel-Lassausaye", "COTREL-LASSAUSAYE"),
        ("De Gaulle", "DE GAULLE"),
        ("d'Ornano", "d'ORNANO"),
        ("van der Berg", "van der BERG"),
        ("Le Goff", "LE GOFF"),
        ("Bégué", "BÉGUÉ"),
    ],
)
def test_surnames_in_capitals_with_the_particle_as_typed(typed, printed):
    assert upper_surname(typed) == printed
