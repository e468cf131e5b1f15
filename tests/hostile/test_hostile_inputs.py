"""Hostile inputs: each is reported in French with its file and line, and never hides other problems.

The cases (tests/hostile/cases.py) run through the real command line, in-process:
`python build.py validate --content <tree>`, where the tree holds the hostile file, the minimal
valid records and one other record with its own mistake. Markdown bodies are also rendered
directly, to check that the sanitised HTML is inert whatever the validator said.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from territoires import cli
from territoires.loading import read_record
from territoires.models import KINDS
from territoires.problems import Problems
from territoires.rendering import Renderer
from tests.conftest import ACTOR, EXPERIENCE, minimal_tree, write
from tests.hostile.cases import CASES, MARKDOWN, OTHER_PROBLEM, OTHER_RECORD, Case

# PyYAML's and pydantic's English: none of it may reach a contributor.
ENGLISH = (
    "Traceback",
    "Error:",
    "Input should",
    "Field required",
    "Value error",
    "but found",
    "while parsing",
    "while scanning",
    "could not",
    "expected <",
    "unacceptable character",
    "surrogates not allowed",
)


def hostile_tree(tmp_path, case: Case):
    files = {}
    for name, data in (minimal_tree() | OTHER_RECORD | case.files).items():
        data = data() if callable(data) else data
        files[name] = data.encode("utf-8") if isinstance(data, str) else data  # bytes: written exactly as given
    content = write(tmp_path, files)
    if case.setup:
        case.setup(content)
    return content


def test_the_suite_is_large_and_every_case_has_a_distinct_id():
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_file_is_reported_in_french_and_other_records_are_still_checked(tmp_path, capsys, case):
    content = hostile_tree(tmp_path, case)
    code = cli.main(["validate", "--content", str(content)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    lines = out.splitlines()
    where = f"content/{case.path}:{case.line}:" if case.line else f"content/{case.path}: "
    assert any(where in line and case.message in line for line in lines), f"attendu {where} … {case.message}\n{out}"
    assert any(OTHER_PROBLEM in line for line in lines), out
    assert "✗" in err
    for english in ENGLISH:
        assert english not in out + err


def test_without_a_hostile_file_only_the_other_mistake_is_reported(tmp_path, capsys):
    """The base tree is clean apart from the other record: each case's message comes from its own file."""
    content = write(tmp_path, minimal_tree() | OTHER_RECORD)
    assert cli.main(["validate", "--content", str(content)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and OTHER_PROBLEM in lines[0]


DANGEROUS_TAGS = {
    "script",
    "iframe",
    "frame",
    "form",
    "input",
    "button",
    "svg",
    "math",
    "style",
    "meta",
    "base",
    "link",
    "object",
    "embed",
    "img",
    "details",
    "template",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcset"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Audit(HTMLParser):
    """Everything in an HTML fragment that a browser could execute or that could load something."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value is not None:
                compact = re.sub(r"[\x00-\x20]", "", unescape(value)).lower()
                if compact.startswith(DANGEROUS_SCHEMES):
                    self.found.append(f"<{tag} {name}={value!r}>")


def executable_parts(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    lowered = html.lower()
    return audit.found + [
        f"texte brut {needle}"
        for needle in ("<script", "<iframe", "<form", "<svg", "<style", "<meta", "<base")
        if needle in lowered
    ]


def test_the_audit_catches_what_it_looks_for():
    assert executable_parts('<p><a href="jav&#x09;ascript:x" onclick="y">a</a><svg></svg></p>') == [
        "<a href='jav\\tascript:x'>",
        "<a onclick=…>",
        "<svg>",
        "texte brut <svg",
    ]


@pytest.fixture(scope="module")
def renderer():
    return Renderer("/sous-chemin")


@pytest.mark.parametrize("name, body, message", MARKDOWN, ids=[name for name, _, _ in MARKDOWN])
def test_hostile_markdown_renders_to_inert_html(renderer, name, body, message):
    rendered = renderer.render(body)
    assert executable_parts(rendered.html) == [], rendered.html
    assert any(message in text for _, _, text in rendered.issues), rendered.issues


@pytest.mark.parametrize(
    "body",
    [
        '<http://exemple.fr/" onmouseover="alert(1)>',
        '[lien](https://exemple.fr "titre\\" onmouseover=alert(1)")',
        "[lien](%6a%61vascript:alert(1))",
        "    <script>alert(1)</script>",
        "`<script>alert(1)</script>`",
        "- <iframe src=x>",
    ],
    ids=["autolink-quote", "title-quote", "percent-encoded-scheme", "indented-code", "code-span", "list-item-iframe"],
)
def test_markdown_that_stays_text_is_inert(renderer, body):
    """Not all of these are reported (a code span may show a tag), but none may act as HTML."""
    assert executable_parts(renderer.render(body).html) == []


def read(tmp_path, kind: str, text: str):
    content = write(tmp_path, {f"{KINDS[kind].folder}/fiche.md": text.encode("utf-8")})
    problems = Problems(tmp_path)
    record = read_record(content / KINDS[kind].folder / "fiche.md", KINDS[kind], problems)
    return record, [p.format() for p in problems.items]


def test_yaml_look_alikes_keep_their_text(tmp_path):
    """`no`, `01000` and `1:30` are what the contributor wrote, not False, 512 or 90."""
    text = ACTOR.replace("nom: Association exemple", "nom: 01000\nsigle: no").replace("resume: Une", "resume: 1:30 Une")
    record, problems = read(tmp_path, "actor", text)
    assert problems == []
    assert (record.data.nom, record.data.sigle, record.data.resume[:5]) == ("01000", "no", "1:30 ")


def test_codes_with_leading_zeros_keep_them(tmp_path):
    record, problems = read(tmp_path, "experience", EXPERIENCE.replace('commune: "34164"', "commune: 01053"))
    assert problems == [] and record.data.territoire.commune == "01053"
