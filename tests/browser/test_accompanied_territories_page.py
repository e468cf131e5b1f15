"""The ANCT's accompanied territories and the search that knows places, in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, dump


def test_the_import_report_is_published_with_its_summary_and_decisions(page, site_url):
    page.goto(f"{site_url}/donnees/")
    report = page.locator("#rapport-import")
    expect(report.locator("summary")).to_contain_text("230 lignes lues, 217 gardées, 12 fusionnées (doublons), 1 mise de côté")
    report.locator("summary").click()
    decisions = report.locator("li").all_inner_texts()
    assert any(re.search(r"territoires-accompagnes\.csv:40: code et échelon illisibles.*mise de côté", d) for d in decisions)
    assert any("doublon de la ligne 88 (Pyrénées-Atlantiques" in d for d in decisions)
    assert any("n'est pas une intercommunalité mais un pôle d'équilibre territorial et rural" in d for d in decisions)
    assert any("différent du référentiel" in d and "le nom officiel est retenu" in d for d in decisions)
    assert any("période « Sep. 2021-Dec.2022 » lue comme 2021-09 – 2022-12" in d for d in decisions)


def test_a_programme_page_lists_its_territories_by_region_with_a_map(page, site_url):
    page.goto(f"{site_url}/parcours-d-accompagnement/")
    section = page.locator("section.accompanied-section")
    expect(section.locator("h2")).to_contain_text("(19)")
    assert section.locator("svg.department-map path").count() == 101
    shaded = section.locator("svg.department-map path:not(.department-map__shade-0)").count()
    assert shaded == int(re.search(r"dans (\d+) département", section.inner_text()).group(1))
    regions = section.locator("h3").all_inner_texts()
    assert any(r.startswith("Occitanie") for r in regions)
    montaud = section.locator("li", has_text="Montaud")
    expect(montaud).to_contain_text("2021-2025")
    assert montaud.locator("a[href^='/experiences/montaud']").count() >= 1
    total = sum(int(re.search(r"\((\d+)\)", r).group(1)) for r in regions)
    assert total == 19
    assert axe_violations(page) == [], dump(axe_violations(page))


def test_department_page_lists_the_accompanied_territories(page, site_url):
    page.goto(f"{site_url}/territoires/34/")
    section = page.locator("section[aria-labelledby='accompagnes-departement']")
    expect(section.locator("h2")).to_contain_text("Territoires accompagnés par l'ANCT")
    montaud = section.locator("li", has_text="Montaud")
    expect(montaud).to_contain_text("Parcours d'accompagnement")
    expect(montaud).to_contain_text("2021-2025")


def test_parcours_of_a_small_herault_commune_shows_accompanied_peers_with_reasons(page, site_url):
    page.goto(f"{site_url}/parcours/?commune=34012")  # Argelliers, about 1 000 inhabitants
    peers = page.locator("#res-pairs li")
    expect(peers.first).to_be_visible()
    first = peers.first.inner_text()
    assert "Montaud (Hérault)" in first
    assert "même département" in first and "1\u202f014 habitants" in first and "Parcours d'accompagnement 2021-2025" in first
    assert peers.first.locator("a[href^='/experiences/montaud']").count() >= 1
    reasons = [text.split("Pourquoi :")[1] for text in peers.all_inner_texts()]
    departments = ["même département" in r for r in reasons]
    assert departments == sorted(departments, reverse=True)  # the department's peers before the region's
    assert page.locator("#res-pairs-vous").is_hidden()


def test_an_accompanied_commune_is_told_so(page, site_url):
    page.goto(f"{site_url}/parcours/?commune=34164")
    expect(page.locator("#res-pairs-vous")).to_have_text(
        "Votre commune a elle-même été accompagnée par l'ANCT : Parcours d'accompagnement 2021-2025."
    )


def place_cards(page):
    expect(page.locator("#places")).to_be_visible()
    return page.locator("#places .place-card")


def test_herault_puts_the_department_first(page, site_url):
    page.goto(f"{site_url}/recherche/?q=herault")
    cards = place_cards(page)
    expect(cards).to_have_count(1)
    expect(cards.first.locator("h3")).to_have_text("Hérault")
    expect(cards.first).to_contain_text("Département (34)")
    assert cards.first.locator("a[href='/territoires/34/']").count() == 1
    assert cards.first.locator("a[href='/recherche/?departement=34']").count() == 1
    expect(page.locator("#results .result").first).to_be_visible()
    assert page.errors == []


def test_montaud_is_found_as_a_place_with_its_homonym(page, site_url):
    page.goto(f"{site_url}/recherche/?q=Montaud")
    cards = place_cards(page)
    expect(cards).to_have_count(2)
    first = cards.first.inner_text()
    assert "Hérault (34)" in first and "retours d'expérience" in first
    assert cards.first.locator("a[href='/parcours/?commune=34164']").count() == 1
    expect(cards.nth(1)).to_contain_text("Isère (38)")
    assert axe_violations(page) == [], dump(axe_violations(page))


def test_saint_denis_in_two_departments(page, site_url):
    page.goto(f"{site_url}/recherche/")
    page.locator("#q").fill("st denis")
    cards = place_cards(page)
    texts = cards.all_inner_texts()
    assert any("Seine-Saint-Denis (93)" in t for t in texts) and any("La Réunion (974)" in t for t in texts)
    expect(page.locator("#search-status")).to_contain_text("lieux et")
