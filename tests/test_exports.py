"""Open data: CSV, JSON, GeoJSON, data package, JSON Schemas, JSON-LD and the reuse API."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import ValidationError

from territoires.exports.columns import COLUMNS, LIST_SEPARATOR, neutralised
from territoires.models import KINDS, RECORD_KINDS
from territoires.paths import PROJECT_ROOT
from territoires.schemas import SCHEMA_VERSION

EXAMPLES = PROJECT_ROOT / "schemas" / "exemples"


def data_dir(built_site) -> Path:
    return built_site[0] / "donnees"


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_frictionless_validates_the_data_package(built_site):
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=data_dir(built_site),
        capture_output=True,
        encoding="utf-8",
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, ensure_ascii=False)[:2000]
    assert {task["name"] for task in report["tasks"]} >= {"acteurs", "experiences", "guides", "territoires-en-commun"}


def test_data_package_describes_every_file_with_licence_and_version(built_site):
    package = json.loads((data_dir(built_site) / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert package["version"] == SCHEMA_VERSION
    for resource in package["resources"]:
        assert (data_dir(built_site) / resource["path"]).is_file()
    for entry in package["jsonSchemas"]:
        assert (data_dir(built_site) / entry["path"]).is_file()
    actors = next(r for r in package["resources"] if r["name"] == "acteurs")
    fields = {f["name"]: f for f in actors["schema"]["fields"]}
    assert fields["site_web"]["constraints"]["pattern"].startswith("^https?://")
    assert "offre" not in fields and set(fields["type_structure"]["constraints"]["enum"]) >= {"association", "reseau"}
    assert re.fullmatch(fields["thematiques"]["constraints"]["pattern"], "vie-democratique|jeunesse")
    assert not re.fullmatch(fields["thematiques"]["constraints"]["pattern"], "vie-democratique|inconnu")


@pytest.mark.parametrize("kind", ["actor", "experience", "guide"])
def test_each_csv_has_one_row_per_record_and_snake_case_columns(built_site, kind):
    _, corpus = built_site
    rows = read_csv(data_dir(built_site) / f"{KINDS[kind].export_name}.csv")
    assert [row["id"] for row in rows] == list(corpus.by_kind(kind))
    for name in rows[0]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name


def test_key_fields_round_trip(built_site):
    _, corpus = built_site
    actors = {row["id"]: row for row in read_csv(data_dir(built_site) / "acteurs.csv")}
    for record in corpus.actors.values():
        row = actors[record.id]
        data = record.data
        assert row["nom"] == data.nom
        assert row["thematiques"].split(LIST_SEPARATOR) == list(data.thematiques)
        assert row["departements"] == LIST_SEPARATOR.join(data.intervention.departements)
        assert row["national"] == ("true" if data.intervention.national else "false")
        assert row["date_verification"] == data.date_verification.isoformat()
        assert row["url"].endswith(f"/{record.url}")
        if data.siege and data.siege.latitude is not None:
            assert float(row["latitude"]) == data.siege.latitude
    experiences = {row["id"]: row for row in read_csv(data_dir(built_site) / "experiences.csv")}
    for record in corpus.experiences.values():
        row = experiences[record.id]
        assert row["debut"] == (record.data.debut or "")  # an unknown start is an empty cell
        assert row["demarches"].split(LIST_SEPARATOR) == list(record.data.demarches)
        if record.data.territoire.commune:
            commune = corpus.territories.communes[record.data.territoire.commune]
            assert (row["commune"], row["commune_nom"], row["departement"]) == (commune.code, commune.name, commune.department)
            assert int(row["population"]) == commune.population


def test_official_codes_keep_their_leading_zeros(built_site):
    _, corpus = built_site
    rows = read_csv(data_dir(built_site) / "experiences.csv")
    for row in rows:
        territory = corpus.experiences[row["id"]].data.territoire
        # An INSEE code starts with its department's code (three characters overseas).
        expected = (
            (territory.commune[:3] if territory.commune.startswith("97") else territory.commune[:2])
            if territory.commune
            else territory.departement
        )
        if expected:
            assert row["departement"] == expected, row["id"]
        if row["departement"]:
            assert row["region"] == corpus.territories.departments[row["departement"]].region
    assert any(row["region"].startswith("0") for row in rows)  # e.g. "04", La Réunion


def test_json_export_holds_every_record_nested(built_site):
    _, corpus = built_site
    data = json.loads((data_dir(built_site) / "territoires-en-commun.json").read_text(encoding="utf-8"))
    assert data["metadonnees"]["licence"] == "etalab-2.0"
    for kind in RECORD_KINDS:
        assert [r["id"] for r in data[KINDS[kind].export_name]] == list(corpus.by_kind(kind))
    sample = next(r for r in data["experiences"] if r.get("etapes"))
    assert isinstance(sample["etapes"], list) and "titre" in sample["etapes"][0]
    assert sample["url"].startswith("https://") and sample["texte"] == corpus.experiences[sample["id"]].body.strip()


def test_json_exports_hold_one_record_per_line(built_site):
    """Reusers can read, grep and diff the large files record by record."""
    for name, key in [("territoires-en-commun.json", "acteurs"), ("experiences.geojson", "features")]:
        text = (data_dir(built_site) / name).read_text(encoding="utf-8")
        lines = {line.strip().rstrip(",") for line in text.splitlines()}
        items = json.loads(text)[key]
        assert items and all(json.dumps(item, ensure_ascii=False) in lines for item in items), name


@pytest.mark.parametrize("kind", ["actor", "experience"])
def test_geojson_has_one_feature_per_located_record(built_site, kind):
    _, corpus = built_site
    collection = json.loads((data_dir(built_site) / f"{KINDS[kind].export_name}.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    located = {}
    for record in corpus.by_kind(kind).values():
        point = record.data.siege if kind == "actor" else record.data.coordonnees
        if point is not None and point.latitude is not None:
            located[record.id] = (point.longitude, point.latitude)
    assert {f["properties"]["id"]: tuple(f["geometry"]["coordinates"]) for f in collection["features"]} == located
    for feature in collection["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        assert feature["properties"]["url"].startswith("https://")


def examples(kind: str) -> list[Path]:
    return sorted((EXAMPLES / kind).glob("*.json"))


@pytest.mark.parametrize("kind", ["actor", "experience", "guide"])
def test_json_schemas_are_valid_and_agree_with_the_models(kind):
    schema = json.loads((PROJECT_ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    files = examples(kind)
    assert len([f for f in files if f.name.startswith("valide")]) >= 2
    assert len([f for f in files if f.name.startswith("invalide")]) >= 4
    for path in files:
        text = path.read_text(encoding="utf-8")
        schema_ok = validator.is_valid(json.loads(text))
        try:
            KINDS[kind].model.model_validate_json(text)
            model_ok = True
        except ValidationError:
            model_ok = False
        expected = path.name.startswith("valide")
        assert (schema_ok, model_ok) == (expected, expected), path.name


def test_published_schemas_are_the_generated_ones(built_site):
    for name in RECORD_KINDS:
        published = (data_dir(built_site) / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert published == (PROJECT_ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")


def test_changelog_documents_the_current_version():
    changelog = (PROJECT_ROOT / "schemas" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.findall(r"^### (\d+\.\d+\.\d+)", changelog, re.M)[0] == SCHEMA_VERSION


def json_ld(page: Path) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    return json.loads(block.group(1))


def test_record_pages_carry_schema_org_json_ld(built_site):
    output, corpus = built_site
    for record in corpus.records:
        data = json_ld(output / record.url / "index.html")
        assert data["@context"] == "https://schema.org"
        expected = {"actor": "Organization", "experience": "Article", "guide": "CreativeWork"}[record.kind]
        assert data["@type"] == expected
        assert data.get("name", data.get("headline")) == record.title
        assert data["mainEntityOfPage"].endswith("/" + record.url)


def test_data_page_documents_every_file_and_column(built_site):
    output, _ = built_site
    html = (output / "donnees" / "index.html").read_text(encoding="utf-8")
    for path in (
        "acteurs.csv",
        "experiences.csv",
        "guides.csv",
        "territoires-en-commun.json",
        "acteurs.geojson",
        "experiences.geojson",
        "datapackage.json",
        "schemas/actor.schema.json",
    ):
        assert f'href="/donnees/{path}"' in html
    for kind in COLUMNS:
        for column in COLUMNS[kind]:
            assert f"<code>{column.name}</code>" in html
    assert f"Version du schéma : {SCHEMA_VERSION}" in html
    assert "Licence Ouverte 2.0" in html and "git clone" in html


def test_readme_reuse_example_runs():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Réutiliser les données", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "acteurs," in result.stdout and "anct — Agence nationale de la cohésion des territoires" in result.stdout


def test_load_reports_problems_as_content_error(tmp_path):
    import territoires

    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "x.md").write_text("---\nnom: X\n---\n", encoding="utf-8")
    with pytest.raises(territoires.ContentError) as error:
        territoires.load(tmp_path)
    assert any("champ « type_structure » : champ obligatoire manquant" in p.message for p in error.value.problems)


def _front_matter_as_json(path: Path) -> dict:
    """A record file's front matter as any YAML-to-JSON tool gives it (dates become ISO strings)."""
    import datetime as dt

    import yaml

    def jsonable(value):
        if isinstance(value, dict):
            return {k: jsonable(v) for k, v in value.items()}
        if isinstance(value, list):
            return [jsonable(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return jsonable(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]))


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_every_real_record_file_validates_against_its_published_schema(kind):
    """The schemas describe the files as contributors write them ("oui", dates, quoted codes)."""
    schema = json.loads((PROJECT_ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    files = sorted((PROJECT_ROOT / "content" / KINDS[kind].folder).glob("*.md"))
    assert files
    failures = {
        path.name: [error.message for error in validator.iter_errors(_front_matter_as_json(path))]
        for path in files
        if not validator.is_valid(_front_matter_as_json(path))
    }
    assert failures == {}


def test_french_booleans_are_in_the_schema_and_others_are_not():
    schema = json.loads((PROJECT_ROOT / "schemas" / "experience.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema["properties"]["en_cours"])
    assert validator.is_valid("oui") and validator.is_valid("non") and validator.is_valid(True)
    assert not validator.is_valid("peut-être")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://exemple.fr")', '\'=HYPERLINK("http://exemple.fr")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd", "-2+3+cmd"),  # a minus followed by a digit reads as a number: left as it is
        ("- liste", "'- liste"),
        ("\tcaché", "'\tcaché"),
        ("\rcaché", "'\rcaché"),
        ("+33 1 23 45 67 89", "+33 1 23 45 67 89"),
        ("Commune de Montaud", "Commune de Montaud"),
    ],
)
def test_csv_cells_that_would_run_as_formulas_are_neutralised(text, expected):
    assert neutralised(text) == expected


def test_csv_export_neutralises_a_formula_in_a_record(tmp_path):
    from territoires.exports.tables import csv_text
    from territoires.validation import load_corpus
    from tests.conftest import ACTOR, TODAY, minimal_tree, write

    hostile = ACTOR.replace("nom: Association exemple", 'nom: "=HYPERLINK(1)"')
    content = write(tmp_path, minimal_tree() | {"actors/association-exemple.md": hostile})
    corpus, problems = load_corpus(content, project_root=tmp_path, today=TODAY)
    rows = list(csv.DictReader(io.StringIO(csv_text("actor", corpus, "https://exemple.fr"))))
    assert rows[0]["nom"] == "'=HYPERLINK(1)"
