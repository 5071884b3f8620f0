"""The Python API notebook users call (the same pipeline as the CLI)."""

from __future__ import annotations

import geomap


def test_geoparse_stays_callable_after_the_pipeline_is_imported(pipeline) -> None:
    # geomap.geoparse is a function; a submodule of the same name once replaced it after first use.
    first = geomap.geoparse("Drones hit Sumy overnight.", pipeline=pipeline)
    second = geomap.geoparse("Talks were held in Riyadh.", pipeline=pipeline)
    assert [t.place.name for t in first if t.place] == ["Sumy"]
    assert [t.place.country_code for t in second if t.place] == ["SA"]
