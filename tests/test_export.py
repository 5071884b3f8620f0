"""``geomap export`` and ``geomap map``: every format reads back with the same events and columns,
provenance is in every file, and each filter keeps exactly what it says."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.exports.formats import CSV_COLUMNS
from geomap.exports.table import FLAT_COLUMNS, features_from_frame, frame_from_features
from geomap.ingest import bundled_examples, read_articles
from geomap.exports.store import EventStore

ODESA = {"id": "odesa-1", "title": "Odesa strike", "published": "2024-05-02", "url": "https://example.org/odesa-strike",
         "text": "Russian missiles struck Odesa overnight, killing 3 civilians, the regional governor said."}


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline) -> Path:
    folder = tmp_path_factory.mktemp("store")
    extra = folder / "odesa.jsonl"
    extra.write_text(json.dumps(ODESA) + "\n")
    path = folder / "events.gpkg"
    with EventStore.open(path, create=True) as opened:
        pipeline.run(read_articles(bundled_examples() + [extra]), store=opened)
        opened.refresh_layer()
    return path


@pytest.fixture(scope="module")
def features(store) -> list[dict]:
    with EventStore.open(store) as opened:
        return opened.features()


def export(*args: str) -> str:
    result = CliRunner().invoke(cli, ["export", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet", "kml"])
def test_every_spatial_format_reads_back_with_the_same_events_and_columns(fmt, store, features, tmp_path):
    import geopandas

    out = tmp_path / f"events.{fmt}"
    assert f"{len(features)} events" in export(store, "-o", out)
    frame = geopandas.read_parquet(out) if fmt == "parquet" else geopandas.read_file(out)
    assert sorted(frame["id"]) == sorted(f["id"] for f in features)
    columns = [name for name, _ in FLAT_COLUMNS]
    extra = sorted({k for f in features for k in f["properties"]} - set(columns))
    if fmt == "kml":  # LIBKML adds its own (Name, description, timestamp, ...); ours are all there
        assert set(columns + extra) <= set(frame.columns)
    elif fmt == "geojson":  # the GeoJSON keeps the properties' own order
        assert {c for c in frame.columns if c != frame.geometry.name} == set(columns + extra)
    else:
        assert [c for c in frame.columns if c != frame.geometry.name] == columns + extra
    # The ACLED mapping travels in every format, so a file sits beside ACLED's own rows.
    odesa = frame[frame["place_name"] == "Odesa"].iloc[0]
    assert (odesa["acled_event_type"], odesa["acled_sub_event_type"]) == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")
    located = {f["id"]: f["geometry"]["coordinates"] for f in features if f["geometry"]}
    for event_id, point in zip(frame["id"], frame.geometry, strict=True):
        if event_id in located:
            assert (round(point.x, 5), round(point.y, 5)) == tuple(round(c, 5) for c in located[event_id])
        else:
            assert point is None or point.is_empty
    if fmt in ("gpkg", "parquet", "geojson"):
        assert frame.crs.to_epsg() == 4326


def test_geopackage_and_parquet_round_trip_to_the_same_features(store, features, tmp_path):
    from geomap.exports import read_features

    for fmt in ("gpkg", "parquet"):
        out = tmp_path / f"events.{fmt}"
        export(store, "-o", out)
        again, provenance = read_features(out)
        assert [f["properties"] for f in again] == [f["properties"] for f in features], fmt
        assert provenance["run_at"]


def test_acled_csv_has_acled_columns_and_values(store, features, tmp_path):
    import pandas

    out = tmp_path / "events.csv"
    result = CliRunner().invoke(cli, ["export", str(store), "-o", str(out), "--format", "acled"])
    assert result.exit_code == 0, result.output
    assert "--format acled: events happened or claimed" in result.output
    frame = pandas.read_csv(out)
    assert tuple(frame.columns) == CSV_COLUMNS
    # By default only what happened or was claimed, as ACLED codes: planned, denied, background are left out.
    reported = [f for f in features if f["properties"]["status"] in ("happened", "claimed")]
    assert len(reported) < len(features)
    assert sorted(frame["event_id_cnty"]) == sorted(f["id"] for f in reported)
    assert set(frame["status"]) <= {"happened", "claimed"}
    odesa = frame[frame["location"] == "Odesa"].iloc[0]
    assert (odesa["event_type"], odesa["sub_event_type"]) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert (odesa["time_precision"], odesa["geo_precision"], odesa["fatalities"]) == (1, 1, 3)
    assert odesa["event_date"] == "2024-05-02" and odesa["source"] == "odesa-1" and odesa["year"] == 2024
    assert (odesa["country"], odesa["admin1"]) == ("Ukraine", "Odeska oblast")
    assert set(frame["time_precision"].dropna()) <= {1, 2, 3} and set(frame["geo_precision"].dropna()) <= {1, 2, 3}
    sidecar = json.loads((tmp_path / "events.csv-metadata.json").read_text())
    assert sidecar["url"] == "events.csv" and sidecar["geomap"]["gazetteer_source_hash"]


def test_every_format_records_provenance(store, tmp_path):
    import pyarrow.parquet
    import pyogrio

    for fmt in ("geojson", "gpkg", "parquet", "csv", "kml"):
        export(store, "-o", tmp_path / f"e.{fmt}")
    export(store, "-o", tmp_path / "acled.csv", "--format", "acled")
    assert json.loads((tmp_path / "acled.csv-metadata.json").read_text())["geomap"]["run_at"]
    records = {
        "geojson": json.loads((tmp_path / "e.geojson").read_text())["geomap"],
        "gpkg": pyogrio.read_info(tmp_path / "e.gpkg")["dataset_metadata"],
        "parquet": json.loads(pyarrow.parquet.read_schema(tmp_path / "e.parquet").metadata[b"geomap"]),
        "csv": json.loads((tmp_path / "e.csv-metadata.json").read_text())["geomap"],
    }
    kml = (tmp_path / "e.kml").read_text()
    for fmt, record in records.items():
        assert {"geomap_version", "gazetteer_source_hash", "run_at"} <= record.keys(), fmt
        assert record["run_at"] in kml  # the KML document's description holds the same record


def test_exporting_an_unchanged_store_twice_gives_identical_geojson(store, tmp_path):
    export(store, "-o", tmp_path / "a.geojson")
    export(store, "-o", tmp_path / "b.geojson")
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()


def ids(path: Path) -> list[str]:
    return [f["id"] for f in json.loads(path.read_text())["features"]]


@pytest.mark.parametrize("args, keeps", [
    (["--type", "drone_strike", "--type", "missile_strike"],
     lambda f: f["properties"]["event_type"] in ("drone_strike", "missile_strike")),
    (["--status", "claimed"], lambda f: f["properties"]["status"] == "claimed"),
    (["--since", "2025-03-19"], lambda f: bool(f["properties"]["date"]) and f["properties"]["date"] >= "2025-03-19"),
    (["--until", "2025-03-18"], lambda f: bool(f["properties"]["date"]) and f["properties"]["date"] <= "2025-03-18"),
    (["--country", "ru"], lambda f: f["properties"]["country_code"] == "RU"),
    (["--country", "Russia"], lambda f: f["properties"]["country_code"] == "RU"),
    (["--bbox", "30,44,40,53"],
     lambda f: f["geometry"] is not None and 30 <= f["geometry"]["coordinates"][0] <= 40
     and 44 <= f["geometry"]["coordinates"][1] <= 53),
    (["--min-confidence", "0.9"], lambda f: f["properties"]["confidence"] >= 0.9),
])
def test_filters_keep_exactly_what_they_say(args, keeps, store, features, tmp_path):
    out = tmp_path / "f.geojson"
    export(store, "-o", out, *args)
    expected = [f["id"] for f in features if keeps(f)]
    assert ids(out) == expected
    assert 0 < len(expected) < len(features), "the seed data should exercise both sides of the filter"


def test_a_country_name_that_is_no_country_is_a_clean_error(store, tmp_path):
    result = CliRunner().invoke(cli, ["export", str(store), "-o", str(tmp_path / "f.geojson"), "--country", "Narnia"])
    assert result.exit_code == 2 and "no country called 'Narnia'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "f.geojson").exists()


def test_filters_combine_and_work_on_a_runs_geojson(store, tmp_path):
    source = tmp_path / "run.geojson"
    export(store, "-o", source)
    out = tmp_path / "f.geojson"
    export(source, "-o", out, "--country", "UA", "--since", "2025-03-01", "--min-confidence", "0.8")
    for feature in json.loads(out.read_text())["features"]:
        p = feature["properties"]
        assert p["country_code"] == "UA" and date.fromisoformat(p["date"]) >= date(2025, 3, 1) and p["confidence"] >= 0.8


def test_map_from_a_store_and_from_an_export(store, features, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["map", str(store), "-o", str(tmp_path / "m.html"), "--type", "drone_strike"])
    assert result.exit_code == 0, result.output
    drones = [f for f in features if f["properties"]["event_type"] == "drone_strike"]
    assert f"{len(drones)} events" in result.output
    html = (tmp_path / "m.html").read_text()
    assert all(f["properties"]["place_name"] in html for f in drones if f["properties"]["place_name"])
    export(store, "-o", tmp_path / "e.parquet")
    result = runner.invoke(cli, ["map", str(tmp_path / "e.parquet"), "-o", str(tmp_path / "n.html")])
    assert result.exit_code == 0 and f"{len(features)} events" in result.output


def test_bad_sources_and_options_are_one_line_errors_naming_the_file(tmp_path):
    runner = CliRunner()
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    result = runner.invoke(cli, ["export", str(notes), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 1 and f"{notes}: expected a store (.gpkg)" in result.output
    broken = tmp_path / "broken.geojson"
    broken.write_text("{nope")
    result = runner.invoke(cli, ["export", str(broken), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 1 and f"{broken}: not a GeoJSON file" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(cli, ["export", str(broken), "-o", str(tmp_path / "x.csv"), "--bbox", "1,2,3"])
    assert result.exit_code == 2 and "expected min_lon,min_lat,max_lon,max_lat" in result.output
    result = runner.invoke(cli, ["export", str(broken), "-o", str(tmp_path / "x.xyz")])
    assert result.exit_code == 2 and "cannot tell the format" in result.output


def test_the_flat_table_keeps_its_columns_when_empty():
    frame = frame_from_features([])
    assert [c for c in frame.columns if c != "geometry"] == [name for name, _ in FLAT_COLUMNS]
    assert features_from_frame(frame) == []


def test_every_format_has_the_same_columns_in_the_same_order_as_the_geojson(store, features, tmp_path):
    """What an analyst opens in geopandas or a spreadsheet: one column order, integer ids as integers,
    country and region names beside their codes, flat article ids and URLs."""
    import geopandas
    import pandas
    import pyogrio

    geojson_order = list(features[0]["properties"])
    for fmt in ("gpkg", "parquet", "csv"):
        export(store, "-o", tmp_path / f"e.{fmt}")
    gpkg = pyogrio.read_dataframe(tmp_path / "e.gpkg")
    parquet = geopandas.read_parquet(tmp_path / "e.parquet")
    csv = pandas.read_csv(tmp_path / "e.csv")
    for name, frame in (("gpkg", gpkg), ("parquet", parquet)):
        assert [c for c in frame.columns if c != frame.geometry.name] == geojson_order, name
    assert list(csv.columns) == geojson_order + ["latitude", "longitude"]
    fields = dict(zip(*(pyogrio.read_info(tmp_path / "e.gpkg")[key] for key in ("fields", "dtypes"))))
    assert fields["geonameid"] == fields["fatalities"] == "int64"  # Integer64 fields, as QGIS shows them
    assert str(parquet["geonameid"].dtype) == "Int64"
    assert all(float(v).is_integer() for v in csv["geonameid"].dropna())
    odesa = csv[csv["place_name"] == "Odesa"].iloc[0]
    assert (odesa["country_code"], odesa["country"], odesa["admin1_code"], odesa["admin1"]) == (
        "UA", "Ukraine", "UA.17", "Odeska oblast")
    assert (odesa["acled_sub_event_type"], odesa["cameo_codes"], odesa["plover_event_type"]) == (
        "Shelling/artillery/missile attack", "195", "ASSAULT")
    assert odesa["article_ids"] == "odesa-1" and (odesa["latitude"], odesa["longitude"]) == pytest.approx((46.48572, 30.74383))
    seed = csv[csv["article_ids"].str.contains("; ", na=False)]
    assert len(seed) >= 1  # an event two articles report: both ids in one flat cell
    assert list(parquet.loc[parquet["place_name"] == "Odesa", "source_urls"]) == ["https://example.org/odesa-strike"]


def test_to_geodataframe_is_the_export_table(pipeline):
    import geomap

    result = pipeline.run(read_articles(bundled_examples()))
    frame = geomap.to_geodataframe(result.events)
    assert [c for c in frame.columns if c != frame.geometry.name] == [name for name, _ in FLAT_COLUMNS]
    assert str(frame["geonameid"].dtype) == "Int64" and frame.crs.to_epsg() == 4326


@pytest.mark.parametrize("count", [0, 1, None])
@pytest.mark.parametrize("provenance", [None, {"geomap": "x", "nested": {"list": [1, "é"]}}])
def test_geojson_written_feature_by_feature_is_the_same_bytes(features, count, provenance):
    """A run of millions of events writes events.geojson as they arrive (dumps_parts): byte for byte what
    dumps gives for the whole collection, empty, one feature or many, with and without provenance."""
    from geomap.exports.geojson import ATTRIBUTION, dumps, dumps_parts

    chosen = features[:count] if count is not None else features
    whole = {"type": "FeatureCollection", "features": chosen}
    if provenance:
        whole["geomap"] = {"attribution": ATTRIBUTION, **provenance}
    assert "".join(dumps_parts(iter(chosen), provenance=provenance)) == dumps(whole)
    assert json.loads("".join(dumps_parts(iter(chosen), provenance=provenance)))["features"] == chosen
