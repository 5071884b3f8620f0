"""What a violent verb says of the places around it: the ground it takes as its object ("captured the
strategic city of X", "shelled X"), and the destination people are carried to after it ("was shot ... and
evacuated to South Africa"). The event linker (:func:`geomap.events.extract.link_places`) reads both to
choose among the places the rules reach."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from geomap.events.link import SETTLEMENT_OF
from geomap.events.scene import PLACE_OBJECT_WORDS, TAKEN_WORDS
from geomap.events.taxonomy import load_taxonomy
from geomap.nlp.words import DIRECTION_WORDS
from geomap.records import Toponym


# Verbs whose object is the ground they act on: those whose object the scene rules read as a place name
# ("stormed Najarah", "captured Bakhmut"), and the violent verbs whose object is the ground hit ("shelled X").
OBJECT_VERBS = PLACE_OBJECT_WORDS | TAKEN_WORDS | {
    "enters", "retakes", "recaptures", "shelled", "shelling", "bombed", "bombing", "bombarded", "bombarding",
    "pounded", "pounding", "attacked", "attacking", "raided", "raiding", "invaded", "invading",
}
# What may stand between such a verb and its place: "the strategic town of", "the northern outskirts of".
OBJECT_FILLERS = DIRECTION_WORDS | {"the", "a", "an", "of", "key", "strategic", "small", "large", "nearby", "entire",
                                    "whole", "rebel-held", "government-held", "besieged", "embattled", "ancient",
                                    "historic", "restive", "remote", "hilltop", "border", "mountain", "coastal"}
OBJECT_NOUNS = SETTLEMENT_OF | {"outskirts", "edge", "heart", "centre", "center", "suburbs", "countryside", "parts",
                                "part", "province", "governorate", "areas"}
OBJECT_REACH = 6  # words from the verb to its place


def object_places(doc: Doc, trigger: Span, places: Sequence[Toponym]) -> list[Toponym]:
    """Of a violent trigger's places, those its verb takes as its object ("to capture the strategic city of
    Jisr al-Shughour", "shelled Kfar Tibnit and Yaroun"): the ground acted on, whatever else the sentence
    names around it ("building up its forces in Latakia ... to capture X"). Empty when the verb has none."""
    if trigger[-1].lower_ not in OBJECT_VERBS or not load_taxonomy().is_violent(trigger.label_):
        return []
    k = trigger.end
    limit = min(trigger.sent.end, trigger.end + OBJECT_REACH)
    while k < limit and (doc[k].lower_ in OBJECT_FILLERS or (doc[k].lower_ in OBJECT_NOUNS and k + 1 < len(doc)
                                                             and doc[k + 1].lower_ == "of")):
        k += 1
    if k >= limit:
        return []
    starts = {p.mention.start: p for p in places}
    first = starts.get(doc[k].idx)
    if first is None:
        return []
    found = [first]
    end = doc.char_span(first.mention.start, first.mention.end, alignment_mode="expand")
    k = end.end if end is not None else len(doc)
    while k + 1 < len(doc) and doc[k].lower_ in {",", "and"}:  # "shelled A, B and C"
        k += 2 if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "and" else 1
        nxt = starts.get(doc[k].idx)
        if nxt is None:
            break
        found.append(nxt)
        span = doc.char_span(nxt.mention.start, nxt.mention.end, alignment_mode="expand")
        k = span.end if span is not None else len(doc)
    return found


# Verbs that take people away from where something happened to them: "was evacuated to South Africa",
# "killed while trying to cross into Turkey", "rushed to Mosul for treatment".
AWAY_LEMMAS = frozenset({"evacuate", "flee", "fled", "fly", "flown", "airlift", "rush", "escape", "cross", "transfer",
                         "transport", "take", "taken", "bring", "brought"})
NEIGHBOUR_WORDS = frozenset({"the", "neighbouring", "neighboring", "nearby"})  # "fled to neighbouring Chad"


def carried_away_to(doc: Doc, toponym: Toponym) -> bool:
    """The name is where people were taken or went after ("evacuated to X", "cross into X"): for the violence
    told before, a destination, not its place."""
    span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
    if span is None or span.start < 2:
        return False
    k = span.start - 1
    while k > 0 and (doc[k].lower_ in DIRECTION_WORDS or doc[k].lower_ in NEIGHBOUR_WORDS):
        k -= 1  # "fled to neighbouring Chad", "taken to northern Iraq"
    if doc[k].lower_ not in {"to", "into"}:
        return False
    return any(doc[j].lemma_.lower() in AWAY_LEMMAS or doc[j].lower_ in AWAY_LEMMAS
               for j in range(max(span.sent.start, k - 3), k))
