"""A search that knows places: communes, intercommunalities, departments and regions by name.

When what a visitor typed is the name of a place ("herault", "Montaud", "st denis"), the search
page shows that place first: what the site holds for it and where to go next. The places are
written as pieces sorted by name key (`recherche/lieux/`), as the parcours' commune suggestions
are; the browser fetches the one piece that can hold the name typed.

Each entry: [key, kind, code, name, department, actors, experiences, accompanied] where kind is
c (commune), e (intercommunality), d (department) or r (region); `department` is the commune's,
the intercommunality's first, or "" for a region; the counts are the non-national actors that
work there (directly, by department, by region or by EPCI), the experience sheets located there
and the territories the ANCT accompanied there.

`find_places()` is the Python twin of `findPlaces()` in search-core.js: the parity test compares
them on the same queries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from ..corpus import Corpus
from ..matching import reach
from ..places import keyed_pieces, name_key, name_keys, place

PIECE_SIZE = 400  # places per piece (about 6 kB compressed)
KINDS = {"c": "commune", "e": "epci", "d": "departement", "r": "region"}


def place_entries(corpus: Corpus) -> list[tuple[str, list]]:
    ref = corpus.territories
    # Actors (national ones aside) by the places they cover: wholly (a department, or all those of
    # a region), or partly (some EPCI or communes).
    wide: dict[str, set[str]] = defaultdict(set)  # department -> actors covering all of it
    local_epci: dict[str, set[str]] = defaultdict(set)
    local_commune: dict[str, set[str]] = defaultdict(set)
    in_department: dict[str, set[str]] = defaultdict(set)  # wholly or partly
    in_region: dict[str, set[str]] = defaultdict(set)
    for record in corpus.active("actor"):
        r = reach(record, ref)
        for code in set(r.departments) | {d.code for d in ref.departments.values() if d.region in r.regions}:
            wide[code].add(record.id)
        for code in r.worked_departments:
            in_department[code].add(record.id)
            in_region[ref.departments[code].region].add(record.id)
        for siren in r.epcis:
            local_epci[siren].add(record.id)
        for code in r.communes:
            local_commune[code].add(record.id)
    # Experience sheets and accompanied territories by place.
    sheets: Counter = Counter()
    for record in corpus.active("experience"):
        facts = place(record, ref)
        if facts.commune:
            sheets["c", facts.commune.code] += 1
        if facts.epci:
            sheets["e", facts.epci.siren] += 1
        if facts.department:
            sheets["d", facts.department.code] += 1
            sheets["r", facts.department.region] += 1
    accompanied: Counter = Counter()
    for item in corpus.accompaniments:
        if item.level == "commune":
            accompanied["c", item.code] += 1
        if item.level == "epci":
            accompanied["e", item.code] += 1
        for code in item.departments:
            accompanied["d", code] += 1
        for region in {ref.departments[code].region for code in item.departments}:
            accompanied["r", region] += 1
    keyed: list[tuple[str, list]] = []
    for region in ref.regions.values():
        counts = [len(in_region[region.code]), sheets["r", region.code], accompanied["r", region.code]]
        keyed += [(k, ["r", region.code, region.name, "", *counts]) for k in name_keys(region.name)]
    for department in ref.departments.values():
        counts = [len(in_department[department.code]), sheets["d", department.code], accompanied["d", department.code]]
        keyed += [(k, ["d", department.code, department.name, department.code, *counts]) for k in name_keys(department.name)]
    for siren, epci in ref.epcis.items():
        actors = len(set().union(local_epci[siren], *(wide[code] for code in epci.departments)))
        counts = [actors, sheets["e", siren], accompanied["e", siren]]
        keyed += [
            (k, ["e", siren, epci.name, epci.departments[0] if epci.departments else "", *counts]) for k in name_keys(epci.name)
        ]
    wide_count = {code: len(actors) for code, actors in wide.items()}
    for commune in ref.communes.values():
        local = local_commune.get(commune.code, set()) | (local_epci.get(commune.epci, set()) if commune.epci else set())
        actors = wide_count.get(commune.department, 0) + (len(local - wide[commune.department]) if local else 0)
        counts = [
            actors,
            sheets["c", commune.code],
            accompanied["c", commune.code] + (accompanied["e", commune.epci] if commune.epci else 0),
        ]
        keyed += [(k, ["c", commune.code, commune.name, commune.department, *counts]) for k in name_keys(commune.name)]
    return keyed


def place_files(corpus: Corpus) -> dict[str, object]:
    starts, pieces = keyed_pieces(place_entries(corpus), PIECE_SIZE, "l")
    files: dict[str, object] = {f"recherche/lieux/{name}.json": piece for name, piece in pieces.items()}
    files["recherche/lieux/index.json"] = starts
    return files


def piece_for(key: str, starts: list[list]) -> str | None:
    """The piece whose key range holds `key` (the last one starting at or before it)."""
    found = None
    for first, name in starts:
        if first <= key:
            found = name
        else:
            break
    return found


def find_places(query: str, load: Callable[[str], object]) -> list[list]:
    """The places named exactly what was typed (accents, case, hyphens and "st" aside), regions
    and departments first, then intercommunalities, then communes, the best documented first."""
    key = name_key(query)
    if len(key) < 3:
        return []
    starts = load("lieux/index.json")
    name = piece_for(key, starts)
    if name is None:
        return []
    entries = [entry[1:] for entry in load(f"lieux/{name}.json") if entry[0] == key]
    seen = set()
    unique = []
    for entry in entries:
        if (entry[0], entry[1]) not in seen:
            seen.add((entry[0], entry[1]))
            unique.append(entry)
    return sorted(unique, key=lambda e: ("rdec".index(e[0]), -(e[4] + e[5] + e[6]), e[1]))
