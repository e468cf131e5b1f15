"""`python build.py new`: a pre-filled record file, generated from the model's JSON Schema.

The comments in the new file (what each field is for, an example, the allowed values) come
from the model's descriptions, so the template can never disagree with the validation.
"""

from __future__ import annotations

import datetime as dt
import json

from .models import KINDS, json_schema, schema_target


def scaffold(kind: str, name: str, today: dt.date) -> str:
    """The text of a new record file of `kind`, named `name`, verified `today`."""
    schema = json_schema(kind)
    defs = schema.get("$defs", {})
    prefill = {KINDS[kind].title_field: name, "date_verification": today.isoformat()}
    lines = [
        "---",
        f"# Nouvelle fiche « {KINDS[kind].label} ». Les lignes qui commencent par « # » sont des aides :",
        "# vous pouvez les laisser ou les effacer. Remplissez les champs obligatoires, puis vérifiez",
        "# la fiche avec « python build.py validate » (ou laissez la vérification automatique le faire).",
        "",
    ]
    required = schema.get("required", [])
    properties = schema["properties"]
    for key in required:
        lines += _field(key, properties[key], defs, prefill, indent="", commented=False)
    optional = [k for k in properties if k not in required]
    if optional:
        lines += ["", "# Champs facultatifs : enlevez le « # » en début de ligne pour les renseigner."]
        for key in optional:
            lines += _field(key, properties[key], defs, prefill, indent="", commented=True)
    lines += ["", f"# Sous la ligne « --- » qui suit : {KINDS[kind].body_hint}, en Markdown.", "---", ""]
    return "\n".join(lines)


def _field(key: str, prop: dict, defs: dict, prefill: dict, indent: str, commented: bool) -> list[str]:
    target = schema_target(prop, defs)
    description = prop.get("description") or target.get("description", "")
    help_line = description.split("\n")[0]
    enum = target.get("enum") or target.get("items", {}).get("enum")
    if enum:
        help_line += f" Valeurs possibles : {', '.join(enum)}."
    examples = prop.get("examples") or target.get("examples")
    if examples and target.get("type") != "object":
        help_line += f" Exemple : {_inline(examples[0])}"
    prefix = indent + ("# " if commented else "")
    lines = [f"{indent}# {help_line}"] if help_line else []
    if target.get("type") == "object" and "properties" in target:
        lines.append(f"{prefix}{key}:")
        # An object that needs "at least one of" its fields gets its first field uncommented.
        inner_required = target.get("required") or ([next(iter(target["properties"]))] if "anyOf" in target else [])
        for inner_key, inner_prop in target["properties"].items():
            lines += _field(inner_key, inner_prop, defs, {}, indent + "  ", commented or inner_key not in inner_required)
        return lines
    if target.get("type") == "array":
        value = "[]"
    elif key in prefill:
        value = prefill[key]
    else:
        value = ""
    lines.append(f"{prefix}{key}: {value}".rstrip())
    return lines


def _inline(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, bool):
        return "oui" if value else "non"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)
