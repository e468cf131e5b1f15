"""Contributor documentation generated from the models, so that it cannot drift from validation.

- the field tables of CONTRIBUTING.md (between `<!-- DEBUT champs … -->` and `<!-- FIN … -->`);
- the GitHub issue forms "Proposer un acteur", "Proposer une expérience", "Signaler une erreur".

`python build.py docs` rewrites them; `python build.py docs --check` fails when they are stale.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import vocabularies
from .models import KINDS, RECORD_KINDS, json_schema, schema_property, schema_target
from .paths import PROJECT_ROOT

CONTRIBUTING = PROJECT_ROOT / "CONTRIBUTING.md"
FORMS_DIR = PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE"
TYPE_WORDS = {
    "string": "texte",
    "boolean": "oui / non",
    "number": "nombre",
    "integer": "nombre entier",
    "array": "liste",
    "object": "sous-champs",
}


def _vocabulary_of(values: list[str]) -> str | None:
    for name, vocabulary in vocabularies.vocabularies().items():
        if vocabulary.ids == values:
            return name
    return None


def field_rows(kind: str) -> list[dict]:
    """One row per field of a record's front matter, nested fields written `parent.child`."""
    schema = json_schema(kind)
    defs = schema.get("$defs", {})
    rows: list[dict] = []

    def walk(properties: dict, required: list[str], prefix: str, parent_required: bool) -> None:
        for name, prop in properties.items():
            target = schema_target(prop, defs)
            path = f"{prefix}{name}"
            is_required = parent_required and name in required
            kind_word = TYPE_WORDS.get(target.get("type", "string"), "texte")
            items = target.get("items", {})
            enum = target.get("enum") or items.get("enum")
            if target.get("format") == "date":
                kind_word = "date AAAA-MM-JJ"
            elif target.get("type") == "array":
                kind_word = f"liste de {TYPE_WORDS.get(schema_target(items, defs).get('type', 'string'), 'texte')}"
            example = (prop.get("examples") or target.get("examples") or [None])[0]
            rows.append(
                {
                    "field": path,
                    "required": is_required,
                    "type": kind_word,
                    "description": (prop.get("description") or target.get("description") or "").split("\n")[0],
                    "example": example,
                    "vocabulary": _vocabulary_of(enum) if enum else None,
                }
            )
            if target.get("type") == "object" and "properties" in target:
                walk(target["properties"], target.get("required", []), f"{path}.", is_required)
            elif target.get("type") == "array" and "properties" in schema_target(items, defs):
                inner = schema_target(items, defs)
                walk(inner["properties"], inner.get("required", []), f"{path}[].", is_required)

    walk(schema["properties"], schema.get("required", []), "", True)
    return rows


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _example(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "`oui`" if value else "`non`"
    if isinstance(value, list):
        return "`[" + ", ".join(str(v) for v in value) + "]`"
    if isinstance(value, dict):
        return ""
    return f"`{value}`"


def field_table(kind: str) -> str:
    lines = ["| Champ | Obligatoire | Type | Description | Exemple |", "|---|---|---|---|---|"]
    for row in field_rows(kind):
        description = row["description"]
        if row["vocabulary"]:
            description += (
                f" Valeurs : voir [`data/vocabulaires/{row['vocabulary']}.yaml`](data/vocabulaires/{row['vocabulary']}.yaml)."
            )
        lines.append(
            f"| `{row['field']}` | {'oui' if row['required'] else ''} | {row['type']} | {_cell(description)} | {_cell(_example(row['example']))} |"
        )
    return "\n".join(lines)


def _markers(kind: str) -> tuple[str, str]:
    name = KINDS[kind].key
    return (
        f"<!-- DEBUT champs {name} (généré par « python build.py docs », ne pas modifier à la main) -->",
        f"<!-- FIN champs {name} -->",
    )


def rendered_contributing(text: str) -> str:
    """CONTRIBUTING.md with every generated section brought up to date."""
    for kind in RECORD_KINDS:
        start, end = _markers(kind)
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
        if not pattern.search(text):
            raise ValueError(f"CONTRIBUTING.md : repères « {start} » et « {end} » introuvables")
        section = f"{start}\n{field_table(kind)}\n{end}"
        text = pattern.sub(lambda _, section=section: section, text)
    return text


# ---- Issue forms -------------------------------------------------------------------------------

CONSENT = {
    "type": "checkboxes",
    "id": "consentement",
    "attributes": {
        "label": "Licence et données personnelles",
        "options": [
            {"label": "J'accepte que ma proposition soit publiée sous Licence Ouverte 2.0.", "required": True},
            {
                "label": "Ma proposition ne contient aucune donnée personnelle (ni nom d'habitant, ni adresse ou téléphone personnels).",
                "required": True,
            },
        ],
    },
}


def _describe(kind: str, *path: str) -> str:
    return schema_property(kind, path).get("description", "")


def _input(
    field_id: str, label: str, description: str, required: bool = False, placeholder: str = "", kind: str = "input"
) -> dict:
    attributes = {"label": label, "description": description}
    if placeholder:
        attributes["placeholder"] = placeholder
    item = {"type": kind, "id": field_id, "attributes": attributes}
    if required:
        item["validations"] = {"required": True}
    return item


def _checkboxes(field_id: str, label: str, vocabulary: str, description: str) -> dict:
    return {
        "type": "checkboxes",
        "id": field_id,
        "attributes": {
            "label": label,
            "description": description,
            "options": [{"label": t.label} for t in vocabularies.get(vocabulary)],
        },
    }


def _dropdown(field_id: str, label: str, vocabulary: str, description: str, required: bool = True) -> dict:
    item = {
        "type": "dropdown",
        "id": field_id,
        "attributes": {"label": label, "description": description, "options": [t.label for t in vocabularies.get(vocabulary)]},
    }
    if required:
        item["validations"] = {"required": True}
    return item


def actor_form() -> dict:
    return {
        "name": "Proposer un acteur",
        "description": "Proposer une structure qui aide les collectivités à associer leurs habitants.",
        "title": "[Acteur] ",
        "labels": ["proposition", "acteur"],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": (
                        "Merci ! Votre proposition deviendra une fiche, relue par les partenaires avant publication. "
                        "Décrivez la structure, jamais une personne : contacts génériques uniquement."
                    )
                },
            },
            _input("nom", "Nom de la structure", _describe("actor", "nom"), True, "Décider ensemble"),
            _input("sigle", "Sigle", _describe("actor", "sigle")),
            _dropdown("type_structure", "Type de structure", "types-structure", _describe("actor", "type_structure")),
            _input("resume", "Présentation courte", _describe("actor", "resume"), True, kind="textarea"),
            _checkboxes("thematiques", "Thématiques", "thematiques", _describe("actor", "thematiques")),
            _checkboxes("offres", "Types d'aide", "offres", _describe("actor", "offres")),
            {
                "type": "checkboxes",
                "id": "national",
                "attributes": {
                    "label": "Intervention nationale",
                    "options": [{"label": "La structure intervient dans toute la France."}],
                },
            },
            _input(
                "regions",
                "Régions couvertes",
                "Noms ou codes des régions, séparés par des virgules.",
                placeholder="Occitanie, Bretagne",
            ),
            _input(
                "departements",
                "Départements couverts",
                "Noms ou codes des départements, séparés par des virgules.",
                placeholder="Hérault, 30",
            ),
            _input(
                "communes",
                "Intercommunalités ou communes couvertes",
                "Codes INSEE de communes (5 caractères) ou SIREN d'intercommunalités (9 chiffres), séparés par des virgules.",
                placeholder="34164, 243400017",
            ),
            _input("site_web", "Site internet", _describe("actor", "site_web"), placeholder="https://"),
            _input(
                "contact_email",
                "Adresse électronique générique",
                "Une adresse de la structure (contact@…), jamais celle d'une personne.",
                placeholder="contact@exemple.org",
            ),
            _input("siege_commune", "Commune du siège (code INSEE)", _describe("actor", "siege", "commune"), placeholder="75056"),
            _input(
                "sources",
                "Sources",
                "Les pages publiques qui disent tout cela (site de la structure, page d'un organisme public, article) :"
                " une par ligne, titre | adresse (https://…).",
                True,
                kind="textarea",
            ),
            _input(
                "presentation",
                "Présentation détaillée",
                "Ce que fait la structure, pour qui, comment la solliciter (Markdown accepté).",
                kind="textarea",
            ),
            CONSENT,
        ],
    }


def experience_form() -> dict:
    return {
        "name": "Proposer une expérience",
        "description": "Proposer le retour d'expérience d'une démarche participative menée par une collectivité.",
        "title": "[Expérience] ",
        "labels": ["proposition", "experience"],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": (
                        "Merci ! Racontez la démarche sans nommer d'habitant : seules les structures sont nommées. "
                        "Citez vos sources pour que les partenaires puissent vérifier."
                    )
                },
            },
            _input("titre", "Titre", _describe("experience", "titre"), True, "Un café citoyen rouvert par les habitants"),
            _input("resume", "Résumé", _describe("experience", "resume"), True, kind="textarea"),
            _input(
                "commune",
                "Commune(s) (code INSEE)",
                "Code INSEE de la commune, ou des communes séparées par des virgules si la démarche en concerne plusieurs.",
                placeholder="34164",
            ),
            _input(
                "epci",
                "Intercommunalité (SIREN), si la démarche est intercommunale",
                _describe("experience", "territoire", "epci"),
            ),
            _input("porteur_nom", "Structure porteuse", _describe("experience", "porteur", "nom"), True, "Commune de Montaud"),
            _dropdown("porteur_type", "Type de structure porteuse", "types-porteur", _describe("experience", "porteur", "type")),
            _input("debut", "Début", _describe("experience", "debut"), placeholder="2021"),
            _input(
                "fin", "Fin (laisser vide si la démarche est en cours)", _describe("experience", "fin"), placeholder="2023-06"
            ),
            _checkboxes("thematiques", "Thématiques", "thematiques", _describe("experience", "thematiques")),
            _checkboxes("demarches", "Types de démarche", "demarches", _describe("experience", "demarches")),
            _dropdown(
                "niveau_participation",
                "Niveau de participation atteint",
                "niveaux-participation",
                _describe("experience", "niveau_participation"),
                required=False,
            ),
            _input("participants", "Participants", _describe("experience", "participants"), kind="textarea"),
            _input(
                "acteurs",
                "Acteurs de l'annuaire impliqués",
                "Identifiants des fiches acteurs (la fin de leur adresse), séparés par des virgules.",
                placeholder="anct, decider-ensemble",
            ),
            _input(
                "partenaires",
                "Autres partenaires",
                "Structures associées à la démarche qui ne sont pas des acteurs de l'annuaire, une par ligne.",
                kind="textarea",
            ),
            _input("resultats", "Résultats", _describe("experience", "resultats"), kind="textarea"),
            _input(
                "distinctions",
                "Prix et labels",
                "Un prix ou un label obtenu par la démarche par ligne : nom | année.",
                kind="textarea",
            ),
            _input("site_web", "Site du projet", _describe("experience", "site_web"), placeholder="https://"),
            _input("a_retenir", "À retenir", "Une idée par ligne.", kind="textarea"),
            _input("sources", "Sources", "Une source par ligne : titre | adresse (https://…).", True, kind="textarea"),
            _input(
                "recit", "Récit de la démarche", "Contexte, déroulement, ce qui a changé (Markdown accepté).", kind="textarea"
            ),
            CONSENT,
        ],
    }


def report_form() -> dict:
    return {
        "name": "Signaler une erreur",
        "description": "Signaler une information fausse, dépassée ou manquante sur une fiche.",
        "title": "[Erreur] ",
        "labels": ["signalement"],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": "Merci de nous aider à garder les fiches exactes. Un partenaire corrigera la fiche ou vous répondra ici."
                },
            },
            _input(
                "fiche",
                "Fiche concernée",
                "L'identifiant de la fiche (la fin de l'adresse de sa page), rempli automatiquement depuis le lien « Signaler une erreur ».",
                True,
            ),
            _input(
                "probleme",
                "Ce qui est faux ou manquant",
                "Décrivez l'erreur et, si vous la connaissez, l'information exacte.",
                True,
                kind="textarea",
            ),
            _input("source", "Source", "Où vérifier l'information exacte (adresse d'une page officielle, d'un article…)."),
            {
                "type": "checkboxes",
                "id": "consentement",
                "attributes": {
                    "label": "Données personnelles",
                    "options": [{"label": "Mon signalement ne contient aucune donnée personnelle d'un tiers.", "required": True}],
                },
            },
        ],
    }


FORMS = {
    "proposer-un-acteur.yml": actor_form,
    "proposer-une-experience.yml": experience_form,
    "signaler-une-erreur.yml": report_form,
}


def rendered_forms() -> dict[str, str]:
    header = "# Généré par « python build.py docs » depuis les modèles et les vocabulaires : ne pas modifier à la main.\n"
    return {
        name: header + yaml.safe_dump(build(), allow_unicode=True, sort_keys=False, width=1000) for name, build in FORMS.items()
    }


def stale_docs(contributing: Path = CONTRIBUTING, forms_dir: Path = FORMS_DIR) -> list[str]:
    """Generated files that differ from what the models produce."""
    stale = []
    text = contributing.read_text(encoding="utf-8")
    if rendered_contributing(text) != text:
        stale.append("CONTRIBUTING.md")
    for name, content in rendered_forms().items():
        path = forms_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            stale.append(f".github/ISSUE_TEMPLATE/{name}")
    return stale


def write_docs(contributing: Path = CONTRIBUTING, forms_dir: Path = FORMS_DIR) -> list[str]:
    text = contributing.read_text(encoding="utf-8")
    contributing.write_text(rendered_contributing(text), encoding="utf-8")
    forms_dir.mkdir(parents=True, exist_ok=True)
    for name, content in rendered_forms().items():
        (forms_dir / name).write_text(content, encoding="utf-8")
    return ["CONTRIBUTING.md", *(f".github/ISSUE_TEMPLATE/{n}" for n in rendered_forms())]
