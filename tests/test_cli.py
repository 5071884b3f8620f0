"""The CLI as users meet it, through click's CliRunner: outputs, summaries, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_run_on_bundled_examples_writes_geojson_and_map(runner, tmp_path: Path, gazetteer):
    result = runner.invoke(cli, ["run", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "articles read: 2, failed: 0" in result.output
    assert f"wrote {tmp_path / 'events.geojson'}" in result.output
    collection = json.loads((tmp_path / "events.geojson").read_text())
    assert collection["type"] == "FeatureCollection"
    assert (tmp_path / "map.html").stat().st_size > 100_000  # Leaflet inlined
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_a_run_with_more_events_than_the_map_shows_keeps_them_all_in_the_geojson(runner, tmp_path: Path, gazetteer):
    """--map-events caps the map (a year of news does not fit a browser); events.geojson keeps every event,
    the map shows the most recent located ones, and both its title and the summary say what it leaves out."""
    import re

    from geomap.render.payload import read_payload

    result = runner.invoke(cli, ["run", "--out", str(tmp_path), "--map-events", "5"])
    assert result.exit_code == 0, result.output
    features = json.loads((tmp_path / "events.geojson").read_text())["features"]
    assert len(features) > 5 and f"events: {len(features)} (" in result.output
    page = (tmp_path / "map.html").read_text()
    data = re.search(r'<script type="application/json" id="geomap_events_\w+_data">(.*?)</script>', page, re.S)
    shown = [event["id"] for event in read_payload(json.loads(data.group(1)))]
    current = [f for f in features if f["geometry"] and f["properties"]["status"] != "background"]
    assert len(shown) == 5 and set(shown) <= {f["id"] for f in current}
    day = {f["id"]: f["properties"]["date"] or "" for f in features}
    assert min(day[i] for i in shown) >= max(day[f["id"]] for f in current if f["id"] not in shown)
    note = f"the 5 most recent located events of {len(features)} (events.geojson has them all)"
    assert f"the map shows {note}" in result.output and f"<title>geomap: {note}</title>" in page


def test_geojson_is_rfc7946_and_reads_in_geopandas(runner, tmp_path: Path, gazetteer):
    import geopandas

    runner.invoke(cli, ["run", "--out", str(tmp_path)])
    path = tmp_path / "events.geojson"
    collection = json.loads(path.read_text())
    required = {"event_type", "status", "place", "place_name", "geonameid", "country_code", "admin1_code", "precision",
                "extent", "date", "date_precision", "sources", "evidence", "confidence"}
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and required <= feature["properties"].keys()
        geometry = feature["geometry"]
        if geometry is not None:
            lon, lat = geometry["coordinates"]
            assert geometry["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert 0 <= feature["properties"]["confidence"] <= 1
    import geojson

    assert geojson.loads(path.read_text()).is_valid  # an independent RFC 7946 validator
    frame = geopandas.read_file(path)
    assert len(frame) == len(collection["features"])
    assert frame.crs.to_epsg() == 4326


def test_output_is_deterministic(runner, tmp_path: Path, gazetteer):
    first, second = tmp_path / "a", tmp_path / "b"
    runner.invoke(cli, ["run", "--out", str(first)])
    runner.invoke(cli, ["run", "--out", str(second)])
    assert (first / "events.geojson").read_bytes() == (second / "events.geojson").read_bytes()


def test_bad_and_empty_inputs_are_reported_by_name_and_the_rest_complete(runner, tmp_path: Path, gazetteer):
    from geomap.ingest import bundled_examples

    good = tmp_path / "good.txt"
    good.write_text(bundled_examples()[1].read_text())
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text('{"text": "Drones hit Sumy."}\n{not json\n')
    result = runner.invoke(cli, ["run", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "bad.jsonl:line 2: invalid JSON" in result.output
    assert "articles read: 2, failed: 2" in result.output
    assert (tmp_path / "out" / "events.geojson").exists()


def test_unwritable_output_is_a_clean_error(runner, tmp_path: Path, gazetteer):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(cli, ["run", "--out", str(blocker / "out")])
    assert result.exit_code == 1
    assert "cannot write output here" in result.output
    assert "Traceback" not in result.output


def test_usage_error_exits_2(runner):
    assert runner.invoke(cli, ["run", "--no-such-flag"]).exit_code == 2


def test_geoparse_prints_one_line_per_article_with_offsets(runner, tmp_path: Path, gazetteer):
    corpus = tmp_path / "c.jsonl"
    text = "Russian drones were reported over the Sumy region, officials in Kyiv said."
    corpus.write_text(json.dumps({"doc_id": "d1", "text": text}) + "\n")
    result = runner.invoke(cli, ["geoparse", str(corpus)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.strip())
    assert record["id"] == "d1"
    by_surface = {t["surface"]: t for t in record["toponyms"]}
    for toponym in record["toponyms"]:
        assert text[toponym["start"]:toponym["end"]] == toponym["surface"]
    assert by_surface["Sumy"]["kind"] == "admin1"
    assert by_surface["Russian"]["usage"] == "demonym"
    assert by_surface["Kyiv"]["usage"] == "literal"


def test_extract_jsonl_is_one_feature_per_line(runner, tmp_path: Path, gazetteer):
    article = tmp_path / "a.txt"
    article.write_text("Strike\n\n2024-05-02\n\nRussian missiles struck Odesa overnight, killing 3 civilians.\n")
    result = runner.invoke(cli, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    features = [json.loads(line) for line in result.output.splitlines()]
    located = [f for f in features if f["geometry"]]
    assert [f["properties"]["event_type"] for f in located] == ["missile_strike"]
    assert located[0]["properties"]["place_name"] == "Odesa"
    assert located[0]["properties"]["date"] == "2024-05-02"
    assert {"value": 3, "unit": "fatalities", "text": "killing 3"} in located[0]["properties"]["quantities"]


def test_gazetteer_lookup_explains_scores(runner, gazetteer):
    result = runner.invoke(cli, ["gazetteer", "lookup", "Kursk", "--context", "Sudzha, the Kursk region of Russia"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert "[admin1]" in first and "RU.41" in first
    assert "cue: region +6.00" in result.output.splitlines()[1]


def test_gazetteer_lookup_with_a_context_that_lacks_the_name_still_finds_it(runner, gazetteer):
    caucasus = runner.invoke(cli, ["gazetteer", "lookup", "Georgia", "--context", "Protesters marched in Tbilisi and Batumi."])
    assert caucasus.exit_code == 0, caucasus.output
    assert "does not contain 'Georgia'" in caucasus.output
    ranked = [line for line in caucasus.output.splitlines() if line[:2] == "1."]
    assert ranked and "[country] GE" in ranked[0]
    us = runner.invoke(cli, ["gazetteer", "lookup", "Georgia", "--context", "Storms hit Atlanta and Savannah."])
    assert [line for line in us.output.splitlines() if line[:2] == "1."][0].count("US.GA") == 1


def test_when_no_article_can_be_read_previous_outputs_are_kept(runner, tmp_path: Path, gazetteer):
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.geojson").write_text("previous")
    result = runner.invoke(cli, ["run", str(tmp_path / "missing.txt"), "--out", str(out)])
    assert result.exit_code == 1
    assert "missing.txt: file not found" in result.output
    assert "no article could be read" in result.output
    assert (out / "events.geojson").read_text() == "previous"


def test_the_invalid_json_message_reads_as_english(runner, tmp_path: Path) -> None:
    """json's "Unterminated string starting at" once came out as "... starting at at column 10"."""
    (tmp_path / "cut.jsonl").write_text('{"text": "Shelling hit Kherson.}', encoding="utf-8")  # cut off mid-string
    result = runner.invoke(cli, ["extract", str(tmp_path / "cut.jsonl")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'cut.jsonl'}:line 1: invalid JSON (Unterminated string starting at column 10)" in result.output
    assert "at at" not in result.output
