"""Build the whole site with Pelican: validate, then write every page and file to the output folder."""

from __future__ import annotations

import logging
import shutil
import traceback
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.bccache import Bucket, BytecodeCache
from pelican import Pelican
from pelican.log import console

from ..config import CORPUS_SETTING
from ..errors import ProjectError
from ..validation import validated_corpus
from .files import check_vendor_files


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


class TemplateProblem(ProjectError):
    """A theme template that cannot be compiled or rendered."""


def build(settings: dict) -> BuildResult:
    """Run Pelican with `settings`; raises ContentError (with every problem) if the content is
    invalid, a ProjectError for a failure of the project's own files (templates, front-end packages).

    The site is written to a staging folder beside the output and takes its place only once
    complete: whatever fails, the last good site stays in place (the `serve` loop relies on it).
    """
    check_vendor_files()
    output = Path(settings["OUTPUT_PATH"])
    staging = output.with_name(f".{output.name}.construction")
    shutil.rmtree(staging, ignore_errors=True)
    settings = dict(settings)
    settings["OUTPUT_PATH"] = str(staging)
    settings["DELETE_OUTPUT_DIRECTORY"] = False  # a new folder each time
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": _TEMPLATES}
    settings[CORPUS_SETTING] = validated_corpus(Path(settings["PATH"]), base_url=settings["SITEURL"], render=True)
    logging.getLogger("pelican").setLevel(logging.WARNING)
    quiet = console.quiet
    console.quiet = True  # Pelican's own summary counts articles, which we do not use
    try:
        Pelican(settings).run()
    except TemplateError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise TemplateProblem(_template_message(error)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        console.quiet = quiet
    _replace(output, staging)
    return BuildResult(output, sum(1 for _ in output.rglob("*.html")))


def _replace(output: Path, staging: Path) -> None:
    """Put the new site in place of the old one (two renames: the old site is served until then)."""
    previous = output.with_name(f".{output.name}.precedent")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)


def _template_message(error: TemplateError) -> str:
    """ "theme/templates/actor.html, ligne 12 : erreur de gabarit (unexpected '}')"."""
    where = ""
    if isinstance(error, TemplateSyntaxError) and error.name:
        where = f"theme/templates/{error.name}, ligne {error.lineno} : "
    else:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
        if frames:
            where = f"theme/templates/{Path(frames[-1].filename).name}, ligne {frames[-1].lineno} : "
    return f"{where}erreur de gabarit, le site n'a pas été construit ({error.message or type(error).__name__})"
