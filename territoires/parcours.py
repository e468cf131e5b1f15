"""Data files of the parcours de recherche, computed at build time; the browser only looks up.

- `parcours/communes/<clé>.json`: communes whose name starts with two given letters, for the
  suggestions of step 1 (every French commune, in small pieces fetched as the visitor types);
- `parcours/communes/cp-<nn>.json`: the same by the first two digits of the postal code;
- `parcours/departements/<code>.json`: for one department, its communes (EPCI, population) and
  the actors that work there, with the level at which they do (`matching.py`);
- `parcours/fiches.json`: what the results show of each actor, experience and guide.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from . import vocabularies
from .corpus import Corpus
from .encoding import encode_json
from .matching import reach, size_class
from .need import need_data
from .places import keyed_pieces, name_key, name_keys, place
from .territories import Reference

SUMMARY_CHARACTERS = 180
PIECE_SIZE = 600  # communes per suggestion file (about 7 kB compressed)


@cache
def commune_pieces(ref: Reference) -> dict[str, object]:
    """Suggestion files: communes sorted by name key and cut into pieces of `PIECE_SIZE`, plus
    files by the first two digits of the postal code.

    `parcours/communes/index.json` lists the first key of each piece: the browser fetches the
    pieces whose key range meets what the visitor typed (`candidatesFor` in parcours-page.js).
    A commune whose name starts with an article is listed under both "le mans" and "mans".
    """
    keyed: list[tuple[str, list]] = []
    by_postcode: dict[str, list] = defaultdict(list)
    for commune in ref.communes.values():
        entry = [commune.code, commune.name, commune.department, commune.population, " ".join(commune.postcodes)]
        keyed += [(k, entry) for k in name_keys(commune.name)]
        for prefix in sorted({code[:2] for code in commune.postcodes}):
            by_postcode[prefix].append((name_key(commune.name), entry))
    starts, pieces = keyed_pieces(keyed, PIECE_SIZE, "n")
    files: dict[str, object] = {f"parcours/communes/{name}.json": piece for name, piece in pieces.items()}
    files["parcours/communes/index.json"] = starts
    for prefix, entries in sorted(by_postcode.items()):
        files[f"parcours/communes/cp-{prefix}.json"] = [
            [key, *entry] for key, entry in sorted(entries, key=lambda e: (e[0], e[1][0]))
        ]
    return files


def department_pieces(corpus: Corpus) -> dict[str, dict]:
    ref = corpus.territories
    reaches = {record.id: reach(record, ref) for record in corpus.active("actor")}
    communes_by_department: dict[str, dict] = defaultdict(dict)
    for commune in ref.communes.values():
        communes_by_department[commune.department][commune.code] = [commune.name, commune.epci, commune.population]
    pieces = {}
    for code in sorted(ref.departments):
        actors = []
        for actor_id, r in reaches.items():
            level = r.level_in_department(code, ref)
            if level is None:
                continue
            entry = [actor_id, level]
            if level == "local" or r.epcis or r.communes:
                # the places it covers in this department, for the browser to test the chosen commune
                entry += [
                    sorted(e for e in r.epcis if code in ref.epcis[e].departments),
                    sorted(c for c in r.communes if ref.communes[c].department == code),
                ]
            actors.append(entry)
        pieces[f"parcours/departements/{code}.json"] = {"communes": communes_by_department[code], "acteurs": actors}
    return pieces


def _short(text: str) -> str:
    if len(text) <= SUMMARY_CHARACTERS:
        return text
    return text[: SUMMARY_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"


def records_file(corpus: Corpus) -> dict:
    ref = corpus.territories
    actors = {
        record.id: {
            "titre": record.title,
            "url": record.url,
            "resume": _short(record.data.resume),
            "themes": list(record.data.thematiques),
            "offres": list(record.data.offres),
        }
        for record in corpus.active("actor")
    }
    experiences = []
    for record in corpus.active("experience"):
        facts = place(record, ref)
        experiences.append(
            {
                "id": record.id,
                "titre": record.title,
                "url": record.url,
                "resume": _short(record.data.resume),
                "lieu": facts.summary,
                "commune": record.data.territoire.commune,
                "themes": list(record.data.thematiques),
                "departement": facts.department.code if facts.department else None,
                "region": facts.region.code if facts.region else None,
                "population": facts.population,
                "taille": size_class(facts.commune_size),
            }
        )
    guides = [
        {
            "id": record.id,
            "titre": record.title,
            "url": record.url,
            "resume": _short(record.data.resume),
            "themes": list(record.data.thematiques),
            "etapes": list(record.data.etapes_projet),
        }
        for record in corpus.active("guide")
    ]
    return {
        "acteurs": actors,
        "experiences": experiences,
        "guides": guides,
        "accompagnes": accompanied_peers(corpus),
        "libelles": {
            "themes": {t.id: t.label for t in vocabularies.get("thematiques")},
            "offres": {t.id: t.label for t in vocabularies.get("offres")},
            "etapes": {t.id: t.label for t in vocabularies.get("etapes-projet")},
            "tailles": {t.id: t.label for t in vocabularies.get("tailles-collectivite")},
            "services": {t.id: t.label for t in vocabularies.get("services-anct")},
        },
        "tailles": [[t.id, t.minimum or 0, t.maximum] for t in vocabularies.get("tailles-collectivite")],
        "departements": {
            d.code: {"nom": d.name, "localisation": d.locative, "region": d.region} for d in ref.departments.values()
        },
        "regions": {r.code: {"nom": r.name, "localisation": r.locative} for r in ref.regions.values()},
    }


def accompanied_peers(corpus: Corpus) -> list[list]:
    """Communes and intercommunalities the ANCT accompanied, for "des collectivités comme la
    vôtre": [service, level, code, name, departments, population, period, ids of the experience
    sheets located there]."""
    ref = corpus.territories
    sheets_by_place: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in corpus.active("experience"):
        facts = place(record, ref)
        if facts.commune:
            sheets_by_place["commune", facts.commune.code].append(record.id)
        if record.data.territoire.epci:
            sheets_by_place["epci", record.data.territoire.epci].append(record.id)
    peers = []
    for item in corpus.accompaniments:
        if item.level == "commune":
            population = ref.communes[item.code].population
        elif item.level == "epci":
            population = ref.epcis[item.code].population
        else:
            continue
        peers.append(
            [
                item.service,
                item.level,
                item.code,
                item.name,
                list(item.departments),
                population,
                item.period_fr,
                sheets_by_place[item.level, item.code],
            ]
        )
    return peers


@cache
def commune_files(ref: Reference) -> dict[str, str]:
    """The commune pieces as JSON text: they depend on the territory reference only, so a process
    (the `serve` loop) encodes them once."""
    return {path: encode_json(data) for path, data in commune_pieces(ref).items()}


def parcours_files(corpus: Corpus) -> dict[str, str]:
    """Every data file of the parcours (JSON text), by path under the output folder."""
    files = dict(commune_files(corpus.territories))
    files |= {path: encode_json(data) for path, data in department_pieces(corpus).items()}
    files["parcours/fiches.json"] = encode_json(records_file(corpus))
    files["parcours/besoin.json"] = encode_json(need_data(corpus))
    return files
