"""The validated corpus: every record, and the links between them computed once.

Templates, search, exports and the parcours all read records through this object; none of them
walks the content folders again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .accompaniments import Accompaniment
from .loading import Record, ascii_fold
from .territories import Reference


@dataclass
class Backlinks:
    """Who points at an actor."""

    experiences: list[Record] = field(default_factory=list)  # sheets listing it in `acteurs`
    guides: list[Record] = field(default_factory=list)  # guides listing it in `auteurs`
    members: list[Record] = field(default_factory=list)  # actors listing it in `reseaux`


class Corpus:
    def __init__(
        self,
        actors: dict[str, Record],
        experiences: dict[str, Record],
        guides: dict[str, Record],
        pages: dict[str, Record],
        territories: Reference,
        accompaniments: list[Accompaniment] | None = None,
    ):
        self.actors = _sorted(actors)
        self.experiences = _sorted(experiences)
        self.guides = _sorted(guides)
        self.pages = _sorted(pages)
        self.territories = territories
        # The territories the ANCT accompanied (reference data, not records), by place.
        self.accompaniments = list(accompaniments or [])
        self.accompanied: dict[tuple[str, str], list[Accompaniment]] = defaultdict(list)
        self.accompanied_in_department: dict[str, list[Accompaniment]] = defaultdict(list)
        for item in self.accompaniments:
            self.accompanied[item.level, item.code].append(item)
            for department in item.departments:
                self.accompanied_in_department[department].append(item)
        self.backlinks: dict[str, Backlinks] = defaultdict(Backlinks)
        for record in self.experiences.values():
            for actor in record.data.acteurs:
                self.backlinks[actor].experiences.append(record)
        for record in self.guides.values():
            for actor in record.data.auteurs:
                self.backlinks[actor].guides.append(record)
        for record in self.actors.values():
            for network in record.data.reseaux:
                self.backlinks[network].members.append(record)

    def by_kind(self, kind: str) -> dict[str, Record]:
        return {"actor": self.actors, "experience": self.experiences, "guide": self.guides, "page": self.pages}[kind]

    @property
    def records(self) -> list[Record]:
        """Every actor, experience and guide (not editorial pages), in a stable order."""
        return [*self.actors.values(), *self.experiences.values(), *self.guides.values()]

    def active(self, kind: str) -> list[Record]:
        """Records of `kind` that are not archived: what listings, the parcours and the map offer."""
        return [r for r in self.by_kind(kind).values() if not r.archived]

    def archived(self, kind: str) -> list[Record]:
        return [r for r in self.by_kind(kind).values() if r.archived]

    def get(self, record_id: str) -> Record | None:
        for kind in (self.actors, self.experiences, self.guides):
            if record_id in kind:
                return kind[record_id]
        return None


def title_key(text: str) -> str:
    """French alphabetical order, as readers expect it: accents, case and punctuation aside
    ("Écrivains" between "Dunes" and "Forêt", "L'Isle" as "lisle")."""
    return re.sub(r"[^a-z0-9 ]+", "", ascii_fold(text).casefold().replace("-", " "))


def _sorted(records: dict[str, Record]) -> dict[str, Record]:
    """Records in the order readers look for them: by name or title (the id breaks ties)."""
    return dict(sorted(records.items(), key=lambda item: (title_key(item[1].title), item[0])))
