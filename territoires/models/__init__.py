"""The record models. `KINDS` maps each kind of record to its folder, model and URL prefix."""

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
    name: str  # actor, experience, guide, page
    folder: str  # content/<folder>/
    model: type[BaseModel]
    url_prefix: str  # /acteurs/<id>/
    label: str  # French singular
    label_plural: str


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("actor", "actors", Actor, "acteurs", "acteur", "acteurs"),
        Kind("experience", "experiences", Experience, "experiences", "retour d'expérience", "retours d'expérience"),
        Kind("guide", "guides", Guide, "guides", "guide", "guides"),
        Kind("page", "pages", Page, "", "page", "pages"),
    )
}
RECORD_KINDS = ("actor", "experience", "guide")

__all__ = ["KINDS", "RECORD_KINDS", "Actor", "Experience", "Guide", "Kind", "Page", "json_schema", "schema_property", "schema_target"]


@cache
def json_schema(kind: str) -> dict:
    """The JSON Schema of a kind's model (computed once: pydantic takes tens of milliseconds)."""
    return KINDS[kind].model.model_json_schema()


def schema_target(node: dict, defs: dict) -> dict:
    """The schema a JSON Schema property stands for: follows `$ref` and skips the `null` of optional fields."""
    if "$ref" in node:
        return defs[node["$ref"].split("/")[-1]]
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
