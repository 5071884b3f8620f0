"""The written map in a real browser (Debian's Chromium via Playwright).

Opened from file:// with every request recorded. The page may request its own file,
data:/blob:/about: URLs and OpenStreetMap tiles; anything else fails the test, as does
any page error or any console error that is not a failed tile load. Tile requests are
answered by the test: aborted (no connection, the default) or with a small PNG (online),
so no test depends on the network. Skipped when Chromium or the playwright package is
missing, unless GEOMAP_REQUIRE_BROWSER=1 (then missing pieces are a failure).
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from event_features import event_feature
from geomap.render.map import TILE_URL, write_map

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
TILE_HOST = TILE_URL.split("{", 1)[0]  # https://tile.openstreetmap.org/
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

HOSTILE_EVIDENCE = '<img src=x onerror="window.pwned=1"> drones were shot down over Kyiv'
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
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def tile_requests(self) -> list[str]:
        return [u for u in self.requests if u.startswith(TILE_HOST)]

    def foreign_requests(self) -> list[str]:
        """Requests other than the map file, data:/blob:/about: URLs and OSM tiles."""
        return [
            u
            for u in self.requests
            if u != self.map_url and not u.startswith(("data:", "about:", "blob:", TILE_HOST))
        ]

    def assert_clean(self) -> None:
        assert self.foreign_requests() == [], "the map made requests beyond its own file and the tiles"
        assert [u for u in self.failed if not u.startswith(TILE_HOST)] == [], "a non-tile request failed"
        assert self.errors == [], "page errors, or console errors other than failed tiles"


@pytest.fixture
def open_map(browser: Any) -> Iterator[Any]:
    """Open a FeatureCollection as a written map; returns (page, log). Checks the log after.

    ``online=True`` answers tile requests with a PNG; otherwise they fail as with no connection.
    """
    contexts: list[Any] = []
    logs: list[PageLog] = []

    def opener(tmp: Path, collection: dict[str, Any], *, online: bool = False, locale: str | None = None,
               **kw: Any) -> tuple[Any, PageLog]:
        path = write_map(collection, tmp / "map.html", **kw)
        url = path.resolve().as_uri()
        context = browser.new_context(viewport={"width": 1200, "height": 800}, accept_downloads=True, locale=locale)
        contexts.append(context)
        if online:
            context.route(f"{TILE_HOST}**", lambda route: route.fulfill(status=200, content_type="image/png", body=PNG_1PX))
        else:
            context.route(f"{TILE_HOST}**", lambda route: route.abort("internetdisconnected"))
        page = context.new_page()
        log = PageLog(map_url=url)
        logs.append(log)
        page.on("request", lambda request: log.requests.append(request.url))
        page.on("requestfailed", lambda request: log.failed.append(request.url))
        page.on("pageerror", lambda error: log.errors.append(f"pageerror: {error}"))

        def on_console(message: Any) -> None:
            # A failed tile is reported as "Failed to load resource" at the tile's URL: tolerated.
            if message.type == "error" and not (message.location or {}).get("url", "").startswith(TILE_HOST):
                log.errors.append(f"console: {message.text}")

        page.on("console", on_console)
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
    status: str = "happened",
    date: str | None = "2025-03-11",
    date_precision: str | None = "day",
    extent: list[float] | None = None,
    title: str = "Reuters: overnight report",
    url: str = "https://example.org/news/1",
    quantities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One Feature with every property of events.geojson, in export.py's key order."""
    return event_feature(
        event_id, event_type, lonlat,
        event_label=event_type.replace("_", " ").capitalize(), status=status, place=place, place_name=place_name,
        country_code="UA" if lonlat else None, precision=precision, extent=extent, date=date,
        date_precision=date_precision,
        sources=[{"article_id": f"art-{event_id}", "title": title, "published": "2025-03-11T08:00:00", "url": url}],
        evidence=evidence, actors=["Ukraine", "Russia"], quantities=quantities or [], confidence=0.72,
    )


SUMY_EXTENT = [32.9, 50.0, 35.6, 52.4]


def sample_collection() -> dict[str, Any]:
    """Seed-like events: several types and statuses, dates at day/week/month precision,
    an oblast-level pair on one spot, an undated event and one without a place."""
    return {
        "type": "FeatureCollection",
        "geomap": {"generator": "test"},
        "features": [
            _event(
                "sumy-1", "drone_strike", (34.8, 50.9), place="Sumy region", place_name="Sumy Oblast",
                precision="admin1", extent=SUMY_EXTENT,
                evidence="Russian drones struck the Sumy region overnight, officials said.",
            ),
            _event(
                "sumy-2", "drone_strike", (34.8, 50.9), place="Sumy oblast", place_name="Sumy Oblast",
                precision="admin1", extent=SUMY_EXTENT, status="claimed", date="2025-03-12",
                evidence="Another drone attack hit Sumy oblast on Wednesday, Moscow claimed.",
            ),
            _event(
                "helsinki-1", "press_conference", (24.94, 60.17), place="Helsinki", place_name="Helsinki",
                precision="place", evidence="The ministers spoke to reporters in helsinki about 57 drones.",
                quantities=[{"value": 57, "unit": "drone", "text": "57 drones"}],
            ),
            _event(
                "riyadh-1", "talks", (46.72, 24.69), place="Riyadh", place_name="Riyadh",
                precision="place", status="planned", date="2025-03-01", date_precision="month",
                evidence="Delegations will meet in Riyadh for talks later this month.",
            ),
            _event(
                "hostile-1", "interception", (30.52, 50.45), place="Kyiv", place_name="Kyiv",
                precision="place", date="2025-03-05", date_precision="week",
                evidence=HOSTILE_EVIDENCE, title=HOSTILE_TITLE, url="javascript:window.pwned=3",
            ),
            _event(
                "odesa-1", "shelling", (30.73, 46.48), place="Odesa", place_name="Odesa", precision="place",
                date=None, date_precision=None, evidence="Shelling was reported in Odesa.",
            ),
            _event(
                "nowhere-1", "phone_call", None, place="", place_name=None, precision=None,
                evidence="The two presidents spoke by phone.",
            ),
        ],
    }


PLACED = ["sumy-1", "sumy-2", "helsinki-1", "riyadh-1", "hostile-1", "odesa-1"]
EVERY = [*PLACED, "nowhere-1"]  # the map lists the event without a place; filters and the export count it


def _visible_placed(page: Any) -> list[str]:
    return sorted(set(_visible(page)) & set(PLACED))


def _visible(page: Any) -> list[str]:
    return sorted(page.evaluate("window.geomapVisibleIds()"))


def _drawn_total(page: Any) -> int:
    """Events drawn in the current view: cluster counts plus single markers (from the DOM)."""
    return page.evaluate(
        """() => {
          let n = document.querySelectorAll('.leaflet-marker-pane .geomap-marker').length;
          document.querySelectorAll('.leaflet-marker-pane [data-count]').forEach(c => { n += +c.dataset.count; });
          return n;
        }"""
    )


def _set_dates(page: Any, start: str, end: str) -> None:
    page.locator(".geomap-date-from").fill(start)
    page.locator(".geomap-date-to").fill(end)


def _download(page: Any) -> dict[str, Any]:
    with page.expect_download() as info:
        page.locator(".geomap-export").click()
    download = info.value
    assert download.suggested_filename == "events-filtered.geojson"
    return json.loads(Path(download.path()).read_text("utf-8"))


# --------------------------------------------------------------------------- tests


def test_map_loads_offline_and_draws_all_placed_events(open_map: Any, tmp_path: Path) -> None:
    page, log = open_map(tmp_path, sample_collection())
    assert page.evaluate("window.geomapVisibleCount()") == 7
    assert page.evaluate("window.geomapOnMapCount()") == 6
    assert _visible(page) == sorted(EVERY)
    assert _drawn_total(page) == 6
    assert page.locator(".geomap-shown").inner_text() == "7 of 7 events shown"
    info = page.locator(".geomap-info").inner_text()
    assert "6 of 6 events on the map" in info and "1 event without a place" in info
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    for credit in ("OpenStreetMap", "Places: GeoNames (CC BY 4.0)", "Natural Earth"):
        assert credit in attribution
    assert page.evaluate("typeof L !== 'undefined' && L.version") == "1.9.3"
    assert page.locator(".leaflet-pane canvas").count() >= 1  # Natural Earth outlines
    # Offline: tiles were asked for, failed quietly, and no broken tile is visible.
    assert log.tile_requests() and set(log.failed) <= set(log.tile_requests())
    assert page.locator("img.leaflet-tile-loaded").count() == 0
    visible_tiles = page.evaluate(
        "Array.from(document.querySelectorAll('img.leaflet-tile'))"
        ".filter(t => getComputedStyle(t).visibility !== 'hidden').length"
    )
    assert visible_tiles == 0
    log.assert_clean()


def test_online_tiles_are_drawn_above_the_offline_base(open_map: Any, tmp_path: Path) -> None:
    page, log = open_map(tmp_path, sample_collection(), online=True)
    page.wait_for_selector("img.leaflet-tile-loaded")
    z_index = page.evaluate(
        "[getComputedStyle(document.querySelector('.leaflet-tile-pane')).zIndex,"
        " getComputedStyle(document.querySelector('.leaflet-geomapBase-pane')).zIndex].map(Number)"
    )
    assert z_index[0] > z_index[1]
    assert log.failed == []
    assert all(u.startswith(TILE_HOST) and u.endswith(".png") for u in log.tile_requests())


def test_without_tiles_the_page_makes_no_request(open_map: Any, tmp_path: Path) -> None:
    page, log = open_map(tmp_path, sample_collection(), tiles=False)
    assert log.tile_requests() == []
    assert page.evaluate("window.geomapOnMapCount()") == 6


def test_unticking_a_type_hides_exactly_its_events(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    checkbox = page.locator(".geomap-types input[data-type='drone_strike']")
    label = page.locator(".geomap-types label:has(input[data-type='drone_strike'])").inner_text()
    assert "Drone strike" in label and "(2)" in label
    assert checkbox.is_checked()
    checkbox.click()
    assert _visible(page) == sorted(set(EVERY) - {"sumy-1", "sumy-2"})
    assert _drawn_total(page) == 4
    index = page.evaluate("Array.from(document.querySelectorAll('.geomap-types input')).findIndex(b => b.dataset.type === 'drone_strike')")
    assert page.locator(f".leaflet-marker-pane .geomap-t{index}").count() == 0
    assert page.locator(".leaflet-marker-pane [data-types~='drone_strike']").count() == 0
    checkbox.click()
    assert _visible(page) == sorted(EVERY)
    assert _drawn_total(page) == 6


def test_status_filter_and_clustering_follows_it(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    # The two Sumy events share a spot: one cluster of 2.
    sumy = page.locator(".leaflet-marker-pane [data-types='drone_strike']")
    assert sumy.get_attribute("data-count") == "2"
    page.locator(".geomap-statuses input[data-status='claimed']").click()
    assert _visible(page) == sorted(set(EVERY) - {"sumy-2"})
    assert page.locator(".leaflet-marker-pane [data-count]").count() == 0  # the cluster fell apart
    assert page.locator(".leaflet-marker-pane .geomap-area").count() == 1  # sumy-1 alone, as a ring
    assert _drawn_total(page) == 5
    # Filters combine: only planned events, then no talks either.
    page.locator(".geomap-statuses input[data-status='happened']").click()
    assert _visible(page) == ["riyadh-1"]
    assert "(1)" in page.locator(".geomap-types label:has(input[data-type='talks'])").inner_text()
    page.locator(".geomap-types input[data-type='talks']").click()
    assert _visible(page) == []
    assert _drawn_total(page) == 0
    assert page.locator(".geomap-shown").inner_text() == "0 of 7 events shown"
    assert page.locator(".geomap-export").is_disabled()


def test_background_events_are_listed_but_off_when_the_map_opens(open_map: Any, tmp_path: Path) -> None:
    collection = sample_collection()
    collection["features"].append(_event(
        "old-1", "explosion", (36.23, 49.99), place="Kharkiv", place_name="Kharkiv", precision="place",
        status="background", date="2019-05-15", date_precision="month",
        evidence="The 2019 bombing in Kharkiv was recalled at the trial.",
    ))
    page, _ = open_map(tmp_path, collection)
    box = page.locator(".geomap-statuses input[data-status='background']")
    assert not box.is_checked()
    assert _visible(page) == sorted(EVERY)
    box.click()
    assert _visible(page) == sorted([*EVERY, "old-1"])


def test_date_filter_respects_date_precision(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    # 10-11 March: the day events of the 11th, Riyadh (known to the month of March) and
    # Odesa (no date; "events without a date" is ticked). Not Sumy-2 (12th) and not Kyiv
    # (known to the week of 3-9 March).
    _set_dates(page, "2025-03-10", "2025-03-11")
    assert _visible(page) == ["helsinki-1", "nowhere-1", "odesa-1", "riyadh-1", "sumy-1"]
    _set_dates(page, "2025-03-09", "2025-03-09")  # Sunday: the last day of Kyiv's week
    assert _visible(page) == ["hostile-1", "odesa-1", "riyadh-1"]
    page.locator(".geomap-dates input[data-undated]").click()
    assert _visible(page) == ["hostile-1", "riyadh-1"]
    _set_dates(page, "2025-04-01", "2025-04-30")
    assert _visible(page) == []
    _set_dates(page, "2025-03-12", "")  # open-ended
    assert _visible(page) == ["riyadh-1", "sumy-2"]
    page.locator(".geomap-dates-reset").click()
    assert _visible(page) == sorted(EVERY)


def test_export_downloads_exactly_the_filtered_events_in_the_events_schema(open_map: Any, tmp_path: Path) -> None:
    import geojson

    collection = sample_collection()
    page, _ = open_map(tmp_path, collection)
    by_id = {f["id"]: f for f in collection["features"]}

    everything = _download(page)
    assert geojson.loads(json.dumps(everything)).is_valid
    assert everything["features"] == collection["features"]  # the event without a place too (null geometry)

    page.locator(".geomap-types input[data-type='press_conference']").click()
    page.locator(".geomap-statuses input[data-status='claimed']").click()
    _set_dates(page, "2025-03-01", "2025-03-11")
    filtered = _download(page)
    assert geojson.loads(json.dumps(filtered)).is_valid
    ids = [f["id"] for f in filtered["features"]]
    assert sorted(ids) == _visible(page) == ["hostile-1", "nowhere-1", "odesa-1", "riyadh-1", "sumy-1"]
    for exported in filtered["features"]:
        assert exported == by_id[exported["id"]]  # same properties, same order, same values
        assert list(exported["properties"]) == list(by_id[exported["id"]]["properties"])
    assert filtered["geomap"]["generator"] == "test"
    assert filtered["geomap"]["map_filter"]["date_from"] == "2025-03-01"
    assert "press_conference" not in filtered["geomap"]["map_filter"]["event_types"]


def test_hostile_article_text_stays_text(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    # A real hover and click on the marker, once it is drawn on its own.
    point = page.evaluate("window.geomapRevealEvent('hostile-1')")
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible")
    assert (tooltip.text_content() or "").startswith("Interception \u00b7 happened \u00b7 Kyiv")
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    text = popup.text_content() or ""
    assert '<img src=x onerror="window.pwned=1">' in text
    assert HOSTILE_TITLE in text
    assert popup.locator("img, script").count() == 0
    assert popup.locator("a").count() == 0  # javascript: URL is not linked
    assert popup.locator("mark").inner_text() == "Kyiv"
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_popup_shows_the_event_details(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    text = page.evaluate("window.geomapOpenEvent('helsinki-1')")
    for expected in (
        "Press conference", "ACLED: Strategic developments \u2014 Other", "Status: happened",
        "Place in article: Helsinki", "Resolved to: Helsinki",
        "Precision: place", "Date: 2025-03-11 (day)", "Actors: Ukraine, Russia", "Quantities: 57 drones",
        "Confidence: 0.72", "Corroboration: 1 source", "Reuters: overnight report", "2025-03-11T08:00:00",
    ):
        assert expected in text
    # The place is highlighted in the evidence as written there (case kept).
    assert page.locator(".leaflet-popup-content mark").inner_text() == "helsinki"
    link = page.locator(".leaflet-popup-content a")
    assert link.get_attribute("href") == "https://example.org/news/1"
    assert link.get_attribute("rel") == "noopener noreferrer"


def _rectangles(page: Any) -> int:
    return page.evaluate(
        "(() => { let n = 0; window.geomapMap.eachLayer(l => { if (l instanceof L.Rectangle) n += 1; }); return n; })()"
    )


def test_area_event_is_a_ring_with_its_extent_on_popup(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    page.locator(".geomap-statuses input[data-status='claimed']").click()  # sumy-1 alone on its spot
    text = page.evaluate("window.geomapOpenEvent('sumy-1')")
    assert "Resolved to: Sumy Oblast" in text and "somewhere in this region" in text
    assert page.locator(".leaflet-marker-pane .geomap-area").count() == 1
    assert _rectangles(page) == 1
    bounds = page.evaluate(
        "(() => { let b; window.geomapMap.eachLayer(l => { if (l instanceof L.Rectangle) b = l.getBounds(); });"
        " return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; })()"
    )
    assert bounds == pytest.approx(SUMY_EXTENT)
    page.evaluate("void window.geomapMap.closePopup()")
    assert _rectangles(page) == 0


def test_events_on_one_spot_are_listed_together(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    point = page.evaluate("window.geomapRevealEvent('sumy-1')")  # the last zoom level: still a stack
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    text = popup.text_content() or ""
    assert "2 events at this spot" in text
    assert "Russian drones struck the Sumy region" in text and "Another drone attack hit Sumy oblast" in text


def test_clicking_a_cluster_zooms_in_until_it_splits(open_map: Any, tmp_path: Path) -> None:
    collection = sample_collection()
    # Two events 20 km apart: one cluster at the first view, two markers further in.
    extra = _event("sumy-3", "shelling", (35.1, 50.8), place="Sumy", place_name="Sumy", precision="place",
                   evidence="Shelling hit Sumy.")
    collection["features"].append(extra)
    page, _ = open_map(tmp_path, collection)
    cluster = page.locator(".leaflet-marker-pane [data-count='3']")
    zoom = page.evaluate("window.geomapMap.getZoom()")
    for _ in range(10):
        if cluster.count() == 0:
            break
        cluster.click()
    assert page.evaluate("window.geomapMap.getZoom()") > zoom
    assert page.locator(".leaflet-marker-pane [data-count='2']").count() == 1  # the shared spot remains


def test_empty_collection_still_becomes_ready(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, {"type": "FeatureCollection", "features": []}, borders=False)
    assert page.evaluate("window.geomapVisibleCount()") == 0
    assert page.locator(".geomap-shown").inner_text() == "0 of 0 events shown"
    assert page.locator(".geomap-unplaced").is_hidden()


def test_seed_map_from_the_real_pipeline(open_map: Any, tmp_path: Path, seed_result: Any, pipeline: Any) -> None:
    """The map `geomap run` writes for the bundled examples: every located current event drawn,
    offline, and the export button gives back exactly the current features of events.geojson (those
    without a place too; background events are off when the map opens)."""
    from geomap.exports.geojson import feature_collection

    collection = json.loads(json.dumps(feature_collection(seed_result.events, provenance=pipeline.provenance())))
    page, log = open_map(tmp_path, collection)
    current = [f for f in collection["features"] if f["properties"]["status"] != "background"]
    located = [f for f in current if f["geometry"] is not None]
    assert len(located) >= 15
    assert page.evaluate("window.geomapOnMapCount()") == len(located)
    assert page.evaluate("window.geomapVisibleCount()") == len(current)
    assert _drawn_total(page) == len(located)
    exported = _download(page)
    assert exported["features"] == current
    assert exported["geomap"]["geomap_version"] == collection["geomap"]["geomap_version"]
    log.assert_clean()


def _marker_style(page: Any, event_id: str) -> dict[str, str]:
    """The computed look of an event's own marker, once it is drawn alone."""
    page.evaluate(f"window.geomapRevealEvent({event_id!r})")
    return page.evaluate(
        """id => {
          const k = Array.from(document.querySelectorAll('.leaflet-marker-pane .geomap-marker'));
          const found = k.find(m => m.getBoundingClientRect().width > 0 &&
            Math.abs(m.getBoundingClientRect().left + m.getBoundingClientRect().width / 2 - window.innerWidth / 2) < 3 &&
            Math.abs(m.getBoundingClientRect().top + m.getBoundingClientRect().height / 2 - window.innerHeight / 2) < 3);
          const st = getComputedStyle(found);
          return {cls: found.className, image: st.backgroundImage, colour: st.backgroundColor,
                  border: st.borderTopStyle, opacity: st.opacity};
        }""",
        event_id,
    )


def test_status_is_drawn_on_the_marker_and_explained_in_the_legend(open_map: Any, tmp_path: Path) -> None:
    collection = sample_collection()
    collection["features"].append(_event(
        "lviv-1", "interception", (24.03, 49.84), place="Lviv", place_name="Lviv", precision="place",
        status="claimed", evidence="Moscow claimed its drones were shot down over Lviv."))
    page, _ = open_map(tmp_path, collection)
    happened = _marker_style(page, "helsinki-1")
    claimed = _marker_style(page, "lviv-1")
    planned = _marker_style(page, "riyadh-1")
    assert "geomap-status-happened" in happened["cls"] and happened["image"] == "none"
    assert "geomap-status-claimed" in claimed["cls"] and "gradient" in claimed["image"]
    assert "geomap-status-planned" in planned["cls"] and planned["border"] == "dotted"
    assert planned["colour"] == "rgb(255, 255, 255)"  # hollow: the type colour is not its fill
    legend = page.locator(".geomap-status-legend").inner_text()
    for note in ("happened: solid", "claimed: striped", "planned: hollow, dotted"):
        assert note in legend
    assert "background" not in legend  # only the statuses present are explained


def test_events_without_a_place_are_listed_and_open_their_popup(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    summary = page.locator(".geomap-unplaced summary")
    assert summary.inner_text() == "1 event without a place"
    summary.click()
    item = page.locator(".geomap-unplaced-item[data-event='nowhere-1']")
    assert "Phone call" in item.inner_text() and "happened" in item.inner_text()
    item.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert "The two presidents spoke by phone." in (popup.text_content() or "")
    # The list follows the filters, as do the info box's counts.
    page.locator(".geomap-types input[data-type='phone_call']").click()
    assert summary.inner_text() == "0 events without a place (of 1)"
    assert page.locator(".geomap-unplaced-item").count() == 0
    page.locator(".geomap-types input[data-type='drone_strike']").click()
    assert "4 of 6 events on the map" in page.locator(".geomap-info").inner_text()


def test_hostile_text_stays_text_in_the_list_of_events_without_a_place(open_map: Any, tmp_path: Path) -> None:
    collection = sample_collection()
    collection["features"].append(_event(
        "nowhere-2", "statement", None, place='<img src=x onerror="window.pwned=4">', place_name=None,
        precision=None, evidence=HOSTILE_EVIDENCE, title=HOSTILE_TITLE))
    page, _ = open_map(tmp_path, collection)
    page.locator(".geomap-unplaced summary").click()
    item = page.locator(".geomap-unplaced-item[data-event='nowhere-2']")
    assert '<img src=x onerror="window.pwned=4">' in item.inner_text()
    item.click()
    page.locator(".leaflet-popup-content").wait_for(state="visible")
    assert page.locator(".geomap-info img, .geomap-info script, .leaflet-popup-content img").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_dates_are_iso_whatever_the_locale(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection(), locale="de-DE")
    assert page.evaluate("navigator.language") == "de-DE"
    start = page.locator(".geomap-date-from")
    assert start.get_attribute("type") == "text" and start.get_attribute("placeholder") == "YYYY-MM-DD"
    _set_dates(page, "2025-03-12", "2025-03-12")
    assert _visible(page) == ["odesa-1", "riyadh-1", "sumy-2"]  # undated, March, the 12th
    start.fill("12.03.2025")  # the German way: not a date here, marked, and no filter from it
    start.dispatch_event("change")
    assert "geomap-invalid" in (start.get_attribute("class") or "")
    assert _visible(page) == sorted(EVERY)  # up to the 12th: everything


def test_the_opening_view_fits_the_events_beside_the_filter_panel(open_map: Any, tmp_path: Path) -> None:
    page, _ = open_map(tmp_path, sample_collection())
    panel = page.locator(".geomap-filters").bounding_box()
    markers = page.evaluate(
        "Array.from(document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon'))"
        ".map(m => m.getBoundingClientRect()).map(r => [r.left, r.right, r.top, r.bottom])"
    )
    assert markers
    for left, right, top, bottom in markers:
        beside = right <= panel["x"] or top >= panel["y"] + panel["height"]
        assert beside, "a marker is under the filter panel"
    # The panel can be folded away.
    page.locator(".geomap-filters summary").click()
    assert page.locator(".geomap-filters fieldset").first.is_hidden()


def test_place_names_appear_offline_as_the_map_zooms_in(open_map: Any, tmp_path: Path, gazetteer: Any) -> None:
    page, log = open_map(tmp_path, sample_collection(), gazetteer=gazetteer)
    assert log.tile_requests() and set(log.failed) <= set(log.tile_requests())  # offline: every tile failed
    page.evaluate("void window.geomapMap.setView([50.9, 34.8], 4, {animate: false})")
    assert "Ukraine" in page.evaluate("window.geomapLabelsDrawn()")  # countries first
    page.evaluate("void window.geomapMap.setView([50.9, 34.8], 6, {animate: false})")
    assert "Sumy Oblast" in page.evaluate("window.geomapLabelsDrawn()")  # the place of an event, as resolved
    page.evaluate("void window.geomapMap.setView([50.9, 34.8], 8, {animate: false})")
    near_sumy = page.evaluate("window.geomapLabelsDrawn()")
    assert "Konotop" in near_sumy  # a town from the gazetteer, around the events
    label = page.locator(".geomap-label", has_text="Konotop").first
    box = label.bounding_box()
    assert box is not None and 0 <= box["x"] <= 1200 and 0 <= box["y"] <= 800 and box["width"] > 10
    assert label.evaluate("e => getComputedStyle(e).visibility") == "visible"


def test_a_marker_is_clicked_where_a_label_is_drawn(open_map: Any, tmp_path: Path, gazetteer: Any) -> None:
    page, _ = open_map(tmp_path, sample_collection(), gazetteer=gazetteer)
    point = page.evaluate("window.geomapRevealEvent('helsinki-1')")
    assert "Helsinki" in page.evaluate("window.geomapLabelsDrawn()")
    # The labels never catch the pointer: what is under a label's middle is the map or a marker.
    hits = page.evaluate(
        """() => Array.from(document.querySelectorAll('.geomap-label')).map(l => {
             const r = l.getBoundingClientRect();
             const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             return top === null || !top.closest('.geomap-label-icon');
           })"""
    )
    assert hits and all(hits)
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert "Press conference" in (popup.text_content() or "")


def test_hostile_place_names_stay_text_in_labels(open_map: Any, tmp_path: Path) -> None:
    collection = sample_collection()
    collection["features"].append(_event(
        "hostile-2", "shelling", (36.23, 49.99), place="Kharkiv", place_name='<img src=x onerror="window.pwned=5">',
        precision="place", evidence="Shelling hit Kharkiv."))
    page, _ = open_map(tmp_path, collection)
    page.evaluate("void window.geomapMap.setView([49.99, 36.23], 9, {animate: false})")
    assert '<img src=x onerror="window.pwned=5">' in page.evaluate("window.geomapLabelsDrawn()")
    assert page.locator(".leaflet-geomapLabels-pane img").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_many_chunks_of_compressed_texts_open_list_and_export_whole(open_map: Any, tmp_path: Path) -> None:
    """More events than two compressed chunks: a popup, a line of the list and the export read the
    texts of events in any chunk, and the export gives back every event exactly as it went in."""
    from geomap.render.payload import CHUNK

    features = []
    for i in range(2 * CHUNK + 50):
        lonlat = None if i % 1000 == 999 else (20 + (i % 200) * 0.1, 45 + (i // 200) * 0.05)
        features.append(event_feature(f"ev-{i}", "shelling" if i % 2 else "talks", lonlat,
                                      evidence=f"Report number {i} of the night.", date=f"2025-03-{1 + i % 28:02d}"))
    collection = {"type": "FeatureCollection", "features": features}
    page, log = open_map(tmp_path, collection, tiles=False, borders=False)
    last = features[-1]["id"]
    assert f"Report number {2 * CHUNK + 49} of the night." in page.evaluate(f"window.geomapOpenEvent('{last}')")
    page.locator(".geomap-unplaced summary").click()
    unplaced = [f["id"] for f in features if f["geometry"] is None]
    items = page.locator(".geomap-unplaced-item")
    assert [items.nth(k).get_attribute("data-event") for k in range(items.count())] == unplaced
    items.last.click()
    popup = page.locator(".leaflet-popup-content", has_text=f"Report number {unplaced[-1][3:]} ")
    popup.wait_for(state="visible")
    assert f"Report number {unplaced[-1][3:]} of the night." in (popup.text_content() or "")
    assert _download(page)["features"] == features
    log.assert_clean()


def test_a_long_type_label_wraps_inside_the_filter_panel(open_map: Any, tmp_path: Path) -> None:
    """"Detention, deportation or transfer of people" wraps under itself: no horizontal scrollbar, and its
    count stays in sight inside the panel."""
    collection = sample_collection()
    collection["features"].append(_event(
        "deported-1", "deportation", (30.5, 50.45), place="Kyiv", place_name="Kyiv", precision="place",
        evidence="Forty detainees were deported from Kyiv on Tuesday."))
    page, _ = open_map(tmp_path, collection)
    panel = page.locator(".geomap-filters")
    assert panel.evaluate("e => e.scrollWidth <= e.clientWidth")
    row = page.locator(".geomap-types label:has(input[data-type='deportation'])")
    assert "transfer of people" in row.inner_text() and "(1)" in row.inner_text()
    count, box = row.locator(".geomap-count").bounding_box(), panel.bounding_box()
    assert count is not None and box is not None and count["x"] + count["width"] <= box["x"] + box["width"]
