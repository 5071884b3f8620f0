"""Typed records passed between geomap's stages.

Every stage takes and returns these frozen dataclasses, never dicts, so that a
stage's contract is visible in its signature. This module imports nothing from
the rest of the package: it is the vocabulary the stages share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


class PlaceKind(str, Enum):
    """What sort of place a gazetteer entry is; also the vocabulary of an event's ``precision``."""

    PLACE = "place"  # a populated place: city, town, village
    ADMIN2 = "admin2"  # a district, raion, county
    ADMIN1 = "admin1"  # an oblast, krai, state, province
    COUNTRY = "country"
    WATER = "water"  # sea, gulf, lake, river
    REGION = "region"  # a historical or physical region larger than a place (Donbas, Crimean Peninsula)
    LANDMARK = "landmark"  # a building, plant, base, bridge
    CONTINENT = "continent"


class Usage(str, Enum):
    """How a place name is used in a sentence. Events are only ever located at ``LITERAL`` mentions."""

    LITERAL = "literal"  # the place itself: "drones over Kyiv"
    METONYMIC = "metonymic"  # the place stands for its government: "Moscow accused ..."
    DEMONYM = "demonym"  # an adjective or people: "Ukrainian", "the Russians"
    ORGANISATION = "organisation"  # part of an organisation/building name: "Chatham House", "London-based"
    NOT_A_PLACE = "not_a_place"  # a person or common word that is also a place name


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as ingested.

    ``id`` is the given id, else the URL, else the path relative to the input root.
    ``content_hash`` (sha256 of the text) lets a later run recognise a changed article.
    """

    id: str
    text: str
    content_hash: str
    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    source: str | None = None  # the outlet or feed, when known
    path: str | None = None  # the file it came from, for error messages
    # Character offset where the body starts in ``text`` (after title/date lines): offsets stay into ``text``.
    body_start: int = 0
    # Set when ``published`` is not the article's own date but its file's (a PDF's or DOCX's metadata).
    published_from: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. ``extent`` is (min_lon, min_lat, max_lon, max_lat) for regions and countries."""

    id: str  # "geonames:703448", "ne:UKR", "curated:sea_of_azov", "user:..."
    name: str
    lat: float
    lon: float
    kind: PlaceKind
    country_code: str | None = None
    admin1_code: str | None = None  # GeoNames-style "UA.21"
    population: int = 0
    geonameid: int | None = None
    extent: tuple[float, float, float, float] | None = None
    source: str = "geonames"

    def holds(self, other: Place) -> bool:
        """Whether ``other`` is another place inside this one, as the codes say: a country holds every
        place of its code but other countries, a first-level region the towns and districts of its admin1 code."""
        if other.id == self.id:
            return False
        if self.kind == PlaceKind.COUNTRY:
            return other.country_code == self.country_code and other.kind != PlaceKind.COUNTRY
        if self.kind == PlaceKind.ADMIN1:
            return other.admin1_code == self.admin1_code and other.kind in (PlaceKind.PLACE, PlaceKind.ADMIN2)
        return False


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in an article's text; offsets index ``Article.text``."""

    start: int
    end: int
    surface: str
    sentence_start: int
    sentence_end: int
    usage: Usage = Usage.LITERAL
    cue: str | None = None  # a type word attached in the text: "region", "oblast", "river", "city"
    label: str = "GPE"  # where it came from: gazetteer match or NER label
    # The name to look up when it differs from the surface: a demonym's place ("Ukrainian" ->
    # "Ukraine"), a dateline in capitals ("WASHINGTON" -> "Washington").
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a mention could refer to, with the parts of its score (explainable ranking)."""

    place: Place
    score: float
    parts: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Toponym:
    """A mention resolved (or not) against the gazetteer."""

    mention: Mention
    place: Place | None
    confidence: float
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where an event was reported."""

    article_id: str
    title: str | None = None
    published: str | None = None  # ISO 8601
    url: str | None = None
    content_hash: str | None = None  # exact copies share it
    # Near-copies of one wire text (another headline, a trimmed paragraph) share a group key and
    # count as one source; the sketch is what merging compares (geomap.events.copies).
    text_group: str | None = None
    body_sketch: tuple[int, ...] = field(default=(), repr=False, compare=False)
    body_shingles: int = field(default=0, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number the text states about an event: "150 drones", "killing 6 civilians"."""

    value: int
    unit: str  # "drones", "missiles", "fatalities", ...
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or was planned, claimed, denied) at a place, on a date, per some sources."""

    id: str
    event_type: str  # stable snake_case id from the taxonomy
    status: str  # happened | claimed | planned | denied | hypothetical | background (dated > 60 days before publication)
    toponym: Toponym | None  # where it happened; None when the text gives no place
    date: date | None
    date_precision: str | None  # day | week | month | year
    evidence: str  # the supporting sentence
    trigger: str  # the words that triggered the classification
    confidence: float
    sources: tuple[SourceRef, ...] = ()
    actors: tuple[str, ...] = ()  # (actor1, actor2) as stated
    claimant: str | None = None
    quantities: tuple[Quantity, ...] = ()
    is_caption: bool = False
    evidence_span: tuple[int, int] | None = None  # sentence offsets in the first source's text
    details: tuple[tuple[str, str], ...] = field(default=())  # conflicting details kept side by side
    # (actor as written, ACLED actor class) where the words make the class clear: ("Russian forces", "State forces")
    actor_classes: tuple[tuple[str, str], ...] = ()
    # The other sentences of the article that report this same happening (its frame), in text order.
    mentions: tuple[str, ...] = ()

    @property
    def place(self) -> Place | None:
        return self.toponym.place if self.toponym is not None else None
