"""Message drafts (.eml) read back by Python's own parser: an Outlook draft with French
headers and both attachments byte for byte."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import default

import pytest

from clu_desktop.interchange.mail import Attachment, Draft, Recipient, draft_bytes
from clu_desktop.rules.mail_template import message_address

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40
ICS = "BEGIN:VCALENDAR\r\nSUMMARY:Séance\r\nEND:VCALENDAR\r\n".encode()
SENDER = Recipient("Mylène BÉGUÉ", "mylene.begue@haute-marne.gouv.fr")
DRAFT = Draft(
    subject="Convocation : Comité local des usagers du mercredi 20 décembre 2023",
    body="Madame, Monsieur,\n\nVous êtes invité(e) à la séance « CLU ».\n",
    sender=SENDER,
    to=(Recipient("Jean de LA FONTAINE", "jean.de-la-fontaine@example.fr"),),
    attachments=(
        Attachment("convocation-CLU-2023-12-20.pdf", PDF, "application/pdf"),
        Attachment(
            "invitation-CLU-2023-12-20.ics",
            ICS,
            "text/calendar",
            (("charset", "utf-8"), ("method", "REQUEST")),
        ),
    ),
)


def parsed(draft: Draft):
    return BytesParser(policy=default).parsebytes(draft_bytes(draft))


def test_the_draft_reads_back_with_its_french_headers_and_body() -> None:
    data = draft_bytes(DRAFT)
    assert data.isascii()  # every header and part encoded for any mail system
    assert b"\r\n" in data
    message = parsed(DRAFT)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == DRAFT.subject
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == (
        "Jean de LA FONTAINE",
        "jean.de-la-fontaine@example.fr",
    )
    (sender,) = message["From"].addresses
    assert sender.display_name == "Mylène BÉGUÉ"
    body = message.get_body(("plain",)).get_content()
    assert body.replace("\r\n", "\n") == DRAFT.body


def test_both_attachments_come_back_byte_for_byte() -> None:
    message = parsed(DRAFT)
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert list(attachments) == [a.file_name for a in DRAFT.attachments]
    pdf = attachments["convocation-CLU-2023-12-20.pdf"]
    ics = attachments["invitation-CLU-2023-12-20.ics"]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_payload(decode=True) == PDF
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "REQUEST"
    assert ics.get_payload(decode=True) == ICS


def test_a_draft_to_all_puts_the_addresses_in_bcc() -> None:
    people = tuple(Recipient(f"Invité {n}", f"invite.{n}@example.fr") for n in range(70))
    message = parsed(Draft("Objet", "Texte\n", SENDER, to=(SENDER,), bcc=people))
    assert [a.addr_spec for a in message["Bcc"].addresses] == [p.address for p in people]
    assert message["To"].addresses[0].addr_spec == SENDER.address


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        ("jean.de-la-fontaine@haute-marne.gouv.fr", "jean.de-la-fontaine@haute-marne.gouv.fr"),
        ("contact@préfecture.fr", "contact@xn--prfecture-c4a.fr"),
        ("élodie@example.fr", None),  # accents before the @: no mail system takes it
        ('a"b@example.fr', None),
        ("a,b@example.fr", None),
        ("pas-une-adresse@", None),
    ],
)
def test_only_addresses_a_header_can_carry_are_sent_to(written, sent) -> None:
    assert message_address(written) == sent
    if sent is not None:
        message = parsed(Draft("Objet", "Texte\n", to=(Recipient("Élodie", sent),)))
        assert message["To"].addresses[0].addr_spec == sent
        assert not message["To"].defects
