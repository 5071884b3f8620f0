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
from geomap.events.dates import (MONTHS, WEEKDAYS, EventDate, date_of, in_story_past, is_ahead, is_background,
                                 is_quotation, said_years_back, stated_past)
from geomap.events.link import (BARRIER_WORDS, deportation_places, drop_parents, most_specific, one_trigger_places,
                                own_space, referenced_place)
from geomap.events.link_model import PairFeatures, candidates, load_link_model
from geomap.events.scene import framed_scene, scene_name
from geomap.events.taxonomy import load_taxonomy
from geomap.nlp.cues import HOST_VERBS, covered_tokens, undergoes
from geomap.nlp.words import BE_FORMS, GROUPS_KEY, NAME_PARTICLES, ORG_TAILS, ORG_WORDS, SPAN_KEY as PLACES_KEY
from geomap.records import Article, Event, Place, PlaceKind, Quantity, SourceRef, Toponym, Usage
from geomap.framing import took_frame_point

CLAIM_WORDS = frozenset({"accuse", "accused", "accuses", "accusation", "accusations", "allege", "alleged", "alleges",
                         "allegedly", "claim", "claimed", "claims", "purportedly"})
DENY_WORDS = frozenset({"deny", "denied", "denies", "dismissed", "refuted"})
# Within four words before the trigger these say it is still to come: "will meet", "the planned talks".
PLAN_WORDS = frozenset({"will", "would", "soon", "plan", "plans", "planned", "expected", "scheduled", "upcoming",
                        "proposed", "set", "due", "'ll", "going", "slated"})
# The plan words that also mark what a trigger spans or is joined to ("set" and "going" have other senses there).
FIRM_PLAN_WORDS = PLAN_WORDS - {"set", "going"}
# A modal right after the trigger says what its event is: "sanctions could follow", "talks will resume".
MODALS_AFTER = {"could": "hypothetical", "might": "hypothetical", "may": "hypothetical", "will": "planned",
                "would": "planned", "'ll": "planned", "shall": "planned"}
# A trigger governed by one of these is proposed, offered, demanded, threatened or turned down: it
# has not happened (issue status "planned/proposed"). "threatened to shell", "refused to meet".
PROPOSAL_WORDS = frozenset({"threaten", "threatened", "threatens", "threat", "offer", "offered", "offers", "willing",
                            "ready", "prepared", "demand", "demanded", "demands", "urge", "urged", "urges", "refuse",
                            "refused", "refuses", "reject", "rejected", "rejects", "decline", "declined", "cancel",
                            "cancelled", "canceled", "postpone", "postponed", "invitation", "invite", "invited",
                            "proposal", "ultimatum", "halt", "prevent", "prevented", "avert"})
# Hoped for, sought or called for: not (yet) an event. "the hoped-for ceasefire", "sought the release".
HOPE_WORDS = frozenset({"hope", "hoped", "hopes", "hoping", "hoped-for", "seek", "seeks", "sought", "seeking", "want",
                        "wants", "wanted", "aim", "aims", "aimed", "push", "pushing", "pushed", "plea", "appeal", "appealed",
                        "possible", "potential", "prospect", "prospects", "would-be", "future", "eventual", "due",
                        "lobbying", "lobbied", "negotiating", "brokering", "broker", "secure", "securing",
                        "eyeing", "eyes", "eyed", "mulling", "mulls", "considering", "considers", "weighing",
                        "contemplating", "exploring", "intended", "intends", "intend", "designed"})
# Negated or failed: the text says it did not happen ("no arrests were made", "warrants were not carried out").
NEGATION_WORDS = frozenset({"not", "n't", "no", "never", "without", "failed", "fail", "fails", "neither", "nor",
                            "averted", "thwarted", "foiled"})
NEGATION_AFTER = frozenset({"not", "n't", "never", "failed"})
# The first sentences of a body: what they report is the story's happening, which later mentions refer to.
LEAD_SENTENCES = 2
# How many sentences after one that states a past date ("In 1938, he moved to Houston") an undated
# sentence with no word of the present still tells that past; the lead is always the news.
NARRATIVE_REACH = 3
ADJECTIVE_ENDINGS = ("ed", "en", "ful", "ous", "ing", "al", "ive", "ly", "ic", "ent", "ant", "est")
DEFINITE_WORDS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "same"})
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
_INJURED = re.compile(
    r"\b(?:injuring|injured|wounding|wounded)\s+(?:at least\s+)?(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)\b"
    r"|\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)\s+(?:other\s+)?(?:people|civilians|persons|soldiers|others)?\s*(?:were\s+)?(?:injured|wounded|hurt)\b",
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
    for match in _INJURED.finditer(sentence):
        found.append(Quantity(_number(match[1] or match[2]), "injured", match[0]))
    return tuple(q for q in found if q.value > 0)


def is_caption(sentence: str) -> bool:
    return bool(_CAPTION.search(sentence.strip()))


def status_of(doc: Doc, trigger: Span) -> str:
    """happened / planned / claimed / denied / hypothetical, from the words governing the trigger."""
    sentence = trigger.sent
    clause = _clause_before(doc, trigger, max(sentence.start, trigger.start - 12))
    # A definite reference ("the abduction", "Monday's attack") presupposes its event: a denial or a
    # claim governing the phrase ("no group had claimed the abduction", "denied carrying out the
    # attack") is about someone's part in it, not about whether it happened; only the phrase's own
    # words count there ("the failed coup"). Hopes and plans still govern it ("hope for the signing").
    definite = _definite_start(doc, trigger)
    own = set(clause) if definite is None else set(_clause_before(doc, trigger, definite + 1))
    words = set(clause)
    sentence_words = {t.lower_ for t in sentence}
    if own & DENY_WORDS:
        return "denied"
    if own & NEGATION_WORDS or _negated_after(doc, trigger):
        return "denied"
    if own & CLAIM_WORDS or (definite is None and sentence_words & {"accusations", "accusation"}
                             and trigger.start - sentence.start > 3):
        return "claimed"
    if (sentence.start < trigger.start and doc[sentence.start].lower_ in {"if", "unless"}) or words & {"if", "unless"}:
        return "hypothetical"
    if words & PROPOSAL_WORDS or words & HOPE_WORDS or _called_for(clause):
        return "planned"
    inner = {t.lower_ for t in trigger[1:-1]}  # a trigger that spans its own plan: "drones are designed to strike"
    if inner & (HOPE_WORDS | PROPOSAL_WORDS | FIRM_PLAN_WORDS):
        return "planned"
    near = [t.lower_ for t in doc[max(sentence.start, trigger.start - 4) : trigger.start + 1]]
    ahead = {word for word, following in zip(near, near[1:])
             if not (word == "soon" and following in {"after", "before", "afterwards", "thereafter"})}
    if ahead & PLAN_WORDS:
        return "planned"  # not "since soon after his arrest"
    if _be_to_future(doc, trigger):
        return "planned"
    if _modal_before(doc, trigger):
        return "hypothetical"  # "they may be arrested and detained", "the person is usually deported"
    if _told_to_stop(doc, trigger):
        return "planned"  # "must stop detaining migrants": its end is demanded, nothing is reported
    if "soon" in [t.lower_ for t in doc[trigger.end : min(sentence.end, trigger.end + 2)]]:
        return "planned"
    if _coordinated_with_plan(doc, trigger):
        return "planned"
    start = _past_place(doc, trigger.end)
    after = [t.lower_ for t in doc[start : min(sentence.end, start + 2)]]
    # "sanctions could follow if ...", "talks would resume next week"; "attacks could have been stopped" happened
    if after and after[0] in MODALS_AFTER and (len(after) < 2 or after[1] not in {"have", "'ve", "not", "never"}):
        return MODALS_AFTER[after[0]]
    return "happened"


def _be_to_future(doc: Doc, trigger: Span) -> bool:
    """"Cambodia is to host weeklong meetings", "the envoys were to meet in Doha": a be-to future governs the
    trigger, in its own clause; "Russia is to blame for the attack" says who did what happened."""
    k = trigger.end - 2  # the trigger may span it: "envoys were to meet"
    while k > trigger.sent.start and k >= trigger.start - BE_TO_REACH and doc[k].lower_ not in COORDINATION_STOPS:
        if doc[k].lower_ == "to" and doc[k - 1].lower_ in {"is", "are", "was", "were"}:
            return doc[k + 1].lower_ != "blame"
        k -= 1
    return False


def _modal_before(doc: Doc, trigger: Span) -> bool:
    """A modal of possibility ("may be arrested", "could face trial") or a word of habit ("is usually
    deported", "are often detained") right before the trigger: what can or tends to happen, not a report."""
    k = trigger.start - 1
    if k - 1 > trigger.sent.start and doc[k].lower_ in {"and", "or"}:
        k -= 2  # "may be arrested and detained": the verb it is joined to has the modal
    while k > trigger.sent.start and doc[k].lower_ in MODAL_FILLERS:
        k -= 1
    return k >= trigger.sent.start and doc[k].lower_ in POSSIBILITY_WORDS


def _told_to_stop(doc: Doc, trigger: Span) -> bool:
    """The bare verb "stop" (or "cease", "quit", "end") right before a trigger in -ing: a demand or a plan that
    something end ("must stop detaining", "to stop shelling", "Stop arresting!"), which reports nothing
    happening; "stopped shelling" and "stops arresting" tell what happened until then, and stay."""
    k = trigger.start - 1
    return (k >= trigger.sent.start and doc[k].lower_ in STOP_VERBS and doc[trigger.start].lower_.endswith("ing"))


STOP_VERBS = frozenset({"stop", "cease", "quit", "end"})
POSSIBILITY_WORDS = frozenset({"may", "might", "could", "can", "usually", "often", "typically", "generally",
                               "normally"})
MODAL_FILLERS = frozenset({"be", "been", "have", "get", "also", "then", "even", "still", "easily", "eventually",
                           "later", "soon", "is", "are", "were", "was"})


BE_TO_REACH = 6  # words from "is to" to the trigger it governs ("is to host weeklong international meetings")


# Where the verb a coordinated trigger shares its plan with stops: another clause, or who said it.
COORDINATION_STOPS = frozenset({";", "but", "while", "after", "before", "who", "which", "when", "because", "said", "says",
                                "told", "and", "."})


def _coordinated_with_plan(doc: Doc, trigger: Span) -> bool:
    """"He would fly to the United States and meet with experts", "is scheduled to arrive at 3 p.m., then take
    part in the town hall meeting": a trigger joined by "and"/"then" to a verb a plan word governs is planned too."""
    sentence = trigger.sent
    if trigger.start - 1 <= sentence.start or doc[trigger.start - 1].lower_ not in {"and", "then"}:
        return False
    for k in range(trigger.start - 2, max(sentence.start, trigger.start - 14) - 1, -1):
        word = doc[k].lower_
        if word in FIRM_PLAN_WORDS:
            return True
        if word in COORDINATION_STOPS:
            return False
    return False


def _past_place(doc: Doc, i: int) -> int:
    """The index after a place phrase that opens at ``i`` ("in Geneva", "at the UN"), else ``i``: what follows
    it still speaks of the trigger ("Talks in Geneva will resume")."""
    if i >= len(doc) or doc[i].lower_ not in {"in", "at"}:
        return i
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    start = j
    while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    return j if j > start else i


def _clause_before(doc: Doc, trigger: Span, start: int) -> list[str]:
    """The lower-cased words from ``start`` up to the trigger, back to the nearest clause break (reversed)."""
    clause: list[str] = []
    for token in reversed(doc[start : trigger.start]):
        word = token.lower_
        if word in CLAUSE_BREAKS and clause:
            break
        if (word in SETTLED_PLANS and token.i >= 2 and doc[token.i - 1].text == "-"
                and doc[token.i - 2].lower_ in {"long", "oft"}):
            word = f"{doc[token.i - 2].lower_}-{word}"  # "its long-threatened invasion": now under way, not a threat
        clause.append(word)
    return clause


# "its long-threatened invasion", "the long-awaited talks began": a plan word that only says how long it took.
SETTLED_PLANS = frozenset({"threatened", "awaited", "planned", "promised", "expected", "anticipated", "delayed"})


def _negated_after(doc: Doc, trigger: Span) -> bool:
    """"Arrest warrants ... were not carried out": a negation right after the trigger, in its clause."""
    for token in doc[trigger.end : min(trigger.sent.end, trigger.end + 8)]:
        if token.lower_ in CLAUSE_BREAKS or token.lower_ in BARRIER_WORDS:
            return False
        if token.lower_ in NEGATION_AFTER:
            return True
    return False


def _called_for(clause_reversed: list[str]) -> bool:
    """"called for a ceasefire", "calls for talks": the clause words run backwards from the trigger."""
    words = list(reversed(clause_reversed))
    return any(a in {"call", "calls", "called", "calling"} and b == "for" for a, b in zip(words, words[1:]))


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
    pairs = PairFeatures(doc, triggers, candidates(toponyms))
    model = load_link_model() if linking != "rules" else None
    for j, toponym in enumerate(pairs.toponyms):
        verdict = True if pairs.names[j] else pairs.verdicts[j]
        if verdict is False and linking == "both":
            continue  # a reference phrase ("bordering X", "based in X") is never where it happened
        if verdict is True and linking != "model":
            # Beyond a clause word the place is that clause's event's; a clause with none still tells where
            # the violence it describes was ("a gun attack that claimed the life of his driver ... in the
            # city of Lahore"). Other events' clauses ("talks, which ... the Black Sea") are left alone.
            reachable = [i for i in range(len(triggers)) if not _barrier_between(doc, triggers[i], toponym)]
            reachable = reachable or [i for i in range(len(triggers)) if taxonomy.is_violent(triggers[i].label_)]
            if reachable:
                best_of[j] = min(reachable, key=lambda i: _distance(triggers[i], toponym))
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
        if inner is not None and id(inner) not in linked_ids:
            toponym = inner  # "the town of Al-Sukhanah near Palmyra": the event is at the town
        assignment[i].append(toponym)
    linked = {i: one_trigger_places(doc, places, triggers) for i, places in assignment.items()}
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
    placed = _share_violent_place(triggers, _targets_named(doc, triggers, specific, pairs.toponyms, spans))
    return _held_online(doc, triggers, _hosted(triggers, _where_clauses(doc, triggers, placed, pairs.toponyms, spans)))


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
    body_sketch, body_shingles = sketch(article.text[article.body_start :])
    source = SourceRef(article.id, article.title, article.published.isoformat() if article.published else None,
                       article.url, article.content_hash, body_sketch=body_sketch, body_shingles=body_shingles)
    by_sentence: dict[int, list[Toponym]] = {}
    for toponym in toponyms:
        by_sentence.setdefault(toponym.mention.sentence_start, []).append(toponym)
    events: list[Event] = []
    refers_back: dict[str, bool] = {}  # event id -> its trigger refers back ("the attack") or opens the story
    body_sentences = 0  # sentences of the body so far: the first LEAD_SENTENCES are the lead
    previous_located: list[Event] = []
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
        triggers = []
        found = triggers_of.get(sentence.start, [])
        words = frozenset(t.lower_ for t in sentence) if found else frozenset()
        for trigger in found:
            label = _type_in_sentence(doc, trigger, sentence, words)
            if label is None:
                continue
            if label != trigger.label_:
                trigger.label_ = label  # this list's own Span: the doc's span group keeps the rule's label
            triggers.append(trigger)
        if not triggers:
            previous_located = []
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
        for index, trigger in enumerate(triggers):
            event_type = trigger.label_ if trigger.label_ in taxonomy.ids else "other"
            scene = framed_scene(doc, trigger, assignment[index]) if taxonomy.is_violent(trigger.label_) else None
            places: list[Toponym | None] = ([scene] if scene is not None else list(assignment[index])) or [
                own_space(doc, trigger, sentence_toponyms)
                or (scene_name(doc, trigger) if taxonomy.is_violent(trigger.label_) else None)]
            status = status_of(doc, trigger)
            when = EventDate(None, None) if caption else date_of(text, published, trigger.start_char - sentence.start_char,
                                                                   future=status == "planned")
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
            back = body_sentences <= LEAD_SENTENCES or _refers_back(doc, trigger)
            for toponym in places:
                place_id = toponym.place.id if toponym and toponym.place else "none"
                confidence = 0.6 * (toponym.confidence if toponym else 1.0) + 0.4 * (0.9 if len(trigger) > 1 else 0.7)
                event_id = _event_id(article.id, event_type, place_id, trigger.start_char)
                refers_back[event_id] = back
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
        sentence_events = _refine_previous(previous_located, sentence_events, events)
        events.extend(sentence_events)
        previous_located = [e for e in sentence_events if e.toponym is not None]
    if article.published is None:
        events = _background_by_latest_date(events)
    return _at_the_visit(frames(events, refers_back))


# Diplomacy a visit is the scene of: "during a two-day visit to X ... the prime ministers signed eight pacts".
AT_A_VISIT = frozenset({"talks", "agreement"})


def _at_the_visit(events: list[Event]) -> list[Event]:
    """Talks and agreements the text does not place, told in the few sentences after the article's one visit
    or meeting, happen where it does, on its day: an event coder places the pacts signed during a state visit
    at the visit. Not when the article has meetings in two places (which one is not said), not before the
    visit is told, and never across a status or a date."""
    visits = [e for e in events if e.event_type == "meeting" and e.toponym is not None and e.status == "happened"]
    if len({e.place.id if e.place else e.toponym.mention.surface for e in visits}) != 1:  # type: ignore[union-attr]
        return events
    visit = visits[0]

    def during(event: Event) -> bool:
        after = event.evidence_span[0] - visit.evidence_span[0]
        if not 0 < after <= VISIT_REACH:
            return False
        if event.date is None or visit.date is None:
            return event.date == visit.date
        return abs((event.date - visit.date).days) <= VISIT_DAYS  # "arrived on Wednesday for a two-day visit"

    return [replace(e, toponym=visit.toponym) if (e.toponym is None and e.event_type in AT_A_VISIT
                                                  and e.status == "happened" and during(e)) else e
            for e in events]


VISIT_REACH = 600  # characters from the visit's sentence to the talks it frames (the next few sentences)
VISIT_DAYS = 2  # a visit lasts a few days: talks dated by the report's day still fall in it


def _background_by_latest_date(events: list[Event]) -> list[Event]:
    """An undated article is at least as recent as the latest date it states: its events dated more than
    ``BACKGROUND_DAYS`` before that are background ("assassinated the archduke in June 1914" in a story
    of the centenary), as they would be against a publication date."""
    latest = max((e.date for e in events if e.date is not None), default=None)
    return [replace(e, status="background") if e.date is not None and e.status != "background"
            and is_background(EventDate(e.date, e.date_precision), latest) else e for e in events]


# Strategic developments of armed forces that ordinary words also name: a sentence that reports one names a
# force or a weapon ("they moved to Thornhill" is no deployment, "a plane crashed on landing" no military crash).
MILITARY_TYPES = frozenset({"military_exercise", "deployment", "weapons_test", "aircraft_crash"})
MILITARY_WORDS = frozenset({
    "troops", "troop", "soldiers", "soldier", "forces", "force", "army", "armies", "military", "navy", "navies", "naval",
    "marines", "marine", "warship", "warships", "destroyer", "destroyers", "frigate", "frigates", "submarine",
    "submarines", "carrier", "carriers", "vessel", "vessels", "jet", "jets", "fighter", "fighters", "bomber",
    "bombers", "helicopter", "helicopters", "aircraft", "plane", "planes", "drone", "drones", "missile", "missiles",
    "rocket", "rockets", "weapon", "weapons", "arms", "ammunition", "munitions", "artillery", "tank", "tanks",
    "battalion", "battalions", "brigade", "brigades", "regiment", "division", "contingent", "peacekeepers",
    "militia", "militias", "militants", "rebels", "guard", "guards", "coastguard", "defence", "defense",
    "airspace", "nuclear", "warplane", "warplanes", "gunboat", "gunboats", "reinforcements", "battery", "batteries",
    "rifles", "explosives", "shells", "drills", "manoeuvres", "maneuvers", "exercises", "war", "wargames",
    "ship", "ships", "police", "paramilitary", "paramilitaries", "gendarmes", "commandos", "airmen", "sailors",
})
# An arms transfer is told in an article that names arms: "cargo shipped across North America" in a story about
# air freight is no arms shipment.
ARMS_WORDS = frozenset({
    "weapon", "weapons", "arms", "ammunition", "munitions", "missile", "missiles", "rocket", "rockets", "rifle", "rifles",
    "gun", "guns", "explosives", "shells", "drone", "drones", "tank", "tanks", "artillery", "howitzer", "howitzers",
    "warhead", "warheads", "grenades", "mortars", "military", "jets", "warplanes", "helicopters", "interceptors",
    "launchers", "armoured", "armored", "vehicles", "systems", "f-16s", "himars", "patriot", "ammo",
})
# Goods seized are no ground taken: "seized 1,248 bags of heroin", "seized a cache of rifles".
SEIZED_GOODS = frozenset({
    "drugs", "heroin", "cocaine", "marijuana", "cannabis", "methamphetamine", "bags", "kilograms", "kilos", "kg",
    "pounds", "tons", "tonnes", "cash", "money", "currency", "weapons", "guns", "rifles", "pistols", "ammunition",
    "cache", "caches", "explosives", "contraband", "cigarettes", "assets", "documents", "passports", "phones",
    "computers", "cars", "vehicles", "goods", "shipment", "shipments", "cargo", "tanker", "vessel", "ship", "boat",
    "property", "funds", "accounts", "equipment", "fuel", "oil", "timber", "livestock", "cattle", "merchandise",
})
# Who is fired at, when no force is named: "they fired on civilians", "fired into the crowd".
TARGET_WORDS = frozenset({"civilians", "crowd", "crowds", "protesters", "demonstrators", "villagers", "residents",
                          "shots", "bullets", "worshippers", "passengers", "motorists", "vehicle", "convoy"})
# Deaths a sentence puts down to a mishap or nature are no attack: "were killed in a car crash".
KILLING_LEMMAS = frozenset({"kill", "killed", "slay", "slain", "massacre", "murder", "execute"})
MISHAP_WORDS = frozenset({
    "crash", "crashed", "accident", "accidents", "collision", "storm", "storms", "earthquake", "quake", "flood",
    "floods", "flooding", "landslide", "landslides", "mudslide", "avalanche", "cyclone", "hurricane", "tornado",
    "typhoon", "tsunami", "eruption", "disease", "outbreak", "virus", "epidemic", "pandemic", "stampede", "heatwave",
    "lightning", "drowned", "derailed", "derailment", "traffic", "overdose", "wreck", "capsized", "sank",
    "accidentally", "accidental", "electrocuted", "electrocution", "collapsed", "collapse", "blaze", "fumes",
    "monoxide", "crushed",
})
# "was shot" of a film or a photograph.
FILMING_WORDS = frozenset({"film", "films", "movie", "movies", "scene", "scenes", "photo", "photos", "photograph",
                           "photographs", "video", "videos", "footage", "episode", "episodes", "documentary",
                           "location", "camera", "cameras", "studio", "series", "album"})
# A raid by these, with no one hurt, is law enforcement (an arrest's setting), not an attack.
POLICE_WORDS = frozenset({"police", "policemen", "officers", "detectives", "deputies", "sheriff", "sheriff's", "agents",
                          "fbi", "dea", "narcotics", "investigators", "prosecutors"})
HARM_WORDS = frozenset({"killed", "killing", "dead", "died", "wounded", "wounding", "injured", "shot", "gunfight",
                        "firefight", "clash", "clashes", "clashed", "exchange", "militants", "insurgents", "rebels",
                        "gunmen", "fighters", "troops", "soldiers", "forces"})
# Territory changes hands: a sentence that says so names the ground, or the place follows the trigger.
TERRITORY_WORDS = frozenset({
    "point", "points", "hilltop", "hilltops", "mountain", "mountains", "post", "posts", "farms", "orchards",
    "town", "towns", "city", "cities", "village", "villages", "area", "areas", "district", "districts", "region",
    "province", "territory", "territories", "base", "bases", "hill", "hills", "airport", "airfield", "positions",
    "position", "checkpoint", "checkpoints", "crossing", "border", "highway", "road", "bridge", "port", "island",
    "islands", "capital", "neighbourhood", "neighborhood", "suburb", "suburbs", "outpost", "outposts", "enclave",
    "strip", "valley", "ridge", "heights", "front", "frontline", "ground", "land", "control", "settlement",
    "settlements", "county", "state", "oblast", "governorate", "zone", "stronghold", "strongholds", "garrison",
})


def _names_arms(doc: Doc) -> bool:
    """Whether the article names weapons anywhere (read once an article): a cargo ship's journey is an arms
    shipment in a story about missile propellant, not in one about a city's air-freight hopes."""
    if "geomap_names_arms" not in doc.user_data:
        doc.user_data["geomap_names_arms"] = any(t.lower_ in ARMS_WORDS for t in doc)
    return doc.user_data["geomap_names_arms"]


def _type_in_sentence(doc: Doc, trigger: Span, sentence: Span, words: frozenset[str]) -> str | None:
    """The trigger's type as its sentence bears it out, or None. A strategic development of armed forces
    needs a force or weapon in its sentence. A change of territory needs the ground it names, or a name
    right after the trigger ("captured Bakhmut"); without either, a capture is of people ("Hicks was
    captured in Afghanistan", "captured the chief bodyguard"): an arrest; any other such trigger is none."""
    label = trigger.label_
    if label in MILITARY_TYPES:
        return label if words & MILITARY_WORDS else None
    if label == "arms_shipment":
        return label if _names_arms(doc) else None
    if label == "attack" and any(t.lemma_.lower() in KILLING_LEMMAS for t in trigger) and words & MISHAP_WORDS:
        return None  # "were killed in a car crash", "the storm killed eleven": deaths, not an attack
    if label == "attack" and trigger[-1].lower_ == "shot" and words & FILMING_WORDS:
        return None  # "the film was shot on location in Rochefort"
    if label == "attack" and trigger[0].lower_ in {"fired", "firing"} and not words & (
            MILITARY_WORDS | POLICE_WORDS | HARM_WORDS | TARGET_WORDS):
        return None  # "was fired at the end of the season": dismissed, not shot at
    if label == "attack" and any(t.lemma_.lower() == "raid" for t in trigger):
        if words & POLICE_WORDS and not words & HARM_WORDS:
            return "arrest"  # "drug raids in the city, Hartford police said": law enforcement, not an attack
    if label == "territory_change":
        near = doc[max(sentence.start, trigger.start - 2) : min(sentence.end, trigger.end + 5)]
        if any(t.lower_ in SEIZED_GOODS for t in near):
            return None  # "seized 300 bags of heroin", "counterfeit merchandise seized during a raid"
        captured = any(t.lemma_.lower() == "capture" for t in trigger)
        if captured and _person_captured(doc, trigger, sentence):
            return "arrest"  # "Shalit was captured by militants ... held in the Gaza Strip"
        if words & TERRITORY_WORDS or _place_undergoes(doc, trigger, sentence):
            return label  # "... the town", "Kidal was retaken by rebels"
        following = doc[trigger.end : min(sentence.end, trigger.end + 3)]
        if following and following[0].lower_ == "the":
            following = following[1:]
        if len(following) and following[0].lower_ != "by" and any(
                t.text[:1].isupper() and t.is_alpha and t.lower_ not in MONTHS and t.lower_ not in WEEKDAYS
                for t in following[:2]):
            return label  # "captured Bakhmut", not "captured by the Northern Alliance" nor "captured in July"
        return "arrest" if captured else None
    return label


PASSIVE_WORDS = BE_FORMS | {"be"}
PERSON_PRONOUNS = frozenset({"he", "she", "they", "who", "i", "we", "him", "her", "them"})


def _person_captured(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """"He was captured", "Shalit was captured": a passive capture whose subject is a pronoun or a name no
    place span covers is a person's (the town that "was captured" has its place, or its noun)."""
    k = trigger.start - 1
    if k <= sentence.start or doc[k].lower_ not in PASSIVE_WORDS:
        return False
    subject = doc[k - 1]
    if subject.lower_ in PERSON_PRONOUNS:
        return True
    if not (subject.text[:1].isupper() and subject.is_alpha) or subject.lower_ in TERRITORY_WORDS:
        return False
    return subject.i not in covered_tokens(doc, PLACES_KEY)


def _place_undergoes(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """A recognised literal place is the subject of the passive the trigger ends: "Kidal was retaken"."""
    places = [span for span in doc.spans.get(PLACES_KEY, []) if sentence.start <= span.start < trigger.start
              and span._.usage == Usage.LITERAL.value]
    return any(undergoes(doc, span.end) and span.end < trigger.start <= span.end + 5 for span in places)


def _publication_origin(article: Article) -> str:
    """"publication", or "document date" when the article's date is its file's own (PDF/DOCX metadata)."""
    return "document date" if article.published_from else "publication"


def _distance(trigger: Span, toponym: Toponym) -> int:
    if toponym.mention.start >= trigger.end_char:
        return toponym.mention.start - trigger.end_char
    return (trigger.start_char - toponym.mention.end) + 5  # a place after its trigger is the usual order


def _barrier_between(doc: Doc, trigger: Span, toponym: Toponym) -> bool:
    span = doc.char_span(toponym.mention.start, toponym.mention.end, alignment_mode="expand")
    if span is None:
        return True
    if span.start >= trigger.end:
        return any(doc[i].lower_ in BARRIER_WORDS for i in range(trigger.end, span.start))
    # "protested on a square of Berlin against the air raids": what is protested against is a topic, not a
    # happening at the place written before it.
    return any(doc[i].lower_ in BARRIER_WORDS or doc[i].lower_ == "against" for i in range(span.end, trigger.start))


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


def family_key(event_type: str) -> str:
    """What can report one happening: violent types join each other ("the attack" ... "the drone
    strike"), every other type only itself. Frames here and cross-article merging share it."""
    return "violence" if load_taxonomy().is_violent(event_type) else event_type


def _frame_fits(frame: list[Event], event: Event) -> bool:
    """Whether ``event`` reports the happening of ``frame`` (see :func:`frames`)."""
    first = frame[0]
    if family_key(first.event_type) != family_key(event.event_type) or first.status != event.status:
        return False
    if first.event_type != event.event_type and not ({first.event_type, event.event_type} & GENERIC_VIOLENCE):
        return False  # a drone strike and a shelling in one article are two happenings
    dated = [e for e in frame if e.date is not None and dict(e.details).get("date_from") == "text"]
    if event.date is not None and dict(event.details).get("date_from") == "text" and dated:
        if abs((dated[0].date - event.date).days) > 1:  # type: ignore[operator]
            return False
    # "Last month, Trump said he would go along with the deal" is not the deal signed today: a mention whose
    # text gives its own time joins only a happening of that time, even one dated by the publication day
    # (a later mention with no time of its own, "the attack lasted hours", joins whatever the frame's).
    if event.date is not None and dict(event.details).get("date_from") == "text" and any(
            e.date is not None and not _same_time(event, e) for e in frame):
        return False
    places = [e.place for e in frame if e.place is not None]
    if event.place is None and places and event.event_type not in GENERIC_VIOLENCE | {e.event_type for e in frame}:
        return False  # "drones were intercepted" does not re-type a located attack it never names
    if event.place is None or not places:
        return True
    return all(_same_or_in_country(event.place, place) for place in places)


def _same_time(stated: Event, other: Event) -> bool:
    """Whether ``other``'s date lies in the period ``stated``'s text date names (its month, its year, or
    within a day of its day)."""
    a, b = stated.date, other.date
    assert a is not None and b is not None
    if stated.date_precision == "year":
        return a.year == b.year
    if stated.date_precision == "month":
        return (a.year, a.month) == (b.year, b.month)
    return abs((a - b).days) <= (7 if stated.date_precision == "week" else 1)


def _same_or_in_country(a: Place, b: Place) -> bool:
    """The same place, or a place and its country. One article naming a town and its region, or two
    regions, reports two things ("drones over Sumy oblast" and "drone strikes on Krasnopillia")."""
    if a.id == b.id:
        return True
    return any(large.kind == PlaceKind.COUNTRY and small.kind != PlaceKind.COUNTRY and small.country_code == large.country_code
               for small, large in ((a, b), (b, a)))


# How specific a place is (lower is more specific); a frame, and a merged event, take the most specific.
PLACE_RANK = {PlaceKind.LANDMARK: 0, PlaceKind.PLACE: 1, PlaceKind.ADMIN2: 2, PlaceKind.ADMIN1: 3, PlaceKind.WATER: 3,
               PlaceKind.REGION: 4, PlaceKind.COUNTRY: 5, PlaceKind.CONTINENT: 6}


def _refers_back(doc: Doc, trigger: Span) -> bool:
    """"the attack", "the brazen attack", "Monday's hijacking", "this operation": a definite reference."""
    return _definite_start(doc, trigger) is not None


def _definite_start(doc: Doc, trigger: Span) -> int | None:
    """The index of the determiner ("the", "this", "'s") opening a definite reference to ``trigger``, if any."""
    for token in reversed(doc[max(trigger.sent.start, trigger.start - 3) : trigger.start]):
        if token.lower_ in DEFINITE_WORDS or token.lower_ in {"'s", "’s"}:
            return token.i
        # Only adjectives may stand between ("the brazen attack"); without a tagger, their usual endings.
        adjective = token.pos_ == "ADJ" if token.pos_ else token.lower_.endswith(ADJECTIVE_ENDINGS)
        if not (token.is_alpha and adjective):
            return None
    return None


def frames(events: list[Event], refers_back: dict[str, bool] | None = None) -> list[Event]:
    """One event per happening of the article: its mentions grouped into frames.

    Mentions join a frame when they report the same kind of happening (one violent family: "the
    attack" joins the drone strike) with the same status, on a compatible date, at the same or a
    nested place; a mention with no place of its own ("the brazen attack", "the hijacking") joins
    the first such frame. The frame's place is the most specific place the text attaches to any of
    its mentions (a later "near <town>" locates the earlier "attack on a train"); a frame the text
    never locates stays unlocated (a dateline is where the reporter filed from, and on the
    development stories it was a merely-mentioned place more often than the event's). The mention
    that places it gives its evidence, and ``mentions`` lists the other sentences. Frames never
    cross a status line: history the article recalls (background) stays its own event.
    """
    # Located mentions open frames first, so a place-less mention joins the located happening even
    # when it comes before the sentence that locates it. Frames are kept per (family, status): only
    # those can fit, which keeps an article with thousands of triggers linear in practice.
    groups: list[list[int]] = []
    open_frames: dict[tuple[str, str], list[int]] = {}
    for index in sorted(range(len(events)), key=lambda i: (events[i].place is None, i)):
        event = events[index]
        key = (family_key(event.event_type), event.status)
        candidates = open_frames.setdefault(key, [])
        fitting = [g for g in candidates if _frame_fits([events[i] for i in groups[g]], event)]
        if event.place is None and refers_back is not None and not refers_back.get(event.id, False):
            # An indefinite place-less mention ("an attack", "attacks on civilians") is a happening of its
            # own unless the article already has a place-less one of its kind (repeated mentions of one call),
            # or its own sentence locates the happening ("A suicide bomber detonated his belt ... in Ramadi").
            fitting = [g for g in fitting if all(events[i].place is None for i in groups[g])
                       or any(events[i].evidence_span == event.evidence_span for i in groups[g])]
        if fitting:
            # A place-less mention joins the happening the article reports first; a located one its own place's.
            target = min(fitting, key=lambda g: min(groups[g])) if event.place is None else fitting[0]
            groups[target].append(index)
        else:
            candidates.append(len(groups))
            groups.append([index])
    return [_frame_event([events[i] for i in sorted(group)]) for group in groups]


def _frame_event(group: list[Event]) -> Event:
    located = [e for e in group if e.toponym is not None]
    # A place the gazetteer lacks ("the village of Shurifah") speaks only when no mention has a mapped place.
    # Of two mentions at one point, the name written inside the other ("the Tijara neighbourhood", which took
    # Damascus's point) says more than the frame's own name.
    best = min(located, key=lambda e: (PLACE_RANK.get(e.place.kind, 9) if e.place else len(PLACE_RANK) + 1,
                                       not took_frame_point(e.toponym),  # type: ignore[arg-type]
                                       -e.toponym.confidence)) if located else None  # type: ignore[union-attr]
    toponym = best.toponym if best else None
    first = best or group[0]  # the mention that places the happening speaks for it
    details = dict(first.details)
    specific = [e.event_type for e in group if e.event_type not in GENERIC_VIOLENCE]
    dated = [e for e in group if dict(e.details).get("date_from") == "text"]
    when = dated[0] if dated else first
    if dated:
        details["date_from"] = "text"
    mentions = tuple(dict.fromkeys(e.evidence for e in group if e.evidence != first.evidence))
    return replace(
        first,
        event_type=specific[0] if specific else first.event_type,
        toponym=toponym,
        date=when.date,
        date_precision=when.date_precision,
        confidence=round(min(0.99, max(e.confidence for e in group) + 0.02 * (len(group) - 1)), 3),
        quantities=tuple(dict.fromkeys(q for e in group for q in e.quantities)),
        actors=tuple(dict.fromkeys(a for e in group for a in e.actors)),
        actor_classes=tuple(dict.fromkeys(a for e in group for a in e.actor_classes)),
        mentions=mentions,
        details=tuple(details.items()),
        id=best.id if best else first.id,
    )
