"""Which event a weapon word names, read from what its sentence says happened to the weapon: a "trial" with a
weapon and no court is the weapon's test; an old mortar round that went off in a child's hands an explosion, not
a shelling; howitzers fire no air strike; the rocket fire two sides exchanged is their clash; a strike on a
practice target, simulated, or in a drill "involving" it is the drill's or the test's; and a ship "intercepted"
with arms aboard is a seizure, not a weapon stopped. Likewise what the sentence says of the strike's author or
cargo: an earthquake that "struck" attacks no one, a bombardment "by an unidentified aircraft" is an air strike, a
drone that crashed in a strike is the strike's, a batch of arms that "arrived" is a delivery, and what happens
"during the drills" is the drill's. (Also: people "rushed to the hospital" are no deployment.)"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from geomap.events.conflict_words import ARMS_WORDS, DRONE_AGENTS, MILITARY_CRAFT, MILITARY_WORDS, STRIKING_TYPES
from geomap.nlp.words import AIRCRAFT_NOUNS, MODEL_DESIGNATION

# What makes a trial a court's: without one of these, a trial beside a weapon is the weapon's ("the cruise missile
# flew 14,000 km during a recent trial").
COURT_WORDS = frozenset({"court", "courts", "courtroom", "judge", "judges", "prosecutor", "prosecutors", "prosecution",
                         "defendant", "defendants", "accused", "charge", "charges", "charged", "verdict", "tribunal",
                         "jury", "lawyer", "lawyers", "testified", "testimony", "convicted", "acquitted", "sentenced",
                         "indicted", "indictment", "magistrate", "magistrates", "guilty", "crimes", "murder", "treason",
                         "terrorism", "coup", "corruption", "bail", "appeal", "plea", "absentia", "case"})
TRIAL_LEMMAS = frozenset({"trial"})
TESTED_WEAPONS = ARMS_WORDS | MILITARY_CRAFT

# An explosive that "went off" or "exploded" after it was found or handled is left-over ordnance (ACLED's remote
# explosive), not the shelling its name suggests ("an old mortar round they found went off in their hands").
ORDNANCE_WORDS = frozenset({"mortar", "mortars", "shell", "shells", "round", "rounds", "grenade", "grenades", "rocket",
                            "rockets", "ordnance", "munition", "munitions", "projectile", "projectiles", "artillery"})
GOING_OFF = frozenset({"exploded", "explodes", "exploding", "detonated", "detonating", "blew", "went", "goes", "go"})
LEFT_OVER_CUES = frozenset({"old", "unexploded", "leftover", "left-over", "abandoned", "discarded", "found", "picked",
                            "playing", "played", "tampering", "tampered", "handling", "handled", "collecting",
                            "collected", "dug", "unearthed", "scavenging", "herding"})
GOING_OFF_REACH = 12  # tokens after the weapon's name where its going off is told
# ... and one that was found is a find, whatever was then done with it ("detonated a mortar round found by farmers")
FINDING_LEMMAS = frozenset({"find", "discover", "uncover", "unearth", "recover"})
FOUND_REACH = 3  # tokens after the munition's name where its finding is told
GROUND_FIRE_TYPES = frozenset({"shelling", "missile_strike"})

# A strike named as a kind of drill ("a maritime strike drill") or aimed at a practice target in a sentence that
# reports a drill or a test ("the missile hit a target off Sinop", "sank a decommissioned frigate") is the drill's or
# the test's, not a strike of its own.
DRILL_WORDS = frozenset({"drill", "drills", "exercise", "exercises", "manoeuvre", "manoeuvres", "maneuver",
                         "maneuvers", "rehearsal", "rehearsals", "wargame", "wargames", "simulation"})
PRACTICE_TARGETS = frozenset({"target", "targets", "decommissioned", "mock", "dummy", "simulated", "practice",
                              "retired", "hulk", "drone-boat"})
PRACTICE_REACH = 4  # tokens after the strike where its target is named
PRACTISING_TYPES = frozenset({"military_exercise", "weapons_test"})
SIMULATING_WORDS = frozenset({"simulate", "simulated", "simulates", "simulating", "rehearse", "rehearsed",
                              "rehearses", "rehearsing", "mock"})

# A ship, boat or lorry "intercepted" with arms on board is a seizure of the arms, not a weapon stopped in flight.
CARRIER_WORDS = frozenset({"car", "cars", "vehicle", "vehicles", "truck", "trucks", "van", "pickup", "vessel",
                           "vessels", "ship", "ships", "boat", "boats", "dhow", "dhows", "shipment", "shipments",
                           "consignment", "consignments", "cargo", "container", "containers", "lorry", "lorries",
                           "freighter", "tanker"})
CARRIER_REACH = 3  # tokens after the interception where the carrier is named
# What shows arms aboard: not "the military said", and not explosives, which make a car a bomb ("neutralised a car
# packed with explosives" is a bomb made safe)
CARRIED_ARMS = ARMS_WORDS - {"military", "vehicles", "systems", "explosives"}

# A gun on the ground fires no air strike ("howitzers pounded Russian positions"): whatever the model reads.
GROUND_GUNS = frozenset({"howitzer", "howitzers", "artillery", "mortar", "mortars", "cannon", "cannons", "tank",
                         "tanks", "gunboat", "gunboats"})
AIR_TYPES = frozenset({"air_strike", "drone_strike"})
# ... unless the trigger names the aircraft that carries it ("an AC-130 gunship raked the building with cannon fire")
AIRBORNE_GUNS = MILITARY_CRAFT | AIRCRAFT_NOUNS | frozenset({"helicopters", "jets", "planes", "warplanes", "drone",
                                                             "drones", "bomber", "bombers", "gunships"})

# People rushed or sent "to the hospital" are patients, not a force deployed ("three wounded soldiers were rushed
# to the hospital").
CARE_PLACES = frozenset({"hospital", "hospitals", "clinic", "clinics", "morgue", "mortuary", "infirmary"})
CARE_REACH = 4  # tokens after the trigger where the hospital is named

# A game's words: an attack, a battle, a shot down or a bombardment in a sentence about sport is play ("Striker
# Moussa Diabate led the attack as Mali beat Ghana 2-0", "launched a kingside attack on move 22"), unless the
# sentence also tells of harm or of armed men ("gunmen attacked fans after the match").
SPORT_WORDS = frozenset({"striker", "strikers", "midfielder", "midfielders", "goalkeeper", "goalkeepers", "winger",
                         "grandmaster", "chess", "kingside", "queenside", "match", "tournament", "championship",
                         "goals", "scored", "wicket", "innings", "playoff", "playoffs", "semifinal", "semi-final",
                         "quarterfinal", "quarter-final", "halftime", "half-time", "olympics", "fifa", "uefa",
                         "badminton", "tennis", "cricket", "rugby"})
SCORE = re.compile(r"\d{1,2}-\d{1,2}")  # "beat Ghana 2-0"
PLAYED_TYPES = frozenset({"attack", "armed_clash", "interception", "shelling", "air_strike", "missile_strike"})
REAL_HARM_WORDS = frozenset({"killed", "killing", "dead", "died", "wounded", "injured", "troops", "soldiers",
                             "militants", "rebels", "gunmen", "army", "military", "police", "bomb", "bombs", "missile",
                             "missiles", "rocket", "rockets", "artillery", "airstrike", "airstrikes", "war",
                             "jihadists", "insurgents", "stabbed", "shooting", "mob", "mobs", "attackers", "assailants",
                             "gang", "gangs", "hooligans"})

# A force of nature that "struck" or "hit" a place is a disaster, not an attack ("a magnitude 6.3 earthquake struck
# Herat province", "floods hit the delta").
NATURAL_FORCES = frozenset({"earthquake", "earthquakes", "quake", "quakes", "tremor", "tremors", "aftershock",
                            "aftershocks", "storm", "storms", "cyclone", "cyclones", "hurricane", "hurricanes",
                            "typhoon", "typhoons", "tornado", "tornadoes", "flood", "floods", "flooding", "floodwaters", "tsunami",
                            "landslide", "landslides", "mudslide", "mudslides", "avalanche", "lightning", "wildfire",
                            "wildfires", "drought", "blizzard", "heatwave", "downpour", "downpours", "rains", "monsoon",
                            "outbreak", "epidemic",
                            # pests that "invaded" or "attacked" fields ("locust swarms invaded farmland")
                            "locust", "locusts", "pests", "insects", "grasshoppers", "caterpillars", "armyworms"})
NATURE_STRIKING_LEMMAS = frozenset({"strike", "hit", "pound", "batter", "lash", "ravage", "devastate", "rock", "slam",
                                    "invade", "attack", "overrun", "swarm"})
NATURE_STRUCK_TYPES = STRIKING_TYPES | {"armed_clash", "incursion", "territory_change"}
NATURE_REACH = 3  # tokens before the verb where the force of nature is named

# "live-fire" before a practice noun ("a live-fire evaluation", "live-fire drills") is practice, not a strike.
PRACTICE_NOUNS = DRILL_WORDS | {"evaluation", "evaluations", "test", "tests", "trial", "trials", "training", "practice"}

# A bombardment "by" an aircraft is from the air ("the bombardment of a cattle market by an unidentified aircraft").
BOMBARD_LEMMAS = frozenset({"bombardment", "bombard", "bombing", "shelling"})
BY_CRAFT_REACH = 8  # tokens after the trigger where "by" names who bombarded

# A drone that "crashed" in a strike, an incursion or an interception the sentence reports is that event's drone,
# not a military aircraft crash ("a drone strayed into Romanian airspace during an attack and crashed in a field").
DRONE_WORDS = DRONE_AGENTS | {"shahed", "shaheds"}
CREWED_CRAFT = AIRBORNE_GUNS - DRONE_WORDS | {"pilot", "pilots", "crew", "airliner"}
CRASH_CAUSES = STRIKING_TYPES | {"drone_strike", "incursion", "interception"}

# "The first batch of F-16 jets has arrived": what a batch, consignment or delivery of arms did is the delivery,
# not a deployment (whatever the model reads in "jets has arrived in").
DELIVERY_NOUNS = frozenset({"batch", "batches", "consignment", "consignments", "tranche", "tranches", "delivery",
                            "deliveries", "shipment", "shipments"})
DELIVERY_REACH = 12  # tokens before the trigger where "batch of" stands ("batch of US-made F-16 fighter jets")
DEPLOYED_PEOPLE = frozenset({"troops", "soldiers", "instructors", "advisers", "advisors", "personnel", "mercenaries",
                             "fighters", "marines", "paratroopers", "recruits", "trainers", "officers", "peacekeepers",
                             "reinforcements", "contractors"})
DELIVERY_BREAKS = frozenset({",", ";", "and", "while", "but", "as", "after", "before", "when"})

# Fire two sides "exchanged" or "traded" is their clash's ("exchanged machine-gun and rocket-propelled grenade fire")
EXCHANGE_LEMMAS = frozenset({"exchange", "trade"})
EXCHANGE_REACH = 8  # tokens before the weapon where the exchange verb may stand
FIRE_REACH = 6  # tokens after the weapon where the fire it names may stand


def sense_in_sentence(doc: Doc, trigger: Span, sentence: Span, words: frozenset[str], label: str,
                      triggers: Sequence[Span]) -> str | None:
    """``label`` as the weapon's fate in the sentence (``words``: its lower-cased words) bears it out: a weapons
    test, an explosion, a shelling by guns on the ground, or None where the trigger is part of a clash, a drill or
    a test the sentence reports anyway, or where the people "rushed" were taken to hospital."""
    if label in PLAYED_TYPES and _played(sentence, words):
        return None
    if label in NATURE_STRUCK_TYPES and trigger[-1].lemma_.lower() in NATURE_STRIKING_LEMMAS and any(
            t.lower_ in NATURAL_FORCES for t in doc[max(sentence.start, trigger.start - NATURE_REACH) : trigger.start]):
        return None
    if label == "aircraft_crash" and words & DRONE_WORDS and not words & CREWED_CRAFT and any(
            t.label_ in CRASH_CAUSES for t in triggers if t is not trigger):
        return None
    if label == "deployment" and after_a_delivery_noun(trigger):
        return "arms_shipment"
    if label == "deployment" and any(t.lower_ == "by"
                                     for t in doc[max(sentence.start, trigger.start - 2) : trigger.start]):
        return None  # "mortar rounds fired by M23 fighters landed in Sake": the rounds landed, no force moved
    if label == "military_exercise" and all(t.lower_ in SIMULATING_WORDS for t in trigger) and any(
            t.label_ == "weapons_test" for t in triggers):
        return None  # "a flight test of the Arrow 3 system against a simulated target": the test's target
    if label in STRIKING_TYPES and _live_fire_practice(doc, trigger, sentence):
        return None
    if label in GROUND_FIRE_TYPES and _bombarded_from_the_air(doc, trigger, sentence):
        return "air_strike"
    if label == "court_hearing" and all(t.lemma_.lower() in TRIAL_LEMMAS for t in trigger) and not words & COURT_WORDS:
        if words & TESTED_WEAPONS:
            return "weapons_test"
    if label in AIR_TYPES and any(t.lower_ in GROUND_GUNS for t in trigger) and not any(
            t.lower_ in AIRBORNE_GUNS for t in trigger):
        return "shelling"
    if label == "deployment" and any(t.lower_ in CARE_PLACES
                                     for t in doc[trigger.start : min(sentence.end, trigger.end + CARE_REACH)]):
        return None
    if label in GROUND_FIRE_TYPES and _left_over_ordnance(doc, trigger, sentence, words):
        return "explosion"
    if label != "military_exercise" and any(t.lower_ in SIMULATING_WORDS
                                            for t in doc[max(sentence.start, trigger.start - 3) : trigger.start]):
        return None  # "to simulate a blockade of the island's ports", "a mock attack": no event
    if label in STRIKING_TYPES and (_fire_exchanged(doc, trigger, sentence, triggers)
                                    or _practised(doc, trigger, sentence, triggers)):
        return None
    if label == "incursion" and _civilians_crossed(doc, trigger, sentence):
        return None
    if label == "explosion" and _nuclear_blast(doc, trigger, sentence):
        return "weapons_test"
    if label == "interception" and _arms_carrier_stopped(doc, trigger, sentence, words):
        return "weapons_seizure"
    return label


# A state that "exploded" or "detonated" nuclear devices tested them ("where the Soviet Union exploded 450 nuclear
# devices"): a nuclear blast is never an IED's.
NUCLEAR_WORDS = frozenset({"nuclear", "atomic", "thermonuclear", "hydrogen"})
NUCLEAR_REACH = 5  # tokens after the verb where "nuclear" stands ("exploded more than 450 nuclear devices")


def _nuclear_blast(doc: Doc, trigger: Span, sentence: Span) -> bool:
    return any(t.lower_ in NUCLEAR_WORDS for t in doc[trigger.start : min(sentence.end, trigger.end + NUCLEAR_REACH)])


# People who cross a border of their own accord make no incursion ("those found there had crossed", "migrants
# crossed into Poland"): an incursion is a force's.
CROSSING_CIVILIANS = frozenset({"migrants", "migrant", "refugees", "refugee", "asylum-seekers", "seekers", "those",
                                "civilians", "smugglers", "traffickers", "herders", "fishermen", "tourists", "hikers",
                                "families", "villagers", "people", "residents"})
CROSSER_REACH = 4  # tokens before the trigger where who crossed is named


def _civilians_crossed(doc: Doc, trigger: Span, sentence: Span) -> bool:
    for t in reversed(doc[max(sentence.start, trigger.start - CROSSER_REACH) : trigger.start]):
        if t.is_punct:
            return False
        if t.lower_ in CROSSING_CIVILIANS:
            return True
    return False


def after_a_delivery_noun(trigger: Span) -> bool:
    """"batch of", "consignment of" shortly before the trigger, or as its first words."""
    doc = trigger.doc
    for t in reversed(doc[max(trigger.sent.start, trigger.start - DELIVERY_REACH) : trigger.end - 1]):
        if t.i < trigger.start and t.lower_ in DELIVERY_BREAKS:
            return False  # "a delivery of rifles was delayed, and troops were sent": another clause
        if t.lower_ in DELIVERY_NOUNS and doc[t.i + 1].lower_ == "of":
            # "a fresh batch of military instructors and air defence equipment": people flown in are deployed
            return not any(w.lower_ in DEPLOYED_PEOPLE for w in doc[t.i : trigger.end])
    return False


def _live_fire_practice(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """The trigger ends in "live-fire" and a practice noun follows ("missiles during a live-fire evaluation")."""
    texts = [t.lower_ for t in trigger[-3:]]
    return (texts == ["live", "-", "fire"] and trigger.end < sentence.end
            and doc[trigger.end].lower_ in PRACTICE_NOUNS)


def _bombarded_from_the_air(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """A bombardment "by" an aircraft ("by an unidentified aircraft", "by government warplanes")."""
    if trigger[-1].lemma_.lower() not in BOMBARD_LEMMAS:
        return False
    after = doc[trigger.end : min(sentence.end, trigger.end + BY_CRAFT_REACH)]
    by = next((t.i for t in after if t.lower_ == "by"), None)
    if by is None:
        return False
    for t in doc[by + 1 : min(sentence.end, by + 5)]:
        if t.is_punct:
            return False
        if t.lower_ in AIRBORNE_GUNS:
            return True
    return False


def _practised(doc: Doc, trigger: Span, sentence: Span, triggers: Sequence[Span]) -> bool:
    """The strike names a kind of drill ("a live-fire strike drill"), or hits a practice target in a sentence
    that reports a drill or a test."""
    if trigger.end < sentence.end and doc[trigger.end].lower_ in DRILL_WORDS:
        return True
    practice = [t for t in triggers if t is not trigger and t.label_ in PRACTISING_TYPES]
    if not practice:
        return False
    # the trigger may name the target itself ("hitting all target drones"), or a test before it may ("trialled
    # against target drones, with every drone destroyed")
    first = min((t.end for t in practice if sentence.start <= t.start and t.end <= trigger.start), default=trigger.start)
    reach = doc[first : min(sentence.end, trigger.end + PRACTICE_REACH)]
    return any(t.lower_ in PRACTICE_TARGETS for t in reach)


def _arms_carrier_stopped(doc: Doc, trigger: Span, sentence: Span, words: frozenset[str]) -> bool:
    """"intercepted a vessel carrying anti-tank missiles": the interception stops a carrier the sentence says
    holds arms (not explosives: "intercepted a car packed with explosives" stopped a bomb)."""
    if not any(t.lemma_.lower() == "intercept" for t in trigger):
        return False  # "defused", "neutralised": a device made safe
    after = doc[trigger.end : min(sentence.end, trigger.end + CARRIER_REACH)]
    return any(t.lower_ in CARRIER_WORDS for t in after) and bool(words & CARRIED_ARMS)


def _left_over_ordnance(doc: Doc, trigger: Span, sentence: Span, words: frozenset[str]) -> bool:
    """The trigger names only a munition, which the sentence has go off after someone found or handled it."""
    if not all(t.lower_ in ORDNANCE_WORDS or not t.is_alpha for t in trigger):
        return False
    after = [t.lower_ for t in doc[trigger.end : min(sentence.end, trigger.end + GOING_OFF_REACH)]]
    went_off = any(word in GOING_OFF and (word not in {"went", "goes", "go", "blew"} or following in {"off", "up"})
                   for word, following in zip(after, after[1:] + [""]))
    return went_off and bool(words & LEFT_OVER_CUES)


def found_ordnance(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """A shelling or missile trigger that names only a munition the sentence says was found ("a 60mm mortar round
    found by farmers"): the find of a weapon, made safe by the interception beside it."""
    if trigger.label_ not in GROUND_FIRE_TYPES or not all(
            t.lower_ in ORDNANCE_WORDS or not t.is_alpha for t in trigger):
        return False
    after = doc[trigger.end : min(sentence.end, trigger.end + FOUND_REACH)]
    return any(t.lemma_.lower() in FINDING_LEMMAS for t in after)


def _fire_exchanged(doc: Doc, trigger: Span, sentence: Span, triggers: Sequence[Span]) -> bool:
    """The trigger is (or names the weapon of) fire an exchange verb shortly before it governs, beside a clash
    trigger of the sentence."""
    if not any(t.label_ == "armed_clash" for t in triggers if t is not trigger):
        return False
    ahead = doc[trigger.end - 1 : min(sentence.end, trigger.end + FIRE_REACH)]  # "traded mortar and machine-gun fire"
    fire = next((t for t in ahead if t.lower_ == "fire" or (t.is_punct and t.text != "-")), None)
    if fire is None or fire.lower_ != "fire":
        return False
    before = doc[max(sentence.start, trigger.start - EXCHANGE_REACH) : trigger.start]
    return any(t.lemma_.lower() in EXCHANGE_LEMMAS for t in before)


# What a drill is made of: what it rehearses ("rehearsing the rapid reinforcement of its eastern flank", "sending
# warplanes to practise strikes"), a deployment told in a participle joined to it ("launched drills around Taiwan,
# sending warships"), and what it is said to involve ("drills involving fast attack boats and missile launches").
REHEARSING_LEMMAS = frozenset({"rehearse", "practise", "practice", "simulate", "train", "test"})
INVOLVING_WORDS = frozenset({"involving", "including", "featuring"})
INVOLVING_REACH = 8  # tokens back from the trigger to "involving"
DRILL_PARTS = STRIKING_TYPES | {"deployment", "weapons_test", "incursion"}  # "practising swarm attacks", "... raids"


def part_of_the_drill(doc: Doc, trigger: Span, drills: Sequence[Span]) -> bool:
    """A strike, a deployment or a launch that a drill before it in the sentence is made of."""
    if trigger.label_ not in DRILL_PARTS or not any(drill.end <= trigger.start for drill in drills):
        return False
    if trigger.label_ != "weapons_test" and _rehearsed(doc, trigger):
        return True
    before = doc[max(trigger.sent.start, trigger.start - INVOLVING_REACH) : trigger.start]
    if any(t.lower_ in INVOLVING_WORDS for t in before):
        return True
    if any(_within_the_drill(doc, drill) for drill in drills):
        return True  # "During the drills, marines stormed a beach near Pohang in an amphibious assault"
    return trigger.label_ == "deployment" and trigger[0].lower_.endswith("ing") and doc[trigger.start - 1].text == ","


REHEARSAL_REACH = 10  # tokens back from the trigger to what rehearses it ("simulating a response to a cross-border raid")


def _rehearsed(doc: Doc, trigger: Span) -> bool:
    """A rehearsing word ("simulating", "practising") governs the trigger in its clause."""
    for k in range(trigger.end - 1, max(trigger.sent.start, trigger.start - REHEARSAL_REACH) - 1, -1):
        if doc[k].lemma_.lower() in REHEARSING_LEMMAS:
            return True
        if k < trigger.start and doc[k].text in {",", ";", ":", "(", ")"}:
            return False
    return False


DURING_WORDS = frozenset({"during", "throughout", "amid"})


def _within_the_drill(doc: Doc, drill: Span) -> bool:
    """The drill is named as the time of what the sentence tells: "during the drills", "throughout the exercise"."""
    k = drill.start - 1
    while k > drill.sent.start and (doc[k].lower_ in {"the", "a", "an", "its", "their", "these", "this"}
                                    or doc[k].lower_.endswith(("al", "ed", "ing", "ive"))):
        k -= 1  # "during the annual joint naval drills"
    return k >= drill.sent.start and doc[k].lower_ in DURING_WORDS


def _played(sentence: Span, words: frozenset[str]) -> bool:
    """The sentence is about a game (its words, or a score) and tells of no harm and no armed men."""
    return bool((words & SPORT_WORDS or any(SCORE.fullmatch(t.text) for t in sentence))
                and not words & REAL_HARM_WORDS)


def craft_model_named(sentence: Span, words: frozenset[str]) -> bool:
    """Whether the sentence names a craft by its model designation and speaks of armed forces: "an Indian Air
    Force MiG-21 crashed" ("a Ford F-150 crashed" has no force)."""
    return bool(words & MILITARY_WORDS) and any(MODEL_DESIGNATION.fullmatch(t.text) for t in sentence)


# Words before an exercise's name that are not part of it.
NOT_A_NAME = frozenset({"The", "A", "An", "In", "On", "At", "During", "After", "Before"})


def named_exercise(doc: Doc, trigger: Span, sentence: Span) -> bool:
    """An exercise called by its name ("their annual Freedom Shield exercise", "Exercise Steadfast Defender",
    "the Zapad drills"): a name is given to armed forces' drills, not to a workout."""
    before = doc[trigger.start - 1] if trigger.start > sentence.start + 1 else None
    after = doc[trigger.end] if trigger.end < sentence.end else None
    return bool((before is not None and before.is_title and before.text not in NOT_A_NAME)
                or (trigger[0].is_title and trigger.start > sentence.start and after is not None and after.is_title))
