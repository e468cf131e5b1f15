"""axe-core finds no violation on any page type, and every page works with the keyboard alone."""

import pytest

from tests.browser.conftest import axe_violations

PAGE_TYPES = {
    "accueil": "/",
    "liste des acteurs": "/acteurs/",
    "acteur": "/acteurs/anct/",
    "retour d'expérience": "/experiences/montaud-cafe-citoyen/",
    "guide": "/guides/{guide}/",
    "page éditoriale": "/accessibilite/",
    "thématiques": "/thematiques/",
    "thématique": "/thematiques/vie-democratique/",
    "territoires": "/territoires/",
    "région": "/territoires/regions/76/",
    "département": "/territoires/34/",
    "plan du site": "/plan-du-site/",
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
