"""Dates from git history, with a fallback for copies of the repository without .git."""

import datetime as dt
import os
import subprocess

from territoires.history import last_changes, last_commit_date
from tests.conftest import ACTOR, minimal_tree, write
from tests.test_build import build_tree, read


def git(cwd, *args, date="2026-03-10T12:00:00"):
    env = os.environ | {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@exemple.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@exemple.org",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_last_change_of_each_file(tmp_path):
    content = write(tmp_path, minimal_tree())
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "premier", date="2026-03-10T12:00:00")
    (content / "actors" / "association-exemple.md").write_text(
        ACTOR.replace("Présentation", "Nouvelle présentation"), encoding="utf-8"
    )
    git(tmp_path, "commit", "-qam", "second", date="2026-05-20T12:00:00")
    changes = last_changes(content, content)
    assert changes[(content / "actors" / "association-exemple.md").resolve()] == dt.date(2026, 5, 20)
    assert changes[(content / "guides" / "tirage-au-sort.md").resolve()] == dt.date(2026, 3, 10)
    assert last_commit_date(content) == dt.date(2026, 5, 20)


def test_without_git_dates_fall_back_to_the_records(tmp_path):
    content = write(tmp_path, minimal_tree())
    assert last_changes(content, content) == {}
    assert last_commit_date(content) is None


def test_pages_show_git_dates_edit_and_report_links_and_freshness(tmp_path):
    old = ACTOR.replace("date_verification: 2026-01-15", "date_verification: 2024-01-15")
    files = minimal_tree() | {"actors/association-exemple.md": old}
    write(tmp_path, files)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "premier", date="2026-03-10T12:00:00")
    output = build_tree(tmp_path, {})
    html = read(output, "acteurs/association-exemple/index.html")
    assert "Fiche mise à jour le 10 mars 2026 · informations vérifiées le 15 janvier 2024." in html
    assert "<strong>À vérifier :</strong>" in html  # verified more than a year before the last commit
    assert "template=signaler-une-erreur.yml&amp;fiche=association-exemple" in html
    fresh = read(output, "guides/tirage-au-sort/index.html")
    assert "À vérifier" not in fresh
