"""The canonical front-matter style: one way to write a record, the same data read back."""

from __future__ import annotations

import pytest

from territoires import strictyaml
from territoires.formatting import format_text, record_files, scalar
from territoires.loading import split_front_matter
from territoires.models import KINDS
from territoires.paths import PROJECT_ROOT

MESSY = """\
---
date_verification: 2026-01-15
offres:
- accompagnement
- formation
nom: "Association exemple"
intervention:
    national: true
type_structure: association
sigle:
resume: "Une association : elle accompagne les communes rurales dans leurs démarches."
thematiques: [vie-democratique]
siege:
  commune: '01004'
sources:
- url: https://exemple.fr/a
  titre: Présentation
---
Le corps du texte reste tel quel.
"""


def test_a_messy_file_is_written_the_canonical_way():
    assert (
        format_text(MESSY, KINDS["actor"])
        == """\
---
nom: Association exemple
type_structure: association
resume: "Une association : elle accompagne les communes rurales dans leurs démarches."
thematiques: [vie-democratique]
offres: [accompagnement, formation]
intervention:
  national: oui
siege:
  commune: "01004"
sources:
  - titre: Présentation
    url: https://exemple.fr/a
date_verification: 2026-01-15
---
Le corps du texte reste tel quel.
"""
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [("2021", '"2021"'), ("2021-09", "2021-09"), ("2026-01-15", "2026-01-15"), ("34", '"34"'), ("oui", "oui"), ("yes", '"yes"'), ("null", '"null"'),
     ("Titre : sous-titre", '"Titre : sous-titre"'), ("« guillemets »", "« guillemets »"), ('dit "oui"', 'dit "oui"'), ("#1", '"#1"'),
     ("L'école", "L'école"), ("'cité'", "\"'cité'\"")],
)  # fmt: skip
def test_quotes_only_when_yaml_would_read_something_else(text, written):
    assert scalar(text) == written


def test_an_unreadable_file_is_left_alone():
    assert format_text("pas d'en-tête", KINDS["actor"]) is None
    assert format_text("---\nnom: [\n---\n", KINDS["actor"]) is None


@pytest.mark.parametrize("path", [p for p, _ in record_files(PROJECT_ROOT / "content")], ids=lambda p: p.name)
def test_every_real_record_keeps_its_data_and_formatting_is_stable(path):
    kind = next(k for p, k in record_files(PROJECT_ROOT / "content") if p == path)
    text = path.read_text(encoding="utf-8")
    once = format_text(text, kind)
    assert once is not None and format_text(once, kind) == once

    def data(source):
        front, _, body, _ = split_front_matter(source)
        return _normal(strictyaml.parse(front).data), body

    assert data(once) == data(text)


def _normal(value):
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return {"true": "oui", "false": "non"}.get(value, value)


def test_coordinates_stay_numbers():
    text = MESSY.replace("  commune: '01004'\n", "  commune: '01004'\n  latitude: 46.0\n  longitude: \"-1.25\"\n")
    formatted = format_text(text, KINDS["actor"])
    assert "  latitude: 46.0\n  longitude: -1.25\n" in formatted
