"""A trigger's type read against its sentence: military words make a drill or a deployment of a generic
movement, arms words a shipment, a killing of civilians an attack, a mishap no attack, and so on."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token
from geomap.events.article_words import names_a_truce, names_arms, names_war
from geomap.events.conflict_words import (MILITARY_TYPES, MILITARY_CRAFT, MILITARY_WORDS, ARMS_WORDS, SEIZED_GOODS,
                                          DRUG_WORDS, TARGET_WORDS, KILLING_LEMMAS, MISHAP_WORDS, TOLL_SUBJECTS,
                                          TOLL_REACH, AIMED_WORDS, AIM_REACH, UNAIMED_AT, FIRING_LEMMAS,
                                          DISARMING_WORDS, DISPOSAL_WORDS, CONTROLLED_BLASTS, DISARM_REACH,
                                          FIRE_WORDS, FIRE_QUALIFIERS, VEHICLE_WORDS, CLAUSE_TURNS,
                                          INCURSION_GROUND, STRIKING_TYPES, TAKING_CONTROL, FILMING_WORDS, POLICE_WORDS,
                                          HARM_WORDS, TERRITORY_WORDS, ATTRIBUTION_FILLERS, SPEECH_VERBS,
                                          ARMS_TYPES, DRONE_AGENTS)
from geomap.events.dates import (MONTHS, WEEKDAYS)
from geomap.events.deaths import deaths_of_a_riot, toll_after_a_semicolon, toll_of_its_subject
from geomap.events.senses import (FINDING_LEMMAS, craft_model_named, found_ordnance, named_exercise, part_of_the_drill,
                                  sense_in_sentence)
from geomap.events.raids import STATE_AGENTS, raid_of_arrests
from geomap.events.speech import TELLING_WORDS, protest_in_words, said_after_its_words
from geomap.nlp.cues import covered_tokens, undergoes
from geomap.nlp.words import (AIRCRAFT_NOUNS, BE_FORMS, DIRECTION_WORDS, GROUPS_KEY, PERSON_TITLES, TAKEN_KEY,
                              SPAN_KEY as PLACES_KEY, armed_groups)
from geomap.records import Usage


def _own_clause(doc: Doc, trigger: Span, sentence: Span) -> Span:
    """The trigger's stretch of its sentence, between the nearest clause turns (CLAUSE_TURNS, or a comma
    followed by "and") on either side."""
    def turns(i: int) -> bool:
        return doc[i].lower_ in CLAUSE_TURNS or (doc[i].text == "," and i + 1 < sentence.end and doc[i + 1].lower_ == "and")

    start = trigger.start
    while start > sentence.start and not turns(start - 1):
        start -= 1
    end = trigger.end
    while end < sentence.end and not turns(end):
        end += 1
    return doc[start:end]


def _aimed(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """Whether the trigger's weapon is aimed at something within a few words ("fired a missile at a vessel",
    "launched rockets against Israel"); "into the sea", "at dawn" and "at a test site" aim at nothing."""
    if not any(t.lemma_.lower() in FIRING_LEMMAS for t in trigger):
        return False  # "a nuclear test at its test site": a test held somewhere, not a weapon fired at it
    after = doc[trigger.end : min(sentence.end, trigger.end + AIM_REACH)]
    for token in after:
        if token.lower_ in {"against", "toward", "towards"}:
            return True
        if token.lower_ == "at":
            following = {t.lower_ for t in doc[token.i + 1 : min(sentence.end, token.i + 3)]}
            return not following & UNAIMED_AT
    return False


def _disarmed(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """Whether the sentence defuses or finds the explosive before it goes off, in the trigger's clause:
    "defused an explosive device", "a landmine was found near", "dismantled a car bomb"."""
    clause = _own_clause(doc, trigger, sentence)
    before = doc[max(clause.start, trigger.start - DISARM_REACH) : trigger.start]
    after = doc[trigger.end : min(clause.end, trigger.end + 3)]
    # "a car bomb targeting a police convoy was defused": the passive may come after the bomb's own phrase
    passive = doc[trigger.end : min(clause.end, trigger.end + DISARM_REACH + 3)]
    return any(t.lower_ in DISARMING_WORDS for t in (*before, *after)) or any(
        t.lower_ in DISARMING_WORDS and doc[t.i - 1].lower_ in BE_FORMS for t in passive) or any(
        t.lower_ in DISPOSAL_WORDS or (t.lower_ == "controlled" and doc[t.i - 1].text != "-" and t.i + 1 < len(doc)
                                       and doc[t.i + 1].lower_ in CONTROLLED_BLASTS)
        for t in clause)  # "destroyed by demolition experts", "a controlled explosion"


def _killed_by_a_fire(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """"A fire killed", "basement fire kills": the word before the killing is a fire that no weapon or firing
    word qualifies ("sniper fire killed", "opened fire, killing")."""
    before = doc[max(sentence.start, trigger.start - 2) : trigger.start]
    if not len(before) or before[-1].lower_ not in FIRE_WORDS:
        return False
    qualifier = doc[max(sentence.start, before[-1].i - 2) : before[-1].i]
    return not any(t.lower_ in FIRE_QUALIFIERS for t in qualifier)


def retyped(doc: Doc, sentence: Span, triggers: Sequence[Span]) -> list[Span]:
    """A sentence's triggers with the types the sentence bears out (:func:`type_in_sentence`), without
    those it rules out: the types events get, and what the typing benchmarks score."""
    words = frozenset(t.lower_ for t in sentence) if triggers else frozenset()
    kept = []
    for index, trigger in enumerate(triggers):
        if deaths_of_a_riot(doc, trigger, triggers[index + 1 :]) or toll_of_its_subject(doc, trigger, triggers[:index]) or (
                toll_after_a_semicolon(doc, trigger, triggers[:index])):
            continue
        if trigger.label_ == "attack" and any(t.lemma_.lower() in KILLING_LEMMAS for t in trigger) and any(
                t.label_ == "aircraft_crash" for t in triggers if t is not trigger):
            continue  # "a helicopter went down, killing four officers", "were killed when their helicopter went down"
        label = type_in_sentence(doc, trigger, sentence, words)
        if label is not None:
            label = sense_in_sentence(doc, trigger, sentence, words, label, triggers)
        if label is None:
            continue
        if label == "attack" and trigger.start > sentence.start and doc[trigger.start - 1].lower_ == "and" and any(
                t.label_ == "riot" and trigger.start - RIOT_DEED_REACH <= t.start for t in kept):
            label = "riot"  # "protesters broke into parliament and set part of it on fire": the riot's own deed
        if label != trigger.label_:
            trigger.label_ = label  # the caller's own Span: the doc's span group keeps the rule's label
        kept.append(trigger)
    interceptions = [t for t in kept if t.label_ == "interception"]
    if interceptions:  # the launch that failed, and the find of the bomb made safe, are the interception's
        kept = [t for t in kept if not _the_intercepted_launch(doc, t, interceptions, sentence) and not (
            t.label_ in ARMS_TYPES and t[0].lemma_.lower() in FINDING_LEMMAS) and not found_ordnance(doc, t, sentence)]
    seizures = [t for t in kept if t.label_ == "weapons_seizure"]
    if seizures:  # the seized arms' journey and the raid that found them are the seizure's ("seized rifles in a raid")
        kept = [t for t in kept if not _a_seized_weapon(doc, t, seizures, sentence) and t.label_ != "arms_shipment"]
    if any(t.label_ not in {"statement", "press_conference"} for t in kept):
        kept = [t for t in kept if not _attribution(doc, t, sentence, words)]
    drills = [t for t in kept if t.label_ == "military_exercise"]
    if drills:  # "a live-fire drill involving artillery": the drill's guns; and the moves the drill is made of
        kept = [t for t in kept if not (t.label_ in STRIKING_TYPES and all(
            w.lower_ in HAUL_WORDS or w.lemma_.lower() == "fire" or not w.is_alpha for w in t))
                and not part_of_the_drill(doc, t, drills)]
    return kept


# A passive move to a place, "more troops could be sent to Mali" (the rule puts the verb first, for its status).
SENT_WORDS = frozenset({"sent", "dispatched", "rushed", "airlifted", "redeployed"})
SENT_TO = frozenset({"to", "into", "onto", "toward", "towards"})
SENDABLE_FORCES = MILITARY_WORDS | POLICE_WORDS  # what must have been sent
PASSIVE_FILLERS = frozenset({"could", "would", "will", "may", "might", "be", "being", "been", "was", "were", "are", "is",
                             "have", "has", "had", "already", "also", "now", "reportedly", "later", "not", "to"})


def _units_sent(doc: Doc, trigger: Span) -> bool:
    """Whether what was sent, named before the verb and its auxiliaries, is a force ("more troops could be sent")."""
    k = trigger.start - 1
    while k > trigger.sent.start and doc[k].lower_ in PASSIVE_FILLERS:
        k -= 1
    return k >= trigger.sent.start and doc[k].lower_ in SENDABLE_FORCES


def _attribution(doc: Doc, trigger: Span, sentence: Span, words: frozenset[str]) -> bool:
    """"the army said in a statement" beside the event it reports: where the news came from, not an event."""
    if trigger.label_ != "statement" or words.isdisjoint(SPEECH_VERBS):
        return False
    k = trigger.start - 1
    while k > sentence.start and doc[k].lower_ in ATTRIBUTION_FILLERS:
        k -= 1
    return doc[k].lower_ == "in" and k < trigger.start - 1


def _a_seized_weapon(doc: Doc, trigger: Span, seizures: Sequence[Span], sentence: Span) -> bool:
    """Whether the trigger is only a weapon's name in the haul of a seizure before it in its clause: "captured
    three tanks and a rocket launcher" seized a rocket launcher, fired nothing."""
    if not all(t.lower_ in HAUL_WORDS for t in trigger):
        return False
    return any(seizure.end <= trigger.start < min(_own_clause(doc, seizure, sentence).end,
                                                  seizure.end + 2 * THING_REACH) for seizure in seizures)


LAUNCH_TYPES = frozenset({"drone_strike", "missile_strike", "air_strike", "shelling"})


def _the_intercepted_launch(doc: Doc, trigger: Span, interceptions: Sequence[Span], sentence: Span) -> bool:
    """Whether the trigger is the launch of what an interception before it in its clause stopped: "shot down
    all 19 drones launched overnight towards Kyiv", "intercepted a rocket fired from Gaza" are one disrupted
    weapons use, not a strike beside it ("..., but missiles fired at Kharkiv hit a school" is one)."""
    if trigger.label_ not in LAUNCH_TYPES or not any(t.lemma_.lower() in FIRING_LEMMAS for t in trigger):
        return False
    return any(stop.end <= trigger.start < _own_clause(doc, stop, sentence).end for stop in interceptions)


TAKING_LEMMAS = frozenset({"capture", "seize"})
# Words that end a noun phrase: its head is the word before them.
PHRASE_ENDS = frozenset({"in", "on", "at", "from", "near", "between", "and", "or", "to", "by", "with", "for", "of",
                         "who", "whom", "which", "that", "after", "before", "during", "outside", "inside", "as"})
# Who takes people as an armed group, not as the state's forces: an abduction, not an arrest.
NON_STATE_ARMED = frozenset({"militants", "rebels", "insurgents", "jihadists", "gunmen", "bandits", "pirates",
                             "kidnappers", "fighters", "militiamen", "militia", "militias", "guerrillas", "guerillas",
                             "separatists", "extremists", "terrorists", "assailants", "abductors"})
DEADLY_WORDS = frozenset({"deadly", "deadliest", "killing", "killed", "dead", "fatal"})  # no labour strike kills
# Who takes people outside the law: "captured by unidentified attackers" is an abduction, not an arrest.
UNOFFICIAL_TAKERS = NON_STATE_ARMED | {"attackers", "unidentified", "unknown", "masked", "armed"}
# Who is killed in "the killing of ...": people by their role, or by a name; plural roles by their ending.
_PEOPLE = (
    "man men woman women child children boy girl people person family wife husband son daughter mother father "
    "brother sister student teacher priest imam pastor monk nun journalist reporter activist soldier policeman "
    "policemen police troops officer guard farmer herder worker villager civilian refugee migrant pilgrim protester "
    "demonstrator member official doctor nurse lawyer politician candidate chief elder youth teen teenager baby "
    "infant prisoner detainee hostage suspect staff crew peacekeeper fighter rebel insurgent militant militiaman "
    "militiamen driver passenger trader traveller traveler miner fisherman fishermen worshipper supporter leader "
    "lawmaker volunteer ranger tourist resident inmate deputy employee engineer contractor missionary cleric "
    "businessman businessmen schoolgirl schoolboy pupil cadet recruit commando sergeant marine sailor pilot "
    "diplomat envoy minister mayor governor judge prosecutor opponent dissident blogger cameraman photographer "
    "delegate agent spy informant collaborator combatant gunman gunmen jihadist separatist guerrilla kidnapper "
    "bandit smuggler trafficker herdsman herdsmen")
# People by their role, singular and plural ("a journalist", "three aid workers"), or by a title.
PERSON_NOUNS = PERSON_TITLES | frozenset(w for word in _PEOPLE.split() for w in (word, word + "s", word + "es"))
PARTICIPLE_ENDINGS = ("ing", "ed")  # a participle after the head opens its own phrase: "civilians travelling"
PERSON_ENDINGS = ("ists", "ians")  # plural roles of these endings: "activists", "civilians", "Palestinians"
# Words that end a noun phrase after its head: "captured the three soldiers Saturday", "a man it described".
AFTER_HEAD = frozenset({"it", "he", "she", "they", "we", "who", "whom", "whose", "which", "that", "when", "where",
                        "said", "says", "were", "was", "are", "is", "had", "has", "have", "and", "or"})
MODIFIER_REACH = 6  # words between "of" and the victim ("of at least 40 unarmed villagers")
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
                         "some", "several", "dozens", "hundreds", "scores", "at", "least", "more", "than"})


FIGHT_LEMMAS = frozenset({"clash", "battle", "fight", "fought", "skirmish", "brawl", "scuffle", "exchange"})
# Who riots: a fight the sentence gives only to armed groups, with none of these, is an armed clash.
CROWD_WORDS = frozenset({"protesters", "protestors", "demonstrators", "rioters", "mob", "mobs", "crowd", "crowds",
                         "youths", "students", "supporters", "residents", "villagers", "marchers", "looters"})
# The measures a sanction imposes or lifts: a "lifted" or "suspended" the model reads as sanctions needs one in its
# clause (a state of emergency or a curfew lifted is no sanction).
SANCTION_MEASURES = frozenset({
    "sanction", "sanctions", "sanctioned", "embargo", "embargoes", "embargoed", "freeze", "freezes", "froze", "frozen",
    "unfroze", "unfrozen", "assets", "blacklist", "blacklisted", "blacklisting", "ban", "bans", "banned", "barred",
    "restrictions", "restrictive", "penalties", "tariffs", "curbs", "controls", "designated", "designation",
    "delisted", "list", "visa", "visas", "trade", "exports", "imports", "export", "import", "measures"})



def _done_by(doc: Doc, trigger: Span, agents: frozenset[str]) -> bool:
    """Whether one of ``agents`` did it, named after "by" right after the trigger: "captured by police" (the
    state's forces), "captured by unidentified attackers" (men outside the law)."""
    after = doc[trigger.end : min(trigger.sent.end, trigger.end + 4)]
    return len(after) > 0 and after[0].lower_ == "by" and any(t.lower_ in agents for t in after[1:])


def _taken_by_armed_group(doc: Doc, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` name an armed group: by its kind ("militants", "bandits") or
    by a listed group's name ("JNIM", "al-Shabab": ``armed_groups.jsonl``)."""
    if {t.lower_ for t in doc[start:end]} & NON_STATE_ARMED:
        return True
    named = _armed_group_names()
    return any(start <= span.start < end and span.label_ in named for span in doc.spans.get(GROUPS_KEY, ()))


@lru_cache(maxsize=1)
def _armed_group_names() -> frozenset[str]:
    return frozenset(group["name"] for group in armed_groups() if group.get("kind") == "armed group")


def _names_a_person(doc: Doc, start: int, end: int, *, names: bool = True) -> bool:
    """Whether the noun phrase at ``start`` names people: a role ("a journalist", "three aid workers", "two
    off-duty soldiers") that ends it (not "two police posts") or, with ``names``, a person's name ("Raed Karmi",
    "its Iraq frontman Abu Musab"); not "wolves", "the bill", "computer servers", "the Handarat Refugee Camp"."""
    k = start
    while k < end and doc[k].lower_ in DETERMINERS:
        k += 1  # "at least 40 unarmed villagers"
    places = covered_tokens(doc, PLACES_KEY) if names else set()
    for token in doc[k : min(end, k + MODIFIER_REACH)]:
        if token.lower_ in PHRASE_ENDS or (token.is_punct and token.text not in {"-", "'s", "’s"}):
            return False
        lower = token.lower_
        if (lower in PERSON_NOUNS and token.is_lower) or (lower.endswith(PERSON_ENDINGS) and len(lower) > 5):
            following = doc[token.i + 1] if token.i + 1 < end else None
            if following is None or not following.is_alpha or not following.is_lower or following.lower_ in (
                    AFTER_HEAD | PHRASE_ENDS) or following.lower_.endswith(PARTICIPLE_ENDINGS):
                # the phrase ends here ("12 civilians travelling by truck"); "police posts", "aid convoy" go on
                return True
        elif names and token.text[:1].isupper() and token.is_alpha and token.i not in places and (
                lower not in MONTHS and lower not in WEEKDAYS):
            return True
    return False


def type_in_sentence(doc: Doc, trigger: Span, sentence: Span, words: frozenset[str]) -> str | None:
    """The trigger's type as its sentence bears it out, or None. A strategic development of armed forces
    needs a force or weapon in its sentence, and an aircraft crash an aircraft or its pilot. A change of territory needs the ground it names, or a name
    right after the trigger ("captured Bakhmut"); without either, a capture is of people ("Hicks was
    captured in Afghanistan", "captured the chief bodyguard"): an arrest; any other such trigger is none."""
    label = trigger.label_
    if label == "riot" and (_taken_by_armed_group(doc, sentence.start, trigger.start) or (
            _taken_by_armed_group(doc, trigger.end, sentence.end) and not words & CROWD_WORDS)):
        # "militants clashed with police", "street battles raged between insurgents and security forces": armed
        # men fight, crowds riot ("clashes between protesters and police" stay a riot); what else armed men do in
        # a riot's words is an attack ("militants attacked worshippers ... and set fire to nearby shops")
        return "armed_clash" if any(t.lemma_.lower() in FIGHT_LEMMAS for t in trigger) else "attack"
    if label == "protest" and protest_in_words(trigger):
        return "statement"  # "the ruling ignores their rights, a rights group protested": words, not a crowd
    if trigger[0].lower_ in TELLING_WORDS:  # a rule that names the audience ("told reporters in X") is words
        return None if said_after_its_words(trigger) else "statement"  # ", survivors told reporters": the source
    if label == "protest" and trigger[-1].lemma_.lower() == "strike" and words & DEADLY_WORDS:
        return None  # "killing 16 in the deadliest strike against U.S. forces": no walk-out
    if label == "sanctions" and not {t.lower_ for t in _own_clause(doc, trigger, sentence)} & SANCTION_MEASURES:
        return None  # "lifted a state of emergency", "suspended the talks": no measure against anyone named
    if label == "abduction" and any(t.lemma_.lower() in TAKING_LEMMAS for t in trigger) and _done_by(doc, trigger, STATE_AGENTS):
        return "arrest"  # "Omar was captured by police": the state's forces arrest ("abducted by" stays an abduction)
    if label == "aircraft_crash" and not words & CRASHING_CRAFT and not craft_model_named(sentence, words):
        return None  # "lost control of his car and crashed", "officers blamed for three crashes"
    if label == "missile_strike" and any(t.lemma_.lower() in FIRING_LEMMAS | {"strike"} for t in trigger) and (
            _attacking_craft(doc, trigger, sentence) == "air_strike"):
        return "air_strike"  # "helicopters fired rockets at the village": from the air
    if label == "weapons_test" and _aimed(doc, trigger, sentence):
        return "missile_strike"  # "fired a ballistic missile at a commercial vessel": a test has no target
    if label == "deployment" and len(trigger) > 1 and trigger[0].lower_ in SENT_WORDS and trigger[1].lower_ in SENT_TO and (
            not _units_sent(doc, trigger)):
        return None  # "a pathologist sent to Israel": people, not forces, sent ("troops could be sent to Mali")
    if label in MILITARY_TYPES:
        return label if any(t.lower_ in MILITARY_WORDS for t in _own_clause(doc, trigger, sentence)) or (
            label == "military_exercise" and named_exercise(doc, trigger, sentence)) else None
    if label == "incursion" and not words & (MILITARY_WORDS | NON_STATE_ARMED | INCURSION_GROUND):
        return None  # "the sedan crossed into the southbound lanes": no force, no frontier crossed
    if label == "weapons_seizure" and {t.lower_ for t in _own_clause(doc, trigger, sentence)} & DRUG_WORDS:
        return None  # "police seized pistols and heroin in a raid": a drugs bust, not a conflict event
    if label == "arms_shipment":
        if not names_arms(doc):
            return None
        # "customs seized 300 rifles", "a cache of weapons was confiscated": ACLED's disrupted weapons use
        return "weapons_seizure" if _seizure(doc, trigger, sentence) else label
    if label == "attack" and any(t.lemma_.lower() in KILLING_LEMMAS for t in trigger) and words & MISHAP_WORDS and not any(
            t.lower_ in UNOFFICIAL_TAKERS for t in doc[max(sentence.start, trigger.start - 1) : trigger.end]):
        return None  # "were killed in a car crash", "the storm killed eleven": deaths, not an attack ("gunmen killed")
    if label == "attack" and trigger[0].lemma_.lower() in KILLING_LEMMAS and _killed_by_a_fire(doc, trigger, sentence):
        return None  # "Basement fire kills man, 84": a house fire, not gunfire ("sniper fire killed two")
    if label in STRIKING_TYPES and len(trigger) == 1 and trigger[0].lemma_.lower() in {"strike", "hit"} and (
            words & VEHICLE_WORDS and not words & (ARMS_WORDS - VEHICLE_WORDS)):
        return None  # "the Oldsmobile struck a 2003 Honda Accord": a road accident
    if label in STRIKING_TYPES and trigger[-1].lemma_.lower() in {"strike", "hit"} and any(
            t.lower_ in STRUCK_DEVICES for t in doc[trigger.end : min(sentence.end, trigger.end + 4)]):
        return None  # "a minibus struck a land mine": the mine's blast is the event, no strike
    if label == "explosion" and _disarmed(doc, trigger, sentence):
        return "interception"  # "police defused an explosive device", "a landmine found near": no blast
    if label == "drone_strike" and any(t.lemma_.lower() == "launch" for t in trigger) and not (
            names_war(doc) or any(t.lower_ in AIMED_WORDS for t in doc[trigger.end : min(sentence.end, trigger.end + 2)])):
        return None  # "the ship launched the drones" to search the seabed: no war, no strike
    if label == "ceasefire_violation" and not names_a_truce(doc):
        return None  # "violated terms of a tax agreement": only a truce's terms are a ceasefire's
    if label == "territory_change" and trigger.text.lower() == "control" and not any(
            t.lemma_.lower() in TAKING_CONTROL for t in doc[max(sentence.start, trigger.start - 3) : trigger.start]):
        return None  # "there's a lot less control": control taken ("seized control of") is a change of hands
    if label == "attack" and trigger[0].lemma_.lower() in KILLING_LEMMAS and {
            t.lower_ for t in doc[max(sentence.start, trigger.start - TOLL_REACH) : trigger.start]} & TOLL_SUBJECTS:
        return None  # "the conflict has killed more than 300,000 people": a war's toll, not one attack
    if label == "attack" and trigger[-1].lower_ == "of" and not _names_a_person(doc, trigger.end, sentence.end):
        return None  # "the killing of a journalist", not "the killing of wolves", "a murder of crows"
    if label == "attack" and trigger[-1].lower_ == "shot" and words & FILMING_WORDS:
        return None  # "the film was shot on location in Rochefort"
    if label == "attack" and trigger[0].lower_ in {"fired", "firing"} and not words & (
            MILITARY_WORDS | POLICE_WORDS | HARM_WORDS | TARGET_WORDS):
        return None  # "was fired at the end of the season": dismissed, not shot at
    if label == "attack" and raid_of_arrests(doc, trigger, sentence, words):
        return "arrest"
    if label == "attack" and _done_by_a_crowd(doc, trigger, sentence):
        return "riot"  # "villagers armed with machetes attacked a mining camp": ACLED's mob violence, a riot
    if label == "attack" or label == "shelling" and {t.lower_ for t in trigger} & (AIRCRAFT_AGENTS | DRONE_AGENTS):
        craft = _attacking_craft(doc, trigger, sentence)  # a shelling whose own words name its aircraft is theirs
        if craft is not None:
            return craft  # "warplanes attacked a house", "killed by Israeli aircraft", "helicopters fired"
    if label in {"attack", "air_strike"} and not words & AIRBORNE_WORDS:
        fired = _fired_from_the_ground(doc, trigger, sentence)
        if fired is not None:
            return fired  # "struck an ammunition depot with HIMARS", "attacked the base with mortars"
    if label == "territory_change":
        near = doc[max(sentence.start, trigger.start - 2) : min(sentence.end, trigger.end + 5)]
        goods = {t.lower_ for t in near if t.lower_ in SEIZED_GOODS and not (
            t.i + 1 < len(doc) and doc[t.i + 1].lower_ in TERRITORY_WORDS)}
        if goods:
            # "seized 300 bags of heroin", "counterfeit merchandise seized during a raid" (an oil field is ground);
            # "seized a cache of rifles" is a weapons seizure, unless drugs were the haul
            return "weapons_seizure" if goods & SEIZED_WEAPONS and not goods & DRUG_WORDS else None
        captured = any(t.lemma_.lower() == "capture" for t in trigger)
        if captured and _person_captured(doc, trigger, sentence):
            # "the suspects were captured": an arrest; "the man was captured by unidentified attackers": an abduction
            return "abduction" if _done_by(doc, trigger, UNOFFICIAL_TAKERS) else "arrest"
        if any(t.lemma_.lower() in TAKING_LEMMAS for t in trigger) and _names_a_person(
                doc, trigger.end, sentence.end, names=False):
            # "rebels captured two off-duty soldiers", "JNIM seized four truck drivers": people taken, by an
            # armed group an abduction, else an arrest ("troops seized the lawmaker at a roadblock")
            clause = max((t.i + 1 for t in doc[sentence.start : trigger.start] if t.lower_ in {";", "that"}),
                         default=sentence.start)  # "..., killing seven rebels, adding that troops captured four"
            by_the_state = clause > sentence.start and any(
                t.lower_ in STATE_AGENTS for t in doc[clause : trigger.start])
            armed = not by_the_state and _taken_by_armed_group(doc, sentence.start, trigger.start)
            return "abduction" if armed else "arrest"
        things = _things_captured(doc, trigger, sentence)
        if captured and things:
            # "captured two tanks", "a helicopter that was captured by the authorities": weapons seized (ACLED's
            # disrupted weapons use), neither people nor ground; "captured a fishing boat" is no event
            return "weapons_seizure" if things & SEIZED_WEAPONS else None
        if words & TERRITORY_WORDS or _place_undergoes(doc, trigger, sentence) or any(
                t.i in covered_tokens(doc, PLACES_KEY) for t in trigger[1:]):
            # "... the town", "Kidal was retaken by rebels", "entered Goma unopposed"
            return _territory_kind(doc, trigger, sentence)
        following = doc[trigger.end : min(sentence.end, trigger.end + 3)]
        if following and following[0].lower_ == "the":
            following = following[1:]
        if len(following) and (not following[0].is_lower or following[0].lower_ in DIRECTION_WORDS) and any(
                t.text[:1].isupper() and t.is_alpha and t.lower_ not in MONTHS and t.lower_ not in WEEKDAYS
                for t in following[:2]):
            # "captured Bakhmut", not "captured by the Northern Alliance"
            return _territory_kind(doc, trigger, sentence)
        if len(following) > 1 and following[0].lower_ == "of" and following[1].i in covered_tokens(doc, PLACES_KEY):
            return _territory_kind(doc, trigger, sentence)  # "the capture of Kidal", not "the capture of Saddam"
        return "arrest" if captured or _done_by(doc, trigger, STATE_AGENTS) else None  # "a blogger, seized by police"
    return label


# Who strikes from the air: an attack they carry out is an air strike (ACLED's "Air/drone strike").
AIRCRAFT_PLURALS = frozenset({"jets", "planes", "warplanes", "gunships", "bombers"})
AIRCRAFT_AGENTS = AIRCRAFT_NOUNS | AIRCRAFT_PLURALS | {"airforce"}
PERSON_BOMBERS = frozenset({"suicide", "car", "would-be", "alleged", "suspected"})  # "suicide bombers" are people
# What an aircraft crash needs its sentence to name: an aircraft (or its pilot), not a car.
CRASHING_CRAFT = AIRCRAFT_NOUNS | AIRCRAFT_PLURALS | DRONE_AGENTS | MILITARY_CRAFT | {
    "helicopters", "aircrafts", "airplane", "airplanes", "airliner", "airliners", "chopper", "choppers", "fighter",
    "fighters", "bomber", "glider", "pilot", "pilots", "co-pilot", "boeing", "airbus", "antonov", "tupolev", "ilyushin",
    "cessna", "embraer"}
TARGET_MARKERS = frozenset({"on", "at", "against", "down", "toward", "towards", "a", "an"})  # "shot down a plane"
AGENT_REACH = 10  # words from the aircraft back-reference to the attack


# The weapons a strike "with" them is fired from the ground by (ACLED's shelling, artillery and missile attacks).
ROCKET_WEAPONS = frozenset({"missile", "missiles", "rocket", "rockets", "himars", "atacms", "iskander", "iskanders",
                            "kalibr", "kinzhal", "grad", "grads", "katyusha", "katyushas", "mlrs", "tochka"})
GUN_WEAPONS = frozenset({"artillery", "mortar", "mortars", "howitzer", "howitzers", "shells", "tank", "tanks",
                         "cannon", "cannons"})
AIRBORNE_WORDS = AIRCRAFT_AGENTS | DRONE_AGENTS | {"airstrike", "airstrikes", "air", "aerial", "bombs"}
# What, captured, is a weapon seized: ACLED's disrupted weapons use covers "the seizure of weapons or weapons
# platforms" ("captured two tanks", "a helicopter that was captured").
SEIZED_WEAPONS = (ARMS_WORDS - VEHICLE_WORDS) | CRASHING_CRAFT | MILITARY_CRAFT | frozenset({
    "equipment", "ammunition", "weapons", "weapon", "arms", "cache", "caches", "depot", "depots", "pistol", "pistols",
    "grenade", "launcher", "detonators"})
# What is captured when it is no one: weapons, and things that are none (a boat or a flag captured is no event).
CAPTURED_THINGS = SEIZED_WEAPONS | VEHICLE_WORDS | frozenset({
    "ship", "ships", "vessel", "vessels", "boat", "boats", "tanker", "tankers", "documents", "flag"})
THING_REACH = 4  # words either side of "captured" where the captured thing is named
# A weapon's name alone in a seizure's haul: "captured three tanks and a rocket launcher" fired nothing.
STRUCK_DEVICES = frozenset({"mine", "mines", "landmine", "landmines", "ied", "ieds", "explosive", "device"})
HAUL_WORDS = ARMS_WORDS | ROCKET_WEAPONS | GUN_WEAPONS | {"rounds"}  # "a cache of rockets and mortar rounds"
SEIZING_WORDS = frozenset({"seized", "seize", "seizes", "seizing", "seizure", "seizures", "confiscated", "confiscate",
                           "confiscates", "confiscating", "impounded", "recovered", "captured"})
INSTRUMENT_REACH = 10  # words from the strike to "with" ("struck a Russian ammunition depot in Donetsk region with")


def _fired_from_the_ground(doc: Doc, trigger: Span, sentence: Span) -> str | None:
    """"missile_strike" or "shelling" for a strike made "with" rockets or guns, when the sentence names no
    aircraft or drone: "struck a depot with HIMARS", "attacked the base with mortars"."""
    for k in range(trigger.end, min(sentence.end, trigger.end + INSTRUMENT_REACH)):
        if doc[k].lower_ in {";", "while", "but", "and", "after", "when"}:
            return None
        if doc[k].lower_ == "with":
            for token in doc[k + 1 : min(sentence.end, k + 4)]:
                if token.lower_ in ROCKET_WEAPONS:
                    return "missile_strike"
                if token.lower_ in GUN_WEAPONS:
                    return "shelling"
            return None
    return None


def _attacking_craft(doc: Doc, trigger: Span, sentence: Span) -> str | None:
    """"air_strike" or "drone_strike" when aircraft or drones carry out the attack: they are its subject
    before it ("Russian aircraft ... killed 46 civilians in an attack") or its agent after "by" ("killed by
    Israeli warplanes"); an aircraft attacked ("an attack on a plane", "shot down a helicopter") is not."""
    def kind(token: Token) -> str | None:
        lower = token.lower_
        if lower in DRONE_AGENTS:
            return "drone_strike"
        if lower in AIRCRAFT_AGENTS and not (token.i > 0 and token.nbor(-1).lower_ in PERSON_BOMBERS) or (
                lower == "force" and token.i > 0 and token.nbor(-1).lower_ == "air"):
            return "air_strike"  # "warplanes", "the air force"
        return None

    # from the trigger's last word back: "warplanes attacked" names its craft itself
    for k in range(trigger.end - 1, max(sentence.start, trigger.start - AGENT_REACH) - 1, -1):
        token = doc[k]
        if token.lower_ in {";", "while", "but", "after", "before", "when"} or token.text == ".":
            break
        found = kind(token)
        if found is not None:
            after = doc[k + 1].lower_ if k + 1 < len(doc) else ""
            before = doc[k - 1].lower_ if k > sentence.start else ""
            if before in TARGET_MARKERS or after in {"crash", "crashed", "crashes"}:
                return None
            return found
    for k in range(trigger.end, min(sentence.end, trigger.end + 4)):
        if doc[k].lower_ == "by":
            for j in range(k + 1, min(sentence.end, k + 4)):
                found = kind(doc[j])
                if found is not None:
                    return found
            break
    return None


PASSIVE_WORDS = BE_FORMS | {"be"}
PERFECT_WORDS = frozenset({"have", "has", "had", "having"})
PERSON_PRONOUNS = frozenset({"he", "she", "they", "who", "i", "we", "him", "her", "them"})
# People a passive capture is an arrest of: "the two inmates ... have been captured in Chattanooga".
CAUGHT_PEOPLE = frozenset({"inmate", "inmates", "prisoner", "prisoners", "suspect", "suspects", "fugitive", "fugitives",
                           "escapee", "escapees", "accomplice", "accomplices", "gunman", "gunmen", "killer", "killers",
                           "robber", "robbers", "attacker", "attackers", "assailant", "assailants", "shooter", "shooters",
                           "smuggler", "smugglers", "poacher", "poachers", "kidnapper", "kidnappers", "convict", "convicts"})


# Ground given up rather than taken: ACLED's non-violent transfer of territory ("withdrew from", "handed over").
HANDOVER_LEMMAS = frozenset({"withdraw", "withdrawal", "retreat", "hand", "handover", "cede", "abandon", "evacuate",
                             "surrender", "pull", "pullout", "pull-out"})


def _territory_kind(doc: Doc, trigger: Span, sentence: Span) -> str:
    """Who changed a territory's control, as ACLED tells them apart: ground withdrawn from or handed over is a
    non-violent transfer; ground an armed group takes ("JNIM overran the town", "Kidal was retaken by rebels"),
    with no state force beside it, a non-state actor's; else the government's (or a taker the text leaves unsaid)."""
    if any(t.lemma_.lower() in HANDOVER_LEMMAS for t in doc[max(sentence.start, trigger.start - 3) : trigger.end]):
        return "territory_handover"  # "withdrew from", "handed over control of"
    clause = _own_clause(doc, trigger, sentence)
    by = next((t.i for t in doc[trigger.end : min(clause.end, trigger.end + 3)] if t.lower_ == "by"), None)
    passive = trigger.start > clause.start and doc[trigger.start - 1].lower_ in PASSIVE_WORDS
    if by is not None:
        agent = doc[by + 1 : min(clause.end, by + 5)]
    elif passive:
        return "territory_change"  # "the rebels said Kidal had been captured": who took it is not said
    else:
        agent = doc[clause.start : trigger.start]
    if any(t.lower_ in STATE_AGENTS for t in agent):
        return "territory_change"
    return "territory_overtaken" if _taken_by_armed_group(doc, agent.start, agent.end) else "territory_change"


def _done_by_a_crowd(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """Whether the words before a past-tense, active trigger in its clause give it to a crowd ("protesters",
    "a mob", "angry villagers") and to no armed group or state force: "residents said gunmen attacked" is the
    gunmen's."""
    deed = next((t for t in trigger if t.lower_.endswith("ed") or t.lower_ in IRREGULAR_DEEDS), None)
    if deed is None or (deed.i > 0 and doc[deed.i - 1].lower_ in PASSIVE_WORDS):
        return False  # the crowd must do it: "villagers were killed", "after the killing of" are done to people
    start = trigger.start
    while start > max(sentence.start, trigger.start - CROWD_REACH) and doc[start - 1].lower_ not in CROWD_BREAKS:
        start -= 1  # back to the subject: "villagers armed with machetes attacked", not "... bombing that killed"
    before = {t.lower_ for t in doc[start : trigger.start]}
    return bool(before & CROWD_WORDS) and not before & STATE_AGENTS and not _taken_by_armed_group(
        doc, start, trigger.start)


CROWD_REACH, RIOT_DEED_REACH = 7, 12  # words from a crowd back to its deed; from a riot to a deed joined by "and"
IRREGULAR_DEEDS = frozenset({"set", "threw", "beat", "fought", "burnt", "broke", "stole", "shot"})  # past, no "-ed"
CROWD_BREAKS = frozenset({",", ";", ":", "that", "which", "who", "when", "after", "before", "while", "as"})


def _things_captured(doc: Doc, trigger: Span, sentence: Span) -> frozenset[str]:
    """The thing words next to "captured" when they name equipment and no ground: "captured two tanks and a
    cache of ammunition near the town", "a Mi-26 helicopter that was captured by the authorities" (not
    "captured the town and two tanks", "captured Bakhmut"); empty otherwise."""
    end = min(sentence.end, trigger.end + THING_REACH)
    agent = next((t.i for t in doc[trigger.end : end] if t.lower_ == "by"), end)  # "by the Sudanese authorities"
    near = doc[max(sentence.start, trigger.start - THING_REACH) : agent]
    places = covered_tokens(doc, PLACES_KEY)
    if any(t.lower_ in TERRITORY_WORDS or t.i in places for t in near):
        return frozenset()
    return frozenset(t.lower_ for t in near if t.lower_ in CAPTURED_THINGS)


def _seizure(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """Whether a seizing word lies in or next to an arms trigger, in its clause: "seized a shipment of
    rifles", "300 rifles smuggled from Albania were seized"."""
    clause = _own_clause(doc, trigger, sentence)
    near = doc[max(clause.start, trigger.start - THING_REACH) : min(clause.end, trigger.end + THING_REACH)]
    return any(t.lower_ in SEIZING_WORDS for t in near)


def _person_captured(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """"He was captured", "Shalit was captured", "the suspects were captured": a passive capture whose subject
    is a pronoun, someone wanted or a name no place span covers is a person's (the town that "was captured"
    has its place, or its noun)."""
    k = trigger.start - 1
    while k > sentence.start and doc[k].lower_.endswith("ly") and doc[k].is_alpha:
        k -= 1  # "he was finally captured"
    if k <= sentence.start or doc[k].lower_ not in PASSIVE_WORDS:
        return False
    while k - 1 > sentence.start and doc[k - 1].lower_ in PERFECT_WORDS:
        k -= 1  # "have been captured"
    subject = doc[k - 1]
    if subject.lower_ in PERSON_PRONOUNS or subject.lower_ in CAUGHT_PEOPLE or subject.lower_ in PERSON_NOUNS:
        return True
    if not (subject.text[:1].isupper() and subject.is_alpha) or subject.lower_ in TERRITORY_WORDS:
        return False
    return subject.i not in covered_tokens(doc, PLACES_KEY)


def _place_undergoes(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """A recognised literal place is the subject of the passive the trigger ends: "Kidal was retaken", or
    "Kidal was captured" when the geoparser read the name as ground taken (``TAKEN_KEY``)."""
    places = [span for span in doc.spans.get(PLACES_KEY, []) if sentence.start <= span.start < trigger.start
              and span._.usage == Usage.LITERAL.value]
    taken = doc.user_data.get(TAKEN_KEY, ())
    return any((undergoes(doc, span.end) or span.start in taken) and span.end < trigger.start <= span.end + 5
               for span in places)
