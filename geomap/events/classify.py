"""Event-type triggers: a registered spaCy component running lemma Matcher rules.

The rules are data (``triggers.jsonl``: one ``{"label", "pattern"}`` a line, spaCy Matcher
token patterns over lemmas and lower-case forms) so they can be read, reviewed and extended
without touching code. Matches go to ``doc.spans["event_triggers"]`` labelled with the event
type id; when one rule's match lies inside another of a more specific type, the more specific
survives (see ``SPECIFICITY``). Rules labelled ``_none`` mark fixed phrases that look like triggers
but report no event ("hunger strike" is not an attack, "riot police" not a riot): they win every
overlap and are then dropped, so a negative rule is data too.
"""

from __future__ import annotations

import json
from importlib import resources

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

TRIGGER_KEY = "event_triggers"
NOT_AN_EVENT = "_none"
# Higher wins where triggers of two types overlap ("drones ... intercepted" is an interception,
# "air raid" is an air strike, not a generic attack).
SPECIFICITY = {
    NOT_AN_EVENT: 99,
    "interception": 9, "drone_strike": 8, "missile_strike": 8, "air_strike": 8, "shelling": 7,
    "territory_change": 7, "ceasefire_violation": 7, "prisoner_exchange": 7, "press_conference": 7,
    "phone_call": 6, "ceasefire": 6, "armed_clash": 5, "abduction": 5, "arrest": 5, "riot": 5, "protest": 4,
    "explosion": 4, "attack": 3, "talks": 3, "meeting": 2, "statement": 1,
}


def load_patterns() -> list[tuple[str, list[dict]]]:
    text = resources.files("geomap.events").joinpath("triggers.jsonl").read_text("utf-8")
    rules = []
    for line in text.splitlines():
        if line.strip():
            record = json.loads(line)
            rules.append((record["label"], record["pattern"]))
    return rules


class EventTriggers:
    """Finds event-type triggers in a Doc (registered as ``geomap_event_triggers``)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for label, pattern in load_patterns():
            self.matcher.add(label, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)
        spans = [Span(doc, start, end, label=doc.vocab.strings[match_id]) for match_id, start, end in matches]
        doc.spans[TRIGGER_KEY] = [s for s in _keep_most_specific(spans) if s.label_ != NOT_AN_EVENT]
        return doc


def _keep_most_specific(spans: list[Span]) -> list[Span]:
    """Drop a trigger that overlaps a more specific one; keep one span per (type, start)."""
    ordered = sorted(spans, key=lambda s: (-SPECIFICITY.get(s.label_, 0), s.end - s.start, s.start))
    kept: list[Span] = []
    for span in ordered:
        clash = any(
            other.start < span.end and span.start < other.end and SPECIFICITY.get(other.label_, 0) > SPECIFICITY.get(span.label_, 0)
            for other in kept
        )
        same = any(other.label_ == span.label_ and other.start < span.end and span.start < other.end for other in kept)
        if not clash and not same:
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.label_))


@Language.factory("geomap_event_triggers")
def make_event_triggers(nlp: Language, name: str) -> EventTriggers:
    return EventTriggers(nlp, name)
