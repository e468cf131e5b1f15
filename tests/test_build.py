"""End-to-end builds with Pelican: a small fixture tree, then the real content."""

from __future__ import annotations

import re
from html import unescape

import pytest

from territoires.corpus import title_key
from territoires.problems import ContentError
from territoires.site.build import build
from territoires.site.settings import load_settings
from tests.conftest import ACTOR, minimal_tree, write
from tests.helpers import site_html
from tests.sitecheck import broken_links, parse_page, search_records


def build_tree(tmp_path, files, siteurl=""):
    content = write(tmp_path, files)
    output = tmp_path / "output"
    build(load_settings({"PATH": str(content), "OUTPUT_PATH": str(output), "SITEURL": siteurl}))
    return output


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    return build_tree(tmp_path_factory.mktemp("site"), minimal_tree())


def read(output, path):
    return (output / path).read_text(encoding="utf-8")


def test_every_record_has_its_page(fixture_site):
    for path in (
        "index.html",
        "acteurs/index.html",
        "experiences/index.html",
        "guides/index.html",
        "acteurs/association-exemple/index.html",
        "experiences/cafe-citoyen/index.html",
        "guides/tirage-au-sort/index.html",
        "a-propos/index.html",
        "plan-du-site/index.html",
        "404.html",
        "theme/css/site.css",
    ):
        assert (fixture_site / path).is_file(), path


def test_pages_are_french_and_accessible_by_construction(fixture_site):
    for page in site_html(fixture_site):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="fr">' in html
        assert '<a class="skip-link" href="#contenu">Aller au contenu</a>' in html
        assert '<main id="contenu"' in html
        assert len(re.findall(r"<h1[ >]", html)) == 1, page
        assert "Accessibilité : non conforme" in html
        assert 'http-equiv="Content-Security-Policy"' in html
        collector = parse_page(page)
        assert collector.scripts_inline == 0 and collector.handlers == []


def test_actor_page_shows_facts_and_backlinks(fixture_site):
    html = read(fixture_site, "acteurs/association-exemple/index.html")
    assert "<h1>Association exemple</h1>" in html
    assert "Hérault (34)" in html
    assert "Accompagnement de projet" in html
    assert 'href="/experiences/cafe-citoyen/"' in html
    assert 'href="/guides/tirage-au-sort/"' in html
    assert "informations vérifiées le 15 janvier 2026." in html
    assert '<nav class="breadcrumbs wrap" aria-label="Fil d\'Ariane">' in html


def test_experience_page_shows_territory_from_the_reference(fixture_site):
    html = read(fixture_site, "experiences/cafe-citoyen/index.html")
    assert 'Montaud <span class="code">(code INSEE 34164)</span>' in html
    assert "Hérault (34)" in html and "Occitanie" in html
    assert "habitants" in html and "Depuis 2021 (en cours)" in html
    assert 'aria-current="step">Co-construction</li>' in html
    assert 'href="/acteurs/association-exemple/"' in html


def test_guide_page_has_a_table_of_contents(fixture_site):
    html = read(fixture_site, "guides/tirage-au-sort/index.html")
    assert '<a href="#pourquoi-tirer-au-sort">Pourquoi tirer au sort</a>' in html
    assert '<h2 id="pourquoi-tirer-au-sort">' in html
    assert "Licence Ouverte 2.0 (Etalab)" in html


def test_no_broken_internal_link(fixture_site):
    assert broken_links(fixture_site) == []


def test_text_is_escaped(tmp_path):
    files = minimal_tree() | {
        "actors/association-exemple.md": ACTOR.replace("nom: Association exemple", 'nom: "<b>Asso</b> & co"')
    }
    output = build_tree(tmp_path, files)
    html = read(output, "acteurs/association-exemple/index.html")
    assert "<h1>&lt;b&gt;Asso&lt;/b&gt; &amp; co</h1>" in html
    assert "<b>Asso" not in html


def test_site_under_a_sub_path(tmp_path):
    output = build_tree(tmp_path, minimal_tree(), siteurl="/territoires-en-commun")
    html = read(output, "acteurs/association-exemple/index.html")
    assert 'href="/territoires-en-commun/theme/css/site.css"' in html
    hrefs = re.findall(r'(?:href|src)="(/[^"]*)"', html)
    assert hrefs and all(h.startswith("/territoires-en-commun/") for h in hrefs)
    assert broken_links(output, base_path="/territoires-en-commun") == []


def test_invalid_content_fails_the_build_with_every_problem(tmp_path):
    files = minimal_tree() | {"actors/association-exemple.md": ACTOR.replace("type_structure: association", "type_structure: x")}
    with pytest.raises(ContentError) as error:
        build_tree(tmp_path, files)
    assert [p.format().split(": ", 1)[1][:30] for p in error.value.problems] == ["champ « type_structure » : val"]


def test_build_is_deterministic(tmp_path):
    first = build_tree(tmp_path / "a", minimal_tree())
    second = build_tree(tmp_path / "b", minimal_tree())
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for path in files:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path


@pytest.fixture(scope="module")
def real_site(built_site):
    return built_site


def test_real_content_every_record_has_its_page_and_backlinks_resolve(real_site):
    output, corpus = real_site
    assert len(corpus.records) > 50
    for record in [*corpus.records, *corpus.pages.values()]:
        page = output / record.url / "index.html"
        assert page.is_file(), record.source
    for actor_id, links in corpus.backlinks.items():
        html = read(output, f"acteurs/{actor_id}/index.html")
        for record in [*links.experiences, *links.guides, *links.members]:
            assert f'href="/{record.url}"' in html, (actor_id, record.id)
    assert broken_links(output) == []


def test_real_content_reads_in_order(real_site):
    """Listings in French alphabetical order; a record's own sections nested under the page's heading."""
    output, corpus = real_site
    for prefix in ("acteurs", "guides"):
        cards = re.findall(
            rf'<h2 class="card__title"><a href="/{prefix}/[a-z0-9-]+/">([^<]+)</a>', read(output, f"{prefix}/index.html")
        )
        titles = [unescape(t) for t in cards]
        assert len(titles) > 5 and titles == sorted(titles, key=title_key), prefix
    html = read(output, "experiences/montaud-cafe-citoyen/index.html")
    assert re.search(r'<h2 id="recit">Contexte et déroulement</h2>\s*<div class="prose">\s*<h3 id=', html)


def test_real_content_listings_count_every_record(real_site):
    output, corpus = real_site
    for prefix, records in (("acteurs", corpus.actors), ("experiences", corpus.experiences), ("guides", corpus.guides)):
        listed = set()
        for page in output.glob(f"{prefix}/**/index.html"):
            if page.parent.name == prefix or page.parent.parent.name == "page":
                listed |= set(
                    re.findall(
                        rf'<h2 class="card__title"><a href="/{prefix}/([a-z0-9-]+)/"', read(output, page.relative_to(output))
                    )
                )
        assert listed == set(records), prefix


def test_an_archived_record_keeps_its_page_but_leaves_the_listings(tmp_path):

    archived = ACTOR.replace(
        "date_verification: 2026-01-15",
        "date_verification: 2026-01-15\narchive:\n  date: 2026-02-01\n  motif: L'association a cessé son activité.",
    )
    files = minimal_tree() | {"actors/ancienne-association.md": archived.replace("Association exemple", "Ancienne association")}
    output = build_tree(tmp_path, files)
    page = read(output, "acteurs/ancienne-association/index.html")
    assert "Fiche archivée le 1er février 2026" in page and "L&#39;association a cessé son activité." in page
    listing = read(output, "acteurs/index.html")
    main, archives = listing.split('id="archives"')
    assert "/acteurs/ancienne-association/" not in main and "/acteurs/ancienne-association/" in archives
    assert "ancienne-association" not in read(output, "parcours/fiches.json")
    assert "ancienne-association" not in read(output, "territoires/34/index.html")
    docs = search_records(output)
    assert [d.get("archive") for d in docs if d["id"] == "ancienne-association"] == [1]
    rows = read(output, "donnees/acteurs.csv").splitlines()
    assert any(r.startswith("ancienne-association,") and ",2026-02-01,L'association a cessé son activité.," in r for r in rows)


def test_logos_are_published_re_encoded(tmp_path):
    from PIL import Image

    from tests.helpers import jpeg_with_gps

    files = minimal_tree() | {
        "actors/association-exemple.md": ACTOR.replace("offres:", "logo: logo.jpg\noffres:"),
        "images/logo.jpg": jpeg_with_gps(),
    }
    output = build_tree(tmp_path, files)
    published = output / "images" / "logo.jpg"
    assert b"Appareil photo" not in published.read_bytes()
    with Image.open(published) as image:
        assert not image.getexif()
    assert '<img class="record__logo" src="/images/logo.jpg" alt="Logo de Association exemple">' in read(
        output, "acteurs/association-exemple/index.html"
    )
    assert not (output / "images" / "logo.jpg.orig").exists() and len(list((output / "images").iterdir())) == 1


def test_parallel_build_gives_the_same_site_and_problems(tmp_path, monkeypatch):
    """Large corpora are read and written by one process per core: same output, same messages."""
    from territoires import validation
    from territoires.site import generator

    first = build_tree(tmp_path / "seq", minimal_tree())
    monkeypatch.setattr(generator, "PARALLEL_PAGES", 0)
    monkeypatch.setattr(generator, "PAGES_PER_TASK", 3)
    monkeypatch.setattr(validation, "PARALLEL_FROM", {False: 0, True: 0})
    second = build_tree(tmp_path / "par", minimal_tree())
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for path in files:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path
    broken = minimal_tree() | {"actors/association-exemple.md": ACTOR.replace("type_structure: association", "type_structure: x")}
    content = write(tmp_path / "broken", broken)
    _, parallel = validation.load_corpus(content, keep=False)
    monkeypatch.setattr(validation, "PARALLEL_FROM", {False: 10**9, True: 10**9})
    _, sequential = validation.load_corpus(content, keep=False)
    assert [p.format() for p in parallel.items] == [p.format() for p in sequential.items] != []


def test_an_actor_without_contact_invites_whoever_knows_one(fixture_site, tmp_path):
    page = (fixture_site / "acteurs" / "association-exemple" / "index.html").read_text(encoding="utf-8")
    assert "Aucun moyen de la joindre n'est encore connu" in page
    assert '<a href="/admin/#/collections/actor/entries/association-exemple">Complétez la fiche</a>' in page
    reachable = ACTOR.replace(
        "date_verification:", "site_web: https://exemple.fr\ncontact:\n  telephone: 04 67 00 00 00\ndate_verification:"
    )
    output = build_tree(tmp_path, minimal_tree() | {"actors/association-exemple.md": reachable})
    page = (output / "acteurs" / "association-exemple" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:0467000000"' in page and "Complétez la fiche" not in page
