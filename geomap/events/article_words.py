"""What a whole article names, read once an article: the story a sentence's words are read in.

A word's sense can hang on the story around it ("violated the agreement" is a ceasefire violation in a story
about a truce, not in one about a tax deal), so these checks look at every token of the article once and keep
the answer in ``doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from geomap.events.conflict_words import ARMS_WORDS, TRUCE_WORDS, WAR_WORDS


def _article_names(doc: Doc, key: str, words: frozenset[str]) -> bool:
    """Whether the article names any of ``words`` anywhere, read once an article and kept under ``key``."""
    if key not in doc.user_data:
        doc.user_data[key] = any(t.lower_ in words for t in doc)
    return doc.user_data[key]


def names_a_truce(doc: Doc) -> bool:
    """Whether the article names a truce anywhere: "violated the agreement" is a ceasefire violation in a
    story about a truce, not in one about a tax deal."""
    return _article_names(doc, "geomap_names_a_truce", TRUCE_WORDS)


def names_war(doc: Doc) -> bool:
    """Whether the article names armed force or harm anywhere beside drones themselves: drones launched in a
    war story are a strike ("launched 112 drones overnight"), in a sea search they search."""
    return _article_names(doc, "geomap_names_war", WAR_WORDS)


def names_arms(doc: Doc) -> bool:
    """Whether the article names weapons anywhere: a cargo ship's journey is an arms shipment in a story about
    missile propellant, not in one about a city's air-freight hopes."""
    return _article_names(doc, "geomap_names_arms", ARMS_WORDS)
