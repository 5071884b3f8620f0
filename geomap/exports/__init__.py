"""Events out of geomap into other tools: filters and file formats over the public GeoJSON schema.

Everything here works on GeoJSON Feature dicts (the contract :func:`geomap.exports.geojson.feature` defines),
not on ``Event`` records, so an export can start from a store, from a run's ``events.geojson`` or
from an earlier GeoPackage/GeoParquet export, and every format carries the same columns.
"""

from geomap.exports.filters import EventFilter
from geomap.exports.formats import FORMATS, read_features, write_export

__all__ = ["FORMATS", "EventFilter", "read_features", "write_export"]
