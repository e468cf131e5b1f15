"""The columns of the CSV exports, each declared once: its name, type, value and constraints.

Descriptions, patterns and allowed values come from the models' JSON Schema (the model is the
documentation); columns computed from the territory reference describe themselves here. The CSV
writer, the Frictionless Table Schemas and the field tables of the /donnees/ page all read this.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..corpus import Corpus
from ..loading import Record
from ..models import KINDS, json_schema, schema_property, schema_target
from ..places import place

LIST_SEPARATOR = "|"

Getter = Callable[[Record, Corpus, str], Any]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date
    get: Getter
    path: tuple[str, ...] | None = None  # the model field this column comes from
    description: str = ""  # for computed columns; model columns take the model's description
    required: bool = False
    is_list: bool = False
    example: str = ""


def _field(*path: str) -> Getter:
    def get(record: Record, corpus: Corpus, site: str) -> Any:
        value: Any = record.data
        for part in path:
            value = getattr(value, part, None) if value is not None else None
        return value

    return get


def model(name: str, *path: str, type: str = "string", required: bool = False, is_list: bool = False) -> Column:
    path = path or (name,)
    return Column(name, type, _field(*path), path=path, required=required, is_list=is_list)


def computed(name: str, description: str, get: Getter, type: str = "string", required: bool = False, example: str = "") -> Column:
    return Column(name, type, get, description=description, required=required, example=example)


def _url(record: Record, corpus: Corpus, site: str) -> str:
    return f"{site}/{record.url}"


def _place(key: str, attribute: str = "code") -> Getter:
    def get(record: Record, corpus: Corpus, site: str) -> Any:
        item = getattr(place(record, corpus.territories), key)
        return getattr(item, attribute) if item is not None and attribute else item

    return get


def _hq(attribute: str) -> Getter:
    def get(record: Record, corpus: Corpus, site: str) -> Any:
        hq = record.data.siege
        if hq is None:
            return None
        commune = corpus.territories.communes[hq.commune]
        return {"nom": commune.name, "departement": commune.department}[attribute]

    return get


# One record of each type, as an example of its id and page address.
EXAMPLE_IDS = {"actor": "decider-ensemble", "experience": "montaud-cafe-citoyen", "guide": "tirer-au-sort-un-panel-d-habitants"}


def _id(kind: str) -> Column:
    return computed(
        "id",
        "Identifiant de la fiche (nom de son fichier) ; stable, il ne change jamais.",
        lambda r, c, s: r.id,
        required=True,
        example=EXAMPLE_IDS[kind],
    )


def _page_url(kind: str) -> Column:
    page = f"{KINDS[kind].url_prefix}/{EXAMPLE_IDS[kind]}/"
    return computed(
        "url",
        "Adresse de la page de la fiche sur le site.",
        _url,
        required=True,
        example=f"https://territoires-en-commun.github.io/territoires-en-commun/{page}",
    )


COLUMNS: dict[str, list[Column]] = {
    "actor": [
        _id("actor"),
        model("nom", required=True),
        model("sigle"),
        model("type_structure", required=True),
        model("resume", required=True),
        model("thematiques", required=True, is_list=True),
        model("offres", required=True, is_list=True),
        model("national", "intervention", "national", type="boolean", required=True),
        model("regions", "intervention", "regions", is_list=True),
        model("departements", "intervention", "departements", is_list=True),
        model("epci", "intervention", "epci", is_list=True),
        model("communes", "intervention", "communes", is_list=True),
        model("tailles_collectivites", is_list=True),
        model("tarifs", is_list=True),
        model("site_web"),
        model("contact_email", "contact", "email"),
        model("contact_formulaire", "contact", "formulaire"),
        model("contact_telephone", "contact", "telephone"),
        model("siege_commune", "siege", "commune"),
        computed("siege_commune_nom", "Nom de la commune du siège (Code officiel géographique).", _hq("nom"), example="Paris"),
        computed("siege_departement", "Code du département du siège.", _hq("departement"), example="75"),
        model("latitude", "siege", "latitude", type="number"),
        model("longitude", "siege", "longitude", type="number"),
        model("reseaux", is_list=True),
        model("date_verification", type="date", required=True),
        model("archive_date", "archive", "date", type="date"),
        model("archive_motif", "archive", "motif"),
        _page_url("actor"),
    ],
    "experience": [
        _id("experience"),
        model("titre", required=True),
        model("resume", required=True),
        model("commune", "territoire", "commune"),
        computed("commune_nom", "Nom de la commune (Code officiel géographique).", _place("commune", "name"), example="Montaud"),
        computed(
            "epci",
            "SIREN de l'intercommunalité où la démarche a eu lieu (déclarée, ou celle de la commune).",
            _place("epci", "siren"),
            example="243400017",
        ),
        computed("epci_nom", "Nom de l'intercommunalité.", _place("epci", "name"), example="Montpellier Méditerranée Métropole"),
        computed("departement", "Code du département où la démarche a eu lieu.", _place("department"), example="34"),
        computed("region", "Code de la région où la démarche a eu lieu.", _place("region"), example="76"),
        computed(
            "population",
            "Population municipale de la commune, des communes concernées ensemble, ou de l'intercommunalité à défaut (Insee).",
            _place("population", ""),
            type="integer",
            example="1014",
        ),
        model("porteur_nom", "porteur", "nom", required=True),
        model("porteur_type", "porteur", "type", required=True),
        model("communes", "territoire", "communes", is_list=True),
        model("national", "territoire", "national", type="boolean", required=True),
        model("debut"),
        model("fin"),
        model("en_cours", type="boolean", required=True),
        model("thematiques", required=True, is_list=True),
        model("demarches", required=True, is_list=True),
        model("niveau_participation"),
        model("participants"),
        model("acteurs", is_list=True),
        model("partenaires", is_list=True),
        model("programme"),
        model("site_web"),
        model("latitude", "coordonnees", "latitude", type="number"),
        model("longitude", "coordonnees", "longitude", type="number"),
        model("date_verification", type="date"),
        model("provenance_collection", "provenance", "collection"),
        model("provenance_url", "provenance", "url"),
        model("date_import", "provenance", "date_import", type="date"),
        model("archive_date", "archive", "date", type="date"),
        model("archive_motif", "archive", "motif"),
        _page_url("experience"),
    ],
    "guide": [
        _id("guide"),
        model("titre", required=True),
        model("resume", required=True),
        model("format", required=True),
        model("etapes_projet", required=True, is_list=True),
        model("thematiques", is_list=True),
        model("demarches", is_list=True),
        model("publics", required=True, is_list=True),
        model("auteurs", is_list=True),
        model("licence", required=True),
        model("source"),
        model("date_publication"),
        model("date_verification", type="date", required=True),
        model("archive_date", "archive", "date", type="date"),
        model("archive_motif", "archive", "motif"),
        _page_url("guide"),
    ],
}


def cell(column: Column, record: Record, corpus: Corpus, site: str) -> str:
    """The CSV text of one cell: lists joined by "|", booleans true/false, empty for no value."""
    value = column.get(record, corpus, site)
    if value is None:
        return ""
    if column.is_list:
        return neutralised(LIST_SEPARATOR.join(str(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return neutralised(value)
    return str(value)


_FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![0-9]))")


def neutralised(text: str) -> str:
    """A cell a spreadsheet would run as a formula, made inert (OWASP, CSV injection): a leading
    "=", "@", tab or carriage return, or "+"/"-" not followed by a digit, gets a "'" in front.
    Phone numbers ("+33 1 …") and negative numbers keep their form."""
    return "'" + text if _FORMULA.match(text) else text


def describe(kind: str, column: Column) -> dict:
    """Description, example and constraints of a column (for Table Schemas and the /donnees/ page)."""
    if column.path is None:
        return {"description": column.description, "example": column.example, "pattern": None, "enum": None}
    prop = schema_property(kind, column.path)
    schema = json_schema(kind)
    target = schema_target(prop, schema.get("$defs", {}))
    items = target.get("items", {}) if column.is_list else {}
    example = (prop.get("examples") or target.get("examples") or [""])[0]
    if isinstance(example, list):
        example = LIST_SEPARATOR.join(str(v) for v in example)
    elif isinstance(example, bool):
        example = "true" if example else "false"
    return {
        "description": prop.get("description", ""),
        "example": str(example),
        "pattern": items.get("pattern") if column.is_list else target.get("pattern"),
        "enum": items.get("enum") if column.is_list else target.get("enum"),
    }


TYPE_LABELS = {
    "string": "texte",
    "integer": "nombre entier",
    "number": "nombre décimal",
    "boolean": "booléen (true/false)",
    "date": "date AAAA-MM-JJ",
}


def field_table(kind: str) -> list[dict]:
    """One row per CSV column, for the documentation of the /donnees/ page."""
    rows = []
    for column in COLUMNS[kind]:
        info = describe(kind, column)
        kind_label = TYPE_LABELS[column.type] + (" (liste)" if column.is_list else "")
        rows.append(
            {
                "name": column.name,
                "type": kind_label,
                "required": column.required,
                "description": info["description"],
                "example": info["example"],
                "allowed": info["enum"] or [],
            }
        )
    return rows
