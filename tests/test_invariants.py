"""Invariants of the site built from the real content (the contracts of ARCHITECTURE.md).

Nothing is lost (every record file gives one page, one search entry, one row in each export),
builds are deterministic, internal links and anchors lead somewhere, the HTML is valid, and
every page carries a strict Content-Security-Policy with no inline code.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from territoires.models import KINDS, RECORD_KINDS
from territoires.paths import NODE_MODULES, PROJECT_ROOT
from territoires.site.settings import load_settings
from tests.helpers import site_html
from tests.sitecheck import broken_links, parse_page, search_records

EXPORT_NAMES = {"actor": "acteurs", "experience": "experiences", "guide": "guides"}
SEARCH_TYPES = {"actor": "acteur", "experience": "experience", "guide": "guide"}
PUBLIC_URL = load_settings()["SITE_PUBLIC_URL"]


def ids_on_disk(kind: str) -> list[str]:
    """What went in: the record files themselves, not what the loader made of them."""
    return sorted(path.stem for path in (PROJECT_ROOT / "content" / KINDS[kind].folder).glob("*.md"))


def read_json(output: Path, relative: str):
    return json.loads((output / relative).read_text(encoding="utf-8"))


def has_coordinates(record) -> bool:
    if record.kind == "actor":
        return record.data.siege is not None and record.data.siege.latitude is not None
    return record.data.coordonnees is not None


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_nothing_is_lost(built_site, kind):
    output, corpus = built_site
    ids = ids_on_disk(kind)
    assert ids and sorted(corpus.by_kind(kind)) == ids
    prefix = KINDS[kind].url_prefix
    pages = sorted(p.name for p in (output / prefix).iterdir() if p.is_dir() and p.name != "page")
    assert pages == ids and all((output / prefix / i / "index.html").is_file() for i in ids)
    searched = [doc["id"] for doc in search_records(output) if doc["type"] == SEARCH_TYPES[kind]]
    assert sorted(searched) == ids  # exactly one entry each: no duplicate either
    rows = list(csv.DictReader(io.StringIO((output / f"donnees/{EXPORT_NAMES[kind]}.csv").read_text(encoding="utf-8"))))
    assert sorted(row["id"] for row in rows) == ids
    nested = read_json(output, "donnees/territoires-en-commun.json")[EXPORT_NAMES[kind]]
    assert sorted(item["id"] for item in nested) == ids
    if kind in ("actor", "experience"):
        features = read_json(output, f"donnees/{EXPORT_NAMES[kind]}.geojson")["features"]
        located = sorted(r.id for r in corpus.by_kind(kind).values() if has_coordinates(r))
        assert located and sorted(f["id"] for f in features) == located


def _output_file(output: Path, url: str) -> Path:
    path = urlsplit(url).path
    base = urlsplit(PUBLIC_URL).path
    assert path.startswith(base + "/"), url
    relative = path[len(base) + 1 :]
    return output / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def test_the_sitemap_lists_every_page_and_every_public_url_resolves(built_site):
    output, _ = built_site
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in ElementTree.parse(output / "sitemap.xml").findall("s:url/s:loc", ns)]
    pages = sorted(p.relative_to(output).as_posix() for p in site_html(output) if p.name != "404.html")
    assert sorted(_output_file(output, url).relative_to(output).as_posix() for url in listed) == pages
    feed = ElementTree.parse(output / "atom.xml").getroot()
    urls = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    for name in ("acteurs", "experiences"):
        urls += [f["properties"]["url"] for f in read_json(output, f"donnees/{name}.geojson")["features"]]
    urls += [
        item["url"] for name in EXPORT_NAMES.values() for item in read_json(output, "donnees/territoires-en-commun.json")[name]
    ]
    missing = [url for url in urls if not _output_file(output, url).is_file()]
    assert urls and missing == []
    searched = [doc["url"] for doc in search_records(output)]
    assert [url for url in searched if not (output / url / "index.html").is_file()] == []


def test_two_builds_are_byte_identical(tmp_path):
    """Different working directories and hash seeds, same bytes: nothing depends on either."""
    runs = []
    for name, seed in (("a", "1"), ("b", "4242")):
        cwd = tmp_path / f"cwd-{name}"
        cwd.mkdir()
        env = os.environ | {"PYTHONHASHSEED": seed}
        command = [sys.executable, str(PROJECT_ROOT / "build.py"), "build", "--output", str(tmp_path / f"out-{name}")]
        runs.append(subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8"))
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, out + err
    first, second = tmp_path / "out-a", tmp_path / "out-b"
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert len(files) > 100
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


class _References(HTMLParser):
    """Ids of a page, and the attributes that must name one of them."""

    ATTRIBUTES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list", "headers", "form")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.references: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
            elif name in self.ATTRIBUTES and value:
                self.references += [f"{tag}[{name}={target}]" for target in value.split() if target]


def test_no_broken_link_anchor_or_id_reference(built_site):
    output, _ = built_site
    assert broken_links(output) == []
    problems = []
    for page in sorted(output.rglob("*.html")):
        found = _References()
        found.feed(page.read_text(encoding="utf-8"))
        ids = set(found.ids)
        problems += [f"{page.relative_to(output)}: {ref}" for ref in found.references if ref.split("=")[1][:-1] not in ids]
        problems += [f"{page.relative_to(output)}: id « {i} » en double" for i in ids if found.ids.count(i) > 1]
    assert problems == []


def test_every_page_is_valid_html(built_site, tmp_path):
    """vnu, the W3C validator, on every page at once; a known-bad page proves it is looking."""
    output, _ = built_site
    control = tmp_path / "controle.html"
    control.write_text(
        '<!doctype html><html lang="fr"><head><title>x</title></head><body><ul><p>x</p></ul></body></html>', encoding="utf-8"
    )
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            "--verbose",
            str(output),
            str(control),
        ],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    checked = {Path(line).resolve() for line in result.stdout.splitlines()}  # --verbose: one checked file a line
    assert {p.resolve() for p in output.rglob("*.html")} <= checked
    on_control = [m for m in messages if m.get("url", "").endswith("/controle.html")]
    assert on_control, "vnu n'a rien trouvé sur la page de contrôle invalide"
    # Nothing is filtered out: every message on a generated page is a failure.
    errors = [
        f"{m.get('url', '').split(str(output))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m not in on_control
    ]
    assert errors == []


class _Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.policies: list[str] = []
        self.loads_before_policy = []  # stylesheets or scripts that come before the policy

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attributes.get("content") or "")
        elif tag in ("script", "link", "style", "img") and not self.policies:
            self.loads_before_policy.append(tag)


def directives(policy: str) -> dict[str, list[str]]:
    return {parts[0]: parts[1:] for parts in (d.split() for d in policy.split(";")) if parts}


def test_every_page_has_a_strict_policy_and_no_inline_code(built_site):
    output, _ = built_site
    pages = site_html(output)
    assert len(pages) > 100
    for page in pages:
        head = _Head()
        head.feed(page.read_text(encoding="utf-8"))
        assert len(head.policies) == 1 and head.loads_before_policy == [], page
        policy = directives(head.policies[0])
        assert policy["default-src"] == ["'self'"] and policy["script-src"] == ["'self'"], page
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], page
        assert not re.search(r"unsafe-|\*|data:.*script", head.policies[0].split("script-src")[1].split(";")[0]), page
        assert "'unsafe-inline'" not in head.policies[0] and "'unsafe-eval'" not in head.policies[0], page
        collector = parse_page(page)
        assert collector.scripts_inline == 0 and collector.handlers == [], page
        assert not [link for link in collector.links if link.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], (
            page
        )


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def test_every_page_has_one_h1_and_no_skipped_heading_level(built_site):
    """Screen-reader users navigate by headings: one h1, and never h2 followed by h4."""
    output, _ = built_site
    for path in sorted(output.rglob("*.html")):
        parser = _Headings()
        parser.feed(path.read_text(encoding="utf-8"))
        levels = parser.levels
        where = path.relative_to(output).as_posix()
        assert levels.count(1) == 1 and levels[0] == 1, (where, levels)
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (where, levels)
