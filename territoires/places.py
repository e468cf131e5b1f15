"""Where records are: the place of an experience and the coverage of an actor, in official terms.

A record only holds codes (`territoire.commune: "34164"`, `intervention.departements: ["34"]`).
This module turns them into typed facts from the territory reference (names, the EPCI, department
and region a commune belongs to, populations), once, for every consumer: pages, search, exports
and the parcours. It sits below all of them and imports none of them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .loading import Record
from .territories import Commune, Department, Epci, Reference, Region


@dataclass(frozen=True)
class Place:
    """Where an experience happened, with what the reference says of it."""

    name: str  # the most precise territory's name: commune, else EPCI, else department
    commune: Commune | None
    epci: Epci | None  # declared, or the commune's
    department: Department | None
    region: Region | None
    population: int | None  # of the commune, else of the communes together, else of the EPCI
    population_scope: str | None  # "commune", "communes" or "intercommunalité": whose population it is

    @property
    def commune_size(self) -> int | None:
        """The population when the place is one commune: what "a commune of comparable size" compares."""
        return self.population if self.population_scope == "commune" else None

    @property
    def summary(self) -> str:
        """ "Montaud (Hérault)" for cards; a department alone is not repeated."""
        if self.department and self.name != self.department.name:
            return f"{self.name} ({self.department.name})"
        return self.name


@dataclass(frozen=True)
class Covered:
    """One territory an actor covers, with its label as pages show it."""

    level: str  # national, region, departement, epci, commune
    code: str
    label: str


def experience_department(record: Record, ref: Reference) -> str | None:
    """Department code where an experience took place (from its commune(s), department or EPCI);
    None for a region, the whole country, or places across several departments."""
    territory = record.data.territoire
    if territory.commune:
        return ref.communes[territory.commune].department
    if territory.departement:
        return territory.departement
    departments: set[str] = set()
    if territory.communes:
        departments = {ref.communes[code].department for code in territory.communes}
    elif territory.epci:
        departments = set(ref.epcis[territory.epci].departments)
    return departments.pop() if len(departments) == 1 else None


def _names(names: list[str], limit: int = 3) -> str:
    """ "A, B et C", "A, B, C et 2 autres"."""
    if len(names) <= limit:
        return " et ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
    return ", ".join(names[:limit]) + f" et {len(names) - limit} autres"


def place(record: Record, ref: Reference) -> Place:
    """The place of an experience sheet."""
    territory = record.data.territoire
    commune = ref.communes.get(territory.commune) if territory.commune else None
    epci_code = territory.epci or (commune.epci if commune else None)
    epci = ref.epcis.get(epci_code) if epci_code else None
    department_code = experience_department(record, ref)
    department = ref.departments.get(department_code) if department_code else None
    region_code = department.region if department else territory.region
    if region_code is None and territory.communes:
        regions = {ref.communes[code].region for code in territory.communes}
        region_code = regions.pop() if len(regions) == 1 else None
    region = ref.regions.get(region_code) if region_code else None
    several = [ref.communes[code] for code in territory.communes] if not commune else []
    if commune:
        name, population, scope = commune.name, commune.population, "commune"
    elif several:
        name = _names([c.name for c in several])
        known = [c.population for c in several if c.population is not None]
        population, scope = (sum(known) if known else None), "communes"
    elif epci:
        name, population, scope = epci.name, epci.population, "intercommunalité"
    elif department:
        name, population, scope = department.name, None, None
    elif region:
        name, population, scope = region.name, None, None
    else:
        name, population, scope = ("Toute la France" if territory.national else ""), None, None
    return Place(
        name=name,
        commune=commune,
        epci=epci,
        department=department,
        region=region,
        population=population,
        population_scope=scope,
    )


def coverage(record: Record, ref: Reference) -> list[Covered]:
    """The territories an actor covers, from widest to narrowest."""
    data = record.data.intervention
    items = []
    if data.national:
        items.append(Covered("national", "", "Toute la France"))
    items += [Covered("region", code, ref.regions[code].name) for code in data.regions]
    items += [Covered("departement", code, f"{ref.departments[code].name} ({code})") for code in data.departements]
    items += [Covered("epci", code, ref.epcis[code].name) for code in data.epci]
    for code in data.communes:
        commune = ref.communes[code]
        items.append(Covered("commune", code, f"{commune.name} ({commune.department})"))
    return items


def coverage_summary(record: Record, ref: Reference, limit: int = 3) -> str:
    """A one-line version of `coverage`, for cards: "Occitanie, Hérault (34) et 2 autres"."""
    labels = [item.label for item in coverage(record, ref)]
    if len(labels) <= limit:
        return ", ".join(labels)
    return ", ".join(labels[:limit]) + f" et {len(labels) - limit} autres"


# ---- Names as people type them ----------------------------------------------------------------

_ARTICLE = re.compile(r"^(?:le|la|les|l')\s*", re.IGNORECASE)
_SAINTS = {"st": "saint", "ste": "sainte"}


def name_words(text: str) -> list[str]:
    """The words of a name in lowercase ASCII letters and digits, "st"/"ste" read as
    "saint"/"sainte": "St-Étienne-de-Gourgas" -> ["saint", "etienne", "de", "gourgas"]."""
    text = unicodedata.normalize("NFD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    words = re.split(r"[^a-z0-9]+", re.sub(r"[\u0300-\u036f]", "", text))
    return [_SAINTS.get(word, word) for word in words if word]


def name_key(text: str) -> str:
    """A name's words run together: "L'Isle-d'Abeau" -> "lisledabeau", "St-Denis" -> "saintdenis".

    search-core.js has the same function (`nameKey`): both sides must cut names identically.
    """
    return "".join(name_words(text))


@cache
def name_keys(name: str) -> list[str]:
    """The keys a place is found under: its name, and its name without a leading article
    ("Le Mans" under "lemans" and "mans")."""
    return [k for k in sorted({name_key(name), name_key(_ARTICLE.sub("", name))}) if k]


def keyed_pieces(keyed: list[tuple[str, list]], size: int, prefix: str) -> tuple[list[list], dict[str, list]]:
    """Entries sorted by key and cut into pieces of about `size`, homonyms never split:
    (starts: [first key, piece name]…, pieces: name -> [[key, *entry]…]). The browser fetches the
    piece whose range holds what was typed."""
    keyed = sorted(keyed, key=lambda item: (item[0], str(item[1][0])))
    starts: list[list] = []
    pieces: dict[str, list] = {}
    start = 0
    while start < len(keyed):
        end = min(start + size, len(keyed))
        while end < len(keyed) and keyed[end][0] == keyed[end - 1][0]:
            end += 1  # homonyms stay in the same piece: a piece starts where a new name starts
        name = f"{prefix}{len(starts):03d}"
        starts.append([keyed[start][0], name])
        pieces[name] = [[key, *entry] for key, entry in keyed[start:end]]
        start = end
    return starts, pieces
