"""A casualty sentence after a violent event is that event's toll, not another attack.

Event-data notes and wire stories give an event, then its dead in a sentence of their own: "On 12 March, an
IED detonated as a convoy passed near Boni. 3 soldiers were killed." The killing word alone would make the
second sentence an attack (the type a bare killing gets); ACLED codes the deaths as the first event's
fatalities. So a sentence whose only events are deaths with no agent ("were killed", "reported killed", "3
soldiers killed.") folds into the violent event of the sentence just before, when it names no other place and
does not say it is another happening ("Elsewhere, two people were killed").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span

from geomap.events.deaths import HARM_TRIGGER_WORDS, takes_a_toll
from geomap.events.denials import disputed
from geomap.nlp.words import BE_FORMS
from geomap.records import Event

# The harm words a deaths trigger ends on, but a murder, which names a deed and its doer, not a toll alone.
DEATH_WORDS = HARM_TRIGGER_WORDS - {"murdered"}
# What may stand right before deaths with no agent: "were killed", "were reportedly killed", "reported killed".
UNAGENTED_BEFORE = BE_FORMS | frozenset({"reportedly", "reported", "allegedly", "also", "later", "confirmed"})
# What may follow them: the end of the clause, or more of the toll ("were killed and 11 injured").
UNAGENTED_AFTER = frozenset({".", ",", ";", "and", "in", "on", "at", "during", "while", "including", "with"})
# Events whose toll a next sentence may give: not one planned, denied or supposed.
TOLL_OF_STATUS = frozenset({"happened", "claimed", "background"})
# Words that make the sentence another happening.
ANOTHER_WORDS = frozenset({"elsewhere", "separately", "separate", "another", "earlier", "later", "meanwhile", "by"})


def is_bare_toll(doc: Doc, trigger: Span) -> bool:
    """Whether the trigger is deaths or injuries with no agent: "were reportedly killed", "3 soldiers killed."
    (not "gunmen killed two farmers", nor "were killed by a drone")."""
    deaths = [t for t in trigger if t.lower_ in DEATH_WORDS]
    if not deaths:
        return False
    word = deaths[-1]
    before = doc[word.i - 1].lower_ if word.i > trigger.sent.start else ""
    after = doc[word.i + 1].lower_ if word.i + 1 < trigger.sent.end else "."
    return after in UNAGENTED_AFTER and (before in UNAGENTED_BEFORE or after == ".")


def fold_tolls(previous: Sequence[Event], current: list[Event], events: list[Event], tolls: set[str],
               sentence: Span) -> list[Event]:
    """``current`` (one sentence's events) without the deaths that are the toll of a violent event of the
    sentence before (``previous``); their numbers join that event's quantities in ``events``."""
    # (a denied happening that someone disputes has its dead too: "rejected reports that its drones had bombed a
    # truck ... Kurdish-led authorities said three labourers were killed")
    violent = [e for e in previous if takes_a_toll(e.event_type) and (e.status in TOLL_OF_STATUS or disputed(e))]
    if not violent or not current or any(e.id not in tolls for e in current):
        return current
    if {t.lower_ for t in sentence} & ANOTHER_WORDS:
        return current
    places = {e.toponym.place.id for e in violent if e.toponym is not None and e.toponym.place is not None}
    if any(e.toponym is not None and (e.toponym.place is None or e.toponym.place.id not in places) for e in current):
        return current  # deaths at a place of their own
    first = violent[0]
    if first not in events:
        return current
    added = tuple(q for e in current for q in e.quantities if q not in first.quantities)
    if added:
        events[events.index(first)] = replace(first, quantities=first.quantities + added)
    return []
