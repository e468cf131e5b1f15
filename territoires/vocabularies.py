"""Controlled vocabularies (themes, offers, approach types…), read from `data/vocabulaires/`.

Each vocabulary is a data file with an id, a French label and a description per value. The
models, the JSON Schemas, the templates and the contributor docs all read them from here:
nothing about a vocabulary is written in code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import strictyaml
from .errors import ProjectError
from .paths import DATA_DIR, shown_path

VOCABULARY_DIR = DATA_DIR / "vocabulaires"


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str
    rank: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    url: str | None = None
    # Fields only some vocabularies have ("attente", "groupe", "offres"), by their French name.
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Vocabulary:
    name: str
    description: str
    terms: tuple[Term, ...]
    _by_id: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._by_id.update({t.id: t for t in self.terms})

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.terms]

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._by_id

    def __getitem__(self, term_id: str) -> Term:
        return self._by_id[term_id]

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def label(self, term_id: str) -> str:
        term = self._by_id.get(term_id)
        return term.label if term else term_id

    def suggest(self, value: str) -> str | None:
        """The closest known id, for "did you mean" hints."""
        candidates = {t.id: t.id for t in self.terms} | {t.label.lower(): t.id for t in self.terms}
        match = difflib.get_close_matches(str(value).lower(), list(candidates), n=1, cutoff=0.6)
        return candidates[match[0]] if match else None


class VocabularyFileError(ProjectError):
    """A vocabulary file that cannot be read: they are the project's own, so this stops every command."""


_INT_FIELDS = {"rang": "rank", "min": "minimum", "max": "maximum"}
# Optional fields: a text, or a list of ids of another vocabulary.
_TEXT_FIELDS = {"attente", "groupe"}
_LIST_FIELDS = {"offres"}


def read_vocabulary(path: Path) -> Vocabulary:
    """Read one vocabulary file; vocabulary files are ours, so any mistake is fatal."""
    parsed = strictyaml.parse(path.read_text(encoding="utf-8"))
    where = shown_path(path)
    if parsed.issues:
        issue = parsed.issues[0]
        raise VocabularyFileError(f"{where}:{issue.line}:{issue.col}: {issue.message}")
    data = parsed.data
    if not isinstance(data, dict) or not isinstance(data.get("valeurs"), list):
        raise VocabularyFileError(f"{where}: « description » et « valeurs » attendus")
    terms = []
    for index, raw in enumerate(data["valeurs"]):
        line = parsed.positions.get(("valeurs", index), (0, 0))[0]
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("libelle"):
            raise VocabularyFileError(f"{where}:{line}: chaque valeur a un « id » et un « libelle »")
        try:
            extra = {_INT_FIELDS[k]: int(v) for k, v in raw.items() if k in _INT_FIELDS}
        except (TypeError, ValueError):
            raise VocabularyFileError(f"{where}:{line}: « rang », « min » et « max » sont des nombres entiers") from None
        unknown = set(raw) - {"id", "libelle", "description", "url", *_INT_FIELDS, *_TEXT_FIELDS, *_LIST_FIELDS}
        if unknown:
            raise VocabularyFileError(f"{where}:{line}: champ(s) inconnu(s) {sorted(unknown)}")
        details = {k: v for k, v in raw.items() if k in _TEXT_FIELDS and isinstance(v, str)}
        for key in _LIST_FIELDS & set(raw):
            if not isinstance(raw[key], list):
                raise VocabularyFileError(f"{where}:{line}: « {key} » est une liste d'identifiants")
            details[key] = tuple(raw[key])
        terms.append(Term(raw["id"], raw["libelle"], raw.get("description") or "", url=raw.get("url"), extra=details, **extra))
    ids = [t.id for t in terms]
    if len(set(ids)) != len(ids):
        raise VocabularyFileError(f"{where}: identifiants en double")
    return Vocabulary(path.stem, data.get("description") or "", tuple(terms))


@cache
def vocabularies(directory: Path = VOCABULARY_DIR) -> dict[str, Vocabulary]:
    """Every vocabulary, by file name (`thematiques`, `offres`…)."""
    return {p.stem: read_vocabulary(p) for p in sorted(directory.glob("*.yaml"))}


def get(name: str) -> Vocabulary:
    try:
        return vocabularies()[name]
    except KeyError:
        raise VocabularyFileError(f"data/vocabulaires/{name}.yaml : fichier de vocabulaire introuvable") from None
