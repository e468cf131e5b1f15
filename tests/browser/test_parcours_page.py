"""The parcours de recherche in a real browser: commune, subject, results most local first."""

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

LEVEL_ORDER = ["votre commune", "dans l'Hérault", "en Occitanie", "dans toute la France"]


def level_of(reason: str) -> int:
    return next(i for i, words in enumerate(LEVEL_ORDER) if words in reason)


def choose_montaud_herault(page, site_url):
    page.goto(f"{site_url}/parcours/")
    page.locator("#commune-saisie").fill("Montaud")
    expect(page.locator("#commune-suggestions li").first).to_be_visible()
    options = page.locator("#commune-suggestions li").all_inner_texts()
    assert any("Montaud — Hérault (34)" in o for o in options)
    assert any("Montaud — Isère (38)" in o for o in options)  # homonyms told apart by department
    target = next(i for i, o in enumerate(options) if "Hérault (34)" in o)
    for _ in range(target + 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#commune-message")).to_contain_text("Commune choisie : Montaud, Hérault (34)")


def test_parcours_for_montaud_lists_local_actors_first_and_experiences(page, site_url, built_site):
    _, corpus = built_site
    choose_montaud_herault(page, site_url)
    page.locator("label[for='theme-tiers-lieux']").click()
    page.select_option("#aide", "accompagnement")
    page.get_by_role("button", name="Voir les résultats").click()
    expect(page.locator("#parcours-resultats")).to_be_visible()
    assert parse_qs(urlsplit(page.url).query) == {"commune": ["34164"], "themes": ["tiers-lieux"], "aide": ["accompagnement"]}

    # Two lists, each most local first: the actors answering the need, then the others of the territory.
    reasons = page.locator("#res-acteurs .result__why").all_inner_texts()
    levels = [level_of(r) for r in reasons]
    assert levels == sorted(levels), reasons
    assert 3 in levels
    other_levels = [level_of(r) for r in page.locator("#res-autres-acteurs .result__why").all_inner_texts()]
    assert other_levels == sorted(other_levels) and other_levels[0] < 3  # Hérault or Occitanie first
    # every actor listed really covers Montaud: Hérault, Occitanie or the whole country
    listed = page.locator("#res-acteurs .result__title a, #res-autres-acteurs .result__title a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    for href in listed:
        actor = corpus.actors[href.split("/")[2]]
        coverage = actor.data.intervention
        assert coverage.national or "76" in coverage.regions or "34" in coverage.departements or "34164" in coverage.communes, (
            href
        )

    experiences = page.locator("#res-experiences .result__title a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    montaud = [
        f"/{r.url}"
        for r in corpus.experiences.values()
        if r.data.territoire.commune == "34164" and "tiers-lieux" in r.data.thematiques
    ]
    assert montaud and set(montaud) <= set(experiences)
    assert "dans votre commune" in page.locator("#res-experiences").inner_text()
    # every actor listed first answers the need: the theme or the kind of help asked for
    assert all("sur : " in r or "propose : " in r for r in reasons), reasons


def test_actors_off_the_subject_are_listed_apart(page, site_url, built_site):
    _, corpus = built_site
    from territoires.matching import reach

    def works_in_herault(actor):
        r = reach(actor, corpus.territories)
        return r.national or "34" in r.worked_departments

    # no actor of the Hérault on health, and no experience sheet on it yet
    assert not any("sante" in a.data.thematiques and works_in_herault(a) for a in corpus.actors.values())
    assert not any("sante" in e.data.thematiques for e in corpus.experiences.values())
    page.goto(f"{site_url}/parcours/?commune=34164&themes=sante")
    expect(page.locator("#parcours-resultats")).to_be_visible()
    expect(page.locator("#res-acteurs")).to_contain_text("Aucun acteur de votre territoire n'est référencé sur ce sujet")
    others = page.locator("#res-autres-acteurs .result__title a")
    assert others.count() > 0 and page.locator("#autres-acteurs").is_visible()
    assert "Aucun retour d'expérience sur cette thématique" in page.locator("#res-experiences").inner_text()
    expect(page.locator("#parcours-resume")).to_contain_text(f"0 acteur (et {others.count()} autres sur votre territoire)")
    assert page.locator("#res-guides li").count() >= 1
    assert page.errors == []


def test_parcours_state_is_restored_from_the_url(page, site_url):
    page.goto(f"{site_url}/parcours/?commune=34164&themes=dechets,energie&etape=mobilisation")
    expect(page.locator("#parcours-resume")).to_contain_text("Montaud, Hérault (34)")
    assert page.locator("#theme-dechets").is_checked() and page.locator("#theme-energie").is_checked()
    assert page.input_value("#etape") == "mobilisation"
    assert "pour l'étape : Mobilisation" in page.locator("#res-guides").inner_text()


def test_postal_code_suggests_communes(page, site_url):
    page.goto(f"{site_url}/parcours/")
    page.locator("#commune-saisie").fill("34160")
    expect(page.locator("#commune-suggestions")).to_contain_text("Montaud — Hérault (34)")


def test_submitting_without_a_commune_says_what_to_do(page, site_url):
    page.goto(f"{site_url}/parcours/")
    page.get_by_role("button", name="Voir les résultats").click()
    expect(page.locator("#parcours-erreur")).to_have_text("Choisissez d'abord votre commune dans la liste proposée.")
    assert page.evaluate("document.activeElement.id") == "commune-saisie"


def test_overseas_commune(page, site_url):
    page.goto(f"{site_url}/parcours/?commune=97411")
    expect(page.locator("#parcours-resume")).to_contain_text("Saint-Denis, La Réunion (974)")
    assert "à La Réunion" in page.locator("#res-acteurs").inner_text()


def test_without_javascript_departments_are_offered(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/parcours/")
    assert not page.locator("#parcours").is_visible()
    assert page.locator("#parcours-sans-js a[href='/territoires/34/']").is_visible()
    context.close()


def test_parcours_page_has_no_axe_violation(page, site_url):
    choose_montaud_herault(page, site_url)
    page.get_by_role("button", name="Voir les résultats").click()
    expect(page.locator("#parcours-resultats")).to_be_visible()
    assert axe_violations(page) == []
