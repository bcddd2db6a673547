"""The templates of the messages that send a convocation or minutes: their placeholders
(« $date », « $lieu »...), checked by one function that the settings and the command line
both call, and filled with :class:`string.Template`."""

from __future__ import annotations

from string import Template

from clu_desktop.errors import UserError
from clu_desktop.rules.fields import is_email

#: Every placeholder a template may use, with what it becomes (as the settings list them).
PLACEHOLDERS = {
    "comite": "le nom du comité",
    "sigle": "le sigle du comité",
    "titre": "le titre de la séance",
    "date": "la date de la séance (« mercredi 20 décembre 2023 »)",
    "horaires": "les heures (« 14h30-16h30 »)",
    "heure_debut": "l'heure de début (« 14h30 »)",
    "heure_fin": "l'heure de fin (« 16h30 »)",
    "lieu": "le lieu",
    "ordre_du_jour": "l'ordre du jour, un point par ligne",
    "contact": "la personne à contacter (« Affaire suivie par »)",
    "contact_telephone": "son téléphone",
    "contact_courriel": "son adresse électronique",
}

MAX_LENGTH = {"subject": 300, "body": 10_000}
LABELS = {"subject": "Objet du message", "body": "Texte du message"}


def check_template(text: str, part: str) -> str:
    """``text`` as it is kept, if it uses known placeholders only; otherwise a French
    UserError naming the unknown placeholder (``part``: "subject" or "body")."""
    label = LABELS[part]
    text = text.replace("\r\n", "\n").strip()
    if part == "subject":
        text = " ".join(text.split())
    if not text:
        raise UserError(f"« {label} » ne peut pas être vide.")
    if len(text) > MAX_LENGTH[part]:
        raise UserError(f"« {label} » est trop long ({MAX_LENGTH[part]} caractères au plus).")
    template = Template(text)
    if not template.is_valid():
        raise UserError(
            f"« {label} » : un « $ » n'est suivi d'aucun nom de champ. Écrivez « $$ » pour "
            "un signe dollar, ou un champ parmi : " + _known() + "."
        )
    for name in template.get_identifiers():
        if name not in PLACEHOLDERS:
            raise UserError(
                f"« {label} » : le champ « ${name} » n'existe pas. Les champs possibles "
                f"sont : {_known()}."
            )
    return text


def _known() -> str:
    return ", ".join(f"${name}" for name in PLACEHOLDERS)


def fill_template(text: str, values: dict[str, str]) -> str:
    """The template with its placeholders replaced (a checked template: every placeholder
    is in ``values``)."""
    return Template(text).substitute({name: values.get(name, "") for name in PLACEHOLDERS})


_SPECIALS = set('"(),:;<>[]\\')


def message_address(text: str) -> str | None:
    """``text`` as a message header can carry it (a domain with accents in its ASCII
    form, « xn--… »), or None when it cannot be sent to: not the shape of an address
    (``rules.fields.is_email``), accents before the @, or a character that would need
    quoting."""
    if not is_email(text):
        return None
    local, _, domain = text.rpartition("@")
    if not local.isascii() or _SPECIALS & set(text):
        return None
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return f"{local}@{domain}"
