"""geomap: news articles about armed conflict in, a map of events out.

The Python API mirrors the CLI (both call :mod:`geomap.pipeline`)::

    import geomap
    toponyms = geomap.geoparse("Drones hit Sumy overnight.")
    result = geomap.extract_events(geomap.read_articles(["articles/"]))
    gdf = geomap.to_geodataframe(result.events)
    geomap.build_map(result.events).save("map.html")
"""

from __future__ import annotations

from geomap.version import __version__

__all__ = ["__version__", "build_map", "extract_events", "geoparse", "read_articles", "to_geodataframe"]


def __getattr__(name: str):  # lazy, so `import geomap` stays fast and light (PEP 562)
    if name in __all__ and name != "__version__":
        from geomap import api

        return getattr(api, name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
