"""The seed acceptance table of the events issue, written once for the test suite and the bench
(a test oracle: it lives beside the tests, not in the package).

The two bundled example articles report one night of the war (19-20 March 2025) from two
outlets. Each row is what an analyst reading them would put on the map; ``check`` looks at the
merged events of a real pipeline run and says what it found, so ``tests/test_seed_acceptance.py``
asserts the rows and ``bench/events.py`` prints them with expected vs got side by side.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from geomap.geodesy import great_circle_km
from geomap.records import Event, Place, PlaceKind

VIOLENT_TYPES = frozenset({"attack", "drone_strike", "air_strike", "shelling", "missile_strike"})


class PlaceLookup(Protocol):
    """What a row needs from the gazetteer: one place by GeoNames id."""

    def by_geonameid(self, geonameid: int) -> Place | None: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    passed: bool
    got: str  # what the run produced, in words a reader can compare with ``expected``


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    expected: str
    check: Callable[[Sequence[Event], PlaceLookup], Outcome]


def events_at(events: Sequence[Event], *, geonameid: int | None = None, admin1: str | None = None) -> list[Event]:
    """Events placed at one GeoNames place, or at one oblast (admin1) itself."""
    found = []
    for event in events:
        place = event.place
        if place is None:
            continue
        if geonameid is not None and place.geonameid == geonameid:
            found.append(event)
        elif admin1 is not None and place.kind == PlaceKind.ADMIN1 and place.admin1_code == admin1:
            found.append(event)
    return found


def inside_extent(event: Event) -> bool:
    """An oblast event's point must lie in the oblast's own box (not at a namesake city)."""
    place = event.place
    extent = place.extent if place else None
    return extent is not None and extent[0] <= place.lon <= extent[2] and extent[1] <= place.lat <= extent[3]


def describe(events: Sequence[Event]) -> str:
    if not events:
        return "no event"
    parts = []
    for event in events:
        where = event.place.name if event.place else "unlocated"
        parts.append(f"{event.event_type}/{event.status} @ {where} {event.date or 'undated'} ({len(event.sources)} src)")
    return "; ".join(parts)


def _km_to(event: Event, gazetteer: PlaceLookup, geonameid: int) -> float:
    target = gazetteer.by_geonameid(geonameid)
    if target is None or event.place is None:
        return math.inf
    return great_circle_km(event.place.lat, event.place.lon, target.lat, target.lon)


def _helsinki(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
    found = [e for e in events if e.event_type == "press_conference" and e.place is not None]
    passed = (len(found) == 1 and _km_to(found[0], gazetteer, 658225) < 30
              and len({s.article_id for s in found[0].sources}) == 2 and found[0].date == date(2025, 3, 19))
    return Outcome(passed, describe(found))


def _riyadh(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
    found = [e for e in events if e.event_type == "talks" and e.place is not None]
    passed = [e.status for e in found] == ["planned"] and _km_to(found[0], gazetteer, 108410) < 30
    return Outcome(passed, describe(found))


def _kyiv_raid(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
    found = [e for e in events if e.place and e.place.kind == PlaceKind.PLACE and e.place.admin1_code == "UA.12"]
    passed = bool({e.event_type for e in found} & {"air_strike", "drone_strike", "missile_strike", "attack"}) and all(
        e.date == date(2025, 3, 18) for e in found)
    return Outcome(passed, describe(found))


def _oblast(admin1: str, event_type: str) -> Callable[[Sequence[Event], PlaceLookup], Outcome]:
    def check(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
        found = events_at(events, admin1=admin1)
        passed = [e.event_type for e in found] == [event_type] and inside_extent(found[0])
        return Outcome(passed, describe(found))
    return check


def _krasnodar(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
    found = [e for e in events if e.place and e.place.admin1_code == "RU.38"]
    passed = (len(found) == 1 and (found[0].event_type, found[0].status) == ("drone_strike", "claimed")
              and len({s.article_id for s in found[0].sources}) == 2)
    return Outcome(passed, describe(found))


def _azov(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
    found = [e for e in events if e.place and e.place.kind == PlaceKind.WATER and "Azov" in e.place.name]
    return Outcome([e.event_type for e in found] == ["interception"], describe(found))


def _krasnopillya(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
    found = events_at(events, geonameid=704343)
    return Outcome(bool(found) and all(e.event_type in VIOLENT_TYPES for e in found), describe(found))


def _sudzha(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
    found = events_at(events, geonameid=486816)
    passed = [e.event_type for e in found] == ["territory_change"] and found[0].is_caption and found[0].date is None
    return Outcome(passed, describe(found) + (" (caption)" if found and found[0].is_caption else ""))


def _trump_putin_call(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
    calls = [e for e in events if e.event_type == "phone_call" and {"Trump", "Putin"} <= set(e.actors)]
    passed = bool(calls) and all(c.place is None for c in calls) and date(2025, 3, 18) in {c.date for c in calls}
    return Outcome(passed, describe(calls))


def _only_mentioned(geonameid: int, allowed: frozenset[str]) -> Callable[[Sequence[Event], PlaceLookup], Outcome]:
    def check(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
        found = events_at(events, geonameid=geonameid)
        return Outcome({e.event_type for e in found} <= allowed, describe(found))
    return check


def _no_crimea_europe_names(events: Sequence[Event], gazetteer: PlaceLookup) -> Outcome:
    wrong = [e for e in events if e.place and (
        e.place.name in {"Crimean Peninsula", "Europe", "Alexander", "Donald", "Marco", "Rubio", "Vladimir"}
        or e.place.kind == PlaceKind.CONTINENT)]
    return Outcome(not wrong, describe(wrong))


UKRAINIAN_OBLASTS = (("Kyiv", "UA.13"), ("Zhytomyr", "UA.27"), ("Sumy", "UA.21"), ("Chernihiv", "UA.02"),
                     ("Poltava", "UA.18"), ("Kharkiv", "UA.07"), ("Kirovohrad", "UA.10"), ("Dnipropetrovsk", "UA.04"),
                     ("Cherkasy", "UA.01"), ("Mykolaiv", "UA.16"))
RUSSIAN_OBLASTS = (("Kursk", "RU.41"), ("Bryansk", "RU.10"), ("Oryol", "RU.56"), ("Tula", "RU.76"))
MENTIONED_ONLY = (("London", 2643743), ("Washington", 4140963), ("Moscow", 524901))

ROWS: tuple[Row, ...] = (
    Row("helsinki_press_conference", "one press conference at Helsinki, 2025-03-19, both articles", _helsinki),
    Row("riyadh_talks_planned", "talks at Riyadh, status planned", _riyadh),
    Row("kyiv_city_air_raid", "an air/drone/missile strike or attack in Kyiv city, dated 2025-03-18", _kyiv_raid),
    *(Row(f"drone_strike_{name.lower()}_oblast", f"one drone strike in {name} oblast, inside its extent",
          _oblast(code, "drone_strike")) for name, code in UKRAINIAN_OBLASTS),
    Row("krasnodar_claimed_drone_strike", "one claimed drone strike in Krasnodar krai, both articles", _krasnodar),
    Row("sea_of_azov_interception", "one interception over the Sea of Azov", _azov),
    *(Row(f"interception_{name.lower()}_oblast", f"one interception in {name} oblast, inside its extent",
          _oblast(code, "interception")) for name, code in RUSSIAN_OBLASTS),
    Row("krasnopillya_attack", "a violent event at Krasnopillya (Sumy oblast)", _krasnopillya),
    Row("sudzha_territory_change", "territory change at Sudzha from a caption: located, not dated", _sudzha),
    Row("trump_putin_call_unlocated", "Trump-Putin phone call, unlocated, dated 2025-03-18", _trump_putin_call),
    *(Row(f"nothing_at_{name.lower()}", f"no event at {name} (only mentioned)", _only_mentioned(gid, frozenset()))
      for name, gid in MENTIONED_ONLY),
    Row("kyiv_as_government", "at Kyiv only the air raid (Kyiv as government carries nothing)",
        _only_mentioned(703448, frozenset({"air_strike", "drone_strike", "attack", "explosion"}))),
    Row("no_crimea_europe_or_person_names", "no event at Crimea, Europe, a continent or a person's name",
        _no_crimea_europe_names),
)


def evaluate(events: Sequence[Event], gazetteer: PlaceLookup) -> list[tuple[Row, Outcome]]:
    """Every row checked against one run's merged events, in table order."""
    return [(row, row.check(events, gazetteer)) for row in ROWS]
