"""Fast checks of the rendered map HTML (no browser): self-contained, data present, safe."""

from __future__ import annotations

import base64
import json
import re
import zlib
from pathlib import Path
from typing import Any

import pytest

from event_features import event_feature
from geomap.errors import OutputError

from geomap.render import assets
from geomap.render.map import TILE_URL, build_payload, render_html, script_safe_json, write_map
from geomap.render.payload import CHUNK, day_interval, read_payload

HOSTILE_SCRIPT = "</script><script>alert(1)</script>"


def _feature(
    event_id: str,
    event_type: str,
    lonlat: tuple[float, float] | None,
    *,
    precision: str | None = "place",
    extent: list[float] | None = None,
    evidence: str = "Officials said the event took place.",
    title: str = "News report",
    url: str | None = "https://example.org/a",
) -> dict[str, Any]:
    """One event Feature in geomap's events schema."""
    return event_feature(
        event_id, event_type, lonlat,
        event_label=event_type.replace("_", " "), precision=precision if lonlat is not None else None, extent=extent,
        sources=[{"article_id": "a1", "title": title, "published": "2025-03-01", "url": url}], evidence=evidence,
    )


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "geomap": {"version": "test"}, "features": list(features)}


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return _collection(
        _feature("ev-sumy", "drone_strike", (34.8, 50.9), precision="admin1", extent=[32.9, 50.0, 35.6, 52.4]),
        _feature("ev-helsinki", "press_conference", (24.94, 60.17)),
        _feature("ev-riyadh", "talks", (46.72, 24.69)),
        _feature("ev-nowhere", "phone_call", None),
        _feature(
            "ev-hostile",
            "interception",
            (30.52, 50.45),
            evidence=HOSTILE_SCRIPT + '<img src=x onerror="alert(2)">',
            title=HOSTILE_SCRIPT,
            url="javascript:alert(3)",
        ),
    )


@pytest.fixture(scope="module")
def html(sample: dict[str, Any]) -> str:
    return render_html(sample, title="Test map")


def _page_payload(html: str) -> dict[str, Any]:
    """The events' data as the page holds it (the JSON script the page's JavaScript parses)."""
    data = re.search(r'<script type="application/json" id="geomap_events_\w+_data">(.*?)</script>', html, re.S)
    assert data is not None
    return json.loads(data.group(1))


def _events(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in read_payload(payload)}


def test_no_external_scripts_or_styles(html: str) -> None:
    # A <script src> or <link href> to the network would be a CDN dependency (plain
    # <a href> links, such as Leaflet's own attribution, are not requests).
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html, re.IGNORECASE)
    assert [t for t in tags if re.search(r"\b(?:src|href)\s*=", t, re.IGNORECASE)] == []
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html, re.IGNORECASE)
    assert not re.search(r"@import", html, re.IGNORECASE)
    assert "cdn.jsdelivr.net" not in html and "code.jquery.com" not in html


def test_the_only_network_address_the_page_loads_from_is_the_tile_server(html: str) -> None:
    assert TILE_URL == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert f'"{TILE_URL}"' in html  # folium's L.tileLayer(url, ...)
    assert "openstreetmap.org/copyright" in html  # the tiles' attribution is kept
    # Every other http(s) string in the page is a link target in an attribution or licence.
    others = set(re.findall(r"https?://[^\s\"'<>)]+", html)) - {TILE_URL}
    assert not [u for u in others if "tile" in u]


def test_no_tiles_option_leaves_out_the_tile_layer(sample: dict[str, Any]) -> None:
    html = render_html(sample, tiles=False, borders=False)
    assert "L.tileLayer" not in html and "tile.openstreetmap.org" not in html


def test_inlines_leaflet_and_jquery(html: str) -> None:
    assert "Leaflet 1.9.3" in html
    assert "jQuery v3.7.1" in html
    assert "L.MarkerClusterGroup" not in html  # clustering is geomap's own (it follows the filters)
    # Stylesheet images became data URIs; no sourceMappingURL pointing at missing files.
    assert "url(images/" not in html
    assert "sourceMappingURL" not in html


def test_contains_events_data(html: str, sample: dict[str, Any]) -> None:
    events = _events(_page_payload(html))
    assert set(events) == {"ev-sumy", "ev-helsinki", "ev-riyadh", "ev-nowhere", "ev-hostile"}
    for feature in sample["features"]:  # every property comes back as it went in
        assert events[feature["id"]]["properties"] == feature["properties"]
    assert "Places: GeoNames (CC BY 4.0)" in html
    assert "<title>Test map</title>" in html


def test_hostile_text_is_not_raw_in_html(html: str) -> None:
    assert HOSTILE_SCRIPT not in html
    assert "<script>alert" not in html
    assert '<img src=x onerror="alert(2)">' not in html
    hostile = _events(_page_payload(html))["ev-hostile"]["properties"]  # it is there, but only as data
    assert hostile["evidence"].startswith(HOSTILE_SCRIPT) and hostile["sources"][0]["title"] == HOSTILE_SCRIPT


def test_template_syntax_in_article_text_is_not_evaluated() -> None:
    # branca re-parses MacroElement output as Jinja; the map must not (that would be
    # template injection with non-sandboxed Jinja).
    html = render_html(
        _collection(_feature("a", "talks", (1, 1), evidence="x {{ 7*7 }} {% if true %}y{% endif %}")),
        borders=False,
    )
    evidence = next(iter(_events(_page_payload(html)).values()))["properties"]["evidence"]
    assert evidence == "x {{ 7*7 }} {% if true %}y{% endif %}"
    assert "x 49" not in html


def test_payload_counts_types_statuses_and_unplaced(sample: dict[str, Any]) -> None:
    payload = build_payload(sample)
    assert payload["unplaced"] == 1 and payload["n"] == 5
    events = _events(payload)  # the event without a place is listed (no coordinates), not drawn
    assert [e["id"] for e in events.values() if e["x"] is None] == ["ev-nowhere"]
    assert events["ev-nowhere"]["y"] is None
    counts = {t["id"]: t["count"] for t in payload["types"]}
    assert counts["drone_strike"] == counts["press_conference"] == counts["talks"] == counts["interception"] == 1
    assert sum(counts.values()) == 5
    assert payload["statuses"] == [{"id": "happened", "count": 5, "on": True}]
    assert events["ev-sumy"]["area"] and events["ev-sumy"]["properties"]["extent"] == [32.9, 50.0, 35.6, 52.4]
    assert not events["ev-helsinki"]["area"]
    assert payload["types"][events["ev-sumy"]["type"]]["id"] == "drone_strike"


def test_payload_keeps_every_property_for_the_export(sample: dict[str, Any]) -> None:
    """Every property in the input's key order, restored from the compressed columns."""
    payload = build_payload(sample)
    assert payload["schema"] == list(sample["features"][0]["properties"])
    assert payload["geomap"] == {"version": "test"}
    helsinki = _events(payload)["ev-helsinki"]
    original = sample["features"][1]["properties"]
    assert list(helsinki["properties"].items()) == list(original.items())
    assert (helsinki["x"], helsinki["y"]) == (24.94, 60.17)


def test_payload_holds_texts_compressed_and_dates_as_day_intervals() -> None:
    """More events than one chunk: each chunk is its own compressed text; dates become the first and
    last day the filter compares (a week Monday to Sunday, a month whole, a day itself)."""
    features = [_feature(f"ev-{i}", "talks", (i % 50, 10)) for i in range(CHUNK + 10)]
    for feature, (value, precision) in zip(features, [("2025-03-19", "week"), ("2025-02", "month"), ("2025-03-19", "day"),
                                                      ("not a date", "day"), (None, None)]):
        feature["properties"]["date"], feature["properties"]["date_precision"] = value, precision
    payload = build_payload(_collection(*features))
    assert len(payload["records"]) == 2
    assert "Officials said" not in json.dumps(payload)  # only compressed
    events = list(read_payload(payload))
    assert [e["id"] for e in events] == [f["id"] for f in features]
    assert day_interval("2025-03-19", "day") == (20166, 20166)  # days since 1970-01-01
    # Monday 17 to Sunday 23 March; 1 to 28 February; the day; no date; an unreadable date
    assert [e["days"] for e in events[:5]] == [(20164, 20170), (20120, 20147), (20166, 20166), None, None]


def test_statuses_are_listed_in_a_fixed_order() -> None:
    features = [_feature(str(i), "talks", (1, 1)) for i in range(4)]
    for f, status in zip(features, ["rumoured", "claimed", None, "happened"], strict=True):
        f["properties"]["status"] = status
    assert [s["id"] for s in build_payload(_collection(*features))["statuses"]] == ["happened", "claimed", "rumoured", ""]


def test_shared_sources_are_stored_once() -> None:
    payload = build_payload(_collection(_feature("a", "talks", (1, 1)), _feature("b", "talks", (2, 2))))
    assert [row for chunk in payload["sources"] for row in json.loads(zlib.decompress(base64.b64decode(chunk), -15))] == [
        {"article_id": "a1", "title": "News report", "published": "2025-03-01", "url": "https://example.org/a"}]
    assert [e["properties"]["sources"][0]["title"] for e in read_payload(payload)] == ["News report", "News report"]


def test_nan_in_article_data_does_not_break_the_page() -> None:
    feature = _feature("a", "talks", (1, 1))
    feature["properties"]["confidence"] = float("nan")
    html = render_html(_collection(feature), borders=False, tiles=False)
    events = _events(_page_payload(html))
    assert events["a"]["properties"]["confidence"] is None  # NaN is not JSON: now null


def test_unknown_type_and_bad_geometry_are_tolerated() -> None:
    payload = build_payload(
        _collection(
            _feature("a", "no_such_type", (10, 10)),
            _feature("b", "talks", (500, 10)),  # impossible coordinate: not drawn
        )
    )
    assert [t["id"] for t in payload["types"]] == ["talks", "other"]  # taxonomy order
    assert payload["unplaced"] == 1
    assert [(e["id"], e["x"]) for e in read_payload(payload) if e["x"] is None] == [("b", None)]


def test_rejects_non_feature_collection() -> None:
    with pytest.raises(ValueError):
        build_payload({"type": "Feature"})


def test_script_safe_json_round_trips() -> None:
    value = {"s": "</script>&<!--\u2028\u2029"}
    text = script_safe_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_css_images_are_data_uris() -> None:
    css = assets.leaflet_css()
    assert 'url("data:image/png;base64,' in css
    assert "url(images/" not in css
    assert set(assets.default_icon_uris()) == {"iconUrl", "iconRetinaUrl", "shadowUrl"}


def test_cdn_mode_links_instead_of_inlining(sample: dict[str, Any]) -> None:
    html = render_html(sample, cdn=True, borders=False)
    assert "leaflet@1.9.3/dist/leaflet.js" in html
    assert "code.jquery.com" in html  # folium's default links, as they are
    assert "Leaflet 1.9.3, a JS library" not in html
    assert len(html) < 200_000


def test_write_map_is_atomic(tmp_path: Path, sample: dict[str, Any]) -> None:
    target = tmp_path / "out" / "map.html"
    written = write_map(sample, target, borders=False)
    assert written == target
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    write_map(sample, target, borders=False)  # overwrite in place
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.html"]


def test_write_map_leaves_no_temp_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import geomap.render.map as map_module

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(map_module.os, "replace", fail)
    with pytest.raises(OutputError, match="map.html: cannot write"):
        write_map(_collection(_feature("a", "talks", (1, 1))), tmp_path / "map.html", borders=False)
    assert list(tmp_path.iterdir()) == []
