"""CSV exports (one row per record) and their Frictionless Table Schemas."""

from __future__ import annotations

import csv
import io
import re

from ..corpus import Corpus
from .columns import COLUMNS, LIST_SEPARATOR, Column, cell, describe


def csv_text(kind: str, corpus: Corpus, site: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = COLUMNS[kind]
    writer.writerow([c.name for c in columns])
    for record in corpus.by_kind(kind).values():
        writer.writerow([cell(c, record, corpus, site) for c in columns])
    return buffer.getvalue()


def _strip_anchors(pattern: str) -> str:
    return re.sub(r"^\^|\$$", "", pattern)


def table_field(kind: str, column: Column) -> dict:
    info = describe(kind, column)
    field = {"name": column.name, "type": column.type, "description": info["description"]}
    if info["example"]:
        field["example"] = info["example"]
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.name == "id":
        constraints["unique"] = True
    item = None
    if info["enum"]:
        item = "(?:" + "|".join(re.escape(v) for v in info["enum"]) + ")"
        if not column.is_list:
            constraints["enum"] = info["enum"]
    elif info["pattern"]:
        item = "(?:" + _strip_anchors(info["pattern"]) + ")"
        if not column.is_list:
            constraints["pattern"] = info["pattern"]
    if column.is_list:
        separator = re.escape(LIST_SEPARATOR)
        field["description"] += f" Plusieurs valeurs sont séparées par « {LIST_SEPARATOR} »."
        if item:
            constraints["pattern"] = f"^{item}(?:{separator}{item})*$"
    if column.type == "number" and column.name == "latitude":
        constraints |= {"minimum": -90, "maximum": 90}
    if column.type == "number" and column.name == "longitude":
        constraints |= {"minimum": -180, "maximum": 180}
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(kind: str) -> dict:
    return {
        "fields": [table_field(kind, c) for c in COLUMNS[kind]],
        "primaryKey": ["id"],
        "missingValues": [""],
    }
