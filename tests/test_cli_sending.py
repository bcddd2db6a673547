"""``clu-desktop send convocation|minutes``: the drafts written in a folder, the people
left for the post listed, and the same refusals as the window."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import default

from clu_desktop.cli import main
from clu_desktop.errors import EXIT_USER_ERROR


def test_send_convocation_writes_the_drafts_and_lists_who_has_no_address(tmp_path, capsys):
    db = str(tmp_path / "clu.sqlite")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    out = tmp_path / "envoi"
    assert main(["--db", db, "send", "convocation", "--meeting", "1", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "1 brouillon de message écrit" in printed
    assert "14 invités n'ont pas d'adresse : M. Guillaume THIRARD" in printed
    assert "CLU Desktop n'envoie rien lui-même" in printed
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "convocation-01-Mylène-BEGUE.eml",  # as the invitation prints her
        "convocation-CLU-2023-12-20.pdf",
        "invitation-CLU-2023-12-20.ics",
    ]
    message = BytesParser(policy=default).parsebytes((out / names[0]).read_bytes())
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "mylene.begue@haute-marne.gouv.fr"


def test_send_minutes_not_signed_in_the_application_is_refused(tmp_path, capsys):
    db = str(tmp_path / "clu.sqlite")
    assert main(["--db", db, "demo"]) == 0
    out = tmp_path / "envoi"
    code = main(["--db", db, "send", "minutes", "--meeting", "1", "-o", str(out), "--bcc"])
    assert code == EXIT_USER_ERROR
    assert "pas de PDF signé à joindre" in capsys.readouterr().err
    assert not out.exists()


def test_send_cancellation_without_an_invitation_made_is_refused(tmp_path, capsys):
    db = str(tmp_path / "clu.sqlite")
    assert main(["--db", db, "demo"]) == 0
    out = tmp_path / "annulation"
    assert main(["--db", db, "send", "cancellation", "-o", str(out)]) == EXIT_USER_ERROR
    assert "il n'y a rien à annuler" in capsys.readouterr().err
    assert not out.exists()
