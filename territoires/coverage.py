"""Where help is known and where it is missing, department by department, for partners.

For each department: the non-national actors that work there, by kind of help; those that cover
it at the department's level or closer (a department, an EPCI, communes: "local" here); the
experience sheets located there; the communes under 3 500 inhabitants that no local actor covers.
`python build.py couverture` prints it, and /couverture/ shows it as a map and a table.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import vocabularies
from .corpus import Corpus
from .loading import Record
from .matching import reach
from .places import experience_department

SMALL = 3500  # inhabitants: the communes this directory is first made for


@dataclass
class DepartmentCoverage:
    code: str
    name: str
    region: str
    actors: int = 0  # non-national actors working there, wholly or partly (regional ones included)
    local_actors: int = 0  # those covering the department itself, or some of its EPCI or communes
    offers: Counter = field(default_factory=Counter)  # kind of help -> local or regional actors offering it
    experiences: int = 0
    small_communes: int = 0
    small_without_local: int = 0  # small communes that no local actor covers
    small_with_two: int = 0  # small communes that two local actors or more cover: a choice, not a single name


def coverage_by_department(corpus: Corpus) -> list[DepartmentCoverage]:
    ref = corpus.territories
    rows = {d.code: DepartmentCoverage(d.code, d.name, d.region) for d in ref.departments.values()}
    whole: dict[str, set[str]] = defaultdict(set)  # department -> local actors covering all of it
    by_epci: dict[str, set[str]] = defaultdict(set)
    by_commune: dict[str, set[str]] = defaultdict(set)
    for record in corpus.active("actor"):
        r = reach(record, ref)
        if r.national:
            continue
        for code in r.worked_departments:
            rows[code].actors += 1
            rows[code].offers.update(record.data.offres)
        for code in r.departments:
            whole[code].add(record.id)
        local_departments = set(r.departments) | set(r.local_departments)
        for code in local_departments:
            rows[code].local_actors += 1
        for siren in r.epcis:
            by_epci[siren].add(record.id)
        for code in r.communes:
            by_commune[code].add(record.id)
    for record in corpus.active("experience"):
        code = experience_department(record, ref)
        if code:
            rows[code].experiences += 1
    for commune in ref.communes.values():
        if commune.population is None or commune.population >= SMALL:
            continue
        row = rows[commune.department]
        row.small_communes += 1
        local = whole[commune.department] | by_commune[commune.code] | (by_epci[commune.epci] if commune.epci else set())
        if not local:
            row.small_without_local += 1
        if len(local) >= 2:
            row.small_with_two += 1
    return sorted(rows.values(), key=lambda row: row.code)


def headline(rows: list[DepartmentCoverage]) -> dict:
    """The figures a partner reads first."""
    metropolitan = [r for r in rows if not r.code.startswith("97")]
    small = sum(r.small_communes for r in rows)
    uncovered = sum(r.small_without_local for r in rows)
    return {
        "departements": len(rows),
        "departements_avec_acteur_local": sum(1 for r in rows if r.local_actors),
        "metropole_avec_acteur_local": sum(1 for r in metropolitan if r.local_actors),
        "metropole": len(metropolitan),
        "sans_acteur_local": [r for r in rows if not r.local_actors],
        "petites_communes": small,
        "petites_communes_couvertes": small - uncovered,
        "petites_communes_deux_acteurs": sum(r.small_with_two for r in rows),
    }


def without_contact(corpus: Corpus) -> list[Record]:
    """Actors a commune finds but cannot reach through the directory (no contact given), in the
    corpus's French alphabetical order: what partners can complete first."""
    return [a for a in corpus.active("actor") if not a.data.contact]


def offer_columns() -> list[tuple[str, str]]:
    return [(t.id, t.label) for t in vocabularies.get("offres")]
