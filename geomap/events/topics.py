"""What a protest was against, or what talks were about: a topic, which the sentence does not report as a
happening of its own ("protested in Berlin against the bombing of Yugoslavia" is a protest in Berlin, not a
bombing there), and whose places are not where the protest or the talks were held."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from geomap.events.conflict_words import DISCUSSING_VERBS
from geomap.events.dates import MONTHS, WEEKDAYS
from geomap.nlp.words import BE_FORMS
from geomap.records import Toponym

# A clause's own verb, not a topic: "activists who had protested against Mr. X were killed".
OWN_VERB_WORDS = BE_FORMS | {"be", "have", "has", "had"}


# "protested against the NATO air raids on Yugoslavia", "rallied over the arrest of X": what a protest is
# against is its topic, which the sentence does not report as a happening of its own.
PROTEST_TYPES = frozenset({"protest", "riot"})
# ... and what sanctions are "over" or "for" is their reason: "froze the assets of six officials over the supply of
# drones to Russia", "blacklisted five officers over the mass detention of protesters".
TOPIC_TAKERS = PROTEST_TYPES | {"sanctions"}
TOPIC_OPENERS = frozenset({"against", "over", "denouncing", "condemning", "for"})
TOPIC_REACH = 5  # words from "against" to the trigger ("against NATO's air attack", "against a possible attack")
TOPIC_BREAKS = frozenset({",", ";", ":", "while", "when", "as", "after", "before", "but", "and", "since"})
# A protest's participle takes what it opposes as its object: "crowds protesting a land lease deal smashed windows".
OPPOSING_VERBS = frozenset({"protesting", "denouncing", "decrying", "opposing", "condemning"})
# Sanctions given with the accusation they answer: "blacklisted seven officials, accusing them of jailing critics".
REASON_OPENERS = frozenset({"accusing", "citing"})


def protest_topics(doc: Doc, triggers: list[Span]) -> set[int]:
    """The indices of the triggers that are only what a protest of their sentence was against (or what
    sanctions were imposed over): a protest, riot or sanctions trigger comes first, then in its clause
    "against"/"over"/"for" and, within a few words, the trigger
    ("thousands protested in Berlin against the bombing of Yugoslavia"). An event coder records the protest
    there, not a bombing; the bombing's own reports say where and when it happened."""
    topics: set[int] = set()
    protests = [t for t in triggers if t.label_ in PROTEST_TYPES]
    takers = [t for t in triggers if t.label_ in TOPIC_TAKERS]
    for index, trigger in enumerate(triggers):
        if _in_protest(doc, trigger) and any(p.end <= trigger.start for p in protests):
            topics.add(index)  # "stormed the embassy and set it on fire in protest over ...": the riot's purpose
            continue
        if trigger[0].lower_ in OWN_VERB_WORDS:
            continue  # "activists who had protested against Mr. X were killed": the clause's own verb
        for taker in takers:
            if taker.end > trigger.start or trigger.label_ == taker.label_ or (
                    taker.label_ in PROTEST_TYPES and trigger.label_ in PROTEST_TYPES):
                continue  # a protest is no protest's topic, nor sanctions sanctions' (a protest may be sanctions')
            between = [t.lower_ for t in doc[taker.end : trigger.start]]
            opener = max((k for k, word in enumerate(between) if word in TOPIC_OPENERS), default=None)
            if opener is None and taker.label_ in PROTEST_TYPES and taker[-1].lower_ in OPPOSING_VERBS:
                opener = -1  # the protest verb's own object
            if (opener is not None and len(between) - opener <= TOPIC_REACH
                    and not TOPIC_BREAKS & set(between)) or (taker.label_ in PROTEST_TYPES and _demanded(between)) or (
                    taker.label_ == "sanctions" and _accused(between)):
                topics.add(index)
                break
    return topics


# "blocked the road in Bamako, demanding new elections and the release of detainees": what a protest demands, in a
# list that "and" may join, is its topic too.
DEMAND_WORDS = frozenset({"demanding", "demand", "demands", "calling", "urging", "seeking"})
DEMAND_REACH = 8  # words from "demanding" to the trigger


def _demanded(between: list[str]) -> bool:
    """The words from a protest to a trigger hold a demand word, with no clause break before it (but the comma
    right before it) and none but "and" after it."""
    demand = max((k for k, word in enumerate(between) if word in DEMAND_WORDS), default=None)
    return (demand is not None and len(between) - demand <= DEMAND_REACH
            and not TOPIC_BREAKS & set(between[: max(0, demand - 1)])
            and not (TOPIC_BREAKS - {"and"}) & set(between[demand:]))


def _accused(between: list[str]) -> bool:
    """The words from sanctions to a trigger end in the accusation the sanctions answer, with no clause break in it."""
    reason = max((k for k, word in enumerate(between) if word in REASON_OPENERS), default=None)
    return reason is not None and len(between) - reason <= TOPIC_REACH and not TOPIC_BREAKS & set(between[reason:])


def _in_protest(doc: Doc, trigger: Span) -> bool:
    """"in protest" or "as a protest": why a crowd did what the sentence has already told, not a second protest."""
    if trigger.label_ != "protest" or trigger.text.lower() != "protest" or trigger.start < 2:
        return False
    return doc[trigger.start - 1].lower_ == "in" or [t.lower_ for t in doc[trigger.start - 2 : trigger.start]] == [
        "as", "a"]


TOPIC_CLOSERS = frozenset({"at", "in", "on", "outside", "near", "inside", "across", "through"})


def _topic_closed(words: Span) -> bool:
    """A name, then a preposition of place: the topic's own place was named, and a new phrase of place began."""
    named = False
    for token in words:
        if token.text[:1].isupper() and token.is_alpha:
            named = True
        elif named and token.lower_ in TOPIC_CLOSERS:
            return True
    return False


# What a protest's topic names after its opener: "against the war in Iraq", "over the bombing of Serbia".
TOPIC_NOUNS = frozenset({"war", "wars", "occupation", "invasion", "presence", "involvement", "intervention",
                         "bombing", "bombings", "bombardment", "strikes", "airstrikes", "attacks", "offensive",
                         "deployment", "sanctions", "blockade", "embargo", "crackdown", "killing", "killings",
                         "treatment", "persecution", "policy", "policies", "raids", "massacre", "siege",
                         "annexation", "genocide", "conflict", "conflicts", "escalation", "violence", "atrocities",
                         "abuses", "crimes", "repression", "role", "support"})
TOPIC_PLACE_REACH = 8  # words from the opener to the place ("against a possible US-led war on Iraq")


def topic_places(doc: Doc, trigger: Span, places: list[Toponym], triggers: Sequence[Span] = ()) -> list[Toponym]:
    """A protest's places less those named only in what it was against: "protested in Berlin against the war
    in Iraq" is a protest in Berlin, "protested against a possible war on Iraq at a park in Tokyo" one in Tokyo.
    A place counts as the topic's when an opener ("against", "over", ...) follows the trigger and a word of
    what is opposed (a war, an occupation, sanctions, or one of the sentence's ``triggers``: "against the
    detention of X") stands between the opener and the place, in one clause; "protested against the
    government in Berlin" keeps Berlin. Talks, meetings and statements lose the places of what they were
    about (:func:`_talked_about`)."""
    if trigger.label_ in TALK_TYPES and places:
        return [p for p in places if not _talked_about(doc, trigger, p)]
    if trigger.label_ not in TOPIC_TAKERS or not places:
        return places  # (what sanctions are "over" is their reason: "froze the assets of X over atrocities in Darfur")
    kept = []
    for toponym in places:
        span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
        if span is None or span.start < trigger.end:
            kept.append(toponym)
            continue
        words = [t.lower_ for t in doc[trigger.end : span.start]]
        opener = max((k for k, word in enumerate(words) if word in TOPIC_OPENERS), default=None)
        topic = words[opener + 1 :] if opener is not None else []
        opposed = opener is not None and (TOPIC_NOUNS & set(topic) or any(
            trigger.end + opener < other.start < span.start for other in triggers))
        if opposed and _topic_closed(doc[trigger.end + opener + 1 : span.start]):
            opposed = False  # "against the war in Yemen at a square in Madrid": the topic ended at Yemen
        if not opposed or len(topic) > TOPIC_PLACE_REACH or TOPIC_BREAKS & set(topic):
            kept.append(toponym)
    return kept


# Talks and meetings "on", "about" or "over" a subject, or held to discuss one: a place named in the subject is
# the subject's ("talks on a maritime ceasefire in the Black Sea" were held in Istanbul, not at sea).
TALK_TYPES = frozenset({"talks", "meeting", "phone_call", "press_conference", "statement"})
TALK_OPENERS = frozenset({"on", "about", "over", "regarding", "concerning"})
# "met in Oslo to discuss the war in Sudan": what a meeting is held to discuss is its subject when that is a state
# of affairs in a place; "met to discuss the prisoner exchange in Istanbul" may have met there.
DISCUSS_OPENERS = DISCUSSING_VERBS | {"review", "reviewed", "reviewing"}
SITUATION_NOUNS = TOPIC_NOUNS | {"crisis", "crises", "situation", "fighting", "unrest", "tensions", "security",
                                 "insurgency", "famine", "emergency"}
TALK_TOPIC_REACH = 8  # words from the opener to the place ("on a maritime ceasefire in the Black Sea")
# What "on" opens when it is no subject: a time ("on Monday", "on 12 March") or a setting ("on the sidelines of").
NOT_SUBJECTS = frozenset({"sidelines", "margins", "margin", "eve", "occasion", "day", "night", "morning", "evening",
                          "afternoon", "weekend", "board", "phone", "telephone", "video", "line", "behalf", "way",
                          "trip", "tour", "visit", *MONTHS, *WEEKDAYS})
ARTICLES = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})


def _talked_about(doc: Doc, trigger: Span, toponym: Toponym) -> bool:
    """Whether the place comes after the trigger inside what it is about: "talks on X in <place>", "a meeting
    about the war in <place>"; not "talks on Monday in <place>", "on the sidelines of the summit in <place>",
    a place after the subject's own place ("talks on a truce in Sudan in Jeddah": Jeddah), nor one after a
    clause break."""
    span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
    if span is None or span.start < trigger.end:
        return False
    between = doc[trigger.end : span.start]
    if len(between) > TALK_TOPIC_REACH + 1 or any(t.lower_ in TOPIC_BREAKS for t in between):
        return False
    for k, token in enumerate(between):
        if token.lower_ in DISCUSS_OPENERS and k + 1 < len(between):
            return bool(SITUATION_NOUNS & {t.lower_ for t in between[k + 1 :]}) and not _topic_closed(between[k + 1 :])
        if token.lower_ in TALK_OPENERS:
            subject = [t for t in between[k + 1 :] if t.lower_ not in ARTICLES]
            if not subject and token.lower_ != "on":
                return True  # "talks in Bridgetown over the Essequibo dispute": the place opens the subject
            if not subject or subject[0].like_num or subject[0].lower_ in NOT_SUBJECTS:
                continue  # a time or a setting ("on Monday"); a subject may still follow ("to discuss the war in X")
            return not _topic_closed(between[k + 1 :])
    return False
