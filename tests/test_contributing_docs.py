"""Generated contributor documentation and issue forms, in sync with the models."""

from __future__ import annotations

import json
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


def test_the_editor_chooses_territories_by_name_and_stores_their_codes():
    """Every territory field of the models is the project's territory widget, on the right list;
    the lists carry the official code, a name told apart from its homonyms, and a search key."""
    from territoires.editor import collection, territory_lists
    from territoires.territories import reference

    def fields(group):
        return {field["name"]: field for field in group["fields"]}

    actor, experience = fields(collection("actor")), fields(collection("experience"))
    coverage = fields(actor["intervention"])
    assert [(coverage[n]["niveau"], coverage[n]["multiple"]) for n in ("regions", "departements", "epci", "communes")] == [
        ("regions", True), ("departements", True), ("epci", True), ("communes", True),
    ]  # fmt: skip
    seat = fields(actor["siege"])["commune"]
    assert (seat["widget"], seat["niveau"], seat["multiple"]) == ("territoire", "communes", False)
    place = fields(experience["territoire"])
    assert {name: place[name]["niveau"] for name in ("commune", "communes", "epci", "departement", "region")} == {
        "commune": "communes", "communes": "communes", "epci": "epci", "departement": "departements", "region": "regions",
    }  # fmt: skip
    assert "Tapez le nom" in coverage["communes"]["hint"]

    ref = reference()
    communes = json.loads(territory_lists(ref)["communes.json"])
    assert len(communes) == len(ref.communes)
    rows = {row[0]: row for row in communes}
    assert rows["34164"] == ["34164", "Montaud (34)", "montaud"]
    assert rows["93066"][1:] == ["Saint-Denis (93)", "saint denis"]
    assert rows["2A004"][1] == "Ajaccio (2A)"
    departments = {row[0]: row[2] for row in json.loads(territory_lists(ref)["departements.json"])}
    assert departments["34"] == "herault" and len(departments) == len(ref.departments)


def test_the_editor_previews_every_record_collection():
    """admin.js names the collections it gives the site's look: exactly those of the configuration."""
    config = yaml.safe_load((PROJECT_ROOT / "admin" / "config.yml").read_text(encoding="utf-8"))
    script = (PROJECT_ROOT / "theme" / "static" / "js" / "admin.js").read_text(encoding="utf-8")
    previewed = re.search(r"for \(const kind of (\[[^\]]*\])\) CMS\.registerPreviewTemplate", script).group(1)
    assert json.loads(previewed) == [collection["name"] for collection in config["collections"]]
