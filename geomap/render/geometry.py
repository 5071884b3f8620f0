"""Reading points out of event GeoJSON, shared by the map's payload and its labels."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def finite(value: Any) -> float | None:
    """A real, finite number or None (bools are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def point(geometry: Any) -> tuple[float, float] | None:
    """(lon, lat) of a valid GeoJSON Point as given, else None (not drawable)."""
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        return None
    coords = geometry.get("coordinates")
    if not isinstance(coords, (list, tuple)) or len(coords) < 2:
        return None
    lon, lat = finite(coords[0]), finite(coords[1])
    if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    # The given numbers, not floats of them: the export button must give back what came in.
    return coords[0], coords[1]
