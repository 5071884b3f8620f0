"""Deaths a sentence tells as part of another of its events, not as an attack of their own: the dead of a
riot ("killed in ethnic riots") and the toll of the violence the sentence has just named ("a car bomb in the
market killed nine", "shelled the town, killing three")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from geomap.events.conflict_words import KILLING_LEMMAS
from geomap.events.taxonomy import load_taxonomy

# The words of a deaths trigger ("were killed"), and the words that join deaths to the riot they happened in.
HARM_TRIGGER_WORDS = frozenset({"killed", "died", "dead", "wounded", "injured", "hurt", "murdered", "slain"})
DURING_WORDS = frozenset({"in", "during", "amid"})
DURING_REACH = 3  # words from "in" to the riot ("killed in ethnic riots", "died during the street riots")


def deaths_of_a_riot(doc: Doc, trigger: Span, later: Sequence[Span]) -> bool:
    """"28 people have been killed in ethnic riots": the deaths are the riot's (its event carries the
    numbers), not an attack of their own. Violent causes need no such rule: frames join them."""
    if trigger.label_ != "attack" or trigger[-1].lower_ not in HARM_TRIGGER_WORDS:
        return False
    after = trigger.end
    if after >= trigger.sent.end or doc[after].lower_ not in DURING_WORDS:
        return False
    return any(other.label_ == "riot" and after < other.start <= after + DURING_REACH for other in later)


# Words that open another clause between a violent subject and the killing that follows it.
CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "--", "—", "(", "and", "but", "while", "when", "after", "before", "as",
                           "who", "which", "that", "since", "because", "said", "says"})


RESULT_JOINS = frozenset({",", "and"})  # what joins violence to the killing that is its result
SENTENCE_PARTS = frozenset({";", ":"})  # what parts a sentence into statements of their own


def toll_of_its_subject(doc: Doc, trigger: Span, earlier: Sequence[Span]) -> bool:
    """"Two days of attacks in X killed 23 people", "a car bomb in the market killed nine", "shelled the town,
    killing three civilians": the killing is what the violence the sentence has just named did, in its clause
    or joined to it; that violence is the event and the sentence's numbers go with it. A killing told in a
    clause of its own is one ("shelled the town while gunmen killed five villagers")."""
    if trigger.label_ != "attack" or trigger[0].lemma_.lower() not in KILLING_LEMMAS:
        return False
    joined = trigger.start  # "shelled the town, killing three", "attacked a bus and killed seven": its result
    while joined > 0 and doc[joined - 1].lower_ in RESULT_JOINS:
        joined -= 1
    # ", killing three": a participle with no subject of its own is the result of the sentence's violence,
    # whatever clauses lie between ("exploded as a convoy passed near Boni, killing three soldiers").
    breaks = SENTENCE_PARTS if trigger[0].lower_ == "killing" and doc[trigger.start - 1].text == "," else CLAUSE_BREAKS
    violent = load_taxonomy().is_violent
    return any(violent(other.label_) and other.end <= joined
               and not any(t.lower_ in breaks for t in doc[other.end : joined]) for other in earlier)


# A riot and a military air crash are not political violence in the taxonomy's sense, but the dead told after them
# are their toll ("Demonstrators hurled rocks at police in Nairobi. At least two people were killed."; "A trainer
# jet crashed near Malang. Both pilots were killed.").
TOLL_TAKING_TYPES = frozenset({"riot", "aircraft_crash"})


def takes_a_toll(type_id: str) -> bool:
    """Whether the dead told after an event of this type are its toll (``tolls.fold_tolls``, and after a semicolon
    below): violence, a riot or a crash."""
    return load_taxonomy().is_violent(type_id) or type_id in TOLL_TAKING_TYPES


def toll_after_a_semicolon(doc: Doc, trigger: Span, earlier: Sequence[Span]) -> bool:
    """"a mob attacked and set fire to the police station; 13 police officers killed.": deaths with nothing after
    them, told after a semicolon that follows violence or a riot in the sentence, are that event's toll."""
    if trigger.label_ != "attack" or trigger[-1].lower_ not in HARM_TRIGGER_WORDS:
        return False
    if trigger.end < trigger.sent.end and not doc[trigger.end].is_punct:
        return False  # "...; gunmen killed five villagers in Gao": a deed of its own
    part = next((t.i for t in reversed(doc[trigger.sent.start : trigger.start]) if t.text == ";"), None)
    if part is None:
        return False
    return any(takes_a_toll(other.label_) and other.end <= part for other in earlier)
