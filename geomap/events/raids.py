"""Whose raid a raid is: the police's, when its sentence or the next tells of arrests and no harm.

"Raid" names an armed assault on a village and a police operation alike. A raid with police and no harm in its
sentence ("drug raids in the city, Hartford police said"), one in which arrests were made ("forces arrested 15 people
in raids across the West Bank"), or one whose arrests the next sentence tells ("The raid began at four in the
morning in Los Mina. By dawn, officers had hauled away 27 men") is an arrest, as ACLED codes it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from geomap.events.classify import TRIGGER_KEY
from geomap.events.conflict_words import ARREST_WORDS, HARM_WORDS, POLICE_WORDS

STATE_AGENTS = POLICE_WORDS | frozenset({"troops", "soldiers", "army", "military", "forces", "gendarmes", "gendarmerie",
                                         "authorities", "customs"})


def raid_of_arrests(doc: Doc, trigger: Span, sentence: Span, words: frozenset[str]) -> bool:
    """Whether the raid ``trigger`` (of a sentence with lower-cased ``words``) is law enforcement's."""
    if not any(t.lemma_.lower() == "raid" for t in trigger):
        return False
    if words & POLICE_WORDS and not words & HARM_WORDS:
        return True  # "drug raids in the city, Hartford police said"
    if words & ARREST_WORDS and not words & (HARM_WORDS - STATE_AGENTS):
        return True  # "forces arrested 15 people in raids across the West Bank": the arrests' setting
    return not words & HARM_WORDS and _arrests_told_next(doc, sentence)


def _arrests_told_next(doc: Doc, sentence: Span) -> bool:
    """The next sentence tells of arrests by the state's forces ("By dawn, officers had hauled away 27 men")."""
    if sentence.end >= len(doc):
        return False
    following = doc[sentence.end].sent
    arrests = [t for t in doc.spans.get(TRIGGER_KEY, ()) if t.label_ == "arrest" and following.start <= t.start < following.end]
    return bool(arrests) and any(t.lower_ in STATE_AGENTS for t in following)
