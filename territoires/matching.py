"""Which actors cover which territories: computed once, at build time.

An actor declares where it works (the whole country, regions, departments, EPCI, communes).
This module turns that into what pages, search facets and the parcours need: for a department
or a commune, whether the actor works there and at which level. The browser never recomputes
any of it: it looks up what is written from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import vocabularies
from .loading import Record
from .territories import Reference


@dataclass(frozen=True)
class Reach:
    """What an actor covers, as declared, plus the departments where it covers only some places."""

    national: bool
    regions: frozenset[str]
    departments: frozenset[str]
    epcis: frozenset[str]
    communes: frozenset[str]
    local_departments: frozenset[str]  # departments containing a listed EPCI or commune
    worked_departments: frozenset[str]  # every department where it works, wholly or partly (national aside)

    def level_in_department(self, department: str, ref: Reference) -> str | None:
        """How the actor covers `department`: as a whole ("departement", "region", "national") or
        only some of its EPCI or communes ("local"); None if it does not work there."""
        if department in self.departments:
            return "departement"
        if ref.departments[department].region in self.regions:
            return "region"
        if department in self.local_departments:
            return "local"
        return "national" if self.national else None

    def region_codes(self, ref: Reference) -> set[str]:
        """Regions where the actor works, wholly or partly (national coverage aside)."""
        return {ref.departments[d].region for d in self.worked_departments}


def reach(record: Record, ref: Reference) -> Reach:
    coverage = record.data.intervention
    local = {d for siren in coverage.epci for d in ref.epcis[siren].departments}
    local |= {ref.communes[code].department for code in coverage.communes}
    regions = set(coverage.regions)
    worked = local | set(coverage.departements) | {d.code for d in ref.departments.values() if d.region in regions}
    return Reach(
        national=coverage.national,
        regions=frozenset(coverage.regions),
        departments=frozenset(coverage.departements),
        epcis=frozenset(coverage.epci),
        communes=frozenset(coverage.communes),
        local_departments=frozenset(local),
        worked_departments=frozenset(worked),
    )


def size_class(population: int | None) -> str | None:
    """The id of the size class (vocabulary `tailles-collectivite`) of a population."""
    if population is None:
        return None
    for term in vocabularies.get("tailles-collectivite"):
        if (term.minimum or 0) <= population and (term.maximum is None or population <= term.maximum):
            return term.id
    return None
