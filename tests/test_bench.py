"""The benchmark's corpus generator stays correct: valid, in proportion, cross-referenced, deterministic.

No timing here: `make bench` measures, tests assert behaviour.
"""

from __future__ import annotations

from bench.corpus import FOLDERS, REQUIRED_PAGES, counts, generate
from territoires.validation import load_corpus

N = 60


def test_generated_corpus_is_valid_and_shaped_like_the_real_one(tmp_path):
    generated = generate(tmp_path / "content", N)
    corpus, problems = load_corpus(tmp_path / "content", render=True)

    assert corpus is not None, "\n".join(p.format() for p in problems.items)
    assert problems.items == []
    assert counts(N) == {"actor": 33, "experience": 21, "guide": 6}
    assert {kind: len(ids) for kind, ids in generated.ids.items()} == counts(N)
    for kind, folder in FOLDERS.items():
        assert sorted(p.stem for p in (tmp_path / "content" / folder).iterdir()) == sorted(generated.ids[kind])
    assert set(corpus.actors) == set(generated.ids["actor"])
    assert set(corpus.experiences) == set(generated.ids["experience"])
    assert set(corpus.guides) == set(generated.ids["guide"])
    assert set(corpus.pages) == set(REQUIRED_PAGES)

    # Experiences cite actors, and what the generator says it wrote is what the records say.
    cited = {e.id: list(e.data.acteurs) for e in corpus.experiences.values() if e.data.acteurs}
    assert len(cited) >= N * 0.35 * 0.3
    assert all(cited[i] == generated.references[i] for i in cited)
    assert all(a in corpus.actors for ids in generated.references.values() for a in ids)

    # Spread over real territories, with coordinates for some records, and guides in sections.
    assert len({e.data.territoire.departement for e in corpus.experiences.values()} - {None}) >= 5
    assert any(e.data.coordonnees for e in corpus.experiences.values())
    assert all(len(g.toc) >= 6 for g in corpus.guides.values())


def test_same_seed_same_bytes(tmp_path):
    first = generate(tmp_path / "a", 20)
    second = generate(tmp_path / "b", 20)
    assert first.ids == second.ids
    for kind, ids in first.ids.items():
        for record_id in ids:
            assert first.path(kind, record_id).read_bytes() == second.path(kind, record_id).read_bytes()
