"""The layer rule of ARCHITECTURE.md, checked on the import graph: dependencies point one way.

    cli  →  site  →  search, exports, parcours  →  the domain (records, territories, places…)

A module may import from its own layer or the layers to its right, never to its left.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "territoires"

# The packages and modules that sit above the domain, most dependent first.
LAYERS = [
    {"territoires.cli"},
    {"territoires.site"},
    {"territoires.search", "territoires.exports", "territoires.parcours"},
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, source: str | None = None) -> set[str]:
    """Absolute names of the project's modules that `path` imports, at any depth of the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return {m for m in found if m.startswith("territoires")}


def layer_of(module: str) -> int:
    """0 for cli, 1 for site, 2 for search/exports/parcours, 3 for the domain."""
    for rank, layer in enumerate(LAYERS):
        if any(module == top or module.startswith(top + ".") for top in layer):
            return rank
    return len(LAYERS)


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_point_one_way(path):
    own = layer_of(module_name(path))
    upward = sorted(m for m in imported_modules(path) if layer_of(m) < own)
    assert not upward, f"{module_name(path)} (couche {own}) importe une couche au-dessus : {upward}"


def test_the_rule_catches_an_upward_import():
    """The check itself can fail: a search module importing the site is caught."""
    path = PACKAGE / "search" / "documents.py"
    assert "territoires.site.views" not in imported_modules(path)
    source = path.read_text(encoding="utf-8") + "\nfrom ..site import views\n"
    assert "territoires.site.views" in imported_modules(path, source)
    assert layer_of("territoires.site.views") < layer_of(module_name(path))
