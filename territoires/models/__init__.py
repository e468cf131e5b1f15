"""The record models. `KINDS` maps each kind of record to its model and to every name it goes by."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from .actor import Actor
from .experience import Experience
from .guide import Guide
from .page import Page


@dataclass(frozen=True)
class Kind:
    """Everything the project says about one type of record, in one place.

    Modules, templates (through `kinds`) and the front end (through the search facet labels)
    read these: adding a type of record is one entry here, plus its model, template and
    vocabularies.
    """

    name: str  # English identifier, in code and commands: actor
    key: str  # French identifier, in URLs parameters, search facets, GeoJSON and forms: acteur
    folder: str  # content/<folder>/
    model: type[BaseModel]
    url_prefix: str  # /<url_prefix>/<id>/
    label: str  # French singular: "retour d'expérience"
    label_plural: str  # "retours d'expérience"
    export_name: str = ""  # open data files and JSON keys: acteurs.csv
    title_field: str = "titre"  # the field that names a record
    references_field: str | None = None  # the field listing ids of actors
    intro: str = ""  # the listing page's introduction
    export_description: str = ""  # the open data resource's description
    body_hint: str = ""  # what the Markdown body holds (for `new`)
    located: bool = False  # its records may have coordinates: map, GeoJSON export

    @property
    def title(self) -> str:
        """ "Retour d'expérience": the label as a heading or a badge."""
        return self.label[:1].upper() + self.label[1:]

    @property
    def title_plural(self) -> str:
        return self.label_plural[:1].upper() + self.label_plural[1:]

    @property
    def nav_entry(self) -> tuple[str, str, str]:
        """(section, address, label) of its listing in the site's main navigation."""
        return (self.name, f"{self.url_prefix}/", self.title_plural)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "actor",
            "acteur",
            "actors",
            Actor,
            "acteurs",
            "acteur",
            "acteurs",
            export_name="acteurs",
            located=True,
            title_field="nom",
            export_description="Les acteurs : organisations qui aident les collectivités à associer leurs habitants.",
            references_field="reseaux",
            intro="Associations, réseaux, coopératives, organismes publics : les structures qui aident les collectivités"
            " à associer leurs habitants, avec le territoire où elles interviennent et l'aide qu'elles proposent.",
            body_hint="la présentation détaillée de la structure : ce qu'elle fait, pour qui, comment la solliciter",
        ),
        Kind(
            "experience",
            "experience",
            "experiences",
            Experience,
            "experiences",
            "retour d'expérience",
            "retours d'expérience",
            export_name="experiences",
            located=True,
            export_description="Les retours d'expérience : démarches participatives menées par des collectivités.",
            references_field="acteurs",
            intro="Ce que des communes et des intercommunalités ont fait avec leurs habitants : la démarche, les"
            " étapes, les partenaires, les résultats et ce qu'il faut en retenir.",
            body_hint="le récit de la démarche : contexte, déroulement, ce qui a changé",
        ),
        Kind(
            "guide",
            "guide",
            "guides",
            Guide,
            "guides",
            "guide",
            "guides",
            export_name="guides",
            export_description="Les guides : méthodes pour chaque étape d'un projet participatif.",
            references_field="auteurs",
            intro="Des fiches pratiques pour chaque étape d'un projet participatif : cadrer la démarche, mobiliser,"
            " animer, décider, rendre compte, évaluer.",
            body_hint="le contenu du guide, avec des intertitres « ## » (ils forment la table des matières)",
        ),
        Kind("page", "page", "pages", Page, "", "page", "pages"),
    )
}
RECORD_KINDS = ("actor", "experience", "guide")
"""The kinds of records of the directory (editorial pages aside), in the order pages list them."""


def record_kinds() -> list[Kind]:
    return [KINDS[name] for name in RECORD_KINDS]


def located_kinds() -> list[Kind]:
    return [kind for kind in record_kinds() if kind.located]


__all__ = [
    "KINDS",
    "RECORD_KINDS",
    "Actor",
    "Experience",
    "Guide",
    "Kind",
    "Page",
    "json_schema",
    "located_kinds",
    "record_kinds",
    "schema_property",
    "schema_target",
]


@cache
def json_schema(kind: str) -> dict:
    """The JSON Schema of a kind's model (computed once: pydantic takes tens of milliseconds)."""
    return KINDS[kind].model.model_json_schema()


def schema_target(node: dict, defs: dict) -> dict:
    """The schema a JSON Schema property stands for: follows `$ref` and skips the `null` of optional fields."""
    if "$ref" in node:
        return defs[node["$ref"].split("/")[-1]]
    if "properties" in node:
        return node  # a model whose "anyOf" only says which of its fields are required
    for option in node.get("anyOf", []):
        if option.get("type") != "null":
            return schema_target(option, defs)
    return node


def schema_property(kind: str, path: tuple[str, ...]) -> dict:
    """The JSON Schema of a model field, following nested models: ("contact", "email")."""
    schema = json_schema(kind)
    defs = schema.get("$defs", {})
    node: dict = schema
    for part in path:
        node = schema_target(node, defs)["properties"][part]
    return node
