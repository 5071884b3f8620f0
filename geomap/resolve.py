"""Resolve place mentions to gazetteer entries, with scores that explain themselves.

All ranking features live in :func:`score_candidate`, so ``geomap gazetteer lookup --context``
can print the parts of every score. Resolution runs in two passes over an article: the first
uses priors only (population, kind, cue words); the countries and admin1 regions of the
confident first-pass answers then become the article's context for the second pass
("Krasnopillia" next to "Sumy" and "Ukraine" is the Sumy-oblast village, not its namesake).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from geomap.gazetteer.sources import CAPITAL
from geomap.gazetteer.store import Gazetteer, NameMatch
from geomap.framing import FRAME_WORDS, LIST_WORDS, WORD_PATTERN, framed_in_known
from geomap.geodesy import great_circle_km
from geomap.nlp.words import (ADMIN_NOUNS, ALL_CUES, CAPITAL_CUE, CITY_CUES, DISTRICT_CUES, LAND_CUES, ORG_WORDS,
                              PERSON_TITLES, REGION_CUES, UNKNOWN_PLACE, WATER_CUES)
from geomap.records import Candidate, Mention, Place, PlaceKind, Toponym, Usage

KIND_PRIOR = {
    PlaceKind.COUNTRY: 6.0,  # a country name never resolves to a town of that name
    PlaceKind.CONTINENT: 5.0,
    PlaceKind.WATER: 5.0,
    PlaceKind.REGION: 4.0,
    PlaceKind.LANDMARK: 4.0,
    PlaceKind.ADMIN1: 1.0,
    PlaceKind.ADMIN2: 0.5,
    PlaceKind.PLACE: 1.5,
}
CAPITAL_PRIOR = 1.0
OWN_NAME_PRIOR = 1.2  # 0.7 before the fourteenth session: LGL Acc@161 0.850 -> 0.855, GWN 0.906 -> 0.907
CURATED_PRIOR = 2.0
# Larger than any other part can give a namesake (a country's kind prior plus its population).
USER_PREFERENCE = 25.0
MAX_CANDIDATES = 60
CONTEXT_PASSES = 2
# Words that never stand for a place on their own inside a longer name ("State", "City", "University").
NAME_PART_WORDS = ORG_WORDS | ALL_CUES | PERSON_TITLES | {"state", "the", "of", "and", "north", "south", "east", "west"}
DEMONYM_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.ADMIN1, PlaceKind.CONTINENT, PlaceKind.REGION})
# Type words that say an unknown name is an administrative unit, and the kinds that fit them.
UNIT_CUES = REGION_CUES | ADMIN_NOUNS | {"district", "districts", "raion", "county", "counties"}
UNIT_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION})


@dataclass(slots=True)
class Context:
    """What the rest of the article says about where it is: weights of countries and admin1 regions."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)
    # Distinct points only (an ordered set), also filed in 5-degree cells: the nearness score looks
    # at the cells around a candidate, so an article naming thousands of places stays linear.
    points: dict[tuple[float, float], None] = field(default_factory=dict)
    grid: dict[tuple[int, int], list[tuple[float, float]]] = field(default_factory=dict)
    # Countries of the places named inside them (towns, regions), not counting country names.
    inside: Counter[str] = field(default_factory=Counter)
    # Points of every name's leading candidates, with the name: how many other names of the article
    # could lie near a candidate ("Lynchburg, Bedford and Forest" all have Virginia towns).
    candidate_grid: dict[tuple[int, int], list[tuple[float, float, str]]] = field(default_factory=dict)

    def add_candidate(self, place: Place, surface: str) -> None:
        self.candidate_grid.setdefault(_cell(place.lat, place.lon, FINE_DEGREES), []).append((place.lat, place.lon, surface))

    def names_near(self, lat: float, lon: float, surface: str) -> int:
        """How many other names of the article have a leading candidate within COHERENCE_KM."""
        names: set[str] = set()
        for cell in _cells_around(lat, lon, FINE_DEGREES, COHERENCE_KM):
            for point_lat, point_lon, other in self.candidate_grid.get(cell, ()):
                if other != surface and other not in names and great_circle_km(lat, lon, point_lat, point_lon) < COHERENCE_KM:
                    names.add(other)
        return len(names)

    def add(self, place: Place, weight: float = 1.0) -> None:
        if place.country_code:
            self.countries[place.country_code] += weight
            if place.kind != PlaceKind.COUNTRY:
                self.inside[place.country_code] += weight
        if place.admin1_code:
            self.admin1[place.admin1_code] += weight
        if place.kind in (PlaceKind.PLACE, PlaceKind.ADMIN1, PlaceKind.LANDMARK) and (place.lat, place.lon) not in self.points:
            self.points[(place.lat, place.lon)] = None
            self.grid.setdefault(_cell(place.lat, place.lon), []).append((place.lat, place.lon))

    def nearest_km(self, lat: float, lon: float) -> float:
        """Distance to the nearest point within about NEAR_KM; ``inf`` when none is that close."""
        best = math.inf
        for cell in _cells_around(lat, lon, GRID_DEGREES, NEAR_KM):
            for point_lat, point_lon in self.grid.get(cell, ()):
                best = min(best, great_circle_km(lat, lon, point_lat, point_lon))
        return best


GRID_DEGREES = 5.0  # the cells of the nearness score's points
FINE_DEGREES = 1.0  # the cells of the coherence score's candidates (a degree of latitude is more than COHERENCE_KM)
NEAR_KM = 500.0  # the largest distance the nearness score rewards
# Spatial coherence: a candidate town near which other names of the article also have a candidate
# (a local story's towns lie together, their namesakes elsewhere scatter) gains this much per such
# name, up to three. Set on LGL and GeoWebNews's tune split (Acc@161 .762 -> .779 and .790 -> .794).
COHERENCE_KM = 60.0
COHERENCE_WEIGHT = 0.75
COHERENCE_CANDIDATES = 8  # leading candidates of each name that count


def _cell(lat: float, lon: float, degrees: float = GRID_DEGREES) -> tuple[int, int]:
    return math.floor(lat / degrees), math.floor((lon + 180.0) / degrees) % int(360 / degrees)


def _cells_around(lat: float, lon: float, degrees: float, km: float) -> Iterator[tuple[int, int]]:
    """The cells of a grid of ``degrees`` that may hold points within ``km`` of (lat, lon): its own
    row and the rows either side (``km`` is less than a row), and enough columns either side to cover
    ``km`` along the poleward edge of those rows, all of them near a pole."""
    row, column = _cell(lat, lon, degrees)
    columns_total = int(360 / degrees)
    edge = min(89.0, abs(lat) + degrees)
    reach = math.ceil(km / (degrees * 111.0 * max(math.cos(math.radians(edge)), 1e-3)))
    columns = range(columns_total) if 2 * reach + 1 >= columns_total else [
        (column + d) % columns_total for d in range(-reach, reach + 1)]
    for r in (row - 1, row, row + 1):
        for c in columns:
            yield r, c


def score_candidate(match: NameMatch, mention: Mention, context: Context | None, parents: set[str]) -> Candidate:
    """Score one candidate; returns it with the named parts of its score."""
    place = match.place
    parts: list[tuple[str, float]] = []
    parts.append(("population", math.log10(place.population + 10) * 0.8))
    parts.append(("kind", KIND_PRIOR.get(place.kind, 0.0)))
    if match.own_name:
        # A town's own name outweighs another place's old or foreign name up to some 30 times the town's size;
        # beyond that (Harare, once "Salisbury") the article's other places decide.
        parts.append(("own name", OWN_NAME_PRIOR))
    if place.source.startswith("curated"):
        # Hand-picked for conflict news: "the White House" is the residence, not a Tennessee town.
        parts.append(("curated for news", CURATED_PRIOR))
    if place.kind == PlaceKind.PLACE and match.unit_type == CAPITAL:
        # News names capitals far beyond their size (governments, talks, embassies): "Washington"
        # alone is the US capital, not the more populous state.
        parts.append(("national capital", CAPITAL_PRIOR))
    if match.loose:
        parts.append(("spelling variant", -1.5))
    if match.preferred:
        # The analyst added this place with --prefer: it outranks bundled places of the same name.
        parts.append(("user place, preferred", USER_PREFERENCE))
    cue = (mention.cue or "").lower()
    if cue in REGION_CUES:
        is_city_unit = (match.unit_type or "").lower() in {"city", "municipality", "capital city", "federal city"}
        parts.append(("cue: region", 6.0 if place.kind == PlaceKind.ADMIN1 and not is_city_unit else -3.0))
    elif cue in DISTRICT_CUES:
        parts.append(("cue: district", 3.0 if place.kind in (PlaceKind.ADMIN2, PlaceKind.ADMIN1) else -1.0))
    elif cue in CITY_CUES:
        parts.append(("cue: city", 3.0 if place.kind == PlaceKind.PLACE else -3.0))
    elif cue in WATER_CUES:
        parts.append(("cue: water", 4.0 if place.kind == PlaceKind.WATER else -3.0))
    elif place.kind == PlaceKind.ADMIN2 and not match.own_name:
        # "Butler" alone is the town; the county is written "Butler County".
        parts.append(("district name without its type word", -3.0))
    if place.id in parents or (place.admin1_code and place.admin1_code in parents) or (
        place.kind != PlaceKind.COUNTRY and place.country_code and place.country_code in parents
    ):
        parts.append(("inside a co-mentioned parent", 3.0))
    if context is not None:
        total_countries = sum(context.countries.values()) or 1.0
        if place.country_code and context.countries:
            share = context.countries.get(place.country_code, 0.0) / total_countries
            parts.append(("article countries", 4.0 * share - 1.0))
        elif place.kind == PlaceKind.REGION and place.extent and context.points:
            # A region across borders ("the Sahel", "the Horn of Africa") holds the article's places
            # as a country holds its towns: the same share, of the named places inside its extent.
            west, south, east, north = place.extent
            inside = sum(1 for lat, lon in context.points if south <= lat <= north and west <= lon <= east)
            parts.append(("article places inside it", 4.0 * inside / len(context.points) - 1.0))
        total_admin = sum(context.admin1.values()) or 1.0
        if place.admin1_code and context.admin1 and place.kind != PlaceKind.ADMIN1:
            parts.append(("article regions", 2.0 * context.admin1.get(place.admin1_code, 0.0) / total_admin))
        if context.points and place.kind == PlaceKind.PLACE:
            distance = context.nearest_km(place.lat, place.lon)
            parts.append(("near other places", 1.5 if distance < 150 else (0.5 if distance < 500 else 0.0)))
        if context.candidate_grid and place.kind == PlaceKind.PLACE:
            near = context.names_near(place.lat, place.lon, mention.name or mention.surface)
            if near:
                parts.append(("other names could lie near", COHERENCE_WEIGHT * min(near, 3)))
    return Candidate(place=place, score=round(sum(v for _, v in parts), 4), parts=tuple(parts))


def confidence_of(candidates: Sequence[Candidate]) -> float:
    """Probability-like confidence from the margin between the best two scores (softmax over all)."""
    if not candidates:
        return 0.0
    top = candidates[0].score
    weights = [math.exp(min(0.0, c.score - top)) for c in candidates]
    return round(weights[0] / sum(weights), 3)


def _acronym_for_a_word(alias: str, surface: str) -> bool:
    """An alias in capitals ("SADR", the Sahrawi republic) matched by a word written in lower case ("Sadr",
    a name): the lookup ignores case, but an acronym is written as one."""
    return len(alias) >= 2 and alias.isupper() and not surface.isupper() and alias.lower() == surface.lower()


class Resolver:
    """Ranks gazetteer candidates for the mentions of one article (collaborator: a Gazetteer)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[str, list[NameMatch]] = {}

    def candidates(self, surface: str) -> list[NameMatch]:
        key = surface
        if key not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = [m for m in self.gazetteer.lookup(surface, limit=MAX_CANDIDATES)
                                if not _acronym_for_a_word(m.matched_name, surface)]
        return self._cache[key]

    def candidates_within(self, surface: str) -> list[NameMatch]:
        """Candidates of the longest known place name inside a longer name, for spans a model or a
        user gives whole: "Colorado State University" -> Colorado, "Birmingham City" -> Birmingham."""
        words = surface.split()
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = words[start : start + size]
                sub = " ".join(part)
                if len(sub) < 4 or not sub[:1].isupper() or any(w.lower() in NAME_PART_WORDS for w in part):
                    continue
                found = self.gazetteer.lookup(sub, loose=False, limit=MAX_CANDIDATES)
                if found:
                    return found
        return []

    def rank(self, mention: Mention, context: Context | None, parents: set[str], country_peer: bool = False) -> list[Candidate]:
        """The candidates of one mention, best first. ``country_peer``: the text pairs the name with a
        country ("Nigeria and Niger", "into Nigeria from Niger"), so a same-name region of the article's
        country does not take its place."""
        matches = self.candidates(mention.name or mention.surface)
        if mention.name == f"the {mention.surface}":
            matches = [*matches, *self.candidates(mention.surface)]  # "the Sahel region of Burkina Faso" is BF's
        if mention.label == UNKNOWN_PLACE:
            # A name found only because the text calls it a town or village: its exact name or nothing
            # ("Khan Touman" is not "Haan" by spelling, nor "Khan" by a part of it). A spelling variant
            # is accepted for a region the text calls a region: "the province of Muthana" is Al Muthanna.
            region_cue = (mention.cue or "") in UNIT_CUES
            matches = [m for m in matches if not m.loose or region_cue and m.place.kind in UNIT_KINDS]
        elif not matches and " " in mention.surface:
            matches = self.candidates_within(mention.surface)
        if (mention.cue or "").lower() in LAND_CUES:
            # "Boni forest": a forest or a range, not a town that once went by the name (Bonn, "Boni")
            matches = [m for m in matches if m.own_name or m.place.kind != PlaceKind.PLACE]
        if mention.usage == Usage.DEMONYM:
            # "Georgian" is Georgia the country or the US state, never a town called Georgia.
            matches = [m for m in matches if m.place.kind in DEMONYM_KINDS and not m.loose]
        scored = [score_candidate(m, mention, context, parents) for m in matches]
        scored.sort(key=lambda c: (-c.score, -c.place.population, c.place.id))
        # One candidate per place (a place found under two names keeps its best score).
        seen: set[str] = set()
        unique = []
        for candidate in scored:
            if candidate.place.id not in seen:
                seen.add(candidate.place.id)
                unique.append(candidate)
        if not (mention.cue or "").lower() in ALL_CUES:
            unique = _city_over_namesake_region(unique)
        if context is not None and len(unique) > 1 and unique[0].place.kind == PlaceKind.COUNTRY and not country_peer:
            unique = _prefer_home_region(unique, context)
        return unique

    def resolve(self, mentions: Sequence[Mention], text: str | None = None) -> list[Toponym]:
        """Resolve every mention of one article: priors first, then twice with the article's context.

        The second context pass lets agreement spread: "Macon" and "Athens" only join Atlanta in
        Georgia once the first context has placed the article in the US. ``text`` (the article's)
        lets a name the gazetteer lacks take the point of the known place the text puts it in.
        """
        if text is not None:
            mentions = [self._with_article(m, text) for m in mentions]
        first = self._rank_each(mentions, [None] * len(mentions), [set()] * len(mentions), [False] * len(mentions))
        parents = [_parents(mentions, first, index, text) for index in range(len(mentions))]
        peers = _country_peers(mentions, first, text)
        ranked_all = first
        for _ in range(CONTEXT_PASSES):
            context = _context_of(mentions, ranked_all)
            others = _without_own_votes(context, mentions, ranked_all)
            ranked_all = self._rank_each(mentions, [others.get(m.name or m.surface, context) for m in mentions],
                                         parents, peers)
        toponyms = [
            self._capital_of(m, r) or
            Toponym(mention=m, place=r[0].place if r else None, confidence=confidence_of(r), candidates=tuple(r[:5]))
            for m, r in zip(mentions, ranked_all)
        ]
        return framed_in_known(toponyms, text)


    def _rank_each(self, mentions: Sequence[Mention], contexts: Sequence[Context | None],
                   parents: Sequence[set[str]], peers: Sequence[bool]) -> list[list[Candidate]]:
        """:meth:`rank` for each mention, once for each distinct reading: an article names the same
        place many times, and a name's ranking depends only on the parts of the mention :meth:`rank`
        reads, its context, its parents and whether a country pairs it."""
        ranked: dict[tuple, list[Candidate]] = {}
        out = []
        for mention, context, mention_parents, peer in zip(mentions, contexts, parents, peers):
            key = (mention.name, mention.surface, mention.label, mention.cue, mention.usage, id(context),
                   frozenset(mention_parents), peer)
            if key not in ranked:
                ranked[key] = self.rank(mention, context, mention_parents, peer)
            out.append(list(ranked[key]))
        return out

    def _with_article(self, mention: Mention, text: str) -> Mention:
        """"in the Gulf" is the Persian Gulf, not Papua New Guinea's Gulf Province: after "the", a name the
        gazetteer knows with its article ("the Gulf", "the Sinai") is looked up with it, beside the bare name."""
        if mention.name is not None or text[max(0, mention.start - 4) : mention.start].lower() != "the ":
            return mention
        named = f"the {mention.surface}"
        if not any(not m.loose for m in self.candidates(named)):
            return mention
        return replace(mention, name=named)

    def _capital_of(self, mention: Mention, ranked: list[Candidate]) -> Toponym | None:
        """"the Ukrainian capital", "Cameroon's capital": the capital city of the country the name resolved to.

        The mention becomes literal: it names a city where things happen, not a nationality or a government.
        """
        if mention.cue != CAPITAL_CUE or not ranked or ranked[0].place.kind != PlaceKind.COUNTRY:
            return None
        capital = self.gazetteer.capital(ranked[0].place.country_code or "")
        if capital is None:
            return None
        candidate = Candidate(place=capital, score=ranked[0].score, parts=(*ranked[0].parts, ("its country's capital", 0.0)))
        return Toponym(mention=replace(mention, usage=Usage.LITERAL), place=capital, confidence=confidence_of(ranked),
                       candidates=(candidate,))


def _without_own_votes(context: Context, mentions: Sequence[Mention],
                       ranked_all: Sequence[list[Candidate]]) -> dict[str, Context]:
    """Each name's view of the article: the context less the votes its own mentions cast, so that a name
    written five times ("Dublin") does not outvote the "State of Ohio" the article also names."""
    own: dict[str, Context] = {}
    for mention, ranked in zip(mentions, ranked_all):
        if ranked and confidence_of(ranked) >= 0.6 and mention.usage != Usage.NOT_A_PLACE:
            weight = 0.5 if ranked[0].place.kind == PlaceKind.COUNTRY else 1.0
            own.setdefault(mention.name or mention.surface, Context()).add(ranked[0].place, weight)
    views: dict[str, Context] = {}
    for name, votes in own.items():
        views[name] = replace(context, countries=+(context.countries - votes.countries),
                              admin1=+(context.admin1 - votes.admin1), inside=+(context.inside - votes.inside))
    return views


def _context_of(mentions: Sequence[Mention], ranked_all: Sequence[list[Candidate]]) -> Context:
    """The countries, regions and points of an article's confident answers."""
    context = Context()
    for mention, ranked in zip(mentions, ranked_all):
        if ranked and confidence_of(ranked) >= 0.6 and mention.usage != Usage.NOT_A_PLACE:
            weight = 0.5 if ranked[0].place.kind == PlaceKind.COUNTRY else 1.0
            context.add(ranked[0].place, weight)
        if mention.usage in (Usage.LITERAL, Usage.METONYMIC) and ranked:
            for candidate in ranked[:COHERENCE_CANDIDATES]:
                if candidate.place.kind in (PlaceKind.PLACE, PlaceKind.ADMIN2):
                    context.add_candidate(candidate.place, mention.name or mention.surface)
    return context


def _city_over_namesake_region(ranked: list[Candidate]) -> list[Candidate]:
    """A bare name shared by a region and a city inside it ("Sumy", "Kursk") means the city.

    Regions whose name no city inside them shares ("California", "Iowa") keep their rank.
    """
    # Only a city whose own name it is counts ("Minneota" is also listed as "Minnesota").
    cities = {c.place.admin1_code for c in ranked
              if c.place.kind == PlaceKind.PLACE and c.place.admin1_code and any(n == "own name" for n, _ in c.parts)}
    if not cities:
        return ranked
    adjusted = [
        Candidate(place=c.place, score=round(c.score - 2.5, 4), parts=(*c.parts, ("bare region name, a city inside shares it", -2.5)))
        if c.place.kind == PlaceKind.ADMIN1 and c.place.admin1_code in cities else c
        for c in ranked
    ]
    adjusted.sort(key=lambda c: (-c.score, -c.place.population, c.place.id))
    return adjusted


def _prefer_home_region(ranked: list[Candidate], context: Context) -> list[Candidate]:
    """A country the article never places anything in loses to a same-name region of the article's country.

    "Georgia" in a story about Atlanta and Savannah is the US state; in a story about Tbilisi, the
    country. Only first-level regions qualify, and only when the article's places lie mostly in
    one country and none in the country of the name.
    """
    total = sum(context.inside.values())
    if total < 2.0:
        return ranked
    top = ranked[0]
    if context.inside.get(top.place.country_code or "", 0.0) / total >= 0.1:
        return ranked
    for index, candidate in enumerate(ranked[1:], 1):
        place = candidate.place
        if place.kind == PlaceKind.ADMIN1 and context.inside.get(place.country_code or "", 0.0) / total >= 0.5:
            lift = round(top.score - candidate.score + 0.5, 4)
            promoted = Candidate(place=place, score=round(candidate.score + lift, 4),
                                 parts=(*candidate.parts, ("region of the article's country", lift)))
            return [promoted, *ranked[:index], *ranked[index + 1:]]
    return ranked


PEER_JOINS = frozenset({"and", "or", ",", ", and", "and the", "or the", "into", "to", "from", "and from"})


def _country_peers(mentions: Sequence[Mention], first: Sequence[list[Candidate]], text: str | None) -> list[bool]:
    """Which mentions the text pairs with a country: joined to a neighbouring mention whose best first
    reading is a country by a list word or by a movement between the two ("from Niger into Nigeria",
    "crossed into Nigeria from Niger"). Names written at one level are read at one level."""
    peers = [False] * len(mentions)
    if text is None:
        return peers
    for index in range(len(mentions) - 1):
        left, right = mentions[index], mentions[index + 1]
        join = " ".join(text[left.end:right.start].split()).lower()
        if join not in PEER_JOINS:
            continue
        if join in {"into", "to", "from", "and from"}:
            # a movement: the first name's own preposition must be the other end of it
            before = text[max(0, left.start - 6):left.start].lower().split()
            if not before or before[-1] not in ({"from"} if join in {"into", "to"} else {"into", "to"}):
                continue
        for one, other in ((index, index + 1), (index + 1, index)):
            if first[other] and first[other][0].place.kind == PlaceKind.COUNTRY and mentions[other].usage in (Usage.LITERAL, Usage.METONYMIC):
                peers[one] = True
    return peers


def _parents(mentions: Sequence[Mention], first: Sequence[list[Candidate]], index: int, text: str | None = None) -> set[str]:
    """Ids of regions and countries named right after a mention: "Sudzha, the Kursk region of Russia".

    With the text, only names reached through frame words count ("X in northern Y", "X, Y"): in
    "affiliate in the Sahel, said it had overrun a base at Djibo in Burkina Faso" the country closes
    another clause and is no parent of the Sahel.
    """
    mention = mentions[index]
    parents: set[str] = set()
    previous_end = mention.end
    for other, ranked in zip(mentions[index + 1 : index + 4], first[index + 1 : index + 4]):
        if other.start - mention.end > 60 or not ranked:
            break
        if text is not None and not set(WORD_PATTERN.findall(text[previous_end:other.start].lower())) <= FRAME_WORDS | LIST_WORDS:
            break
        previous_end = other.end
        for candidate in ranked[:3]:
            place = candidate.place
            if place.kind == PlaceKind.COUNTRY and place.country_code:
                parents.add(place.country_code)
            elif place.kind == PlaceKind.ADMIN1 and place.admin1_code:
                parents.add(place.admin1_code)
    return parents
