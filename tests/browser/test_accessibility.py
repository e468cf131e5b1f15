"""axe-core finds no violation on any page type, and every page works with the keyboard alone."""

import pytest

from territoires.config import SiteConfig
from territoires.exports.package import data_files
from territoires.site.build import build
from territoires.site.pages import site_pages
from territoires.site.serve import start_server
from territoires.site.settings import load_settings
from tests.browser.conftest import axe_violations
from tests.conftest import ACTOR, minimal_tree, write
from tests.helpers import free_port, png

PAGE_TYPES = {
    "accueil": "/",
    "liste des acteurs": "/acteurs/",
    "liste des retours d'expérience": "/experiences/",
    "liste des guides": "/guides/",
    "acteur": "/acteurs/anct/",
    "retour d'expérience": "/experiences/montaud-cafe-citoyen/",
    "guide": "/guides/{guide}/",
    "page éditoriale": "/accessibilite/",
    "page éditoriale (contribuer)": "/contribuer/",
    "données ouvertes": "/donnees/",
    "thématiques": "/thematiques/",
    "thématique": "/thematiques/vie-democratique/",
    "territoires": "/territoires/",
    "région": "/territoires/regions/76/",
    "département": "/territoires/34/",
    "plan du site": "/plan-du-site/",
    "couverture": "/couverture/",
    "préciser son besoin (sans JavaScript : une étape)": "/parcours/besoin/concertation/",
    "préciser son besoin (sans JavaScript : le résumé)": "/parcours/besoin/concertation/cadrage/",
    "page introuvable": "/404.html",
}


@pytest.fixture(scope="module")
def first_guide(built_site):
    return next(iter(built_site[1].guides))


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_axe_violation(page, site_url, first_guide, name):
    page.goto(site_url + PAGE_TYPES[name].format(guide=first_guide))
    assert axe_violations(page) == []
    assert page.errors == []


# Pages whose axe test needs an interaction first (results shown), in their own files.
TESTED_ELSEWHERE = {
    "/recherche/": "test_search_page.py::test_search_page_has_no_axe_violation",
    "/parcours/": "test_parcours_page.py::test_parcours_page_has_no_axe_violation",
    "/carte/": "test_map_page.py::test_map_page_has_no_axe_violation",
    "/parcours/besoin/": "test_need_page.py::test_need_page_has_no_axe_violation",
    "/admin/": "test_editor.py::test_editor_page_has_no_axe_violation",
}


def test_every_template_is_checked_by_axe(built_site, first_guide):
    """A new kind of page cannot slip in without its axe test."""
    _, corpus = built_site
    config = SiteConfig.from_settings(load_settings())
    pages = site_pages(corpus, config, data_files(corpus, config))
    checked = {url.format(guide=first_guide).strip("/") for url in [*PAGE_TYPES.values(), *TESTED_ELSEWHERE]}
    by_template: dict[str, set[str]] = {}
    for output_page in pages:
        by_template.setdefault(output_page.template, set()).add(output_page.save_as.removesuffix("index.html").strip("/"))
    unchecked = sorted(t for t, urls in by_template.items() if not urls & (checked | {"404.html"}))
    assert unchecked == []


@pytest.fixture(scope="module")
def fixture_site_url(tmp_path_factory):
    """States the real content does not have yet: several listing pages, an archived record, a logo."""
    archived = ACTOR.replace(
        "date_verification: 2026-01-15",
        "date_verification: 2026-01-15\narchive:\n  date: 2026-02-01\n  motif: L'association a cessé son activité.",
    )
    files = minimal_tree() | {
        "actors/ancienne-association.md": archived.replace("Association exemple", "Ancienne association"),
        "actors/avec-logo.md": ACTOR.replace("offres:", "logo: logo.png\noffres:").replace(
            "Association exemple", "Association avec logo"
        ),
        "actors/troisieme.md": ACTOR.replace("Association exemple", "Troisième association"),
    }
    root = tmp_path_factory.mktemp("pagination")
    write(root, {"images/logo.png": png()})
    content = write(root, files)
    output = root / "output"
    build(load_settings({"PATH": str(content), "OUTPUT_PATH": str(output), "LISTING_PAGE_SIZE": 1}))
    server = start_server(output, "127.0.0.1", free_port())
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    "path", ["/acteurs/", "/acteurs/page/2/", "/acteurs/page/3/", "/acteurs/ancienne-association/", "/acteurs/avec-logo/"]
)
def test_no_axe_violation_on_states_of_the_fixture_site(page, fixture_site_url, path):
    response = page.goto(fixture_site_url + path)
    assert response.status == 200
    assert axe_violations(page) == []
    assert page.errors == []


def test_skip_link_and_visible_focus(page, site_url):
    page.goto(f"{site_url}/acteurs/anct/")
    page.keyboard.press("Tab")
    link = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert link.is_visible()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
