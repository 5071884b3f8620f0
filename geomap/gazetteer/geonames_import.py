"""Import full GeoNames dumps into a gazetteer layer of their own (placeholder, filled below)."""

from __future__ import annotations

import os
from pathlib import Path

IMPORT_FILE = "geonames-import.sqlite"


def default_import_path() -> Path:
    """``$GEOMAP_GEONAMES``, else ``geonames-import.sqlite`` in the user data folder (kept across rebuilds)."""
    if env := os.environ.get("GEOMAP_GEONAMES"):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("geomap")) / IMPORT_FILE


def dump_kind(path: Path) -> str | None:
    """Which GeoNames dump a file is, by its name: "geonames", "admin1", "admin2", "alternates"; None if none."""
    name = path.name.lower()
    if not name.endswith((".txt", ".zip")):
        return None
    stem = name[:-4]
    if stem == "allcountries" or stem.startswith("cities") or (len(stem) == 2 and stem.isalpha()):
        return "geonames"
    if stem.startswith("admin1codes"):
        return "admin1"
    if stem.startswith("admin2codes"):
        return "admin2"
    if stem.startswith("alternatenames"):
        return "alternates"
    return None


def import_dump(path: Path, into: Path | None = None) -> dict:
    """MISSING: the streaming import is not written yet."""
    from geomap.errors import GeomapError

    raise GeomapError(f"{path}: importing GeoNames dumps is not implemented yet")
