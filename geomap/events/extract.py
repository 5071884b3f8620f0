"""Events of one article: triggers + located places + status + date + actors + numbers.

For each sentence, every trigger type found becomes one mention per place it is linked to (a
place goes to the nearest trigger of the sentence), or one unlocated mention when the text gives
no place. The article's mentions are then grouped into frames, one event per happening (:func:`frames`).
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

from spacy.tokens import Doc, Span

from geomap.events.actors import actor_classes_in
from geomap.events.classify import TRIGGER_KEY
from geomap.events.copies import sketch
from geomap.events.dates import (EventDate, date_of, in_story_past, is_ahead, is_background,
                                 is_quotation, said_years_back, stated_past)
from geomap.events.frames import at_the_visit, background_by_latest_date, drop_broad_duplicates, frames, refine_previous
from geomap.events.link import (deportation_places, drop_parents, most_specific, named_space, one_trigger_places,
                                own_space, referenced_place)
from geomap.events.link_words import BARRIER_WORDS
from geomap.events.link_model import PairFeatures, candidates, load_link_model
from geomap.events.numbers import quantities_in
from geomap.events.deaths import HARM_TRIGGER_WORDS
from geomap.events.retype import retyped
from geomap.events.scene import framed_scene, scene_name
from geomap.events.tolls import fold_tolls, is_bare_toll
from geomap.events.status import judged_status, points_back, status_of
from geomap.events.taxonomy import load_taxonomy
from geomap.events.topics import protest_topics, topic_places
from geomap.events.verbs import carried_away_to, object_places
from geomap.nlp.cues import HOST_VERBS
from geomap.nlp.words import GROUPS_KEY, NAME_PARTICLES, ORG_TAILS, ORG_WORDS
from geomap.records import Article, Event, PlaceKind, SourceRef, Toponym, Usage


# The first sentences of a body: what they report is the story's happening, which later mentions refer to.
LEAD_SENTENCES = 2
# How many sentences after one that states a past date ("In 1938, he moved to Houston") an undated
# sentence with no word of the present still tells that past; the lead is always the news.
NARRATIVE_REACH = 3
# A photo caption: ends with a credit in parentheses ("(Ukrainian Emergency Service/AP)").
_CAPTION = re.compile(r"\((?:[^()]*/)?(?:AP|AFP|Reuters|Getty[^()]*|EPA|Photo[^()]*|[^()]*Press Service[^()]*)\)\s*$")


def is_caption(sentence: str) -> bool:
    return bool(_CAPTION.search(sentence.strip()))


# Last words of institutions' and events' names, never a person's surname: "the Justice Department",
# "the Jaffar Express", "the Supreme Court", "the Shangri-La Dialogue", "the Red Cross".
NOT_SURNAMES = ORG_WORDS | ORG_TAILS | frozenset({
    "sea", "kremlin", "president", "relations", "dialogue", "islands", "island", "endowment", "peace", "cross",
    "studies", "program", "programme", "exercise", "states", "nations", "affairs", "services", "initiative",
    "watch", "rights", "security", "defense", "defence", "guard", "assembly", "parliament", "congress", "senate",
    "cabinet", "administration", "republic", "kingdom", "emirates", "strait", "gulf", "ocean", "valley", "square",
    "street", "road", "bridge", "dam", "airbase", "base", "port", "prison", "camp", "school", "hall", "tower",
    "organization", "organisation", "facility", "enforcement", "detention", "operations", "biotech",
})


def actors_in(doc: Doc, sentence: Span, toponyms: Sequence[Toponym]) -> tuple[str, ...]:
    """Who acted, as named: listed armed groups and organisations (by their listed name), people after
    titles, and the countries behind demonyms/metonyms."""
    actors: list[str] = []
    place_tokens: set[int] = set()
    for group in doc.spans[GROUPS_KEY] if GROUPS_KEY in doc.spans else ():
        if sentence.start <= group.start < sentence.end:
            place_tokens.update(range(group.start, group.end))  # its words are no surnames
            if group.label_ not in actors:
                actors.append(group.label_)
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
        if is_surname and ends_name and token.lower_ not in NOT_SURNAMES:
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


# With the rules, the model adds a place they missed when it gives it at least this probability. Chosen
# end to end on the corpus's unchecked rows (the model's training split; the checked rows are never tuned
# on): share of events right 0.646 / 0.644 / 0.640 at 0.5 / 0.6 / 0.7 with the shipped weights.
ADD_AT = 0.5
LINKING_MODES = ("both", "rules", "model")
COURT_WEEK = 7  # days around publication in which a date in a court story is the court's


def link_places(doc: Doc, triggers: list[Span], toponyms: Sequence[Toponym], linking: str = "both") -> dict[int, list[Toponym]]:
    """Which of a sentence's places each of its triggers happened at (trigger index -> places).

    ``rules``: a place the locative rules accept goes to the nearest trigger no clause word separates
    it from. ``model``: a place goes to the trigger the trained linker (:mod:`geomap.events.link_model`)
    gives it the highest probability, when that probability reaches the model's threshold. ``both``
    (the default): the rules' places, and those the model gives at least ``ADD_AT``. Measured in
    ``bench/events.py`` (rules alone miss most places news gives in other words; the model alone,
    trained on older wire copy, misses the rules' visits, ports and "X's capital"). Either way a
    place that only contains another located place ("Riyadh, Saudi Arabia") is dropped.
    """
    taxonomy = load_taxonomy()
    best_of: dict[int, int] = {}  # candidate index -> its trigger
    pairs = PairFeatures(doc, triggers, candidates(toponyms, doc))
    model = load_link_model() if linking != "rules" else None
    for j, toponym in enumerate(pairs.toponyms):
        verdict = True if pairs.names[j] else pairs.verdicts[j]
        if verdict is False and linking == "both":
            continue  # a reference phrase ("bordering X", "based in X") is never where it happened
        if verdict is True and linking != "model":
            # Beyond a clause word the place is that clause's event's; a clause with none still tells where
            # the violence it describes was ("a gun attack that claimed the life of his driver ... in the
            # city of Lahore"). Other events' clauses ("talks, which ... the Black Sea") are left alone.
            reachable = [i for i in range(len(triggers)) if not _barrier_between(doc, triggers[i], toponym)
                         and not _another_statement_between(doc, triggers[i], toponym)]
            reachable = reachable or [i for i in range(len(triggers)) if taxonomy.is_violent(triggers[i].label_)
                                      and not _another_statement_between(doc, triggers[i], toponym)]
            if reachable:
                best = min(reachable, key=lambda i: _distance(triggers[i], toponym))
                if not (taxonomy.is_violent(triggers[best].label_) and triggers[best].end_char <= toponym.mention.start
                        and carried_away_to(doc, toponym)):
                    best_of[j] = best  # not "was shot ... and evacuated to South Africa"
        elif model is not None:
            probabilities = [model.probability(pairs.of(i, j)) for i in range(len(triggers))]
            best = max(range(len(triggers)), key=probabilities.__getitem__)
            if probabilities[best] >= (model.threshold if linking == "model" else max(model.threshold, ADD_AT)):
                best_of[j] = best
    assignment: dict[int, list[Toponym]] = {i: [] for i in range(len(triggers))}
    kept = {id(t) for t in drop_parents([pairs.toponyms[j] for j in best_of])}
    linked_ids = {id(pairs.toponyms[j]) for j in best_of}
    spans = {id(placed.toponym): placed.span for placed in pairs.places}
    for j, i in best_of.items():
        toponym = pairs.toponyms[j]
        if id(toponym) not in kept:
            continue
        inner = referenced_place(toponym, pairs.toponyms, spans, triggers)
        if inner is not None and id(inner) not in linked_ids and pairs.verdicts[pairs.toponyms.index(inner)] is not False:
            toponym = inner  # "the town of Al-Sukhanah near Palmyra": the event is at the town (not "bound for X near Y")
        assignment[i].append(toponym)
    linked = {i: one_trigger_places(doc, places, triggers) for i, places in assignment.items()}
    linked = {i: _before_the_object(doc, triggers[i], places) for i, places in linked.items()}
    if not any(linked.values()):
        return _where_clauses(doc, triggers, _deportations(doc, triggers, linked, pairs.toponyms, spans),
                              pairs.toponyms, spans)
    sentence = triggers[0].sent  # doc.text would join every token of the article, once per sentence
    # A place another trigger holds is not taken from it, unless both are violence: "a car bomb detonated
    # in Sadr City in eastern Baghdad" is one explosion, at the place written inside the other.
    violent = {i for i, trigger in enumerate(triggers) if taxonomy.is_violent(trigger.label_)}
    specific = {i: most_specific(sentence.text, sentence.start_char, places, pairs.toponyms,
                                 {id(t) for k, other in linked.items() if k != i and not {i, k} <= violent for t in other})
                for i, places in linked.items()}
    specific = _deportations(doc, triggers, specific, pairs.toponyms, spans)
    placed = _killed_when(doc, triggers, _share_violent_place(
        triggers, _targets_named(doc, triggers, specific, pairs.toponyms, spans)))
    return _held_online(doc, triggers, _hosted(triggers, _where_clauses(doc, triggers, placed, pairs.toponyms, spans)))


def _before_the_object(doc: Doc, trigger: Span, places: list[Toponym]) -> list[Toponym]:
    """A verb that takes a place as its object ("to capture the strategic city of X") happened there, not
    at the places written before it in other phrases ("building up forces in Latakia ... to capture X").
    The places after the object stay: they go on a list or say where the object lies."""
    if len(places) < 2 or not object_places(doc, trigger, places):
        return places
    return [p for p in places if p.mention.start >= trigger.end_char]


COORDINATORS = frozenset({"and", "while", "but", "whereas"})
SCENE_OPENERS = frozenset({"in", "at", "near", "outside", "on"})
WHEN_WORDS = frozenset({"when", "as", "after", "by"})  # "by": "were killed by a roadside bomb in X"
WHEN_STOPS = frozenset({";", "while", "but"})  # another clause: not the harm's cause
WHEN_REACH = 12  # words from the harm to the violence that caused it ("were killed when gunmen ... attacked")
AGENT_REACH = 4  # the violence that is the agent itself: "killed by a roadside bomb", not "by one of the clans in clashes"


def _killed_when(doc: Doc, triggers: list[Span], linked: dict[int, list[Toponym]]) -> dict[int, list[Toponym]]:
    """"98 people were killed when gunmen attacked Bama": the deaths and the attack are one happening, at the
    place of the attack, not at a place the sentence gave the deaths before ("The police in Borno State said
    ... were killed when ..."). The first violent trigger of the "when" clause gives its places, and so does
    the violence that is the deaths' agent ("In Kandahar, six were killed by a bomb in Maiwand district")."""
    taxonomy = load_taxonomy()
    out = dict(linked)
    for i, trigger in enumerate(triggers):
        if trigger[-1].lower_ not in HARM_TRIGGER_WORDS or not taxonomy.is_violent(trigger.label_):
            continue
        when = next((k for k in range(trigger.end, min(trigger.sent.end, trigger.end + WHEN_REACH))
                     if doc[k].lower_ in WHEN_WORDS), None)
        if when is None or any(doc[k].lower_ in WHEN_STOPS for k in range(trigger.end, when)):
            continue
        reach = AGENT_REACH if doc[when].lower_ == "by" else WHEN_REACH
        cause = next((j for j, other in enumerate(triggers) if other.start > when
                      and other.start - when <= reach and taxonomy.is_violent(other.label_)), None)
        if cause is not None and linked.get(cause) and not any(doc[k].lower_ in WHEN_STOPS
                                                               for k in range(when, triggers[cause].start)):
            out[i] = list(linked[cause])
    return out


def _held_online(doc: Doc, triggers: list[Span], linked: dict[int, list[Toponym]]) -> dict[int, list[Toponym]]:
    """"agreed at a virtual summit", "in an online meeting", "held video talks": held nowhere on the map."""
    for i, trigger in enumerate(triggers):
        if trigger.label_ not in MEETING_TYPES:
            continue  # "women outraged by the video marched through Cairo"
        before = {t.lower_ for t in doc[max(trigger.sent.start, trigger.start - 2) : trigger.start]}
        if before & ONLINE_WORDS or {t.lower_ for t in trigger} & ONLINE_WORDS:
            linked[i] = []
    return linked


MEETING_TYPES = frozenset({"meeting", "talks", "press_conference", "statement", "agreement"})
ONLINE_WORDS = frozenset({"virtual", "virtually", "online", "video", "videoconference", "teleconference", "zoom"})


def _where_clauses(doc: Doc, triggers: list[Span], linked: dict[int, list[Toponym]], toponyms: Sequence[Toponym],
                   spans: dict[int, Span]) -> dict[int, list[Toponym]]:
    """"Kaduna, where a number of towns saw rioting", "Lhokseumawe, a centre of the gas industry where mobs
    looted stores": a trigger in a clause opened by "where" happened at the place the clause hangs on (the
    place right before "where", or before the appositive that ends there), when it is the only place there
    ("Al Kufra, near Libya's borders with Chad and Sudan, where": which one is not said)."""
    for i, trigger in enumerate(triggers):
        if linked.get(i):
            continue
        k = trigger.start - 1
        while k > trigger.sent.start and k >= trigger.start - WHERE_REACH and doc[k].lower_ not in {"where", ";", "."}:
            k -= 1
        if doc[k].lower_ != "where" or any(doc[j].lower_ in SPEECH_WORDS for j in range(k + 1, trigger.start)):
            continue  # not "Paris, where he said the talks had failed"
        before = [t for t in toponyms if spans[id(t)].end <= k and k - spans[id(t)].end <= WHERE_ANTECEDENT_REACH
                  and spans[id(t)].start >= trigger.sent.start]
        if len(before) != 1:
            continue
        antecedent = before[0]
        if not any(doc[j].lower_ in WHERE_STOPS for j in range(spans[id(antecedent)].end, k)):
            linked[i] = [antecedent]
    return linked


WHERE_REACH = 10  # words from "where" to a trigger of its clause ("where a number of towns saw rioting")
WHERE_ANTECEDENT_REACH = 12  # words from the place to "where" ("Lhokseumawe, a center of ... industry where")


WHERE_STOPS = frozenset({"said", "says", "told", "and", "but", "after", "before", "when", "while", "because"})
SPEECH_WORDS = frozenset({"said", "says", "say", "told", "tell", "added", "announced", "claimed", "denied"})


def _hosted(triggers: list[Span], linked: dict[int, list[Toponym]]) -> dict[int, list[Toponym]]:
    """"Qatar hosted talks", "will host a summit of Arab leaders": the meeting a host verb governs (the talks,
    meeting or summit right after it) is held where the host is."""
    for i, trigger in enumerate(triggers):
        if not linked.get(i) or trigger[0].lower_ not in HOST_VERBS:
            continue
        for j, other in enumerate(triggers):
            if (j != i and not linked.get(j) and other.label_ in HOSTED_TYPES
                    and 0 <= other.start - trigger.end <= HOSTED_REACH):
                linked[j] = list(linked[i])
    return linked


HOSTED_TYPES = frozenset({"talks", "meeting", "agreement", "ceasefire", "prisoner_exchange"})
HOSTED_REACH = 4  # words from the host verb to what it hosts ("hosted a new round of talks")


def _deportations(doc: Doc, triggers: list[Span], linked: dict[int, list[Toponym]], toponyms: Sequence[Toponym],
                  spans: dict[int, Span]) -> dict[int, list[Toponym]]:
    """A deportation's places are where people were taken from (:func:`deportation_places`)."""
    return {i: deportation_places(doc, triggers[i], places, toponyms, spans) if triggers[i].label_ == "deportation"
            else places for i, places in linked.items()}


# "..., targeting the villages of A and B": what a violent event hit, named after a participle of these.
TARGETING_WORDS = frozenset({"targeting", "targetting", "targeted", "hitting", "striking", "attacking", "shelling",
                             "pounding", "bombing"})


COARSE_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION, PlaceKind.COUNTRY, PlaceKind.WATER})


def _targets_named(doc: Doc, triggers: list[Span], linked: dict[int, list[Toponym]], toponyms: Sequence[Toponym],
                   spans: dict[int, Span]) -> dict[int, list[Toponym]]:
    """A violent event placed in a province or a countryside, whose sentence goes on to name what it hit
    ("launched an offensive in the northern countryside of Latakia, targeting the villages of A and B"), is
    where it hit: the towns or sites named within a few words after the participle take the province's
    place, as an event coder records the battle at the villages, not across the province."""
    taxonomy = load_taxonomy()
    out = dict(linked)
    for i, places in linked.items():
        trigger = triggers[i]
        if not places or not taxonomy.is_violent(trigger.label_):
            continue
        if not any(_coarse(doc, p, spans[id(p)]) for p in places):
            continue
        cue = next((t for t in doc[trigger.end : trigger.sent.end] if t.lower_ in TARGETING_WORDS), None)
        if cue is None:
            continue
        named: list[Toponym] = []
        last, reach = cue.i + 1, TARGET_REACH  # the first within TARGET_REACH words, the rest a list after it
        for toponym in sorted(toponyms, key=lambda t: t.mention.start):
            span = spans[id(toponym)]
            if span.start < last:
                continue
            if span.start - last > reach or (toponym.place is not None and toponym.place.kind in COARSE_KINDS):
                break
            named.append(toponym)
            last, reach = span.end, LIST_REACH
        if named:
            kept = [p for p in places if not _coarse(doc, p, spans[id(p)]) and all(p is not n for n in named)]
            out[i] = sorted([*named, *kept], key=lambda t: t.mention.start)
    return out


def _coarse(doc: Doc, toponym: Toponym, span: Span) -> bool:
    """A province, region, country or sea, or a town's countryside ("the northern Hama countryside",
    "the countryside of Aleppo"): larger than the place an event coder wants. ``span``: the toponym's tokens."""
    if toponym.place is not None and toponym.place.kind in COARSE_KINDS:
        return True
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    start = span.start
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in NAME_PARTICLES:
        start -= 2  # "the countryside of Al-Sweida": the particle the name was found without
    before = [t.lower_ for t in doc[max(0, start - 2) : start]]
    return after in AREA_WORDS or before == ["countryside", "of"]


AREA_WORDS = frozenset({"countryside", "province", "governorate", "region", "district", "plains", "desert"})
TARGET_REACH = 12  # words from "targeting" to the first place it names ("targeting the SAA's defensive positions at A")


LIST_REACH = 3  # words between the places of a list ("A, B, and C")
# After these, a sentence names what its event is about ("protested ... against the air raids").
TOPIC_WORDS = frozenset({"against", "over", "about", "condemning", "denouncing"})
RELATIVE_WORDS = frozenset({"who", "whose", "whom", "which"})


# Where these go is a destination, not a scene where anything else of the sentence happens ("held at the
# base, they were flown to Louisiana").
MOVEMENT_TYPES = frozenset({"deportation", "deployment", "arms_shipment", "incursion", "prisoner_exchange"})
CROWD_REACH = 3  # words from a violent trigger to the crowd it acts on ("fired at the protesters")


def _share_violent_place(triggers: list[Span], linked: dict[int, list[Toponym]]) -> dict[int, list[Toponym]]:
    """A place goes to one trigger, but one sentence's violence happens where the sentence puts it:
    "heavy fighting raged and mortar shells fell on the market in X" is a clash and a shelling in X, as an
    event coder records every violent event of a sentence at the place it gives. A violent trigger
    left without a place takes the places of the sentence's other violent triggers when those name
    one place only (two places are two happenings the text does not sort out for us). An interception
    takes none: "launched drones at X but shot them down" is the failed strike itself, not a second event."""
    taxonomy = load_taxonomy()
    # "Soldiers fired at protesters in X", "police clashed with demonstrators in X": the crowd a violent
    # trigger acts on is at its place, one scene.
    crowd = {i for i, t in enumerate(triggers) if t.label_ in {"protest", "riot"} and any(
        taxonomy.is_violent(o.label_) and 0 <= t.start - o.end <= CROWD_REACH for o in triggers)}

    def violent(i: int) -> bool:
        return taxonomy.is_violent(triggers[i].label_) or i in crowd

    located = {tuple(id(t) for t in places): places for i, places in linked.items() if places and violent(i)}
    donors = [triggers[i] for i, places in linked.items() if places and violent(i)]
    scene_from: int | None = None
    if not located:
        # "was murdered during a public meeting in X", "captured during a raid on a home in X": violence told
        # before the sentence's one located event happens at the scene it sets ("protested in X against the
        # air raids" sets no scene for what comes after: a topic).
        donors = {i: places for i, places in linked.items() if places and triggers[i].label_ not in MOVEMENT_TYPES}
        located = {tuple(id(t) for t in places): places for places in donors.values()}
        scene_from = min((triggers[i].start for i in donors), default=None)

    def receives(i: int) -> bool:
        if triggers[i].label_ == "interception":
            return False
        if scene_from is None:
            # An arrest or a riot in the sentence of one violent scene is part of it ("was captured after a
            # shootout in X"), unless the violence is only what it has followed since ("police have
            # arrested dozens since bombers hit X in 2003").
            return violent(i) or triggers[i].label_ in {"riot", "arrest"} and not any(
                "since" in {t.lower_ for t in triggers[i].doc[min(d.end, triggers[i].end):max(d.start, triggers[i].start)]}
                for d in donors)
        trigger = triggers[i]
        topic = any(t.lower_ in TOPIC_WORDS for t in trigger.doc[scene_from : trigger.start])
        # "The arrest of X, who led protests over the war in Gaza": a relative clause sets no scene for an
        # arrest in the clause it hangs on (violence still shares it: "the city, whose centre was devastated").
        between = trigger.doc[min(trigger.end, scene_from) : max(trigger.start, scene_from)]
        aside = any(t.lower_ in RELATIVE_WORDS for t in between)
        return (violent(i) or trigger.label_ in {"arrest", "riot"} and not aside) and not topic

    if len(located) != 1:
        return linked
    (places,) = located.values()
    return {i: (list(places) if not own and receives(i) else own) for i, own in linked.items()}


def extract_events(article: Article, doc: Doc, toponyms: Sequence[Toponym], *, linking: str = "both") -> list[Event]:
    """All events of one article, before cross-article merging; ``linking`` as in :func:`link_places`."""
    taxonomy = load_taxonomy()
    published = article.published.date() if article.published else None
    source = SourceRef(article.id, article.title, article.published.isoformat() if article.published else None,
                       article.url, article.content_hash)  # sketched at the end, if it has events (_sketched)
    by_sentence: dict[int, list[Toponym]] = {}
    for toponym in toponyms:
        by_sentence.setdefault(toponym.mention.sentence_start, []).append(toponym)
    events: list[Event] = []
    refers_back: dict[str, bool] = {}  # event id -> its trigger refers back ("the attack") or opens the story
    body_sentences = 0  # sentences of the body so far: the first LEAD_SENTENCES are the lead
    previous_located: list[Event] = []
    previous_events: list[Event] = []  # the last sentence's, for the toll a casualty sentence gives (tolls.py)
    tolls: set[str] = set()  # ids of events that are deaths with no agent ("3 soldiers were killed.")
    story_past: EventDate | None = None  # the past the last sentences were telling ("In 1938, he moved ...")
    story_past_left = 0  # sentences it still reaches
    sentences = list(doc.sents)
    triggers_of = _triggers_by_sentence(doc, [s.start for s in sentences])
    for sentence in sentences:
        if sentence.start_char < article.body_start:
            continue  # the title and date lines
        text = sentence.text  # built from the tokens on every access: once per sentence
        if not text.strip():
            continue  # blank lines between paragraphs
        body_sentences += 1
        stated = stated_past(text, published) if published else None
        inherited = story_past if story_past_left > 0 and body_sentences > LEAD_SENTENCES else None
        if stated is not None:
            story_past, story_past_left = stated, NARRATIVE_REACH
        elif story_past_left > 0 and not is_quotation(text):
            story_past_left -= 1  # a quotation inside the story ('"It's about $100," she said') does not end it
        triggers = retyped(doc, sentence, triggers_of.get(sentence.start, []))
        if not triggers:
            previous_located, previous_events = [], []
            continue
        if inherited is not None and not in_story_past(text):
            inherited = None
        sentence_toponyms = by_sentence.get(sentence.start_char, [])
        assignment = link_places(doc, triggers, sentence_toponyms, linking)
        caption = is_caption(text)
        actors = actors_in(doc, sentence, sentence_toponyms)
        actor_classes = actor_classes_in(text)
        quantities = quantities_in(text)
        sentence_events: list[Event] = []
        topics = protest_topics(doc, triggers)  # linked above, so their places stay theirs, but no events
        for index, trigger in enumerate(triggers):
            if index in topics:
                continue
            event_type = trigger.label_ if trigger.label_ in taxonomy.ids else "other"
            scene = framed_scene(doc, trigger, assignment[index]) if taxonomy.is_violent(trigger.label_) else None
            own = topic_places(doc, trigger, assignment[index], triggers)
            space = named_space(doc, trigger, sentence_toponyms)
            chosen = [scene] if scene is not None else [space] if space is not None else own
            places: list[Toponym | None] = chosen or [
                own_space(doc, trigger, sentence_toponyms)
                or (scene_name(doc, trigger) if taxonomy.is_violent(trigger.label_) else None)]
            status = status_of(doc, trigger)
            when = EventDate(None, None) if caption else date_of(text, published, trigger.start_char - sentence.start_char,
                                                                   future=status == "planned",
                                                                   anchor_end=trigger.end_char - sentence.start_char)
            narrative = when.from_publication and inherited is not None and status != "planned"
            if narrative:
                when = inherited  # "After arriving in the U.S., David Gee was detained ..." in a story of the 1920s
            elif when.from_publication and stated is not None:
                when = stated  # "... its end came in the 1860s, when the town was besieged": the sentence's own past
            if status == "happened" and is_ahead(when, published):
                status = "planned"  # dated after its report: still to come ("ordered to appear on March 27")
            years_back = published is None and said_years_back(text, trigger.start_char - sentence.start_char)
            if is_background(when, published) or years_back:
                status = "background"
            elif judged_status(doc, trigger, status) != status:
                # "The trial of soldiers accused of the Karma massacre opened on Monday": violence of before,
                # judged now; a day of this week is the court's, so the violence's own day is unknown.
                status = "background"
                if when.from_publication or (when.value is not None and published is not None
                                             and abs((published - when.value).days) <= COURT_WEEK):
                    when = EventDate(None, None)
            back = body_sentences <= LEAD_SENTENCES or points_back(doc, trigger)
            bare_toll = event_type == "attack" and is_bare_toll(doc, trigger)  # "3 soldiers were killed." (tolls.py)
            for toponym in places:
                place_id = toponym.place.id if toponym and toponym.place else "none"
                confidence = 0.6 * (toponym.confidence if toponym else 1.0) + 0.4 * (0.9 if len(trigger) > 1 else 0.7)
                event_id = _event_id(article.id, event_type, place_id, trigger.start_char)
                refers_back[event_id] = back
                if bare_toll:
                    tolls.add(event_id)
                sentence_events.append(
                    Event(
                        id=event_id,
                        event_type=event_type,
                        status=status,
                        toponym=toponym,
                        date=when.value,
                        date_precision=when.precision,
                        evidence=text.strip(),
                        trigger=trigger.text,
                        confidence=round(confidence, 3),
                        sources=(source,),
                        actors=actors,
                        claimant=actors[0] if status == "claimed" and actors else None,
                        quantities=quantities,
                        is_caption=caption,
                        evidence_span=(sentence.start_char, sentence.end_char),
                        details=(("date_from", _publication_origin(article) if when.from_publication
                                  else "caption" if caption else "story's past" if narrative else "text"),),
                        actor_classes=actor_classes,
                    )
                )
        sentence_events = fold_tolls(previous_events, drop_broad_duplicates(sentence_events), events, tolls, sentence)
        sentence_events = refine_previous(previous_located, sentence_events, events)
        events.extend(sentence_events)
        previous_located = [e for e in sentence_events if e.toponym is not None]
        previous_events = sentence_events or previous_events
    if article.published is None:
        events = background_by_latest_date(events)
    return _sketched(at_the_visit(frames(events, refers_back)), article, source)


def _sketched(events: list[Event], article: Article, source: SourceRef) -> list[Event]:
    """The events with their source's body sketch (``geomap.events.copies``), which only merging reads: made
    for articles with events alone, as a third of a corpus's articles have none and the sketch is costly."""
    if not events:
        return events
    body_sketch, body_shingles = sketch(article.text[article.body_start :])
    sketched = replace(source, body_sketch=body_sketch, body_shingles=body_shingles)
    return [replace(event, sources=tuple(sketched if s is source else s for s in event.sources)) for event in events]


def _publication_origin(article: Article) -> str:
    """"publication", or "document date" when the article's date is its file's own (PDF/DOCX metadata)."""
    return "document date" if article.published_from else "publication"


def _distance(trigger: Span, toponym: Toponym) -> int:
    if toponym.mention.start >= trigger.end_char:
        return toponym.mention.start - trigger.end_char
    return (trigger.start_char - toponym.mention.end) + 5  # a place after its trigger is the usual order


def _another_statement_between(doc: Doc, trigger: Span, toponym: Toponym) -> bool:
    """A place written before the trigger, in a statement of its own: "Police charged two men in Leeds, and
    gunmen attacked a village" (", and" with a subject of its own before the trigger); "stormed a post in X,
    and killed three" goes on with the same subject."""
    span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
    if span is None or span.start >= trigger.end:
        return False
    return any(doc[i].text == "," and doc[i + 1].lower_ == "and" and i + 2 < trigger.start
               for i in range(span.end, trigger.start - 1))


def _opens_a_scene(doc: Doc, i: int, end: int) -> bool:
    """Whether ", and in" at ``i`` (before ``end``) opens the next clause's scene: "In Kirkuk, a shopkeeper was
    shot, and in the Dora district of Baghdad a bomb exploded"."""
    return (i + 2 < end and doc[i].text == "," and doc[i + 1].lower_ in COORDINATORS
            and doc[i + 2].lower_ in SCENE_OPENERS)


def _barrier_between(doc: Doc, trigger: Span, toponym: Toponym) -> bool:
    span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
    if span is None:
        return True
    if span.start >= trigger.end:
        return any(doc[i].lower_ in BARRIER_WORDS or _opens_a_scene(doc, i, span.start)
                   for i in range(trigger.end, span.start))
    # "protested on a square of Berlin against the air raids": what is protested against is a topic, not a
    # happening at the place written before it.
    return any(doc[i].lower_ in BARRIER_WORDS or doc[i].lower_ == "against" for i in range(span.end, trigger.start))
