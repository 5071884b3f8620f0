"""Shared fixtures: one gazetteer and one pipeline per test session (building them takes seconds)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# The analyst's own user layer and GeoNames import must not change what the tests see: point them at
# files that do not exist (tests that need them pass their own paths).
_LAYERS = Path(tempfile.mkdtemp(prefix="geomap-test-layers-"))
os.environ["GEOMAP_USER_PLACES"] = str(_LAYERS / "user-places.sqlite")
os.environ["GEOMAP_GEONAMES"] = str(_LAYERS / "geonames-import.sqlite")


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.gazetteer.store import Gazetteer

    return Gazetteer.open()


@pytest.fixture(scope="session")
def pipeline(gazetteer):
    from geomap.pipeline import Pipeline

    return Pipeline(gazetteer)


@pytest.fixture(scope="session")
def seed_result(pipeline):
    """The events of the two bundled example articles, merged."""
    from geomap.ingest import bundled_examples, read_articles

    return pipeline.run(read_articles(bundled_examples()))


@pytest.fixture()
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED
