"""Department outlines (the ANCT's generalised file), for maps and for checking coordinates.

The outlines are generalised (a few hundred metres off at places): a point is taken as inside a
department when it is inside its outline or within `TOLERANCE_KM` of it. Overseas departments are
drawn in insets near metropolitan France in this file, so their coordinates are not real: points
of overseas records are not checked against them.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from .paths import DATA_DIR

OUTLINES = DATA_DIR / "accompagnements" / "source" / "departements.geojson"
TOLERANCE_KM = 3.0
KM_PER_DEGREE = 111.2

Ring = list[tuple[float, float]]


@cache
def department_rings(path: Path = OUTLINES) -> dict[str, tuple[str, list[Ring]]]:
    """department code -> (name, rings in longitude/latitude)."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    rings = {}
    for feature in features:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings[feature["properties"]["insee_dep"]] = (
            feature["properties"]["lib_dep"],
            [[(x, y) for x, y in ring] for polygon in polygons for ring in polygon],
        )
    return rings


def _inside(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _distance_km(lon: float, lat: float, ring: Ring) -> float:
    """Shortest distance from the point to the ring's edges (equirectangular: fine at this scale)."""
    squeeze = math.cos(math.radians(lat))
    px, py = lon * squeeze, lat
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        ax, ay, bx, by = x1 * squeeze, y1, x2 * squeeze, y2
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
    return best * KM_PER_DEGREE


def distance_outside(code: str, lat: float, lon: float) -> float | None:
    """How far (km) a point lies outside a metropolitan department; 0 inside or within tolerance;
    None when it cannot be checked (an overseas department, or no outline)."""
    if code.startswith("97") or code not in department_rings():
        return None
    rings = department_rings()[code][1]
    if any(_inside(lon, lat, ring) for ring in rings):
        return 0.0
    distance = min(_distance_km(lon, lat, ring) for ring in rings)
    return 0.0 if distance <= TOLERANCE_KM else distance
