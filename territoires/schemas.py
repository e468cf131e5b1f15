"""JSON Schemas of the records, generated from the models into `schemas/` and never edited by hand."""

from __future__ import annotations

import json
from pathlib import Path

from .models import RECORD_KINDS, json_schema
from .paths import SCHEMAS_DIR

SCHEMA_VERSION = "2.0.0"
# Published as schemas/<kind>.schema.json, <kind> being the record type of the commands (actor,
# experience, guide): a stable contract for reusers.


def schema_for(kind: str) -> dict:
    schema = json_schema(kind)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        "version": SCHEMA_VERSION,
        **schema,
    }


def rendered_schemas() -> dict[str, str]:
    """File name -> exact file text, for every record kind."""
    return {
        f"{kind}.schema.json": json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        for kind in RECORD_KINDS
    }


def write_schemas(directory: Path = SCHEMAS_DIR) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in rendered_schemas().items():
        (directory / name).write_text(text, encoding="utf-8")
    return sorted(rendered_schemas())


def stale_schemas(directory: Path = SCHEMAS_DIR) -> list[str]:
    """Names of the schema files that are missing or differ from what the models produce."""
    stale = []
    for name, text in rendered_schemas().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
