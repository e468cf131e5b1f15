"""The search index, built with lunr in Python and written in pieces for the browser (shards.py).

The search page fetches `recherche/meta.json` when the visitor starts a search, then only the
pieces of the index that hold the words typed, and the chunks of results it displays.
"""

from __future__ import annotations

import math
from collections import defaultdict

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query

from ..corpus import Corpus
from . import pipeline
from .documents import FACETS, SearchDocument, documents, facet_labels
from .shards import CHUNK_SIZE, document_chunks, facet_table, term_pieces

# Index fields and their boosts: a word of the title weighs ten times a word of the body.
FIELDS = (("titre", 10), ("resume", 3), ("mots", 2), ("texte", 1))
PREFIX_BOOST = 0.5  # weight of "words starting with what was typed" against whole words


class _TermsBuilder(Builder):
    """lunr's Builder, fed with terms that already went through the pipeline.

    lunr.py runs its pipeline token by token through Token objects; with thousands of records
    that is most of the build. Each distinct word is processed once instead (`pipeline.process`
    is cached), and `add` receives the resulting terms. Everything else, from the BM25 weights
    to the token set, is lunr's own `build()`.
    """

    def add_terms(self, ref: str, fields: dict[str, list[str]]) -> None:
        self._documents[ref] = {}
        self.document_count += 1
        for field_name in self._fields:
            terms = fields[field_name]
            field_ref = f"{field_name}/{ref}"  # what str(FieldRef(ref, field)) gives
            field_terms: dict[str, int] = defaultdict(int)
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                field_terms[term] += 1
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                if ref not in posting[field_name]:
                    posting[field_name][ref] = defaultdict(list)


def build_index(docs: list[SearchDocument]) -> Index:
    builder = _TermsBuilder()
    builder.ref("id")
    builder.search_pipeline.add(*pipeline.PIPELINE)
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in docs:
        builder.add_terms(doc.id, {name: pipeline.terms(doc.fields[name]) for name, _ in FIELDS})
    return builder.build()


def search_files(corpus: Corpus) -> dict[str, object]:
    """Every file of /recherche/: the meta file, the term pieces, the result chunks, the facets."""
    docs = documents(corpus)
    index = build_index(docs)
    starts, pieces = term_pieces(index, docs)
    settings = pipeline.settings()
    meta = {
        "version": 2,
        "champs": [name for name, _ in FIELDS],
        "pipeline": list(pipeline.LABELS),
        "reglages": {
            "separateur": settings["separateur"],
            "caracteres_mot": settings["caracteres_mot"],
            "elisions": settings["elisions"],
            "apostrophes": settings["apostrophes"],
            "mots_vides": settings["mots_vides"],
            "bonus_prefixe": PREFIX_BOOST,
        },
        "documents": len(docs),
        "fiches_par_morceau": CHUNK_SIZE,
        "morceaux": starts,
        "facettes": {key: label for key, (label, _) in FACETS.items()},
        "libelles": facet_labels(corpus),
    }
    files: dict[str, object] = {"recherche/meta.json": meta, "recherche/facettes.json": facet_table(docs)}
    files |= {f"recherche/termes/{name}.json": piece for name, piece in pieces.items()}
    files |= {f"recherche/fiches/{name}.json": chunk for name, chunk in document_chunks(docs).items()}
    return files


def rank_key(number: int, score: float) -> tuple[int, int]:
    """Score rounded (so that Python and JavaScript agree on ties), then document number."""
    return (-math.floor(score * 1e10 + 0.5), number)


def search(index: Index, text: str, numbers: dict[str, int]) -> list[tuple[str, float]]:
    """Ranked (id, score) for a query typed by a visitor, with lunr.py's own query engine.

    `search()` in search-core.js does the same on the index pieces: every word is an optional term
    (more words matched, higher score); the last word also matches as a prefix, so that results
    come as the visitor types. `numbers` gives each id its document number, for ties.
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
    results = [(r["ref"], r["score"]) for r in index.query(query)]
    return sorted(results, key=lambda item: rank_key(numbers[item[0]], item[1]))
