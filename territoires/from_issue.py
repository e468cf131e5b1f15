"""`python build.py from-issue FILE`: turn the body of a "Proposer …" issue into a record file.

The issue body is untrusted text written by anyone. It is parsed here, never interpolated into
a shell or a template: each answer is matched to a field of our own issue form definitions
(`contributing.py`, the same ones GitHub displays), converted to the record's field, and the
record is written with a YAML dumper (so no answer can add a field or break the front matter),
then validated like any other record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from . import vocabularies
from .contributing import actor_form, experience_form
from .formatting import format_text
from .loading import slugify
from .models import KINDS
from .territories import Reference

NO_RESPONSE = {"_No response_", "_Aucune réponse_", "None"}
MAX_ANSWER = 5000


class IssueError(Exception):
    """The issue cannot become a record; `messages` say why, in French, for its author."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass
class Proposal:
    kind: str  # actor or experience
    record_id: str
    fields: dict
    body: str
    problems: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The record file, written by a YAML dumper (no answer can add a field) in the canonical style."""
        front = yaml.safe_dump(self.fields, allow_unicode=True, sort_keys=False, width=100)
        raw = f"---\n{front}---\n{self.body.strip()}\n" if self.body.strip() else f"---\n{front}---\n"
        return format_text(raw, KINDS[self.kind]) or raw


FORMS = {"actor": actor_form, "experience": experience_form}


def sections(body: str) -> dict[str, str]:
    """The answers of an issue-form body: "### Label" headings, each followed by its answer."""
    answers: dict[str, str] = {}
    current = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        match = re.match(r"^### (.+?)\s*$", line)
        if match:
            if current is not None:
                answers.setdefault(current, "\n".join(lines).strip())
            current, lines = match.group(1), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        answers.setdefault(current, "\n".join(lines).strip())
    return {label: ("" if value in NO_RESPONSE else value[:MAX_ANSWER]) for label, value in answers.items()}


def _form_for(answers: dict[str, str]) -> str:
    """Which of our forms produced these answers: the one whose questions they answer best."""
    best, score = None, 0
    for kind, build in FORMS.items():
        labels = {item["attributes"]["label"] for item in build()["body"] if item.get("id")}
        matched = len(labels & set(answers))
        if matched > score and matched >= len(labels) // 2:
            best, score = kind, matched
    if best:
        return best
    raise IssueError(["Ce texte ne vient pas d'un formulaire « Proposer un acteur » ou « Proposer une expérience »."])


def _answers_by_id(kind: str, answers: dict[str, str]) -> dict[str, str]:
    return {item["id"]: answers.get(item["attributes"]["label"], "") for item in FORMS[kind]()["body"] if item.get("id")}


def _checked(answer: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^- \[[xX]\] (.+)$", answer, re.M)]


def _by_label(vocabulary: str, labels: list[str], field_name: str, problems: list[str]) -> list[str]:
    table = {t.label: t.id for t in vocabularies.get(vocabulary)}
    ids = []
    for label in labels:
        if label in table:
            ids.append(table[label])
        else:
            problems.append(f"« {field_name} » : valeur « {label} » inconnue")
    return ids


def _names(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def _fold(text: str) -> str:
    return slugify(text)


def _territories(text: str, table: dict, field_name: str, problems: list[str]) -> list[str]:
    """Codes from "Occitanie, 34, Hérault": codes are kept, names are looked up in the reference."""
    by_name = {_fold(item.name): code for code, item in table.items()}
    codes = []
    for part in _names(text):
        code = part.upper() if re.fullmatch(r"[0-9]{2,3}|2[abAB]", part) else None
        if code in table:
            codes.append(code)
        elif _fold(part) in by_name:
            codes.append(by_name[_fold(part)])
        else:
            problems.append(f"« {field_name} » : « {part} » n'est ni un code ni un nom connu")
    return list(dict.fromkeys(codes))


def proposal_from_issue(body: str, today: dt.date, ref: Reference) -> Proposal:
    answers = sections(body)
    if not answers:
        raise IssueError(["Le texte de l'issue est vide ou ne suit pas le formulaire."])
    kind = _form_for(answers)
    a = _answers_by_id(kind, answers)
    problems: list[str] = []
    if kind == "actor":
        fields, text = _actor(a, ref, problems)
        name = fields.get("nom", "")
    else:
        fields, text = _experience(a, problems)
        name = fields.get("titre", "")
    fields["date_verification"] = today.isoformat()
    record_id = slugify(name)
    if not record_id:
        raise IssueError(["Le nom (ou le titre) est vide : impossible de nommer la fiche."])
    return Proposal(kind, record_id, {k: v for k, v in fields.items() if v not in ("", [], None, {})}, text, problems)


def _actor(a: dict[str, str], ref: Reference, problems: list[str]) -> tuple[dict, str]:
    coverage: dict = {}
    if _checked(a.get("national", "")):
        coverage["national"] = True
    coverage["regions"] = _territories(a.get("regions", ""), ref.regions, "Régions couvertes", problems)
    coverage["departements"] = _territories(a.get("departements", ""), ref.departments, "Départements couverts", problems)
    for part in _names(a.get("communes", "")):
        if re.fullmatch(r"[0-9]{9}", part):
            coverage.setdefault("epci", []).append(part)
        elif re.fullmatch(r"[0-9]{5}|2[AB][0-9]{3}", part.upper()):
            coverage.setdefault("communes", []).append(part.upper())
        else:
            problems.append(f"« Intercommunalités ou communes couvertes » : « {part} » n'est ni un code INSEE ni un SIREN")
    fields = {
        "nom": a.get("nom", ""),
        "sigle": a.get("sigle", ""),
        "type_structure": next(iter(_by_label("types-structure", [a["type_structure"]], "Type de structure", problems)), "")
        if a.get("type_structure")
        else "",
        "resume": " ".join(a.get("resume", "").split()),
        "thematiques": _by_label("thematiques", _checked(a.get("thematiques", "")), "Thématiques", problems),
        "offres": _by_label("offres", _checked(a.get("offres", "")), "Types d'aide", problems),
        "intervention": {k: v for k, v in coverage.items() if v},
        "site_web": a.get("site_web", ""),
        "contact": {"email": a["contact_email"]} if a.get("contact_email") else {},
        "siege": {"commune": a["siege_commune"].upper()} if a.get("siege_commune") else {},
        "sources": _sources(a),
    }
    return fields, a.get("presentation", "")


def _sources(a: dict[str, str]) -> list[dict]:
    """ "titre | adresse" lines (an address alone is its own title)."""
    sources = []
    for line in a.get("sources", "").splitlines():
        if not line.strip():
            continue
        title, _, url = line.rpartition("|")
        if not title.strip():
            title, url = url, url
        sources.append({"titre": title.strip(), "url": url.strip()})
    return sources


def _place(a: dict[str, str]) -> dict:
    """One commune, several communes (codes separated by commas), or an EPCI."""
    communes = [code.upper() for code in _names(a.get("commune", ""))]
    place: dict = {"commune": communes[0]} if len(communes) == 1 else {"communes": communes} if communes else {}
    if a.get("epci"):
        place["epci"] = a["epci"].strip()
    return place


def _awards(a: dict[str, str]) -> list[dict]:
    """ "nom | année" lines."""
    awards = []
    for line in a.get("distinctions", "").splitlines():
        title, _, year = line.strip("-• ").strip().partition("|")
        if title.strip():
            awards.append({"titre": title.strip(), "annee": year.strip()} if year.strip() else {"titre": title.strip()})
    return awards


def _experience(a: dict[str, str], problems: list[str]) -> tuple[dict, str]:
    sources = _sources(a)
    fields = {
        "titre": " ".join(a.get("titre", "").split()),
        "resume": " ".join(a.get("resume", "").split()),
        "territoire": _place(a),
        "porteur": {
            "nom": a.get("porteur_nom", ""),
            "type": next(iter(_by_label("types-porteur", [a["porteur_type"]], "Type de structure porteuse", problems)), "")
            if a.get("porteur_type")
            else "",
        },
        "debut": a.get("debut", ""),
        "fin": a.get("fin", ""),
        "en_cours": not a.get("fin"),
        "thematiques": _by_label("thematiques", _checked(a.get("thematiques", "")), "Thématiques", problems),
        "demarches": _by_label("demarches", _checked(a.get("demarches", "")), "Types de démarche", problems),
        "niveau_participation": next(
            iter(_by_label("niveaux-participation", [a["niveau_participation"]], "Niveau de participation", problems)), ""
        )
        if a.get("niveau_participation")
        else "",
        "participants": " ".join(a.get("participants", "").split()),
        "acteurs": [slugify(x) for x in _names(a.get("acteurs", ""))],
        "partenaires": [line.strip("-• ").strip() for line in a.get("partenaires", "").splitlines() if line.strip("-• ").strip()],
        "resultats": " ".join(a.get("resultats", "").split()),
        "distinctions": _awards(a),
        "site_web": a.get("site_web", "").strip(),
        "a_retenir": [line.strip("-• ").strip() for line in a.get("a_retenir", "").splitlines() if line.strip("-• ").strip()],
        "sources": sources,
    }
    return fields, a.get("recit", "")
