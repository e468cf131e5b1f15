"""What looks like personal data in a record: a person's email address, a mobile phone number, a name.

Records describe organisations (RGPD; see ARCHITECTURE.md, "Contracts"): contacts are role addresses, switchboards and
forms. The hints (webmail domains, generic address prefixes) are data, in
`data/donnees-personnelles.yaml`.
"""

from __future__ import annotations

import re
from functools import cache

from . import strictyaml
from .paths import DATA_DIR

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# French mobile numbers (06, 07), written with spaces, dots or dashes, or in +33 form.
MOBILE = re.compile(r"(?<![0-9])(?:\+33[ .-]?|0033[ .-]?|0)[67](?:[ .-]?[0-9]{2}){4}(?![0-9])")
# "prenom.nom", "p.nom", "prenom-nom": two words that look like a first name and a surname.
NAME_LIKE = re.compile(r"^[a-z]{1,20}[.-][a-z]{2,30}$", re.IGNORECASE)


@cache
def _hints() -> dict:
    parsed = strictyaml.parse((DATA_DIR / "donnees-personnelles.yaml").read_text(encoding="utf-8"))
    return {"webmails": frozenset(parsed.data["messageries"]), "generic": tuple(parsed.data["adresses_generiques"])}


def email_problem(address: str) -> tuple[str, str] | None:
    """(severity, reason) when an address looks personal, or None.

    "prenom.nom@…" is an error: it names a person. A webmail address is only a warning: small
    associations often have one, but reviewers should check that it is not someone's own.
    """
    local, _, domain = address.lower().rpartition("@")
    if local.startswith(_hints()["generic"]):
        return None
    if NAME_LIKE.match(local):
        return (
            "error",
            f"l'adresse « {address} » ressemble à celle d'une personne (prénom.nom) : indiquez une adresse générique de la structure (contact@…)",
        )
    if domain in _hints()["webmails"]:
        return (
            "warning",
            f"l'adresse « {address} » est celle d'une messagerie grand public : vérifiez qu'il s'agit bien d'une adresse de la structure, et non de celle d'une personne",
        )
    return None


def phone_problem(number: str) -> str | None:
    if MOBILE.fullmatch(number.strip()):
        return f"le numéro « {number} » est un numéro de portable : indiquez le standard de la structure"
    return None


def findings(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for every personal-looking address or mobile number in a text."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in EMAIL.finditer(line):
            problem = email_problem(match.group())
            if problem:
                found.append((number, match.start() + 1, f"donnée personnelle probable : {problem[1]}"))
        for match in MOBILE.finditer(line):
            found.append((number, match.start() + 1, f"donnée personnelle probable : {phone_problem(match.group())}"))
    return found


# A person named in a text: a title before a capitalised name ("M. Durand", "Madame Martin"), or
# a role followed by a first name and a surname ("le maire, Jean Dupont"). A hint for reviewers:
# some are public figures cited by the sources, but records name organisations, not people.
_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ"
_LOWER = "a-zàâäçéèêëîïôöùûü'"
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"  # "Jean", "Marie-Claire"
PERSON = re.compile(
    rf"\b(?:M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle)\s+(?:{_WORD}\s+)?[{_UPPER}][{_UPPER}a-zàâäçéèêëîïôöùûü'-]+"
    rf"|\b(?:maire|adjointe?|présidente?|président|directeur|directrice|conseill(?:er|ère)|chargée? de mission|habitante?)"
    rf"\s*,?\s+({_WORD})\s+([{_UPPER}][{_UPPER}a-zàâäçéèêëîïôöùûü'-]+)\b"
)
# Words that follow a role without being a first name: "le maire Jean" is a name, "le maire de…" is not.
_NOT_FIRST_NAMES = {"De", "Du", "Des", "La", "Le", "Les", "Et", "En", "Au", "Aux", "Pour", "Par", "Sur"}


def person_names(text: str) -> list[tuple[int, int, str]]:
    """(line, column, words) for every place that looks like a person's name."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith(("url:", "- url:", "site_web:", "http")):
            continue
        for match in PERSON.finditer(line):
            if match.group(1) and match.group(1) in _NOT_FIRST_NAMES:
                continue
            found.append((number, match.start() + 1, match.group()))
    return found
