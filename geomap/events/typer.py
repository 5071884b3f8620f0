"""Event typing by the trained classifier, over the rule triggers (registered as ``geomap_event_typer``).

The trigger rules (``classify.py``) find where an event may be named and guess its type from the
word alone; the classifier (``type_model.py``) reads the word in its sentence. This component runs
after the rules and rewrites ``doc.spans["event_triggers"]``:

- a rule trigger the model calls ``none`` with probability >= ``drop_at`` (``phrase_drop_at`` for a violent
  rule that matched a phrase: "fatally shot", "launched a surprise offensive") is dropped ("the strike
  of the match", "launched an inquiry");
- a rule trigger the model types as another class with probability >= ``retype_at`` takes the
  model's type, unless its rule type is one of ``rule_types`` (types whose rules measurably beat
  the model on the development figures: there the rule decides);
- otherwise the rule's type stands;
- a word the model was trained to read as a trigger (``EventTypeModel.candidates``) where no rule
  fired becomes a trigger when the model gives it a class with probability >= ``add_at``
  ("the ship docked", "were turned over"). Words inside a ``_none`` rule match never do.

The model's classes are coarser than the taxonomy (``taxonomy.json`` ``model_class``): a rule
type of the model's class is kept as is (a drone strike stays a drone strike when the model says
``air_strike``), else the type of that class whose ``cues`` occur near the trigger ("drone" →
drone strike, "ceasefire" → ceasefire), else the class's own type.

``mode`` = ``rules`` leaves the rules' spans alone, ``model`` lets the model decide every type and
drop (rules only propose, thresholds are argmax), ``both`` is the combination above. Each kept span's
probability for its type's class is in ``span._.type_probability`` (None for types the model
does not predict, and in ``rules`` mode).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
from spacy.attrs import IS_ALPHA, LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from geomap.events.classify import NOT_A_TRIGGER_KEY, TRIGGER_KEY, in_title_case, inside_a_name
from geomap.events.senses import after_a_delivery_noun
from geomap.events.taxonomy import load_taxonomy
from geomap.events.type_model import EventTypeModel

Mode = Literal["rules", "model", "both"]
MODES: tuple[str, ...] = ("rules", "model", "both")
NONE = "none"
CUE_REACH = 4  # tokens each side of a trigger where a cue word counts

# Words that name a weapon or a thing, not a happening: the model types them where a rule fired ("the
# warplanes struck" is the rule's), but never proposes one alone ("flyovers of warplanes", "weapons of mass
# destruction", "a device"). Weapons whose name alone usually reports their use ("mortar fire", "a rocket
# landed", "the bomber rammed") stay candidates, as does "gun" (the lemma of "gunned down").
THING_WORDS = frozenset({"weapon", "weapons", "warplane", "warplanes", "device", "devices", "gunship", "gunships",
                         "barrel", "barrels", "runway", "cargo", "consignment",
                         # and general words that are events only in a phrase a rule reads ("shot down", "death
                         # toll", "news conference"): alone, "marched off down a street", "in the death of".
                         # Matched as written: "downed" (a lemma of "down") is an interception.
                         "down", "news", "urban", "death"})

# What shows a demonstration turned violent ("rioters", "hurled stones", "torched", "tear gas"): the model's
# riot needs one of these in the sentence.
RIOT = "riot"
RIOT_SIGNS = frozenset({
    "riot", "riots", "rioted", "rioters", "rioting", "clash", "clashes", "clashed", "clashing", "violent", "violence",
    "violently", "stone", "stones", "stone-throwing", "rocks", "bricks", "bottles", "petrol", "molotov", "burned",
    "burnt", "burning", "torched", "torching", "ablaze", "fire", "fires", "looted", "looting", "looters", "vandalised",
    "vandalized", "vandalism", "smashed", "ransacked", "stormed", "storming", "tear", "teargas", "tear-gas",
    "injured", "wounded", "hurt", "killed", "dead", "died", "deaths", "beat", "beaten", "beating", "mob", "mobs",
    "lynched", "lynching", "attacked", "damaged", "destroyed", "barricades", "fought", "battles", "scuffles",
    "scuffled", "unrest", "rampage", "rampaged", "hurled", "threw", "throwing", "pelted", "alight"})


if not Span.has_extension("type_probability"):
    Span.set_extension("type_probability", default=None)


class EventTyper:
    """Re-types, drops and adds event triggers with the trained classifier."""

    def __init__(self, nlp: Language, name: str, mode: Mode, drop_at: float, retype_at: float, add_at: float,
                 rule_types: list[str], phrase_drop_at: float) -> None:
        if mode not in MODES:
            raise ValueError(f"geomap_event_typer: mode {mode!r} is not one of {', '.join(MODES)}")
        self.name = name
        self.mode = mode
        self.drop_at, self.retype_at, self.add_at = drop_at, retype_at, add_at
        self.phrase_drop_at = max(drop_at, phrase_drop_at)
        self.rule_types = frozenset(rule_types)
        self.model = EventTypeModel.load() if mode != "rules" else None
        taxonomy = load_taxonomy()
        self.class_of = {t.id: t.model_class for t in taxonomy.types}
        self.violent = frozenset(t.id for t in taxonomy.types if taxonomy.is_violent(t.id))
        # Each model class's types, the subtypes (those with cues) first, then the class's own type.
        self.types_of: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for t in sorted(taxonomy.types, key=lambda t: not t.cues):
            if t.model_class and (t.cues or t.id == t.model_class):
                self.types_of.setdefault(t.model_class, []).append((t.id, frozenset(t.cues)))

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None or TRIGGER_KEY not in doc.spans:
            return doc  # rules mode, or the trigger rules did not run (disabled)
        rules = list(doc.spans[TRIGGER_KEY])
        candidates = list(self._candidates(doc, rules))
        spans = rules + candidates
        if not spans:
            return doc
        text = doc.text  # once: each sentence's text is sliced from it (``Span.text`` rebuilds it token by token)
        probabilities = self.model.probabilities([_mention(span, text) for span in spans])
        labels = self.model.labels
        kept: list[Span] = []
        for row, span in enumerate(spans):
            best = int(np.argmax(probabilities[row]))
            label, p = labels[best], float(probabilities[row, best])
            type_id = self._decide(span, label, p, is_rule=row < len(rules))
            if type_id is None:
                continue
            new = span if type_id == span.label_ else Span(doc, span.start, span.end, label=type_id)
            model_class = self.class_of.get(type_id)
            new._.type_probability = float(probabilities[row, labels.index(model_class)]) if model_class in labels else None
            kept.append(new)
        doc.spans[TRIGGER_KEY] = _one_per_type(kept)
        return doc

    def _decide(self, span: Span, label: str, p: float, *, is_rule: bool) -> str | None:
        """The span's type id given the model's best class and its probability; None drops the span."""
        if label == RIOT and self.mode == "both" and not any(t.lower_ in RIOT_SIGNS for t in span.sent):
            # "demonstrators protested in Merida and Mexico City against it": a riot the sentence shows no
            # violence of is the model's guess; the rule's own type stands, and no riot is proposed.
            return span.label_ if is_rule else None
        if not is_rule:
            return self._fine_type(span, label) if label != NONE and p >= (0.0 if self.mode == "model" else self.add_at) else None
        rule_class = self.class_of.get(span.label_)
        if self.mode == "model":
            return None if label == NONE else (span.label_ if rule_class == label else self._fine_type(span, label))
        if span.label_ in self.rule_types or label == rule_class or _assailant_phrase(span) or (
                span.label_ == "arms_shipment" and after_a_delivery_noun(span)):
            return span.label_
        if label == NONE:
            # A violent rule that matched a phrase ("fatally shot", "launched a surprise offensive") says more
            # than one word does: the model drops it only when surer. (Phrases of travel, "trip to", do not.)
            phrase = len(span) > 1 and span.label_ in self.violent
            return None if p >= (self.phrase_drop_at if phrase else self.drop_at) else span.label_
        return self._fine_type(span, label) if p >= self.retype_at else span.label_

    def _fine_type(self, span: Span, model_class: str) -> str:
        """The taxonomy type of ``model_class`` whose cue words lie near ``span``."""
        doc = span.doc
        near = {t.lower_ for t in doc[max(span.sent.start, span.start - CUE_REACH): min(span.sent.end, span.end + CUE_REACH)]}
        for type_id, cues in self.types_of.get(model_class, []):
            if not cues or near & cues:
                return type_id
        return model_class

    def _candidates(self, doc: Doc, rules: list[Span]) -> Iterable[Span]:
        """One-token spans on the model's candidate lemmas, away from every rule match."""
        assert self.model is not None
        words = self.model.candidates
        taken = {i for span in rules for i in range(span.start, span.end)}
        if NOT_A_TRIGGER_KEY in doc.spans:
            taken.update(i for span in doc.spans[NOT_A_TRIGGER_KEY] for i in range(span.start, span.end))
        strings = doc.vocab.strings
        # Read as arrays: a Token is made only for the few words that are candidates.
        for i, (alpha, lemma, lower) in enumerate(doc.to_array([IS_ALPHA, LEMMA, LOWER]).tolist()):
            if (alpha and i not in taken and strings[lemma].lower() in words
                    and strings[lower] not in THING_WORDS):
                token = doc[i]
                if token.text[:1].isupper() and not token.is_sent_start and not in_title_case(token.sent):
                    continue  # a capital inside running text names something: "the Board of Control", "Peace Corps"
                span = Span(doc, token.i, token.i + 1, label="candidate")
                if not inside_a_name(span):
                    yield span


# A rule phrase that names an assailant's weapon and the harm done ("a knife-wielding man wounded", "armed with a
# machete injured") is an attack whatever else its sentence tells ("... before police took him into custody").
ASSAILANT_WORDS = frozenset({"wielding", "armed"})
HARM_DONE = frozenset({"wounded", "stabbed", "killed", "injured", "attacked", "slashed", "hacked", "shot", "wounding",
                       "stabbing", "killing", "injuring", "attacking"})


def _assailant_phrase(span: Span) -> bool:
    words = {t.lower_ for t in span}
    return bool(words & ASSAILANT_WORDS) and bool(words & HARM_DONE)


def _mention(span: Span, text: str) -> tuple[str, int, int]:
    """The span's sentence (sliced from the doc's ``text``) and the span's offsets in it: what the model reads."""
    sentence = span.sent
    start = sentence.start_char
    return text[start:sentence.end_char], span.start_char - start, span.end_char - start


def _one_per_type(spans: list[Span]) -> list[Span]:
    """One span per type where re-typed spans of one type overlap, in document order."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not any(k.label_ == span.label_ and k.start < span.end and span.start < k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.label_))


DEFAULT_CONFIG = {"mode": "both", "drop_at": 0.7, "retype_at": 0.5, "add_at": 0.7, "rule_types": ["interception"],
                  "phrase_drop_at": 0.8}


@Language.factory("geomap_event_typer", default_config=DEFAULT_CONFIG)
def make_event_typer(nlp: Language, name: str, mode: Mode, drop_at: float, retype_at: float, add_at: float,
                     rule_types: list[str], phrase_drop_at: float) -> EventTyper:
    return EventTyper(nlp, name, mode, drop_at, retype_at, add_at, rule_types, phrase_drop_at)
