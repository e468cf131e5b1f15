"""Every HTML page of the site: where it is written, with which template and which variables.

The generator writes exactly this list; a test can read it without running Pelican.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .. import vocabularies
from ..config import SiteConfig
from ..corpus import Corpus
from ..coverage import coverage_by_department, headline, offer_columns, without_contact
from ..models import KINDS, RECORD_KINDS
from ..need import need_data, summary
from .output import OutputPage, crumbs
from .sections import territory_pages, theme_pages


def record_pages(corpus: Corpus) -> list[OutputPage]:
    pages = []
    for kind in RECORD_KINDS:
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
                        "breadcrumbs": crumbs((KINDS[kind].title_plural, f"{prefix}/")),
                    },
                )
            )
    return pages


def listing_pages(corpus: Corpus, page_size: int) -> list[OutputPage]:
    pages = []
    for kind in RECORD_KINDS:
        prefix = KINDS[kind].url_prefix
        records = corpus.active(kind)
        chunks = [records[i : i + page_size] for i in range(0, len(records), page_size)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            save_as = f"{prefix}/index.html" if number == 1 else f"{prefix}/page/{number}/index.html"
            title = KINDS[kind].title_plural + (f" – page {number}" if number > 1 else "")
            pages.append(
                OutputPage(
                    save_as,
                    "listing",
                    {
                        "kind": kind,
                        "records": chunk,
                        "total": len(records),
                        "archived": corpus.archived(kind) if number == len(chunks) else [],
                        "page_title": title,
                        "page_description": KINDS[kind].intro,
                        "intro": KINDS[kind].intro,
                        "section": kind,
                        "pagination": _pagination(prefix, number, len(chunks)),
                        "breadcrumbs": crumbs() if number == 1 else crumbs((KINDS[kind].title_plural, f"{prefix}/")),
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
                "breadcrumbs": crumbs(),
            },
        )
        for record in corpus.pages.values()
    ]


def tool_pages(config: SiteConfig) -> list[OutputPage]:
    """The three ways in: search, parcours, map (enhanced by JavaScript, usable without)."""
    return [
        OutputPage(
            "recherche/index.html",
            "search",
            {
                "page_title": "Rechercher",
                "page_description": "Chercher un acteur, un retour d'expérience ou un guide, et affiner par thématique,"
                " type de démarche, type d'aide, territoire ou taille de commune.",
                "section": "recherche",
                "breadcrumbs": crumbs(),
            },
        ),
        OutputPage(
            "parcours/index.html",
            "parcours",
            {
                "page_title": "Trouver de l'aide près de chez vous",
                "page_description": "Votre commune et votre sujet : les acteurs qui interviennent sur votre territoire,"
                " ce qu'ont fait des communes comparables et les guides pour s'y prendre.",
                "section": "parcours",
                "breadcrumbs": crumbs(),
            },
        ),
        OutputPage(
            "carte/index.html",
            "map",
            {
                "tile_origin": _origin(config.map_tiles["url"]),
                "page_title": "Carte",
                "page_description": "Les acteurs et les retours d'expérience sur une carte, avec leur liste.",
                "section": "carte",
                "breadcrumbs": crumbs(),
            },
        ),
    ]


def need_pages(corpus: Corpus) -> list[OutputPage]:
    """/parcours/besoin/: the questions that clarify a need. With JavaScript, one form whose
    answers give the summary at once (kept in the address); without, each answer is a link to the
    next question, down to a static summary per participation level and project stage."""
    data = need_data(corpus)
    intro = "Quelques questions pour préciser ce que vous attendez de vos habitants, où en est votre projet et de quels moyens vous disposez."
    base = crumbs(("Trouver de l'aide", "parcours/"))
    pages = [
        OutputPage(
            "parcours/besoin/index.html",
            "need",
            {
                "step": "start",
                "page_title": "Préciser votre besoin",
                "page_description": intro,
                "section": "parcours",
                "breadcrumbs": base,
            },
        )
    ]
    levels = vocabularies.get("niveaux-participation")
    for level in levels:
        pages.append(
            OutputPage(
                f"parcours/besoin/{level.id}/index.html",
                "need",
                {
                    "step": "level",
                    "level": level,
                    "page_title": f"Préciser votre besoin : {level.label.lower()}",
                    "page_description": level.extra.get("attente", level.description),
                    "section": "parcours",
                    "breadcrumbs": base + [("Préciser votre besoin", "parcours/besoin/")],
                },
            )
        )
        for stage in vocabularies.get("etapes-projet"):
            pages.append(
                OutputPage(
                    f"parcours/besoin/{level.id}/{stage.id}/index.html",
                    "need",
                    {
                        "step": "summary",
                        "level": level,
                        "stage": stage,
                        "summary": summary(data, level.id, stage.id),
                        "page_title": f"Votre besoin : {level.label.lower()}, étape « {stage.label.lower()} »",
                        "page_description": level.extra.get("attente", level.description),
                        "section": "parcours",
                        "breadcrumbs": base
                        + [("Préciser votre besoin", "parcours/besoin/"), (level.label, f"parcours/besoin/{level.id}/")],
                    },
                )
            )
    return pages


def coverage_page(corpus: Corpus) -> OutputPage:
    """/couverture/: where local help is known and where it is missing, for partners."""
    rows = coverage_by_department(corpus)
    return OutputPage(
        "couverture/index.html",
        "coverage",
        {
            "rows": rows,
            "figures": headline(rows),
            "offers": offer_columns(),
            "without_contact": without_contact(corpus),
            "actor_count": len(corpus.active("actor")),
            "page_title": "Où l'aide locale manque",
            "page_description": "Par département : les acteurs locaux connus, les retours d'expérience, les petites communes"
            " qu'aucun acteur local ne couvre encore. Pour savoir où proposer une fiche.",
            "section": "couverture",
            "breadcrumbs": crumbs(),
        },
    )


def _origin(url: str) -> str:
    """Scheme and host of a tile URL template, for the map page's Content-Security-Policy."""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}"


def data_page(corpus: Corpus, files: dict[str, str]) -> OutputPage:
    """/donnees/: what each open-data file holds, its size, its fields, its licence."""
    return OutputPage(
        "donnees/index.html",
        "data",
        {
            "files": {path.removeprefix("donnees/"): len(text.encode("utf-8")) for path, text in files.items()},
            "page_title": "Données ouvertes",
            "page_description": "Toutes les fiches en CSV, JSON et GeoJSON, avec leur paquet de données Frictionless"
            " et leurs schémas, sous Licence Ouverte 2.0.",
            "section": "donnees",
            "breadcrumbs": crumbs(),
        },
    )


def site_pages(corpus: Corpus, config: SiteConfig, data_files: dict[str, str]) -> list[OutputPage]:
    """Every HTML page, in a stable order."""
    pages = [
        OutputPage(
            "index.html",
            "home",
            {"page_title": "", "page_description": config.description, "section": "home", "breadcrumbs": []},
        )
    ]
    pages += listing_pages(corpus, config.listing_page_size)
    pages += record_pages(corpus)
    pages += editorial_pages(corpus)
    pages += tool_pages(config)
    pages += need_pages(corpus)
    pages.append(coverage_page(corpus))
    pages.append(
        OutputPage(
            "admin/index.html",
            "admin",
            {"page_title": "Éditeur de fiches", "page_description": "", "section": "admin", "breadcrumbs": []},
        )
    )
    pages.append(data_page(corpus, data_files))
    pages += theme_pages(corpus)
    pages += territory_pages(corpus)
    pages.append(
        OutputPage(
            "plan-du-site/index.html",
            "sitemap_page",
            {
                "page_title": "Plan du site",
                "page_description": "Toutes les pages du site Territoires en commun.",
                "section": "plan-du-site",
                "breadcrumbs": crumbs(),
            },
        )
    )
    pages.append(
        OutputPage(
            "404.html",
            "404",
            {
                "page_title": "Page introuvable",
                "page_description": "Cette page n'existe pas.",
                "section": "404",
                "breadcrumbs": [],
            },
        )
    )
    return pages
