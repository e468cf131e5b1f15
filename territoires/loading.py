"""Read one content file into a typed record: bytes → text → front matter + body → model.

Everything a file can get wrong on its own is found here (encoding, front matter, YAML, field
values), reported as problems with the file's line and column. What needs several files
(references between records, unique ids) is checked in `validation.py`.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import characters, messages, strictyaml
from .models import KINDS, Kind
from .models.fields import RECORD_ID
from .problems import Problems

MAX_FILE_BYTES = 200_000
MAX_ID_LENGTH = 80

_FORBIDDEN_CHARACTERS = characters.FORBIDDEN


@dataclass
class Record:
    """A valid record: its typed front matter, its Markdown body and where they came from."""

    kind: str
    id: str
    path: Path
    source: str  # path as shown to contributors, relative to the project root
    data: BaseModel | None  # the typed fields; None when a field is invalid
    raw: dict  # the fields as read, before typing
    body: str
    body_line: int  # file line where the body starts
    positions: dict = field(default_factory=dict, repr=False)
    html: str = field(default="", repr=False)  # the body, rendered and sanitised
    toc: list = field(default_factory=list, repr=False)  # headings of the body, for guides
    updated: dt.date | None = None  # last change of the file (git history), set by the site build

    @property
    def url(self) -> str:
        """Site-relative URL, without the site's base URL: `acteurs/decider-ensemble/`."""
        prefix = KINDS[self.kind].url_prefix
        return f"{prefix}/{self.id}/" if prefix else f"{self.id}/"

    @property
    def archived(self) -> bool:
        return getattr(self.data, "archive", None) is not None

    @property
    def title(self) -> str:
        return getattr(self.data, "nom", None) or self.data.titre

    def line_of(self, loc: tuple) -> tuple[int, int]:
        """Line and column of a field, or of its nearest parent that has a position."""
        return position(self.positions, loc)


def record_id(path: Path) -> str:
    return path.stem


def check_file_name(path: Path, problems: Problems) -> bool:
    """A record's id is its file name: lowercase ASCII letters, digits and hyphens."""
    name = path.name
    stem = path.stem
    if path.suffix != ".md":
        problems.add(path, 0, 0, f"fichier « {name} » inattendu : seuls les fichiers .md sont lus dans ce dossier")
        return False
    if not re.fullmatch(RECORD_ID.strip("^$"), stem) or len(stem) > MAX_ID_LENGTH:
        suggestion = slugify(stem)
        problems.add(
            path,
            0,
            0,
            f"nom de fichier « {_visible(name)} » invalide : l'identifiant d'une fiche ne contient que des lettres"
            f" minuscules sans accent, des chiffres et des tirets (80 caractères au plus)"
            + (f" ; renommez-le « {suggestion}.md »" if suggestion else ""),
        )
        return False
    return True


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text, or None after reporting why it cannot be read as UTF-8 text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(path, 0, 0, f"fichier illisible ({exc.strerror})")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.add(path, 0, 0, f"fichier trop gros ({len(raw)} octets, {MAX_FILE_BYTES} au plus)")
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add(path, 1, 1, "fichier encodé en UTF-16 : enregistrez-le en UTF-8")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.add(path, 1, 1, "le fichier commence par une marque d'ordre des octets (BOM) : enregistrez-le en UTF-8 sans BOM")
        return None
    if b"\x00" in raw:
        line, _ = _byte_position(raw, raw.index(b"\x00"))
        problems.add(path, line, 1, "octet nul dans le fichier : ce n'est pas un fichier texte")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        problems.add(
            path,
            line,
            col,
            f"le fichier n'est pas en UTF-8 (octet 0x{raw[exc.start]:02X}) : enregistrez-le en UTF-8"
            " (il est sans doute en Latin-1 ou Windows-1252)",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _byte_position(raw: bytes, index: int) -> tuple[int, int]:
    """Line and column of a byte, with the line breaks the text will have (\\n, \\r\\n or a lone \\r)."""
    before = raw[:index].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1


def split_front_matter(text: str) -> tuple[str, int, str, int] | str:
    """(front matter, its first line, body, body's first line), or a French reason it failed."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "en-tête manquant : le fichier doit commencer par une ligne « --- », puis les champs, puis une ligne « --- »"
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, 2, body, index + 2
    return "en-tête non refermé : ajoutez une ligne « --- » après le dernier champ"


def read_record(path: Path, kind: Kind, problems: Problems) -> Record | None:
    """Read, parse and validate one file, reporting every problem.

    Returns None when the file cannot even be read as front matter + body. Otherwise returns a
    record whose `data` is the typed model, or None if a field is invalid: the raw fields are
    kept in `raw` so that checks across files still run and report their own problems.
    """
    if path.is_symlink():
        # A link could make the build read (and publish) a file from outside the repository.
        problems.add(path, 0, 0, "lien symbolique refusé : placez le fichier lui-même dans le dossier")
        return None
    if not check_file_name(path, problems):
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    split = split_front_matter(text)
    if isinstance(split, str):
        problems.add(path, 1, 1, split)
        return None
    front, front_line, body, body_line = split
    parsed = strictyaml.parse(front, first_line=front_line)
    for issue in parsed.issues:
        problems.add(path, issue.line, issue.col, issue.message)
    if parsed.aborted:
        return None
    raw = parsed.data
    if raw is None:
        problems.add(path, 1, 1, "en-tête vide : les champs de la fiche manquent")
        return None
    if not isinstance(raw, dict):
        problems.add(path, front_line, 1, "l'en-tête doit être une suite de champs « nom: valeur »")
        return None
    ok = not parsed.issues
    # Walk the fields only when the header holds a suspect character or an escape that could make one.
    if _FORBIDDEN_CHARACTERS.search(front) or "\\" in front:
        ok &= _check_characters(path, raw, parsed.positions, problems)
    ok &= _check_fields_after_front_matter(path, body, body_line, kind, problems)
    for match in _FORBIDDEN_CHARACTERS.finditer(body):
        start = match.start()
        number = body_line + body.count("\n", 0, start)
        column = start - (body.rfind("\n", 0, start) + 1) + 1
        problems.add(
            path, number, column, f"caractère invisible ou de contrôle {_codepoint(match.group())} interdit dans le texte"
        )
        ok = False
    model = None
    try:
        model = kind.model.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            if error["type"] == "missing":
                line, col = missing_position(kind.model, parsed.positions, loc, body_line - 1)
            else:
                line, col = position(parsed.positions, loc, default=(front_line, 1))
            problems.add(path, line, col, messages.describe(error, kind.model))
    return Record(
        kind=kind.name,
        id=record_id(path),
        path=path,
        source=problems.display_path(path),
        data=model if ok else None,
        raw=raw,
        body=body,
        body_line=body_line,
        positions=parsed.positions,
    )


def missing_position(model: type, positions: dict, loc: tuple, closing_line: int) -> tuple[int, int]:
    """Where a missing field should be written: before the next field of its model that the file
    has, else at the end of its group (the parent field's line for a nested one, the closing
    "---" for a top-level one)."""
    cls = model
    for part in loc[:-1]:
        field = getattr(cls, "model_fields", {}).get(part) if isinstance(part, str) else None
        cls = _model_of(field.annotation) if field is not None else None
        if cls is None:
            return position(positions, loc[:-1], default=(closing_line, 1))
    names = list(cls.model_fields)
    if loc[-1] in names:
        for name in names[names.index(loc[-1]) + 1 :]:
            if (*loc[:-1], name) in positions:
                return positions[(*loc[:-1], name)][0], 1
    if len(loc) == 1:
        return closing_line, 1
    return position(positions, loc[:-1], default=(closing_line, 1))


def _model_of(annotation) -> type | None:
    """The pydantic model inside an annotation (`Holder`, `Holder | None`, `list[Step]`)."""
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_of(argument)
        if found is not None:
            return found
    return None


def position(positions: dict, loc: tuple, default: tuple[int, int] = (0, 0)) -> tuple[int, int]:
    for end in range(len(loc), 0, -1):
        if loc[:end] in positions:
            return positions[loc[:end]]
    return default


# "champ:" on the body's first line, or on a line right after a "---" line.
_FIELD_LINE = re.compile(r"([a-z_]+) *:")
_CLOSING_LINE = re.compile(r"^---[ \t]*\n", re.M)


def _check_fields_after_front_matter(path: Path, body: str, body_line: int, kind: Kind, problems: Problems) -> bool:
    """A field written after the closing line (or a second front matter) would silently become text."""
    starts = [0]
    if "---" in body:  # a plain substring test first: most bodies have no such line
        starts += [m.end() for m in _CLOSING_LINE.finditer(body)]
    for start in starts:
        match = _FIELD_LINE.match(body, start)
        if match is None:
            continue
        index = body.count("\n", 0, start)
        if match.group(1) in kind.model.model_fields:
            problems.add(
                path,
                body_line + index,
                1,
                f"champ « {match.group(1)} » écrit après la fin de l'en-tête (ligne {body_line - 1}) : une fiche n'a"
                " qu'un en-tête, placez ce champ avant la ligne « --- »",
            )
            return False
    return True


def _check_characters(path: Path, data: Any, positions: dict, problems: Problems, loc: tuple = ()) -> bool:
    ok = True
    if isinstance(data, dict):
        for key, value in data.items():
            ok &= _check_characters(path, value, positions, problems, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            ok &= _check_characters(path, value, positions, problems, loc + (index,))
    elif isinstance(data, str):
        match = _FORBIDDEN_CHARACTERS.search(data)
        if match:
            line, col = position(positions, loc)
            problems.add(
                path,
                line,
                col,
                f"champ « {strictyaml.format_loc(loc)} » : caractère invisible ou de contrôle {_codepoint(match.group())} interdit",
            )
            ok = False
    return ok


_codepoint = characters.codepoint
_visible = characters.visible


def ascii_fold(text: str) -> str:
    """ "Cœur d'Éole" -> "Coeur d'Eole": accents and ligatures of Latin letters taken off."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")


def slugify(text: str) -> str:
    """ "Décider ensemble" -> "decider-ensemble": the id a record with this name should have."""
    text = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
    return text[:MAX_ID_LENGTH].rstrip("-")
