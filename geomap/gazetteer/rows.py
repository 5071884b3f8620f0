"""A gazetteer row as a :class:`~geomap.records.Place`: the one mapping every layer reads through.

The bundled cache, an imported GeoNames dump and the user's places share the ``places`` table's
columns (:mod:`geomap.gazetteer.build` defines them), so each layer's reader turns its rows into
places here rather than importing another layer's reader.
"""

from __future__ import annotations

import sqlite3

from geomap.records import Place, PlaceKind


def place_from_row(row: sqlite3.Row) -> Place:
    extent = None
    if row["min_lon"] is not None:
        extent = (row["min_lon"], row["min_lat"], row["max_lon"], row["max_lat"])
    return Place(
        id=row["id"],
        name=row["name"],
        lat=row["lat"],
        lon=row["lon"],
        kind=PlaceKind(row["kind"]),
        country_code=row["country_code"],
        admin1_code=row["admin1_code"],
        population=row["population"],
        geonameid=row["geonameid"],
        extent=extent,
        source=row["source"],
    )
