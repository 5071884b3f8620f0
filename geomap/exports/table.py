"""The flat table every format is written through: GeoJSON Features as one row each, and back.

Nested properties (sources, actors, quantities, extent, details) become JSON text, lists of plain
identifiers "; "-joined, and every column has a fixed dtype even when empty, so the columns agree
across formats, and the event store's spatial layer (:mod:`geomap.exports.store`) is this same table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

# The flat table: (column, pandas dtype). Order follows the GeoJSON properties.
FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("event_type", "string"),
    ("event_label", "string"),
    ("acled_event_type", "string"),
    ("acled_sub_event_type", "string"),
    ("cameo_codes", "string"),  # "; "-joined
    ("plover_event_type", "string"),
    ("status", "string"),
    ("place", "string"),
    ("place_name", "string"),
    ("geonameid", "Int64"),
    ("country_code", "string"),
    ("country", "string"),
    ("admin1_code", "string"),
    ("admin1", "string"),
    ("precision", "string"),
    ("extent", "string"),
    ("date", "string"),  # ISO 8601 text: a date column would lose "no date" in some drivers
    ("date_precision", "string"),
    ("sources", "string"),
    ("article_ids", "string"),  # "; "-joined: a flat column to filter or join on
    ("source_urls", "string"),
    ("corroboration", "Int64"),
    ("evidence", "string"),
    ("trigger", "string"),
    ("actors", "string"),
    ("actor_classes", "string"),
    ("claimant", "string"),
    ("quantities", "string"),
    ("fatalities", "Int64"),
    ("injured", "Int64"),
    ("mentions", "string"),
    ("is_caption", "boolean"),
    ("details", "string"),
    ("confidence", "float64"),
)
JSON_COLUMNS = frozenset({"extent", "sources", "actors", "actor_classes", "quantities", "details", "mentions"})
# Lists of plain identifiers written "; "-joined rather than as JSON, so a spreadsheet can filter on them.
JOINED_COLUMNS = frozenset({"article_ids", "source_urls", "cameo_codes"})
JOIN = "; "
FLAT_NAMES = frozenset(name for name, _ in FLAT_COLUMNS)
INTEGER_COLUMNS = frozenset(name for name, dtype in FLAT_COLUMNS if dtype == "Int64")
BOOLEAN_COLUMNS = frozenset(name for name, dtype in FLAT_COLUMNS if dtype == "boolean")

# Never null in the GeoJSON: an empty list there.
LIST_COLUMNS = frozenset({"sources", "article_ids", "source_urls", "cameo_codes", "actors", "actor_classes", "quantities",
                          "mentions"})
Features = Sequence[Mapping[str, Any]]


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=False)


def frame_from_features(features: Features):  # -> geopandas.GeoDataFrame
    """The flat table of the features, EPSG:4326, with fixed columns and dtypes (even when empty).

    Properties outside :data:`FLAT_COLUMNS` (a newer geomap's additions) follow in name order.
    """
    import geopandas
    import pandas
    from shapely.geometry import Point

    known = [name for name, _ in FLAT_COLUMNS]
    extra = sorted({key for f in features for key in (f.get("properties") or {})} - set(known))
    rows: dict[str, list[Any]] = {name: [] for name in known + extra}
    geometries = []
    for feature in features:
        properties = feature.get("properties") or {}
        for name in known + extra:
            value = properties.get(name)
            if name in JOINED_COLUMNS and isinstance(value, list):
                value = JOIN.join(value) if value else None
            elif name in JSON_COLUMNS or isinstance(value, (list, dict)):
                value = _json(value)
            rows[name].append(value)
        geometry = feature.get("geometry")
        geometries.append(Point(*geometry["coordinates"][:2]) if geometry else None)
    columns = {name: pandas.Series(rows[name], dtype=dtype) for name, dtype in FLAT_COLUMNS}
    for name in extra:
        columns[name] = pandas.Series(rows[name], dtype="object")
    return geopandas.GeoDataFrame(columns, geometry=geopandas.GeoSeries(geometries, crs="EPSG:4326"))


def features_from_frame(frame) -> list[dict[str, Any]]:
    """The inverse of :func:`frame_from_features`: GeoJSON Features with nested properties again."""
    import math

    features = []
    names = [c for c in frame.columns if c != frame.geometry.name]
    for record, geometry in zip(frame[names].to_dict("records"), frame.geometry, strict=True):
        properties: dict[str, Any] = {}
        for name in names:
            value = record[name]
            if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("<NA>", "NaT"):
                value = None
            elif name in JSON_COLUMNS and isinstance(value, str):
                value = json.loads(value)
            elif name in JOINED_COLUMNS and isinstance(value, str):
                value = value.split(JOIN)
            elif name not in FLAT_NAMES and isinstance(value, str) and value[:1] in ("[", "{"):
                value = json.loads(value)  # a newer geomap's list/dict property, written as JSON
            elif hasattr(value, "item"):  # numpy scalar -> Python
                value = value.item()
            if name in INTEGER_COLUMNS and isinstance(value, float):
                value = int(value)  # drivers read an integer column with gaps as floats
            if name in BOOLEAN_COLUMNS and value is not None:
                value = bool(value)
            properties[name] = value
        for name in (JSON_COLUMNS | JOINED_COLUMNS) & properties.keys():
            if properties[name] is None and name in LIST_COLUMNS:
                properties[name] = []
        point = None
        if geometry is not None and not geometry.is_empty:
            point = {"type": "Point", "coordinates": [geometry.x, geometry.y]}
        features.append({"type": "Feature", "id": properties.get("id"), "geometry": point, "properties": properties})
    return features
