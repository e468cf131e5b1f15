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
from ..parcours import parcours_files
from ..search.index import payload as search_payload
from . import views
from .files import copy_vendor_files, write_json
from .pages import site_pages


class SiteGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A typo in a template must fail the build, not print an empty string.
        self.env.undefined = StrictUndefined
        self.corpus = None
        self.pages = []

    def generate_context(self):
        base_url = self.settings["SITEURL"]
        # `build()` validates before Pelican runs and hands the corpus over; plain `pelican` runs load it here.
        self.corpus = self.settings.get("TERRITOIRES_CORPUS") or validated_corpus(
            Path(self.settings["PATH"]), project_root=PROJECT_ROOT, base_url=base_url
        )
        self.pages = site_pages(self.corpus, self.settings)
        self.env.globals.update(
            url=lambda path="": f"{base_url}/{path}",
            static=lambda path: f"{base_url}/theme/{path}",
            corpus=self.corpus,
            ref=self.corpus.territories,
            vocab=vocabularies.get,
            views=views,
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
        write_json(output, "recherche/index.json", search_payload(self.corpus))
        for relative, data in parcours_files(self.corpus).items():
            write_json(output, relative, data)
        for page in self.pages:
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                page_url=page.url,
                **page.variables,
            )
