"""When each record was last changed, from git history.

The site shows "mis à jour le …" from the last commit that touched a record's file. A plain copy
of the repository without `.git` (a downloaded archive) has no history: every date then falls
back to the record's own verification date, and the build still works.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changes(root: Path, folder: Path) -> dict[Path, dt.date]:
    """Absolute file path -> date of the last commit that changed it, for files under `folder`."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", str(folder)],
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    toplevel = _toplevel(root)
    if toplevel is None:
        return {}
    dates: dict[Path, dt.date] = {}
    current: dt.date | None = None
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            current = dt.date.fromisoformat(line[1:].strip())
        elif line.strip() and current is not None:
            dates.setdefault((toplevel / line.strip()).resolve(), current)
    return dates


def last_commit_date(root: Path) -> dt.date | None:
    """Date of the repository's last commit: the "today" of a build, which keeps builds reproducible."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%cs"], capture_output=True, encoding="utf-8", timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.strip()
    return dt.date.fromisoformat(text) if text else None


def _toplevel(root: Path) -> Path | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            encoding="utf-8",
            timeout=30,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(result.stdout.strip()).resolve()
