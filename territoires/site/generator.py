"""The Pelican generator of the site: validated records in, HTML pages out.

Pelican drives it through its public interface: `generate_context()` loads and validates the
corpus (failing with every problem at once), `generate_output(writer)` writes each page of
`pages.site_pages()` with the theme's templates.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from jinja2 import StrictUndefined
from pelican.generators import Generator

from .. import vocabularies
from ..paths import PROJECT_ROOT, resolved_folder
from ..validation import validated_corpus
from ..exports.columns import field_table
from ..history import last_changes, last_commit_date
from ..images import IMAGES_FOLDER, reencode
from ..exports.package import data_files
from ..parcours import parcours_files
from ..rendering import Renderer
from ..schemas import SCHEMA_VERSION
from ..search.index import search_files
from ..models import KINDS
from .. import places
from . import views
from .feeds import atom_feed, share_picture, sitemap_xml
from .files import copy_vendor_files, write_json, write_text
from .pages import site_pages


class SiteGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A typo in a template must fail the build, not print an empty string.
        self.env.undefined = StrictUndefined
        self.corpus = None
        self.pages = []
        self.data_files = {}

    def generate_context(self):
        base_url = self.settings["SITEURL"]
        # `build()` validates before Pelican runs and hands the corpus over; plain `pelican` runs load it here.
        self.corpus = self.settings.get("TERRITOIRES_CORPUS") or validated_corpus(
            Path(self.settings["PATH"]), base_url=base_url, render=True
        )
        content = Path(self.settings["PATH"])
        changes = last_changes(content, content)
        for record in [*self.corpus.records, *self.corpus.pages.values()]:
            changed = changes.get(resolved_folder(record.path.parent) / record.path.name) if changes else None
            record.updated = changed or getattr(record.data, "date_verification", None)
        verified = [r.data.date_verification for r in self.corpus.records]
        # "Today", for freshness warnings, is the last commit: the same checkout always builds the same site.
        build_date = last_commit_date(content) or (max(verified) if verified else None)
        self.data_files = data_files(self.corpus, self.settings)
        self.pages = site_pages(self.corpus, self.settings, self.data_files)
        self.env.globals.update(
            url=lambda path="": f"{base_url}/{path}",
            static=lambda path: f"{base_url}/theme/{path}",
            corpus=self.corpus,
            # imported macros see globals only, not the page context
            BUILD_DATE=build_date,
            REPOSITORY_URL=self.settings["REPOSITORY_URL"],
            REPOSITORY_BRANCH=self.settings["REPOSITORY_BRANCH"],
            ref=self.corpus.territories,
            vocab=vocabularies.get,
            views=views,
            places=places,
            kinds=KINDS,
            field_table=field_table,
            schema_version=SCHEMA_VERSION,
            schema_changelog=Renderer(base_url).render(
                (PROJECT_ROOT / "schemas" / "CHANGELOG.md").read_text(encoding="utf-8")
            ).html,
        )
        self.env.filters.update(
            date_fr=views.date_fr,
            number_fr=views.number_fr,
            label=views.label,
            records=lambda ids: [self.corpus.get(i) for i in ids],
        )
        self.context["corpus"] = self.corpus
        cards: dict[tuple, str] = {}

        def card(record, heading="h3"):
            # A record's card appears on listings, theme, territory and record pages: rendered once.
            key = (record.kind, record.id, heading)
            if key not in cards:
                cards[key] = macros.card_markup(record, heading)
            return cards[key]

        self.env.globals["card"] = card  # before the macros module is made: its macros look it up then
        macros = self.env.get_template("macros.html").module

    def generate_output(self, writer):
        output = Path(self.output_path)
        copy_vendor_files(output)
        for relative, text in self.data_files.items():
            write_text(output, relative, text)
        write_text(output, "atom.xml", atom_feed(self.corpus, self.settings))
        write_text(output, "sitemap.xml", sitemap_xml(self.pages, self.corpus, self.settings))
        (output / "theme" / "img").mkdir(parents=True, exist_ok=True)
        (output / "theme" / "img" / "partage.png").write_bytes(share_picture())
        content = Path(self.settings["PATH"])
        for record in self.corpus.actors.values():
            if record.data.logo:
                target = output / IMAGES_FOLDER / record.data.logo
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(reencode(content / IMAGES_FOLDER / record.data.logo))
        # The rest is independent pieces of work: the search files, the parcours files and the
        # pages by slices. A large site shares them between one process per core.
        tasks = [("search", 0, 0), ("parcours", 0, 0)]
        tasks += [("pages", i, i + PAGES_PER_TASK) for i in range(0, len(self.pages), PAGES_PER_TASK)]
        workers = min(os.cpu_count() or 1, 4)
        if len(self.pages) < PARALLEL_PAGES or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            for task in tasks:
                self._run(task, writer)
            return
        global _RUNNING
        _RUNNING = (self, writer)
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
                list(pool.map(_run_task, tasks))
        finally:
            _RUNNING = None

    def _run(self, task: tuple[str, int, int], writer) -> None:
        name, start, end = task
        output = Path(self.output_path)
        if name == "search":
            for relative, data in search_files(self.corpus).items():
                write_json(output, relative, data)
        elif name == "parcours":
            for relative, text in parcours_files(self.corpus).items():
                write_text(output, relative, text)
        else:
            for page in self.pages[start:end]:
                writer.write_file(
                    page.save_as,
                    self.get_template(page.template),
                    self.context,
                    page_url=page.url,
                    **page.variables,
                )


PARALLEL_PAGES = 400  # pages from which writing is shared between processes
PAGES_PER_TASK = 250
# The generator and writer of the current build, inherited by forked workers (never sent to them).
_RUNNING: tuple | None = None


def _run_task(task: tuple[str, int, int]) -> None:
    generator, writer = _RUNNING
    generator._run(task, writer)
