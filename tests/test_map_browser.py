"""The written map in a real browser (Debian's Chromium via Playwright).

Opened from file:// with every request recorded: anything that is not the map file
itself or a data:/about: URL fails the test, as does any page or console error.
Skipped when Chromium or the playwright package is missing, unless
GEOMAP_REQUIRE_BROWSER=1 (then missing pieces are a failure).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from geomap.render.map import write_map

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY_TIMEOUT_MS = 30_000

HOSTILE_EVIDENCE = '<img src=x onerror="window.pwned=1"> drones were shot down'
HOSTILE_TITLE = "<script>window.pwned=2</script>"

pytestmark = pytest.mark.browser


# --------------------------------------------------------------------------- skip logic / browser


def _missing_browser_reason() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the playwright Python package is not installed"
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


def _require_browser() -> None:
    """Skip (or, with GEOMAP_REQUIRE_BROWSER=1, fail) when the browser stack is missing."""
    reason = _missing_browser_reason()
    if reason is None:
        return
    if os.environ.get("GEOMAP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"GEOMAP_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class PageLog:
    """Everything the page did that a test may want to fail on."""

    map_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests other than the map file itself and data:/about: URLs."""
        return [u for u in self.requests if u != self.map_url and not u.startswith(("data:", "about:"))]

    def assert_clean(self) -> None:
        assert self.foreign_requests() == [], "the map made requests beyond its own file"
        assert self.errors == [], "page or console errors"


@pytest.fixture
def open_map(browser: Any) -> Iterator[Any]:
    """Open a FeatureCollection as a written map; returns (page, log). Checks the log after."""
    contexts: list[Any] = []
    logs: list[PageLog] = []

    def opener(tmp: Path, collection: dict[str, Any], **kw: Any) -> tuple[Any, PageLog]:
        path = write_map(collection, tmp / "map.html", **kw)
        url = path.resolve().as_uri()
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        contexts.append(context)
        page = context.new_page()
        log = PageLog(map_url=url)
        logs.append(log)
        page.on("request", lambda request: log.requests.append(request.url))
        page.on("pageerror", lambda error: log.errors.append(f"pageerror: {error}"))
        page.on(
            "console",
            lambda message: log.errors.append(f"console: {message.text}") if message.type == "error" else None,
        )
        page.goto(url)
        page.wait_for_function("window.geomapReady === true", timeout=READY_TIMEOUT_MS)
        return page, log

    yield opener
    for context in contexts:
        context.close()
    for log in logs:
        log.assert_clean()


# --------------------------------------------------------------------------- test data


def _event(
    event_id: str,
    event_type: str,
    lonlat: tuple[float, float] | None,
    *,
    place: str,
    place_name: str | None,
    precision: str | None,
    evidence: str,
    extent: list[float] | None = None,
    title: str = "Reuters: overnight report",
    url: str = "https://example.org/news/1",
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": event_id,
        "geometry": None if lonlat is None else {"type": "Point", "coordinates": list(lonlat)},
        "properties": {
            "id": event_id,
            "event_type": event_type,
            "event_label": event_type.replace("_", " ").capitalize(),
            "status": "happened",
            "place": place,
            "place_name": place_name,
            "geonameid": None,
            "country_code": None,
            "admin1_code": None,
            "precision": precision,
            "extent": extent,
            "date": "2025-03-11",
            "date_precision": "day",
            "sources": [{"article_id": f"art-{event_id}", "title": title, "published": "2025-03-11", "url": url}],
            "corroboration": 1,
            "evidence": evidence,
            "trigger": "said",
            "actors": ["Ukraine", "Russia"],
            "claimant": None,
            "quantities": [],
            "confidence": 0.72,
        },
    }


def sample_collection() -> dict[str, Any]:
    """Seed-like events: several types, an oblast-level event, one without a place."""
    return {
        "type": "FeatureCollection",
        "geomap": {"generator": "test"},
        "features": [
            _event(
                "sumy-1", "drone_strike", (34.8, 50.9), place="Sumy region", place_name="Sumy Oblast",
                precision="admin1", extent=[32.9, 50.0, 35.6, 52.4],
                evidence="Russian drones struck the Sumy region overnight, officials said.",
            ),
            _event(
                "sumy-2", "drone_strike", (34.8, 50.9), place="Sumy oblast", place_name="Sumy Oblast",
                precision="admin1", extent=[32.9, 50.0, 35.6, 52.4],
                evidence="Another drone attack hit Sumy oblast on Tuesday.",
            ),
            _event(
                "helsinki-1", "press_conference", (24.94, 60.17), place="Helsinki", place_name="Helsinki",
                precision="place", evidence="The ministers spoke to reporters in Helsinki.",
            ),
            _event(
                "riyadh-1", "talks", (46.72, 24.69), place="Riyadh", place_name="Riyadh",
                precision="place", evidence="Delegations met in Riyadh for talks.",
            ),
            _event(
                "hostile-1", "interception", (30.52, 50.45), place="Kyiv", place_name="Kyiv",
                precision="place", evidence=HOSTILE_EVIDENCE, title=HOSTILE_TITLE, url="javascript:window.pwned=3",
            ),
            _event(
                "nowhere-1", "phone_call", None, place="", place_name=None, precision=None,
                evidence="The two presidents spoke by phone.",
            ),
        ],
    }


def _drawn(collection: dict[str, Any], event_type: str | None = None) -> int:
    return sum(
        1
        for f in collection["features"]
        if f["geometry"] is not None and (event_type is None or f["properties"]["event_type"] == event_type)
    )


# --------------------------------------------------------------------------- tests


def test_map_loads_offline_and_draws_all_placed_events(open_map: Any, tmp_path: Path) -> None:
    collection = sample_collection()
    page, log = open_map(tmp_path, collection)
    assert page.evaluate("window.geomapVisibleCount()") == _drawn(collection) == 5
    info = page.locator(".geomap-info").inner_text()
    assert "1 event without a place is listed in the GeoJSON" in info
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "Places: GeoNames (CC BY 4.0)" in attribution and "Natural Earth" in attribution
    assert page.evaluate("typeof L !== 'undefined' && L.version") == "1.9.3"
    assert page.locator(".leaflet-overlay-pane canvas, .leaflet-pane canvas").count() >= 1  # outlines
    log.assert_clean()


def test_unticking_a_type_hides_exactly_its_events(open_map: Any, tmp_path: Path) -> None:
    collection = sample_collection()
    page, _ = open_map(tmp_path, collection)
    before = page.evaluate("window.geomapVisibleCount()")
    checkbox = page.locator(
        ".leaflet-control-layers-overlays label:has([data-type='drone_strike']) input[type=checkbox]"
    )
    assert checkbox.is_checked()
    label = page.locator(".leaflet-control-layers-overlays [data-type='drone_strike']").inner_text()
    assert "Drone strike" in label and "(2)" in label
    checkbox.click()
    assert not checkbox.is_checked()
    assert page.evaluate("window.geomapVisibleCount()") == before - _drawn(collection, "drone_strike")
    checkbox.click()
    assert page.evaluate("window.geomapVisibleCount()") == before


def test_hostile_article_text_stays_text(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    # A real click on the marker, once it is shown unclustered.
    point = page.evaluate("window.geomapRevealEvent('hostile-1')")
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    text = popup.text_content() or ""
    assert "<img src=x" in text
    assert HOSTILE_TITLE in text
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert popup.locator("img, script").count() == 0
    assert popup.locator("a").count() == 0  # javascript: URL is not linked
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_popup_shows_the_event_details(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    text = page.evaluate("window.geomapOpenEvent('helsinki-1')")
    for expected in ("Press conference", "happened", "Helsinki", "2025-03-11 (day)", "0.72", "1 source"):
        assert expected in text
    link = page.locator(".leaflet-popup-content a")
    assert link.get_attribute("href") == "https://example.org/news/1"
    assert link.get_attribute("rel") == "noopener noreferrer"


def test_area_event_is_a_ring_with_its_extent_on_popup(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    text = page.evaluate("window.geomapOpenEvent('sumy-1')")
    assert "Sumy Oblast (admin1)" in text
    has_rectangle = page.evaluate(
        "(() => { let found = false; window.geomapMap.eachLayer(l => { if (l instanceof L.Rectangle) found = true; });"
        " return found; })()"
    )
    assert has_rectangle
    assert page.locator(".geomap-area").count() >= 1
    page.evaluate("void window.geomapMap.closePopup()")
    still = page.evaluate(
        "(() => { let found = false; window.geomapMap.eachLayer(l => { if (l instanceof L.Rectangle) found = true; });"
        " return found; })()"
    )
    assert not still


def test_empty_collection_still_becomes_ready(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, {"type": "FeatureCollection", "features": []}, borders=False)
    assert page.evaluate("window.geomapVisibleCount()") == 0


def test_seed_map_from_the_real_pipeline_opens_offline(open_map: Any, tmp_path: Path, seed_result: Any, pipeline: Any) -> None:
    """The map `geomap run` writes for the bundled examples draws every located event, with no network."""
    from geomap.export import feature_collection

    collection = feature_collection(seed_result.events, provenance=pipeline.provenance())
    page, log = open_map(tmp_path, collection)
    drawn = _drawn(collection)
    assert drawn >= 15
    assert page.evaluate("window.geomapVisibleCount()") == drawn
    log.assert_clean()
