"""The place a violent event names but the recogniser did not: "were killed in Oued Aissi when ...",
"troops stormed Najarah", "fighting at the northern perimeter of Hirbnafseh".

The recogniser only takes a name the gazetteer lacks when the text frames it as a place ("the village
of X", "X in Idlib"), because a capitalised word after "in" is as often a body, a season or an
operation. Right after a violent trigger the odds change: what follows "killed in", "clashes at" or
"stormed" is where it happened, as an event coder reads it. The name keeps no point (the gazetteer
lacks it); the event carries it as written.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from geomap.events.frames import TERRITORY
from geomap.gazetteer.vocabulary import CALENDAR_WORDS
from geomap.nlp.cues import covered_tokens, is_letters
from geomap.nlp.words import (DIRECTION_WORDS, GROUPS_KEY, NAME_PARTICLES, PERSON_TITLES, SPAN_KEY as PLACES_KEY,
                              UNKNOWN_PLACE)
from geomap.records import Mention, Toponym, Usage
from geomap.framing import framed_in, frames

# Prepositions that put a violent event at the name after them.
SCENE_PREPOSITIONS = frozenset({"in", "at", "inside", "into", "near", "outside", "around"})
# "the northern perimeter of X", "the outskirts of X": a part of the place, then "of".
PART_WORDS = frozenset({"perimeter", "outskirts", "edge", "heart", "centre", "center", "suburbs", "entrance", "gates",
                        "countryside", "flank", "flanks", "axis", "sector", "neighbourhood", "neighborhood", "district",
                        "village", "town", "city", "area", "areas", "hill", "hilltop", "farms", "villages"})
# Verbs whose object is a place: "stormed Najarah", "entered Dahiyat Al-Assad" (people and goods are captured
# and seized too).
PLACE_OBJECT_WORDS = frozenset({"stormed", "storming", "storm", "storms", "entered", "entering", "enter", "besieged",
                                "besieging", "overran", "overrun", "overrunning", "liberated", "liberating", "liberate"})
# What is captured or seized is ground only when the event was typed a territory change (not a person or goods).
TAKEN_WORDS = frozenset({"captured", "capturing", "capture", "captures", "seized", "seizing", "seize", "seizes",
                         "retook", "retake", "retaking", "recaptured", "recapturing", "recapture"})
# A capitalised word before these describes who ("the Islamist rebel defenses"), it names no place.
WHO_WORDS = frozenset({"rebel", "rebels", "forces", "force", "militants", "militia", "militias", "fighters", "defenses",
                       "defences", "positions", "troops", "army", "group", "groups", "movement", "soldiers", "police"})
SCENE_REACH = 6  # words from the trigger's end to the preposition
NAME_WORDS = 4  # words of a name at most
STOP_WORDS = frozenset({",", ";", ":", ".", "that", "which", "who", "while", "but", "when", "after", "before", "as"})


def scene_name(doc: Doc, trigger: Span) -> Toponym | None:
    """The place name right after a violent ``trigger`` that no recognised span covers, as an
    unresolved literal toponym, or None."""
    end = min(trigger.sent.end, trigger.end + SCENE_REACH)
    start: int | None = None
    if trigger[-1].lower_ in PLACE_OBJECT_WORDS or (trigger.label_ in TERRITORY and trigger[-1].lower_ in TAKEN_WORDS):
        # "stormed Najarah", "stormed the eastern outskirts of Khan Al-Sheih"; else "captured several
        # buildings inside X" names it after a preposition, as other triggers do
        start = _past_part(doc, _skip_the(doc, trigger.end, end), trigger.sent.end)
        if _name_end(doc, start, trigger.sent.end) == start:
            start = None
    if start is None:
        for k in range(trigger.end, end):
            lower = doc[k].lower_
            if lower in STOP_WORDS:
                break
            if lower in SCENE_PREPOSITIONS:
                start = _past_part(doc, _skip_the(doc, k + 1, trigger.sent.end), trigger.sent.end)
                break
    if start is None:
        return None
    name_end = _name_end(doc, start, trigger.sent.end)
    if name_end == start or not _free(doc, start, name_end):
        return None
    words = [t.lower_ for t in doc[start:name_end] if t.text not in {"-", "’", "'"}]
    if set(words) <= doc._.common_words or words[0] in CALENDAR_WORDS or words[0] in PERSON_TITLES:
        return None  # "killed in Parliament", "in March", "shot by President X"
    if name_end < len(doc) and doc[name_end].lower_ in {"'s", "’s"} | WHO_WORDS:
        return None  # "in Smith's house": a person's; "the Islamist rebel defenses": who
    span = doc[start:name_end]
    sentence = trigger.sent
    mention = Mention(span.start_char, span.end_char, span.text, sentence.start_char, sentence.end_char,
                      Usage.LITERAL, None, UNKNOWN_PLACE)
    return Toponym(mention=mention, place=None, confidence=0.5)


def _skip_the(doc: Doc, k: int, end: int) -> int:
    """The index after "the" and direction words ("the northern", "southern")."""
    while k < end and (doc[k].lower_ == "the" or doc[k].lower_ in DIRECTION_WORDS):
        k += 1
    return k


def _past_part(doc: Doc, k: int, end: int) -> int:
    """The index after a part of the place and "of" at ``k`` ("the outskirts of", "the northern perimeter of")."""
    if k < end - 1 and doc[k].lower_ in PART_WORDS and doc[k + 1].lower_ == "of":
        return _skip_the(doc, k + 2, end)
    return k


def _name_end(doc: Doc, start: int, end: int) -> int:
    """The end of the capitalised name opening at ``start`` (hyphen and apostrophe joins, particles
    inside: "Al-Zarzour", "Oued Aissi", "Sheikh Sa’eed"); ``start`` when none opens there."""
    k = start
    words = 0
    while k < end and words < NAME_WORDS:
        token = doc[k]
        if token.text[:1].isupper() and is_letters(token):
            words += 1
        elif k > start and token.lower_ in NAME_PARTICLES and k + 1 < end and doc[k + 1].text in {"-"}:
            words += 1
        elif not (k > start and token.text in {"-", "’", "'"} and not doc[k - 1].whitespace_
                  and k + 1 < end and doc[k + 1].text[:1].isupper()):
            break
        k += 1
    return k


def _free(doc: Doc, start: int, end: int) -> bool:
    """No recognised place or group covers any of the words. A known word the recogniser read as part of a
    longer name ("Kot" in "in Shah Wali Kot") does not count: right after "clashed in", that name is a place."""
    if covered_tokens(doc, GROUPS_KEY).intersection(range(start, end)):
        return False
    return not any(span.start < end and start < span.end and span._.usage != Usage.NOT_A_PLACE.value
                   for span in doc.spans.get(PLACES_KEY, []))


def framed_scene(doc: Doc, trigger: Span, places: list[Toponym]) -> Toponym | None:
    """"stormed Najarah in eastern Aleppo", "were killed in Jangal in Kamantan chiefdom": the name right
    after a violent trigger is where it happened, and the known place linked to the trigger only frames it.
    The name takes the frame's point at a lower confidence, as a framed unknown name does in resolution
    (:func:`geomap.framing.framed_in`); None when there is no such name or the place does not
    frame it."""
    if not places or any(p.place is None for p in places):
        return None
    scene = scene_name(doc, trigger)
    if scene is None:
        return None
    frame = min(places, key=lambda p: p.mention.start)
    sentence = trigger.sent
    if frame.mention.start < scene.mention.end or not frames(sentence.text, frame.mention, scene.mention,
                                                             sentence.start_char):
        return None
    offset = sentence.start_char  # the sentence's text, not doc.text (which joins the whole article anew)
    between = sentence.text[scene.mention.end - offset:frame.mention.start - offset].lower().split()
    if between[-1:] == ["of"] and len(between) >= 2:
        return None  # "in the Basque city of San Sebastian": the name after "of" is the place
    return framed_in(scene.mention, frame)
