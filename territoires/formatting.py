"""One way to write a record's front matter, so that hand edits and tools converge.

`python build.py format` rewrites every record file in the canonical style; `--check` (run by
`make test` and the pull-request checks) fails when a file is not in it. The style:

- fields in the order of the model (`territoires/models/`), nested fields too; empty fields left out;
- lists of identifiers and codes on one line (`thematiques: [amenagement, centre-bourg]`), lists of
  texts and of objects one item per line;
- a value in double quotes only when YAML would read it as something else than this text (a year,
  a code with leading zeros, a colon followed by a space…), full dates as they are;
- oui and non for yes/no fields; no line wrapping; the body after the closing "---" untouched.

Only the layout changes: the data read back is the same (a test checks it on every real record).
A file that cannot be read is left alone: `validate` says what is wrong with it.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import yaml

from . import strictyaml
from .loading import _model_of, split_front_matter
from .models import KINDS, Kind

_ID_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
_BOOLEAN_TRUE = {"oui", "true", "yes", "on"}
_BOOLEAN_FALSE = {"non", "false", "no", "off"}


def format_text(text: str, kind: Kind) -> str | None:
    """The file in the canonical style, or None when it cannot be read (left to `validate`)."""
    split = split_front_matter(text)
    if isinstance(split, str):
        return None
    front, _, body, _ = split
    parsed = strictyaml.parse(front)
    if parsed.issues or not isinstance(parsed.data, dict):
        return None
    lines = _mapping(parsed.data, kind.model, 0)
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body


def _fields(model) -> dict:
    return getattr(model, "model_fields", {}) if model is not None else {}


def _ordered(data: dict, model) -> list[tuple[str, typing.Any]]:
    """Known fields in the model's order, then any unknown ones as written (validate reports them)."""
    known = [name for name in _fields(model) if name in data]
    return [(name, data[name]) for name in known] + [(k, v) for k, v in data.items() if k not in known]


def _is_boolean(model, name: str) -> bool:
    field = _fields(model).get(name)
    return field is not None and field.annotation is bool


def _is_number(model, name: str) -> bool:
    """A latitude or a longitude: written as a YAML number, never quoted."""
    field = _fields(model).get(name)
    return field is not None and _base_types(field.annotation) & {int, float} != set()


def _base_types(annotation) -> set:
    if annotation in (int, float):
        return {annotation}
    found = set()
    for argument in typing.get_args(annotation):
        found |= _base_types(argument)
    return found


def _mapping(data: dict, model, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for name, value in _ordered(data, model):
        if value is None or value == [] or value == {}:
            continue
        field = _fields(model).get(name)
        inner = _model_of(field.annotation) if field is not None else None
        if isinstance(value, dict):
            lines.append(f"{pad}{name}:")
            lines += _mapping(value, inner, indent + 2)
        elif isinstance(value, list):
            lines += _list(name, value, inner, indent)
        elif _is_boolean(model, name) and value.strip().lower() in _BOOLEAN_TRUE | _BOOLEAN_FALSE:
            lines.append(f"{pad}{name}: {'oui' if value.strip().lower() in _BOOLEAN_TRUE else 'non'}")
        elif _is_number(model, name) and re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", value):
            lines.append(f"{pad}{name}: {value}")
        else:
            lines.append(f"{pad}{name}: {scalar(value)}")
    return lines


def _list(name: str, items: list, inner, indent: int) -> list[str]:
    pad = " " * indent
    if all(isinstance(item, str) and _ID_LIKE.match(item) for item in items):
        return [f"{pad}{name}: [{', '.join(scalar(item) for item in items)}]"]
    lines = [f"{pad}{name}:"]
    for item in items:
        if isinstance(item, dict):
            nested = _mapping(item, inner, indent + 4)
            if nested:
                lines.append(f"{pad}  - {nested[0].lstrip()}")
                lines += nested[1:]
        elif isinstance(item, list):
            lines.append(f"{pad}  - [{', '.join(scalar(str(x)) for x in item)}]")
        elif item is not None:
            lines.append(f"{pad}  - {scalar(item)}")
    return lines


def scalar(value: str) -> str:
    """A text as YAML: plain when any YAML reader gives back this very text, else double-quoted."""
    if _reads_back(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reads_back(value: str) -> bool:
    if (
        not value
        or value != value.strip()
        or "\n" in value
        or value.startswith(("[", "{", "'", '"', "&", "*", "!", "|", ">", "%", "@", "`", "#", "- ", "? ", ": "))
    ):
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return True  # a full date: read as a date by YAML 1.1 tools, as the same text by ours
    try:
        return yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


def record_files(content: Path) -> list[tuple[Path, Kind]]:
    return [
        (path, KINDS[name])
        for name in ("actor", "experience", "guide")
        for path in sorted((content / KINDS[name].folder).glob("*.md"))
    ]


def format_files(content: Path, write: bool) -> list[Path]:
    """The record files not in the canonical style (rewritten when `write`)."""
    changed = []
    for path, kind in record_files(content):
        text = path.read_text(encoding="utf-8")
        formatted = format_text(text, kind)
        if formatted is not None and formatted != text:
            changed.append(path)
            if write:
                path.write_text(formatted, encoding="utf-8")
    return changed
