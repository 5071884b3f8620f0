"""Shared fixtures: one gazetteer and one pipeline per test session (building them takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


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
