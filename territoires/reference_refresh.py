"""Rebuild the territory reference in `data/territoires/` from Etalab's découpage administratif.

The source is the npm package `@etalab/decoupage-administratif` (data from the Code officiel
géographique, Licence Ouverte), installed by `npm ci` with the version pinned in
`package-lock.json`. Only current communes of metropolitan France and the five overseas
departments are kept (the department codes the models accept); the package's version is recorded in
`source.json` next to the files.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path

from .paths import DATA_DIR, NODE_MODULES

PACKAGE = "@etalab/decoupage-administratif"
SOURCE_DIR = NODE_MODULES / "@etalab" / "decoupage-administratif"
TARGET_DIR = DATA_DIR / "territoires"
ZONES = {"metro", "drom"}


def refresh(source_dir: Path = SOURCE_DIR, target_dir: Path = TARGET_DIR) -> dict[str, int]:
    """Write the reference files; returns the number of rows of each."""
    data = source_dir / "data"
    package = json.loads((source_dir / "package.json").read_text(encoding="utf-8"))
    regions = [r for r in _load(data / "regions.json") if r.get("zone") in ZONES]
    departments = [d for d in _load(data / "departements.json") if d.get("zone") in ZONES]
    region_codes = {r["code"] for r in regions}
    department_codes = {d["code"] for d in departments}
    communes = [
        c
        for c in _load(data / "communes.json")
        if c.get("type") == "commune-actuelle" and c.get("departement") in department_codes
    ]
    epcis = _load(data / "epci.json")

    epci_of: dict[str, str] = {}
    for epci in epcis:
        for member in epci.get("membres", []):
            epci_of[member["code"]] = epci["code"]
    commune_department = {c["code"]: c["departement"] for c in communes}
    epci_departments: dict[str, set[str]] = defaultdict(set)
    for code, siren in epci_of.items():
        if code in commune_department:
            epci_departments[siren].add(commune_department[code])

    target_dir.mkdir(parents=True, exist_ok=True)
    _write(
        target_dir / "regions.csv",
        ["code", "nom", "localisation"],
        sorted(
            (r["code"], r["nom"], locative(r["nom"], r.get("typeLiaison", 0), r["zone"] == "drom", True))
            for r in regions
            if r["code"] in region_codes
        ),
    )
    _write(
        target_dir / "departements.csv",
        ["code", "nom", "region", "localisation"],
        sorted(
            (d["code"], d["nom"], d["region"], locative(d["nom"], d.get("typeLiaison", 0), d["zone"] == "drom", False))
            for d in departments
        ),
    )
    kept_epcis = [e for e in epcis if epci_departments.get(e["code"])]
    _write(
        target_dir / "epci.csv",
        ["siren", "nom", "type", "population", "departements"],
        sorted(
            (
                e["code"],
                e["nom"],
                e.get("type", ""),
                str(e.get("populationMunicipale") or e.get("populationTotale") or ""),
                " ".join(sorted(epci_departments[e["code"]])),
            )
            for e in kept_epcis
        ),
    )
    _write(
        target_dir / "communes.csv",
        ["code", "nom", "departement", "region", "epci", "population", "codes_postaux"],
        sorted(
            (
                c["code"],
                c["nom"],
                c["departement"],
                c["region"],
                epci_of.get(c["code"], ""),
                str(c.get("population", "")),
                " ".join(sorted(c.get("codesPostaux", []))),
            )
            for c in communes
        ),
    )
    source = {
        "source": "Code officiel géographique (Insee), publié par Etalab",
        "paquet": f"{PACKAGE}@{package['version']}",
        "depot": "https://github.com/etalab/decoupage-administratif",
        "licence": "Licence Ouverte 2.0 (etalab-2.0)",
        "perimetre": "communes actuelles de France métropolitaine et des départements d'outre-mer",
        "population": "population municipale",
    }
    (target_dir / "source.json").write_text(json.dumps(source, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {
        "regions": len(regions),
        "departements": len(departments),
        "epci": len(kept_epcis),
        "communes": len(communes),
    }


# Names that take "à" (cities and islands) rather than "en" / "dans le…".
_TAKES_A = {"Paris", "La Réunion", "Mayotte"}


def locative(name: str, liaison: int, overseas: bool, is_region: bool) -> str:
    """ "dans l'Hérault", "en Saône-et-Loire", "à La Réunion": the French for "in <place>".

    `liaison` is Insee's "type de nom en clair" (TNCC), which says which article the name takes.
    """
    if name in _TAKES_A:
        return f"à {name}"
    if liaison in (0, 1) or (liaison == 3 and (overseas or is_region)):
        return f"en {name}"
    article = {2: "le ", 3: "la ", 4: "les ", 5: "l'"}.get(liaison, "")
    return f"dans {article}{name}"


def _load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, header: list[str], rows) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
