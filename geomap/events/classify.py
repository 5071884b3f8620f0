"""Event-type triggers: a registered spaCy component running lemma Matcher rules.

The rules are data (``triggers.jsonl``: one ``{"label", "pattern"}`` a line, spaCy Matcher
token patterns over lemmas and lower-case forms) so they can be read, reviewed and extended
without touching code. Matches go to ``doc.spans["event_triggers"]`` labelled with the event
type id; when one rule's match lies inside another of a more specific type, the more specific
survives (see ``SPECIFICITY``). Rules labelled ``_none`` mark fixed phrases that look like triggers
but report no event ("hunger strike" is not an attack, "riot police" not a riot): they win every
overlap and are then dropped (kept apart in ``doc.spans["event_not_triggers"]``, where the trained
typer proposes no trigger either), so a negative rule is data too.
"""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from geomap.events.conflict_words import ARMS_TYPES
from geomap.nlp.words import GROUPS_KEY

TRIGGER_KEY = "event_triggers"
NOT_A_TRIGGER_KEY = "event_not_triggers"  # what the ``_none`` rules matched: no trigger may start there
NOT_AN_EVENT = "_none"
# Higher wins where triggers of two types overlap ("drones ... intercepted" is an interception,
# "air raid" is an air strike, not a generic attack).
SPECIFICITY = {
    NOT_AN_EVENT: 99,
    "interception": 9, "weapons_test": 9,
    "aircraft_crash": 8, "drone_strike": 8, "missile_strike": 8, "air_strike": 8,
    "shelling": 7, "territory_change": 7, "territory_overtaken": 7, "territory_handover": 7, "ceasefire_violation": 7,
    "prisoner_exchange": 7, "press_conference": 7,
    "phone_call": 6, "ceasefire": 6, "incursion": 6, "deportation": 6, "arms_shipment": 6, "weapons_seizure": 6,
    "agreement": 5, "court_hearing": 5, "military_exercise": 5, "armed_clash": 5, "abduction": 5, "arrest": 5, "riot": 5,
    "deployment": 4, "sanctions": 4, "protest": 4, "explosion": 4,
    "attack": 3, "talks": 3, "meeting": 2, "statement": 1,
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
        rules = load_patterns()
        for label, pattern in rules:
            self.matcher.add(label, [pattern])
        self.anchors = _anchors([pattern for _, pattern in rules], nlp)
        # Each rule also alone, with its own anchor words and reach: a window is matched only by the
        # rules whose anchor lies in it, not by all of them (the Matcher's cost grows with the rules).
        self.rules: list[tuple[Matcher, int, int]] = []
        self.rules_of: dict[int, list[int]] = {}  # anchor word hash -> the rules it anchors
        for number, (label, pattern) in enumerate(rules if self.anchors is not None else ()):
            words, before, after = _anchor(pattern, nlp)
            matcher = Matcher(nlp.vocab)
            matcher.add(label, [pattern])
            self.rules.append((matcher, before, after))
            for word in words:
                self.rules_of.setdefault(word, []).append(number)

    def __call__(self, doc: Doc) -> Doc:
        matches = self._matches(doc)
        spans = [Span(doc, start, end, label=doc.vocab.strings[match_id]) for match_id, start, end in matches]
        spans.extend(_killings_by_named_groups(doc))
        kept = _keep_most_specific([s for s in spans if not inside_a_name(s)])
        doc.spans[TRIGGER_KEY] = [s for s in kept if s.label_ != NOT_AN_EVENT]
        doc.spans[NOT_A_TRIGGER_KEY] = [s for s in kept if s.label_ == NOT_AN_EVENT]
        return doc


    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The Matcher's matches over the whole doc, found by matching only where one can lie.

        Each rule has a required token with a fixed word list (its anchor, chosen to avoid common
        words), at most ``before`` tokens before it and ``after`` from it on. A match therefore lies
        inside [a - before, a + after) around an anchor word at a. The rules look only at single
        tokens, so matching each rule over the merged windows around its own anchor words finds
        exactly the matches of the whole doc: most of a news article lies in no window, and a
        window is matched by the few rules anchored in it, not by all of them (measured on this
        machine: extraction went from ~20,000 to ~29,000 words/s per core; the same matches on
        3,727 documents).
        """
        if self.anchors is None:
            return self.matcher(doc)
        if not len(doc):
            return []
        lemma_hashes, lower_hashes, _, _ = self.anchors
        values = doc.to_array([LEMMA, LOWER])
        hits = np.flatnonzero(_in_sorted(values[:, 0], lemma_hashes) | _in_sorted(values[:, 1], lower_hashes))
        positions: dict[int, list[int]] = {}  # rule -> where its anchor words are
        for hit in hits.tolist():
            found = set(self.rules_of.get(int(values[hit, 0]), ())) | set(self.rules_of.get(int(values[hit, 1]), ()))
            for number in found:
                positions.setdefault(number, []).append(hit)
        matches: list[tuple[int, int, int]] = []
        for number in sorted(positions):
            matcher, before, after = self.rules[number]
            for start, end in _windows(positions[number], before, after, len(doc)):
                matches.extend((match_id, start + first, start + last) for match_id, first, last in matcher(doc[start:end]))
        return list(dict.fromkeys(matches))  # two rules of one label may find one span, which the Matcher gives once


# "ISIS executed the policemen", "al-Shabab killed nine": a listed group's name, then within a few words
# one of these, is an attack (the word patterns cannot see a group's name; the recogniser found it).
GROUP_KILL_WORDS = frozenset({"killed", "executed", "beheaded", "murdered", "massacred", "assassinated", "slew",
                              "shot", "kills", "executes", "beheads"})
GROUP_KILL_REACH = 3


def _killings_by_named_groups(doc: Doc) -> list[Span]:
    spans = []
    for group in doc.spans.get(GROUPS_KEY, ()):
        for k in range(group.end, min(len(doc), group.end + GROUP_KILL_REACH)):
            if doc[k].is_punct:
                break
            if doc[k].lower_ in GROUP_KILL_WORDS:
                spans.append(Span(doc, k, k + 1, label="attack"))
                break
    return spans


Anchors = tuple[np.ndarray, np.ndarray, int, int]


def _in_sorted(values: np.ndarray, sorted_hashes: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_hashes)`` by binary search in the (sorted) anchor hashes: ``isin`` sorts
    both arrays together on every call, which cost more than the search."""
    if not len(sorted_hashes):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_hashes, values), len(sorted_hashes) - 1)
    return sorted_hashes[at] == values


def _anchors(patterns: list[list[dict]], nlp: Language) -> Anchors | None:
    """Anchor word hashes (lemmas, lower-case forms) and the longest reach before and after an anchor.

    None when some rule has no required token with a fixed word list, or an unbounded quantifier:
    then the whole doc is matched.
    """
    lemmas: set[str] = set()
    lowers: set[str] = set()
    before = after = 0
    stop_words = nlp.Defaults.stop_words
    for pattern in patterns:
        lengths = [_longest(token) for token in pattern]
        choices = [(i, attribute, words) for i, token in enumerate(pattern) if (found := _fixed_words(token))
                   for attribute, words in [found]]
        if None in lengths or not choices:
            return None
        # The rarest-looking required token: fewest stop words ("the", "on"), then fewest words.
        index, attribute, words = min(choices, key=lambda c: (sum(w.lower() in stop_words for w in c[2]), len(c[2])))
        (lemmas if attribute == "LEMMA" else lowers).update(words)
        before = max(before, sum(lengths[:index]))
        after = max(after, sum(lengths[index:]))
    as_hashes = lambda words: np.array(sorted(nlp.vocab.strings.add(w) for w in words), dtype=np.uint64)  # noqa: E731
    return as_hashes(lemmas), as_hashes(lowers), before, after


def _anchor(pattern: list[dict], nlp: Language) -> tuple[set[int], int, int]:
    """One rule's anchor (the hashes of its rarest-looking required token's words, as lemma or lower
    case: a hash is one string either way) and its reach before and after. Called only when every
    rule has one (:func:`_anchors` of all the rules is not None)."""
    found = _anchors([pattern], nlp)
    assert found is not None
    lemma_hashes, lower_hashes, before, after = found
    return {int(h) for h in lemma_hashes} | {int(h) for h in lower_hashes}, before, after


def _fixed_words(token: dict) -> tuple[str, list[str]] | None:
    """("LEMMA" or "LOWER", its words) when ``token`` must be one of a fixed list of words; else None."""
    if "OP" in token:
        return None
    for attribute in ("LEMMA", "LOWER"):
        value = token.get(attribute)
        if isinstance(value, str):
            return attribute, [value]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return attribute, list(value["IN"])
    return None


def _longest(token: dict) -> int | None:
    """The most doc tokens one pattern token can match; None when unbounded ("*", "+", "{2,}")."""
    op = token.get("OP")
    if op in (None, "!", "?", "1"):
        return 1
    if isinstance(op, str) and op.startswith("{") and op.endswith("}") and op[1:-1].split(",")[-1].isdigit():
        return int(op[1:-1].split(",")[-1])
    return None


def _windows(hits: list[int], before: int, after: int, length: int) -> list[tuple[int, int]]:
    """Merged [hit - before, hit + after) windows, clipped to the doc."""
    windows: list[tuple[int, int]] = []
    for hit in hits:
        start, end = max(0, hit - before), min(hit + after, length)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


TITLE_CASE_SHARE = 0.5  # of a sentence's words capitalised, above which it is a headline in title case


def inside_a_name(span: Span) -> bool:
    """A one-word trigger inside a proper name in running text is part of the name, not an event: "the
    Ramousah Artillery Base", "a Bradley Fighting Vehicle", "the 108th Artillery Group". A headline in
    title case ("Drone Strike Hits Kyiv") capitalises its words for style, so its triggers stand."""
    doc = span.doc
    i = span.start
    if span.end - i != 1 or i == 0 or i + 1 >= len(doc) or doc[i].is_sent_start or not doc[i].text[:1].isupper():
        return False
    before, after = doc[i - 1], doc[i + 1]
    if not (after.is_alpha and after.text[:1].isupper()):
        return False
    if not (before.is_alpha and before.text[:1].isupper() or before.text[:1].isdigit() and before.text[-2:].isalpha()):
        return False
    return not in_title_case(doc[i].sent)


def in_title_case(sentence: Span) -> bool:
    """Whether the sentence is a headline in title case (most of its words capitalised)."""
    words = [t for t in sentence if t.is_alpha]
    return sum(t.text[:1].isupper() for t in words) > TITLE_CASE_SHARE * len(words)


def _keep_most_specific(spans: list[Span]) -> list[Span]:
    """Drop a trigger that overlaps a more specific one; keep one span per (type, start). Every ``_none``
    match is kept, overlapping or not: they only block, so a negative rule with a gap covers every word
    any of its matches spans ("confessed to or been charged with murder, attempted murder, assault"). A
    trigger inside the object a shipment, seizure or detention rule ends on is that object, not an event."""
    objects = [span for span in spans if span.label_ in OBJECT_ENDED_TYPES]
    if objects:  # "supplying artillery shells": the shells a shipment names are its cargo, not a shelling
        spans = [span for span in spans if span.label_ == NOT_AN_EVENT or span.label_ in OBJECT_ENDED_TYPES
                 or not any(thing.start < span.start and span.end <= thing.end for thing in objects)]
    ordered = sorted(spans, key=lambda s: (-SPECIFICITY.get(s.label_, 0), s.end - s.start, s.start))
    kept: list[Span] = []
    for span in ordered:
        clash = any(
            other.start < span.end and span.start < other.end and SPECIFICITY.get(other.label_, 0) > SPECIFICITY.get(span.label_, 0)
            and not _names_its_object(span, other)
            for other in kept
        )
        same = any(other.label_ == span.label_ and other.start < span.end and span.start < other.end for other in kept)
        if not clash and (not same or span.label_ == NOT_AN_EVENT):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.label_))


# Types whose rules end on the thing they act on, which alone is a ``_none`` phrase: the weapon of a
# shipment or seizure, the "detention centre" where people are held.
OBJECT_ENDED_TYPES = ARMS_TYPES | {"deportation"}
MOVING_TYPES = frozenset({"deployment"})  # rules that name what was moved between the verb and where to
OBJECT_NAMING_TYPES = OBJECT_ENDED_TYPES | MOVING_TYPES


def _names_its_object(span: Span, blocker: Span) -> bool:
    """Whether ``blocker`` (a ``_none`` match) is the thing named at the end of ``span`` (``OBJECT_ENDED_TYPES``):
    it blocks that thing alone, not the event that names it; so does one inside a deployment, which names
    what it moved ("ordered a carrier strike group to the Mediterranean")."""
    return (blocker.label_ == NOT_AN_EVENT and span.label_ in OBJECT_NAMING_TYPES
            and (span.start < blocker.start and blocker.end <= span.end
                 or span.start == blocker.start and blocker.end < span.end))  # "seized a vessel ... carrying explosives"


@Language.factory("geomap_event_triggers")
def make_event_triggers(nlp: Language, name: str) -> EventTriggers:
    return EventTriggers(nlp, name)
