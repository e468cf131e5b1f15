"""The editorial site: programme pages, Atom feed, sitemap.xml, OpenGraph metadata."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import site_html

# Each programme page, and the page that leads to it: the home page, or the programme's own page.
PROGRAMME_PAGES = {
    "territoires-d-engagement": "index.html",
    "cellule-de-conseil-et-d-orientation": "index.html",
    "parcours-d-accompagnement": "index.html",
    "projets-partages": "index.html",
    "ateliers-interactifs": "index.html",
    "partenaires": "territoires-d-engagement/index.html",
}
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("page", PROGRAMME_PAGES)
def test_programme_pages_exist_and_are_linked(built_site, page):
    output, _ = built_site
    assert (output / page / "index.html").is_file()
    assert f'href="/{page}/"' in (output / PROGRAMME_PAGES[page]).read_text(encoding="utf-8")


def test_home_says_what_the_site_is_for_with_three_ways_in_and_figures(built_site):
    output, corpus = built_site
    html = (output / "index.html").read_text(encoding="utf-8")
    for href in ('href="/parcours/"', 'href="/recherche/"', 'href="/carte/"'):
        assert href in html.split('id="entrees"')[1].split("</section>")[0]
    assert f"<strong>{len(corpus.actors)}</strong> acteurs" in html
    assert f"<strong>{len(corpus.experiences)}</strong> retours d'expérience" in html


def test_atom_feed_lists_the_latest_records(built_site):
    output, corpus = built_site
    feed = ET.parse(output / "atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(corpus.records))
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        path = link.split("/territoires-en-commun/", 1)[1]
        assert (output / path / "index.html").is_file(), link
    assert '<link rel="alternate" type="application/atom+xml"' in (output / "index.html").read_text(encoding="utf-8")


def test_sitemap_lists_every_page_once(built_site):
    output, _ = built_site
    root = ET.parse(output / "sitemap.xml").getroot()
    locs = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    assert len(locs) == len(set(locs))
    pages = {p.relative_to(output).as_posix().removesuffix("index.html") for p in site_html(output) if p.name == "index.html"}
    assert {loc.split("/territoires-en-commun/", 1)[1] for loc in locs} == pages


def test_pages_carry_opengraph_metadata(built_site):
    output, corpus = built_site
    record = next(iter(corpus.experiences.values()))
    html = (output / record.url / "index.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta property="(og:[a-z:]+)" content="([^"]*)"', html))
    assert meta["og:type"] == "article" and meta["og:locale"] == "fr_FR"
    assert meta["og:url"].endswith("/" + record.url)
    assert meta["og:image"].endswith("/theme/img/partage.png")
    assert (output / "theme" / "img" / "partage.png").read_bytes().startswith(b"\x89PNG")
