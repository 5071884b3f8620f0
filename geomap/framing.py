"""Names placed by the known places the text frames them with.

A place the gazetteer lacks ("El Meram in West Kordofan", "Kayamla village of Konduga") takes the
point of the known place the text writes it inside, and a name written next to a town ("a camp near
Gao") that town's: the name as written stays the mention's. :func:`frames` reads the words between
two mentions the same way for the resolver and for event linking.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geomap.nlp.words import (ADMIN_NOUNS, ALL_CUES, DIRECTION_WORDS, DISTRICT_CUES, PLACE_NOUNS, REGION_CUES,
                              UNKNOWN_PLACE)
from geomap.records import Candidate, Mention, Place, PlaceKind, Toponym, Usage


FRAME_REACH = 40  # characters between an unknown name and the known place that frames it
APPOSITIVE_REACH = 64  # the same through an appositive that says what kind of place the name is
FRAME_CONFIDENCE = 0.7  # the point is the frame's, not the named place's own


FRAMED_PART = "inside the known place the text names"


def took_frame_point(toponym: Toponym) -> bool:
    """Whether the toponym's point is that of the known place the text writes it inside (see
    :func:`framed_in_known`): its name is more specific than the point says."""
    return bool(toponym.candidates) and toponym.candidates[0].parts == ((FRAMED_PART, 0.0),)


def framed_in_known(toponyms: list[Toponym], text: str | None) -> list[Toponym]:
    """A place the gazetteer lacks but the text puts inside a known one ("El Meram in West Kordofan",
    "Kayamla village of Konduga", "the villages of A and B in Idlib") takes that place's point, as an
    event coder would: the name as written stays the mention's, the point and its precision are the
    frame's, and the confidence says so. "A near Aleppo" is not inside Aleppo: it takes Aleppo's point at a
    lower confidence, said to be near (as event coders record "near a town"). An entry of the same name in
    another country than the frame's is a namesake and gives way to it.
    """
    if text is None:
        return toponyms
    out = list(toponyms)
    for k in range(len(toponyms) - 2, -1, -1):
        toponym, frame = toponyms[k], out[k + 1]
        if frame.place is None:
            continue
        if toponym.place is not None and toponym.place.country_code == frame.place.country_code:
            continue  # its own entry, where the text says it is (a namesake abroad gives way to the frame)
        between = WORD_PATTERN.findall(text[toponym.mention.end:frame.mention.start].lower())
        if (toponym.mention.label != UNKNOWN_PLACE and toponym.place is not None
                and toponym.place.kind in (PlaceKind.PLACE, PlaceKind.LANDMARK, PlaceKind.ADMIN2)
                and frame.confidence >= NEAR_FRAME_CONFIDENCE and _near_town(toponym, frame, between)):
            # "the el-Ain refugee camp near the city of Nablus": a namesake abroad (France's Ain) gives way to an
            # entry of its own in the town's country, else to the town's point, as an unknown name does.
            own = _own_entry(toponym, frame.place.country_code)
            out[k] = replace(toponym, place=own) if own is not None else _near(toponym, frame)
            continue
        if toponym.mention.label != UNKNOWN_PLACE:
            # A known name the text puts inside a place of another country by a place noun ("the Shaab
            # neighbourhood of Baghdad"): its namesake abroad gives way, to an entry of its own in the frame's
            # country when it has one.
            # A town written "in" a town or region of another country ("a village called Jibu in Wukari") is taken
            # the same way; "in" a country is often a title's ("St. Gregory of Narek in Vatican").
            placed_in = ("in" in between and "of" not in between and toponym.place is not None
                         and toponym.place.kind == PlaceKind.PLACE and frame.place.kind != PlaceKind.COUNTRY)
            if (toponym.place is None or toponym.mention.usage != Usage.LITERAL
                    or not (set(between) & (PLACE_NOUNS | AREA_NOUNS) or placed_in)
                    or not frames(text, frame.mention, toponym.mention)):
                continue
            own = _own_entry(toponym, frame.place.country_code)
            if own is not None:
                out[k] = replace(toponym, place=own)
                continue
        listed = frame.mention.label == UNKNOWN_PLACE and set(between) <= LIST_WORDS  # "A and B in Idlib"
        if toponym.place is None and toponym.mention.label == UNKNOWN_PLACE and _near_town(toponym, frame, between):
            # "the Shijaia neighbourhood outside of Gaza City", "Al-Sukhanah near Palmyra": not inside the town,
            # but an event coder puts it at the town's point ("near a town"), and so does the map.
            out[k] = _near(toponym, frame)
            continue
        if not listed and (frame.place.kind == PlaceKind.CONTINENT or not frames(text, frame.mention, toponym.mention)):
            continue
        out[k] = framed_in(toponym.mention, frame, listed=listed)
    for k in range(1, len(out)):
        if out[k].place is None and _frames_what_follows(text, out[k - 1], out[k]):
            out[k] = framed_in(out[k].mention, out[k - 1])
    return out


def _frames_what_follows(text: str, frame: Toponym, toponym: Toponym) -> bool:
    """A known town written before the name it holds: "the Beirut southern suburb of Haret Hreik", "Deir
    Ezzor's Jabiliyah District" (a place noun, then "of"; or a possessive before a name the text calls a part
    of a town)."""
    if frame.place is None or frame.place.kind not in (PlaceKind.PLACE, PlaceKind.ADMIN2):
        return False
    if toponym.mention.usage != Usage.LITERAL or not 0 < toponym.mention.start - frame.mention.end <= FRAME_REACH:
        return False
    between = WORD_PATTERN.findall(text[frame.mention.end:toponym.mention.start].lower().replace("’", "'"))
    if between[:1] == ["capital's"]:
        between = ["'s", *between[1:]]  # "the Somali capital's Hamar Weyne district": the capital the name is
    while between and between[0] != "'s" and between[0] in DIRECTION_WORDS:
        between = between[1:]
    if between[:1] == ["'s"]:
        return (frame.mention.usage in (Usage.LITERAL, Usage.METONYMIC) and set(between[1:]) <= DIRECTION_WORDS
                and toponym.mention.cue in PLACE_NOUNS | {"quarter", "area"})
    # Not "Saydabad District of Wardag Province": a unit written after a district holds it, whether its own name
    # says so or only the type word it shares with a list does.
    return (frame.mention.usage == Usage.LITERAL and 2 <= len(between) <= 4 and between[-1] == "of"
            and between[-2] in PLACE_NOUNS | {"quarter", "area"} and set(between[:-2]) <= DIRECTION_WORDS
            and toponym.mention.cue not in REGION_CUES | DISTRICT_CUES and not names_a_unit(text, toponym.mention))


def names_a_unit(text: str, mention: Mention, offset: int = 0) -> bool:
    """The name says it is a region or district ("Zabol Province", "Beni territory"), known or not. Its
    ``cue`` may not: it is the type word after the name, or one shared with a list. ``text`` starts at
    character ``offset`` of the article (one sentence, or the whole text)."""
    words = WORD_PATTERN.findall(text[mention.start - offset:mention.end - offset].lower())
    return len(words) > 1 and words[-1] in REGION_CUES | DISTRICT_CUES


def framed_in(mention: Mention, frame: Toponym, *, listed: bool = False) -> Toponym:
    """The name as written, at the point of the known place the text writes it inside, with the frame's
    confidence lowered by ``FRAME_CONFIDENCE`` (kept whole for a list the frame closes: "A and B in Idlib")."""
    assert frame.place is not None
    candidate = Candidate(place=frame.place, score=0.0, parts=((FRAMED_PART, 0.0),))
    confidence = frame.confidence if listed else round(FRAME_CONFIDENCE * frame.confidence, 3)
    return Toponym(mention=mention, place=frame.place, confidence=confidence, candidates=(candidate,))


def _own_entry(toponym: Toponym, country_code: str | None) -> Place | None:
    """The toponym's own candidate in ``country_code``, if it has one (a namesake abroad gives way to it)."""
    return next((c.place for c in toponym.candidates if c.place.country_code == country_code), None)


NEAR_PART = "near the known town the text names"
NEAR_CONFIDENCE = 0.5  # the point is a nearby town's
NEAR_WORDS = frozenset({"near", "outside", "outskirts"})
NEAR_FRAME_CONFIDENCE = 0.6  # a namesake abroad gives way only to a town the article surely means
NEAR_OTHER_WORDS = 2  # describing words between a name and the town it is near ("refugee camp near")


def _near(toponym: Toponym, town: Toponym) -> Toponym:
    """The name as written, at the point of the known town the text puts it near, with lower confidence."""
    assert town.place is not None
    candidate = Candidate(place=town.place, score=0.0, parts=((NEAR_PART, 0.0),))
    return Toponym(mention=toponym.mention, place=town.place, confidence=round(NEAR_CONFIDENCE * town.confidence, 3),
                   candidates=(candidate,))


def _near_town(toponym: Toponym, frame: Toponym, between: list[str]) -> bool:
    """A name the text puts near a known town: "Al-Sukhanah near Palmyra", "X, on the outskirts of Y",
    "the el-Ain refugee camp near the city of Nablus" (place nouns, directions, the words of nearness
    and at most ``NEAR_OTHER_WORDS`` others between them; no list)."""
    if frame.mention.usage != Usage.LITERAL or toponym.mention.usage != Usage.LITERAL:
        return False
    if frame.place is None or frame.place.kind not in (PlaceKind.PLACE, PlaceKind.LANDMARK):
        return False
    if frame.mention.start - toponym.mention.end > FRAME_REACH:
        return False
    words = set(between)
    if not words & NEAR_WORDS or words & LIST_WORDS - {","}:
        return False
    return len([w for w in between if w not in FRAME_WORDS | NEAR_WORDS | {"on", "just"}]) <= NEAR_OTHER_WORDS


def frames(text: str, outer: Mention, inner: Mention, offset: int = 0) -> bool:
    """Whether the text puts ``inner`` inside ``outer`` by how it writes them: the outer name follows
    the inner one within ``FRAME_REACH`` characters with only frame words between ("Kapedo, Baringo
    county", "the Raman district of Yala province", "Jibu in Wukari"); the outer one is literal.
    ``text`` may be a part of the article that starts at character ``offset`` (one sentence)."""
    if outer.usage != Usage.LITERAL or not 0 <= outer.start - inner.end <= APPOSITIVE_REACH:
        return False
    between = _unit_names_as_nouns(WORD_PATTERN.findall(text[inner.end - offset:outer.start - offset]))
    if outer.start - inner.end > FRAME_REACH:
        return _appositive_frame(between)  # ", a mostly Sunni and Shiite neighbourhood in western" is longer
    return bool(between) and (set(between) <= FRAME_WORDS or _appositive_frame(between))


def _unit_names_as_nouns(words: list[str]) -> list[str]:
    """The words in lower case, with the name of an intermediate unit read as its unit noun: in "Miringa, a
    village in Biu Local Government Area of Borno State" the chain runs through Biu whether or not Biu was
    recognised ("Biu Local Government Area" -> "area"), so Borno State still frames Miringa."""
    out: list[str] = []
    k = 0
    while k < len(words):
        end = k
        while end < len(words) and end < k + 3 and words[end][:1].isupper() and words[end].lower() not in FRAME_WORDS:
            end += 1
        unit = end
        while unit < len(words) and unit < end + 3 and words[unit].lower() in UNIT_NAME_WORDS:
            unit += 1
        if (end > k or unit - k >= 2) and unit > end and words[unit - 1].lower() in FRAME_WORDS:
            # "Biu Local Government Area" -> "area"; so the unit of the inner name itself ("Agatu local
            # government area in Benue state")
            out.append(words[unit - 1].lower())
            k = unit
            continue
        out.append(words[k].lower())
        k += 1
    return out


def _appositive_frame(between: list[str]) -> bool:
    """", a mostly Sunni neighbourhood in western": an appositive whose place noun puts the name inside
    the place that follows (a noun, then only "in"/"of" and directions); "a village near" does not."""
    if len(between) < 4 or between[0] != "," or between[1] not in {"a", "an", "the"}:
        return False
    for k in range(2, min(len(between), 8)):
        if between[k] in PLACE_NOUNS or between[k] in ALL_CUES:
            rest = between[k + 1:]
            return bool(rest) and rest[0] in {"in", "of"} and set(rest) <= FRAME_WORDS
    return False


AREA_NOUNS = frozenset({"area", "quarter", "section"})  # "the Nabi Yunis area of Mosul": a part of the town
WORD_PATTERN = re.compile(r"[\w']+|,")  # words and commas, as frames() reads them
LIST_WORDS = frozenset({",", "and", "or"})
# The words of a unit's type after its name, ending in a frame word: "District", "Local Government Area".
UNIT_NAME_WORDS = frozenset({"local", "government", "area", "areas", "lga", "council", *PLACE_NOUNS, *ADMIN_NOUNS,
                             *ALL_CUES})
# What may stand between a place and the known place that holds it: "in the commune of", ", northern".
FRAME_WORDS = frozenset({",", "in", "of", "the", *DIRECTION_WORDS, *ALL_CUES, *PLACE_NOUNS, *ADMIN_NOUNS,
                         "area", "areas", "rural", "countryside"})
