"""French search: the pipeline, the index in pieces, and the parity with the site's own JavaScript."""

from __future__ import annotations

import gzip
import json
import re
import subprocess

import pytest

from territoires import vocabularies
from territoires.paths import PROJECT_ROOT
from territoires.places import name_key
from territoires.search import pipeline
from territoires.search.documents import documents
from territoires.search.index import build_index, search
from territoires.search.places import find_places


@pytest.fixture(scope="module")
def search_dir(built_site):
    return built_site[0] / "recherche"


@pytest.fixture(scope="module")
def docs(built_site):
    return documents(built_site[1])


@pytest.fixture(scope="module")
def index(docs):
    return build_index(docs)


@pytest.fixture(scope="module")
def numbers(docs):
    return {doc.id: i for i, doc in enumerate(docs)}


def read(folder, name):
    return json.loads((folder / name).read_text(encoding="utf-8"))


def ids(index, numbers, query, limit=None):
    return [ref for ref, _ in search(index, query, numbers)][:limit]


def test_pipeline_folds_elides_and_stems():
    assert pipeline.process("L'Hôpital") == pipeline.process("hopital") == "hopital"
    assert pipeline.process("(l'hôpital)") == "hopital"
    assert pipeline.process("écologique") == pipeline.process("ECOLOGIQUE")
    assert pipeline.process("participatifs") == pipeline.process("participatif")
    assert pipeline.process("budgets") == pipeline.process("budget")
    assert pipeline.process("qu’elles") == pipeline.process("elles") is None  # elided, then a stop word
    assert pipeline.process("«") is None
    assert pipeline.process("2021") == "2021"
    assert pipeline.tokenize("co-construction  budget\u202fparticipatif") == ["co", "construction", "budget", "participatif"]
    assert pipeline.terms("Les budgets participatifs de l'Hérault") == [
        pipeline.process(w) for w in ("budget", "participatif", "hérault")
    ]


def test_accents_case_and_plurals_do_not_matter(index, numbers):
    assert ids(index, numbers, "ecologique") == ids(index, numbers, "écologique") == ids(index, numbers, "ÉCOLOGIQUE")
    assert ids(index, numbers, "ecologique")
    assert ids(index, numbers, "budgets participatifs") == ids(index, numbers, "budget participatif")
    assert ids(index, numbers, "budget participatif")


def test_elision_is_removed_from_queries(index, numbers):
    assert ids(index, numbers, "l'hôpital") == ids(index, numbers, "hôpital") == ids(index, numbers, "hopital")
    assert ids(index, numbers, "l’association") == ids(index, numbers, "association")


def test_an_actor_is_found_by_its_name(index, numbers, built_site):
    _, corpus = built_site
    for record in corpus.actors.values():
        assert record.id in ids(index, numbers, record.title, 3), record.title


def test_results_come_as_the_visitor_types(index, numbers):
    assert set(ids(index, numbers, "particip", 10)) & set(ids(index, numbers, "participatif", 10))
    assert ids(index, numbers, "budg")


def test_the_pieces_hold_every_record_once(search_dir, docs, built_site):
    _, corpus = built_site
    meta = read(search_dir, "meta.json")
    assert meta["documents"] == len(docs) == len(corpus.records)
    rows = [
        row
        for name in sorted(p.name for p in (search_dir / "fiches").glob("*.json"))
        for row in read(search_dir / "fiches", name)
    ]
    assert [row[0] for row in rows] == [doc.id for doc in docs]
    assert sorted(row[0] for row in rows) == sorted(r.id for r in corpus.records)
    starts = [start for start, _ in meta["morceaux"]]
    assert starts == sorted(starts)
    pieces = [read(search_dir / "termes", f"{name}.json") for _, name in meta["morceaux"]]
    terms = [t for piece in pieces for t in piece]
    assert terms == sorted(terms) and len(terms) == len(set(terms))
    indexed = {entry[k] for piece in pieces for entry in piece.values() for k in range(1, len(entry), 3)}
    assert indexed == set(range(len(docs)))


def test_facets_of_an_experience_come_from_the_reference(search_dir, numbers, built_site):
    _, corpus = built_site
    table = read(search_dir, "facettes.json")
    montaud = next(r for r in corpus.experiences.values() if r.data.territoire.commune == "34164")
    n = numbers[montaud.id]
    value = lambda facet: [table["valeurs"][facet][i] for i in table["fiches"][facet][n]]  # noqa: E731
    assert value("departement") == ["34"] and value("region") == ["76"] and value("taille") == ["1000-3500"]


def test_a_query_downloads_little(search_dir):
    """The pieces a query needs stay small, whatever the corpus: the point of cutting the index."""
    sizes = [len(gzip.compress(p.read_bytes(), 9)) for p in (search_dir / "termes").glob("*.json")]
    assert max(sizes) < 40_000
    assert len(gzip.compress((search_dir / "meta.json").read_bytes(), 9)) < 10_000


PLACE_QUERIES = ["herault", "Hérault", "HÉRAULT", "Montaud", "saint denis", "St-Denis", "st denis", "Occitanie", "le mans", "mans",
                 "La Réunion", "CC du Clunisois", "Paris", "Ile de France", "xq", "zzzzzz", "Loire"]  # fmt: skip


def query_set(corpus) -> list[str]:
    queries = [
        "ecologique",
        "budget participatif",
        "budgets participatifs",
        "l'hôpital",
        "tirage au sort",
        "concertation",
        "jeunes",
        "Hérault",
        "déchets",
        "tiers-lieu",
        "café citoyen",
        "particip",
        "budg",
        "co-construction",
        "démocratie ouverte",
        "conseil municipal des jeunes",
        "Réunion",
        "énergie",
        "zzzz",
        "a",
        "2021",  # numbers: an object lists integer-like keys first, the browser must sort them back
        "37",
        "20",
        "caue |",  # a token the pipeline empties adds nothing
        "tiers | lieu",
    ]
    queries += [record.title for record in corpus.records]
    queries += [" ".join(record.title.split()[:2]) for record in corpus.records]
    queries += [record.title.split()[0][:4] for record in corpus.records]
    queries += [term.label for name in ("thematiques", "demarches", "offres") for term in vocabularies.get(name)]
    return sorted(set(queries))


def test_python_and_javascript_rank_identically(tmp_path, search_dir, docs, index, numbers, built_site):
    _, corpus = built_site
    queries = query_set(corpus)
    words = sorted({w for d in docs for field in ("titre", "resume") for w in pipeline.tokenize(d.fields[field])})
    words += ["L'Hôpital", "qu’elle", "ÉCOLOGIQUE", "Œuvre", "ça", "naïveté", "jusqu'au", "«", "2021", "(l'hôpital)"]
    places = PLACE_QUERIES + [record.title for record in corpus.records][:20]
    names = [c.name for c in list(corpus.territories.communes.values())[::50]] + [
        e.name for e in corpus.territories.epcis.values()
    ]
    names += ["St-Denis", "Ste Foy-la-Grande", "L'Haÿ-les-Roses", "Œuilly", "stéphane", "  Le   Mans ", "ÎLE-DE-FRANCE"]
    (tmp_path / "input.json").write_text(
        json.dumps({"queries": queries + PLACE_QUERIES, "words": words, "places": places, "names": names}), encoding="utf-8"
    )
    result = subprocess.run(
        ["node", "tests/js/parity.mjs", str(search_dir), str(tmp_path / "input.json")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        encoding="utf-8",
        timeout=300,
        check=True,
    )
    js = json.loads(result.stdout)
    for word in words:
        assert js["words"][word] == [t for t in [pipeline.process(word)] if t], word
    ids_by_number = [doc.id for doc in docs]
    mismatches = []
    for query in queries:
        python = [(ref, round(score, 9)) for ref, score in search(index, query, numbers)]
        javascript = [(ids_by_number[doc], round(score, 9)) for doc, score in js["results"][query]]
        if python != javascript:
            mismatches.append(query)
    assert len(queries) > 150
    assert mismatches == []
    load = lambda path: read(search_dir, path)  # noqa: E731
    assert {q: find_places(q, load) for q in places} == js["places"]
    assert {name: name_key(name) for name in names} == js["keys"]


def test_search_settings_are_read_from_data():
    settings = pipeline.settings()
    assert "le" in settings["mots_vides"] and "été" not in settings["mots_vides"]
    assert re.compile(settings["separateur"]).split("a-b c") == ["a", "b", "c"]


def test_our_builder_gives_lunr_s_own_index(docs):
    """The faster builder must produce exactly what lunr's Builder produces from the same words."""
    from lunr.builder import Builder

    from territoires.search.index import FIELDS

    ours = build_index(docs)
    builder = Builder()
    builder.ref("id")
    builder.pipeline.add(*pipeline.PIPELINE)
    builder.search_pipeline.add(*pipeline.PIPELINE)
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in docs:
        builder.add({"id": doc.id, **{name: pipeline.tokenize(doc.fields[name]) for name, _ in FIELDS}})
    theirs = builder.build()
    assert ours.fields == theirs.fields
    assert {t: p["_index"] for t, p in ours.inverted_index.items()} == {t: p["_index"] for t, p in theirs.inverted_index.items()}
    assert {t: {f: set(p[f]) for f in ours.fields} for t, p in ours.inverted_index.items()} == {
        t: {f: set(p[f]) for f in theirs.fields} for t, p in theirs.inverted_index.items()
    }
    assert {k: v.elements for k, v in ours.field_vectors.items()} == {k: v.elements for k, v in theirs.field_vectors.items()}


def test_a_place_name_puts_the_place_first(search_dir):
    load = lambda path: read(search_dir, path)  # noqa: E731
    [herault] = find_places("herault", load)
    assert herault[:4] == ["d", "34", "Hérault", "34"]
    assert find_places("HÉRAULT", load) == find_places("Hérault", load) == [herault]
    montaud = find_places("Montaud", load)
    assert [(p[0], p[1], p[3]) for p in montaud] == [("c", "34164", "34"), ("c", "38248", "38")]  # homonyms, by department
    assert montaud[0][5] >= 1 and montaud[0][6] >= 1  # Montaud (34): experience sheets, accompanied by the ANCT
    saint_denis = find_places("st denis", load)
    assert find_places("saint-denis", load) == saint_denis
    assert {p[3] for p in saint_denis} >= {"93", "974"}
    assert find_places("Loire", load)[0][:2] == ["d", "42"]  # the department before any homonymous commune
    assert find_places("zzzzzz", load) == [] and find_places("xq", load) == []


def test_herault_finds_the_actors_that_work_there(index, numbers, built_site):
    _, corpus = built_site
    from territoires.matching import reach

    found = set(ids(index, numbers, "Hérault"))
    working_there = {
        record.id
        for record in corpus.active("actor")
        if not reach(record, corpus.territories).national and "34" in reach(record, corpus.territories).worked_departments
    }
    assert working_there and working_there <= found


def test_the_whole_text_is_searchable(index, numbers, built_site):
    """A word that only appears deep in a sheet (a step, advice, the end of the body) finds it."""
    _, corpus = built_site
    from territoires.search.documents import document

    for record in corpus.experiences.values():
        deep = [*record.data.conseils, *(s.description or "" for s in record.data.etapes)]
        head = " ".join((record.title + " " + record.data.resume).lower().split())
        words = [w for text in deep for w in re.findall(r"[a-zà-ÿ]{9,}", text.lower()) if w not in head]
        if words:
            assert words[-1] in document(record, corpus).fields["texte"].lower()
            assert record.id in ids(index, numbers, words[-1]), (record.id, words[-1])
            return
    pytest.fail("aucune fiche avec un mot propre à ses conseils ou à ses étapes")
