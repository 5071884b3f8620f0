"""Which of a sentence's places is where an event happened.

Not every place a sentence names is where its event happened: "a Washington-based think tank",
"Moscow accused Ukraine", "the Krasnodar region bordering the Crimean Peninsula". A place is
an event's location when it is a literal mention reached from a locative word ("in", "over",
"near", "at", a strike verb's object) through only names, list punctuation, determiners and
type words ("over the Azov Sea and several Russian regions – the border provinces of Kursk
and Bryansk"), and when it is not merely the parent of another located place of the sentence
("Sudzha, the Kursk region of Russia" locates in Sudzha).

Two more ways a sentence places its event: a place name between a determiner and the event noun
("his White House meeting"; a country there is the author: "the U.S. statement"), and an incursion
into "its airspace", which is the airspace of the country the sentence names first.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from geomap.events.dates import MONTHS
from geomap.events.taxonomy import load_taxonomy
from geomap.nlp.cues import hosts, scene_of, undergoes
from geomap.nlp.words import APPROXIMATELY, CAPITAL_CUE, DIRECTION_WORDS, DISTANCE_UNITS, TAKEN_KEY, UNKNOWN_PLACE
from geomap.records import PlaceKind, Toponym, Usage
from geomap.framing import FRAME_WORDS, WORD_PATTERN, frames, names_a_unit, took_frame_point
from geomap.events.link_words import (BARRIER_WORDS, BLAME_LEMMAS, BRIDGE_WORDS, DESCRIBING_WORDS, EXCLUDING_WORDS,
                                      LOCATIVE_WORDS, MAX_BRIDGE, MOVEMENT_LEMMAS, MOVEMENT_REACH, OWNED_NOUNS,
                                      PHRASAL_OVER, SPEECH_LEMMAS, STRETCH_NOUNS, TIME_WORDS, TOPIC_ON_LEMMAS,
                                      WITHDRAWAL_LEMMAS, TEST_WORDS, TEST_REACH)


def _names_a_destination(doc: Doc, preposition: int) -> bool:
    """"en route to X", "bound for X", "on its way to X", "destined for X": where someone or something was going
    while the sentence's event happened on the way."""
    before = [t.lower_ for t in doc[max(0, preposition - 2) : preposition]]
    return (before[-1:] in (["bound"], ["destined"], ["enroute"]) or before[-2:] == ["en", "route"]
            or before[-2:] in (["its", "way"], ["their", "way"], ["his", "way"], ["her", "way"], ["the", "way"]))


def _after_movement(doc: Doc, to: int) -> bool:
    """A movement word within ``MOVEMENT_REACH`` words before "to", names not counted ("a visit by
    Indian Prime Minister Narendra Modi to Mauritius")."""
    steps = 0
    j = to - 1
    while j >= 0 and steps < MOVEMENT_REACH and not doc[j + 1].is_sent_start:
        if doc[j].lemma_.lower() in MOVEMENT_LEMMAS:
            return True
        if not (doc[j].text[:1].isupper() and doc[j].is_alpha):
            steps += 1
        j -= 1
    return False


# After a number these make it a time ("on 12 March", "at 5 pm", "in 24 hours"), not a count ("in two villages").
TIME_UNITS = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "utc", "local", "hours", "hour", "days", "day", "weeks",
                        "week", "months", "month", "years", "year", "minutes", "decades", "th", "st", "nd", "rd"})


def _opens_time(doc: Doc, i: int) -> bool:
    """Whether the words from ``i`` on are a time: a weekday or month word, a year, a clock time, a day
    of a month, or a count of time units ("In 2019, China ...", "on 12 March", "in two villages" is not)."""
    token = doc[i]
    if token.lower_ in TIME_WORDS:
        return True
    if not token.like_num:
        return False
    text = token.text
    if (len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2199) or ":" in text or text.lower().endswith(("s", "th")):
        return True  # 2019, 09:30, 1990s, 12th
    following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    return following in TIME_UNITS or following in MONTHS


# Lower-case words that may follow a place that is itself a member of a list of places.
LIST_FOLLOWERS = frozenset({
    "and", "or", "as", "where", "when", "after", "before", "to", "for", "with", "by", "since", "until", "during",
    "last", "next", "this", "earlier", "later", "overnight", "was", "were", "is", "are", "has", "have", "had",
    "itself", "alone", "too", "respectively", "each", "amid", "while", "despite",
})


def _modifies_noun(doc: Doc, end: int) -> bool:
    """A lower-case word after the name that neither ends a list member nor is a verb's past: the name
    modifies it ("U.S. support", "Chinese aggression")."""
    if end >= len(doc):
        return False
    word = doc[end]
    lower = word.lower_
    return (word.is_alpha and word.text.islower() and lower not in LIST_FOLLOWERS and lower not in BRIDGE_WORDS
            and lower not in LOCATIVE_WORDS and lower not in TIME_WORDS and not lower.endswith(("ed", "ing")))


def is_locative(doc: Doc, toponym: Toponym) -> bool:
    """Whether a literal mention is reached from a locative word (see module docstring)."""
    return locative_verdict(doc, toponym) is True


def locative_verdict(doc: Doc, toponym: Toponym) -> bool | None:
    """True: reached from a locative word. False: reached only through a reference phrase ("based in",
    "bordering", "from", "In 2019, China ..."), so never the event's place. None: the rules found no path
    either way, or only a phrasal "take over X" (the trained linker may still judge it)."""
    if toponym.mention.usage != Usage.LITERAL or (toponym.place is None and toponym.mention.label != UNKNOWN_PLACE):
        return False
    span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
    if span is None:
        return False
    if _names_a_road(doc, span):
        return False  # "along Okigwe road", "on the Garissa-Wajir road": where the road leads, not where it happened
    if undergoes(doc, span.end) or span.start in doc.user_data.get(TAKEN_KEY, ()):
        return True  # "Kidal was retaken by rebels", "Gaza has been bombed again": the place it was done to
    if hosts(doc, span.end) is not None:
        return True  # "Qatar hosted talks", "Cambodia is to host a summit": where the meeting is held
    if scene_of(doc, span.end):
        return True  # "Jonglei was the scene of clashes": where they took place
    if _home_of_someone(doc, span.start):
        return False  # "Moussa Ranimat, 28, of Kafr Tsurif near Hebron, detonated a bomb in Tel Aviv": his home
    i = span.start - 1
    steps = 0
    modifies = _modifies_noun(doc, span.end)
    if (toponym.place is not None and toponym.place.kind == PlaceKind.COUNTRY and span.end < len(doc)
            and doc[span.end].lower_ in OWNED_NOUNS):
        # "near the US embassy in X", "killed in a US air strike", "in U.S. custody": a country before a noun
        # owns or does it; it is not where anything happened.
        return False
    directional = False  # "raids north of X", "a bridge west of the X town": the phrase says where
    while i >= 0 and steps < MAX_BRIDGE and not doc[i + 1].is_sent_start:
        token = doc[i]
        lower = token.lower_
        if lower == "of" and i > 0 and doc[i - 1].lower_ in COMPASS_WORDS and _direction_of_a_thing(doc, i - 1):
            directional = True
        if lower == "," and modifies:
            return None  # "his trip to Taiwan, U.S. support for ...": a list of topics, not of places
        if lower == "from" and any(doc[j].lemma_.lower() in SPEECH_LEMMAS for j in range(max(0, i - 3), i)):
            return True  # "in a written interview from Copenhagen", "speaking from Kyiv": where it was said
        if lower == "from" and any(doc[j].lemma_.lower() in WITHDRAWAL_LEMMAS for j in range(max(0, i - 3), i)):
            return True  # "forces withdrew from Kherson": the ground given up, where control changed
        if lower == "from" and any(doc[j].lower_ in TEST_WORDS for j in range(max(span.sent.start, i - TEST_REACH), i)):
            return True  # "test-fired two ballistic missiles from Wonsan": a test happens where it is launched
        if lower == "between" and i > 0 and doc[i - 1].lower_ in STRETCH_NOUNS:
            i, steps = i - 2, steps + 2  # "on villages in the area between Kutum and Kabkabiya": a stretch of ground
            continue
        if lower in EXCLUDING_WORDS:
            return False
        if lower in {"to", "for"} and _names_a_destination(doc, i):
            return False  # "a ship en route to Kenya was captured off Mogadishu": where it was going, not where it happened
        if lower == "to" and _after_movement(doc, i):
            return True
        if lower in LOCATIVE_WORDS and i > 0 and doc[i - 1].lower_ in DESCRIBING_WORDS:
            return False  # "the council based in Geneva", "a source in Damascus": where someone is, not where anything happens
        if lower == "on" and i > 0 and doc[i - 1].lemma_.lower() in BLAME_LEMMAS:
            return False  # "an attack the government blamed on Russia": who is accused, not where
        if lower == "on" and i > 0 and doc[i - 1].lemma_.lower() in TOPIC_ON_LEMMAS:
            return False  # "officials who have worked on North Korea", "a report on Yemen": the subject, not where
        if lower == "in" and _continues_reference(doc, i):
            return False  # "a chef from Chichester in England": where he is from, said more exactly
        if lower in LOCATIVE_WORDS:
            # "In 2019, China signed ...", "On Monday, Russia said ...": the time's preposition, and
            # the name after the comma is the subject, not a location.
            if lower in {"in", "on", "at", "over"} and _opens_time(doc, i + 1):
                return False
            # "take over X", "hand over X": a phrasal verb, not a location; what is taken over may still be
            # the place of the taking ("had taken over the town of X"), for the trained linker to judge,
            # unless the name only qualifies what is taken ("take over Ukraine power plants").
            if lower == "over" and i > 0 and doc[i - 1].lemma_.lower() in PHRASAL_OVER:
                return False if modifies else None
            return True
        if lower in BRIDGE_WORDS or (token.text[:1].isupper() and token.is_alpha) or token.like_num:
            i -= 1
            steps += 1
            continue
        return True if directional else None
    return True if directional else None


HOME_REACH = 6  # tokens from a place back to the "of" of an age appositive ("Smith, 28, of Kafr Tsurif near Hebron")


def _home_of_someone(doc: Doc, start: int) -> bool:
    """Whether the place at ``start`` lies in the home an age appositive gives ("X, 28, of Y"): not an event's."""
    k = start - 1
    while k >= 3 and start - k <= HOME_REACH and not doc[k + 1].is_sent_start:
        if doc[k].lower_ == "of":
            return doc[k - 1].text == "," and doc[k - 2].like_num and doc[k - 3].text == ","
        if not (doc[k].lower_ in {"near", "in", ",", "the"} or (doc[k].text[:1].isupper() and doc[k].is_alpha)):
            return False
        k -= 1
    return False


def _continues_reference(doc: Doc, preposition: int) -> bool:
    """The "in" at ``preposition`` follows a name that a reference word opens ("from Chichester in England",
    "bordering Kursk in Russia"): it says where that reference place lies."""
    k = preposition - 1
    names = 0
    while k >= 0 and doc[k].text[:1].isupper() and doc[k].is_alpha and not doc[k].is_sent_start and names < 4:
        k -= 1
        names += 1
    return names > 0 and k >= 0 and doc[k].lower_ in EXCLUDING_WORDS


def _direction_of_a_thing(doc: Doc, compass: int) -> bool:
    """Whether the direction at ``compass`` places a thing the text names just before it ("raids north of",
    "a bridge west of"), not a place already named ("in Hilla, just south of Baghdad", "Khalis, 80 km north
    of", "Tal Qarin hill north of"): there the direction only says where that place lies."""
    k = compass - 1
    while k >= 0 and doc[k].lower_ in {"the", "to", "a", "an"}:
        k -= 1  # "14 km to the west of"
    if k < 0:
        return False
    before = doc[k]
    if not (before.is_alpha and before.text.islower()) or before.lower_ in APPROXIMATELY | DISTANCE_UNITS:
        return False
    return not any(t.text[:1].isupper() and t.is_alpha and t.lower_ not in TIME_WORDS
                   for t in doc[max(0, k - 3) : k + 1] if not t.is_sent_start)


# "north of X", "south-west of X": a direction from a place locates the noun it follows ("in raids north of
# Baghdad", "a bridge west of the Duluiyah town") as a locative word would.
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                           "north-east", "north-west", "south-east", "south-west"})


ROAD_WORDS = frozenset({"road", "roads", "highway", "highways", "motorway", "expressway", "freeway"})
ROAD_QUALIFIERS = frozenset({"main", "national", "old", "new", "ring", "coastal", "provincial", "international", "busy",
                             "strategic", "key", "desert", "mountain", "supply"})


def _names_a_road(doc: Doc, span: Span) -> bool:
    """The name is part of a road's: a road word follows it, past a second town the road joins
    ("the Aleppo-Damascus highway")."""
    j = span.end
    if j + 1 < len(doc) and doc[j].text in {"-", "–"} and doc[j + 1].text[:1].isupper():
        j += 2
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].lower_ not in ROAD_WORDS and j < span.end + 5:
            j += 1
    if j + 1 < len(doc) and doc[j].lower_ in ROAD_QUALIFIERS:
        j += 1  # "the Kabul-Ghazni main road"
    return j < len(doc) and doc[j].lower_ in ROAD_WORDS


def drop_parents(located: Sequence[Toponym]) -> list[Toponym]:
    """Remove places that only contain another located place of the same sentence.

    "in Riyadh, Saudi Arabia" and "in Sudzha, the Kursk region of Russia" locate at the town.
    """
    kept = []
    for toponym in located:
        place = toponym.place
        if place is None:  # a place the gazetteer lacks ("the village of Shurifah") is nobody's parent
            kept.append(toponym)
            continue
        is_parent = False
        for other in located:
            child = other.place
            if other is toponym or child is None or not place.holds(child):
                continue
            if place.kind == PlaceKind.ADMIN1:
                # Only when the two are written together ("Sudzha, the Kursk region"), not in a list of regions.
                is_parent = abs(other.mention.end - toponym.mention.start) < 40 and other.mention.start < toponym.mention.start
            else:
                is_parent = True
        if not is_parent:
            kept.append(toponym)
    return kept


# "the West Bank town of Jenin", "Aleppo's northern countryside village of X": the first name holds the second.
SETTLEMENT_OF = frozenset({"city", "town", "village", "villages", "towns", "cities", "port", "district", "suburb",
                           "neighbourhood", "neighborhood", "settlement", "camp", "hamlet", "area", "region", "island",
                           "islands", "quarter", "enclave", "stronghold"})


# "X near Y", "X outside of Y", "X on the outskirts of Y": Y only says where X is.
REFERENCE_WORDS = frozenset({"near", "outside", "outskirts"})  # not "the nearby regions of Y": a list goes on
REFERENCE_FILLERS = frozenset({"of", "the", ",", "on", "just", "a", "an", *DIRECTION_WORDS})
REFERENCE_REACH = 9  # words from the end of X to Y ("Al-Sukhanah near Palmyra", "X, on the outskirts of the city of Y")


DEPORTING_REACH = 3  # words between a deporting country and its verb ("Kenya quietly extradited")


def deportation_places(doc: Doc, trigger: Span, places: Sequence[Toponym], toponyms: Sequence[Toponym],
                       spans: dict[int, Span]) -> list[Toponym]:
    """Where a deportation, expulsion or extradition happened: where the people were taken from, as an event
    coder records it, not where they were sent. "deported 177 detainees from Guantanamo Bay to Honduras" is
    at Guantanamo Bay; "Kenya extradited the suspect to Rwanda" is in Kenya (the deporting state, named right
    before its verb); "deported 40 others to China", with neither, has no place of its own. ``toponyms``: the
    sentence's candidate places (literal), ``spans`` their tokens by ``id``."""
    sentence_end = trigger.sent.end
    for toponym in sorted(toponyms, key=lambda t: t.mention.start):
        span = spans[id(toponym)]
        if span.start < trigger.end or span.start >= sentence_end:
            continue
        if any(doc[k].lower_ in BARRIER_WORDS for k in range(trigger.end, span.start)):
            break
        if _after_word(doc, span.start, {"from"}):
            return [toponym]
    kept = [p for p in places if not _after_word(doc, spans[id(p)].start, {"to", "into"})]
    if kept:
        return kept
    for toponym in toponyms:
        span = spans[id(toponym)]
        if (span.end <= trigger.start and trigger.start - span.end <= DEPORTING_REACH
                and toponym.place is not None and toponym.place.kind == PlaceKind.COUNTRY
                and not _after_word(doc, span.start, {"to", "into"})
                and not any(t.lower_ in NOT_BEFORE_A_VERB for t in doc[span.end : trigger.start])):
            return [toponym]  # not "taken to Venezuela for repatriation": where they go, and no subject
    return []


# Between a deporting state and its verb stand adverbs and auxiliaries ("Kenya quietly extradited"), not these.
NOT_BEFORE_A_VERB = frozenset({"for", "of", "in", "to", "into", "on", "at", "with", "from", "by", ","})


# What may open the noun phrase, or the list, between a preposition and a place: "to the", "to A, B or".
NOUN_PHRASE_OPENERS = frozenset({"the", "a", "an", ",", "and", "or", *DIRECTION_WORDS})


def _after_word(doc: Doc, start: int, words: set[str]) -> bool:
    """Whether one of ``words`` opens the noun phrase at ``start`` ("from the naval base at", "to the"), or the
    list it ends ("deported to Honduras, Venezuela or other countries": Venezuela too)."""
    k = start - 1
    while k >= 0 and (doc[k].lower_ in NOUN_PHRASE_OPENERS
                      or doc[k].text[:1].isupper() and doc[k].is_alpha and not doc[k].is_sent_start):
        k -= 1
    return k >= 0 and doc[k].lower_ in words


def one_trigger_places(doc: Doc, located: Sequence[Toponym], triggers: Sequence[Span]) -> list[Toponym]:
    """Of the places linked to one trigger, drop those the text gives only as the frame of another.

    - a place that holds another linked place: its first-level region or country (whatever the
      distance between them in the sentence), or a name the text says holds the other ("the West
      Bank town of Jenin");
    - a place after "near", "outside" or "on the outskirts of" that follows another linked place ("in the
      village of Beit Furik near Nablus"): a reference point for the first, not a second place of the
      happening.
    """
    if len(located) < 2:
        return list(located)
    dropped: set[int] = set()
    spans = [doc.char_span(t.mention.start, t.mention.end, alignment_mode="expand") for t in located]
    reported = [span is not None and _where_it_was_said(doc, span) for span in spans]
    for a, (toponym, span) in enumerate(zip(located, spans)):
        for b, (other, other_span) in enumerate(zip(located, spans)):
            if a == b or span is None or other_span is None:
                continue
            if toponym.place is not None and other.place is not None and toponym.place.holds(other.place):
                dropped.add(a)
            between = [t.lower_ for t in doc[span.end:other_span.start]] if span.end <= other_span.start else None
            while between and between[-1] in DIRECTION_WORDS:
                between = between[:-1]  # "the Damascus suburb of eastern Ghouta"
            if (between and between[-1] == "of" and any(w in SETTLEMENT_OF for w in between) and len(between) <= 4
                    and not REFERENCE_WORDS & set(between)):
                dropped.add(a)  # "the West Bank town of Jenin"
            if other_span.end <= span.start and _frames_written_before(doc, other_span, span):
                dropped.add(a)  # "in Wardigley district in the capital Mogadishu", "Sabir area, Tuban District"
            if (other_span.end <= span.start and span.start - other_span.end <= REFERENCE_REACH
                    and _refers_to(doc[other_span.end : span.start], triggers)):
                dropped.add(a)  # "Beit Furik near Nablus", "the Shijaia neighborhood outside of Gaza City"
            if reported[a] and not reported[b]:
                dropped.add(a)  # "Drones hit Odesa overnight, officials in Kyiv said": where it was reported
    kept = [t for k, t in enumerate(located) if k not in dropped] or list(located)
    # "Palmyra (Tadmur)", "in Bonda, on the outskirts of Santa Marta" (a name the gazetteer lacks takes its
    # frame's point): one place written twice is one place, where the text first names it.
    # Of a town and the part of it written after it ("the Beirut suburb of Haret Hreik"), the part.
    first: dict[str, Toponym] = {}
    for toponym in sorted(kept, key=lambda t: (not took_frame_point(t), t.mention.start)):
        first.setdefault(toponym.place.id if toponym.place is not None else f"text:{toponym.mention.start}", toponym)
    return [t for t in kept if any(t is f for f in first.values())]


# Reporting verbs as written ("state" and "report" are nouns too: "in Zamfara state").
SAID_WORDS = frozenset({"said", "says", "told", "tells", "announced", "reported", "added", "confirmed",
                        "stated", "reports"})


def _where_it_was_said(doc: Doc, span: Span) -> bool:
    """"Officials in Kyiv said", "a spokesman said in Abuja", "told reporters in Kabul": the place of a report."""
    if span.start == 0 or doc[span.start - 1].lower_ not in {"in", "from", "at"}:
        return False
    if span.end < len(doc) and doc[span.end].lower_ in SAID_WORDS:
        return True
    k = span.start - 2
    if k >= 0 and doc[k].lower_ in {"reporters", "journalists"}:
        k -= 1
    return k >= 0 and doc[k].lower_ in SAID_WORDS


# What may stand between a place and the larger one written after it to say where it lies: "Wardigley
# district in the capital Mogadishu", "Sabir area, Tuban District", "a community in the Guma LGA of".
CHAIN_WORDS = FRAME_WORDS | {"capital", "community", "-", "a", "an"}  # "Buhriz, a suburb of Baqouba"
CHAIN_REACH = 6  # tokens between the two names
LIST_WORDS = frozenset({"and", "or", "&"})
ISLAND_WORDS = frozenset({"island", "islands"})


def _frames_written_before(doc: Doc, inner: Span, outer: Span) -> bool:
    """Whether ``outer`` follows ``inner`` as the larger place it lies in, written in a chain ("X district in
    Y", "X area, Y", "X, Y-e-Z in W"), and not as the next item of a list ("Kép, Phúc Yên and Hòa Lạc",
    "Deir Hafer and Al-Bab"): the words between are place words, commas and parts of names only, with an
    "in" or a comma among them, and no "and" or "or" goes on from the outer name through a list."""
    gap = doc[inner.end : outer.start]
    # "the Maimbung township on Jolo island", "X on the island of Y": an island holds what is on it
    island = (outer.end < len(doc) and doc[outer.end].lower_ in ISLAND_WORDS) or (
        len(gap) >= 2 and gap[-1].lower_ == "of" and gap[-2].lower_ in ISLAND_WORDS)
    connectors = {",", "in", "on"} if island else {",", "in"}
    if not 0 < len(gap) <= CHAIN_REACH or not any(t.lower_ in connectors for t in gap):
        return False
    allowed = CHAIN_WORDS | connectors | ISLAND_WORDS
    if not all(t.lower_ in allowed or t.text[:1].isupper() or _inside_name(t) for t in gap):
        return False
    if not any(t.lower_ in CHAIN_WORDS - {",", "-"} for t in gap):
        # Commas and names only: a chain unless the names go on as a list ("Kyiv, Zhytomyr, Sumy ... regions").
        after = doc[outer.end].lower_ if outer.end < len(doc) else ""
        if after in LIST_WORDS or after == "," or inner.start > 0 and doc[inner.start - 1].text == ",":
            return False
    return True


def _inside_name(token: Token) -> bool:
    """A lower-case part of a hyphenated name ("Gulistan-e-Jauhar", "Dar-es-Salaam")."""
    doc = token.doc
    return (0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "-" and doc[token.i + 1].text == "-"
            and not token.whitespace_ and not doc[token.i - 1].whitespace_)


def referenced_place(toponym: Toponym, toponyms: Sequence[Toponym], spans: dict[int, Span],
                     triggers: Sequence[Span]) -> Toponym | None:
    """The place a linked place is only the reference point of ("the town of Al-Sukhanah near Palmyra", "the
    Shijaia neighborhood outside of Gaza City"): an event there happened at the first. ``toponyms``: the
    sentence's candidate places (literal), ``spans`` their tokens by ``id``."""
    span = spans[id(toponym)]
    inner = max((t for t in toponyms if t.mention.end <= toponym.mention.start), key=lambda t: t.mention.end,
                default=None)
    if inner is None:
        return None
    inner_span = spans[id(inner)]
    if span.start - inner_span.end > REFERENCE_REACH:
        return None
    return inner if _refers_to(span.doc[inner_span.end : span.start], triggers) else None


def _refers_to(between: Span, triggers: Sequence[Span]) -> bool:
    """The words between two places make the second a reference point of the first ("near", ", outside of",
    "on the outskirts of", "refugee camp near the city of"): a word of nearness, and otherwise only lower-case
    words of a noun phrase; not a list ("and"), another clause, or an event's own words ("a US air strike on
    the outskirts of X"; ``triggers``: the sentence's)."""
    words = {t.lower_ for t in between}
    if not words & REFERENCE_WORDS or words & (BARRIER_WORDS | {"and", "or"}):
        return False
    if any(t.start < between.end and between.start < t.end for t in triggers):
        return False
    return all(t.lower_ in REFERENCE_FILLERS or (t.is_alpha and t.text.islower()) for t in between)


def most_specific(text: str, offset: int, places: Sequence[Toponym], toponyms: Sequence[Toponym],
                  others: set[int]) -> list[Toponym]:
    """The most specific place the text gives for each linked place, as event coders record it: a
    linked place that only frames the literal place written right before it ("the Raman district of
    Yala province", "Jibu in Wukari", "Kapedo, Baringo county") gives way to that place, down the
    whole chain ("Kayamla village of Konduga LGA of Borno State"). A place linked to another trigger
    (``others``: ids) is not taken from it. ``text`` is the sentence, starting at character ``offset``."""
    out: list[Toponym] = []
    for place in places:
        current = _capital_named(place, toponyms)
        while True:
            before = [t for t in toponyms if t.mention.end <= current.mention.start and t.mention.usage == Usage.LITERAL]
            inner = max(before, key=lambda t: t.mention.end, default=None)
            if inner is None or id(inner) in others or not _framed_by(text, offset, inner, current):
                break
            current = inner
        if all(current is not kept for kept in out):
            out.append(current)
    return out


CAPITAL_REACH = 16  # characters from "Yemen" to "Sanaa" in "Yemen's capital, Sanaa"


def _capital_named(place: Toponym, toponyms: Sequence[Toponym]) -> Toponym:
    """"in Yemen's capital Sanaa": the country, read as its capital, gives way to the capital's own name
    written right after it (one place, said where it is said)."""
    if place.mention.cue != CAPITAL_CUE or place.place is None:
        return place
    after = [t for t in toponyms if 0 <= t.mention.start - place.mention.end <= CAPITAL_REACH]
    named = min(after, key=lambda t: t.mention.start, default=None)
    return named if named is not None and named.place is not None and named.place.id == place.place.id else place


def _framed_by(text: str, offset: int, inner: Toponym, outer: Toponym) -> bool:
    """``outer`` is a known place the text writes ``inner`` inside of. "the West Bank town of Jenin" and
    "the Homs neighbourhood of Baba Amr" are written the other way round: there the first name is the
    bigger one, or the second is not known at all."""
    if outer.place is None:
        # "in Sewry District of Zabol Province": a unit the gazetteer lacks still holds what the text puts in it
        return names_a_unit(text, outer.mention, offset) and frames(text, outer.mention, inner.mention, offset)
    if not frames(text, outer.mention, inner.mention, offset):
        return False
    if (inner.place is not None and inner.place.id == outer.place.id and took_frame_point(outer)
            and not took_frame_point(inner)):
        return False  # "the Beirut suburb of Haret Hreik": the later name took the town's point, it is the part
    if inner.place is None or inner.place.id == outer.place.id:
        return True  # a place the gazetteer lacks, or one that already took its frame's point
    if SIZE_RANK[outer.place.kind] > SIZE_RANK[inner.place.kind] or outer.place.holds(inner.place):
        return True
    # "Souran in northern Hama", "Jibu in Wukari": "in" says which holds which, whatever their kinds
    # (a town's name often also names the district around it); "of" can be written either way round.
    between = WORD_PATTERN.findall(text[inner.mention.end - offset : outer.mention.start - offset].lower())
    if between[-1:] == ["rural"] or between[-2:] == ["countryside", "of"]:
        return True  # "the East Ghouta region of rural Damascus": a city's countryside holds what the text puts in it
    return "in" in between and "of" not in between and SIZE_RANK[outer.place.kind] >= SIZE_RANK[inner.place.kind]


# How large a kind of place is, to tell "A, B" (A in B) from a list or the reverse order.
SIZE_RANK = {PlaceKind.PLACE: 0, PlaceKind.LANDMARK: 0, PlaceKind.ADMIN2: 1, PlaceKind.ADMIN1: 2,
             PlaceKind.WATER: 2, PlaceKind.REGION: 2, PlaceKind.COUNTRY: 3, PlaceKind.CONTINENT: 4}


# Words that open a noun phrase: a place name right after one and right before a trigger modifies it.
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"})


# Before a trigger these name who acted, not where: "the U.S. statement", "the EU summit", "the Asian talks".
AUTHOR_KINDS = frozenset({PlaceKind.COUNTRY, PlaceKind.CONTINENT, PlaceKind.REGION})


def own_space(doc: Doc, trigger: Span, toponyms: Sequence[Toponym]) -> Toponym | None:
    """"Japan accused a Chinese spy plane of violating its airspace": an incursion into "its" airspace,
    waters or territory is into the country the sentence names before it (the one that says so)."""
    if trigger.label_ != "incursion":
        return None
    words = [t.lower_ for t in doc[trigger.start : min(trigger.sent.end, trigger.end + SPACE_REACH)]]
    if not any(a in {"its", "their"} and b in OWN_SPACE_WORDS for a, b in zip(words, words[1:])):
        return None
    countries = [t for t in toponyms if t.place is not None and t.place.kind == PlaceKind.COUNTRY
                 and t.mention.usage in (Usage.LITERAL, Usage.METONYMIC) and t.mention.end <= trigger.start_char]
    return countries[0] if countries else None


OWN_SPACE_WORDS = frozenset({"airspace", "waters", "territory", "territorial", "border", "borders"})
SPACE_REACH = 4  # tokens after an incursion trigger where "its airspace" or "Polish airspace" may stand


def named_space(doc: Doc, trigger: Span, toponyms: Sequence[Toponym]) -> Toponym | None:
    """"A missile aimed at western Ukraine crossed into Polish airspace": an incursion into a people's airspace,
    waters or territory is into their country, whatever other places the sentence names."""
    if trigger.label_ != "incursion":
        return None
    for token in doc[trigger.start : min(trigger.sent.end, trigger.end + SPACE_REACH)]:
        if token.lower_ in OWN_SPACE_WORDS and token.i > trigger.sent.start:
            before = doc[token.i - 1]
            for toponym in toponyms:
                if (toponym.mention.usage == Usage.DEMONYM and toponym.place is not None
                        and toponym.mention.start <= before.idx < toponym.mention.end):
                    return toponym
    return None


SPEECH_TYPES = frozenset({"statement", "press_conference"})


def names_trigger(doc: Doc, toponym: Toponym, triggers: list[Span]) -> bool:
    """A literal place name between a determiner and a trigger names where it happened: "his White House
    meeting", "the Doha talks", "a Kramatorsk strike"; so does one right after a statement rule that ends on
    "in" or "at"."""
    if toponym.mention.usage != Usage.LITERAL or toponym.place is None or toponym.place.kind in AUTHOR_KINDS:
        return False
    span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
    if span is not None and any(t.end == span.start and t[-1].lower_ in {"in", "at"} and t.label_ in SPEECH_TYPES
                                for t in triggers):
        return True  # "told reporters in Brussels that": a statement rule that ends on where it was made
    if span is None or span.start == 0 or doc[span.start - 1].lower_ not in DETERMINERS:
        return False  # "North Korea invaded": the subject of a verb, not a modifier of a noun
    named = [trigger for trigger in triggers if trigger.start == span.end]
    if toponym.place.kind == PlaceKind.WATER:
        # "a Black Sea deal", "a Mediterranean agreement": a sea before a non-violent event is its subject
        named = [t for t in named if load_taxonomy().is_violent(t.label_)]
    return bool(named)
