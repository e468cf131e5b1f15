"""Every HTML page of the site: where it is written, with which template and which variables.

The generator writes exactly this list; a test can read it without running Pelican.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..corpus import Corpus
from ..models import KINDS

SECTION_TITLES = {"actor": "Acteurs", "experience": "Retours d'expérience", "guide": "Guides"}
SECTION_INTROS = {
    "actor": "Associations, réseaux, coopératives, organismes publics : les structures qui aident les collectivités"
    " à associer leurs habitants, avec le territoire où elles interviennent et l'aide qu'elles proposent.",
    "experience": "Ce que des communes et des intercommunalités ont fait avec leurs habitants : la démarche, les"
    " étapes, les partenaires, les résultats et ce qu'il faut en retenir.",
    "guide": "Des fiches pratiques pour chaque étape d'un projet participatif : cadrer la démarche, mobiliser,"
    " animer, décider, rendre compte, évaluer.",
}


@dataclass
class OutputPage:
    save_as: str  # path under output/, e.g. "acteurs/decider-ensemble/index.html"
    template: str  # template name without extension
    variables: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Site-relative URL of the page ("acteurs/decider-ensemble/")."""
        return self.save_as.removesuffix("index.html")


def _crumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Accueil", ""), *items]


def record_pages(corpus: Corpus) -> list[OutputPage]:
    pages = []
    for kind in ("actor", "experience", "guide"):
        prefix = KINDS[kind].url_prefix
        for record in corpus.by_kind(kind).values():
            pages.append(
                OutputPage(
                    f"{record.url}index.html",
                    kind,
                    {
                        "record": record,
                        "page_title": record.title,
                        "page_description": record.data.resume,
                        "section": kind,
                        "breadcrumbs": _crumbs((SECTION_TITLES[kind], f"{prefix}/")),
                    },
                )
            )
    return pages


def listing_pages(corpus: Corpus, page_size: int) -> list[OutputPage]:
    pages = []
    for kind in ("actor", "experience", "guide"):
        prefix = KINDS[kind].url_prefix
        records = list(corpus.by_kind(kind).values())
        chunks = [records[i : i + page_size] for i in range(0, len(records), page_size)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            save_as = f"{prefix}/index.html" if number == 1 else f"{prefix}/page/{number}/index.html"
            title = SECTION_TITLES[kind] + (f" – page {number}" if number > 1 else "")
            pages.append(
                OutputPage(
                    save_as,
                    "listing",
                    {
                        "kind": kind,
                        "records": chunk,
                        "total": len(records),
                        "page_title": title,
                        "page_description": SECTION_INTROS[kind],
                        "intro": SECTION_INTROS[kind],
                        "section": kind,
                        "pagination": _pagination(prefix, number, len(chunks)),
                        "breadcrumbs": _crumbs() if number == 1 else _crumbs((SECTION_TITLES[kind], f"{prefix}/")),
                    },
                )
            )
    return pages


def _pagination(prefix: str, number: int, count: int) -> dict | None:
    if count < 2:
        return None

    def url(n: int) -> str:
        return f"{prefix}/" if n == 1 else f"{prefix}/page/{n}/"

    return {
        "number": number,
        "count": count,
        "previous": url(number - 1) if number > 1 else None,
        "next": url(number + 1) if number < count else None,
        "pages": [(n, url(n)) for n in range(1, count + 1)],
    }


def editorial_pages(corpus: Corpus) -> list[OutputPage]:
    return [
        OutputPage(
            f"{record.id}/index.html",
            "page",
            {
                "record": record,
                "page_title": record.data.titre,
                "page_description": record.data.description,
                "section": record.id,
                "breadcrumbs": _crumbs(),
            },
        )
        for record in corpus.pages.values()
    ]


def site_pages(corpus: Corpus, settings: dict) -> list[OutputPage]:
    """Every HTML page, in a stable order."""
    pages = [
        OutputPage(
            "index.html",
            "home",
            {"page_title": "", "page_description": settings["SITE_DESCRIPTION"], "section": "home", "breadcrumbs": []},
        )
    ]
    pages += listing_pages(corpus, settings.get("LISTING_PAGE_SIZE", 60))
    pages += record_pages(corpus)
    pages += editorial_pages(corpus)
    pages.append(
        OutputPage(
            "plan-du-site/index.html",
            "sitemap_page",
            {
                "page_title": "Plan du site",
                "page_description": "Toutes les pages du site Territoires en commun.",
                "section": "plan-du-site",
                "breadcrumbs": _crumbs(),
            },
        )
    )
    pages.append(
        OutputPage(
            "404.html",
            "404",
            {"page_title": "Page introuvable", "page_description": "Cette page n'existe pas.", "section": "404", "breadcrumbs": []},
        )
    )
    return pages
