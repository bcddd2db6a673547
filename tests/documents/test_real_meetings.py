"""Real minutes of other bodies, re-entered as meeting files, print their whole record.

``tests/data/meetings/`` holds public minutes of four French bodies written as meeting
files (``SOURCES.md`` says where each comes from): a municipal council of 19 with two
homonyms and a proxy, a community council with 11 proxies and a homonym, a community
council whose minutes are approved unanimously, and a neighbourhood council with a
presenter per item. Beside each, ``*.expected.json`` lists what the real minutes state,
written from the source and not from the file: every person in their group, every proxy,
the counts, the secretaries, the presenters and the decisions.

Each file is imported as a user would (the command line's import), its minutes exported,
and the facts are looked for in the ``pdftotext -layout`` output.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clu_desktop.services.documents.export import export_minutes
from clu_desktop.services.meetings.files import import_file

DATA = Path(__file__).resolve().parents[1] / "data" / "meetings"
MEETINGS = sorted(p for p in DATA.glob("*.json") if not p.name.endswith(".expected.json"))
GROUPS = {
    "present": re.compile(r"Présente?s?"),
    "excused": re.compile(r"Absente?s? excusée?s?"),
    "represented": re.compile(r"Représentée?s?"),
    "absent": re.compile(r"Absente?s?"),
}
# What ends the last group: the counts, the quorum, the agenda.
AFTER_GROUPS = re.compile(
    r"(Présents : \d|Le quorum|Membres en exercice|Date de convocation|Ordre du jour)"
)

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext comes from poppler-utils"
)


def flat(text: str) -> str:
    """One line, single spaces, the typographic apostrophe read as the straight one."""
    return " ".join(text.replace("’", "'").replace("\u00a0", " ").split())


def has(name: str, text: str) -> bool:
    """``name`` stands in ``text`` as whole words."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


@pytest.fixture(params=MEETINGS, ids=lambda p: p.stem)
def printed(request, db, tmp_path) -> tuple[dict, str]:
    path: Path = request.param
    expected = json.loads(path.with_name(f"{path.stem}.expected.json").read_text("utf-8"))
    pdf = tmp_path / "compte-rendu.pdf"
    with db.transaction() as session:
        meeting_id = import_file(session, path)
    with db.reading() as session:
        export_minutes(session, meeting_id, pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return expected, text


def group_texts(text: str) -> dict[str, str]:
    """The text printed under each group's heading, up to the next heading."""
    lines = text.replace("’", "'").splitlines()
    found: dict[str, list[str]] = {}
    current = None
    for line in lines:
        stripped = line.strip()
        heading = next((g for g, rx in GROUPS.items() if rx.fullmatch(stripped)), None)
        if heading is not None:
            assert heading not in found, f"two headings « {stripped} »"
            current = heading
            found[current] = []
        elif current is not None and AFTER_GROUPS.match(stripped):
            break
        elif current is not None:
            found[current].append(line)
    return {group: flat("\n".join(body)) for group, body in found.items()}


def test_every_person_is_printed_in_their_group_and_in_no_other(printed):
    expected, text = printed
    groups = group_texts(text)
    holders = {holder for _, holder in expected["proxies"]}
    for group, names in expected["groups"].items():
        for name in names:
            assert has(name, groups.get(group, "")), f"{name} is not among the {group}"
            for other, body in groups.items():
                if other == group or (other == "represented" and name in holders):
                    continue
                assert not has(name, body), f"{name} is printed among the {other} too"
    assert set(groups) == {g for g, names in expected["groups"].items() if names}


def test_every_proxy_says_who_holds_it(printed):
    expected, text = printed
    represented = group_texts(text).get("represented", "")
    for giver, holder in expected["proxies"]:
        assert f"{giver} a donné pouvoir à {holder}" in represented


def test_every_count_is_printed(printed):
    expected, text = printed
    counts, body = expected["counts"], flat(text)
    labels = {
        "present": "Présents",
        "excused": "Excusés",
        "represented": "Représentés",
        "absent": "Absents",
    }
    for key, label in labels.items():
        assert f"{label} : {counts[key]}" in body
    if counts["proxies"]:
        assert f"Pouvoirs : {counts['proxies']} — Votants : {counts['voters']}" in body
    if counts.get("members_in_office"):
        assert f"Membres en exercice : {counts['members_in_office']}" in body
    if counts.get("quorum"):
        assert f"Le quorum ({counts['quorum']})" in body


def test_the_secretaries_are_printed(printed):
    expected, text = printed
    body = flat(text)
    found = re.search(r"Secrétaires? de séance : (.*?) (?:Présente?s?|Absente?s?) ", body)
    assert found, "no « Secrétaire de séance » line"
    for name in expected["secretaries"]:
        assert has(name, found[1])


def section(body: str, title: str) -> str:
    """The minutes' section of an item: from its heading (« 2. Title : ») on."""
    heading = re.search(rf"\d+\.(?:\d+\.)? {re.escape(flat(title))} :", body)
    assert heading, f"no section for « {title} »"
    return body[heading.end() :]


def test_every_presenter_follows_the_heading_of_their_item(printed):
    expected, text = printed
    body = flat(text)
    for title, presenter in expected["presenters"]:
        after = section(body, title)[:200]
        assert re.match(rf"(présentée? par|Rapporteur :) {re.escape(presenter)}", after.strip())


def test_every_decision_is_printed_under_its_item(printed):
    expected, text = printed
    body = flat(text)
    for decision in expected["decisions"]:
        after = section(body, decision["item"])[:600]
        if decision.get("text"):
            assert flat(decision["text"]) in after
        if decision["result"] == "unanimous":
            assert "Adopté à l'unanimité." in after
        else:
            figures = (
                f"Pour : {decision['for']} — Contre : {decision['against']} — "
                f"Abstentions : {decision['abstentions']}"
            )
            assert figures in after
            for name in decision["names"].get("against", []):
                assert has(name, after)


def test_the_data_set_has_the_shapes_the_issue_asked_for():
    """Homonyms, proxies, a decision, presenters: the files stay worth testing."""
    expected = [
        json.loads(p.with_name(f"{p.stem}.expected.json").read_text("utf-8")) for p in MEETINGS
    ]
    assert len(expected) >= 3
    surnames = [
        [name.split()[-1] for names in e["groups"].values() for name in names] for e in expected
    ]
    assert any(len(s) != len(set(s)) for s in surnames), "no homonyms left"
    assert max(e["counts"]["proxies"] for e in expected) >= 10
    assert any(e["decisions"] for e in expected)
    assert max(len(e["presenters"]) for e in expected) >= 10
