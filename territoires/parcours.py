"""Data files of the parcours de recherche, computed at build time; the browser only looks up.

- `parcours/communes/<clé>.json`: communes whose name starts with two given letters, for the
  suggestions of step 1 (every French commune, in small pieces fetched as the visitor types);
- `parcours/communes/cp-<nn>.json`: the same by the first two digits of the postal code;
- `parcours/departements/<code>.json`: for one department, its communes (EPCI, population) and
  the actors that work there, with the level at which they do (`matching.py`);
- `parcours/fiches.json`: what the results show of each actor, experience and guide.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from . import vocabularies
from .corpus import Corpus
from .matching import reach, size_class
from .site import views

SUMMARY_CHARACTERS = 180
_ARTICLE = re.compile(r"^(?:le|la|les|l')\s*", re.IGNORECASE)


def name_key(text: str) -> str:
    """Lowercase ASCII letters and digits only: "L'Isle-d'Abeau" -> "lisledabeau".

    search-core.js has the same function (`nameKey`): both sides must cut names identically.
    """
    text = unicodedata.normalize("NFD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    return re.sub(r"[^a-z0-9]", "", text)


MAX_PIECE = 400  # communes per suggestion file: "Saint-…" alone would otherwise weigh 200 kB


def _split(entries: list[tuple[str, list]], prefix: str) -> dict[str, list]:
    """Group (key, entry) pairs by prefix, lengthening the prefix of groups that are too big."""
    if len(entries) <= MAX_PIECE or all(len(key) <= len(prefix) for key, _ in entries):
        return {prefix: [entry for _, entry in entries]}
    groups: dict[str, list] = defaultdict(list)
    for key, entry in entries:
        groups[key[: len(prefix) + 1]].append((key, entry))
    pieces = {}
    for sub, items in groups.items():
        pieces.update(_split(items, sub))
    return pieces


def commune_pieces(corpus: Corpus) -> dict[str, object]:
    """Suggestion files by name prefix and by postal code prefix, plus the list of name prefixes.

    Name files are cut by the first two letters, and by more letters where that makes a file too
    big; `parcours/communes/index.json` lists the prefixes, so the browser knows which file to fetch.
    """
    by_letters: dict[str, list] = defaultdict(list)
    by_postcode: dict[str, list] = defaultdict(list)
    for commune in corpus.territories.communes.values():
        entry = [commune.code, commune.name, commune.department, commune.population, " ".join(commune.postcodes)]
        keys = {name_key(commune.name), name_key(_ARTICLE.sub("", commune.name))}
        for key in sorted(k for k in keys if len(k) >= 2):
            by_letters[key[:2]].append((key, entry))
        for prefix in sorted({code[:2] for code in commune.postcodes}):
            by_postcode[prefix].append(entry)
    pieces: dict[str, list] = {}
    for letters in sorted(by_letters):
        pieces.update(_split(sorted(by_letters[letters], key=lambda item: (item[0], item[1][0])), letters))
    files: dict[str, object] = {f"parcours/communes/{key}.json": _unique(entries) for key, entries in sorted(pieces.items())}
    files["parcours/communes/index.json"] = sorted(pieces)
    for prefix, entries in sorted(by_postcode.items()):
        files[f"parcours/communes/cp-{prefix}.json"] = sorted(entries, key=lambda e: (name_key(e[1]), e[0]))
    return files


def _unique(entries: list) -> list:
    seen, out = set(), []
    for entry in entries:
        if entry[0] not in seen:
            seen.add(entry[0])
            out.append(entry)
    return out


def department_pieces(corpus: Corpus) -> dict[str, dict]:
    ref = corpus.territories
    reaches = {record.id: reach(record, ref) for record in corpus.actors.values()}
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
                entry += [sorted(e for e in r.epcis if code in ref.epcis[e].departments),
                          sorted(c for c in r.communes if ref.communes[c].department == code)]  # fmt: skip
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
        record.id: {"titre": record.title, "url": record.url, "resume": _short(record.data.resume),
                    "themes": list(record.data.thematiques), "offres": list(record.data.offres)}  # fmt: skip
        for record in corpus.actors.values()
    }
    experiences = []
    for record in corpus.experiences.values():
        facts = views.place(record, corpus)
        experiences.append({
            "id": record.id,
            "titre": record.title,
            "url": record.url,
            "resume": _short(record.data.resume),
            "lieu": views.place_summary(record, corpus),
            "themes": list(record.data.thematiques),
            "departement": facts["department"].code if facts["department"] else None,
            "region": facts["region"].code if facts["region"] else None,
            "population": facts["population"],
            "taille": size_class(facts["population"]),
        })  # fmt: skip
    guides = [
        {"id": record.id, "titre": record.title, "url": record.url, "resume": _short(record.data.resume),
         "themes": list(record.data.thematiques), "etapes": list(record.data.etapes_projet)}  # fmt: skip
        for record in corpus.guides.values()
    ]
    return {
        "acteurs": actors,
        "experiences": experiences,
        "guides": guides,
        "libelles": {
            "themes": {t.id: t.label for t in vocabularies.get("thematiques")},
            "offres": {t.id: t.label for t in vocabularies.get("offres")},
            "etapes": {t.id: t.label for t in vocabularies.get("etapes-projet")},
            "tailles": {t.id: t.label for t in vocabularies.get("tailles-collectivite")},
        },
        "tailles": [[t.id, t.minimum or 0, t.maximum] for t in vocabularies.get("tailles-collectivite")],
        "departements": {
            d.code: {"nom": d.name, "localisation": d.locative, "region": d.region} for d in ref.departments.values()
        },
        "regions": {r.code: {"nom": r.name, "localisation": r.locative} for r in ref.regions.values()},
    }


def parcours_files(corpus: Corpus) -> dict[str, object]:
    """Every data file of the parcours, by path under the output folder."""
    return {**commune_pieces(corpus), **department_pieces(corpus), "parcours/fiches.json": records_file(corpus)}
