"""The search index, built with lunr in Python and written in pieces for the browser (shards.py).

The search page fetches `recherche/meta.json` when the visitor starts a search, then only the
pieces of the index that hold the words typed, and the chunks of results it displays.
"""

from __future__ import annotations

import math
from collections import Counter

from lunr.builder import Builder
from lunr.idf import idf as Idf
from lunr.index import Index
from lunr.query import Query
from lunr.vector import Vector

from ..corpus import Corpus
from . import pipeline
from .documents import FACETS, SearchDocument, documents, facet_labels
from .places import place_files
from .shards import CHUNK_SIZE, document_chunks, facet_table, term_pieces

# Index fields and their boosts: a word of the title weighs ten times a word of the body.
FIELDS = (("titre", 10), ("resume", 3), ("mots", 2), ("texte", 1))
PREFIX_BOOST = 0.5  # weight of "words starting with what was typed" against whole words


_NO_METADATA: dict = {}  # no metadata is whitelisted: every posting shares this empty, read-only dict


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
        inverted = self.inverted_index
        for field_name in self._fields:
            terms = fields[field_name]
            field_ref = f"{field_name}/{ref}"  # what str(FieldRef(ref, field)) gives
            # Counter keeps the order in which terms first appear, as lunr's loop does, so terms get
            # the same indexes; each distinct term is then handled once.
            frequencies = Counter(terms)
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(terms)
            for term in frequencies:
                posting = inverted.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    inverted[term] = posting
                posting[field_name][ref] = _NO_METADATA

    def _create_field_vectors(self) -> None:
        """lunr's own BM25 weights (same formula, same rounding), with each vector built sorted at once
        instead of one binary-searched insertion per term: the same vectors, in a fraction of the time."""
        field_vectors = {}
        idf_cache: dict[str, float] = {}
        k1, b = self._k1, self._b
        for field_ref, term_frequencies in self.field_term_frequencies.items():
            field_name, doc_ref = field_ref.split("/", 1)
            length_ratio = self.field_lengths[field_ref] / self.average_field_length[field_name]
            boost = self._fields[field_name].boost * self._documents[doc_ref].get("boost", 1)
            elements = []
            for term, tf in term_frequencies.items():
                posting = self.inverted_index[term]
                if term not in idf_cache:
                    idf_cache[term] = Idf(posting, self.document_count)
                score = idf_cache[term] * ((k1 + 1) * tf) / (k1 * (1 - b + b * length_ratio) + tf)
                score *= boost
                elements.append((posting["_index"], round(score, 3)))
            elements.sort()
            field_vectors[field_ref] = Vector([x for pair in elements for x in pair])
        self.field_vectors = field_vectors


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
    files |= place_files(corpus)
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
        if pipeline.process(token):  # a token the pipeline empties ("|", a stop word) adds nothing
            query.term(token)
    prefix = pipeline.prefix_term(tokens[-1])
    if prefix:
        query.term(prefix, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=PREFIX_BOOST)
    results = [(r["ref"], r["score"]) for r in index.query(query)]
    return sorted(results, key=lambda item: rank_key(numbers[item[0]], item[1]))
