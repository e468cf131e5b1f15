"""Helpers to inspect a built site: parse its pages, resolve its internal links."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts_inline = 0
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("href", "src"):
            if attributes.get(name) is not None and not (tag == "link" and attributes.get("rel") in ("canonical", "alternate")):
                self.links.append(attributes[name])
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/ld+json":
            self.scripts_inline += 1
        self.handlers += [name for name in attributes if name.startswith("on")]


def parse_page(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def resolve(output: Path, page: Path, link: str, base_path: str = "") -> tuple[Path, str] | None:
    """The output file and fragment an internal link points to; None for external links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    if path.startswith("/"):
        if base_path and not path.startswith(base_path + "/"):
            return output / "__outside_base_path__", ""
        path = path[len(base_path) :]
        target = output / path.lstrip("/")
    else:
        target = page.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.resolve(), parts.fragment


def broken_links(output: Path, base_path: str = "") -> list[str]:
    """Every internal link or anchor of every HTML page that leads nowhere."""
    pages = sorted(output.rglob("*.html"))
    parsed = {page.resolve(): parse_page(page) for page in pages}
    broken = []
    for page, collector in parsed.items():
        for link in collector.links:
            target = resolve(output, page, link, base_path)
            if target is None:
                continue
            file, fragment = target
            if not file.exists():
                broken.append(f"{page.relative_to(output.resolve())} -> {link}")
            elif fragment.startswith("/"):
                continue  # a route of a script page (the form editor's "#/collections/…"), not an anchor
            elif fragment and file.suffix == ".html":
                ids = parsed[file].ids if file in parsed else parse_page(file).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(output.resolve())} -> {link} (ancre absente)")
    return broken


def search_records(output: Path) -> list[dict]:
    """Every document of the built search index, in index order, as the search page reads them."""
    import json

    folder = output / "recherche"
    rows = []
    for chunk in sorted((folder / "fiches").glob("*.json")):
        rows += json.loads(chunk.read_text(encoding="utf-8"))
    keys = ("id", "type", "titre", "url", "resume", "lieu", "archive")
    return [dict(zip(keys, row, strict=False)) for row in rows]  # rows end early when "archive" is absent
