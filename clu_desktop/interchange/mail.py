"""A message draft as an .eml file (RFC 5322, MIME) made from plain data.

The workstation's mail client opens it ready to send: ``X-Unsent: 1`` makes Outlook open
it as a draft, and Thunderbird opens it with « Modifier comme nouveau message ». Nothing
here sends anything. Headers with accents are encoded by Python's ``email`` package
(RFC 2047), lines end with CRLF, attachments are in base64.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str

    def header(self) -> Address:
        username, _, domain = self.address.partition("@")
        return Address(display_name=self.name, username=username, domain=domain)


@dataclass(frozen=True)
class Attachment:
    file_name: str
    data: bytes
    #: "application/pdf", "text/calendar"...
    mime_type: str
    #: extra Content-Type parameters, such as {"method": "REQUEST"} of an invitation
    parameters: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    sender: Recipient | None = None
    to: tuple[Recipient, ...] = ()
    bcc: tuple[Recipient, ...] = ()
    attachments: tuple[Attachment, ...] = ()


def draft_bytes(draft: Draft) -> bytes:
    """The .eml file of ``draft``: a message marked unsent, with its attachments."""
    message = EmailMessage(policy=SMTP)
    message["X-Unsent"] = "1"
    if draft.sender is not None:
        message["From"] = draft.sender.header()
    if draft.to:
        message["To"] = [person.header() for person in draft.to]
    if draft.bcc:
        message["Bcc"] = [person.header() for person in draft.bcc]
    message["Subject"] = draft.subject
    message.set_content(draft.body, charset="utf-8", cte="quoted-printable")
    for attachment in draft.attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype,
            filename=attachment.file_name,
            params=dict(attachment.parameters),
        )
    return message.as_bytes()
