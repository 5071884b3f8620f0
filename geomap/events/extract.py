"""Events of one article: triggers + located places + status + date + actors + numbers.

For each sentence, every trigger type found becomes one event per place it is linked to (a
place goes to the nearest trigger of the sentence), or one unlocated event when the text gives
no place. Within an article, unlocated events of the same type, date and actors are one event.
A violent event whose sentence names no weapon, followed by a sentence that names the weapon
but no place, takes the more specific type ("targeting its energy facility in the Krasnodar
region" + "three drones targeted oil transfer equipment" is a drone strike in Krasnodar).
"""

from __future__ import annotations

import bisect

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from geomap.events.actors import actor_classes_in
from geomap.events.classify import TRIGGER_KEY
from geomap.events.copies import sketch
from geomap.events.dates import EventDate, date_of
from geomap.events.link import drop_parents, is_locative
from geomap.events.taxonomy import load_taxonomy
from geomap.gazetteer.names import skeleton
from geomap.records import Article, Event, PlaceKind, Quantity, SourceRef, Toponym, Usage

CLAIM_WORDS = frozenset({"accuse", "accused", "accuses", "accusation", "accusations", "allege", "alleged", "alleges",
                         "allegedly", "claim", "claimed", "claims", "purportedly"})
DENY_WORDS = frozenset({"deny", "denied", "denies", "dismissed", "refuted"})
PLAN_WORDS = frozenset({"will", "would", "plan", "plans", "planned", "planning", "soon", "expected", "scheduled",
                        "proposed", "propose", "proposes", "upcoming", "next", "set", "intend", "intends", "to"})
HYPOTHETICAL_WORDS = frozenset({"if", "unless", "could", "might", "may"})
# A trigger governed by one of these is proposed, offered, demanded, threatened or turned down: it
# has not happened (issue status "planned/proposed"). "threatened to shell", "refused to meet".
PROPOSAL_WORDS = frozenset({"threaten", "threatened", "threatens", "threat", "offer", "offered", "offers", "willing",
                            "ready", "prepared", "demand", "demanded", "demands", "urge", "urged", "urges", "refuse",
                            "refused", "refuses", "reject", "rejected", "rejects", "decline", "declined", "cancel",
                            "cancelled", "canceled", "postpone", "postponed", "invitation", "invite", "invited",
                            "proposal", "ultimatum", "halt", "prevent", "prevented", "avert"})
CLAUSE_BREAKS = frozenset({",", ";", "after", "before", "while", "when", "but", "and", "as", "since", "."})
GENERIC_VIOLENCE = frozenset({"attack", "explosion"})
SPECIFIC_VIOLENCE = frozenset({"drone_strike", "missile_strike", "air_strike", "shelling"})
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozens": 24, "hundreds": 200, "a dozen": 12}
_QUANTITY = re.compile(
    r"\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds)\s+"
    r"(?:(?:more|other|of|Ukrainian|Russian|attack|combat|enemy|kamikaze|ballistic|cruise|guided)\s+){0,2}"
    r"(drones?|missiles?|rockets?|shells?|people|civilians?|soldiers?|troops|houses|homes|hospitals|prisoners|bodies)\b",
    re.IGNORECASE,
)
_FATALITIES = re.compile(
    r"\b(?:killing|killed|kills|left)\s+(?:at least\s+)?(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:people|civilians|persons|soldiers)?\s*(?:were\s+)?(?:killed|dead|died)\b",
    re.IGNORECASE,
)
# A photo caption: ends with a credit in parentheses ("(Ukrainian Emergency Service/AP)").
_CAPTION = re.compile(r"\((?:[^()]*/)?(?:AP|AFP|Reuters|Getty[^()]*|EPA|Photo[^()]*|[^()]*Press Service[^()]*)\)\s*$")


def _number(text: str) -> int:
    text = text.lower().replace(",", "")
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text, 0)


def quantities_in(sentence: str) -> tuple[Quantity, ...]:
    found = [Quantity(_number(m[1]), m[2].lower(), m[0]) for m in _QUANTITY.finditer(sentence)]
    for match in _FATALITIES.finditer(sentence):
        value = match[1] or match[2]
        found.append(Quantity(_number(value), "fatalities", match[0]))
    return tuple(q for q in found if q.value > 0)


def is_caption(sentence: str) -> bool:
    return bool(_CAPTION.search(sentence.strip()))


def status_of(doc: Doc, trigger: Span) -> str:
    """happened / planned / claimed / denied / hypothetical, from the words governing the trigger."""
    sentence = trigger.sent
    before = [t.lower_ for t in doc[max(sentence.start, trigger.start - 12) : trigger.start]]
    clause: list[str] = []
    for word in reversed(before):
        if word in CLAUSE_BREAKS and clause:
            break
        clause.append(word)
    words = set(clause)
    sentence_words = {t.lower_ for t in sentence}
    if words & DENY_WORDS:
        return "denied"
    if words & CLAIM_WORDS or (sentence_words & {"accusations", "accusation"} and trigger.start - sentence.start > 3):
        return "claimed"
    if (sentence.start < trigger.start and doc[sentence.start].lower_ in {"if", "unless"}) or words & {"if", "unless"}:
        return "hypothetical"
    if words & PROPOSAL_WORDS:
        return "planned"
    near = [t.lower_ for t in doc[max(sentence.start, trigger.start - 4) : trigger.start]]
    if set(near) & {"will", "would", "soon", "plan", "plans", "planned", "expected", "scheduled", "upcoming", "proposed"}:
        return "planned"
    after = [t.lower_ for t in doc[trigger.end : min(sentence.end, trigger.end + 2)]]
    if "soon" in after:
        return "planned"
    return "happened"


def actors_in(doc: Doc, sentence: Span, toponyms: Sequence[Toponym]) -> tuple[str, ...]:
    """Who acted, as named: people after titles and the countries behind demonyms/metonyms."""
    actors: list[str] = []
    place_tokens: set[int] = set()
    for toponym in toponyms:
        span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
        if span is None:
            continue
        place_tokens.update(range(span.start, span.end))
        if toponym.mention.usage in (Usage.DEMONYM, Usage.METONYMIC) and toponym.place is not None:
            if toponym.place.kind == PlaceKind.COUNTRY and toponym.place.name not in actors:
                actors.append(toponym.place.name)
    for token in sentence:
        if token.i in place_tokens or token.is_sent_start or not token.text[:1].isupper() or not token.is_alpha:
            continue
        previous = doc[token.i - 1] if token.i > 0 else None
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        is_surname = previous is not None and (previous.lower_.rstrip(".") in {"mr", "mrs", "ms", "president", "minister", "chancellor"} or (
            previous.text[:1].isupper() and previous.is_alpha and previous.i not in place_tokens and not previous.is_sent_start))
        ends_name = following is None or not (following.text[:1].isupper() and following.is_alpha)
        if is_surname and ends_name and token.lower_ not in {"house", "ministry", "forum", "sea", "kremlin", "president"}:
            if token.text not in actors:
                actors.append(token.text)
    return tuple(actors)


def _event_id(article_id: str, event_type: str, place_id: str, start: int) -> str:
    digest = hashlib.sha1(f"{article_id}|{event_type}|{place_id}|{start}".encode()).hexdigest()
    return digest[:16]


def _triggers_by_sentence(doc: Doc, sentence_starts: list[int]) -> dict[int, list]:
    """Each sentence's triggers (by its first token), in span order, found in one pass.

    Filtering all triggers for every sentence cost sentences x triggers: quadratic in a long article.
    """
    grouped: dict[int, list] = {}
    for trigger in doc.spans[TRIGGER_KEY]:
        index = bisect.bisect_right(sentence_starts, trigger.start) - 1
        if index >= 0:
            grouped.setdefault(sentence_starts[index], []).append(trigger)
    return grouped


def extract_events(article: Article, doc: Doc, toponyms: Sequence[Toponym]) -> list[Event]:
    """All events of one article, before cross-article merging."""
    taxonomy = load_taxonomy()
    published = article.published.date() if article.published else None
    body_sketch, body_shingles = sketch(article.text[article.body_start :])
    source = SourceRef(article.id, article.title, article.published.isoformat() if article.published else None,
                       article.url, article.content_hash, body_sketch=body_sketch, body_shingles=body_shingles)
    by_sentence: dict[int, list[Toponym]] = {}
    for toponym in toponyms:
        by_sentence.setdefault(toponym.mention.sentence_start, []).append(toponym)
    events: list[Event] = []
    previous_located: list[Event] = []
    sentences = list(doc.sents)
    triggers_of = _triggers_by_sentence(doc, [s.start for s in sentences])
    for sentence in sentences:
        if sentence.start_char < article.body_start or not sentence.text.strip():
            continue  # the title and date lines, blank lines between paragraphs
        triggers = triggers_of.get(sentence.start, [])
        if not triggers:
            previous_located = []
            continue
        sentence_toponyms = by_sentence.get(sentence.start_char, [])
        located = drop_parents([t for t in sentence_toponyms if is_locative(doc, t)])
        caption = is_caption(sentence.text)
        when = EventDate(None, None) if caption else date_of(sentence.text, published)
        actors = actors_in(doc, sentence, sentence_toponyms)
        actor_classes = actor_classes_in(sentence.text)
        quantities = quantities_in(sentence.text)
        assignment: dict[int, list[Toponym]] = {i: [] for i in range(len(triggers))}
        for toponym in located:
            reachable = [i for i in range(len(triggers)) if not _barrier_between(doc, triggers[i], toponym)]
            if reachable:
                nearest = min(reachable, key=lambda i: _distance(triggers[i], toponym))
                assignment[nearest].append(toponym)
        sentence_events: list[Event] = []
        for index, trigger in enumerate(triggers):
            event_type = trigger.label_ if trigger.label_ in taxonomy.ids else "other"
            places: list[Toponym | None] = list(assignment[index]) or [None]
            status = status_of(doc, trigger)
            for toponym in places:
                place_id = toponym.place.id if toponym and toponym.place else "none"
                confidence = 0.6 * (toponym.confidence if toponym else 1.0) + 0.4 * (0.9 if len(trigger) > 1 else 0.7)
                sentence_events.append(
                    Event(
                        id=_event_id(article.id, event_type, place_id, trigger.start_char),
                        event_type=event_type,
                        status=status,
                        toponym=toponym,
                        date=when.value,
                        date_precision=when.precision,
                        evidence=sentence.text.strip(),
                        trigger=trigger.text,
                        confidence=round(confidence, 3),
                        sources=(source,),
                        actors=actors,
                        claimant=actors[0] if status == "claimed" and actors else None,
                        quantities=quantities,
                        is_caption=caption,
                        evidence_span=(sentence.start_char, sentence.end_char),
                        details=(("date_from", "publication" if when.from_publication else ("caption" if caption else "text")),),
                        actor_classes=actor_classes,
                    )
                )
        sentence_events = _refine_previous(previous_located, sentence_events, events)
        events.extend(sentence_events)
        previous_located = [e for e in sentence_events if e.toponym is not None]
    return _dedupe_unlocated(events)


def _distance(trigger: Span, toponym: Toponym) -> int:
    if toponym.mention.start >= trigger.end_char:
        return toponym.mention.start - trigger.end_char
    return (trigger.start_char - toponym.mention.end) + 5  # a place after its trigger is the usual order


# Words that open another clause: a place beyond one belongs to that clause's event, if any.
BARRIER_WORDS = frozenset({"that", "which", "who", "whom", "whose", "as", "but", ";", "while", "whereas",
                           "although", "though", "because"})


def _barrier_between(doc: Doc, trigger: Span, toponym: Toponym) -> bool:
    span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
    if span is None:
        return True
    low, high = (trigger.end, span.start) if span.start >= trigger.end else (span.end, trigger.start)
    return any(doc[i].lower_ in BARRIER_WORDS for i in range(low, high))


def _refine_previous(previous: list[Event], current: list[Event], events: list[Event]) -> list[Event]:
    """A weapon named in the next sentence without a place sharpens the previous generic event."""
    specific = [e for e in current if e.toponym is None and e.event_type in SPECIFIC_VIOLENCE]
    generic = [e for e in previous if e.event_type in GENERIC_VIOLENCE]
    if not specific or not generic:
        return current
    sharper = specific[0]
    for event in generic:
        index = events.index(event)
        events[index] = replace(
            event,
            event_type=sharper.event_type,
            trigger=f"{event.trigger} … {sharper.trigger}",
            quantities=event.quantities + sharper.quantities,
            evidence=f"{event.evidence} {sharper.evidence}",
        )
    return [e for e in current if e is not sharper]


def _dedupe_unlocated(events: list[Event]) -> list[Event]:
    """One unlocated event per (type, date, actors) within an article: repeated mentions of one call."""
    seen: dict[tuple, Event] = {}
    kept: list[Event] = []
    for event in events:
        if event.toponym is not None:
            kept.append(event)
            continue
        key = (event.event_type, event.date, frozenset(skeleton(a) for a in event.actors))
        if key in seen:
            continue
        seen[key] = event
        kept.append(event)
    return kept

