"""What a build publishes from hostile but valid content: text stays text, pictures are pixels only.

Markup in a plain-text field (a name, a summary) is valid content: it is a string like any
other. These tests build a site where every text field tries to break out of its HTML context
(element, attribute, JSON-LD script) and where logos carry metadata and trailing scripts, then
read every file the build wrote.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from territoires.images import MAX_SIDE
from territoires.site.build import build
from territoires.site.settings import load_settings
from tests.conftest import ACTOR, EXPERIENCE, GUIDE, minimal_tree, write
from tests.helpers import jpeg_with_gps
from tests.sitecheck import parse_page, search_records

# Closes a <script> (JSON-LD), opens an element with a handler, closes an attribute value.
HOSTILE = """</script><script>alert(1)</script><img src=x onerror=alert(1)> " onmouseover="alert(2)" '"""


def quoted(text: str) -> str:
    """`text` as a single-quoted YAML string."""
    return "'" + text.replace("'", "''") + "'"


YAML_HOSTILE = quoted(HOSTILE)


def png_with_text_and_trailer() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script> GPS 48.85,2.35")
    buffer = io.BytesIO()
    Image.new("RGBA", (64, 64), (200, 30, 30, 255)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue() + b"<html><script>alert(1)</script></html>"  # a PNG/HTML polyglot


def webp_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Appareil-espion"
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (600, 900), (30, 200, 30)).save(buffer, "WEBP", exif=exif)
    return buffer.getvalue()


LOGOS = {
    "espion.jpg": lambda: jpeg_with_gps("Appareil-espion", orientation=6),
    "polyglotte.png": png_with_text_and_trailer,
    "photo.webp": webp_with_exif,
}


def hostile_tree() -> dict:
    files = minimal_tree()
    actor = ACTOR.replace("nom: Association exemple", f"nom: {YAML_HOSTILE}\nsigle: '<b>AE</b>'")
    files["actors/association-exemple.md"] = re.sub(
        r"^resume: .*$", f"resume: {quoted(HOSTILE + ' Une association.')}", actor, flags=re.M
    )
    for number, name in enumerate(LOGOS):
        files[f"actors/logo-{number}.md"] = ACTOR.replace("offres:", f"logo: {name}\noffres:").replace(
            "Association exemple", f"Association {number}"
        )
    files["experiences/cafe-citoyen.md"] = (
        EXPERIENCE.replace("titre: Un café citoyen ouvert avec les habitants", f"titre: {YAML_HOSTILE}")
        .replace("nom: Commune de Montaud", f"nom: {YAML_HOSTILE}")
        .replace("date_verification:", f"methodes: [{YAML_HOSTILE}]\netapes:\n  - titre: {YAML_HOSTILE}\ndate_verification:")
    )
    files["guides/tirage-au-sort.md"] = GUIDE.replace("titre: Tirer au sort des habitants", f"titre: {YAML_HOSTILE}")
    files["pages/a-propos.md"] = files["pages/a-propos.md"].replace("titre: À propos", f"titre: {YAML_HOSTILE}")
    return files


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-site")
    content = write(root, {name: text.encode("utf-8") for name, text in hostile_tree().items()})
    write(root, {f"images/{name}": make() for name, make in LOGOS.items()})
    output = root / "output"
    build(load_settings({"PATH": str(content), "OUTPUT_PATH": str(output)}))
    return output


def test_hostile_text_reaches_the_pages_as_text(hostile_site):
    html = (hostile_site / "acteurs" / "association-exemple" / "index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<title>&lt;/script&gt;" in html


def test_no_page_runs_anything_from_a_record(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        collector = parse_page(page)
        assert collector.scripts_inline == 0, page  # a JSON-LD break-out would add an inline script
        assert collector.handlers == [], page
        dangerous = [
            link
            for link in collector.links
            if re.sub(r"[\x00-\x20]", "", link).lower().startswith(("javascript:", "data:", "vbscript:"))
        ]
        assert dangerous == [], page


def test_json_ld_holds_the_text_as_data(hostile_site):
    html = (hostile_site / "experiences" / "cafe-citoyen" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert HOSTILE in strings(json.loads(blocks[0]))


def strings(value) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def test_data_files_keep_the_text_verbatim(hostile_site):
    assert HOSTILE in [doc["titre"] for doc in search_records(hostile_site)]
    everything = json.loads((hostile_site / "donnees" / "territoires-en-commun.json").read_text(encoding="utf-8"))
    assert HOSTILE in [actor["nom"] for actor in everything["acteurs"]]


@pytest.mark.parametrize("name", sorted(LOGOS))
def test_published_logos_are_pixels_only(hostile_site, name):
    source = LOGOS[name]()
    published = (hostile_site / "images" / name).read_bytes()
    for secret in (b"Appareil-espion", b"GPS", b"<script", b"<html", b"Comment", b"Exif", b"eXIf", b"tEXt", b"iTXt", b"XMP"):
        assert secret not in published, secret
    with Image.open(io.BytesIO(source)) as original, Image.open(io.BytesIO(published)) as image:
        assert image.format == original.format
        assert max(image.size) <= MAX_SIDE
        assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
        assert not getattr(image, "text", None)


def test_rotated_photo_is_published_upright(hostile_site):
    """The EXIF orientation is applied to the pixels before the EXIF is dropped."""
    with Image.open(hostile_site / "images" / "espion.jpg") as image:
        width, height = image.size
    assert height > width  # the 900 × 600 source says "rotate 90°"


def test_the_fast_precheck_never_misses_what_rendering_reports(built_site):
    """`validate` renders only bodies that `needs_render`: it must flag every body with an issue."""
    from territoires.rendering import Renderer, needs_render
    from tests.hostile.cases import MARKDOWN

    renderer = Renderer()
    _, corpus = built_site
    bodies = [body for _, body, _ in MARKDOWN]
    bodies += [r.body for r in [*corpus.records, *corpus.pages.values()]]
    bodies += ["[a](java\tscript:x)", "[a]( javascript:x)", "[a][r]\n\n [r]: vbscript:x", "Titre\n===", "#Titre"]
    for body in bodies:
        if renderer.render(body).issues:
            assert needs_render(body), body
    assert not needs_render("Du texte avec un [lien](https://exemple.fr) et [un autre](/acteurs/anct/).\n\n## Partie")
