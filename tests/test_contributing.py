"""The contribution workflow: generated docs and forms, issue → record, change checks, links, workflows."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from territoires import cli
from territoires.contributing import FORMS, rendered_forms, stale_docs
from territoires.from_issue import FORMS as ISSUE_FORMS
from territoires.from_issue import IssueError, proposal_from_issue
from territoires.paths import PROJECT_ROOT
from territoires.problems import Problems
from territoires.territories import reference
from tests.conftest import ACTOR, minimal_tree, write

TODAY = dt.date(2026, 11, 21)


# ---- Generated documentation -------------------------------------------------------------------


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
    for field in ("nom", "intervention.departements", "contact.email", "etapes[].titre", "sources[].url", "etapes_projet", "archive.motif", "logo"):
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


# ---- From issue to record ---------------------------------------------------------------------------


def issue_body(form_name: str, answers: dict) -> str:
    """An issue body as GitHub writes it for one of our forms: "### Label" then the answer."""
    form = ISSUE_FORMS[form_name]()
    parts = []
    for item in form["body"]:
        if "id" not in item:
            continue
        label = item["attributes"]["label"]
        value = answers.get(item["id"])
        if item["type"] == "checkboxes":
            chosen = value or []
            lines = [f"- [{'X' if o['label'] in chosen else ' '}] {o['label']}" for o in item["attributes"]["options"]]
            parts.append(f"### {label}\n\n" + "\n".join(lines))
        else:
            parts.append(f"### {label}\n\n{value if value else '_No response_'}")
    return "\n\n".join(parts) + "\n"


CONSENT = ["J'accepte que ma proposition soit publiée sous Licence Ouverte 2.0.",
           "Ma proposition ne contient aucune donnée personnelle (ni nom d'habitant, ni adresse ou téléphone personnels)."]  # fmt: skip

ACTOR_ANSWERS = {
    "nom": "Collectif Démo",
    "type_structure": "Association",
    "resume": "Un collectif qui aide les petites communes de l'Hérault à organiser des ateliers avec les habitants.",
    "thematiques": ["Vie démocratique et gouvernance locale", "Patrimoine, friches et lieux vacants"],
    "offres": ["Animation et facilitation"],
    "regions": "Occitanie",
    "departements": "Hérault, 30",
    "communes": "34164, 243400017",
    "site_web": "https://exemple.org",
    "contact_email": "contact@exemple.org",
    "presentation": "Le collectif **anime** des ateliers.",
    "consentement": CONSENT,
}

EXPERIENCE_ANSWERS = {
    "titre": "Un atelier de quartier pour refaire la place",
    "resume": "Les habitants ont dessiné avec les élus le nouvel aménagement de la place du village.",
    "commune": "34164",
    "porteur_nom": "Commune de Montaud",
    "porteur_type": "Commune",
    "debut": "2024-03",
    "thematiques": ["Aménagement et urbanisme"],
    "demarches": ["Co-construction de projet"],
    "niveau_participation": "Co-construction",
    "acteurs": "anct",
    "a_retenir": "- Partir des usages\n- Tester avant de construire",
    "sources": "Article du journal | https://exemple.fr/article",
    "recit": "## Contexte\n\nLa place était un parking.",
    "consentement": CONSENT,
}


def test_actor_issue_becomes_a_valid_record(tmp_path):
    proposal = proposal_from_issue(issue_body("actor", ACTOR_ANSWERS), TODAY, reference())
    assert (proposal.kind, proposal.record_id, proposal.problems) == ("actor", "collectif-demo", [])
    assert proposal.fields["intervention"] == {"regions": ["76"], "departements": ["34", "30"], "epci": ["243400017"], "communes": ["34164"]}
    assert proposal.fields["thematiques"] == ["vie-democratique", "patrimoine-friches"]
    content = write(tmp_path, minimal_tree() | {"actors/collectif-demo.md": proposal.text()})
    assert cli.main(["validate", "--content", str(content)]) == 0


def test_experience_issue_through_the_command(tmp_path, capsys):
    content = write(tmp_path, minimal_tree() | {"actors/anct.md": ACTOR.replace("Association exemple", "ANCT")})
    body = tmp_path / "issue.md"
    body.write_text(issue_body("experience", EXPERIENCE_ANSWERS), encoding="utf-8")
    report = tmp_path / "compte-rendu.md"
    code = cli.main(["from-issue", str(body), "--content", str(content), "--report", str(report), "--date", "2026-11-21"])
    assert code == 0, capsys.readouterr().err
    created = content / "experiences" / "un-atelier-de-quartier-pour-refaire-la-place.md"
    text = created.read_text(encoding="utf-8")
    assert "en_cours: true" in text and "a_retenir:\n- Partir des usages\n- Tester avant de construire" in text
    assert text.endswith("## Contexte\n\nLa place était un parking.\n")
    assert "Merci ! Votre proposition est devenue la fiche" in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "field, value",
    [
        ("nom", 'Démo"; rm -rf / $(whoami) `id`'),
        ("resume", "Texte normal assez long pour être accepté.\nsite_web: javascript:alert(1)\n---\nx: y"),
        ("site_web", "https://exemple.org/?q=$(reboot)&a=`id`"),
        ("presentation", "{{ 7*7 }} {% include '/etc/passwd' %} ${HOME}"),
    ],
)
def test_hostile_answers_stay_data(tmp_path, field, value):
    answers = ACTOR_ANSWERS | {field: value}
    proposal = proposal_from_issue(issue_body("actor", answers), TODAY, reference())
    content = write(tmp_path, minimal_tree() | {f"actors/{proposal.record_id}.md": proposal.text()})
    from territoires.loading import read_record
    from territoires.models import KINDS

    record = read_record(content / "actors" / f"{proposal.record_id}.md", KINDS["actor"], Problems(tmp_path))
    assert set(record.raw) <= set(KINDS["actor"].model.model_fields)  # no answer added a field
    stored = record.body if field == "presentation" else record.raw[field]
    assert " ".join(stored.split()) == " ".join(value.split()) or stored == value


def test_hostile_markup_is_reported_not_published(tmp_path, capsys):
    content = write(tmp_path, minimal_tree())
    body = tmp_path / "issue.md"
    body.write_text(issue_body("actor", ACTOR_ANSWERS | {"presentation": "<script>alert(1)</script>", "site_web": "javascript:alert(1)"}), encoding="utf-8")
    report = tmp_path / "compte-rendu.md"
    assert cli.main(["from-issue", str(body), "--content", str(content), "--report", str(report)]) == 1
    text = report.read_text(encoding="utf-8")
    assert "champ « site_web » : une adresse web complète commençant par https:// ou http:// attendu" in text
    assert "HTML brut « <script> » non accepté" in text
    assert "Modifiez votre issue" in text


def test_unknown_places_and_values_are_explained():
    answers = ACTOR_ANSWERS | {"regions": "Atlantide", "communes": "12"}
    proposal = proposal_from_issue(issue_body("actor", answers), TODAY, reference())
    assert proposal.problems == [
        "« Régions couvertes » : « Atlantide » n'est ni un code ni un nom connu",
        "« Intercommunalités ou communes couvertes » : « 12 » n'est ni un code INSEE ni un SIREN",
    ]


def test_text_that_is_not_a_form_is_refused():
    with pytest.raises(IssueError) as error:
        proposal_from_issue("Bonjour, pouvez-vous ajouter mon association ?", TODAY, reference())
    assert "formulaire" in error.value.messages[0]


# ---- Change checks in a real git repository -----------------------------------------------------


def git(cwd, *args):
    env = os.environ | {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@exemple.org", "GIT_COMMITTER_NAME": "Test",
                        "GIT_COMMITTER_EMAIL": "t@exemple.org"}  # fmt: skip
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, encoding="utf-8").stdout


@pytest.fixture
def repo(tmp_path):
    write(tmp_path, minimal_tree() | {"actors/autre-association.md": ACTOR.replace("Association exemple", "Autre association")})
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "switch", "-q", "-c", "proposition")
    return tmp_path


def check_changes(repo):
    from territoires.changes import check

    problems = Problems(repo)
    rows = check(repo, "main", problems)
    return rows, [p.format() for p in problems.errors], [p.format() for p in problems.warnings]


def test_rename_is_refused(repo):
    git(repo, "mv", "content/actors/autre-association.md", "content/actors/association-renommee.md")
    git(repo, "commit", "-qm", "renommage")
    _, errors, _ = check_changes(repo)
    assert errors == ["content/actors/association-renommee.md: fiche renommée (« autre-association » devient « association-renommee ») :"
                      " l'identifiant d'une fiche publiée ne change jamais, car il fait son adresse. Gardez le nom de fichier"
                      " « autre-association.md » et modifiez plutôt son contenu."]  # fmt: skip


def test_deletion_is_refused(repo):
    git(repo, "rm", "-q", "content/actors/autre-association.md")
    git(repo, "commit", "-qm", "suppression")
    _, errors, _ = check_changes(repo)
    assert len(errors) == 1 and errors[0].startswith("content/actors/autre-association.md: fiche supprimée")
    assert "Archivez-la plutôt" in errors[0]


def test_archive_is_accepted_and_summarised(repo):
    path = repo / "content" / "actors" / "autre-association.md"
    path.write_text(path.read_text(encoding="utf-8").replace("date_verification: 2026-01-15", "date_verification: 2026-01-15\narchive:\n  date: 2026-11-20\n  motif: Activité arrêtée en 2026."), encoding="utf-8")
    (repo / "content" / "guides" / "nouveau-guide.md").write_text((repo / "content" / "guides" / "tirage-au-sort.md").read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "archivage")
    rows, errors, warnings = check_changes(repo)
    assert errors == [] and warnings == []
    assert rows == [
        {"kind": "actor", "id": "autre-association", "action": "archivée", "url": "acteurs/autre-association/"},
        {"kind": "guide", "id": "nouveau-guide", "action": "ajoutée", "url": "guides/nouveau-guide/"},
    ]
    from territoires.changes import summary_markdown

    summary = summary_markdown(rows, "https://exemple.org", Problems(repo))
    assert "| `autre-association` | Acteur | archivée | https://exemple.org/acteurs/autre-association/ |" in summary


def test_personal_data_and_heavy_images_are_flagged(repo):
    path = repo / "content" / "actors" / "autre-association.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nContact : marie.durand@gmail.com, 06 12 34 56 78.\n", encoding="utf-8")
    buffer = io.BytesIO()
    Image.effect_noise((1500, 1500), 100).convert("RGB").save(buffer, "PNG")
    (repo / "content" / "images").mkdir()
    (repo / "content" / "images" / "lourde.png").write_bytes(buffer.getvalue())
    rows, errors, warnings = check_changes(repo)  # uncommitted changes count too
    assert errors == [f"content/images/lourde.png: image trop lourde ({len(buffer.getvalue()) // 1000} ko, 1000 ko au plus)"]
    line = path.read_text(encoding="utf-8").splitlines().index("Contact : marie.durand@gmail.com, 06 12 34 56 78.") + 1
    assert [w.split(": ", 1)[0] for w in warnings] == [f"content/actors/autre-association.md:{line}:11", f"content/actors/autre-association.md:{line}:35"]
    assert "prénom.nom" in warnings[0] and "portable" in warnings[1]


def test_check_changes_command_prints_github_annotations(repo, monkeypatch, capsys):
    git(repo, "rm", "-q", "content/guides/tirage-au-sort.md")
    git(repo, "commit", "-qm", "suppression")
    monkeypatch.setattr(cli, "PROJECT_ROOT", repo)
    summary = repo / "resume.md"
    assert cli.main(["check-changes", "--base", "main", "--format", "github", "--summary", str(summary)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=content/guides/tirage-au-sort.md,title=Territoires en commun::fiche supprimée")
    assert "### Changements refusés" in summary.read_text(encoding="utf-8")


# ---- Monthly upkeep ------------------------------------------------------------------------------


def test_link_check_and_freshness(tmp_path):
    import http.server
    import threading

    from territoires.maintenance import broken_links, freshness_report, stale_records
    from territoires.validation import validated_corpus

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    actor = ACTOR.replace("offres:", f"site_web: http://127.0.0.1:{port}/ok\noffres:").replace("2026-01-15", "2024-06-01")
    other = ACTOR.replace("offres:", f"site_web: http://127.0.0.1:{port}/disparu\noffres:")
    content = write(tmp_path, minimal_tree() | {"actors/association-exemple.md": actor, "actors/autre.md": other})
    corpus = validated_corpus(content, project_root=tmp_path, today=TODAY)
    try:
        broken = broken_links(corpus, timeout=5)
    finally:
        server.shutdown()
    assert [(b.url, b.reason) for b in broken] == [(f"http://127.0.0.1:{port}/disparu", "erreur 404")]
    stale = stale_records(corpus, TODAY)
    assert [r.id for r in stale] == ["association-exemple"]
    assert "| `content/actors/association-exemple.md` | 2024-06-01 |" in freshness_report(stale, TODAY)


# ---- Workflows ---------------------------------------------------------------------------------


WORKFLOWS = sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml"))


def test_zizmor_finds_nothing():
    zizmor = str(Path(sys.executable).parent / "zizmor")
    result = subprocess.run([zizmor, "--offline", "--persona", "pedantic", ".github/workflows"],
                            cwd=PROJECT_ROOT, capture_output=True, encoding="utf-8", timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_keep_least_privilege(path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    for use in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use), use
    for job in workflow["jobs"].values():
        assert "permissions" in job
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
    assert "${{ github.event.issue.body }}" not in "".join(
        step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])
    )
