"""The trained event-place linker: how likely a place of a sentence is where one of its events happened.

The hand-written linking rules (:mod:`geomap.events.link`) follow one path: a locative word, then
only names, list punctuation and type words, then the place. News says where things happened in
more ways than that ("in a crowded Baquba street", "killed another 43 people ... in Khalis",
"marched on a Hong Kong hotel") and names places that are not the event's in as many ("militants
with bases in X", "Moscow said"). This model scores each (trigger, place) pair of a sentence from
surface evidence alone (the pipeline has no parser): the words before and after the place, the
nearest preposition and what stands before it, the order and distance of trigger and place, what
lies between them (clause words, speech verbs, other places and triggers), the kind of place and
how it is used, the event's type, and the rules' own verdicts as two features among the others.

It is a logistic regression trained by ``python -m geomap.events.train_link`` on the unchecked rows
of Halterman's event-location sentences (MIT; read from ``../shared``, never committed) and shipped
as plain arrays (``link_model.npz``: feature names, weights, the threshold), so inference needs
only numpy and costs a few microseconds a pair.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Doc, Span

from geomap.events.link import _after_movement, locative_verdict, names_trigger
from geomap.events.link_words import BARRIER_WORDS, BRIDGE_WORDS
from geomap.nlp.words import UNKNOWN_PLACE
from geomap.records import PlaceKind, Toponym, Usage

WEIGHTS = "link_model.npz"
FORMAT = 1
# Closed-class words that say how a place relates to the rest of the sentence.
PREPOSITIONS = frozenset({
    "in", "at", "on", "near", "over", "across", "outside", "around", "into", "inside", "toward", "towards",
    "throughout", "within", "above", "off", "onto", "along", "from", "to", "of", "by", "for", "with", "against",
    "between", "than", "bordering", "beyond", "under", "through", "via", "across", "about", "after", "like",
})
SPEECH_LEMMAS = frozenset({"say", "tell", "announce", "report", "accuse", "claim", "state", "add", "warn", "urge",
                           "condemn", "deny", "call", "blame", "quote", "according"})
PREPOSITION_REACH = 6  # words walked back from a place to find its preposition


def candidates(toponyms: Sequence[Toponym], doc: Doc | None = None) -> list[Toponym]:
    """The places an event may be located at: literal mentions that resolved, or a named unknown place
    ("the villages of X and Y"). Governments, demonyms and organisations never locate an event, except a
    town or city that names the site it stands in ("at the Mosul Hotel", "the Kandahar airport"): the
    event is there, as an event coder records it (read from ``doc`` when given)."""
    places = [replace(t, mention=replace(t.mention, usage=Usage.LITERAL)) if _names_its_site(doc, t) else t
              for t in toponyms]
    return [t for t in places if t.mention.usage == Usage.LITERAL
            and (t.place is not None or t.mention.label == UNKNOWN_PLACE)]


# Sites that stand in the town whose name they carry: "the Mosul Hotel", "Kandahar airport", "the Aleppo
# central prison". Not an embassy (it carries the name of the country it represents) nor a university.
SITE_HEADS = frozenset({"hotel", "airport", "airbase", "stadium", "hospital", "station", "mosque", "church",
                        "cathedral", "museum", "prison", "jail", "market", "bazaar"})
SITE_KINDS = frozenset({PlaceKind.PLACE})


def _names_its_site(doc: Doc | None, toponym: Toponym) -> bool:
    """Whether a town read as part of an organisation's name is the town a site stands in: a SITE_HEADS
    word follows it, at most one more name word between ("the Kabul Serena Hotel")."""
    if doc is None or toponym.mention.usage != Usage.ORGANISATION or toponym.place is None:
        return False
    if toponym.place.kind not in SITE_KINDS:
        return False
    span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
    if span is None:
        return False
    following = doc[span.end : min(len(doc), span.end + 3)]
    for token in following:
        if token.lower_ in SITE_HEADS:
            # "the Serena Hotel in Kabul": the text puts the site in a town, so its name is a brand
            after = doc[token.i + 1 : min(len(doc), token.i + 3)]
            return not (len(after) == 2 and after[0].lower_ in {"in", "at", ","} and after[1].text[:1].isupper())
        if not (token.text[:1].isupper() and token.is_alpha):
            return False  # "the Kabul Serena Hotel": one more name word may come first
    return False


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else ("8-15" if n < 16 else "16+"))


@dataclass(frozen=True, slots=True)
class _Placed:
    toponym: Toponym
    span: Span


class PairFeatures:
    """The feature strings of every (trigger, place) pair of one sentence.

    Built once a sentence: the places' token spans and the rules' verdicts (``verdicts``, and
    ``names``: the place names a trigger, "his White House meeting"). ``of(i, j)`` gives the features
    of trigger ``i`` with place ``j``; a place's own context is read only when a pair needs it.
    """

    def __init__(self, doc: Doc, triggers: Sequence[Span], toponyms: Sequence[Toponym]) -> None:
        self.doc = doc
        self.triggers = list(triggers)
        self.places: list[_Placed] = []
        for toponym in toponyms:
            span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
            if span is not None:
                self.places.append(_Placed(toponym, span))
        self.toponyms = [p.toponym for p in self.places]
        self.verdicts = [locative_verdict(doc, p.toponym) for p in self.places]
        self.names = [names_trigger(doc, p.toponym, self.triggers) for p in self.places]
        self._contexts: dict[int, list[str]] = {}

    def _place_context(self, span: Span) -> list[str]:
        """What surrounds a place, whatever the trigger."""
        doc = self.doc
        sent = span.sent
        out = []
        before = [doc[k] for k in range(max(sent.start, span.start - PREPOSITION_REACH), span.start)][::-1]
        p1 = before[0].lower_ if before else "<s>"
        p2 = before[1].lower_ if len(before) > 1 else "<s>"
        out += [f"p1={p1}", f"p2={p2}_{p1}"]
        preposition, gap, bridged = "none", 0, True
        for gap, token in enumerate(before):
            if token.lower_ in PREPOSITIONS:
                preposition = token.lower_
                break
            bridged = bridged and (token.lower_ in BRIDGE_WORDS or token.text[:1].isupper() or token.like_num)
        else:
            gap = len(before)
        out += [f"prep={preposition}", f"prep_gap={_bucket(gap)}", f"prep_bridged={bridged}",
                f"prep={preposition}|bridged={bridged}"]
        if preposition != "none":
            k = span.start - gap - 2
            out.append(f"prep_prev={doc[k].lemma_.lower() if k >= sent.start else '<s>'}|{preposition}")
            if preposition == "to":
                out.append(f"to_after_movement={_after_movement(doc, span.start - gap - 1)}")
        out.append(f"p1_shape={_shape(before[0]) if before else '<s>'}")
        after = [doc[k] for k in range(span.end, min(sent.end, span.end + 2))]
        n1 = after[0].lower_ if after else "</s>"
        n2 = after[1].lower_ if len(after) > 1 else "</s>"
        out += [f"n1={n1}", f"n2={n1}_{n2}"]
        out.append(f"sent_start={span.start - sent.start < 3}")
        return out

    def of(self, i: int, j: int) -> list[str]:
        doc, trigger, placed = self.doc, self.triggers[i], self.places[j]
        span, toponym = placed.span, placed.toponym
        after = span.start >= trigger.end
        low, high = (trigger.end, span.start) if after else (span.end, trigger.start)
        between = [doc[k] for k in range(low, max(low, high))]
        direction = "after" if after else ("before" if span.end <= trigger.start else "inside")
        distance = _bucket(len(between))
        kind = toponym.place.kind.value if toponym.place is not None else "unknown"
        context = self._contexts.get(j)
        if context is None:
            context = self._contexts[j] = self._place_context(span)
        locative = self.verdicts[j] is True
        out = list(context)
        out += [f"dir={direction}", f"dist={distance}", f"dir_dist={direction}{distance}",
                f"kind={kind}", f"kind_dir={kind}|{direction}", f"cue={toponym.mention.cue is not None}",
                f"label={toponym.mention.label}", f"type={trigger.label_}",
                f"rule_loc={locative}", f"rule_loc_dir={locative}|{direction}",
                f"rule_loc_dist={locative}|{distance}", f"rule_name={self.names[j]}",
                f"trigger_words={min(len(trigger), 3)}"]
        prep = next(f for f in context if f.startswith("prep="))
        out += [f"{prep}|{direction}", f"{prep}|{kind}"]
        out.append(f"barrier={any(t.lower_ in BARRIER_WORDS for t in between)}")
        out.append(f"speech_between={any(t.lemma_.lower() in SPEECH_LEMMAS for t in between)}")
        out.append(f"comma_between={sum(t.text == ',' for t in between) > 0}")
        places_between = sum(1 for other in self.places if other.span.start >= low and other.span.end <= high)
        triggers_between = sum(1 for other in self.triggers if other.start >= low and other.end <= high)
        out += [f"places_between={min(places_between, 2)}", f"triggers_between={min(triggers_between, 2)}"]
        nearest_place = min(range(len(self.places)), key=lambda k: _gap(trigger, self.places[k].span))
        nearest_trigger = min(range(len(self.triggers)), key=lambda k: _gap(self.triggers[k], span))
        out += [f"nearest_place={nearest_place == j}", f"nearest_trigger={nearest_trigger == i}",
                f"places={min(len(self.places), 4)}", f"triggers={min(len(self.triggers), 3)}"]
        return out


def _shape(token) -> str:
    """A word's kind without a tagger: a function word of the lists above, a capitalised word, a
    number, punctuation, or another lower-case word ("crowded", "restive": a modifier before a name)."""
    lower = token.lower_
    if lower in PREPOSITIONS or lower in BRIDGE_WORDS:
        return "listed"
    if token.like_num:
        return "number"
    if token.is_punct:
        return "punct"
    return "capital" if token.text[:1].isupper() else "lower"


def _gap(trigger: Span, span: Span) -> int:
    return span.start - trigger.end if span.start >= trigger.end else trigger.start - span.end


class LinkModel:
    """The shipped weights: feature name -> weight, an intercept and the decision threshold."""

    def __init__(self, names: Sequence[str], weights: np.ndarray, intercept: float, threshold: float) -> None:
        self.index = {name: k for k, name in enumerate(names)}
        self.weights = np.asarray(weights, dtype=np.float64)
        self.intercept = float(intercept)
        self.threshold = float(threshold)

    def probability(self, features: Sequence[str]) -> float:
        index = self.index
        score = self.intercept + sum(self.weights[index[f]] for f in set(features) if f in index)
        return 1.0 / (1.0 + math.exp(-score))

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> LinkModel:
        if int(arrays["format"]) != FORMAT:
            raise ValueError(f"{WEIGHTS}: format {int(arrays['format'])}, this geomap reads format {FORMAT}")
        return cls([str(name) for name in arrays["names"]], arrays["weights"], float(arrays["intercept"]), float(arrays["threshold"]))


@lru_cache(maxsize=1)
def load_link_model() -> LinkModel:
    """The weights shipped with the package (read once a process)."""
    with resources.files("geomap.events").joinpath(WEIGHTS).open("rb") as handle:
        with np.load(handle, allow_pickle=False) as arrays:
            return LinkModel.from_arrays({key: arrays[key] for key in arrays.files})
