"""Clarifying the need (/parcours/besoin/): the questions, the summary, its address, without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from territoires import vocabularies
from tests.browser.conftest import axe_violations, dump


def answer(page, site_url):
    page.goto(f"{site_url}/parcours/besoin/")
    page.check("#attente-co-construction")
    page.check("#etape-diagnostic")
    page.check("#moyen-budget-aucun")
    page.check("#moyen-equipe-elus")
    page.check("#taille-moins-1000")
    page.click("#besoin button[type=submit]")
    expect(page.locator("#titre-besoin")).to_be_visible()


def test_the_questions_lead_to_a_summary_with_its_reasons(page, site_url, built_site):
    _, corpus = built_site
    answer(page, site_url)
    summary = page.locator("#votre-besoin")
    text = summary.inner_text()
    level = vocabularies.get("niveaux-participation")["co-construction"]
    assert level.extra["attente"] in text and "Co-construction" in text
    assert "Pas de budget dédié ; Les élus seuls" in text and "Moins de 1 000 habitants" in text
    # examples: real sheets at that level, from communes of that size
    examples = summary.locator('h3:has-text("Des communes qui l\'ont fait") + ul li')
    assert examples.count() >= 1
    for href in examples.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        record = corpus.experiences[href.strip("/").split("/")[-1]]
        assert record.data.niveau_participation == "co-construction"
        assert corpus.territories.communes[record.data.territoire.commune].population < 1000
    assert "commune de votre taille" in examples.first.inner_text()
    # guides of the chosen stage, and the kinds of help with why
    guides = summary.locator("h3:has-text('diagnostic') + ul a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert guides and all("diagnostic" in corpus.guides[g.strip("/").split("/")[-1]].data.etapes_projet for g in guides)
    help_items = summary.locator('h3:has-text("L\'aide à chercher") + ul li').all_inner_texts()
    assert any("Conseil et orientation" in item and "adaptée à vos moyens" in item for item in help_items)
    assert any("pour l'étape où vous en êtes" in item for item in help_items)
    link = summary.locator("a:has-text('Trouver ces acteurs près de chez vous')").get_attribute("href")
    assert parse_qs(urlsplit(link).query)["etape"] == ["diagnostic"]
    assert page.errors == []


def test_the_address_reproduces_the_summary(page, browser, site_url):
    answer(page, site_url)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {
        "attente": ["co-construction"],
        "etape": ["diagnostic"],
        "budget": ["budget-aucun"],
        "equipe": ["equipe-elus"],
        "taille": ["moins-1000"],
    }
    shared = browser.new_page()
    shared.goto(page.url)
    expect(shared.locator("#titre-besoin")).to_be_visible()
    assert shared.locator("#votre-besoin").inner_text() == page.locator("#votre-besoin").inner_text()
    assert shared.locator("#moyen-budget-aucun").is_checked()
    shared.close()


def test_the_first_question_is_required(page, site_url):
    page.goto(f"{site_url}/parcours/besoin/")
    page.evaluate("document.getElementById('besoin').noValidate = true")
    page.click("#besoin button[type=submit]")
    expect(page.locator("#besoin-erreur")).to_contain_text("Choisissez d'abord ce que vous attendez de vos habitants")
    assert page.locator("#votre-besoin").is_hidden()


def test_without_javascript_the_questions_are_links_to_static_pages(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/parcours/besoin/")
    assert page.locator("#besoin").is_hidden()
    page.get_by_role("link", name=vocabularies.get("niveaux-participation")["concertation"].extra["attente"]).click()
    page.get_by_role("link", name="Cadrage et règles du jeu").click()
    assert page.url.endswith("/parcours/besoin/concertation/cadrage/")
    text = page.locator(".need-summary").inner_text()
    assert "Votre besoin" in text and "Concertation" in text and "Les guides pour l'étape « cadrage et règles du jeu »" in text
    context.close()


def test_need_page_has_no_axe_violation(page, site_url):
    answer(page, site_url)
    assert axe_violations(page) == [], dump(axe_violations(page))


def test_static_and_dynamic_summaries_agree(page, site_url):
    """The static summary (Python) and the one the browser assembles give the same links."""
    links = "links => links.map(a => a.getAttribute('href'))"
    page.goto(f"{site_url}/parcours/besoin/consultation/evaluation/")
    static = page.locator(".need-summary a").evaluate_all(links)
    page.goto(f"{site_url}/parcours/besoin/?attente=consultation&etape=evaluation")
    expect(page.locator("#titre-besoin")).to_be_visible()
    dynamic = page.locator("#votre-besoin .need-summary a").evaluate_all(links)
    assert static and dynamic[: len(static)] == static
