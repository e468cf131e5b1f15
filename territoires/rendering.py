"""Markdown bodies → safe HTML, with a table of contents and a report of what was refused.

Python-Markdown passes raw HTML, `javascript:` links and `attr_list` attributes straight
through, so: the extension list is explicit (no attr_list, no md_in_html), raw HTML and unsafe
links are reported to the contributor with their line, and the output is sanitised by nh3 with
an allowlist whatever the report said (defence in depth).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html import unescape

import markdown
import nh3
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "abbr",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, **{f"h{n}": {"id"} for n in range(2, 7)}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["tables", "sane_lists", "toc"]

_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_SCHEMES,
    link_rel=None,
    strip_comments=True,
    clean_content_tags={"script", "style"},
)


@dataclass
class Heading:
    level: int
    id: str
    title: str


@dataclass
class Rendered:
    html: str
    toc: list[Heading] = field(default_factory=list)
    # (line, column, message), lines counted in the body (1 = first body line)
    issues: list[tuple[int, int, str]] = field(default_factory=list)


class _LinkCheck(Treeprocessor):
    """Reports links with a dangerous scheme and images; makes site links follow the base URL."""

    def __init__(self, md, renderer: Renderer):
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "h1":
                self.renderer.report(_text(element), "titre de niveau 1 (« # ») réservé au titre de la fiche : utilisez « ## »")
                element.tag = "h2"
            if element.tag == "img":
                self.renderer.report(
                    element.get("src", ""), "image dans le texte non acceptée : décrivez-la ou mettez un lien vers elle"
                )
                element.tag = "span"
                element.text = element.get("alt", "")
                element.attrib.clear()
            if element.tag != "a":
                continue
            href = (element.get("href") or "").strip()
            scheme = _scheme(unescape(href))  # browsers decode "&#106;avascript:" before reading the scheme
            if scheme and scheme not in ALLOWED_SCHEMES:
                self.renderer.report(
                    href, f"lien « {href[:40]} » refusé : seuls les liens http(s)://, mailto: et tel: sont acceptés"
                )
                element.attrib.pop("href", None)
            elif href.startswith("/") and not href.startswith("//"):
                element.set("href", self.renderer.base_url + href)


# Python-Markdown's `attr_list` syntax ({: …}, {#id}, {.class}, {onclick=…}): the extension is off,
# so it would show as is; it is reported because it is always an attempt to add HTML attributes.
_BRACES = re.compile(r"\{[^{}\n]*\}")  # no nesting, one line: linear time on any input
_ATTRIBUTES = re.compile(r"\{(?::| *[#.][A-Za-z])|\bon[a-z]+ *=")


def _scheme(href: str) -> str:
    """The URL scheme, lowercased, as lenient browsers would read it ("java\tscript:" is javascript)."""
    compact = re.sub(r"[\x00-\x20]", "", href)
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", compact)
    return match.group(1).lower() if match else ""


def _text(element: etree.Element) -> str:
    return "".join(element.itertext())


class Renderer:
    """Renders Markdown bodies; one instance is reused for every record (building it is costly)."""

    def __init__(self, base_url: str = ""):
        self.base_url = base_url.rstrip("/")
        self.md = markdown.Markdown(
            extensions=EXTENSIONS,
            extension_configs={"toc": {"toc_depth": "2-3", "slugify": slugify, "permalink": False}},
            output_format="html",
        )
        self.md.treeprocessors.register(_LinkCheck(self.md, self), "link_check", 1)
        self._source = ""
        self._issues: list[tuple[int, int, str]] = []

    def report(self, needle: str, message: str) -> None:
        self._issues.append((*_locate(self._source, needle), message))

    def render(self, body: str) -> Rendered:
        key = (self.base_url, body)
        if key not in _RENDERED:
            _RENDERED[key] = self._render(body)
        return _RENDERED[key]

    def _render(self, body: str) -> Rendered:
        self.md.reset()
        self._source = body
        self._issues = []
        html = self.md.convert(body)
        for match in (m for m in _BRACES.finditer(body) if _ATTRIBUTES.search(m.group())):
            self.report(
                match.group(),
                f"attributs « {match.group()[:30]} » non acceptés : supprimez-les, la mise en forme s'écrit en Markdown",
            )
        opened = set()
        for raw in self.md.htmlStash.rawHtmlBlocks:
            snippet = str(raw).strip()
            tag = re.match(r"<(/?)\s*([A-Za-z0-9!-]*)", snippet)
            if tag and tag.group(1) and tag.group(2).lower() in opened:
                continue  # the opening tag was reported already
            if tag and tag.group(2):
                opened.add(tag.group(2).lower())
            shown = f"<{tag.group(1)}{tag.group(2)}>" if tag and tag.group(2) else snippet[:20]
            self.report(snippet[:30], f"HTML brut « {shown} » non accepté : écrivez le texte en Markdown")
        toc = [Heading(t["level"], t["id"], t["name"]) for t in _flatten(self.md.toc_tokens)]
        return Rendered(_CLEANER.clean(html), toc, sorted(self._issues))


MAX_BRACKETS = 2000  # Python-Markdown slows down quadratically on thousands of "[": refused before rendering

# What a body needs to contain for the renderer to have anything to report: raw HTML or an
# autolink ("<"), an image, attribute syntax, an HTML entity, a scheme a link must not use, a
# level-1 heading, or a link. Substrings are looked for first: one pass each, in C.
_LEVEL_1_HEADING = re.compile(r"^ {0,3}#(?!#)|^=+[ \t]*$", re.M)
_LINK_START = re.compile(r"\]\(|^ {0,3}\[[^\]\n]+\]:", re.M)
_SAFE_DESTINATION = re.compile(r"\s*(?:https?://|mailto:|tel:|/|#|\.{1,2}/|[\w-]+[/#?.)])", re.A)


def needs_render(body: str) -> bool:
    """Whether rendering could report a problem in `body`: a fast pre-check for `validate`.

    It may say yes for nothing (a safe link it cannot read), never no for a problem: every
    problem the renderer reports needs one of the constructs looked for here.
    """
    if "<" in body or "![" in body or "{" in body or "&" in body or _LEVEL_1_HEADING.search(body):
        return True
    folded = body.casefold()  # any case
    if "javascript" in folded or "vbscript" in folded or "data:" in folded:
        return True
    return any(not _SAFE_DESTINATION.match(body, m.end()) for m in _LINK_START.finditer(body))


_HEADING_TAG = re.compile(r"<(/?)h([2-5])\b")


def nested_headings(html: str) -> str:
    """Headings one level down (## becomes h3): for a body shown under a heading of the page
    ("Présentation", "Contexte et déroulement"), whose sections it holds. `html` is sanitised
    output: its only heading tags are real ones."""
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def too_many_brackets(body: str) -> tuple[int, int, str] | None:
    count = body.count("[")
    if count > MAX_BRACKETS:
        return (*_locate(body, "["), f"texte refusé : {count} crochets « [ » ({MAX_BRACKETS} au plus)")
    return None


# Rendered bodies, kept for the life of the process: the `serve` loop re-renders only what changed.
_RENDERED: dict[tuple[str, str], Rendered] = {}


def _flatten(tokens: list[dict]) -> list[dict]:
    out = []
    for token in tokens:
        out.append(token)
        out.extend(_flatten(token.get("children", [])))
    return out


def _locate(source: str, needle: str) -> tuple[int, int]:
    """Line and column (1-based) of the first occurrence of `needle`, or of a prefix of it."""
    for size in (len(needle), 12, 4):
        part = needle[:size]
        if part and part in source:
            index = source.index(part)
            line = source.count("\n", 0, index) + 1
            return line, index - (source.rfind("\n", 0, index) + 1) + 1
    return 1, 1


def plain_text(html: str) -> str:
    """Text of an HTML fragment, for search indexing and summaries."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").strip()
