"""The search page in a real browser: French matching, facets, URL state, keyboard, empty states."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations


def result_urls(page) -> list[str]:
    return page.locator("#results .result__title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def search(page, site_url, query: str):
    page.goto(f"{site_url}/recherche/")
    page.locator("#q").fill(query)
    expect(page.locator("#search-status")).to_contain_text("résultat")


def total(page) -> int:
    """The number of results the status line announces."""
    return int(re.search(r"(\d+) résultat", page.locator("#search-status").inner_text()).group(1))


def counted(page):
    """Facets load after the first results, and their counts come once the browser is idle."""
    expect(page.locator("#facets input").first).to_be_attached()
    expect(page.locator("#facets")).not_to_have_attribute("aria-busy", "true")


def test_ecologique_finds_ecological_records(page, site_url, built_site):
    _, corpus = built_site
    search(page, site_url, "ecologique")
    urls = result_urls(page)
    assert "/acteurs/ademe/" in urls  # "Agence de la transition écologique"
    assert page.locator("#results mark", has_text="écologique").count() > 0
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query) == {"q": ["ecologique"]})
    assert page.errors == []


def test_budget_participatif_finds_participatory_budgets(page, site_url, built_site):
    _, corpus = built_site
    expected = {f"/{r.url}" for r in corpus.experiences.values() if "budget-participatif" in r.data.demarches}
    assert len(expected) >= 3
    search(page, site_url, "budgets participatifs")
    assert expected <= set(result_urls(page)[:15])


def test_back_from_a_result_finds_the_query_typed_last(page, site_url):
    search(page, site_url, "budget")
    counted(page)
    page.locator("#q").press_sequentially(" participatif")
    # At once, before the address follows the typing: following a result must still record it.
    link = page.locator("#results .result__title a").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{target}")
    page.go_back()
    page.wait_for_selector("#results .result")
    assert page.input_value("#q") == "budget participatif"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["budget participatif"]}


def test_an_actor_name_puts_the_actor_first(page, site_url):
    search(page, site_url, "décider ensemble")
    assert result_urls(page)[0] == "/acteurs/decider-ensemble/"


def test_facets_narrow_results_update_the_url_and_survive_a_reload(page, site_url, built_site):
    _, corpus = built_site
    search(page, site_url, "participation")
    before = total(page)
    counted(page)
    box = page.locator('#facets input[name="type"][value="experience"]')
    label_count = int(page.locator('label[for="f-type-experience"] .facet__count').inner_text().strip("()"))
    box.check()
    page.wait_for_url("**/recherche/?*type=experience*")
    expect(page.locator("#search-status")).to_contain_text(f"{label_count} résultat")
    assert 0 < label_count < before
    assert page.locator("#results .result").count() == min(label_count, 10)  # one page of results
    assert all(u.startswith("/experiences/") for u in result_urls(page))
    assert "Retour d'expérience" in page.locator("#active-filters").inner_text()
    page.reload()
    page.wait_for_selector("#results .result")
    # Checked with the first results (the counts may come later): nothing else to wait for.
    assert page.locator('#facets input[name="type"][value="experience"]').is_checked()
    assert page.input_value("#q") == "participation"
    assert all(u.startswith("/experiences/") for u in result_urls(page))


def test_filters_alone_browse_the_corpus(page, site_url, built_site):
    _, corpus = built_site
    page.goto(f"{site_url}/recherche/?type=guide")
    page.wait_for_selector("#results .result")
    more = page.locator("#results .results__more button")
    while more.count():
        shown = page.locator("#results .result").count()
        more.click()
        expect(page.locator("#results .result")).not_to_have_count(shown)
    assert sorted(result_urls(page)) == sorted(f"/{r.url}" for r in corpus.guides.values())


def test_no_result_state_helps(page, site_url):
    page.goto(f"{site_url}/recherche/?q=zzzqxw&type=guide")
    expect(page.locator("#search-status")).to_contain_text("Aucun résultat")
    assert page.locator("#search-help").is_visible()
    assert page.locator("#search-help a[href='/parcours/']").count() == 1
    page.get_by_role("button", name="Retirer le filtre Type de fiche : Guide").click()
    page.wait_for_url(lambda url: "type=" not in url)


def test_keyboard_only(page, site_url):
    page.goto(f"{site_url}/recherche/")
    page.keyboard.press("Tab")  # skip link
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.locator("#q").focus()
    page.keyboard.type("tiers-lieu")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results .result")
    counted(page)
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Tab")  # first facet checkbox
    assert page.evaluate("document.activeElement.type") == "checkbox"
    focused = page.evaluate("document.activeElement.id")
    page.keyboard.press("Space")
    page.wait_for_url(lambda url: "type=" in url)
    assert page.locator(f"#{focused}").is_checked()
    expect(page.locator("#active-filters button.chip")).to_have_count(1)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "q"


def test_status_is_announced(page, site_url):
    search(page, site_url, "concertation")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    assert "pour « concertation »" in status.inner_text()


def test_search_files_load_only_when_a_search_starts(page, site_url, built_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}/acteurs/decider-ensemble/")
    page.goto(f"{site_url}/recherche/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "lunr" in u or "/recherche/" in u and u.endswith(".json")]
    page.locator("#q").fill("budget")
    page.wait_for_selector("#results .result")
    fetched = [u for u in requested if "/recherche/" in u and u.endswith(".json")]
    assert any(u.endswith("/recherche/meta.json") for u in fetched)
    assert any("/recherche/termes/" in u for u in fetched) and any("/recherche/fiches/" in u for u in fetched)
    pieces = len(list((built_site[0] / "recherche" / "termes").glob("*.json")))
    assert len([u for u in fetched if "/termes/" in u]) < pieces or pieces == 1  # only the pieces the query needs


def test_without_javascript_the_page_points_to_static_listings(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/recherche/?q=budget")
    assert not page.locator("#search-app").is_visible()
    for href in ("/parcours/", "/thematiques/", "/territoires/", "/acteurs/"):
        assert page.locator(f".browse a[href='{href}']").count() >= 1
    context.close()


def test_search_page_has_no_axe_violation(page, site_url):
    search(page, site_url, "participation")
    page.locator('#facets input[name="type"][value="acteur"]').check()
    assert axe_violations(page) == []
