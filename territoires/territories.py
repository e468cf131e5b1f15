"""The territory reference: communes, EPCI, departments and regions with their official codes.

Read from `data/territoires/` (built by `python build.py refresh-territories` from the Code
officiel géographique). This is the one place that knows how territories nest: which EPCI,
department and region a commune belongs to. Validation, pages, the parcours and the exports
all ask it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .paths import DATA_DIR

REFERENCE_DIR = DATA_DIR / "territoires"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    locative: str  # "en Occitanie"


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    region: str
    locative: str  # "dans l'Hérault"


@dataclass(frozen=True)
class Epci:
    siren: str
    name: str
    kind: str  # CC, CA, CU, METRO
    population: int | None
    departments: tuple[str, ...]


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    department: str
    region: str
    epci: str | None
    population: int | None
    postcodes: tuple[str, ...]


class Reference:
    """All territories, indexed by official code."""

    def __init__(self, directory: Path = REFERENCE_DIR):
        self.directory = directory
        self.regions = {r["code"]: Region(r["code"], r["nom"], r["localisation"]) for r in _rows(directory / "regions.csv")}
        self.departments = {
            d["code"]: Department(d["code"], d["nom"], d["region"], d["localisation"])
            for d in _rows(directory / "departements.csv")
        }
        self.epcis = {
            e["siren"]: Epci(e["siren"], e["nom"], e["type"], _int(e["population"]), tuple(e["departements"].split()))
            for e in _rows(directory / "epci.csv")
        }
        self.communes = {
            c["code"]: Commune(
                c["code"],
                c["nom"],
                c["departement"],
                c["region"],
                c["epci"] or None,
                _int(c["population"]),
                tuple(c["codes_postaux"].split()),
            )
            for c in _rows(directory / "communes.csv")
        }
        self.source = json.loads((directory / "source.json").read_text(encoding="utf-8"))

    def label(self, level: str, code: str) -> str:
        """The name of a territory, e.g. label("departement", "34") -> "Hérault"."""
        table = {"region": self.regions, "departement": self.departments, "epci": self.epcis, "commune": self.communes}[level]
        item = table.get(code)
        return item.name if item else code


@cache
def reference(directory: Path = REFERENCE_DIR) -> Reference:
    return Reference(directory)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _int(value: str) -> int | None:
    return int(value) if value else None
