"""French search, in Python: the pipeline, the index, and the parity with the site's own JavaScript."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from lunr.index import Index

from territoires import vocabularies
from territoires.paths import PROJECT_ROOT
from territoires.search import pipeline
from territoires.search.index import search


@pytest.fixture(scope="module")
def payload(built_site):
    output, _ = built_site
    return json.loads((output / "recherche" / "index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(payload):
    return Index.load(payload["index"])


def ids(index, query, limit=None):
    return [ref for ref, _ in search(index, query)][:limit]


def test_pipeline_folds_elides_and_stems():
    assert pipeline.process("L'Hôpital") == pipeline.process("hopital") == "hopital"
    assert pipeline.process("écologique") == pipeline.process("ECOLOGIQUE")
    assert pipeline.process("participatifs") == pipeline.process("participatif")
    assert pipeline.process("budgets") == pipeline.process("budget")
    assert pipeline.process("qu’elles") == pipeline.process("elles") is None  # elided, then a stop word
    assert pipeline.process("«") is None
    assert pipeline.process("2021") == "2021"
    assert pipeline.tokenize("co-construction  budget\u202fparticipatif") == ["co", "construction", "budget", "participatif"]


def test_accents_case_and_plurals_do_not_matter(index):
    assert ids(index, "ecologique") == ids(index, "écologique") == ids(index, "ÉCOLOGIQUE")
    assert ids(index, "ecologique")
    assert ids(index, "budgets participatifs") == ids(index, "budget participatif")
    assert ids(index, "budget participatif")


def test_elision_is_removed_from_queries(index, built_site):
    _, corpus = built_site
    # "l'hôpital" finds what "hôpital" finds, whatever the corpus holds
    assert ids(index, "l'hôpital") == ids(index, "hôpital") == ids(index, "hopital")
    assert ids(index, "l’association") == ids(index, "association")


def test_an_actor_is_found_by_its_name(index, built_site):
    _, corpus = built_site
    for record in corpus.actors.values():
        assert record.id in ids(index, record.title, 3), record.title


def test_results_come_as_the_visitor_types(index):
    assert set(ids(index, "particip", 10)) & set(ids(index, "participatif", 10))
    assert ids(index, "budg")


def test_every_record_is_in_the_index_once(payload, built_site):
    _, corpus = built_site
    docs = [d["id"] for d in payload["documents"]]
    assert sorted(docs) == sorted(r.id for r in corpus.records)
    assert len(docs) == len(set(docs))
    assert sorted(payload["index"]["fieldVectors"][i][0].split("/")[1] for i in range(0, len(payload["index"]["fieldVectors"]), 4)) == sorted(docs)


def test_facets_of_an_experience_come_from_the_reference(payload, built_site):
    _, corpus = built_site
    montaud = next(d for d in payload["documents"] if d["type"] == "experience" and "34164" == corpus.experiences[d["id"]].data.territoire.commune)
    assert montaud["facettes"]["departement"] == ["34"]
    assert montaud["facettes"]["region"] == ["76"]
    assert montaud["facettes"]["taille"] == ["1000-3500"]


def query_set(corpus) -> list[str]:
    queries = ["ecologique", "budget participatif", "budgets participatifs", "l'hôpital", "tirage au sort",
               "concertation", "jeunes", "Hérault", "déchets", "tiers-lieu", "café citoyen", "particip", "budg",
               "co-construction", "démocratie ouverte", "conseil municipal des jeunes", "Réunion", "énergie"]  # fmt: skip
    queries += [record.title for record in corpus.records]
    queries += [" ".join(record.title.split()[:2]) for record in corpus.records]
    queries += [term.label for name in ("thematiques", "demarches", "offres") for term in vocabularies.get(name)]
    return sorted(set(queries))


def test_python_and_javascript_rank_identically(tmp_path, payload, index, built_site):
    output, corpus = built_site
    queries = query_set(corpus)
    words = sorted({w for d in payload["documents"] for field in ("titre", "resume") for w in pipeline.tokenize(d[field])})
    words += ["L'Hôpital", "qu’elle", "ÉCOLOGIQUE", "Œuvre", "ça", "naïveté", "jusqu'au", "«", "2021"]
    (tmp_path / "input.json").write_text(json.dumps({"queries": queries, "words": words}), encoding="utf-8")
    result = subprocess.run(
        ["node", "tests/js/parity.mjs", str(output / "recherche" / "index.json"), str(tmp_path / "input.json")],
        cwd=PROJECT_ROOT, capture_output=True, encoding="utf-8", timeout=120, check=True,
    )  # fmt: skip
    js = json.loads(result.stdout)
    for word in words:
        python_terms = [t for t in [pipeline.process(w) for w in [word]] if t]
        assert js["words"][word] == python_terms, word
    mismatches = []
    for query in queries:
        python = [(ref, round(score, 9)) for ref, score in search(index, query)]
        javascript = [(ref, round(score, 9)) for ref, score in js["results"][query]]
        if python != javascript:
            mismatches.append(query)
    assert len(queries) > 100
    assert mismatches == []


def test_search_settings_are_read_from_data():
    settings = pipeline.settings()
    assert "le" in settings["mots_vides"] and "été" not in settings["mots_vides"]
    assert re.compile(settings["separateur"]).split("a-b c") == ["a", "b", "c"]
