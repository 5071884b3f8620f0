"""Write events as GeoJSON, GeoPackage, GeoParquet, ACLED-style CSV or KML, and read them back.

Every format is written from GeoJSON Features (the public schema) through one flat table,
:func:`geomap.exports.table.frame_from_features`, so the columns agree across formats. Nested properties (sources,
actors, quantities, extent, details) become JSON text in the flat formats: QGIS and pandas show
them as text, and :func:`geomap.exports.table.features_from_frame` turns them back into the nested form, so an
export can itself be filtered, re-exported or mapped.

GeoJSON goes through :func:`geomap.exports.geojson.dumps` (the byte-stable writer the runs use); the
other formats through pyogrio/geopandas/pandas writers. Every file is written to a temporary
name in the target folder and renamed, so a reader never sees half a file.

Provenance (geomap version, gazetteer source hash, run time) goes where each format's readers
look: the GeoJSON's top-level ``geomap`` member, GeoPackage dataset and layer metadata
(``pyogrio.read_info(path)["dataset_metadata"]``), a ``geomap`` key in the GeoParquet schema
metadata, the KML document's description, and a CSVW sidecar (``events.csv-metadata.json``,
the W3C "CSV on the Web" location) for CSV.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from geomap.errors import InputError, OutputError
from geomap.exports.atomic import write_atomic
from geomap.exports.geojson import ATTRIBUTION, dumps
from geomap.exports.table import Features, features_from_frame, frame_from_features
from geomap.gazetteer.regions import admin1_name, country_name

FORMATS = ("geojson", "gpkg", "parquet", "csv", "acled", "kml")
SUFFIXES = {"geojson": ".geojson", "gpkg": ".gpkg", "parquet": ".parquet", "csv": ".csv", "acled": ".csv", "kml": ".kml"}
LAYER = "events"

# ACLED's column names (https://acleddata.com codebook), then geomap's own three.
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
                 "fatalities")
CSV_COLUMNS = ACLED_COLUMNS + ("geomap_event_type", "status", "confidence")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}  # ACLED has no year code: its coarsest
# ACLED geo_precision: 1 the town itself, 2 a part of a region or near a town, 3 a larger region.
GEO_PRECISION = {"place": 1, "landmark": 1, "admin2": 2, "admin1": 3, "region": 3, "water": 3, "country": 3,
                 "continent": 3}

# ACLED's own default: events that happened, and claimed ones (flagged in ``status``).
ACLED_STATUSES = ("happened", "claimed")

def acled_frame(features: Features):  # -> DataFrame
    """ACLED-compatible rows: one per event, columns :data:`CSV_COLUMNS`.

    time_precision 1/2/3 from date_precision day/week/month; geo_precision 1/2/3 from the place's
    kind (town, district, larger region); event_type/sub_event_type from the taxonomy's ACLED
    mapping; actor1/actor2 the first two actors as stated; fatalities the smallest fatality
    count stated (ACLED codes the most conservative report), else 0 as ACLED does; source the
    article ids, notes the evidence sentence. Unlocated events have empty coordinates.
    """
    import pandas

    from geomap.events.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    rows = []
    for feature in features:
        p = feature.get("properties") or {}
        event_type = taxonomy.get(p.get("event_type") or "other")
        geometry = feature.get("geometry")
        actors = list(p.get("actors") or [])
        fatalities = p.get("fatalities")
        admin1_code = p.get("admin1_code")
        rows.append({
            "event_id_cnty": p.get("id"),
            "event_date": p.get("date"),
            "year": int(p["date"][:4]) if p.get("date") else None,
            "time_precision": TIME_PRECISION.get(p.get("date_precision") or ""),
            "event_type": event_type.acled_event_type,
            "sub_event_type": event_type.acled_sub_event_type,
            "actor1": actors[0] if actors else None,
            "actor2": actors[1] if len(actors) > 1 else None,
            "country": p.get("country") or country_name(p.get("country_code")),
            "admin1": p.get("admin1") or admin1_name(admin1_code) or admin1_code,  # an older export has no name
            "location": p.get("place_name"),
            "latitude": geometry["coordinates"][1] if geometry else None,
            "longitude": geometry["coordinates"][0] if geometry else None,
            "geo_precision": GEO_PRECISION.get(p.get("precision") or ""),
            "source": "; ".join(s.get("article_id", "") for s in p.get("sources") or []),
            "notes": p.get("evidence"),
            "fatalities": fatalities if fatalities is not None else 0,
            "geomap_event_type": p.get("event_type"),
            "status": p.get("status"),
            "confidence": p.get("confidence"),
        })
    frame = pandas.DataFrame(rows, columns=list(CSV_COLUMNS))
    for name in ("year", "time_precision", "geo_precision", "fatalities"):
        frame[name] = frame[name].astype("Int64")
    return frame


def plain_frame(features: Features):  # -> DataFrame
    """The flat table as plain CSV: the GeoPackage's columns in the same order, the point as
    ``latitude`` and ``longitude`` where the geometry column would be."""
    import pandas

    frame = frame_from_features(features)
    points = frame.geometry
    table = pandas.DataFrame(frame.drop(columns=frame.geometry.name))
    table["latitude"] = pandas.Series([p.y if p is not None and not p.is_empty else None for p in points], dtype="Float64")
    table["longitude"] = pandas.Series([p.x if p is not None and not p.is_empty else None for p in points], dtype="Float64")
    return table


def provenance_record(provenance: Mapping[str, Any] | None) -> dict[str, str]:
    """Provenance as flat strings (what GeoPackage and Parquet metadata hold)."""
    record = {"attribution": ATTRIBUTION}
    record.update({key: str(value) for key, value in (provenance or {}).items() if value is not None})
    return record


def write_export(features: Features, path: Path, output_format: str, *,
                 provenance: Mapping[str, Any] | None = None) -> list[Path]:
    """Write the features to ``path`` in ``output_format``; returns the files written (CSV adds a sidecar)."""
    if output_format not in FORMATS:
        raise OutputError(f"{path}: unknown format {output_format!r} (choose from {', '.join(FORMATS)})")
    path = Path(path)
    if output_format == "geojson":
        collection = {"type": "FeatureCollection", "features": list(features)}
        if provenance:
            collection["geomap"] = {"attribution": ATTRIBUTION, **provenance}
        return [write_atomic(path, dumps(collection))]
    meta = provenance_record(provenance)
    if output_format in ("csv", "acled"):
        frame = acled_frame(features) if output_format == "acled" else plain_frame(features)
        _replace_with(path, lambda temporary: frame.to_csv(temporary, index=False, encoding="utf-8"))
        sidecar = path.with_name(path.name + "-metadata.json")
        columns = [{"name": name, "titles": name} for name in frame.columns]
        csvw = {"@context": "http://www.w3.org/ns/csvw", "url": path.name, "dc:creator": f"geomap {meta.get('geomap_version', '')}".strip(),
                "geomap": meta, "tableSchema": {"columns": columns}}
        return [path, write_atomic(sidecar, json.dumps(csvw, ensure_ascii=False, indent=1) + "\n")]
    frame = frame_from_features(features)
    if output_format == "gpkg":
        import pyogrio

        _replace_with(path, lambda temporary: pyogrio.write_dataframe(
            frame, temporary, layer=LAYER, driver="GPKG", geometry_type="Point",
            dataset_metadata=meta, layer_metadata=meta))
    elif output_format == "parquet":
        _replace_with(path, lambda temporary: _write_parquet(frame, temporary, meta))
    elif output_format == "kml":
        import pyogrio

        kml = frame.copy()
        # LIBKML shows "Name" as the placemark's title and "description" in its balloon, which
        # Google Earth and others render as HTML: article text goes there escaped, so an
        # <img onerror> in an article shows as text. The evidence column keeps the text as is.
        kml.insert(0, "Name", [html.escape(f"{label or ''}: {place or ''}".strip(": ")) for label, place in
                               zip(frame["event_label"], frame["place_name"].fillna(""), strict=True)])
        kml.insert(1, "description", [html.escape(text) if isinstance(text, str) else text for text in frame["evidence"]])
        kml["is_caption"] = kml["is_caption"].astype("Int64")
        _replace_with(path, lambda temporary: pyogrio.write_dataframe(
            kml, temporary, layer=LAYER, driver="LIBKML",
            dataset_options={"DESCRIPTION": json.dumps(meta, ensure_ascii=False), "AUTHOR_NAME": "geomap"}))
    return [path]


def _write_parquet(frame, temporary: str, meta: Mapping[str, str]) -> None:
    """GeoParquet via geopandas, then the provenance added to the schema metadata (pyarrow)."""
    import pyarrow.parquet as parquet

    frame.to_parquet(temporary, index=False)
    table = parquet.read_table(temporary)
    metadata = dict(table.schema.metadata or {})
    metadata[b"geomap"] = json.dumps(dict(meta), ensure_ascii=False).encode()
    parquet.write_table(table.replace_schema_metadata(metadata), temporary)


def _replace_with(path: Path, write: Callable[[str], Any]) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise OutputError(f"{path.parent}: cannot write output here ({error.strerror or error})") from error
    temporary = os.path.join(folder, path.name)
    try:
        write(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from error
    finally:
        for leftover in Path(folder).glob("*"):
            leftover.unlink(missing_ok=True)
        os.rmdir(folder)


def read_features(path: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The features and provenance of a store, a run's events.geojson, or a GeoPackage/GeoParquet export."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "file not found")
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(str(path), f"not a GeoJSON file ({error})") from error
        if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
            raise InputError(str(path), "not a GeoJSON FeatureCollection")
        provenance = dict(collection.get("geomap") or {})
        provenance.pop("attribution", None)
        return list(collection.get("features") or []), provenance
    if suffix == ".gpkg":
        from geomap.exports.store import EventStore, is_store

        if is_store(path):
            with EventStore.open(path) as store:
                return store.features(), store.provenance()
        return _read_flat(path, lambda: _gpkg_meta(path))
    if suffix == ".parquet":
        return _read_flat(path, lambda: _parquet_meta(path))
    raise InputError(str(path), "expected a store (.gpkg), a GeoJSON file (.geojson) or a GeoParquet file (.parquet)")


def _read_flat(path: Path, meta: Callable[[], dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    import geopandas

    try:
        frame = geopandas.read_parquet(path) if path.suffix.lower() == ".parquet" else geopandas.read_file(path, layer=LAYER)
    except Exception as error:  # pyogrio/pyarrow raise their own types for unreadable files
        raise InputError(str(path), f"cannot read events ({error})") from error
    provenance = meta()
    provenance.pop("attribution", None)
    return features_from_frame(frame), provenance


def _gpkg_meta(path: Path) -> dict[str, Any]:
    import pyogrio

    return dict(pyogrio.read_info(path, layer=LAYER).get("dataset_metadata") or {})


def _parquet_meta(path: Path) -> dict[str, Any]:
    import pyarrow.parquet as parquet

    raw = (parquet.read_schema(path).metadata or {}).get(b"geomap")
    return json.loads(raw) if raw else {}
