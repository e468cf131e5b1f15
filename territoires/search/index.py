"""The prebuilt search index: lunr (built in Python) plus what the browser needs to show results.

One file, `recherche/index.json`, fetched by the search page when the visitor starts a search:
the serialised lunr index, the documents (title, URL, summary, facets), the facet labels and the
pipeline settings the browser registers before loading the index.
"""

from __future__ import annotations

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query

from ..corpus import Corpus
from . import pipeline
from .documents import FACETS, SearchDocument, documents, facet_labels

# Index fields and their boosts: a word of the title weighs ten times a word of the body.
FIELDS = (("titre", 10), ("resume", 3), ("mots", 2), ("texte", 1))
PREFIX_BOOST = 0.5  # weight of "words starting with what was typed" against whole words


def build_index(docs: list[SearchDocument]) -> Index:
    builder = Builder()
    builder.ref("id")
    builder.pipeline.add(*pipeline.PIPELINE)
    builder.search_pipeline.add(*pipeline.PIPELINE)
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in docs:
        # Pre-tokenised, so that Python splits words exactly as the browser does.
        builder.add({"id": doc.id, **{name: pipeline.tokenize(doc.fields[name]) for name, _ in FIELDS}})
    return builder.build()


def payload(corpus: Corpus) -> dict:
    docs = documents(corpus)
    settings = pipeline.settings()
    return {
        "version": 1,
        "pipeline": {
            "separateur": settings["separateur"],
            "caracteres_mot": settings["caracteres_mot"],
            "elisions": settings["elisions"],
            "apostrophes": settings["apostrophes"],
            "mots_vides": settings["mots_vides"],
            "bonus_prefixe": PREFIX_BOOST,
        },
        "facettes": {key: label for key, (label, _) in FACETS.items()},
        "libelles": facet_labels(corpus),
        "documents": [d.as_json() for d in docs],
        "index": build_index(docs).serialize(),
    }


def search(index: Index, text: str) -> list[tuple[str, float]]:
    """Ranked (id, score) for a query typed by a visitor; mirrors `search()` in search-core.js.

    Every word is an optional term (more words matched, higher score); the last word also
    matches as a prefix, so that results come as the visitor types. Ties are broken by id.
    """
    tokens = pipeline.tokenize(text)
    if not tokens:
        return []
    query = index.create_query()
    for token in tokens:
        query.term(token)
    prefix = pipeline.prefix_term(tokens[-1])
    if prefix:
        query.term(prefix, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=PREFIX_BOOST)
    results = index.query(query)
    return sorted(((r["ref"], r["score"]) for r in results), key=lambda item: (-item[1], item[0]))
