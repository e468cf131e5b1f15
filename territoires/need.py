"""Clarifying the need: a short guided step for a commune that does not yet know what to ask for.

Four questions, all drawn from the project's vocabularies: what the commune expects from its
inhabitants (the participation levels), where its project stands (the project stages), the means
at hand (time, budget, staff: `moyens.yaml`) and its size. The answers lead to a summary, "Votre
besoin", built from the records themselves: sheets of comparable communes at that level, the
kinds of approach they used, the guides for that stage, the kinds of help to look for.

`need_data()` computes, once at build time, everything the summary draws on, by answer; the
static pages (without JavaScript) and the browser (with it) only assemble it.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from . import vocabularies
from .corpus import Corpus, title_key
from .matching import size_class
from .places import place

EXAMPLES = 3  # example sheets shown per participation level
APPROACHES = 4  # kinds of approach shown


def _sheet(record, ref) -> dict:
    facts = place(record, ref)
    return {"titre": record.title, "url": record.url, "lieu": facts.summary, "population": facts.population}


def _labels(name: str, *fields: str) -> dict:
    return {
        t.id: {"libelle": t.label, "description": t.description, **{f: t.extra.get(f, "") for f in fields}}
        for t in vocabularies.get(name)
    }


@lru_cache(maxsize=1)
def need_data(corpus: Corpus) -> dict:
    """By answer: {"niveaux": {level: {"taille": {size or "*": {"exemples": [ids], "demarches":
    [[approach, count, example id]]}}}}, "etapes": {stage: {"guides": [ids], "offres": [ids]}},
    "moyens": {means: {"groupe", "offres"}}, "fiches": {id: sheet}, "guides": {id: guide}}."""
    ref = corpus.territories
    sizes = [t.id for t in vocabularies.get("tailles-collectivite")]
    experiences = corpus.active("experience")
    facts = {record.id: place(record, ref) for record in experiences}
    size_of = {record.id: size_class(facts[record.id].commune_size) for record in experiences}
    levels: dict[str, dict] = {}
    for level in vocabularies.get("niveaux-participation"):
        at_level = [r for r in experiences if r.data.niveau_participation == level.id]
        by_size: dict[str, dict] = {}
        for size in [*sizes, "*"]:
            chosen = [r for r in at_level if size == "*" or size_of[r.id] == size]
            if not chosen:
                continue
            # Communes of that size first (their own experience), the smallest populations first.
            chosen.sort(key=lambda r: (facts[r.id].population is None, facts[r.id].population or 0, title_key(r.title)))
            approaches = Counter(a for r in chosen for a in r.data.demarches)
            examples = [r.id for r in chosen[:EXAMPLES]]

            def example_of(approach: str, chosen=chosen, examples=examples) -> str:
                # a sheet not already shown as an example of the level, when there is one
                using = [r.id for r in chosen if approach in r.data.demarches]
                return next((i for i in using if i not in examples), using[0])

            by_size[size] = {
                "exemples": examples,
                "demarches": [
                    [approach, count, example_of(approach)]
                    for approach, count in sorted(approaches.items(), key=lambda item: (-item[1], item[0]))[:APPROACHES]
                ],
            }
        levels[level.id] = {"taille": by_size}
    stages = {}
    for stage in vocabularies.get("etapes-projet"):
        guides = [g for g in corpus.active("guide") if stage.id in g.data.etapes_projet]
        stages[stage.id] = {"guides": [g.id for g in guides], "offres": list(stage.extra.get("offres", ()))}
    means = {
        term.id: {"groupe": term.extra.get("groupe", ""), "offres": list(term.extra.get("offres", ()))}
        for term in vocabularies.get("moyens")
    }
    used = {
        i
        for level in levels.values()
        for entry in level["taille"].values()
        for i in entry["exemples"] + [d[2] for d in entry["demarches"]]
    }
    return {
        "niveaux": levels,
        "etapes": stages,
        "moyens": means,
        "fiches": {record.id: _sheet(record, ref) for record in experiences if record.id in used},
        "guides": {g.id: {"titre": g.title, "url": g.url, "resume": g.data.resume} for g in corpus.active("guide")},
        "libelles": {
            "niveaux": _labels("niveaux-participation", "attente"),
            "etapes": _labels("etapes-projet"),
            "moyens": _labels("moyens", "groupe"),
            "offres": _labels("offres"),
            "demarches": _labels("demarches"),
            "tailles": _labels("tailles-collectivite"),
        },
    }


def summary(data: dict, level: str, stage: str | None = None, size: str | None = None, means: list[str] | None = None) -> dict:
    """The "Votre besoin" of a set of answers, from `need_data()`: the same assembly as besoin-page.js."""
    by_size = data["niveaux"][level]["taille"]
    own_size = size in by_size
    entry = by_size.get(size) or by_size.get("*") or {"exemples": [], "demarches": []}
    offers: list[str] = []
    reasons: dict[str, list[str]] = {}
    for source, ids in ([("etape", data["etapes"][stage]["offres"])] if stage else []) + [
        ("moyens", data["moyens"][m]["offres"]) for m in means or [] if m in data["moyens"]
    ]:
        for offer in ids:
            if offer not in offers:
                offers.append(offer)
            reasons.setdefault(offer, []).append(source)
    return {
        "niveau": level,
        "exemples": [data["fiches"][i] | {"id": i} for i in entry["exemples"]],
        "exemples_de_taille": own_size,
        "demarches": [{"id": a, "nombre": n, "exemple": data["fiches"][e] | {"id": e}} for a, n, e in entry["demarches"]],
        "guides": [data["guides"][g] | {"id": g} for g in (data["etapes"][stage]["guides"] if stage else [])],
        "offres": [{"id": o, "raisons": reasons[o]} for o in offers],
    }
