"""The form editor's configuration (Decap CMS, on /admin/), generated from the models.

Nothing is described twice: labels and hints come from the fields' descriptions, required fields
and patterns from the models, choices from the vocabularies (with their French labels),
references to actors are searchable lists of the existing actors. `python build.py docs` writes
`admin/config.yml`; `--check` (in `make test`) fails when it no longer matches the models.

What the editor writes is normalised by `python build.py format` (the local server does it on
every save), so that a field changed in the form changes only that field's lines.
"""

from __future__ import annotations

import json
import re
from functools import cache

import yaml

from . import vocabularies
from .images import IMAGES_FOLDER, MAX_BYTES
from .models import KINDS, json_schema, record_kinds, schema_target
from .models.fields import DEPARTMENT_CODE, IMAGE_FILE, INSEE_CODE, PATTERN_HINTS, REGION_CODE, SIREN
from .paths import PROJECT_ROOT
from .places import name_words
from .territories import Reference

CONFIG_FILE = PROJECT_ROOT / "admin" / "config.yml"
# Territories are chosen by name and stored by official code: the field's pattern says which list.
TERRITORY_LEVELS = {REGION_CODE: "regions", DEPARTMENT_CODE: "departements", SIREN: "epci", INSEE_CODE: "communes"}
LOCAL_PORT = 8081
REFERENCES = {"reseaux", "acteurs", "auteurs"}  # fields holding actor ids
LONG_TEXT = 300  # characters from which a text gets a multi-line box


def _widget(name: str, node: dict, defs: dict, required: bool) -> dict:
    target = schema_target(node, defs)
    field: dict = {"name": name, "label": _label(name), "required": required}
    if node.get("description") or target.get("description"):
        field["hint"] = node.get("description") or target.get("description")
    if name in REFERENCES:
        return field | {
            "widget": "relation",
            "collection": "actor",
            "value_field": "{{slug}}",
            "search_fields": ["nom", "sigle"],
            "display_fields": ["nom"],
            "multiple": True,
        }
    kind = target.get("type")
    items = schema_target(target.get("items", {}), defs) if kind == "array" else target
    if items.get("pattern") in TERRITORY_LEVELS:
        field["hint"] = f"{field.get('hint', '')} Tapez le nom : le code officiel est enregistré.".strip()
        return field | _territory(TERRITORY_LEVELS[items["pattern"]], multiple=kind == "array")
    if kind == "array":
        if "enum" in items:
            return field | _select(items["enum"], multiple=True)
        if items.get("type") == "object" or "properties" in items:
            return field | {"widget": "list", "fields": _fields(items, defs, required)}
        return field | {"widget": "list", "field": {"name": "valeur", "label": _label(name), "widget": "string"}}
    if "properties" in target:
        # An optional group (coordinates, archive, provenance) left empty must not block saving:
        # its inner fields are then optional in the form, and validation checks them when filled.
        return field | {"widget": "object", "fields": _fields(target, defs, required)}
    if "enum" in target:
        return field | _select(target["enum"])
    if kind == "boolean" or any(option.get("type") == "boolean" for option in target.get("anyOf", [])):
        return field | {"widget": "boolean", "default": False}
    if target.get("format") == "date":
        return field | {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False, "format": "YYYY-MM-DD"}
    if kind == "number":
        return field | {"widget": "number", "value_type": "float"}
    if target.get("pattern") == IMAGE_FILE:
        # Uploaded into content/images/ and stored as a bare file name; validation and the build then
        # treat it like any other picture (no SVG, size limit, re-encoded without its metadata).
        field |= {"widget": "image", "choose_url": False, "media_folder": f"/content/{IMAGES_FOLDER}", "public_folder": ""}
        return field | {"media_library": {"config": {"max_file_size": MAX_BYTES}}, "pattern": _pattern(target["pattern"])}
    widget = "text" if (target.get("maxLength") or 0) > LONG_TEXT else "string"
    field["widget"] = widget
    if target.get("pattern"):
        field["pattern"] = _pattern(target["pattern"])
    return field


def _pattern(pattern: str) -> list[str]:
    """Decap's pattern check, with the project's French hint."""
    hint = PATTERN_HINTS.get(pattern, "une valeur au bon format")
    return [pattern, f"{hint[0].upper()}{hint[1:]} attendu{'e' if hint.startswith('une ') else ''}."]


def _territory(level: str, multiple: bool) -> dict:
    """A territory typed by name ("montaud", "Hérault") and stored by its official code: the
    project's own widget (theme/static/js/admin.js), searching the list built into admin/territoires/."""
    return {"widget": "territoire", "niveau": level, "multiple": multiple}


def _select(values: list, multiple: bool = False) -> dict:
    labels = {}
    for vocabulary in vocabularies.vocabularies().values():
        if set(values) <= set(vocabulary.ids):
            labels = {t.id: t.label for t in vocabulary}
            break
    select = {"widget": "select", "options": [{"label": labels.get(v, v), "value": v} for v in values]}
    return select | {"multiple": True} if multiple else select


def _fields(schema: dict, defs: dict, enforced: bool = True) -> list[dict]:
    required = set(schema.get("required", [])) if enforced else set()
    return [_widget(name, node, defs, name in required) for name, node in schema["properties"].items()]


# Field names are written without accents: their labels in the form get them back.
ACCENTS = {
    "resume": "résumé", "thematiques": "thématiques", "tailles": "tailles", "collectivites": "collectivités",
    "verification": "vérification", "reseaux": "réseaux", "difficultes": "difficultés", "resultats": "résultats",
    "etapes": "étapes", "a": "à", "debut": "début", "methodes": "méthodes", "telephone": "téléphone", "siege": "siège",
    "periode": "période", "annee": "année", "coordonnees": "coordonnées", "region": "région", "departement": "département",
    "departements": "départements", "regions": "régions", "demarches": "démarches", "publics": "publics", "epci": "EPCI",
}  # fmt: skip


def _label(name: str) -> str:
    words = " ".join(ACCENTS.get(word, word) for word in name.split("_"))
    return words[:1].upper() + words[1:]


def collection(kind_name: str) -> dict:
    kind = KINDS[kind_name]
    schema = json_schema(kind_name)
    fields = _fields(schema, schema.get("$defs", {}))
    fields.append({"name": "body", "label": "Texte", "widget": "markdown", "required": False, "hint": kind.body_hint})
    return {
        "name": kind.name,
        "label": kind.title_plural,
        "label_singular": kind.title,
        "folder": f"content/{kind.folder}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{slug}}",
        "identifier_field": kind.title_field,
        "summary": "{{" + kind.title_field + "}}",
        "fields": fields,
    }


@cache
def territory_lists(ref: Reference) -> dict[str, str]:
    """The territory lists the editor's territory fields search, built with the site from the
    reference files (data/territoires/): file name -> JSON text of [code, label, search key] rows,
    the key being the name's words as the site's place search cuts them (admin.js cuts what a
    partner types the same way). Homonyms are told apart by their department."""
    lists = {
        "regions": [(r.code, r.name) for r in ref.regions.values()],
        "departements": [(d.code, f"{d.name} ({d.code})") for d in ref.departments.values()],
        "epci": [(e.siren, f"{e.name} ({', '.join(e.departments)})") for e in ref.epcis.values()],
        "communes": [(c.code, f"{c.name} ({c.department})") for c in ref.communes.values()],
    }
    return {
        f"{level}.json": json.dumps(
            [[code, name, " ".join(name_words(name.rsplit(" (", 1)[0]))] for code, name in sorted(rows)],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for level, rows in lists.items()
    }


def config(repository_url: str, branch: str, auth_base_url: str = "") -> dict:
    repo = re.sub(r"^https://github\.com/", "", repository_url).strip("/")
    backend = {"name": "github", "repo": repo, "branch": branch, "open_authoring": True}
    if auth_base_url:
        backend |= {"base_url": auth_base_url, "auth_endpoint": "auth"}
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": f"http://127.0.0.1:{LOCAL_PORT}/api/v1"},
        "locale": "fr",
        "media_folder": "content/images",
        "public_folder": "/images",
        "collections": [collection(kind.name) for kind in record_kinds()],
    }


def config_text(repository_url: str, branch: str, auth_base_url: str = "") -> str:
    header = "# Généré par « python build.py docs » depuis les modèles : ne pas modifier à la main.\n"
    return header + yaml.safe_dump(config(repository_url, branch, auth_base_url), allow_unicode=True, sort_keys=False, width=1000)
