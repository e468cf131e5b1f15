"""Build the whole site with Pelican: validate, then write every page and file to the output folder."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from pelican import Pelican
from pelican.log import console

from ..config import CORPUS_SETTING
from ..validation import validated_corpus


@dataclass
class BuildResult:
    output: Path
    pages: int  # HTML pages written


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory: the `serve` loop rebuilds without recompiling the theme
    (Pelican makes a new Jinja environment for every build)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _MemoryBytecodeCache()


def build(settings: dict) -> BuildResult:
    """Run Pelican with `settings`; raises ContentError (with every problem) if the content is invalid.

    The content is validated before Pelican starts, because Pelican empties the output folder
    first: a failed validation must leave the last good site in place (the `serve` loop relies on it).
    """
    settings = dict(settings)
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": _TEMPLATES}
    settings[CORPUS_SETTING] = validated_corpus(Path(settings["PATH"]), base_url=settings["SITEURL"], render=True)
    logging.getLogger("pelican").setLevel(logging.WARNING)
    quiet = console.quiet
    console.quiet = True  # Pelican's own summary counts articles, which we do not use
    try:
        Pelican(settings).run()
    finally:
        console.quiet = quiet
    output = Path(settings["OUTPUT_PATH"])
    return BuildResult(output, sum(1 for _ in output.rglob("*.html")))
