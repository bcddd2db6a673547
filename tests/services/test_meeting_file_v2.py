"""The meeting file, version 2: the official record (committee settings, dates,
secretaries, proxies and substitutes, deliberations and votes) survives a round trip; a
version 1 file still imports; a record the window would refuse is refused whole."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from clu_desktop.domain import Base, Committee, Invitation, Meeting, Representation
from clu_desktop.errors import UserError
from clu_desktop.interchange.meeting_file import dumps
from clu_desktop.resources import DEMO_MEETING, resource_path
from clu_desktop.services.meetings.file_export import export_meeting
from clu_desktop.services.meetings.files import import_file
from clu_desktop.services.meetings.record import get_decision
from clu_desktop.store.migrate import open_database

DEMO = resource_path(*DEMO_MEETING)
# The demonstration meeting as version 1 wrote it, before version 2 existed.
V1_DEMO = Path(__file__).resolve().parents[1] / "data" / "meeting-v1-clu-2023-12-20.json"
OUTSIDER = "person-16"  # in the directory, not invited to the meeting


def write(tmp_path: Path, data: dict, name: str = "seance.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def dump(db) -> dict[str, list[tuple]]:
    with db.reading() as session:
        return {
            name: sorted((tuple(row) for row in session.execute(select(table))), key=repr)
            for name, table in sorted(Base.metadata.tables.items())
        }


def full_record() -> dict:
    """The demo meeting, moved to June 2024, using every field of version 2 as the export
    writes it (so that importing it and exporting again gives it back)."""
    data = json.loads(DEMO.read_text("utf-8"))
    data["committee"]["settings"] = {
        "votes": True,
        "print_counts": True,
        "quorum": "1/2",
        "members_in_office": 20,
        "proxy_limit": 2,
        "presenter_style": "rapporteur",
        "numbering": "roman",
    }
    data["people"].append(
        {
            "id": OUTSIDER,
            "civility": "M.",
            "first_name": "Paul",
            "last_name": "ZYLBERSTEIN",  # last in the order of names: the ids stay put
            "function": None,
            "organisation": None,
            "email": None,
            "phone": None,
            "notes": None,
        }
    )
    meeting = data["meeting"]
    meeting.update(date="2024-06-12", convocation_date="2024-05-29")
    meeting["publication_date"] = "2024-06-20"
    attendance = meeting["attendance"]
    ids = [entry["person"] for entry in attendance]
    meeting["secretaries"] = [ids[3], ids[4]]
    attendance[1].update(status="represented", representation="proxy", represented_by=ids[0])
    attendance[2].update(
        status="represented", representation="substitute", represented_by_name="M. Jean REMPLA"
    )
    attendance[14].update(status="represented", representation="substitute")
    attendance[14]["represented_by"] = OUTSIDER
    # 12 present and 1 proxy: 13 votants.
    agenda = meeting["agenda"]
    agenda[0]["decision"] = {
        "text": "Le comité adopte le bilan qualité 2022.",
        "result": "vote",
        "for": 9,
        "against": 2,
        "abstentions": 1,
        "names": {"for": [], "against": [ids[5], ids[6]], "abstentions": [ids[7]]},
    }
    agenda[1]["decision"] = {
        "text": None,
        "result": "unanimous",
        "for": None,
        "against": None,
        "abstentions": None,
        "names": {"for": [], "against": [], "abstentions": []},
    }
    agenda[5]["items"][0]["decision"] = {
        "text": "Le comité prend acte.",
        "result": None,
        "for": None,
        "against": None,
        "abstentions": None,
        "names": {"for": [], "against": [], "abstentions": []},
    }
    return data


def exported(db, meeting_id: int) -> str:
    with db.reading() as session:
        return dumps(export_meeting(session, meeting_id))


def test_every_field_of_version_2_survives_export_and_import(tmp_path, db):
    data = full_record()
    with db.transaction() as session:
        meeting_id = import_file(session, write(tmp_path, data))
    first = exported(db, meeting_id)
    assert first == dumps(data)
    other = open_database(tmp_path / "other.sqlite")
    with other.transaction() as session:
        other_id = import_file(session, write(tmp_path, json.loads(first), "first.json"))
    assert exported(other, other_id) == first
    other.dispose()


def test_vote_names_point_to_the_imported_invitations(tmp_path, db):
    with db.transaction() as session:
        meeting_id = import_file(session, write(tmp_path, full_record()))
    with db.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        item = meeting.top_level_items[0]
        names = [(n.choice.value, n.invitation.printed_last_name) for n in item.vote_names]
        assert all(n.invitation.meeting_id == meeting_id for n in item.vote_names)
        decision = get_decision(session, item.id)
        secretaries = [inv.printed_last_name for inv in meeting.invitations if inv.is_secretary]
        kinds = [inv.representation for inv in meeting.invitations]
        committee = meeting.committee
        settings = (committee.votes, committee.quorum, committee.numbering.value)
    assert [choice for choice, _ in names] == ["against", "against", "abstaining"]
    assert (decision.votes_for, decision.votes_against, decision.votes_abstaining) == (9, 2, 1)
    assert len(secretaries) == 2
    assert kinds[1] is Representation.PROXY and kinds[2] is Representation.SUBSTITUTE
    assert kinds.count(None) == 12
    assert settings == (True, "1/2", "roman")


def test_an_existing_committee_keeps_its_own_settings(tmp_path, demo_db):
    with demo_db.reading() as session:
        before = session.scalars(select(Committee)).one()
        kept = (before.votes, before.print_counts, before.quorum, before.numbering)
    with demo_db.transaction() as session:
        meeting_id = import_file(session, write(tmp_path, full_record()))
    with demo_db.reading() as session:
        committee = session.scalars(select(Committee)).one()
        assert (committee.votes, committee.print_counts, committee.quorum) == kept[:3]
        assert committee.numbering == kept[3]
    settings = json.loads(exported(demo_db, meeting_id))["committee"]["settings"]
    assert (settings["votes"], settings["print_counts"], settings["quorum"]) == (
        False,
        False,
        None,
    )


def test_a_version_1_file_imports_as_before(tmp_path, db):
    """The demo as version 1 wrote it gives today's demo, but for the counts and the
    numbering: a version 1 committee has the default settings, which print them."""
    with db.transaction() as session:
        meeting_id = import_file(session, V1_DEMO)
    expected = json.loads(DEMO.read_text("utf-8"))
    expected["committee"]["settings"]["print_counts"] = True
    expected["committee"]["settings"]["numbering"] = "arabic"
    assert json.loads(exported(db, meeting_id)) == expected


def test_represented_in_a_version_1_file_is_a_substitute(tmp_path, db):
    data = json.loads(V1_DEMO.read_text("utf-8"))
    assert data["version"] == 1
    data["meeting"]["attendance"][14].update(
        status="represented", represented_by=data["meeting"]["attendance"][0]["person"]
    )
    with db.transaction() as session:
        meeting_id = import_file(session, write(tmp_path, data))
    with db.reading() as session:
        invitation = session.scalars(
            select(Invitation).where(Invitation.meeting_id == meeting_id, Invitation.position == 14)
        ).one()
        assert invitation.representation is Representation.SUBSTITUTE
    out = json.loads(exported(db, meeting_id))
    assert out["meeting"]["attendance"][14]["representation"] == "substitute"


def _person(data: dict, index: int) -> str:
    return data["meeting"]["attendance"][index]["person"]


def _decision(data: dict) -> dict:
    return data["meeting"]["agenda"][0]["decision"]


def _loop(data: dict) -> None:
    data["meeting"]["attendance"][0].update(
        status="represented", representation="proxy", represented_by=_person(data, 1)
    )


def _version_1_with(key: str):
    def mutate(data: dict) -> None:
        old = json.loads(V1_DEMO.read_text("utf-8"))
        old["meeting"][key] = data["meeting"][key]
        data.clear()
        data.update(old)

    return mutate


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            lambda d: _decision(d).update({"for": 11}),
            "meeting.agenda[0].decision : le vote compte 14 voix pour 13 votants",
            id="vote-exceeds-votants",
        ),
        pytest.param(
            lambda d: d["meeting"]["attendance"][1].update(represented_by=_person(d, 1)),
            "meeting.attendance[1].represented_by : une personne ne peut pas se donner "
            "pouvoir à elle-même.",
            id="proxy-to-oneself",
        ),
        pytest.param(
            _loop,
            "meeting.attendance[1].represented_by : représentation en boucle",
            id="proxy-loop",
        ),
        pytest.param(
            lambda d: d["meeting"]["attendance"][1].update(represented_by=OUTSIDER),
            "meeting.attendance[1].represented_by : un pouvoir se donne à un membre invité à "
            "la séance : invitez d'abord la personne qui le reçoit.",
            id="proxy-to-someone-not-invited",
        ),
        pytest.param(
            lambda d: d["meeting"]["attendance"][1].update(
                represented_by=None, represented_by_name="M. Jean TAPÉ"
            ),
            "meeting.attendance[1].represented_by : un pouvoir se donne à un membre invité",
            id="proxy-to-a-typed-name",
        ),
        pytest.param(
            lambda d: d["meeting"]["secretaries"].append(OUTSIDER),
            f"meeting.secretaries[2] : « {OUTSIDER} » n'est pas parmi les invités de la séance",
            id="secretary-not-invited",
        ),
        pytest.param(
            lambda d: d["committee"]["settings"].update(quorum="abc"),
            "committee.settings.quorum : « Quorum » : « abc » n'est pas compris. Tapez un "
            "nombre de membres (36)",
            id="quorum-abc",
        ),
        pytest.param(
            lambda d: d["committee"]["settings"].update(members_in_office=0),
            "committee.settings.members_in_office : « Membres en exercice » doit être un "
            "nombre entier de 1 à 10000.",
            id="no-member-in-office",
        ),
        pytest.param(
            lambda d: _decision(d)["names"]["against"].append(_person(d, 8)),
            "meeting.agenda[0].decision : 3 personnes nommées « Contre » pour 2 voix.",
            id="names-exceed-figures",
        ),
        pytest.param(
            lambda d: _decision(d)["names"]["for"].append(OUTSIDER),
            f"meeting.agenda[0].decision.names.for[0] : « {OUTSIDER} » n'est pas parmi les "
            "invités de la séance",
            id="name-not-invited",
        ),
        pytest.param(
            lambda d: _decision(d)["names"]["abstentions"].append(_person(d, 5)),
            "meeting.agenda[0].decision.names.abstentions[1] : « person-9 » est "
            "nommé(e) deux fois.",
            id="named-twice",
        ),
        pytest.param(
            lambda d: _decision(d).update(result="unanimous"),
            "meeting.agenda[0].decision : un vote à l'unanimité n'a ni voix contre",
            id="unanimous-with-votes-against",
        ),
        pytest.param(
            lambda d: _decision(d).update(result=None),
            "meeting.agenda[0].decision : des voix sont indiquées sans vote",
            id="figures-without-a-vote",
        ),
        pytest.param(
            lambda d: _decision(d).update(text="x" * 20_001),
            "meeting.agenda[0].decision.text : texte trop long : 20001 caractères, 20000 au plus",
            id="decision-too-long",
        ),
        pytest.param(
            lambda d: d["meeting"]["attendance"][2].update(representation=None),
            "meeting.attendance[2] : « représenté » sans dire comment",
            id="represented-without-representation",
        ),
        pytest.param(
            lambda d: d["meeting"]["attendance"][3].update(representation="substitute"),
            "meeting.attendance[3].representation : une représentation (pouvoir ou "
            "suppléant) ne va qu'avec le statut « represented »",
            id="representation-without-represented",
        ),
        pytest.param(
            lambda d: d["meeting"]["attendance"][3].update(representation="pouvoir"),
            'meeting.attendance[3].representation : valeur "pouvoir" non reconnue (attendu : '
            "proxy, substitute, null)",
            id="unknown-representation",
        ),
        pytest.param(
            _version_1_with("secretaries"),
            "meeting.secretaries : champ de la version 2 du format dans un fichier de version 1",
            id="version-2-key-in-a-version-1-file",
        ),
    ],
)
def test_a_record_the_window_refuses_is_refused_whole(tmp_path, demo_db, mutate, expected):
    data = copy.deepcopy(full_record())
    mutate(data)
    before = dump(demo_db)
    with pytest.raises(UserError) as caught, demo_db.transaction() as session:
        import_file(session, write(tmp_path, data))
    message = str(caught.value)
    assert expected in message, message
    assert "Rien n'a été modifié" in message
    assert dump(demo_db) == before


def test_the_full_record_itself_is_accepted(tmp_path, demo_db):
    """The refusals above come from their one change: the file they start from imports."""
    with demo_db.transaction() as session:
        assert import_file(session, write(tmp_path, full_record())) > 0
