"""The event taxonomy: one data file (``taxonomy.json``) read into typed records.

Each type has a stable id used in outputs, a label, a colour and icon for the map,
and its mapping to ACLED (event type, sub-event type), CAMEO codes and PLOVER
(category, mode or list of modes), and the class of the trained classifier that covers it.
Renderers and exporters read it from here rather than keeping
their own copies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    label: str
    family: str
    colour: str
    icon: str
    acled_event_type: str
    acled_sub_event_type: str
    cameo: tuple[str, ...]
    plover_category: str | None
    plover_mode: str | None  # the first of ``plover_modes``, or None for the whole category
    plover_modes: tuple[str, ...] = ()  # a type can cover several PLOVER modes (protest: demo, hunger, ...)
    # The trained classifier's class for this type (``corpus/README.md``): several types share one
    # ("drone_strike" and "air_strike" are both ``air_strike``); None for types it does not predict.
    model_class: str | None = None
    # Words near a trigger that make a type of its class the fitting one ("drone" → drone_strike).
    cues: tuple[str, ...] = ()

    def codes(self) -> dict[str, Any]:
        """The type in the coding schemes analysts join on (ACLED, CAMEO, PLOVER), as every export
        carries it beside ``event_type``: a GeoJSON or GeoPackage can be set beside ACLED or GDELT rows."""
        return {"acled_event_type": self.acled_event_type, "acled_sub_event_type": self.acled_sub_event_type,
                "cameo_codes": list(self.cameo), "plover_event_type": self.plover_category}


@dataclass(frozen=True, slots=True)
class Taxonomy:
    types: tuple[EventType, ...]
    families: dict[str, str]

    def get(self, type_id: str) -> EventType:
        for event_type in self.types:
            if event_type.id == type_id:
                return event_type
        return self.get("other")

    def is_violent(self, type_id: str) -> bool:
        """Whether the type is one of the violence family (an unknown id is ``other``: not violent)."""
        return self.get(type_id).family == "violence"

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.types)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """Read the bundled taxonomy file (cached: it never changes within a process)."""
    raw = json.loads(resources.files("geomap.events").joinpath("taxonomy.json").read_text("utf-8"))
    types = tuple(
        EventType(
            id=t["id"],
            label=t["label"],
            family=t["family"],
            colour=t["colour"],
            icon=t["icon"],
            acled_event_type=t["acled"][0],
            acled_sub_event_type=t["acled"][1],
            cameo=tuple(t["cameo"]),
            plover_category=t["plover"][0],
            plover_mode=_modes(t["plover"][1])[0] if _modes(t["plover"][1]) else None,
            plover_modes=_modes(t["plover"][1]),
            model_class=t.get("model_class"),
            cues=tuple(t.get("cues", ())),
        )
        for t in raw["types"]
    )
    return Taxonomy(types=types, families=dict(raw["families"]))


def _modes(value: str | list[str] | None) -> tuple[str, ...]:
    """A PLOVER mode in the file is one string, a list of them, or null (any mode of the category)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)
