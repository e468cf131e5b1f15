"""Experience sheets and guides print cleanly on A4: rendered to PDF in headless chromium."""

import io

import pytest
from pypdf import PdfReader


def pdf_text(page, url) -> tuple[str, int]:
    page.goto(url)
    data = page.pdf(format="A4", print_background=False)
    reader = PdfReader(io.BytesIO(data))
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4 portrait, in points
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def test_experience_sheet_prints_without_navigation_and_with_its_links(page, site_url, built_site):
    _, corpus = built_site
    record = max(corpus.experiences.values(), key=lambda r: len(r.data.sources))
    text, pages = pdf_text(page, f"{site_url}/{record.url}")
    flat = " ".join(text.split())
    assert record.title.split(" :")[0] in flat
    for navigation in (
        "Trouver de l'aide",
        "Aller au contenu",
        "Mentions légales",
        "Modifier cette fiche",
        "Imprimer cette fiche",
    ):
        assert navigation not in flat, navigation
    assert record.data.sources[0].url.split("//")[1][:25] in flat.replace(" ", "")  # links are printed
    assert pages <= 6


def test_guide_prints_with_its_content(page, site_url, built_site):
    _, corpus = built_site
    record = next(iter(corpus.guides.values()))
    text, _ = pdf_text(page, f"{site_url}/{record.url}")
    flat = " ".join(text.split())
    assert record.toc[0].title in flat
    assert "Rechercher" not in flat


def test_print_button_needs_javascript(page, browser, site_url, built_site):
    _, corpus = built_site
    url = f"{site_url}/{next(iter(corpus.experiences.values())).url}"
    page.goto(url)
    assert page.get_by_role("button", name="Imprimer cette fiche").is_visible()
    context = browser.new_context(java_script_enabled=False)
    static = context.new_page()
    static.goto(url)
    assert not static.get_by_role("button", name="Imprimer cette fiche").is_visible()
    context.close()
