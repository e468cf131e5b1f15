"""`python build.py check-changes --base REF`: what a pull request does to the published records.

Published ids are URLs that people and reusers rely on: renaming or deleting a record file is
refused (archive it instead). Added or changed files are checked for what a reviewer must look
at: text that looks like personal data, oversized pictures. The same comparison gives the job
summary of a pull request: records added, changed or archived, with their future URLs.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import personal_data, strictyaml
from .images import MAX_BYTES
from .loading import split_front_matter
from .models import KINDS, RECORD_KINDS
from .problems import Problems

RECORD_FOLDERS = {KINDS[kind].folder: kind for kind in RECORD_KINDS}


class GitError(Exception):
    pass


@dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted, R renamed
    path: str  # path in the new tree (the old one for deletions), relative to the repository
    old_path: str | None = None

    @property
    def kind(self) -> str | None:
        parts = Path(self.old_path or self.path).parts
        if len(parts) == 3 and parts[0] == "content" and parts[1] in RECORD_FOLDERS and parts[2].endswith(".md"):
            return RECORD_FOLDERS[parts[1]]
        return None


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, encoding="utf-8", timeout=120)
    except OSError as exc:
        raise GitError(f"git introuvable ({exc.strerror})") from exc
    if result.returncode != 0:
        raise GitError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "erreur de git")
    return result.stdout


def changes(root: Path, base: str) -> list[Change]:
    """Files of content/ changed between `base` and the working tree (committed or not)."""
    merge_base = _git(root, "merge-base", base, "HEAD").strip()
    output = _git(root, "diff", "--name-status", "-M", merge_base, "--", "content")
    found = []
    for line in output.splitlines():
        parts = line.split("\t")
        status = parts[0][0]
        if status == "R":
            found.append(Change("R", parts[2], parts[1]))
        elif status in "AMD":
            found.append(Change(status, parts[1]))
    for line in _git(root, "ls-files", "--others", "--exclude-standard", "--", "content").splitlines():
        found.append(Change("A", line))
    return sorted(set(found), key=lambda c: (c.path, c.status))


def _archived(text: str) -> bool:
    split = split_front_matter(text)
    if isinstance(split, str):
        return False
    parsed = strictyaml.parse(split[0])
    return isinstance(parsed.data, dict) and parsed.data.get("archive") is not None


def check(root: Path, base: str, problems: Problems) -> list[dict]:
    """Report refused and suspicious changes; return the summary rows (one per record touched)."""
    rows = []
    for change in changes(root, base):
        kind = change.kind
        path = root / change.path
        if kind and change.status == "D":
            problems.add(
                path,
                0,
                0,
                "fiche supprimée : une fiche publiée ne se supprime pas, son adresse est utilisée par d'autres."
                " Archivez-la plutôt (champ « archive » avec une date et un motif) : la page reste en ligne, signalée comme archivée.",
            )
            continue
        if kind and change.status == "R":
            old_id = Path(change.old_path).stem
            problems.add(
                path,
                0,
                0,
                f"fiche renommée (« {old_id} » devient « {path.stem} ») : l'identifiant d'une fiche publiée ne change jamais,"
                f" car il fait son adresse. Gardez le nom de fichier « {old_id}.md » et modifiez plutôt son contenu.",
            )
            continue
        if change.status == "D" or not path.is_file():
            continue
        if path.parent.name == "images" and path.stat().st_size > MAX_BYTES:
            problems.add(path, 0, 0, f"image trop lourde ({path.stat().st_size // 1000} ko, {MAX_BYTES // 1000} ko au plus)")
        if path.suffix != ".md":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for line, col, message in personal_data.findings(text):
            problems.add(path, line, col, message, severity="warning")
        if kind:
            before = (
                _git(root, "show", f"{_git(root, 'merge-base', base, 'HEAD').strip()}:{change.path}")
                if change.status == "M"
                else ""
            )
            if change.status == "A":
                action = "ajoutée"
            elif _archived(text) and not _archived(before):
                action = "archivée"
            else:
                action = "modifiée"
            rows.append({"kind": kind, "id": path.stem, "action": action, "url": f"{KINDS[kind].url_prefix}/{path.stem}/"})
    return rows


def summary_markdown(rows: list[dict], site: str, problems: Problems) -> str:
    """The job summary of a pull request, in French Markdown."""
    lines = ["## Fiches concernées par cette proposition", ""]
    if rows:
        lines += ["| Fiche | Type | Changement | Adresse une fois publiée |", "|---|---|---|---|"]
        lines += [f"| `{r['id']}` | {KINDS[r['kind']].title} | {r['action']} | {site}/{r['url']} |" for r in rows]
    else:
        lines.append("Aucune fiche ajoutée, modifiée ou archivée.")
    errors, warnings = problems.errors, problems.warnings
    if errors:
        lines += ["", "### Changements refusés", ""] + [f"- `{p.path}` : {p.message}" for p in errors]
    if warnings:
        lines += ["", "### Points à vérifier par les relecteurs", ""]
        lines += [f"- `{p.path}`{f', ligne {p.line}' if p.line else ''} : {p.message}" for p in warnings]
    return "\n".join(lines) + "\n"
