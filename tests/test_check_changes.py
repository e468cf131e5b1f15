"""What a pull request does to published records, checked in a real git repository."""

from __future__ import annotations

import io
import os
import subprocess

import pytest
from PIL import Image

from territoires import cli
from territoires.problems import Problems
from tests.conftest import ACTOR, minimal_tree, write


def git(cwd, *args):
    env = os.environ | {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@exemple.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@exemple.org",
    }
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
    assert errors == [
        "content/actors/association-renommee.md: fiche renommée (« autre-association » devient « association-renommee ») :"
        " l'identifiant d'une fiche publiée ne change jamais, car il fait son adresse. Gardez le nom de fichier"
        " « autre-association.md » et modifiez plutôt son contenu."
    ]


def test_deletion_is_refused(repo):
    git(repo, "rm", "-q", "content/actors/autre-association.md")
    git(repo, "commit", "-qm", "suppression")
    _, errors, _ = check_changes(repo)
    assert len(errors) == 1 and errors[0].startswith("content/actors/autre-association.md: fiche supprimée")
    assert "Archivez-la plutôt" in errors[0]


def test_archive_is_accepted_and_summarised(repo):
    path = repo / "content" / "actors" / "autre-association.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "date_verification: 2026-01-15",
            "date_verification: 2026-01-15\narchive:\n  date: 2026-11-20\n  motif: Activité arrêtée en 2026.",
        ),
        encoding="utf-8",
    )
    (repo / "content" / "guides" / "nouveau-guide.md").write_text(
        (repo / "content" / "guides" / "tirage-au-sort.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
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
    assert [w.split(": ", 1)[0] for w in warnings] == [
        f"content/actors/autre-association.md:{line}:11",
        f"content/actors/autre-association.md:{line}:35",
    ]
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
