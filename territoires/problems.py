"""Problems found in content, and the one error type that carries them.

Every check in the pipeline reports `Problem`s instead of raising at the first one, so that a
contributor sees every mistake of every file in a single run (collect everything, fail once).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .characters import visible
from .paths import resolved_folder


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, worded for the person who wrote the file."""

    path: str
    line: int = 0
    col: int = 0
    message: str = ""
    severity: str = field(default="error", compare=False)

    def format(self) -> str:
        """`path:line:col: message`, the form editors and CI logs recognise."""
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}: {self.message}"
        return f"{self.path}: {self.message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so that the message lands on the changed line."""
        level = "error" if self.severity == "error" else "warning"
        props = [f"file={_escape_property(self.path)}"]
        if self.line:
            props += [f"line={self.line}", f"col={self.col or 1}"]
        props.append("title=" + _escape_property("Territoires en commun"))
        return f"::{level} {','.join(props)}::{_escape_data(self.message)}"

    def as_dict(self) -> dict:
        return {
            "fichier": self.path,
            "ligne": self.line,
            "colonne": self.col,
            "message": self.message,
            "gravite": self.severity,
        }


class ContentError(Exception):
    """The content has problems; `problems` lists every one of them, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problème(s) dans le contenu")

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)


class Problems:
    """A collector: checks add to it, the caller decides when to fail."""

    def __init__(self, root: Path | None = None):
        self.root = root
        self.items: list[Problem] = []

    def display_path(self, path: Path | str) -> str:
        """Paths are shown relative to the project root, as contributors see them on GitHub."""
        path = path if isinstance(path, Path) else Path(path)
        if self.root is not None:
            folder = _shown_folder(path.parent, self.root)
            if folder is not None:
                return path.name if folder == "." else f"{folder}/{path.name}"
        return path.as_posix()

    def add(self, path: Path | str, line: int, col: int, message: str, severity: str = "error") -> None:
        # Paths and quoted values come from contributors: spell out what a terminal cannot show.
        self.items.append(Problem(visible(self.display_path(path)), line, col, visible(message), severity))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity != "error")

    def __len__(self) -> int:
        return len(self.items)


@lru_cache(maxsize=1024)
def _shown_folder(folder: Path, root: Path) -> str | None:
    """`folder` relative to `root`, or None if it is elsewhere, computed once per folder. The folder
    is resolved, not the file: a symbolic link is named as itself, not as its target."""
    try:
        return resolved_folder(folder).relative_to(resolved_folder(root)).as_posix()
    except ValueError:
        return None


def to_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in sorted(problems)], ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
