"""Hostile article text through the whole tool: run, store, every export format, and the map.

The markup in an article (a <script> title, an <img onerror> in the text, a javascript: URL,
quotes that would break JSON or HTML attributes, a very long token) must come out as the same
characters everywhere, and never as markup.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from test_map_browser import TILE_HOST, browser  # noqa: F401  (the shared Chromium fixture)

LONG_TOKEN = "W" * 5000
TITLE = f"<script>window.pwned=1</script> \"Breaking\" & 'quotes' {LONG_TOKEN}"
URL = "javascript:window.pwned=3"
SENTENCE = 'Russian drones struck Kharkiv overnight on Tuesday, <img src=x onerror="window.pwned=2"> officials said.'
ARTICLE = {"id": "hostile-1", "title": TITLE, "url": URL, "published": "2025-03-11",
           "text": f"{SENTENCE} The \"attack\" </script><b>damaged</b> a school."}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, gazetteer) -> tuple[Path, Path]:
    """`geomap run` of the hostile article into a store and an output folder (the real CLI)."""
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(source), "--store", str(folder / "s.gpkg"), "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return folder / "s.gpkg", folder / "out"


def _kharkiv(features: list[dict]) -> dict:
    return next(f for f in features if f["properties"]["place"] == "Kharkiv")


def test_run_output_keeps_hostile_text_as_data(hostile_run) -> None:
    _, out = hostile_run
    collection = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    event = _kharkiv(collection["features"])["properties"]
    assert event["evidence"] == SENTENCE
    assert event["sources"][0]["title"] == TITLE
    assert event["sources"][0]["url"] == URL


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet", "csv", "acled", "kml"])
def test_every_export_keeps_hostile_text_unchanged(hostile_run, tmp_path, fmt) -> None:
    store, _ = hostile_run
    out = tmp_path / f"events.{fmt}"
    result = CliRunner().invoke(cli, ["export", str(store), "-o", str(out), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt in ("csv", "acled"):
        import pandas

        rows = pandas.read_csv(out)
        place, evidence = ("location", "notes") if fmt == "acled" else ("place_name", "evidence")
        row = rows[rows[place] == "Kharkiv"].iloc[0]
        assert SENTENCE in row[evidence]
        return
    if fmt == "kml":
        # The balloon text (description) is rendered as HTML by KML viewers: it holds the sentence
        # escaped; the evidence field keeps the exact characters as data.
        import html
        import xml.etree.ElementTree as ET

        import pyogrio

        namespace = {"kml": "http://www.opengis.net/kml/2.2"}
        descriptions = [d.text for d in ET.parse(out).getroot().iterfind(".//kml:Placemark/kml:description", namespace)]
        assert html.escape(SENTENCE) in descriptions
        frame = pyogrio.read_dataframe(out)
        assert SENTENCE in frame["evidence"].tolist()
        return
    from geomap.exports import read_features

    features, _ = read_features(out)
    event = _kharkiv(features)["properties"]
    assert event["evidence"] == SENTENCE
    assert event["sources"][0]["title"] == TITLE
    assert event["sources"][0]["url"] == URL




@pytest.mark.browser
def test_the_map_of_a_hostile_article_shows_text_and_runs_nothing(hostile_run, browser) -> None:  # noqa: F811
    """The map.html `geomap run` wrote, opened offline in Chromium: the popup shows the markup as text."""
    _, out = hostile_run
    collection = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    event_id = _kharkiv(collection["features"])["id"]
    context = browser.new_context()
    context.route(f"{TILE_HOST}**", lambda route: route.abort("internetdisconnected"))
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto((out / "map.html").resolve().as_uri())
        page.wait_for_function("window.geomapReady === true", timeout=30_000)
        text = page.evaluate(f"window.geomapOpenEvent({json.dumps(event_id)})")
        popup = page.locator(".leaflet-popup-content")
        assert SENTENCE in text and TITLE[:60] in text
        assert popup.locator("img, script, b").count() == 0
        assert popup.locator("a").count() == 0  # a javascript: URL is never a link
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert errors == [] and dialogs == []
    finally:
        context.close()
