"""Maps of departments shaded by a count, drawn at build time as inline SVG.

No script, no tiles: the map is part of the page and prints. Outlines come from the ANCT's
generalised department file (overseas departments drawn in insets, as on French maps); they are
simplified here to a few thousand points. The map is decorative for screen readers (its numbers
are in the table or list that the page puts beside it, which is its accessible alternative).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from ..outlines import department_rings

WIDTH = 560  # SVG user units; the CSS scales the map to its column
TOLERANCE = 4  # points closer than this to the last kept one are dropped
LEVELS = 5  # shades, from "none" to "many"


@dataclass(frozen=True)
class Outline:
    code: str
    name: str
    path: str  # SVG path data


@cache
def outlines() -> tuple[tuple[Outline, ...], float]:
    """Every department's outline as SVG path data, and the map's height."""
    rings = department_rings()
    points = [point for _, parts in rings.values() for ring in parts for point in ring]
    west, east = min(x for x, _ in points), max(x for x, _ in points)
    south, north = min(y for _, y in points), max(y for _, y in points)
    squeeze = math.cos(math.radians((north + south) / 2))  # longitudes shrink with latitude
    scale = WIDTH / ((east - west) * squeeze)
    height = (north - south) * scale

    def project(x: float, y: float) -> tuple[float, float]:
        return (x - west) * squeeze * scale, (north - y) * scale

    result = []
    for code, (name, parts) in sorted(rings.items()):
        commands = []
        for ring in parts:
            kept: list[tuple[float, float]] = []
            for x, y in (project(*point) for point in ring):
                if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= TOLERANCE:
                    kept.append((x, y))
            if len(kept) >= 3:
                commands.append("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in kept) + "Z")
        result.append(Outline(code, name, "".join(commands)))
    return tuple(result), height


def shade(count: int, highest: int) -> int:
    """0 for none, then 1 to LEVELS - 1 by quantiles of the highest count."""
    if count <= 0 or highest <= 0:
        return 0
    return min(LEVELS - 1, 1 + int((count - 1) * (LEVELS - 1) / max(highest, 1)))


def department_map(counts: dict[str, int], title: str, unit: tuple[str, str]) -> Markup:
    """An SVG map of departments shaded by `counts`; `unit` is the French (singular, plural) of
    what is counted."""
    shapes, height = outlines()
    highest = max(counts.values(), default=0)
    parts = [
        f'<svg class="department-map" viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-hidden="true"'
        f' focusable="false" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for outline in shapes:
        count = counts.get(outline.code, 0)
        label = f"{outline.name} : {count} {unit[0] if count < 2 else unit[1]}"
        parts.append(
            f'<path class="department-map__shade-{shade(count, highest)}" d="{outline.path}"><title>{escape(label)}</title></path>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def legend(counts: dict[str, int], unit: tuple[str, str]) -> list[dict]:
    """The shades used by `department_map`, each with the range of counts it stands for."""
    highest = max(counts.values(), default=0)
    items = [{"shade": 0, "label": "0"}]
    for level in range(1, LEVELS):
        values = [n for n in range(1, highest + 1) if shade(n, highest) == level]
        if values:
            low, high = values[0], values[-1]
            items.append({"shade": level, "label": f"{low}" if low == high else f"de {low} à {high}"})
    return items
