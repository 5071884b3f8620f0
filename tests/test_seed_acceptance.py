"""The seed acceptance table (issue: events), row by row, on the two bundled example articles.

The articles report one night of the war (19-20 March 2025) from two outlets. Each row is what an
analyst reading them would put on the map. Rows that the current rules do not yet meet are marked
``xfail(strict=True)`` so that they turn into failures the day they start passing unnoticed.
"""

from __future__ import annotations

import math
from datetime import date

import pytest

from geomap.records import Event, PlaceKind


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def _at(events: list[Event], geonameid: int | None = None, admin1: str | None = None) -> list[Event]:
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


def _inside_extent(event: Event) -> bool:
    extent = event.place.extent
    return extent is not None and extent[0] <= event.place.lon <= extent[2] and extent[1] <= event.place.lat <= extent[3]


def test_helsinki_press_conference_once_with_both_sources(seed_result, gazetteer):
    helsinki = gazetteer.by_geonameid(658225)
    events = [e for e in seed_result.events if e.event_type == "press_conference" and e.place is not None]
    assert len(events) == 1
    event = events[0]
    assert _km(event.place.lat, event.place.lon, helsinki.lat, helsinki.lon) < 30
    assert len({s.article_id for s in event.sources}) == 2
    assert event.date == date(2025, 3, 19)


def test_riyadh_talks_planned(seed_result, gazetteer):
    riyadh = gazetteer.by_geonameid(108410)
    events = [e for e in seed_result.events if e.event_type == "talks" and e.place is not None]
    assert [e.status for e in events] == ["planned"]
    assert _km(events[0].place.lat, events[0].place.lon, riyadh.lat, riyadh.lon) < 30


def test_kyiv_city_air_raid(seed_result):
    events = [e for e in seed_result.events if e.place and e.place.kind == PlaceKind.PLACE and e.place.admin1_code == "UA.12"]
    assert {e.event_type for e in events} & {"air_strike", "drone_strike", "missile_strike", "attack"}
    assert all(e.date == date(2025, 3, 18) for e in events)


@pytest.mark.parametrize(
    "admin1",
    ["UA.13", "UA.27", "UA.21", "UA.02", "UA.18", "UA.07", "UA.10", "UA.04", "UA.01", "UA.16"],
    ids=["Kyiv", "Zhytomyr", "Sumy", "Chernihiv", "Poltava", "Kharkiv", "Kirovohrad", "Dnipropetrovsk", "Cherkasy", "Mykolaiv"],
)
def test_ukrainian_oblasts_drone_strikes(seed_result, admin1):
    events = _at(seed_result.events, admin1=admin1)
    assert [e.event_type for e in events] == ["drone_strike"]
    assert _inside_extent(events[0])


def test_krasnodar_claimed_drone_strike_from_both_articles(seed_result):
    events = [e for e in seed_result.events if e.place and e.place.admin1_code == "RU.38"]
    assert len(events) == 1
    event = events[0]
    assert (event.event_type, event.status) == ("drone_strike", "claimed")
    assert len({s.article_id for s in event.sources}) == 2


def test_sea_of_azov_interception(seed_result):
    events = [e for e in seed_result.events if e.place and e.place.kind == PlaceKind.WATER and "Azov" in e.place.name]
    assert [e.event_type for e in events] == ["interception"]


@pytest.mark.parametrize("admin1", ["RU.41", "RU.10", "RU.56", "RU.76"], ids=["Kursk", "Bryansk", "Oryol", "Tula"])
def test_russian_oblasts_interceptions(seed_result, admin1):
    events = _at(seed_result.events, admin1=admin1)
    assert [e.event_type for e in events] == ["interception"]
    assert _inside_extent(events[0])


def test_krasnopillya_attack_in_sumy_oblast(seed_result):
    events = _at(seed_result.events, geonameid=704343)
    assert events and all(e.event_type in {"attack", "drone_strike", "air_strike", "shelling", "missile_strike"} for e in events)


def test_sudzha_change_of_territorial_control(seed_result):
    events = _at(seed_result.events, geonameid=486816)
    assert [e.event_type for e in events] == ["territory_change"]
    assert events[0].is_caption and events[0].date is None  # a caption locates but does not date


def test_trump_putin_call_is_unlocated_and_dated(seed_result):
    calls = [e for e in seed_result.events if e.event_type == "phone_call" and {"Trump", "Putin"} <= set(e.actors)]
    assert calls and all(c.place is None for c in calls)
    assert date(2025, 3, 18) in {c.date for c in calls}


@pytest.mark.parametrize(
    "geonameid", [2643743, 4140963, 524901, 703448],
    ids=["London", "Washington", "Moscow", "Kyiv-as-government"],
)
def test_no_event_where_places_are_only_mentioned(seed_result, geonameid):
    events = _at(seed_result.events, geonameid=geonameid)
    if geonameid == 703448:  # Kyiv city carries the air raid, and nothing else
        assert {e.event_type for e in events} <= {"air_strike", "drone_strike", "attack", "explosion"}
    else:
        assert events == []


def test_no_event_at_crimea_europe_or_person_names(seed_result):
    names = {e.place.name for e in seed_result.events if e.place}
    assert not names & {"Crimean Peninsula", "Europe", "Alexander", "Donald", "Marco", "Rubio", "Vladimir"}
    assert not [e for e in seed_result.events if e.place and e.place.kind == PlaceKind.CONTINENT]
