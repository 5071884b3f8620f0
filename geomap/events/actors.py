"""ACLED actor classes for the actors a sentence names, where the words make the class clear.

ACLED sorts actors into eight classes (codebook "actor types"): State forces, Rebel groups,
Political militias, Identity militias, Rioters, Protesters, Civilians, External/Other forces.
News names most of them with a head noun and a modifier ("Russian forces", "Ukraine's army",
"ethnic militias", "protesters"), so a small table of head nouns and the modifiers that change
their class is enough; anything not in the table gets no class rather than a guess.
"""

from __future__ import annotations

import re

STATE = "State forces"
REBELS = "Rebel groups"
POLITICAL_MILITIA = "Political militias"
IDENTITY_MILITIA = "Identity militias"
RIOTERS = "Rioters"
PROTESTERS = "Protesters"
CIVILIANS = "Civilians"
EXTERNAL = "External/Other forces"

# Head nouns of armed bodies: their class depends on the modifier before them.
FORCE_NOUNS = (r"forces|troops|army|armies|military|soldiers|servicemen|police|policemen|police officers|air force|"
               r"navy|air defen[cs]es?|border guards?|national guard|marines|gendarmes|gendarmerie|security services?|"
               r"special forces|paratroopers|units")
# Nouns that carry their class whatever modifies them.
OWN_CLASS = {
    "rebels": REBELS, "rebel": REBELS, "insurgents": REBELS, "guerrillas": REBELS, "guerillas": REBELS,
    "separatists": REBELS, "militants": REBELS, "jihadists": REBELS,
    "militia": POLITICAL_MILITIA, "militias": POLITICAL_MILITIA, "militiamen": POLITICAL_MILITIA,
    "paramilitaries": POLITICAL_MILITIA,
    "rioters": RIOTERS, "looters": RIOTERS, "mob": RIOTERS, "mobs": RIOTERS,
    "protesters": PROTESTERS, "protestors": PROTESTERS, "demonstrators": PROTESTERS, "strikers": PROTESTERS,
    "civilians": CIVILIANS, "civilian": CIVILIANS, "residents": CIVILIANS, "villagers": CIVILIANS,
    "refugees": CIVILIANS, "journalists": CIVILIANS, "passers-by": CIVILIANS, "children": CIVILIANS,
    "peacekeepers": EXTERNAL,
}
# Modifiers that move a militia or a force out of the default class.
IDENTITY_MODIFIERS = frozenset({"ethnic", "tribal", "clan", "communal", "village", "self-defence", "self-defense",
                                "vigilante", "local"})
REBEL_MODIFIERS = frozenset({"rebel", "insurgent", "separatist", "guerrilla", "opposition", "militant"})
EXTERNAL_MODIFIERS = frozenset({"un", "u.n.", "nato", "peacekeeping", "foreign", "coalition", "international",
                                "multinational", "mercenary"})
# Lower-case modifiers that still name a state's forces ("government troops", "security forces").
STATE_MODIFIERS = frozenset({"government", "security", "federal", "national", "state", "riot", "border", "army",
                             "naval", "regular", "pro-government", "the"})
# A modifier: a capitalised word or name ("Russian", "Ukraine's", "Israeli") or one lower-case word.
_MODIFIER = r"(?:(?P<modifier>(?:[A-Z][\w.-]*(?:'s|’s)?\s+){1,2}|[a-z][\w.-]*\s+))?"
_HEADS = r"(?i:" + FORCE_NOUNS + "|" + "|".join(re.escape(n) for n in OWN_CLASS) + ")"
_PHRASE = re.compile(_MODIFIER + r"(?P<head>" + _HEADS + r")\b")
# The heads alone, as _PHRASE ends them: a sentence without one has no actor phrase, found with one quick
# search (the optional modifier makes _PHRASE try every word of the sentence).
_HEAD = re.compile(_HEADS + r"\b")
KNOWN_MODIFIERS = IDENTITY_MODIFIERS | REBEL_MODIFIERS | EXTERNAL_MODIFIERS | STATE_MODIFIERS


def classify_actor(modifier: str, head: str) -> str | None:
    """The ACLED class of one "modifier head" phrase, or None when the words leave it open."""
    words = modifier.lower().split()
    last = words[-1].removesuffix("'s").removesuffix("’s") if words else ""
    head = head.lower()
    if head in OWN_CLASS:
        cls = OWN_CLASS[head]
        if cls == POLITICAL_MILITIA and last in IDENTITY_MODIFIERS:
            return IDENTITY_MILITIA
        return cls
    if last in REBEL_MODIFIERS:
        return REBELS
    if last in EXTERNAL_MODIFIERS:
        return EXTERNAL
    if modifier[:1].isupper() or last in STATE_MODIFIERS or head in {"police", "policemen", "army", "military"}:
        return STATE
    return None


def actor_classes_in(sentence: str) -> tuple[tuple[str, str], ...]:
    """(actor as written, ACLED class) for every classifiable actor phrase, in text order, once each."""
    found: dict[str, str] = {}
    if not _HEAD.search(sentence):
        return ()
    for match in _PHRASE.finditer(sentence):
        modifier = match["modifier"] or ""
        if modifier[:1].islower() and modifier.split()[0] not in KNOWN_MODIFIERS:
            modifier = ""  # "at protesters", "of civilians": a function word, not part of the name
        cls = classify_actor(modifier, match["head"])
        if cls is None:
            continue
        # Sentence-initial capitals and articles are not part of the name ("The army" -> "army").
        words = modifier.split()
        while words and words[0].lower() in {"the", "a", "an", "some", "two", "three", "many", "several"}:
            words = words[1:]
        name = " ".join([*words, match["head"]])
        found.setdefault(name, cls)
    return tuple(found.items())
