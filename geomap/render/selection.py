"""Which events a map shows when a run has more than a browser can draw.

A map is one HTML file with every event's data inside; past some tens of thousands of events it
takes minutes to open and the run that writes it holds them all. ``events.geojson`` and the store
keep every event; the map shows all of them up to ``limit`` and, past it, the ``limit`` an analyst
most wants to see: located before unlocated, current before background history, the most recent
first, then the best corroborated. They are kept as the merged events stream by (a bounded heap),
and given back in the order they came.
"""

from __future__ import annotations

import heapq

from geomap.records import Event

MAP_EVENTS = 50_000  # the default limit: a map of this many opens in a few seconds


def _worth(event: Event) -> tuple[bool, bool, int, int]:
    return (event.place is not None, event.status != "background",
            event.date.toordinal() if event.date else 0, len(event.sources))


class MapSelection:
    """The events a map shows, chosen while they stream past; ``total`` counts every event offered."""

    def __init__(self, limit: int = MAP_EVENTS) -> None:
        self.limit = limit
        self.total = 0
        self._kept: list[tuple[tuple[bool, bool, int, int], int, Event]] = []

    def add(self, event: Event) -> None:
        item = (_worth(event), self.total, event)
        self.total += 1
        if len(self._kept) < self.limit:
            heapq.heappush(self._kept, item)
        elif self.limit:
            heapq.heappushpop(self._kept, item)

    @property
    def cut(self) -> bool:
        """Whether some events are left off the map."""
        return self.total > len(self._kept)

    def events(self) -> list[Event]:
        """The events kept, in the order they were offered."""
        return [event for _, _, event in sorted(self._kept, key=lambda item: item[1])]

    def note(self) -> str:
        """What the map leaves out, for its title and the run's summary ('' when nothing)."""
        if not self.cut:
            return ""
        return (f"the {len(self._kept):,} most recent located events of {self.total:,} "
                "(events.geojson has them all)")
