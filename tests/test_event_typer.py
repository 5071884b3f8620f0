"""The trained typer in the pipeline: it drops look-alikes, re-types, finds what no rule names, keeps subtypes.

Each sentence was written for these tests; the same pipeline is run with ``event_typing="rules"`` to
show what the rules alone do with it.
"""

from __future__ import annotations

import pytest

from geomap.errors import GeomapError
from geomap.events.classify import TRIGGER_KEY
from geomap.pipeline import Pipeline
from tests.test_events_real_news import _article, _events


@pytest.fixture(scope="module")
def rules_only(gazetteer):
    return Pipeline(gazetteer, event_typing="rules")


def _types(pipeline: Pipeline, text: str) -> dict[str, float | None]:
    doc = pipeline.geoparser.nlp(text)
    return {span.label_: span._.type_probability for span in doc.spans[TRIGGER_KEY]}


def _assert_no_trigger_on(pipeline: Pipeline, text: str, word: str) -> None:
    """No trigger of ``text`` covers ``word`` (the message lists the triggers there are)."""
    doc = pipeline.geoparser.nlp(text)
    assert not [s for s in doc.spans[TRIGGER_KEY] if word in s.text.lower()], [
        (s.text, s.label_) for s in doc.spans[TRIGGER_KEY]]


def test_a_business_deal_is_no_attack_and_a_deal_between_warring_sides_is_an_agreement(pipeline, rules_only):
    text = "The company struck a deal with its creditors on Tuesday."
    assert _types(rules_only, text).keys() == {"agreement"}  # the rules read any deal struck as an agreement
    assert not ({"attack", "agreement"} & set(_types(pipeline, text)))  # a business deal is no event of the taxonomy
    typed = _types(pipeline, "The government and the rebels struck a deal in Doha on Tuesday.")
    assert "attack" not in typed and "agreement" in typed


def test_the_model_finds_events_no_rule_names(pipeline, rules_only):
    storming = "Gunmen ransacked a village near Makora, leaving eleven farmers dead."
    rioting = "Police fired tear gas at stone-throwing youths who torched cars outside the stadium."
    assert "attack" not in _types(rules_only, storming) and "riot" not in _types(rules_only, rioting)
    assert "attack" in _types(pipeline, storming)
    assert "riot" in _types(pipeline, rioting)


def test_subtypes_come_from_the_rule_or_the_cue_words_with_the_model_probability(pipeline):
    typed = _types(pipeline, "Two drones struck an oil depot in Novoselsk overnight, the governor said.")
    assert set(typed) == {"drone_strike"}
    assert typed["drone_strike"] is not None and typed["drone_strike"] > 0.5


def test_a_commitment_to_act_is_not_an_agreement(pipeline):
    assert "agreement" not in _types(pipeline, "The president agreed to work with the envoy on a new plan.")
    truce = _types(pipeline, "The two armies agreed to a 72-hour truce on Sunday.")
    assert {"agreement", "ceasefire"} & set(truce)


def test_events_without_a_rule_reach_the_map_with_their_place(pipeline):
    events = _events(pipeline, _article("stormed", "Gunmen stormed a village near Maiduguri on Tuesday, killing eleven farmers."))
    attacks = [e for e in events if e.event_type == "attack"]
    assert len(attacks) == 1 and attacks[0].place is not None and attacks[0].place.name == "Maiduguri"


def test_unknown_typing_mode_is_a_clean_error(gazetteer):
    with pytest.raises(GeomapError, match="event typing 'guess'"):
        Pipeline(gazetteer, event_typing="guess")


def test_a_definite_reference_presupposes_its_event(pipeline):
    text = ("Gunmen abducted a teacher in Maiduguri on Tuesday. "
            "No group has claimed the abduction, and the army denied carrying out the attack on the school.")
    events = _events(pipeline, _article("definite", text))
    abductions = [e for e in events if e.event_type == "abduction"]
    assert abductions and all(e.status == "happened" for e in abductions)
    assert not any(e.status == "denied" for e in events if e.event_type == "abduction")
    none_made = _events(pipeline, _article("none-made", "No arrests were made after the clashes in Maiduguri."))
    assert all(e.status != "happened" for e in none_made if e.event_type == "arrest")


def test_tourists_and_pilgrims_visiting_is_no_diplomatic_visit(pipeline, rules_only):
    for typer in (pipeline, rules_only):
        assert "meeting" not in _types(typer, "Every autumn, millions of pilgrims visit Karbala for Arbaeen.")
        assert "meeting" not in _types(typer, "In Jordan, foreigners visit clinics for cheap dental work.")
    assert "meeting" in _types(pipeline, "The foreign minister will visit Amman next week.")


def test_a_news_outlet_speaking_with_someone_is_an_interview_not_a_call(pipeline, rules_only):
    for typer in (pipeline, rules_only):
        assert "phone_call" not in _types(typer, "Reporters spoke with Mayor Roman Mrochko of Kherson about the curfew.")
        assert "phone_call" not in _types(typer, "The BBC talked to General Oleksandr Syrskyi near the front.")
        assert "phone_call" in _types(typer, "Zelenskyy spoke with Macron on Tuesday about air defence.")


def test_a_military_strike_is_no_labour_strike(pipeline):
    assert "protest" not in _types(pipeline, "The air force carried out a powerful strike against rebel bases near Goma.")
    assert "protest" in _types(pipeline, "Doctors went on strike in Lagos on Monday over unpaid salaries.")


def test_an_officials_trip_to_a_place_is_a_visit_there(pipeline):
    """A leader's "trip to X" is a diplomatic visit at X (and "received permission" no arms delivery)."""
    text = "The Dutch prime minister flew home on Friday after a two-day trip to Nairobi."
    visits = [e for e in _events(pipeline, _article("trip", text)) if e.event_type == "meeting"]
    assert [e.place.name if e.place else None for e in visits] == ["Nairobi"]
    assert "arms_shipment" not in _types(pipeline, "The general received permission from the governor to enter the town.")


@pytest.mark.parametrize(("text", "state"), [
    ("The hilltop village has been under the control of the rebels since 2019.", "control"),
    ("Aid reached families in the rebel-held district for the first time in months.", "held"),
    ("Farmers said the land in the Israeli occupied valley had not been ploughed for years.", "occupied"),
    ("The mayor was captured on camera shouting at a journalist outside the council building.", "captured"),
    ("Lawyers visited clients held at an immigration detention center near the border.", "detention"),
    ("The shipping company's owners remain under Western sanctions.", "sanctions"),
    ("Under the truce, both armies must pull their guns back from the line.", "truce"),
])
def test_a_state_that_reads_like_an_event_is_none(pipeline, text, state):
    """Control, occupation, holding and detention as lasting states (or a camera 'capturing' someone)
    are no happening; the trained typer proposes nothing there either."""
    _assert_no_trigger_on(pipeline, text, state)


@pytest.mark.parametrize(("text", "word"), [
    ("Hundreds of volunteers joined the flood fighting effort along the river in Fargo.", "fighting"),
    ("Firefighters battled the blaze in the hills above Patras for two days.", "battled"),
    ("The council approved a gas-drilling site on a farm north of the town.", "drilling"),
    ("Prosecutors said the kidnapping charges against the driver had been dropped.", "kidnapping"),
    ("He spent six years in the regime's notorious jails before he fled.", "jails"),
    ("Donors pledged more money for the battle against the region's worst cholera and hunger crisis.", "battle"),
    ("The former mayor of Tamale died on Sunday after a long battle with cancer.", "battle"),
    ("The governor vowed to step up the fight against kidnapping along the highway.", "kidnapping"),
    ("The agency dispatched two inspectors to the reactor site on Monday.", "dispatched"),
    ("She suffered a cardiac arrest during the marathon in Leeds.", "arrest"),
    ("The minister struck a conciliatory tone in his speech to farmers.", "struck"),
    ("The new irrigation projects were executed by army engineers last year.", "executed"),
    ("The ruling party quickly shot down rumours of an early election.", "shot"),
    ("Violent crime fell by a tenth in the capital last year.", "violent"),
    ("The pension plan was met with fierce criticism from teachers.", "met"),
    ("Send your questions to the email address below.", "address"),
    ("The custody battle between the two parents went on for years.", "battle"),
    ("The boundary dispute was fought in the courts for a decade.", "fought"),
    ("It was a hard-fought win for the home side in the derby.", "fought"),
    ("Firefighters battle Oak Ridge fire for a second day.", "battle"),
    ("Police said the home invasion left the couple shaken but unhurt.", "invasion"),
    ("A jogger was hurt in a dog attack in the park on Sunday.", "attack"),
    ("The bomb squad was called to a suspicious package at the station.", "bomb"),
    ("March was a quiet month on the markets.", "march"),
    ("The parade was a demonstration of naval power.", "demonstration"),
    ("Officers were called to the 400 block of Elm Street.", "block"),
    ("Shell said its profits rose in the third quarter.", "shell"),
    ("The festival is a state-sanctioned event.", "sanctioned"),
    ("Residents said surveillance drones were flying low over the port all afternoon.", "drones"),
    ("The artillery contract was signed in Ankara on Monday.", "artillery"),
])
def test_the_same_words_in_civilian_senses_name_no_event(pipeline, text, word):
    """Words of violence, arrest, meeting and speech in their civilian senses and everyday phrases: no event."""
    _assert_no_trigger_on(pipeline, text, word)


def test_fighting_between_armed_sides_is_still_a_clash(pipeline):
    assert "armed_clash" in _types(pipeline, "Heavy fighting raged between the army and rebels near Goma on Sunday.")
    assert "armed_clash" in _types(pipeline, "Soldiers fought against rebels in drought-stricken Mandera on Monday.")
    assert "deployment" in _types(pipeline, "The ministry sent troops and inspectors to the port of Tartus on Monday.")


def test_warplanes_flying_are_no_strike_and_warplanes_bombing_are(pipeline):
    assert "air_strike" not in _types(pipeline, "Monitors recorded six flyovers of Georgian warplanes near the boundary line.")
    assert "arms_shipment" not in _types(pipeline, "Inspectors searched the sites for weapons of mass destruction.")
    assert "air_strike" in _types(pipeline, "Syrian warplanes bombed the town of Saraqeb on Sunday, residents said.")


def test_an_attack_helicopter_is_a_craft_not_an_attack(pipeline):
    types = _types(pipeline, "Militants shot down an army attack helicopter over the valley on Sunday.")
    assert "attack" not in types and "interception" in types


def test_general_words_alone_propose_no_event(pipeline):
    assert "interception" not in _types(pipeline, "Thousands of marchers later walked off down a side street toward the square.")
    assert "interception" in _types(pipeline, "Soldiers guarded the wreckage of the downed fighter jet near the border.")


def test_mobilising_or_massing_troops_is_a_deployment(pipeline):
    assert "deployment" in _types(pipeline, "Armenia mobilised its reservists on Sunday as fighting spread.")
    assert "deployment" in _types(pipeline, "Ethiopia has massed tanks and troops along the frontier, diplomats said.")
    assert "deployment" not in _types(pipeline, "The coach strengthened his squad before the cup final.")


def test_armed_men_killing_someone_is_an_attack_and_a_storm_is_not(pipeline):
    assert "attack" in _types(pipeline, "Suspected insurgents killed two teachers near Mandera on Thursday.")
    assert "attack" in _types(pipeline, "A village chief was killed by unidentified gunmen in the night.")
    cyclone = _events(pipeline, _article("cyclone", "The cyclone killed eleven people along the coast of Sofala."))
    assert "attack" not in {e.event_type for e in cyclone}  # the rule's match is dropped as deaths by nature


@pytest.mark.parametrize("text", [
    "Fourteen villagers were killed in the hamlet of Dogon Daji overnight, residents said.",
    "Attackers with axes hacked three farmers to death near the river on Sunday.",
    "Police fatally shot two men at a checkpoint outside the port.",
    "A patrol was ambushed on the road to the district headquarters.",
])
def test_killings_told_without_the_word_attack_are_attacks(pipeline, text):
    assert "attack" in _types(pipeline, text) or any(t in _types(pipeline, text) for t in ("armed_clash", "explosion"))


def test_deaths_in_a_mishap_are_no_attack(pipeline):
    text = "Nine people were killed in a bus crash near the border on Sunday, police said."
    assert "attack" not in {e.event_type for e in _events(pipeline, _article("crash", text))}
    text = "Six workers were killed when a warehouse collapsed in the port district on Friday."
    assert "attack" not in {e.event_type for e in _events(pipeline, _article("collapse", text))}


def test_firing_on_people_is_an_attack_and_a_dismissal_is_not(pipeline):
    text = "They fired on civilians queuing for bread in the market of Bunia, witnesses said."
    assert "attack" in {e.event_type for e in _events(pipeline, _article("fired-on", text))}
    text = "The manager was fired at the end of the season after a run of defeats in Leeds."
    assert "attack" not in {e.event_type for e in _events(pipeline, _article("fired", text))}


def test_farmers_blocking_roads_protest_and_a_court_blocking_a_law_does_not(pipeline):
    assert "protest" in _types(pipeline, "Farmers blocked roads into the capital with tractors on Monday.")
    assert "protest" not in _types(pipeline, "The court blocked the new law on Monday.")


def test_a_listed_group_killing_someone_is_an_attack(pipeline):
    assert "attack" in _types(pipeline, "The Taliban executed three prisoners in a stadium in the south.")
    assert "attack" in _types(pipeline, "Boko Haram killed twelve fishermen on the shore of the lake.")


def test_a_negotiators_title_is_no_talks(pipeline):
    assert "talks" not in _types(pipeline, "The offer was rejected, chief negotiator Amina Yusuf told reporters.")
    assert "talks" in _types(pipeline, "Negotiators from both sides met in Doha on Tuesday.")


def test_a_violent_phrase_rule_needs_a_surer_model_to_drop_it(pipeline):
    typer = pipeline.geoparser.nlp.get_pipe("geomap_event_typer")
    assert typer.phrase_drop_at > typer.drop_at
    assert "armed_clash" in _types(pipeline, "The rebels launched a surprise offensive in the hills on Sunday.")


def test_crimes_someone_is_charged_with_are_no_events_of_the_day(pipeline):
    text = ("Prosecutors said the two men had confessed to or been charged with robbery, attempted murder, "
            "assault and arson in Tucson.")
    assert not {"attack"} & set(_types(pipeline, text))
    assert "attack" in _types(pipeline, "Gunmen attacked a police post near Maiduguri on Tuesday.")


def test_the_same_words_still_name_events_in_their_own_senses(pipeline):
    assert "arrest" in _types(pipeline, "Police arrested two men in Leeds on Sunday.")
    assert "interception" in _types(pipeline, "Air defences shot down two drones over Odesa overnight.")
    assert "meeting" in _types(pipeline, "The foreign minister met with her Turkish counterpart in Ankara on Monday.")
    assert "armed_clash" in _types(pipeline, "Rebels fought government troops near Goma on Sunday.")
    assert "shelling" in _types(pipeline, "Russian Forces Shell Kharkiv Overnight")
    assert "sanctions" in _types(pipeline, "The UN sanctioned three militia leaders on Friday.")


def test_people_captured_are_arrested_and_ground_captured_changes_hands(pipeline):
    caught = _events(pipeline, _article("caught", "The two inmates and their accomplice have been captured in Kano, the state police said."))
    assert [e.event_type for e in caught] == ["arrest"]
    taken = _events(pipeline, _article("taken", "The rebels said Kidal had been captured on Sunday."))
    assert [e.event_type for e in taken] == ["territory_change"]


def test_an_oil_field_taken_is_ground_and_oil_seized_is_not(pipeline):
    field = _events(pipeline, _article("field", "Rebels seized an oil field near Ubari on Monday, residents said."))
    assert [(e.event_type, e.place.name if e.place else None) for e in field] == [("territory_overtaken", "Ubari")]
    goods = _events(pipeline, _article("goods", "Customs officers seized 40 barrels of oil in Warri on Monday."))
    assert "territory_change" not in {e.event_type for e in goods}
    lab = _events(pipeline, _article("lab", "Deputies seized a meth lab in a trailer near Warri on Monday."))
    assert "territory_change" not in {e.event_type for e in lab}


def test_a_car_crash_is_no_aircraft_crash_and_a_lost_car_no_lost_ground(pipeline):
    car = _events(pipeline, _article("car", "The driver lost control of his car and crashed into a wall in Kano, police said."))
    assert not {"aircraft_crash", "territory_change"} & {e.event_type for e in car}
    jet = _events(pipeline, _article("jet", "An F-16 crashed during a training mission near Mosul on Monday."))
    assert [(e.event_type, e.place.name if e.place else None) for e in jet] == [("aircraft_crash", "Mosul")]
    town = _events(pipeline, _article("town", "Government forces lost control of Kidal on Sunday."))
    assert [e.event_type for e in town] == ["territory_change"]


def test_armoured_or_airborne_units_make_an_exercise_military(pipeline):
    drill = _events(pipeline, _article("drill", "Armoured units from three countries completed a week-long exercise near Aqaba."))
    assert "military_exercise" in {e.event_type for e in drill}
    gym = _events(pipeline, _article("gym", "Pensioners completed a week-long exercise class near Aqaba."))
    assert "military_exercise" not in {e.event_type for e in gym}


def _sentence_types(pipeline: Pipeline, text: str) -> set[str]:
    """The types a sentence's events get (its triggers as its words bear them out), before frames join them."""
    from geomap.events.retype import retyped

    doc = pipeline.geoparser.nlp(text)
    spans = list(doc.spans[TRIGGER_KEY])
    return {t.label_ for s in doc.sents for t in retyped(doc, s, [x for x in spans if s.start <= x.start < s.end])}


def test_a_killing_that_is_the_result_of_the_sentences_violence_is_no_event_of_its_own(pipeline):
    """"Shelled the village, killing three civilians": the shelling is the event and the deaths its result, as
    an event coder records one event with its fatalities; a killing with a subject of its own is an attack."""
    assert _sentence_types(pipeline, "Army units shelled Kafr Zita on Monday, killing three civilians.") == {"shelling"}
    assert _sentence_types(pipeline, "A roadside bomb went off as a patrol passed near Menaka, killing two "
                                     "soldiers.") == {"explosion"}
    both = _sentence_types(pipeline, "Troops shelled the town on Monday while gunmen were killing villagers in Gao.")
    assert {"shelling", "attack"} <= both


def test_a_missile_fired_at_a_target_is_a_strike_and_a_bomb_defused_is_no_explosion(pipeline):
    assert "missile_strike" in _sentence_types(pipeline, "The rebels fired a ballistic missile at a tanker in the Gulf "
                                                         "of Aden on Sunday.")
    assert "weapons_test" in _sentence_types(pipeline, "The North fired a ballistic missile into the sea at dawn on "
                                                       "Sunday.")
    assert "weapons_test" in _sentence_types(pipeline, "Engineers carried out a rocket engine test at the launch "
                                                       "site on Friday.")
    assert _sentence_types(pipeline, "Bomb disposal officers defused an explosive device left near a mosque in "
                                     "Quetta.") == {"interception"}
    assert "explosion" in _sentence_types(pipeline, "A landmine exploded under a minibus near Tessalit.")


def test_a_strike_made_with_rockets_or_guns_is_a_missile_strike_or_shelling(pipeline):
    """ACLED's shelling, artillery and missile attacks: a strike made "with" a ground-fired weapon, when the
    sentence names no aircraft or drone; warplanes striking "with missiles" stay an air strike."""
    assert "missile_strike" in _sentence_types(pipeline, "Ukrainian forces struck a fuel depot near Horlivka with "
                                                         "HIMARS on Tuesday.")
    assert _sentence_types(pipeline, "Insurgents attacked the district headquarters with mortars at night.") == {
        "shelling"}
    assert "air_strike" in _sentence_types(pipeline, "Fighter jets struck a bridge near Izium with missiles.")
    assert "attack" in _sentence_types(pipeline, "Militiamen attacked the village with machetes on Sunday.")


def test_wounded_by_gunfire_is_an_attack_and_raids_that_only_arrest_are_the_arrests(pipeline):
    assert "attack" in _sentence_types(pipeline, "Three soldiers were wounded by sniper fire near Toretsk on Friday.")
    assert _sentence_types(pipeline, "Soldiers arrested 12 men in raids across the Jenin area overnight.") == {"arrest"}
    fought = _sentence_types(pipeline, "Troops raided the village, killing four militants, and arrested two.")
    assert {"attack", "arrest"} <= fought
    assert _sentence_types(pipeline, "A car bomb hidden near the governor's office was defused in Kandahar on "
                                     "Monday.") == {"interception"}


def test_the_model_makes_no_riot_of_a_protest_whose_sentence_shows_no_violence(pipeline):
    """A violent demonstration is one the sentence shows violent (stones, fires, clashes, tear gas); the
    model's riot on a sentence that shows none leaves the rule's protest standing."""
    calm = _sentence_types(pipeline, "Before and after the envoy's visit, crowds protested both in Kumasi and Accra "
                                     "against it.")
    assert "protest" in calm and "riot" not in calm
    assert "riot" in _sentence_types(pipeline, "Youths hurled stones and torched tyres at a roundabout in Kisumu.")
