"""ACLED actor classes: what a user sees in ``actor_classes`` for the actors a report names."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import pytest

from geomap.events.actors import actor_classes_in
from geomap.exports.geojson import feature
from geomap.records import Article


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russian forces shelled Kherson overnight, killing two civilians, regional officials said.",
         [("Russian forces", "State forces"), ("civilians", "Civilians")]),
        ("Ukraine's army said it had repelled attacks near Pokrovsk.", [("Ukraine's army", "State forces")]),
        ("Police fired tear gas at protesters in Tbilisi on Sunday.",
         [("Police", "State forces"), ("protesters", "Protesters")]),
        ("Ethnic militias clashed with government troops and UN peacekeepers.",
         [("Ethnic militias", "Identity militias"), ("government troops", "State forces"),
          ("UN peacekeepers", "External/Other forces")]),
        ("Rebel forces captured the town after two days of fighting.", [("Rebel forces", "Rebel groups")]),
        ("Rioters set fire to shops as security forces looked on.",
         [("Rioters", "Rioters"), ("security forces", "State forces")]),
    ],
)
def test_actor_classes_from_the_words_of_a_report(sentence, expected):
    assert list(actor_classes_in(sentence)) == expected


def test_no_class_when_the_words_leave_it_open():
    assert actor_classes_in("The strike hit residential units and a warehouse.") == ()
    assert actor_classes_in("Officials said the talks would resume on Monday.") == ()


def test_actor_classes_reach_events_geojson(pipeline):
    text = ("Russian forces shelled the city of Kherson overnight, killing two civilians, "
            "the regional governor said on Tuesday.")
    article = Article("kherson-1", text, hashlib.sha256(text.encode()).hexdigest(),
                      published=datetime(2025, 3, 18, 9, tzinfo=timezone.utc))
    events = pipeline.run([article]).events
    shelling = [e for e in events if e.event_type == "shelling"]
    assert shelling, [e.event_type for e in events]
    properties = feature(shelling[0])["properties"]
    assert properties["actor_classes"] == [{"actor": "Russian forces", "class": "State forces"},
                                           {"actor": "civilians", "class": "Civilians"}]


def test_actors_are_named_groups_and_people_not_the_last_words_of_institutions(pipeline):
    text = ("Gunmen attacked the Jaffar Express near Quetta on Tuesday, the Justice Department and the "
            "Supreme Court said, as Baloch Liberation Army fighters and commander Rahim Baloch claimed it.")
    article = Article(id="actors", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())
    actors = {a for e in pipeline.run([article]).events for a in e.actors}
    assert "Baloch Liberation Army" in actors and "Baloch" in actors  # the listed group, and the person
    assert not actors & {"Express", "Department", "Court", "Army"}
