"""The map in a real browser: markers and list from the same places, filters, popups, no tiles needed."""

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations


def mapped(corpus):
    actors = [r for r in corpus.actors.values() if r.data.siege and r.data.siege.latitude is not None]
    experiences = [r for r in corpus.experiences.values() if r.data.coordonnees]
    return actors, experiences


def test_markers_and_list_show_every_located_record(page, site_url, built_site):
    _, corpus = built_site
    actors, experiences = mapped(corpus)
    page.goto(f"{site_url}/carte/")
    expect(page.locator(".map-marker")).to_have_count(len(actors) + len(experiences))
    assert page.locator("#liste-lieux li:visible").count() == len(actors) + len(experiences)
    assert page.errors == []


def test_filters_act_on_markers_and_list(page, site_url, built_site):
    _, corpus = built_site
    actors, experiences = mapped(corpus)
    page.goto(f"{site_url}/carte/")
    expect(page.locator(".map-marker")).to_have_count(len(actors) + len(experiences))
    page.locator("label[for='carte-acteurs']").click()
    expect(page.locator(".map-marker")).to_have_count(len(experiences))
    assert page.locator("#liste-lieux li:visible").count() == len(experiences)
    theme = experiences[0].data.thematiques[0]
    page.select_option("#carte-theme", theme)
    expected = [r for r in experiences if theme in r.data.thematiques]
    expect(page.locator(".map-marker")).to_have_count(len(expected))
    expect(page.locator("#carte-statut")).to_contain_text(f"{len(expected)} lieu")


def test_a_marker_opens_a_popup_linking_to_the_record(page, site_url):
    page.goto(f"{site_url}/carte/")
    marker = page.locator(".map-marker").first
    marker.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a")
    expect(link).to_be_visible()
    assert link.get_attribute("href").startswith(site_url + "/")
    expect(page.locator(".leaflet-popup-close-button")).to_have_attribute("aria-label", "Fermer la fenêtre")


def test_map_page_has_no_axe_violation(page, site_url):
    page.goto(f"{site_url}/carte/")
    expect(page.locator(".map-marker").first).to_be_visible()
    assert axe_violations(page) == []
