"""The search index cut into small files, so that a query downloads only what it needs.

The index is built by lunr (Python) exactly as before; it is then written as:

- `recherche/meta.json`: fields, pipeline, facet labels, and where each piece starts;
- `recherche/termes/tNNN.json`: pieces of the term dictionary, in term order. For each term, its
  index in lunr's vector space and its postings: (document, field, weight), the weight being
  lunr's own BM25 score of the term in that field (what lunr keeps in its field vectors);
- `recherche/fiches/fNNN.json`: what results show (title, URL, summary, place), by document number;
- `recherche/facettes.json`: the facet values of every document, for counts and filters.

search-core.js scores a query with lunr's own formula over these pieces (query vector per field,
cosine against the document's field vector), so its ranking is lunr's: the parity test compares it
with lunr.py's `Index.query`. A query fetches the meta file, the pieces holding its terms and the
result chunks it displays — not the whole index.
"""

from __future__ import annotations

from collections import defaultdict

from lunr.index import Index

from .documents import FACETS, SearchDocument

PIECE_POSTINGS = 3000  # postings per term piece: about 10 kB compressed
CHUNK_SIZE = 25  # documents per result chunk


def term_pieces(index: Index, docs: list[SearchDocument]) -> tuple[list[list], dict[str, dict]]:
    """(starts, pieces): `starts` lists [first term, file name]; each piece maps term -> [term index, d, f, w, …]."""
    fields = list(index.fields)
    number = {doc.id: i for i, doc in enumerate(docs)}
    postings: dict[int, list] = defaultdict(list)
    for field_ref, vector in index.field_vectors.items():
        field, ref = field_ref.split("/", 1)
        f, d = fields.index(field), number[ref]
        elements = vector.elements
        for k in range(0, len(elements), 2):
            postings[elements[k]].append((d, f, elements[k + 1]))
    starts, pieces = [], {}
    current: dict = {}
    size = 0
    for term in sorted(index.inverted_index):
        term_index = index.inverted_index[term]["_index"]
        flat = [term_index]
        for d, f, w in sorted(postings[term_index]):
            flat += [d, f, w]
        if not current:
            starts.append([term, f"t{len(starts):03d}"])
        current[term] = flat
        size += len(flat) // 3
        if size >= PIECE_POSTINGS:
            pieces[starts[-1][1]] = current
            current, size = {}, 0
    if current:
        pieces[starts[-1][1]] = current
    return starts, pieces


def document_chunks(docs: list[SearchDocument]) -> dict[str, list]:
    chunks = {}
    for start in range(0, len(docs), CHUNK_SIZE):
        rows = []
        for doc in docs[start : start + CHUNK_SIZE]:
            row = [doc.id, doc.kind, doc.title, doc.url, doc.summary, doc.place]
            if doc.archived:
                row.append(1)
            rows.append(row)
        chunks[f"f{start // CHUNK_SIZE:03d}"] = rows
    return chunks


def facet_table(docs: list[SearchDocument]) -> dict:
    """For each facet, the values met and, for each document, the numbers of its values."""
    table: dict = {"valeurs": {}, "fiches": {}}
    for facet in FACETS:
        values = sorted({v for doc in docs for v in doc.facets.get(facet, [])})
        position = {v: i for i, v in enumerate(values)}
        table["valeurs"][facet] = values
        table["fiches"][facet] = [[position[v] for v in doc.facets.get(facet, [])] for doc in docs]
    table["partout"] = [i for i, doc in enumerate(docs) if doc.everywhere]
    return table
