"""Markdown bodies: what is refused is reported with its line, and the output is always safe."""

import pytest

from territoires.rendering import Renderer


@pytest.fixture(scope="module")
def renderer():
    return Renderer("/sous-chemin")


@pytest.mark.parametrize(
    "body, expected",
    [
        ("<script>alert(1)</script>", "HTML brut « <script> » non accepté"),
        ("texte <img src=x onerror=alert(1)>", "HTML brut « <img> » non accepté"),
        ("<iframe src='https://exemple.fr'></iframe>", "HTML brut « <iframe> » non accepté"),
        ("<style>body{display:none}</style>", "HTML brut « <style> » non accepté"),
        ("<meta http-equiv=refresh content='0;url=https://x'>", "HTML brut « <meta> » non accepté"),
        ("<form action=https://x><input></form>", "HTML brut « <form> » non accepté"),
        ("<svg onload=alert(1)></svg>", "HTML brut « <svg> » non accepté"),
        ("[a](javascript:alert(1))", "lien « javascript:alert(1) » refusé"),
        ("[a](JaVaScRiPt:alert(1))", "lien « JaVaScRiPt:alert(1) » refusé"),
        ("[a](data:text/html;base64,PHNjcmlwdD4=)", "lien « data:text/html;base64,PHNjcmlwdD4= » refusé"),
        ("[a](vbscript:msgbox)", "lien « vbscript:msgbox » refusé"),
        ("[a](java\tscript:alert(1))", "refusé"),
        ("[a][x]\n\n[x]: javascript:alert(1)", "lien « javascript:alert(1) » refusé"),
        ("![photo](https://exemple.fr/p.png)", "image dans le texte non acceptée"),
        ("# Titre", "titre de niveau 1"),
    ],
)
def test_refused_content_is_reported_and_removed(renderer, body, expected):
    rendered = renderer.render(body)
    assert any(expected in message for _, _, message in rendered.issues), rendered.issues
    html = rendered.html.lower()
    for dangerous in (
        "<script",
        "<iframe",
        "<style",
        "<meta",
        "<form",
        "<svg",
        "<img",
        "javascript:",
        "vbscript:",
        "data:",
        "onerror",
        "onload",
    ):
        assert dangerous not in html


def test_attribute_injection_stays_text(renderer):
    rendered = renderer.render("[lien](https://exemple.fr){: onclick=alert(1)}")
    assert "onclick=" not in rendered.html.replace("{: onclick=alert(1)}", "")
    assert '<a href="https://exemple.fr">lien</a>' in rendered.html


def test_issue_lines_are_counted_in_the_body(renderer):
    rendered = renderer.render("Premier paragraphe.\n\nDeuxième avec [x](javascript:y).")
    assert [(line, col) for line, col, _ in rendered.issues] == [(3, 19)]


def test_site_links_follow_the_base_url(renderer):
    html = renderer.render("[Acteurs](/acteurs/) [ext](https://exemple.fr) [mail](mailto:contact@exemple.fr)").html
    assert 'href="/sous-chemin/acteurs/"' in html
    assert 'href="https://exemple.fr"' in html and 'href="mailto:contact@exemple.fr"' in html


def test_table_of_contents_and_ascii_anchors(renderer):
    rendered = renderer.render("## Été chaud\n\ntexte\n\n### Étape 1\n\n## Fin")
    assert [(h.level, h.id, h.title) for h in rendered.toc] == [
        (2, "ete-chaud", "Été chaud"),
        (3, "etape-1", "Étape 1"),
        (2, "fin", "Fin"),
    ]
    assert '<h2 id="ete-chaud">Été chaud</h2>' in rendered.html


def test_clean_markdown_has_no_issue(renderer):
    rendered = renderer.render("Un **texte** avec une liste :\n\n- un\n- deux\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert rendered.issues == []
    assert "<table>" in rendered.html and "<strong>texte</strong>" in rendered.html
