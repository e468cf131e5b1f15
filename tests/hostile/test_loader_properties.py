"""Property-based: whatever bytes a record file holds, the loader reports problems, it never raises.

Two generators: arbitrary bytes, and YAML-ish text assembled from the pieces that trip YAML
parsers (anchors, tags, brackets, quotes, tabs, directives, look-alike scalars, invisible
characters). Every outcome must be a record, or problems that name the file, in French, on a
line that exists.
"""

from __future__ import annotations

import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from territoires.loading import read_record
from territoires.models import KINDS
from territoires.problems import Problems
from territoires.validation import load_corpus
from tests.conftest import ACTOR, TODAY, minimal_tree, write

SETTINGS = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
ENGLISH = re.compile(r"Input should|Field required|Value error|expected|found|while |could not|Traceback|unicode string")
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

FIELD_NAMES = [
    "nom",
    "sigle",
    "type_structure",
    "resume",
    "thematiques",
    "offres",
    "intervention",
    "departements",
    "national",
    "site_web",
    "contact",
    "email",
    "siege",
    "latitude",
    "logo",
    "reseaux",
    "date_verification",
]
PIECES = [
    ": ",
    ":",
    " ",
    "  ",
    "\t",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "\\",
    "&a ",
    "*a",
    "!!python/name:os.system ",
    "!x ",
    "%YAML 1.1",
    "---",
    "...",
    "#",
    "|",
    ">",
    "?",
    "@",
    "`",
    "no",
    "yes",
    "~",
    "null",
    "01000",
    "1:30",
    "0x1F",
    "1e400",
    "nan",
    ".inf",
    "2024-02-30",
    "2026-01-15",
    "https://exémple.fr",
    "javascript:alert(1)",
    "oui",
    "34",
    '"34"',
    "vie-democratique",
    "association",
    "é",
    "\u202e",
    "\u200b",
    "\u2028",
    "\x85",
    "\ufeff",
    "\x00",
    "\x07",
    "\\ud800",
    "\\x41",
    "\\N",
    "<script>",
    "{: onclick=x}",
    "\r",
]
yamlish_line = st.lists(st.sampled_from(FIELD_NAMES + PIECES) | st.text(max_size=8), max_size=10).map("".join)
yamlish_text = st.builds(
    lambda lines, body, closed: "---\n" + "\n".join(lines) + ("\n---\n" if closed else "\n") + body,
    st.lists(yamlish_line, max_size=15),
    st.text(max_size=60),
    st.booleans(),
)


def _mutate(edits: list[tuple[int, str]]) -> str:
    """The valid test actor with a few pieces inserted: gets past the YAML reader into the typing."""
    text = ACTOR
    for position, piece in edits:
        position %= len(text) + 1
        text = text[:position] + piece + text[position:]
    return text


mutated_actor = st.lists(st.tuples(st.integers(0, 1000), st.sampled_from(PIECES) | st.text(max_size=5)), min_size=1, max_size=4)
file_bytes = st.one_of(
    st.binary(max_size=3000),
    yamlish_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    mutated_actor.map(_mutate).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A valid minimal tree; each example writes its own file into it as content/actors/fiche.md."""
    root = tmp_path_factory.mktemp("proprietes")
    content = write(root, minimal_tree())
    yield root, content
    shutil.rmtree(root)


def check_problems(problems, data: bytes, shown_path: str) -> None:
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for problem in problems:
        assert problem.path == shown_path, problem
        assert problem.message and not ENGLISH.search(problem.message), problem
        assert not UNPRINTABLE.search(problem.message + problem.path), ascii(problem.message)
        assert 0 <= problem.line <= lines and problem.col >= 0, problem
        problem.format().encode("utf-8")  # printable on any UTF-8 terminal


@SETTINGS
@given(data=file_bytes)
def test_read_record_only_reports_problems(tree, data):
    root, content = tree
    path = content / "actors" / "fiche.md"
    path.write_bytes(data)
    problems = Problems(root)
    try:
        record = read_record(path, KINDS["actor"], problems)
    finally:
        path.unlink()
    check_problems(problems.items, data, "content/actors/fiche.md")
    if record is None or record.data is None:
        assert [p for p in problems.items if p.severity == "error"], "no record and no problem"
    else:
        assert record.id == "fiche" and record.data.nom


@SETTINGS
@given(data=file_bytes)
def test_load_corpus_reports_only_the_hostile_file(tree, data):
    """A broken file never stops the other records from being read, nor makes them wrong."""
    root, content = tree
    (content / "experiences" / "fiche.md").write_bytes(data)
    try:
        corpus, problems = load_corpus(content, project_root=root, today=TODAY)
    finally:
        (content / "experiences" / "fiche.md").unlink()
    check_problems(problems.items, data, "content/experiences/fiche.md")
    assert (corpus is None) == bool(problems.errors)
    if corpus is not None:
        assert set(corpus.experiences) == {"cafe-citoyen", "fiche"}
