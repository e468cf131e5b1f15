"""The Pelican generator of the site: validated records in, HTML pages out.

Pelican drives it through its public interface: `generate_context()` loads and validates the
corpus (failing with every problem at once), `generate_output(writer)` writes each page of
`pages.site_pages()` with the theme's templates.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import StrictUndefined
from pelican.generators import Generator

from .. import vocabularies
from ..paths import PROJECT_ROOT
from ..validation import validated_corpus
from ..exports.columns import field_table
from ..history import last_changes, last_commit_date
from ..images import IMAGES_FOLDER, reencode
from ..exports.package import data_files
from ..parcours import parcours_files
from ..rendering import Renderer
from ..schemas import SCHEMA_VERSION
from ..search.index import search_files
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
            record.updated = changes.get(record.path.resolve()) or getattr(record.data, "date_verification", None)
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

    def generate_output(self, writer):
        output = Path(self.output_path)
        copy_vendor_files(output)
        for relative, data in search_files(self.corpus).items():
            write_json(output, relative, data)
        for relative, data in parcours_files(self.corpus).items():
            write_json(output, relative, data)
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
        for page in self.pages:
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                page_url=page.url,
                **page.variables,
            )
