"""Generated contributor documentation and issue forms, in sync with the models."""

from __future__ import annotations

import re

import pytest
import yaml

from territoires.contributing import FORMS, rendered_forms, stale_docs
from territoires.paths import PROJECT_ROOT


def test_contributing_and_forms_are_in_sync(tmp_path):
    assert stale_docs() == []
    contributing = tmp_path / "CONTRIBUTING.md"
    text = (PROJECT_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    contributing.write_text(text.replace("| `nom` | oui |", "| `nom` | non |"), encoding="utf-8")
    forms = tmp_path / "forms"
    assert stale_docs(contributing, forms)[0] == "CONTRIBUTING.md"
    assert len(stale_docs(contributing, forms)) == 1 + len(FORMS)


def test_field_tables_list_every_model_field():
    text = (PROJECT_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for field in (
        "nom",
        "intervention.departements",
        "contact.email",
        "etapes[].titre",
        "sources[].url",
        "etapes_projet",
        "archive.motif",
        "logo",
    ):
        assert f"| `{field}` |" in text, field


@pytest.mark.parametrize("name", sorted(FORMS))
def test_issue_forms_are_well_formed(name):
    form = yaml.safe_load((PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    assert form["name"] and form["description"] and form["labels"]
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if item["type"] in {"dropdown", "checkboxes"}:
            assert item["attributes"]["options"]
    consent = next(item for item in form["body"] if item.get("id") == "consentement")
    assert all(option["required"] for option in consent["attributes"]["options"])


def test_report_form_field_is_the_one_record_pages_prefill(built_site):
    output, corpus = built_site
    form = yaml.safe_load(rendered_forms()["signaler-une-erreur.yml"].split("\n", 1)[1])
    assert "fiche" in [item.get("id") for item in form["body"]]
    for record in corpus.records:
        html = (output / record.url / "index.html").read_text(encoding="utf-8")
        edit = re.search(r'href="([^"]+)">Modifier cette fiche', html).group(1)
        assert edit == f"https://github.com/territoires-en-commun/territoires-en-commun/edit/main/{record.source}"
        assert (PROJECT_ROOT / record.source).is_file()
        report = re.search(r'href="([^"]+)">Signaler une erreur', html).group(1).replace("&amp;", "&")
        assert f"template=signaler-une-erreur.yml&fiche={record.id}&" in report
