"""The Pelican generator of the site: validated records in, HTML pages out.

Pelican drives it through its public interface: `generate_context()` loads and validates the
corpus (failing with every problem at once), `generate_output(writer)` writes each page of
`pages.site_pages()` with the theme's templates.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import StrictUndefined
from markupsafe import Markup
from pelican.generators import Generator

from .. import places, vocabularies
from ..config import CORPUS_SETTING, SiteConfig
from ..editor import CONFIG_FILE as EDITOR_CONFIG
from ..editor import territory_lists
from ..exports.columns import field_table
from ..exports.package import data_files
from ..history import last_changes, last_commit_date
from ..images import IMAGES_FOLDER, reencode
from ..models import KINDS, record_kinds
from ..parallel import parallel_map
from ..parcours import parcours_files
from ..paths import PROJECT_ROOT, resolved_folder
from ..rendering import Renderer
from ..schemas import SCHEMA_VERSION
from ..search.index import search_files
from ..validation import validated_corpus
from . import views
from .feeds import atom_feed, share_picture, sitemap_xml
from .files import copy_editor_files, copy_vendor_files, write_json, write_text
from .pages import site_pages


class SiteGenerator(Generator):
    """Reads like `Pelican.run()`: the context is made in steps, then the output is written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A typo in a template must fail the build, not print an empty string.
        self.env.undefined = StrictUndefined
        self.config = SiteConfig.from_settings(self.settings)
        self.corpus = None
        self.pages = []
        self.data_files = {}

    def generate_context(self):
        self.corpus = self._validated_corpus()
        build_date = self._date_records()
        self.data_files = data_files(self.corpus, self.config)
        self.pages = site_pages(self.corpus, self.config, self.data_files)
        self._prepare_templates(build_date)
        self.context["corpus"] = self.corpus

    def _validated_corpus(self):
        # `build()` validates before Pelican runs and hands the corpus over; plain `pelican` runs load it here.
        return self.settings.get(CORPUS_SETTING) or validated_corpus(
            Path(self.settings["PATH"]), base_url=self.config.base_url, render=True
        )

    def _date_records(self):
        """Give every record its last change date (from git history); returns the build's "today"."""
        content = Path(self.settings["PATH"])
        changes = last_changes(content, content)
        for record in [*self.corpus.records, *self.corpus.pages.values()]:
            changed = changes.get(resolved_folder(record.path.parent) / record.path.name) if changes else None
            record.updated = changed or getattr(record.data, "reviewed", None)
        verified = [r.data.reviewed for r in self.corpus.records]
        # "Today", for freshness warnings, is the last commit: the same checkout always builds the same site.
        return last_commit_date(content) or (max(verified) if verified else None)

    def _prepare_templates(self, build_date):
        base_url = self.config.base_url
        self.env.globals.update(
            url=lambda path="": f"{base_url}/{path}",
            static=lambda path: f"{base_url}/theme/{path}",
            corpus=self.corpus,
            # imported macros see globals only, not the page context
            BUILD_DATE=build_date,
            REPOSITORY_URL=self.config.repository_url,
            REPOSITORY_BRANCH=self.config.repository_branch,
            ref=self.corpus.territories,
            vocab=vocabularies.get,
            views=views,
            places=places,
            kinds=KINDS,
            record_kinds=record_kinds(),
            field_table=field_table,
            schema_version=SCHEMA_VERSION,
            schema_changelog=Renderer(base_url)
            .render((PROJECT_ROOT / "schemas" / "CHANGELOG.md").read_text(encoding="utf-8"))
            .html,
        )
        self.env.filters.update(
            date_fr=views.date_fr,
            number_fr=views.number_fr,
            label=views.label,
            records=lambda ids: [self.corpus.get(i) for i in ids],
        )
        cards: dict[tuple, str] = {}

        def card(record, heading="h3"):
            # A record's card appears on listings, theme, territory and record pages: rendered once.
            key = (record.kind, record.id, heading)
            if key not in cards:
                cards[key] = macros.card_markup(record, heading)
            return cards[key]

        def page_link(slug, text):
            # A link to an editorial page, or its words alone when the site has no such page.
            if slug not in self.corpus.pages:
                return text
            return Markup('<a href="{}">{}</a>').format(f"{base_url}/{self.corpus.pages[slug].url}", text)

        self.env.globals["page_link"] = page_link
        self.env.globals["card"] = card  # before the macros module is made: its macros look it up then
        macros = self.env.get_template("macros.html").module

    def generate_output(self, writer):
        output = Path(self.output_path)
        copy_vendor_files(output)
        copy_editor_files(output)
        (output / "admin").mkdir(parents=True, exist_ok=True)
        (output / "admin" / "config.yml").write_bytes(EDITOR_CONFIG.read_bytes())
        for name, text in territory_lists(self.corpus.territories).items():
            write_text(output, f"admin/territoires/{name}", text)
        for relative, text in self.data_files.items():
            write_text(output, relative, text)
        write_text(output, "atom.xml", atom_feed(self.corpus, self.config))
        write_text(output, "sitemap.xml", sitemap_xml(self.pages, self.corpus, self.config))
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
        parallel_map(_write_part, tasks, (self, writer), parallel=len(self.pages) >= PARALLEL_PAGES)

    def write_part(self, task: tuple[str, int, int], writer) -> None:
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


def _write_part(shared: tuple, task: tuple[str, int, int]) -> None:
    generator, writer = shared
    generator.write_part(task, writer)
