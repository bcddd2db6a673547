"""The subject and text of the messages, one pair per committee and kind of message, kept
in the ``setting`` table; the defaults until a committee has its own."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from clu_desktop.errors import UserError
from clu_desktop.rules.mail_template import check_template
from clu_desktop.services.settings import get_setting, set_setting

CONVOCATION = "convocation"
MINUTES = "minutes"
#: The cancellation of a planned meeting's calendar invitation, before it is deleted.
CANCELLATION = "cancellation"
KINDS = {CONVOCATION: "la convocation", MINUTES: "le compte-rendu", CANCELLATION: "l'annulation"}


@dataclass(frozen=True)
class MailTemplate:
    subject: str
    body: str
    is_default: bool = True


DEFAULTS = {
    CONVOCATION: MailTemplate(
        "Convocation : $titre du $date",
        "Madame, Monsieur,\n\n"
        "Vous êtes invité(e) à la séance « $titre », qui se tiendra le $date "
        "($horaires), $lieu.\n\n"
        "Ordre du jour :\n$ordre_du_jour\n\n"
        "Vous trouverez ci-joints la convocation et l'invitation à ajouter à votre agenda. "
        "Merci de nous faire savoir si vous serez présent(e), ou si vous serez excusé(e) "
        "ou représenté(e).\n\n"
        "Bien cordialement,\n\n$contact\n$contact_telephone",
    ),
    MINUTES: MailTemplate(
        "Compte-rendu : $titre du $date",
        "Madame, Monsieur,\n\n"
        "Vous trouverez ci-joint le compte-rendu signé de la séance « $titre » ($comite) "
        "du $date.\n\n"
        "Bien cordialement,\n\n$contact\n$contact_telephone",
    ),
    CANCELLATION: MailTemplate(
        "Annulation : $titre du $date",
        "Madame, Monsieur,\n\n"
        "La séance « $titre » prévue le $date ($horaires), $lieu, est annulée. "
        "L'annulation ci-jointe la retire de votre agenda.\n\n"
        "Bien cordialement,\n\n$contact\n$contact_telephone",
    ),
}


def _key(kind: str, committee_id: int) -> str:
    if kind not in KINDS:
        raise UserError(f"Modèle de message inconnu : « {kind} ».")
    return f"mail_template.{kind}.{committee_id}"


def get_template(session: Session, committee_id: int, kind: str) -> MailTemplate:
    """The committee's template of ``kind`` (convocation or minutes), else the default."""
    stored = get_setting(session, _key(kind, committee_id))
    if stored is not None:
        try:
            values = json.loads(stored)
            return MailTemplate(str(values["subject"]), str(values["body"]), is_default=False)
        except (ValueError, KeyError, TypeError):
            pass  # written by hand or damaged: the default stands in
    return DEFAULTS[kind]


def set_template(
    session: Session, committee_id: int, kind: str, subject: str, body: str
) -> MailTemplate:
    """Check and keep the committee's template (an unknown placeholder is refused, named);
    the default's text itself removes the committee's own."""
    key = _key(kind, committee_id)
    template = MailTemplate(check_template(subject, "subject"), check_template(body, "body"))
    default = DEFAULTS[kind]
    if (template.subject, template.body) == (default.subject, default.body):
        set_setting(session, key, None)
        return default
    set_setting(session, key, json.dumps({"subject": template.subject, "body": template.body}))
    return MailTemplate(template.subject, template.body, is_default=False)
