"""Territoires en commun: read, validate and publish the records of this repository.

For reusers who clone the repository, two lines load every record, validated and typed::

    import territoires
    corpus = territoires.load()  # raises territoires.ContentError listing every problem, if any

`corpus.actors`, `corpus.experiences` and `corpus.guides` map ids to records; a record's `data`
is its pydantic model (fields as in schemas/), `body` its Markdown text, `url` its page.
"""

from __future__ import annotations

from pathlib import Path

from .paths import PROJECT_ROOT
from .problems import ContentError, Problem

__all__ = ["ContentError", "Problem", "load"]


def load(content_dir: str | Path | None = None):
    """Every record of `content_dir` (the repository's `content/` by default), validated.

    Returns a `territoires.corpus.Corpus`; raises `ContentError` (its `problems` list every
    mistake with file, line and message) if any record is invalid.
    """
    from .validation import validated_corpus

    folder = Path(content_dir) if content_dir is not None else PROJECT_ROOT / "content"
    return validated_corpus(folder)
