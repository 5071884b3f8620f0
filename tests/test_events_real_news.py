"""Events at the level of the article: frames, reference places, past dates, status, safe merging, numbers.

Every article here was written for these tests (invented towns are avoided: the places are real so the
gazetteer resolves them; the happenings are not).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

from geomap.events.taxonomy import load_taxonomy
from geomap.exports.geojson import feature
from geomap.records import Article

PUBLISHED = datetime(2025, 6, 12, 9, 0, tzinfo=timezone.utc)  # a Thursday
# Changes of territorial control, whoever made them (ACLED tells the taker apart: territory_overtaken, ...).
TERRITORY = frozenset(t.id for t in load_taxonomy().types if t.model_class == "territory_change")


def _article(article_id: str, text: str, published: datetime | None = PUBLISHED) -> Article:
    return Article(id=article_id, text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(), published=published)


def _events(pipeline, *articles: Article):
    return pipeline.run(list(articles)).events


def test_one_happening_reported_in_several_sentences_is_one_event_at_its_place(pipeline):
    text = ("Gunmen attacked a police post near Maiduguri on Tuesday, officials said. "
            "The attack lasted several hours. Witnesses said the brazen attack began before dawn. "
            "The governor condemned the attack.")
    events = [e for e in _events(pipeline, _article("frame", text)) if e.status == "happened"]
    violent = [e for e in events if e.event_type == "attack"]
    assert len(violent) == 1
    assert violent[0].place is not None and violent[0].place.name == "Maiduguri"
    assert len(violent[0].mentions) >= 2  # the later sentences are its evidence too


def test_a_place_reached_through_a_reference_phrase_is_not_the_event_place(pipeline):
    text = ("A trial opened in Paris on Monday over the 2004 bombing of a hotel in Mombasa. "
            "Militants with bases in Somalia have staged raids along the border for years.")
    events = _events(pipeline, _article("reference", text))
    assert not any(e.place is not None and e.place.name == "Paris" and e.event_type in {"explosion", "attack"}
                   for e in events)
    bombing = [e for e in events if e.event_type in {"explosion", "attack"} and "bombing" in e.trigger]
    assert bombing and all(e.status == "background" for e in bombing)


def test_past_events_get_their_own_dates_and_background_status(pipeline):
    text = ("The journalist was arrested in July 2022 in Tabriz. "
            "Since 2009, hundreds of people have been killed in suicide attacks in the region. "
            "On Tuesday, police arrested three men in Kano.")
    events = _events(pipeline, _article("dates", text))
    tabriz = [e for e in events if e.event_type == "arrest" and e.place is not None and e.place.name == "Tabriz"]
    assert tabriz and tabriz[0].date is not None and (tabriz[0].date.year, tabriz[0].date.month) == (2022, 7)
    assert tabriz[0].date_precision == "month" and tabriz[0].status == "background"
    assert all(e.status == "background" for e in events if e.event_type == "explosion")
    kano = [e for e in events if e.place is not None and e.place.name == "Kano"]
    assert kano and kano[0].date.isoformat() == "2025-06-10" and kano[0].status == "happened"


def test_without_a_publication_date_relative_days_stay_undated(pipeline):
    events = _events(pipeline, _article("undated", "On Tuesday, police arrested three men in Kano.", published=None))
    assert events and all(e.date is None for e in events)


def test_without_a_publication_date_years_back_is_still_background(pipeline):
    text = ("Families in Kampala received compensation for farms they lost when soldiers expelled them "
            "from Gulu 18 years ago. Rebels attacked Lira last year, and troops shelled Kitgum on Monday.")
    events = _events(pipeline, _article("undated-back", text, published=None))
    status = {(e.event_type, e.place.name if e.place else None): e.status for e in events}
    assert [s for (kind, _), s in status.items() if kind == "deportation"] == ["background"]
    assert status.get(("attack", "Lira")) == "background"
    assert status.get(("shelling", "Kitgum")) == "happened"  # "last year" is the first clause's time


def test_a_time_in_the_clause_before_and_dates_that_clause_only(pipeline):
    text = "Rebels attacked Lira in March 2023, and on Tuesday troops shelled Kitgum."
    events = {e.event_type: e for e in _events(pipeline, _article("coordinated", text))}
    assert events["attack"].status == "background"
    assert events["shelling"].status == "happened" and events["shelling"].date.isoformat() == "2025-06-10"


def test_hoped_for_negated_and_demanded_events_have_not_happened(pipeline):
    text = ("Mediators hope for the signing of a ceasefire in Doha next week. "
            "Police said the raids on the commanders' homes were not carried out. "
            "No arrests were made after the clashes. "
            "Opposition leaders called for a protest in Nairobi.")
    events = _events(pipeline, _article("status", text))
    assert not any(e.event_type == "arrest" and e.status == "happened" for e in events)
    assert not any(e.event_type in {"ceasefire", "agreement"} and e.status == "happened" for e in events)
    protests = [e for e in events if e.event_type == "protest"]
    assert protests and all(e.status == "planned" for e in protests)


def test_unrelated_stories_sharing_only_types_and_dates_never_merge(pipeline):
    first = _article("story-a", "Kidnappers seized a teacher on Tuesday. The abduction shocked the village. "
                                "Officials issued a statement on Tuesday.")
    second = _article("story-b", "Armed men abducted two traders on Tuesday, relatives said. "
                                 "The ministry released a statement on Tuesday.")
    events = _events(pipeline, first, second)
    assert all(len({s.article_id for s in e.sources}) == 1 for e in events)


def test_copies_of_one_text_still_merge_without_a_place(pipeline):
    text = ("Kidnappers seized a teacher and two pupils on Tuesday as they walked home from school, "
            "relatives and a local official said, adding that no group had claimed the abduction so far.")
    events = _events(pipeline, _article("wire-1", text), _article("wire-2", text + " "))
    abductions = [e for e in events if e.event_type == "abduction"]
    assert len(abductions) == 1 and {s.article_id for s in abductions[0].sources} == {"wire-1", "wire-2"}


def test_killed_and_injured_counts_are_numbers_in_the_geojson(pipeline):
    text = "A car bomb exploded at a market in Mogadishu on Tuesday, killing 31 people and wounding 40 others."
    events = [e for e in _events(pipeline, _article("numbers", text)) if e.event_type == "explosion"]
    assert events
    properties = feature(events[0])["properties"]
    assert properties["fatalities"] == 31 and properties["injured"] == 40


def test_strategic_developments_have_types_of_their_own(pipeline):
    text = ("North Korea test-fired a ballistic missile into the sea on Tuesday. "
            "Hundreds of migrants were deported to Guatemala on Wednesday. "
            "A military helicopter crashed during a training flight near Kandahar on Tuesday.")
    types = {e.event_type for e in _events(pipeline, _article("strategic", text))}
    assert {"weapons_test", "deportation", "aircraft_crash"} <= types


def test_where_someone_is_based_is_not_where_the_event_happened(pipeline):
    text = "Bennett, who reports to a council based in Geneva, met officials in Kabul on Tuesday."
    events = _events(pipeline, _article("based", text))
    assert not any(e.place is not None and e.place.name == "Geneva" for e in events)


def test_a_place_name_before_an_event_noun_places_it_but_a_country_there_is_its_author(pipeline):
    located = _events(pipeline, _article("modifier", "The envoy praised his White House meeting with the president on Monday."))
    assert any(e.event_type == "meeting" and e.place is not None and e.place.id == "curated:white_house" for e in located)
    authored = _events(pipeline, _article("author", "“The council must act,” the U.S. statement said on Monday."))
    assert all(e.place is None for e in authored if e.event_type == "statement")


def test_month_dates_count_from_their_last_day_and_planned_months_look_ahead(pipeline):
    published = datetime(2024, 10, 4, 9, 0, tzinfo=timezone.utc)
    text = ("The minister visited Taiwan in August. "
            "The president is due to meet the prime minister in Ankara in January.")
    events = {e.event_type + ":" + e.status: e for e in _events(pipeline, _article("months", text, published))}
    visit = next(e for e in events.values() if e.place is not None and e.place.name == "Taiwan")
    assert visit.status == "happened" and visit.date_precision == "month"  # late August is 36 days before
    planned = next(e for e in events.values() if e.status == "planned")
    assert planned.date is not None and planned.date.year == 2025 and planned.date.month == 1


def test_a_planned_weekday_is_the_next_one_and_a_past_weekday_the_last(pipeline):
    """Published on Thursday 12 June 2025: "is due to meet ... on Tuesday" is the 17th, "met ... on Tuesday" the 10th."""
    planned = _events(pipeline, _article("next", "The president is due to meet the prime minister in Ankara on Tuesday."))
    happened = _events(pipeline, _article("last", "The president met the prime minister in Ankara on Tuesday."))
    assert [(e.date, e.status) for e in planned if e.event_type == "meeting"] == [(date(2025, 6, 17), "planned")]
    assert [(e.date, e.status) for e in happened if e.event_type == "meeting"] == [(date(2025, 6, 10), "happened")]


def test_a_day_without_its_year_is_the_nearest_one_and_a_day_ahead_is_still_to_come(pipeline):
    """News writes this year's dates without the year: a day shortly after publication is coming
    (planned, whatever the verb's tense), one far ahead is last year's, and early January in a late
    December story is next year's."""
    text = "The detained journalist was ordered to appear in court in Lviv on June 27."
    hearing = [e for e in _events(pipeline, _article("ahead", text)) if e.event_type == "court_hearing"]
    assert [(e.date, e.status) for e in hearing] == [(date(2025, 6, 27), "planned")]
    text = "Police arrested three protesters in Lviv on December 30."
    arrests = [e for e in _events(pipeline, _article("behind", text)) if e.event_type == "arrest"]
    assert [e.date for e in arrests] == [date(2024, 12, 30)]  # more than a month ahead: last December
    december = datetime(2025, 12, 20, 9, 0, tzinfo=timezone.utc)
    text = "The two foreign ministers will meet in Vienna on January 3."
    meetings = [e for e in _events(pipeline, _article("turn", text, december)) if e.event_type in {"meeting", "talks"}]
    assert [(e.date, e.status) for e in meetings] == [(date(2026, 1, 3), "planned")]


def test_a_sea_before_a_deal_is_its_subject_and_a_deal_eyed_is_not_yet_made(pipeline):
    text = "Ankara is eyeing a Black Sea agreement with Bucharest, officials said."
    deals = [e for e in _events(pipeline, _article("eyed", text)) if e.event_type == "agreement"]
    assert deals and all(e.status == "planned" for e in deals)
    assert all(e.place is None or e.place.kind.value != "water" for e in deals)


def test_a_sentence_set_in_an_old_decade_is_history(pipeline):
    text = ("The fort was abandoned in the 1870s, when rebels besieged the town and shelled its walls "
            "for a month.")
    events = [e for e in _events(pipeline, _article("decade", text)) if e.event_type in {"shelling", "armed_clash", "attack"}]
    assert events and all(e.status == "background" and e.date is not None and e.date.year == 1870 for e in events), [
        (e.event_type, e.status, e.date) for e in events]


def test_said_from_a_place_and_a_visit_by_a_named_leader_to_a_place(pipeline):
    text = ("The former minister told reporters in a written interview from Copenhagen that trade was a weapon. "
            "The ties were upgraded during a two-day visit by Indian Prime Minister Narendra Modi to Mauritius.")
    events = _events(pipeline, _article("speech-visit", text))
    places = {(e.event_type, e.place.name) for e in events if e.place is not None}
    assert ("statement", "Copenhagen") in places
    assert ("meeting", "Mauritius") in places


def test_a_village_the_gazetteer_lacks_keeps_its_name_but_gets_no_point(pipeline):
    text = "Government forces shelled the village of Shurifah on Monday, killing two farmers."
    events = [e for e in _events(pipeline, _article("unknown-village", text)) if e.event_type == "shelling"]
    assert len(events) == 1 and events[0].toponym is not None and events[0].toponym.mention.surface == "Shurifah"
    assert events[0].place is None and feature(events[0])["geometry"] is None


def test_an_incursion_into_its_airspace_is_in_the_country_that_says_so(pipeline):
    text = "Japan accused a Chinese spy plane of violating its airspace on Monday."
    incursions = [e for e in _events(pipeline, _article("airspace", text)) if e.event_type == "incursion"]
    assert incursions and incursions[0].place is not None and incursions[0].place.name == "Japan"


def test_a_place_that_describes_a_person_is_not_where_the_event_happened(pipeline):
    text = "The New York resident was arrested on Tuesday in Newark, his lawyer said."
    arrests = [e for e in _events(pipeline, _article("resident", text)) if e.event_type == "arrest"]
    assert arrests and {e.place.name for e in arrests if e.place is not None} == {"Newark"}


def test_a_count_after_in_is_not_a_time_but_a_year_or_a_day_is(pipeline):
    """"in two villages of X" reaches X from "in"; "In 2019, X ..." and "On 12 March, X ..." make X a subject."""
    from geomap.events.link import locative_verdict

    cases = (("Gunmen burned houses in two villages of Bama on Sunday.", "Bama", True),
             ("Soldiers searched homes in 14 districts of Kandahar.", "Kandahar", True),
             ("In 2019, Kenya shelled a camp.", "Kenya", False),
             ("On 12 March, Ukraine attacked a depot.", "Ukraine", False))
    for text, name, verdict in cases:
        doc = next(pipeline.geoparser.nlp.pipe([text]))
        toponyms = [t for t in pipeline.geoparser.toponyms(doc) if t.mention.surface == name]
        assert toponyms, (text, name)
        assert locative_verdict(doc, toponyms[0]) is verdict, text


def test_the_trained_linker_places_events_the_path_rules_miss(pipeline):
    """An adjective between the preposition and the name: the locative rules stop at it, the model does not."""
    from geomap.events.extract import extract_events

    for text, place in (("A suicide bomber blew up his car in a crowded Kirkuk street on Sunday.", "Kirkuk"),
                        ("Two soldiers died when a roadside bomb exploded near their patrol in the oil-rich "
                         "Diyala province on Sunday.", "Diyālá")):
        article = _article("linker", text)
        doc = pipeline.geoparser.nlp(text)
        toponyms = pipeline.geoparser.toponyms(doc)
        by_rules = extract_events(article, doc, toponyms, linking="rules")
        assert by_rules and all(e.place is None for e in by_rules)
        events = _events(pipeline, article)
        assert {e.event_type for e in events} == {"explosion"} and {e.place.name for e in events} == {place}


def test_a_relative_clause_without_an_event_still_tells_where_the_violence_was(pipeline):
    text = "A journalist survived a gun attack that killed his driver on Friday night in the city of Peshawar."
    attacks = [e for e in _events(pipeline, _article("clause", text)) if e.event_type == "attack"]
    assert attacks and {e.place.name for e in attacks if e.place is not None} == {"Peshawar"}


def test_every_violent_event_of_a_sentence_is_at_the_place_it_gives(pipeline):
    """A place goes to one trigger, but the violence of one sentence happens where the sentence says;
    with two places, the events are left to their own links."""
    text = "Heavy fighting raged for hours and artillery shells hit the central market in Kupiansk on Tuesday."
    violent = [e for e in _events(pipeline, _article("one-place", text)) if e.event_type in {"armed_clash", "shelling"}]
    assert {e.event_type for e in violent} == {"armed_clash", "shelling"}
    assert {e.toponym.mention.surface if e.toponym else None for e in violent} == {"Kupiansk"}
    text = "Troops clashed with rebels in Kherson while artillery shelling hit Nikopol on Tuesday."
    places = {e.event_type: e.place.name if e.place else None for e in _events(pipeline, _article("two-places", text))
              if e.event_type in {"armed_clash", "shelling"}}
    assert places == {"armed_clash": "Kherson", "shelling": "Nikopol"}, places


def test_an_event_is_at_the_most_specific_place_the_text_gives(pipeline):
    """Event coders record the smallest place: a region or town that only frames the place written
    before it gives way to it, down a whole chain; written the other way round ("the Kurdish town of
    Kirkuk") or as a list of equals, nothing changes."""
    cases = (
        # a district of a province: the district (and its own point)
        ("Gunmen shot dead a teacher in the Chaharbolak district of Balkh province on Monday.", "Chaharbolak"),
        # a village the gazetteer lacks, in an LGA of a state: the village, at its frame's point
        ("Bandits attacked Tungan Kudu village in Gusau LGA of Zamfara State on Sunday, killing six.", "Tungan Kudu"),
        # a comma before a county
        ("Raiders killed four herders in an attack in Lomut, West Pokot county, on Friday.", "Lomut"),
        # the other way round: the town is the second name
        ("A car bomb exploded in the northern city of Kirkuk on Monday, killing three.", "Kirkuk"),
        # "in" says which holds which, even between two towns
        ("Militants attacked an army post in Kafr Nabl in southern Idlib on Sunday.", "Kafr Nabl"),
        ("Gunmen killed two farmers in the village of Chinari in Wukari on Monday.", "Chinari"),
        # a city's countryside holds what the text puts in it
        ("Militants attacked an army checkpoint in the East Ghouta region of rural Damascus on Monday.", "East Ghouta"),
        # a neighbourhood that took its city's point, named by a second trigger ("rocket") as well
        ("Two boys were killed by a rocket in al-Shaar district in eastern Aleppo on Monday.", "Shaar"),
        ("A suicide car bomb detonated in the Shiite-dominated Kadhimiya district in northern Baghdad on Sunday.",
         "Kadhimiya"),
    )
    for text, surface in cases:
        violent = [e for e in _events(pipeline, _article("specific", text))
                   if e.event_type in {"attack", "explosion", "shelling"}]
        assert violent, text
        assert {e.toponym.mention.surface for e in violent if e.toponym is not None} == {surface}, (
            text, [(e.event_type, e.toponym.mention.surface if e.toponym else None) for e in violent])


def test_undated_lines_of_a_story_told_in_the_past_keep_that_past(pipeline):
    """A story that recalls history: after "In 1994, ..." the next undated lines in the past tense are
    that history (background), not news of the publication day; the lead and a line in the present
    stay the day's news."""
    text = ("Militia fighters attacked a police post in Bunia on Tuesday, killing three officers.\n\n"
            "The town has a long history of violence. In 1999, rival militias fought for control of the gold mines. "
            "Gunmen stormed the village of Drodro and killed hundreds of its people. "
            "Gunmen looted the market in Mahagi again, residents say.")
    events = _events(pipeline, _article("story-past", text))
    by_trigger = {e.trigger: e for e in events}
    raid = next(e for e in events if e.toponym is not None and e.toponym.mention.surface == "Drodro")
    assert raid.status == "background" and raid.date is not None and raid.date.year == 1999, (raid.status, raid.date)
    lead = next(e for e in events if e.trigger == "attacked")
    assert lead.status == "happened" and lead.date == PUBLISHED.date() - timedelta(days=2)
    looting = [e for e in events if e.trigger == "looted"]
    assert looting and all(e.date == PUBLISHED.date() and e.status != "background" for e in looting), by_trigger


def test_a_year_inside_a_relative_clause_sets_no_story_past(pipeline):
    """"..., which Russia annexed in 2014, ..." is a piece of history inside today's news: the lines
    after it are still today's."""
    text = ("Officials met in Geneva on Monday to discuss the grain corridor.\n\n"
            "Separately, Moscow accused Kyiv of shelling a fuel depot in Crimea, which Russia annexed in 2014. "
            "Troops also clashed near Pokrovsk. "
            "Russia said its air defences intercepted 30 drones over the Belgorod region.")
    events = _events(pipeline, _article("relative-clause", text))
    later = [e for e in events if e.event_type in {"armed_clash", "interception"}]
    assert later and all(e.status != "background" and e.date is not None and e.date.year == 2025 for e in later), [
        (e.event_type, e.status, e.date) for e in later]


def test_a_family_name_written_first_after_a_title_stays_a_person_later(pipeline):
    text = ("North Korean leader Kim Jong Un arrived by train on Tuesday. "
            "Officials said Trump would meet with Kim in Hanoi on Wednesday.")
    doc = next(pipeline.geoparser.nlp.pipe([text]))
    places = {t.mention.surface: t.mention.usage.value for t in pipeline.geoparser.toponyms(doc)}
    assert "Kim" not in places and places.get("Hanoi") == "literal"


def test_a_place_that_ends_a_bodys_name_is_not_where_its_member_spoke(pipeline):
    text = "Speaking at a conference, the chairman of the Foundation for Democracy in Belarus said troops were massing."
    doc = next(pipeline.geoparser.nlp.pipe([text]))
    usages = {t.mention.surface: t.mention.usage.value for t in pipeline.geoparser.toponyms(doc)}
    assert usages.get("Belarus") == "organisation"
    assert not any(e.place is not None for e in _events(pipeline, _article("body", text)))


def test_to_address_a_problem_is_no_statement_and_a_modal_after_the_event_says_it_is_not_yet(pipeline):
    events = _events(pipeline, _article("address", "Ministers met in Oslo on Monday to jointly address the refugee crisis."))
    assert not any(e.event_type == "statement" for e in events)
    sanctions = [e for e in _events(pipeline, _article("modal", "Officials said sanctions could follow if Serbia moved troops."))
                 if e.event_type == "sanctions"]
    assert sanctions and all(e.status == "hypothetical" for e in sanctions)
    talks = [e for e in _events(pipeline, _article("will", "Talks will resume in Geneva, diplomats said."))
             if e.event_type == "talks"]
    assert talks and all(e.status == "planned" for e in talks)


def test_a_when_clause_after_a_year_is_set_in_that_year(pipeline):
    text = "Violence has persisted since 2019, when militants attacked a police station in Kismayo."
    attacks = [e for e in _events(pipeline, _article("when", text)) if e.event_type == "attack"]
    assert attacks and attacks[0].date is not None and attacks[0].date.year == 2019
    assert attacks[0].status == "background"


def test_a_country_that_modifies_a_noun_after_a_comma_is_a_topic_not_a_second_destination(pipeline):
    text = "The envoy spoke about his trip to Kenya, U.S. aid to the region and the drought."
    trips = [e for e in _events(pipeline, _article("topics", text)) if e.place is not None]
    assert trips and {e.place.name for e in trips} == {"Kenya"}


def test_undated_reports_from_different_articles_stay_apart(pipeline):
    """Without a publication date or a date in the text, two reports of shelling in one town may be
    years apart: they stay two events (copies of one text still merge, see above)."""
    first = _article("undated-1", "Artillery shelled Manbij, killing two farmers.", published=None)
    second = _article("undated-2", "Government guns shelled Manbij and set a mill on fire.", published=None)
    shellings = [e for e in _events(pipeline, first, second) if e.event_type == "shelling"]
    assert len(shellings) == 2 and all(len(e.sources) == 1 for e in shellings)
    dated = [e for e in _events(pipeline, _article("dated-1", first.text), _article("dated-2", second.text))
             if e.event_type == "shelling"]
    assert len(dated) == 1 and len(dated[0].sources) == 2


def test_a_modal_after_the_events_place_and_soon_after_a_past_event(pipeline):
    meetings = [e for e in _events(pipeline, _article("ahead", "A meeting in Alexandria will discuss the new border posts."))
                if e.event_type in {"meeting", "talks"}]
    assert meetings and all(e.status == "planned" for e in meetings)
    text = "The journalist has been held in Evin prison since soon after his arrest in Tehran in March."
    arrests = [e for e in _events(pipeline, _article("since", text)) if e.event_type == "arrest"]
    assert arrests and all(e.status != "planned" for e in arrests)


def test_strategic_types_need_a_force_and_a_capture_of_people_is_an_arrest(pipeline):
    moved = _events(pipeline, _article("moved", "The family moved to Thornhill, before settling in Leeds."))
    assert not any(e.event_type == "deployment" for e in moved)
    sent = _events(pipeline, _article("sent", "The army sent two battalions to Kidal on Tuesday."))
    assert any(e.event_type == "deployment" for e in sent)
    captured = _events(pipeline, _article("people", "The aid worker was captured by gunmen in Gao in March."))
    assert not any(e.event_type in TERRITORY for e in captured)
    town = _events(pipeline, _article("town", "Rebels captured Goma on Monday after two days of fighting."))
    assert any(e.event_type in TERRITORY and e.place is not None and e.place.name == "Goma" for e in town)


def test_an_undated_article_dates_its_past_against_the_latest_date_it_states(pipeline):
    text = ("Gavrilo Princip assassinated Archduke Franz Ferdinand in Sarajevo in June 1914. "
            "On 28 June 2014, crowds marched in Sarajevo to mark the centenary.")
    events = _events(pipeline, _article("centenary", text, published=None))
    attacks = [e for e in events if e.event_type == "attack"]
    marches = [e for e in events if e.event_type == "protest"]
    assert attacks and all(e.status == "background" for e in attacks)
    assert marches and all(e.status == "happened" for e in marches)


def test_a_shipment_is_of_arms_only_in_a_story_that_names_arms(pipeline):
    freight = "A freighter delivered a cargo of grain to Odesa on Tuesday, the port authority said."
    assert not [e for e in _events(pipeline, _article("freight", freight)) if e.event_type == "arms_shipment"]
    arms = ("The cargo ship reached the port of Tartus on Tuesday, tracking data showed. "
            "Analysts said its holds carried artillery shells and rocket launchers.")
    assert [e for e in _events(pipeline, _article("arms", arms)) if e.event_type == "arms_shipment"]


def test_goods_seized_and_a_drug_raid_are_no_territory_change_or_attack(pipeline):
    text = ("Officers seized 300 bags of heroin and two rifles in raids across the city, Memphis police said "
            "on Tuesday, and arrested nine people.")
    types = {e.event_type for e in _events(pipeline, _article("raids", text))}
    assert "territory_change" not in types and "attack" not in types
    assert "arrest" in types
    taken = {e.event_type for e in _events(pipeline, _article("taken", "Rebels seized the town of Kidal on Tuesday."))}
    assert "territory_overtaken" in taken  # rebels take ground: ACLED's non-state actor overtaking territory


def test_a_trigger_joined_to_a_planned_verb_is_planned(pipeline):
    text = "The minister said she would fly to Nairobi on Friday and meet the president of Kenya."
    meetings = [e for e in _events(pipeline, _article("plan", text)) if e.event_type == "meeting"]
    assert meetings and all(e.status == "planned" for e in meetings)
    done = "Troops stormed the market and arrested ten men in Gao on Tuesday."
    arrests = [e for e in _events(pipeline, _article("done", done)) if e.event_type == "arrest"]
    assert arrests and all(e.status == "happened" for e in arrests)


def test_what_a_weapon_is_intended_or_designed_to_do_has_not_happened(pipeline):
    text = ("Officials said the new batteries were intended to shoot down missiles over Lviv. "
            "The drones are designed to strike radar sites near Kherson.")
    events = [e for e in _events(pipeline, _article("purpose", text)) if e.event_type in {"interception", "drone_strike"}]
    assert events and all(e.status == "planned" for e in events)


def test_a_country_read_as_its_capital_gives_way_to_the_capital_named_after_it(pipeline):
    text = "A suicide bomber struck a bus station in Somalia's capital Mogadishu on Tuesday."
    located = [e for e in _events(pipeline, _article("capital", text)) if e.toponym is not None]
    assert located and {e.toponym.mention.surface for e in located} == {"Mogadishu"}


def test_a_captured_person_is_arrested_and_a_captured_point_is_territory(pipeline):
    text = ("Karimov was captured by the militia in March 2019 and is believed to be held in the Gaza Strip. "
            "She was captured in July 2021 near the border. "
            "On Monday in the Nuba Mountains, the army captured another strategic point from the rebels.")
    events = _events(pipeline, _article("captures", text))
    assert not [e for e in events if e.event_type in TERRITORY and "Karimov" in e.evidence]
    assert not [e for e in events if e.event_type in TERRITORY and "She was captured" in e.evidence]
    assert [e for e in events if e.event_type == "territory_change" and "strategic point" in e.evidence]


def test_an_offensive_is_reported_when_launched_and_placed_at_what_it_targets(pipeline):
    text = ("Rebels launched a surprise offensive in the Idlib countryside on Sunday, targeting the "
            "villages of Kafr Nabl and Maarat al-Numan.")
    clashes = [e for e in _events(pipeline, _article("offensive", text)) if e.event_type == "armed_clash"]
    assert clashes and {e.toponym.mention.surface for e in clashes if e.toponym} <= {"Kafr Nabl", "Maarat al-Numan"}
    topic = "Lawmakers are angry with a Turkish offensive against the Kurdish militia in northeast Syria."
    assert not [e for e in _events(pipeline, _article("topic", topic)) if e.event_type == "armed_clash"]
    assert not [e for e in _events(pipeline, _article("remarks", "The senator called the remarks offensive and "
                                                                  "stormed out of the hearing in Ohio."))
                if e.event_type in {"armed_clash", "attack"}]


def test_a_place_near_a_town_is_where_it_happened_at_the_towns_point(pipeline):
    """"X outside of Y": Y is X's reference point, not a second place of the event; the map puts X at Y's
    point, as an event coder records "near a town". "the nearby regions of A and B" is a list, no reference."""
    text = "Soldiers raided the Kharbawi neighbourhood outside of Hebron overnight."
    raids = [e for e in _events(pipeline, _article("near", text)) if e.event_type == "attack"]
    assert [e.toponym.mention.surface for e in raids] == ["Kharbawi"]
    assert raids[0].place is not None and raids[0].place.name == "Hebron" and raids[0].toponym.confidence < 0.7
    text = "Drones were intercepted over Kursk and the nearby regions of Oryol and Tula."
    surfaces = {e.toponym.mention.surface for e in _events(pipeline, _article("nearby", text)) if e.toponym}
    assert surfaces == {"Kursk", "Oryol", "Tula"}


def test_a_country_before_what_it_owns_is_not_where_it_happened(pipeline):
    """"a US air strike on the outskirts of X", "outside the US embassy in X": the country owns or does it."""
    text = "Five people were killed in a US air strike on the outskirts of Kandahar on Friday."
    events = _events(pipeline, _article("owned-strike", text))
    assert events and {e.place.name for e in events if e.place} == {"Kandahār"}
    text = "Hundreds protested outside the US embassy in Nairobi on Friday."
    protests = [e for e in _events(pipeline, _article("owned-embassy", text)) if e.event_type == "protest"]
    assert protests and {e.place.name for e in protests if e.place} == {"Nairobi"}


def test_ground_captured_is_where_a_territory_change_happened(pipeline):
    text = "Government troops captured Tarmasha on Sunday after heavy fighting."
    taken = [e for e in _events(pipeline, _article("captured-ground", text)) if e.event_type == "territory_change"]
    assert [e.toponym.mention.surface for e in taken if e.toponym] == ["Tarmasha"]
    text = "Police captured Ahmed Salim on Sunday."
    assert not [e for e in _events(pipeline, _article("captured-person", text)) if e.toponym is not None]


def test_what_an_offensive_targets_is_found_past_who_holds_it(pipeline):
    text = ("Rebels launched an offensive in the northern countryside of Al-Sweida, targeting the Syrian Arab "
            "Army's defensive positions at Tal Qusayr on Monday.")
    clashes = [e for e in _events(pipeline, _article("targets", text)) if e.event_type == "armed_clash"]
    assert [e.toponym.mention.surface for e in clashes if e.toponym] == ["Tal Qusayr"]


def test_the_crowd_a_violent_trigger_acts_on_is_at_its_place(pipeline):
    text = "Soldiers fired at protesters in Conakry on Monday, witnesses said."
    events = {e.event_type: e for e in _events(pipeline, _article("crowd", text))}
    assert events["attack"].place is not None and events["attack"].place.name == "Conakry"
    text = "Students protested in Beijing against an air strike on a hospital in Aleppo."
    protests = [e for e in _events(pipeline, _article("topic-of-protest", text)) if e.event_type == "protest"]
    assert protests and all(e.place is not None and e.place.name == "Beijing" for e in protests)


def test_talks_and_agreements_after_a_visit_are_at_the_visit(pipeline):
    text = ("Prime Minister Ana Rivas arrived in Port Moresby on Wednesday for a two-day visit. Following talks "
            "with her counterpart, the two leaders signed three agreements on fisheries and policing.")
    places = {e.event_type: e.place.name if e.place else None for e in _events(pipeline, _article("visit", text))}
    assert places.get("talks") == "Port Moresby" and places.get("agreement") == "Port Moresby", places


def test_a_mention_dated_last_month_is_not_todays_happening(pipeline):
    """"Last month, the president said he would go along with the deal": another deal than the one signed
    today, in the article's frames and in the merge."""
    text = ("The two governments signed a fisheries pact, officials said. Last month, the president said he "
            "would go along with the deal between the two governments.")
    deals = [e for e in _events(pipeline, _article("deals", text)) if e.event_type == "agreement"]
    assert sorted((e.date.month, e.date_precision) for e in deals if e.date) == [(5, "month"), (6, "day")], deals


def test_a_deportation_is_where_people_were_taken_from(pipeline):
    cases = (("Officials deported 60 detainees from Guantanamo Bay to Honduras on Tuesday.", "Naval Station Guantanamo Bay"),
             ("Kenya extradited the suspect to Rwanda on Friday.", "Kenya"),
             ("Germany expelled two Russian diplomats on Monday.", "Germany"),
             ("Authorities deported 40 others to China on Tuesday.", None))
    for text, where in cases:
        deportations = [e for e in _events(pipeline, _article("deported", text)) if e.event_type == "deportation"]
        assert deportations and {e.place.name if e.place else None for e in deportations} == {where}, text
    # people handed over to another state; the date of the clause "since ..." before the comma is not theirs
    text = ("Having held the refugees since arresting them at the border in 2019, Malaysia turned 12 of them over "
            "to Myanmar on Tuesday.")
    handed = [e for e in _events(pipeline, _article("handed-over", text)) if e.event_type == "deportation"]
    assert [(e.place.name if e.place else None, e.date, e.status) for e in handed] == [
        ("Malaysia", date(2025, 6, 10), "happened")], handed
    text = "The army handed over control of the town to the police on Tuesday."
    assert not [e for e in _events(pipeline, _article("handed-control", text)) if e.event_type == "deportation"]


def test_a_units_name_is_no_weapon_fired(pipeline):
    text = "The minister will visit the first artillery brigade and the air defence battalion in Gori on Friday."
    assert not [e for e in _events(pipeline, _article("unit", text)) if load_taxonomy().is_violent(e.event_type)]
    text = "Government forces fired artillery at rebel positions near Gori on Friday."
    assert "shelling" in {e.event_type for e in _events(pipeline, _article("fired-artillery", text))}


def test_a_name_right_after_violence_is_its_place_even_unframed(pipeline):
    """The recogniser takes an unknown name only when the text frames it as a place; right after a violent
    trigger ("killed in X", "clashes at the perimeter of X", "stormed X") it is where it happened."""
    cases = (("Six villagers were killed in Ngaroumi when gunmen opened fire on a market.", "Ngaroumi"),
             ("Heavy clashes raged at the northern perimeter of Hirbnashi overnight.", "Hirbnashi"),
             ("Government troops stormed Hirbalis on Sunday morning.", "Hirbalis"))
    for text, name in cases:
        violent = [e for e in _events(pipeline, _article("scene-name", text)) if load_taxonomy().is_violent(e.event_type)]
        assert violent and all(e.toponym is not None and e.toponym.mention.surface == name for e in violent), text
        assert all(e.place is None for e in violent)  # the name as written, no point
    for text in ("Rebels overran the Islamist rebel defenses near the airport on Sunday.",
                 "Two people were killed in Tuesday's blast, police said.",
                 "He was shot in Smith's garage on Friday."):
        violent = [e for e in _events(pipeline, _article("no-scene-name", text)) if load_taxonomy().is_violent(e.event_type)]
        assert violent and all(e.toponym is None for e in violent), text


def test_violence_without_a_place_is_at_the_scene_its_sentence_sets(pipeline):
    """"shot dead during a meeting in Khost": the one place the sentence gives any event is the scene;
    a destination is not ("held at the base, they were flown to X")."""
    text = "A village elder was shot dead during a meeting with tribal leaders in Khost on Sunday."
    attacks = [e for e in _events(pipeline, _article("scene", text)) if e.event_type == "attack"]
    assert attacks and all(e.place is not None and e.place.name == "Khōst" for e in attacks)
    text = "Police clashed with stone-throwing youths and arrested dozens during a rally in Rennes on Tuesday."
    places = {e.event_type: e.place.name if e.place else None for e in _events(pipeline, _article("scene-riot", text))}
    assert places.get("riot") == "Rennes" and places.get("arrest") == "Rennes", places
    # what a protest is against is its topic: no scene, and no place from the one written before "against"
    text = "Thousands of students protested on a central square of Vienna against the air strikes."
    events = _events(pipeline, _article("topic", text))
    assert [e.place.name for e in events if e.event_type == "protest" and e.place] == ["Vienna"]
    assert not [e for e in events if e.event_type == "air_strike" and e.place is not None]
    text = "Twelve men detained at the camp were deported to Honduras on Tuesday."
    arrests = [e for e in _events(pipeline, _article("destination", text)) if e.event_type == "arrest"]
    assert arrests and all(e.place is None for e in arrests)


def test_where_a_source_or_correspondent_is_is_not_where_it_happened(pipeline):
    text = "According to a military source in Damascus, rebels shelled the village of Mhardeh on Friday."
    shelling = [e for e in _events(pipeline, _article("source-in", text)) if e.event_type == "shelling"]
    assert [e.toponym.mention.surface for e in shelling if e.toponym] == ["Mhardeh"]
    text = "Our correspondent in Nairobi reported that gunmen attacked a bus near Garissa on Monday."
    attacks = [e for e in _events(pipeline, _article("correspondent-in", text)) if e.event_type == "attack"]
    assert [e.place.name for e in attacks if e.place] == ["Garissa"]


def test_someone_shot_is_attacked_and_a_film_shot_is_not(pipeline):
    text = "A district councillor was shot outside his home in Karachi on Thursday."
    assert "attack" in {e.event_type for e in _events(pipeline, _article("was-shot", text))}
    text = "The film was shot on location in Marseille in the summer of 1966."
    assert "attack" not in {e.event_type for e in _events(pipeline, _article("film", text))}


def test_the_island_or_stronghold_a_sea_or_region_holds_is_the_place(pipeline):
    """"the Aegean island of Kos", "the rebel stronghold of X": the first name only says where the second is."""
    text = "Gunmen attacked a ferry port on the Aegean island of Kos on Tuesday, police said."
    attacks = [e for e in _events(pipeline, _article("island", text)) if e.event_type == "attack"]
    assert attacks and all(e.toponym is not None and e.toponym.mention.surface == "Kos" for e in attacks)


def test_a_town_a_road_is_named_after_is_not_the_event_place(pipeline):
    """"along Owerri road", "on the Kabul-Jalalabad highway": the road leads there; the attack was on the road."""
    text = "Gunmen killed three traders in the village of Umudike along Owerri road on Sunday, police said."
    attacks = [e for e in _events(pipeline, _article("road", text)) if e.event_type == "attack"]
    assert attacks and all(e.toponym is None or e.toponym.mention.surface == "Umudike" for e in attacks)
    text = "Taliban fighters ambushed a police convoy on the Kabul-Jalalabad highway on Monday."
    assert all(e.place is None for e in _events(pipeline, _article("highway", text)))


def test_an_arrest_or_riot_in_a_violent_scene_is_at_its_place(pipeline):
    """"was detained after a gunfight in X": one scene; "have arrested dozens since bombers struck X in 2019":
    the arrests followed the attack somewhere else, at some later time."""
    text = "The suspect was detained on Monday after a gunfight in Kisumu, police said."
    arrests = [e for e in _events(pipeline, _article("scene", text)) if e.event_type == "arrest"]
    assert arrests and all(e.place is not None and e.place.name == "Kisumu" for e in arrests)
    text = "Police have arrested dozens of suspects across the country since suicide bombers struck Mombasa in 2019."
    arrests = [e for e in _events(pipeline, _article("since", text)) if e.event_type == "arrest"]
    assert arrests and all(e.place is None for e in arrests)


def test_a_name_right_after_violence_framed_by_a_known_place_takes_its_point(pipeline):
    """"stormed Marwiyah in northern Hama": the village is the place, at Hama's point (the gazetteer lacks
    the village); "in the Basque city of San Sebastian" names the city, not "Basque"."""
    text = "Government troops stormed Marwiyah in northern Hama on Monday, a monitor said."
    events = [e for e in _events(pipeline, _article("framed-scene", text)) if e.event_type in TERRITORY | {"attack"}]
    assert events and all(e.toponym.mention.surface == "Marwiyah" and e.place.name == "Ḩamāh" for e in events)
    text = "A police officer was killed by a car bomb in the Basque city of San Sebastian on Monday."
    events = [e for e in _events(pipeline, _article("basque", text)) if e.toponym is not None]
    assert events and all(e.toponym.mention.surface == "San Sebastian" for e in events)


def test_where_someone_lives_is_not_where_it_happened(pipeline):
    """"a labourer living in Hebron": who the victim is, like "based in"; the checkpoint near Nablus is the place."""
    text = "A labourer living in Hebron was shot dead on Tuesday at a checkpoint near Nablus, medics said."
    attacks = [e for e in _events(pipeline, _article("living", text)) if e.event_type == "attack"]
    assert attacks and all(e.place is not None and e.place.name == "Nablus" for e in attacks)
    text = "The gunman, who was killed at the scene on Monday, was a construction worker living in Ashdod."
    assert all(e.place is None for e in _events(pipeline, _article("resident", text)))


def test_a_place_that_was_bombed_or_retaken_is_where_it_happened_not_a_government(pipeline):
    """"Gaza has been bombed", "Kidal was retaken": a passive of what is done to ground makes the name the
    place it was done to; "Kyiv was accused" stays the government, and "Morton was captured" (people are
    captured too) is not read as a place."""
    text = ("Gaza has been bombed again overnight, and Kyiv was accused of delaying talks. "
            "Kidal was retaken by rebels on Sunday. Morton was captured in July near the border.")
    events = _events(pipeline, _article("passive", text))
    placed = {(e.event_type, e.place.name) for e in events if e.place is not None}
    assert ("attack", "Gaza") in placed or ("air_strike", "Gaza") in placed
    assert ("territory_overtaken", "Kidal") in placed
    assert not any(e.place is not None and e.place.name in {"Kyiv", "Morton"} for e in events)


def test_one_place_written_twice_or_framed_by_its_province_is_one_event_where_first_named(pipeline):
    """"Mykolaiv (Nikolaev)" is one place: the event is where the text first names it. A district and the
    province that holds it ("the Bajaur district of ... Khyber Pakhtunkhwa province") are one event at the
    district; a town and the city it lies on the outskirts of are one event at the town."""
    cases = {
        "Government forces continued their assault on rebel positions near the city of Mykolaiv (Nikolaev).":
            ["Mykolaiv"],
        "Militants attacked a checkpoint in the Bajaur district of northwestern Pakistan's Khyber Pakhtunkhwa "
        "province.": ["Bajaur"],
        "Two days of attacks in the Kokrajhar district of the northeastern state of India's Assam killed 23 people.":
            ["Kokrajhar"],
        "Gunmen killed four farmers in Sabon Gari, on the outskirts of the city of Zaria, on Friday.": ["Sabon Gari"],
    }
    for number, (text, places) in enumerate(cases.items()):
        events = _events(pipeline, _article(f"twice-{number}", text))
        assert sorted(e.toponym.mention.surface for e in events if e.toponym is not None) == places, text


def test_who_hosts_a_meeting_is_where_it_is_held_and_a_be_to_future_is_planned(pipeline):
    """"Qatar hosted talks": the host, read so far as a government, is where the talks were held. "Oman is to
    host a summit", "the envoys were to meet" have not happened yet; "Russia is to blame for the attack" did."""
    hosted = _events(pipeline, _article("hosted", "Qatar hosted talks between the two sides on Monday."))
    assert {e.place.name for e in hosted if e.event_type in {"talks", "meeting"} and e.place is not None} == {"Qatar"}
    ahead = _events(pipeline, _article("be-to", "Oman is to host a summit of Gulf leaders. "
                                                 "The envoys were to meet in Doha later."))
    meetings = [e for e in ahead if e.event_type in {"talks", "meeting"}]
    assert meetings and all(e.status == "planned" for e in meetings)
    assert {e.place.name for e in meetings if e.place is not None} == {"Oman", "Doha"}
    blamed = _events(pipeline, _article("blame", "Officials said Russia is to blame for the attack on the market."))
    assert [e.status for e in blamed if e.event_type == "attack"] == ["happened"]


def test_a_chain_through_an_unrecognised_unit_still_frames_the_village(pipeline):
    """"Miringa, a village in Biu Local Government Area of Borno State": the chain runs through Biu whether or
    not Biu is recognised, so the event is at the village, not the state."""
    text = "Damboa, a town in Sakwa Local Government Area of Borno State, came under attack on Sunday."
    events = [e for e in _events(pipeline, _article("chain", text)) if e.event_type == "attack"]
    assert [e.toponym.mention.surface for e in events if e.toponym is not None] == ["Damboa"]


def test_speaking_to_an_audience_is_no_call_and_a_jailed_person_named_is_no_new_arrest(pipeline):
    """"Speaking to British lawmakers" is no phone call ("spoke to Putin" still is); "jailed publisher X" and
    "the son of imprisoned activist X" describe someone, they report no arrest ("Police arrested opposition
    leader X" and "... and arrested several members" do)."""
    text = ("Speaking to British lawmakers last month, the prime minister said the deal was vital. "
            "The son of imprisoned pro-democracy activist Chen Wei brought the campaign to Washington this week. "
            "Her clients include jailed opposition leader Ali Musa in Cairo. "
            "The president spoke to Putin on Tuesday. Police arrested opposition leader Omar Said in Lagos on Monday, "
            "and soldiers raided a market in Kano and arrested several members of a militia.")
    events = _events(pipeline, _article("described", text))
    calls = [e for e in events if e.event_type == "phone_call"]
    assert [e.trigger for e in calls] == ["spoke to Putin"]
    arrests = {e.place.name for e in events if e.event_type == "arrest" and e.place is not None}
    assert arrests == {"Lagos", "Kano"}
    assert not any(e.event_type == "arrest" and e.place is None for e in events)


def test_a_ministry_called_department_is_no_place(pipeline):
    found = {t.mention.surface for t in pipeline.geoparser.parse(
        "The tankers were sanctioned by the U.S. Treasury Department last year.") if t.place is not None
        or t.mention.usage.value == "literal"}
    assert "Treasury" not in found


def test_figurative_occupation_and_people_flown_in_cargo_jets_are_no_events(pipeline):
    """"occupied a gray area", "occupied the post of minister" take no ground; detainees "aboard cargo jets"
    are no arms shipment. "Rebels occupied the area around the airport" and "cargo planes delivered weapons"
    still are events."""
    text = ("Being neither Black nor white, the families occupied a gray area under the old laws. She occupied the "
            "post of minister for a year. The first detainees arrived at Guantanamo Bay aboard military cargo jets. "
            "Rebels occupied the area around the airport on Sunday. Russian cargo planes delivered weapons to Damascus.")
    types = sorted(e.event_type for e in _events(pipeline, _article("figurative", text)))
    assert types.count("territory_overtaken") == 1 and types.count("arms_shipment") == 1


def test_a_where_clause_happens_at_the_one_place_it_hangs_on(pipeline):
    """"a remote part of the state of Bauchi, where a number of villages saw rioting and clashes": the clause's
    events are at the
    place before "where"; with two places before it ("Gulu, 30 kilometres from Lira where ...") which one is
    not said, and "met by fierce resistance" is no meeting."""
    text = ("Most of the deaths are believed to have occurred in a remote part of the state of Bauchi, where a number "
            "of villages saw rioting and clashes between farmers and herders. "
            "Jets bombed Gulu, 30 kilometres from Lira where the meeting was taking place. "
            "The advance was met by fierce resistance.")
    events = _events(pipeline, _article("where", text))
    at = {(e.event_type, e.toponym.mention.surface if e.toponym else None) for e in events}
    assert {("riot", "Bauchi"), ("armed_clash", "Bauchi")} <= at
    assert ("meeting", "Gulu") not in at and all(e.event_type != "meeting" or e.toponym is None for e in events)


def test_what_may_or_usually_happens_is_no_report_and_a_person_still_fighting_is_no_clash(pipeline):
    """"they may be arrested and detained", "is usually deported": possible or habitual, not happened;
    "a prison to hold captured fighters" and "he's still fighting" (a man's struggle) are no events;
    "Police arrested him" and "could not confirm the attack" still report what happened."""
    text = ("In serious cases, holders may be arrested and detained by officers. If an appeal fails, the person is "
            "usually deported. The base has a prison to hold captured fighters. He's still strong, and he's still "
            "fighting, his son said. Police arrested two men in Kano on Monday. Officials could not confirm the "
            "attack in Maiduguri.")
    events = _events(pipeline, _article("modal", text))
    reported = sorted((e.event_type, e.status) for e in events)
    assert ("arrest", "happened") in reported and ("attack", "happened") in reported
    assert not any(t in TERRITORY | {"armed_clash"} for t, _ in reported)
    assert [s for t, s in reported if t == "arrest"].count("happened") == 1
    assert {s for t, s in reported if t == "deportation"} <= {"hypothetical"}


def test_a_long_threatened_invasion_that_is_mounted_has_happened(pipeline):
    """"mounted its long-threatened invasion": "long-" says how long it was threatened, not that it still is;
    "threatened an invasion" and "the long-hoped-for ceasefire would end the war" have not happened."""
    mounted = _events(pipeline, _article("long", "Troops today mounted their long-threatened invasion of the north."))
    threatened = _events(pipeline, _article("threat", "Rebels threatened an invasion of the south."))
    assert [e.status for e in mounted if e.trigger == "invasion"] == ["happened"]
    assert [e.status for e in threatened if e.trigger == "invasion"] == ["planned"]


def test_a_virtual_summit_is_held_nowhere_and_a_country_worked_on_is_a_subject(pipeline):
    """"agreed at a virtual summit to address the challenges China brings": no place for the summit;
    "officials who have worked on North Korea ... during his address": North Korea is the subject matter.
    "The ministers met in Geneva" and "outraged by the video, women marched through Cairo" keep their places."""
    text = ("In March, the leaders agreed at a virtual summit to jointly address the challenges China brings to "
            "the region. The reassignments of officials who have worked on North Korea, combined with the "
            "president's silence during his annual address, suggest a shift. The ministers met in Geneva on "
            "Monday. Outraged by the video, thousands of women marched through the streets of Cairo.")
    placed = {(e.event_type, e.place.name) for e in _events(pipeline, _article("online", text)) if e.place is not None}
    assert ("meeting", "Geneva") in placed and ("protest", "Cairo") in placed
    assert not {name for _, name in placed} & {"China", "North Korea"}


def test_an_arrest_takes_no_scene_from_a_relative_clause_about_the_person(pipeline):
    """"The arrest of X, who led last year's protests over the war in Gaza": the protests' place is not the
    arrest's; violence still shares its sentence's scene ("the city, whose centre was devastated by fighting")."""
    text = ("The recent arrest of the activist Omar Haddad, who played a prominent role in last year's protests "
            "over the war in Gaza, has prompted questions.")
    arrests = [e for e in _events(pipeline, _article("aside", text)) if e.event_type == "arrest"]
    assert arrests and all(e.place is None for e in arrests)
    text = ("In another sign of tension in Najaf, around 300 residents demonstrated to demand that the militia "
            "leave the holy city, whose centre was devastated by weeks of bloody fighting with government troops.")
    fights = [e for e in _events(pipeline, _article("whose", text)) if e.event_type == "armed_clash"]
    assert [e.place.name for e in fights if e.place is not None] == ["Najaf"]


def test_a_call_to_stop_doing_something_is_no_report_that_it_happened(pipeline):
    """"urged the army to stop shelling Dera", "must stop detaining migrants at the camp": a demand that
    something end says nothing of it happening today; "stopped a convoy and arrested two men" and
    "after the shelling stopped" still report what happened."""
    text = ("Aid groups urged the army to stop shelling Dera. The court said police must stop detaining migrants at "
            "the Kalo camp. Troops stopped a convoy near Gao and arrested two men on Monday. Residents returned to "
            "Sabha after the shelling stopped.")
    events = _events(pipeline, _article("stop", text))
    happened = {(e.event_type, e.toponym.mention.surface if e.toponym else None) for e in events if e.status == "happened"}
    assert not {place for _, place in happened} & {"Dera", "Kalo"}
    assert ("arrest", "Gao") in happened and ("shelling", "Sabha") in happened


def _placed(pipeline, article_id: str, text: str) -> list[tuple[str, str | None, str]]:
    """(type, place as written or None, status) of each event of one sentence, before merging."""
    (result,) = pipeline.process([_article(article_id, text)], candidates=False)
    return [(e.event_type, e.toponym.mention.surface if e.toponym else None, e.status) for e in result.events]


def test_a_place_written_inside_a_larger_one_is_the_one_event_place(pipeline):
    """"in X district in the capital Y", "X, a community in Y", "X, Y-e-Z in W": one happening at the first,
    most specific place; a list of places ("A, B, and C") stays one event at each."""
    shot = _placed(pipeline, "chain", "A teacher was shot dead in Wadajir district in the capital Mogadishu on Monday.")
    assert [place for _, place, _ in shot] == ["Wadajir"]
    farm = _placed(pipeline, "community", "Gunmen killed nine farmers in Tse-Akaa, a community in Guma, Benue State.")
    assert [place for _, place, _ in farm] == ["Tse-Akaa"]
    street = _placed(pipeline, "hyphen", "A policeman was killed near Shah Faisal Colony, Gulistan-e-Jauhar in Karachi.")
    assert "Karachi" not in {place for _, place, _ in street} and street
    listed = _placed(pipeline, "list", "Air strikes hit Ariha, Saraqib, and Kafr Nabl on Friday.")
    assert {place for _, place, _ in listed} == {"Ariha", "Saraqib", "Kafr Nabl"}


def test_a_bound_on_a_number_is_no_denial(pipeline):
    """"no fewer than 30 people were killed" reports the killings; "no soldiers were killed" denies them."""
    bound = _placed(pipeline, "bound", "No fewer than 30 people were killed in an attack on a market in Maiduguri.")
    assert bound and all(status == "happened" for _, _, status in bound)
    denied = _placed(pipeline, "none", "No soldiers were killed near Gao, the army said.")
    assert denied and all(status == "denied" for _, _, status in denied)


def test_an_event_word_inside_a_proper_name_is_no_event(pipeline):
    """"the 108th Artillery Group", "a Bradley Fighting Vehicle" name units and things; a headline in title
    case still reports its strike."""
    unit = _placed(pipeline, "unit", "Officers of the 108th Artillery Group met reporters in Kharkiv.")
    assert "shelling" not in {kind for kind, _, _ in unit}
    vehicle = _placed(pipeline, "vehicle", "The army moved a Bradley Fighting Vehicle to a museum in Odesa.")
    assert "armed_clash" not in {kind for kind, _, _ in vehicle}
    headline = _placed(pipeline, "headline", "Russian Drone Strike Hits Apartment Block In Sumy")
    assert ("drone_strike", "Sumy", "happened") in headline


def test_what_a_protest_is_against_is_no_event_of_its_own(pipeline):
    """"protested in Berlin against the air strikes on Sanaa" reports a protest in Berlin, not air strikes
    in Sanaa on that day (their own reports do); a clause's own verb after the protest still reports."""
    topic = _placed(pipeline, "topic", "More than 2,000 people protested in Berlin on Saturday against the air strikes on Sanaa.")
    assert [(kind, place) for kind, place, _ in topic] == [("protest", "Berlin")]
    arrest = _placed(pipeline, "over", "Students rallied in Dhaka over the arrest of their leader in Khulna.")
    assert [(kind, place) for kind, place, _ in arrest] == [("protest", "Dhaka")]
    killed = _placed(pipeline, "verb", "Activists who had protested against the governor were killed in Kano on Monday.")
    assert ("attack", "Kano") in {(kind, place) for kind, place, _ in killed}


def test_a_direction_from_a_place_locates_the_thing_before_it(pipeline):
    """"in raids north of Mosul", "on the highway south of Kirkuk": the direction places the raids; in
    "Hilla, just south of Baghdad" it only says where Hilla lies."""
    raids = _placed(pipeline, "raids", "U.S. and Kurdish troops detained six suspects Thursday in raids north of Mosul.")
    assert ("arrest", "Mosul") in {(kind, place) for kind, place, _ in raids}
    convoy = _placed(pipeline, "convoy", "Gunmen attacked a convoy Tuesday on the highway south of Kirkuk.")
    assert [(kind, place) for kind, place, _ in convoy] == [("attack", "Kirkuk")]
    hilla = _placed(pipeline, "hilla", "A bomb exploded near an army recruiting centre in Hilla, just south of Baghdad.")
    assert {place for _, place, _ in hilla} == {"Hilla"}


def test_this_month_and_this_year_are_honest_precisions(pipeline):
    """"Earlier this month, X hosted Y" happened some day of the publication's month: month precision, not the
    publication day; "earlier this year" is the year."""
    events = _events(pipeline, _article("month", "Earlier this month, the president hosted the Turkish leader in Ankara. "
                                                 "Earlier this year, rebels attacked a convoy near Gao."))
    hosted = [e for e in events if e.event_type == "meeting"]
    assert hosted and (hosted[0].date, hosted[0].date_precision) == (PUBLISHED.date(), "month")
    convoy = [e for e in events if e.event_type == "attack"]
    assert convoy and convoy[0].date_precision == "year" and convoy[0].status == "happened"


def test_a_visit_to_a_continent_told_with_its_countries_is_the_countries(pipeline):
    """"visited Europe and met officials in Germany and Italy": meetings in Germany and Italy, no third one
    in Europe; violence at a region and at a town of it stays two happenings."""
    visit = _placed(pipeline, "europe", "The Chinese trade minister visited Europe last week and met officials in "
                                        "Germany and Italy.")
    assert {place for kind, place, _ in visit if kind == "meeting"} == {"Germany", "Italy"}
    shots = _placed(pipeline, "west-bank", "Gunmen shot and killed a motorist in the West Bank, and soldiers later "
                                           "killed two men in the West Bank town of Jenin.")
    assert {"West Bank", "Jenin"} <= {place for _, place, _ in shots}


def test_a_place_name_after_a_as_the_whole_phrase_is_one_person(pipeline):
    """"a shop owned by a Kikuyu in Nakuru", "two Britons, a Dane and an interpreter": a member of a people
    (Kikuyu and Dane are also towns), never where it happened; "a Paris hospital" is still Paris."""
    shop = _placed(pipeline, "kikuyu", "Police shot dead a man outside a shop owned by a Kikuyu in Nakuru on Monday.")
    assert {place for _, place, _ in shop} == {"Nakuru"}
    hostages = _placed(pipeline, "dane", "Gunmen seized two Britons, a Dane and an interpreter on Thursday.")
    assert all(place != "Dane" for _, place, _ in hostages)
    hospital = _placed(pipeline, "paris", "A wounded soldier was shot dead in a Paris hospital on Monday.")
    assert {place for _, place, _ in hospital} == {"Paris"}


def test_a_part_of_a_place_is_still_the_place(pipeline):
    """"in neighbourhoods on the edge of X", "in the vicinity of X": where it happened is X."""
    edge = _placed(pipeline, "edge", "A chemical attack killed dozens of people in rebel-held neighbourhoods on the "
                                     "edge of Idlib on Sunday.")
    assert ("attack", "Idlib") in {(kind, place) for kind, place, _ in edge}
    vicinity = _placed(pipeline, "vicinity", "Several fighters were killed on Friday as clashes went on in the vicinity "
                                             "of Kidal.")
    assert "Kidal" in {place for _, place, _ in vicinity}


def test_a_town_that_was_captured_is_the_ground_taken(pipeline):
    """"X was captured by rebels": a town of some size, or a place the text names as one, is the ground
    taken there; a name shared with a village ("Omar", "Morton") stays a person, captured in an arrest."""
    town = _placed(pipeline, "taken", "Mosul was captured by Islamic State fighters in June, officials said.")
    assert ("territory_overtaken", "Mosul") in {(kind, place) for kind, place, _ in town}
    named = _placed(pipeline, "named", "The town of Kidal was seized by armed separatists on Sunday.")
    assert ("territory_overtaken", "Kidal") in {(kind, place) for kind, place, _ in named}
    person = _placed(pipeline, "person", "Omar was captured by police on Friday, his lawyer said.")
    assert {kind for kind, _, _ in person} == {"arrest"} and {place for _, place, _ in person} == {None}
    elsewhere = _placed(pipeline, "elsewhere", "Ortega was captured in Medellin on Monday, police said.")
    assert ("arrest", "Medellin") in {(kind, place) for kind, place, _ in elsewhere}


def test_a_planned_event_month_far_ahead_is_the_month_the_plan_was_made(pipeline):
    """Published in March: "announced plans to deport them in early February" dates the announcement last
    February, not a February eleven months on; "is due to visit in May" is this May."""
    published = datetime(2025, 3, 12, 9, 0, tzinfo=timezone.utc)
    text = "The interior ministry announced plans to deport the detainees to Lagos in early February."
    planned = [e for e in _events(pipeline, _article("plan", text, published)) if e.status == "planned"]
    assert planned and all(e.date == date(2025, 2, 15) for e in planned)
    text = "The foreign minister is due to visit Lagos in May."
    coming = [e for e in _events(pipeline, _article("coming", text, published)) if e.status == "planned"]
    assert coming and all(e.date == date(2025, 5, 15) for e in coming)


def test_a_policy_named_after_an_event_is_no_event(pipeline):
    """"the U.S. deportation efforts", "a new protest law", "the sanctions regime": a policy, not a happening
    on the map; "deported 40 migrants" is one."""
    for text in ("Rights groups criticised the U.S. deportation efforts on Monday.",
                 "Lawmakers in Nairobi debated a new protest law on Tuesday.",
                 "The sanctions regime against Pyongyang was extended for a year."):
        assert _placed(pipeline, "policy", text) == [], text
    deported = _placed(pipeline, "deported", "Police deported 40 migrants from Lagos on Monday.")
    assert ("deportation", "Lagos", "happened") in deported


def test_a_place_in_what_a_protest_opposes_is_not_where_it_was_held(pipeline):
    """"protested in Lisbon against the occupation of Gaza": a protest in Lisbon, none at Gaza; "rallied
    against the war in Yemen at a square in Madrid" is in Madrid; "against the mayor in Porto" stays Porto."""
    lisbon = _placed(pipeline, "lisbon", "Thousands of students protested in Lisbon on Friday against the occupation of Gaza.")
    assert {place for kind, place, _ in lisbon if kind == "protest"} == {"Lisbon"}
    madrid = _placed(pipeline, "madrid", "About 3,000 people rallied against the war in Yemen at a square in Madrid.")
    assert {place for kind, place, _ in madrid if kind == "protest"} == {"Madrid"}
    porto = _placed(pipeline, "porto", "Hundreds of taxi drivers protested against the mayor in Porto on Monday.")
    assert {place for kind, place, _ in porto if kind == "protest"} == {"Porto"}


def test_where_someone_comes_from_said_more_exactly_is_no_event_place(pipeline):
    """"a nurse from Leeds in England was killed in X": neither Leeds nor England is where it happened."""
    text = "A nurse from Leeds in England was killed in a shelling attack on Kramatorsk on Monday."
    placed = _placed(pipeline, "from", text)
    assert placed and not {"Leeds", "England"} & {place for _, place, _ in placed}
    assert "Kramatorsk" in {place for _, place, _ in placed}


def test_a_jail_where_something_happened_is_no_arrest(pipeline):
    """"inmates rioted at a jail in X": a riot at a jail; "police jailed two reporters" is an arrest."""
    riot = _placed(pipeline, "jail", "Inmates rioted at a jail in Mombasa on Monday, setting fire to mattresses.")
    assert {kind for kind, _, _ in riot} == {"riot"}
    jailed = _placed(pipeline, "jailed", "Police in Harare jailed two reporters on Friday.")
    assert "arrest" in {kind for kind, _, _ in jailed}


def test_talks_a_party_opposes_have_not_happened(pipeline):
    """"is opposed to talks with X": turned down, like "refused to meet"; "held talks" happened."""
    opposed = _placed(pipeline, "opposed", "The opposition is opposed to talks with the government in Harare.")
    assert opposed and all(status != "happened" for kind, _, status in opposed if kind in {"talks", "meeting"})
    held = _placed(pipeline, "held", "The opposition held talks with the government in Harare on Monday.")
    assert ("talks", "Harare", "happened") in held


def test_what_a_party_undertook_to_do_or_a_plan_is_for_is_still_to_come(pipeline):
    """"agreed to hold joint naval drills", "vowed to retake the town": undertaken, planned; "will travel to
    Accra to mediate": the purpose of a plan is planned too. "agreed to a truce" reports the agreement, and
    "flew to Accra to mediate" says nothing of a plan."""
    drills = _placed(pipeline, "drills", "Ghana and Togo have agreed to hold joint naval exercises in the Gulf of Guinea.")
    assert drills and all(status == "planned" for kind, _, status in drills if kind == "military_exercise")
    retake = _placed(pipeline, "retake", "Rebels vowed to retake the town of Kidal, a spokesman said.")
    assert retake and all(status == "planned" for kind, _, status in retake if kind in TERRITORY)
    purpose = _placed(pipeline, "purpose", "The envoy will travel to Accra next week to mediate between the parties.")
    assert purpose and all(status == "planned" for kind, _, status in purpose if kind == "talks")
    went = _placed(pipeline, "went", "The envoy flew to Accra on Monday to mediate between the parties.")
    assert any(kind == "talks" and status == "happened" for kind, _, status in went)


def test_a_country_people_are_taken_to_is_not_the_deporting_state(pipeline):
    """"were to be taken to Bolivia for repatriation": where they go, not who deports them ("Peru quietly
    extradited the suspect" is Peru's deportation)."""
    text = "Police expelled 60 migrants from Tacna to Chile, from which they were to be taken to Bolivia for repatriation."
    placed = _placed(pipeline, "to", text)
    assert ("deportation", "Tacna", "happened") in placed
    assert all(place != "Bolivia" for _, place, _ in placed)
    extradited = _placed(pipeline, "peru", "Peru quietly extradited the suspect to Chile on Monday.")
    assert ("deportation", "Peru", "happened") in extradited


def test_what_an_allegation_says_happened_is_claimed(pipeline):
    """"an allegation that the rebels had taken over the town of X" is claimed, not reported as happened."""
    text = "Monitors are investigating an allegation that the rebels had taken over the town of Ganta."
    placed = _placed(pipeline, "allegation", text)
    assert placed and all(status == "claimed" for kind, _, status in placed if kind in TERRITORY)


def test_ground_taken_over_is_where_it_was_taken(pipeline):
    """"took over the town of X": the phrasal "over" is no locative word, but the ground taken is the place;
    in "take over Sudan oil fields" the name only says which fields, and places nothing."""
    placed = _placed(pipeline, "over", "Rebels took over the town of Ganta on Monday, residents said.")
    assert ("territory_overtaken", "Ganta", "happened") in placed
    fields = _placed(pipeline, "fields", "Officials said the army could take over Sudan oil fields next year.")
    assert all(place is None for _, place, _ in fields)


def test_a_part_of_a_place_named_with_its_possessive_is_that_place(pipeline):
    """"shelled Aleppo's northern countryside", "on Kabul's outskirts": the possessive opens a part of the place
    where the event was; "Moscow's decision" is still the government's."""
    assert ("shelling", "Aleppo", "happened") in _placed(pipeline, "part", "Rebels shelled Aleppo's northern countryside on Monday.")
    assert ("attack", "Kabul", "happened") in _placed(pipeline, "outskirts",
                                                       "Gunmen attacked a checkpoint on Kabul's outskirts on Monday.")
    (result,) = pipeline.process([_article("decision", "Moscow's decision angered officials in Kyiv.")], candidates=False)
    assert [t.mention.usage.value for t in result.toponyms if t.mention.surface == "Moscow"] == ["metonymic"]


def test_a_place_the_gazetteer_lacks_is_more_specific_than_the_unit_it_is_written_in(pipeline):
    """A district in a province the gazetteer lacks too ("in Karwan District of Tolmar Province"), and a village
    named in the sentence that sets the event in a province's countryside: the smaller name is the place, and
    the known province lends its point."""
    mine = _placed(pipeline, "unit", "Seven civilians were killed when their car hit a mine in Karwan District of "
                                     "Tolmar Province.")
    assert [place for kind, place, _ in mine if kind == "explosion"] == ["Karwan"]  # a car that hit a mine
    text = ("On Friday morning in the Idlib Governorate's southern countryside, the rebels launched a powerful "
            "assault on the village of Tel Karsha.")
    (result,) = pipeline.process([_article("village", text)], candidates=False)
    (assault,) = [e for e in result.events if e.event_type in {"attack", "armed_clash"}]
    assert assault.toponym.mention.surface == "Tel Karsha"
    assert assault.toponym.place is not None and assault.toponym.place.kind.value == "admin1"


def test_a_part_of_a_town_written_after_the_town_is_the_place_at_the_towns_point(pipeline):
    """"the Beirut southern suburb of Haret Hreik", "in Deir Ezzor's Jabiliyah District": the part the gazetteer
    lacks is where it happened, at the town's point; "X District of Y Province" still puts X inside Y."""
    for text, part, town in (
            ("A car bomb exploded in the Beirut southern suburb of Haret Hreik on Thursday, killing five.",
             "Haret Hreik", "Beirut"),
            ("The army detonated a tunnel bomb in Deir Ezzor's Jabiliyah District on Monday.", "Jabiliyah", "Deir ez-Zor")):
        (result,) = pipeline.process([_article("part", text)], candidates=False)
        (event,) = [e for e in result.events if e.event_type == "explosion"]
        assert event.toponym.mention.surface == part, text
        assert event.toponym.place is not None and event.toponym.place.name == town
    mine = _placed(pipeline, "district", "A bomb detonated in Karwan District of Tolmar Province, wounding two.")
    assert [place for kind, place, _ in mine if kind == "explosion"] == ["Karwan"]


def test_a_stronghold_and_a_name_ending_in_a_known_word_are_where_the_violence_was(pipeline):
    """"the rebel stronghold of X" names a place the gazetteer may lack; "clashed with police in Shah Wali Kot"
    is there although "Kot" alone is a known name (read as the end of a longer one)."""
    assert ("explosion", "Zamalka", "happened") in _placed(
        pipeline, "stronghold", "The army detonated a tunnel bomb under the Islamist stronghold of Zamalka on Saturday.")
    assert ("armed_clash", "Shah Wali Kot", "happened") in _placed(
        pipeline, "kot", "Militants clashed with police in Shah Wali Kot, leaving three dead.")


def test_a_bomb_set_off_happened_and_talks_set_to_resume_are_planned(pipeline):
    """"set" plans only in "set to" / "set for": "set off a bomb" and "set fire to" report what was done; a
    trigger followed by "are set to" or "is due to" is still to come."""
    assert ("explosion", "Mosul", "happened") in _placed(
        pipeline, "off", "Militants set off a massive bomb on a minibus in Mosul, killing nine people.")
    for text in ("Talks are set to resume in Doha.", "The hearing is due to open in The Hague."):
        placed = _placed(pipeline, "ahead", text)
        assert placed and all(status == "planned" for _, _, status in placed), (text, placed)


def test_an_assault_rifle_or_assault_troops_are_no_assault(pipeline):
    """"assault" before a weapon or a unit names the kind of thing ("assault rifles", "assault troops"), as
    "attack helicopters" does: no attack of its own; what the troops do still is one."""
    for text in ("Police seized assault rifles in Kano on Monday.", "Assault troops stormed the village of Kafr Nabl."):
        (result,) = pipeline.process([_article("assault", text)], candidates=False)
        assert all("assault" not in e.trigger.lower() for e in result.events), (text, [e.trigger for e in result.events])
    stormed = _placed(pipeline, "troops", "Assault troops stormed the village of Kafr Nabl on Monday.")
    assert [place for _, place, _ in stormed] == ["Kafr Nabl"]


def test_a_conflict_a_protest_opposes_is_not_where_the_protest_was(pipeline):
    """"protested against the escalation of the conflict in X" names what the protest opposes, like "the war in X"."""
    placed = _placed(pipeline, "conflict", "Hundreds protested in Lyon against the escalation of the conflict in Yemen.")
    assert [(kind, place) for kind, place, _ in placed] == [("protest", "Lyon")]
    topic = _placed(pipeline, "violence", "Demonstrators protested against the violence in Darfur on Friday.")
    assert all(place != "Darfur" for _, place, _ in topic), topic


def test_a_hotel_named_after_a_brand_is_no_town(pipeline):
    """"the Serena Hotel in Kabul", "the Hilton Hotel in Nairobi": the hotel's name is a brand that some town
    shares (La Serena, Hilton); the event is in the city the text puts the hotel in."""
    for text, city in (("Gunmen stormed the Serena Hotel in Kabul on Monday.", "Kabul"),
                       ("A bomb exploded at the Hilton Hotel in Nairobi on Monday.", "Nairobi")):
        placed = _placed(pipeline, "hotel", text)
        assert placed and {place for _, place, _ in placed} == {city}, (text, placed)


def test_a_name_after_a_preposition_and_a_direction_is_no_government(pipeline):
    """"a mine in northwest Helmand has killed": the name is the object of "in", not the subject of "has"."""
    placed = _placed(pipeline, "direction", "A roadside bomb in southern Helmand has killed four soldiers, officials said.")
    assert ("explosion", "Helmand", "happened") in placed


def test_a_place_called_the_scene_of_an_event_is_where_it_was(pipeline):
    """"X was the scene of clashes", "X has been the site of fierce fighting": the name is where, not who."""
    assert ("armed_clash", "Ramadi", "happened") in _placed(
        pipeline, "scene", "Ramadi has been the site of fierce fighting since Monday.")
    assert ("armed_clash", "Kirkuk", "happened") in _placed(
        pipeline, "scene2", "Kirkuk was the scene of heavy clashes between police and gunmen on Sunday.")


def test_a_town_described_before_its_name_still_opens_the_sentence_as_its_scene(pipeline):
    """"In the restive town of X, officials said soldiers shot dead ...": words that only describe the town
    ("ancient", "restive", "strategic") do not cut the fronted place off from the event."""
    placed = _placed(pipeline, "restive", "In the restive northern town of Gao, officials said soldiers shot dead two men.")
    assert [place for kind, place, _ in placed if kind in {"attack", "armed_clash"}] == ["Gao"]


def test_ground_stormed_or_captured_is_named_past_its_part_and_its_buildings(pipeline):
    """"stormed the eastern outskirts of X", "captured several buildings inside X": the name the gazetteer
    lacks is where it happened, and buildings taken are ground (a territory change, not an arrest)."""
    stormed = _placed(pipeline, "outskirts", "The army stormed the eastern outskirts of Khan Al-Sheih on Monday.")
    assert [place for kind, place, _ in stormed if kind != "arrest"] == ["Khan Al-Sheih"]
    blocks = _placed(pipeline, "blocks", "The army captured several building blocks inside Sheikh Maqsoud tonight.")
    assert blocks == [("territory_change", "Sheikh Maqsoud", "happened")]


def test_ground_a_verb_takes_as_its_object_is_its_place_not_the_places_before(pipeline):
    """"building up its forces in Latakia ... to capture the strategic city of X": the capture is at X only;
    the places of other phrases before the verb are not where it happened."""
    text = ("While all eyes are on Aleppo, the army has been building up its forces in northern Latakia ahead of "
            "the offensive to capture the strategic city of Saraqib.")
    placed = _placed(pipeline, "object", text)
    assert [place for kind, place, _ in placed if kind in TERRITORY] == ["Saraqib"]
    listed = _placed(pipeline, "list", "Rebels captured Kidal and Gao on Monday.")
    assert {place for kind, place, _ in listed if kind in TERRITORY} == {"Kidal", "Gao"}


def test_a_group_named_after_a_country_or_a_town_places_nothing(pipeline):
    """"the Islamic State in Iraq announced", "fighters of the Nour al-Din al-Zenki Movement": names of armed
    groups, not places of the events around them."""
    for text, name in (("The attack came a day after the Islamic State in Iraq announced a new campaign.", "Iraq"),
                       ("The boy was arrested by fighters of the Nour al-Din al-Zenki Movement.", "Nour")):
        placed = _placed(pipeline, "group", text)
        assert all(place != name for _, place, _ in placed), (text, placed)


def test_deaths_in_a_when_clause_are_at_the_place_of_the_violence_that_caused_them(pipeline):
    """"Police in Borno State said 40 people were killed when gunmen attacked Gwoza": one happening, at Gwoza."""
    placed = _placed(pipeline, "when", "Police in Borno State said 40 people were killed when gunmen attacked Gwoza "
                                       "on Wednesday.")
    assert {place for _, place, _ in placed} == {"Gwoza"}


def test_a_bomb_that_killed_is_one_explosion(pipeline):
    """A killing and the bomb that caused it are one happening, typed by what it was: an explosion, not an attack."""
    text = "Eight people were killed when a car bomb exploded near a police station in Rouiba on Sunday."
    (result,) = pipeline.process([_article("bomb", text)], candidates=False)
    assert [(e.event_type, e.toponym.mention.surface if e.toponym else None) for e in result.events] == [
        ("explosion", "Rouiba")]


def test_an_attack_by_aircraft_is_an_air_or_drone_strike(pipeline):
    """ACLED codes an attack carried out by warplanes or drones as an air/drone strike; an attack on an aircraft
    and a suicide bomber are not."""
    assert ("air_strike", "Rafah", "happened") in _placed(pipeline, "jets", "Israeli warplanes attacked a house in "
                                                                            "Rafah, killing three people.")
    assert ("drone_strike", "Marib", "happened") in _placed(pipeline, "drones", "Two people were killed by Saudi "
                                                                                "drones in Marib on Monday.")
    for text in ("Gunmen attacked a plane at Kandahar airport.",
                 "Six people were killed by a suicide bomber in Baqubah on Sunday."):
        assert all(kind not in {"air_strike", "drone_strike"} for kind, _, _ in _placed(pipeline, "no", text)), text


def test_forces_or_zones_named_after_a_war_word_are_no_event(pipeline):
    """"invasion forces", "battle zones", "a radar bombing system": the war word qualifies a noun."""
    for text in ("The United States sped up the withdrawal of its invasion forces from Panama.",
                 "The army held refugees in the battle zones of the Jaffna peninsula.",
                 "The radar bombing system was first used in Vietnam in 1966."):
        assert _placed(pipeline, "modifier", text) == [], text
    assert _placed(pipeline, "invasion", "Israel mounted its invasion of south Lebanon on Tuesday.")


def test_where_the_wounded_were_taken_is_not_where_they_were_hurt(pipeline):
    """"was shot by a sniper and evacuated to South Africa", "killed ... while trying to cross into Turkey":
    the destination of a movement after the violence is not its place."""
    shot = _placed(pipeline, "away", "A photographer was shot in the leg by a sniper and was evacuated to South Africa.")
    assert shot and all(place != "South Africa" for _, place, _ in shot)
    crossing = _placed(pipeline, "cross", "Nine fighters were killed in the village of Ashmi in northern Syria while "
                                          "trying to cross into Turkey on Tuesday.")
    assert [place for kind, place, _ in crossing if kind == "attack"] == ["Ashmi"]
    assert all(status != "happened" for kind, _, status in crossing if kind != "attack")  # an attempt to cross
    assert ("deployment", "Kosovo", "happened") in _placed(pipeline, "deployed", "NATO troops were deployed to Kosovo.")


def test_a_town_whose_name_opens_with_a_month_is_no_date(pipeline):
    """"in Marib", "in Maysan", "in Augusta": the month abbreviation must end a word to date the event."""
    for text in ("Two people were killed in Marib on Monday.", "Gunmen attacked a checkpoint in Augusta on Monday."):
        events = _events(pipeline, _article("month", text))
        assert events and all(e.date is not None and e.date.isoformat() == "2025-06-09" for e in events), text


def test_deaths_in_a_when_clause_take_its_day(pipeline):
    """"were killed when a car bomb exploded ... on Sunday": the deaths are Sunday's, as the explosion is."""
    text = "Eight people were killed when a car bomb exploded near a police station in Rouiba on Sunday."
    (event,) = _events(pipeline, _article("day", text))
    assert event.date is not None and event.date.isoformat() == "2025-06-08"


def test_a_surname_after_a_particle_is_no_place(pipeline):
    """"shot Luis Carlos da Silva": a person's name whose last word is also a town's; "Rio de Janeiro" stays a place."""
    shot = _placed(pipeline, "silva", "Gunmen shot Luis Carlos da Silva outside his home in Sao Goncalo on Monday.")
    assert [place for _, place, _ in shot] == ["Sao Goncalo"]
    assert ("protest", "Rio de Janeiro", "happened") in _placed(pipeline, "rio", "Thousands marched in Rio de Janeiro.")


def test_the_towns_a_road_joins_and_the_island_a_town_is_on_only_say_where(pipeline):
    """"on the Kabul-Ghazni main road in Saydabad District": the towns name the road; "in the Maimbung township
    on Jolo island": the island holds the town; "Buhriz, a suburb of Baqouba": the town written after it frames the suburb."""
    road = _placed(pipeline, "road", "Gunmen killed 13 civilians on the Kabul-Ghazni main road in Saydabad District "
                                     "on Monday.")
    assert [place for _, place, _ in road] == ["Saydabad"]
    island = _placed(pipeline, "island", "Seven civilians were killed in the Maimbung township on Jolo island.")
    assert [place for _, place, _ in island] == ["Maimbung"]
    suburb = _placed(pipeline, "suburb", "Mortar rounds fell on Buhriz, a suburb of Baqouba, on Monday.")
    assert {place for _, place, _ in suburb} == {"Buhriz"}


def test_what_talks_are_on_is_no_event_place(pipeline):
    """"the talks on Syria" names their subject, "pressure on Russia" whom it is put on; "talks on Syria opened in
    Geneva" are in Geneva."""
    assert all(place != "Syria" for _, place, _ in _placed(
        pipeline, "topic", "Officials would not say who would attend the talks on Syria."))
    assert all(place != "Russia" for _, place, _ in _placed(
        pipeline, "pressure", "The council urged all sides to put pressure on Russia to stop the air raids on the camp."))
    assert ("talks", "Geneva", "happened") in _placed(pipeline, "geneva", "Talks on Syria opened in Geneva on Monday.")


def test_a_known_name_the_text_calls_an_area_of_a_town_abroad_is_in_that_town(pipeline):
    """"the Nabi Yunis area of Mosul": a namesake of the area's name in another country gives way to the town;
    "the Somali capital's Hamar Weyne district": the capital holds the district the gazetteer lacks."""
    (result,) = pipeline.process([_article("area", "Five people were killed in the Nabi Yunis area of Mosul on "
                                                   "Saturday.")], candidates=False)
    (event,) = result.events
    assert event.toponym.mention.surface == "Nabi Yunis"
    assert event.toponym.place is not None and event.toponym.place.name == "Mosul"
    (result,) = pipeline.process([_article("capital", "A car bomb detonated in the Somali capital's Hamar Weyne "
                                                      "district on Monday.")], candidates=False)
    (event,) = result.events
    assert event.toponym.mention.surface == "Hamar Weyne" and event.toponym.place.name == "Mogadishu"


def test_being_in_custody_is_no_arrest_and_a_decision_to_deploy_is_planned(pipeline):
    """"died while in police custody", "remains in custody" report no new arrest ("taken into custody" does);
    "the decision of sending troops to X" is decided, not done."""
    for text in ("A prisoner died while in police custody in Kano, a report said.", "The suspect remains in custody in Lagos."):
        assert all(kind != "arrest" for kind, _, _ in _placed(pipeline, "custody", text)), text
    assert ("arrest", "Kano", "happened") in _placed(pipeline, "into", "He was taken into custody in Kano on Monday.")
    decided = _placed(pipeline, "decision", "Students protested the decision of sending troops to Iraq.")
    assert ("deployment", "Iraq", "planned") in decided
    assert ("deployment", "Mali", "happened") in _placed(pipeline, "sent", "Troops were sent to Mali on Monday.")


def test_an_event_on_whose_eve_something_happens_is_still_to_come(pipeline):
    """"on the eve of a visit by the prime minister": the visit is ahead; "a Christmas Eve attack" happened."""
    assert [status for kind, _, status in _placed(
        pipeline, "eve", "Protesters gathered in Dhaka on the eve of a visit by the Indian prime minister.")
        if kind == "meeting"] == ["planned"]
    assert ("attack", "Jos", "happened") in _placed(pipeline, "xmas", "Gunmen killed five people in a Christmas Eve "
                                                                      "attack in Jos.")


def test_an_airport_or_plant_named_after_a_town_is_at_that_town(pipeline):
    """"the Deir Ezzor Military Airport", "the Aleppo Thermal Power Plant": a facility named after the town it serves
    (hotels and hospitals are not: their names are often brands or people's)."""
    assert ("attack", "Deir Ezzor", "happened") in _placed(
        pipeline, "airport", "Militants launched a new assault on the Deir Ezzor Military Airport on Monday.")
    assert ("shelling", "Aleppo", "happened") in _placed(
        pipeline, "plant", "Rebels shelled the Aleppo Thermal Power Plant on Monday.")


def test_a_road_blockaded_by_civilians_is_a_protest_and_one_closed_by_police_is_not(pipeline):
    """Farmers or truckers blocking a highway protest (ACLED's commonest form of protest after marches); police
    closing roads after an attack, or snow blocking them, report no protest."""
    assert ("protest", "Nakuru", "happened") in _placed(pipeline, "farmers", "Farmers blocked the main highway "
                                                                             "into Nakuru on Monday.")
    for text in ("Police blocked all roads into Kismayo after the attack.", "Heavy snow blocked the road to Bamyan."):
        assert all(kind != "protest" for kind, _, _ in _placed(pipeline, "closed", text)), text


def test_a_place_with_its_own_unit_noun_inside_its_state_is_the_place(pipeline):
    """"villages of Guma local government area in Benue state": the area the state frames, one event there."""
    assert _placed(pipeline, "lga", "Gunmen abducted twelve farmers in villages of Guma local government area in "
                                    "Benue state on Sunday.") == [("abduction", "Guma", "happened")]


def test_deaths_by_a_bomb_are_the_bombing_at_its_place(pipeline):
    """"In Helmand, four policemen were killed by a roadside bomb ... in Nad Ali district": one happening, the
    bombing, at the district; "killed ... by one of the clans involved in clashes" does not take the clashes."""
    assert _placed(pipeline, "by", "In Helmand, four policemen were killed by a roadside bomb on Sunday in Nad Ali "
                                   "district.") == [("explosion", "Nad Ali", "happened")]
    clans = _placed(pipeline, "clans", "Five women were killed in the town of Marka by one of the clans involved in "
                                       "recent clashes in Lower Shabelle.")
    assert ("attack", "Marka", "happened") in clans


def test_where_something_was_going_is_not_where_it_happened(pipeline):
    """"en route to X", "bound for X", "on its way to X": the destination of a ship or bus the event befell."""
    ship = _placed(pipeline, "ship", "A cargo ship en route to Kenya was attacked by pirates off Mogadishu on Monday.")
    assert [place for _, place, _ in ship] == ["Mogadishu"]
    bus = _placed(pipeline, "bus", "Gunmen attacked a bus bound for Kano near Zaria on Sunday.")
    assert [place for _, place, _ in bus] == ["Zaria"]


def test_a_march_is_held_where_it_goes(pipeline):
    """"marched to X": the protest is held at the march's destination."""
    assert _placed(pipeline, "march", "On Monday, hundreds of nurses marched to the White House to demand higher "
                                      "pay.") == [("protest", "White House", "happened")]
    assert _placed(pipeline, "plan", "The opposition plans to march to Bellary next week.") == [
        ("protest", "Bellary", "planned")]


def test_what_a_threat_answers_happened_and_a_threat_against_any_attack_is_a_condition(pipeline):
    """"threatened to shell X in retaliation for an air raid on Y": the raid happened, the shelling is planned;
    "vowed revenge for the killing of its commander" reports the killing; "retaliation for any attack" none."""
    raid = _placed(pipeline, "answer", "Iran threatened to shell Iraqi towns on Monday in retaliation for an air raid "
                                       "on Susangerd.")
    assert ("air_strike", "Susangerd", "happened") in raid
    arrest = _placed(pipeline, "response", "The group vowed to strike back in response to the arrest of its leader in "
                                           "Kano.")
    assert ("arrest", "Kano", "happened") in arrest
    condition = _placed(pipeline, "any", "Israel warned of harsh retaliation for any attack on its territory.")
    assert condition and all(status != "happened" for _, _, status in condition)


def test_deaths_in_riots_are_the_riot(pipeline):
    """"28 people have been killed in ethnic riots": one happening, the riot (its event carries the count)."""
    for number, text in enumerate(("At least 12 people died during the riots in Jos, police said.",
                                   "Eleven people were killed in ethnic riots in Jos on Sunday, police said.")):
        assert [kind for kind, _, _ in _placed(pipeline, f"riots{number}", text)] == ["riot"], text


def test_the_killing_of_a_person_is_an_attack_and_the_killing_of_a_bill_is_none(pipeline):
    """"the killing of a journalist", "the killings of three aid workers", "the murder of Raed Karmi" report
    attacks; "the killing of wolves", "the killing of the bill", "a murder of crows" do not."""
    for number, text in enumerate(("Crowds gathered after the killing of three aid workers in Tigray on Monday.",
                                   "Palestinians blamed Israel for the killing of Raed Karmi in Tulkarm.",
                                   "The killing of at least 40 unarmed villagers in Ituri sparked outrage.")):
        assert "attack" in {kind for kind, _, _ in _placed(pipeline, f"killing{number}", text)}, text
    for number, text in enumerate(("Farmers protested the killing of wolves in Bavaria.",
                                   "The killing of the bill in the Senate disappointed activists in Ohio.",
                                   "A murder of crows gathered over the field in Kent.")):
        assert "attack" not in {kind for kind, _, _ in _placed(pipeline, f"animals{number}", text)}, text


def test_people_captured_or_seized_are_abducted_by_armed_groups_and_arrested_by_forces(pipeline):
    """"rebels captured two off-duty soldiers", "JNIM seized four truck drivers": people taken by an armed group
    (by its kind or a listed group's name), an abduction; by troops, an arrest; ground captured ("the army's forward base", "the town of Bunia") stays a territory change."""
    for number, text in enumerate(("Rebels captured two off-duty soldiers at a wedding near Beni on Sunday.",
                                   "JNIM seized four truck drivers on the road near Gao on Sunday.")):
        assert [kind for kind, _, _ in _placed(pipeline, f"taken{number}", text)] == ["abduction"], text
    held = _placed(pipeline, "held", "Troops captured three ADF fighters near Beni on Sunday.")
    assert [kind for kind, _, _ in held] == ["arrest"]
    for number, text in enumerate(("Rebels captured the army's forward base near Beni.",
                                   "Rebels captured the town of Bunia on Monday.")):
        assert [kind for kind, _, _ in _placed(pipeline, f"ground{number}", text)] == ["territory_overtaken"], text


def test_people_killed_by_anyone_is_an_attack_and_by_nature_is_none(pipeline):
    """"Armed men killed 12 villagers", "Fulani herdsmen killed 20 farmers": whoever the killers are, people
    killed is an attack at its place; an earthquake, a storm or cholera that killed people is no attack, nor is
    a war's toll ("the conflict has killed")."""
    for number, (text, place) in enumerate((("Armed men killed 12 villagers in Zamfara on Sunday.", "Zamfara"),
                                            ("Fulani herdsmen killed 20 farmers in Benue State on Monday.", "Benue State"))):
        assert ("attack", place, "happened") in _placed(pipeline, f"killed{number}", text), text
    for number, text in enumerate(("The earthquake killed 300 people in Herat.",
                                   "Cholera killed 40 children in Kasai last month.",
                                   "The storm killed 12 fishermen off Mombasa.",
                                   "The conflict in Tigray has killed hundreds of thousands of people.")):
        assert "attack" not in {kind for kind, _, _ in _placed(pipeline, f"nature{number}", text)}, text


def test_look_alikes_of_violence_outside_a_war_are_no_events(pipeline):
    """Words of war in everyday news: a house fire that kills, one car striking another, a tax deal's terms
    violated, control as a manner of running things, drones launched to search the sea, airbags deployed
    (a force named far off in the sentence does not make them troops). Each is an event in a
    war story ("sniper fire killed", "a rocket struck a car", "violated the truce", "seized control of",
    "launched 112 drones overnight, the air force said")."""
    everyday = ("A basement fire killed a man, 84, in Scottdale on Sunday.",
                "The sedan crossed into the southbound lanes in Decatur, where it struck a pickup driven by a nurse.",
                "Officials in Columbus will check whether the company violated the terms of a tax agreement.",
                "There is a lot less control over suppliers in Dhaka, a professor said.",
                "The survey ship reached the search area off Perth on Monday and launched the drones to map the "
                "seabed.",
                "Police said they do not know whether the driver wore a seat belt, but the airbags did deploy when "
                "his car hit a tree in Dortmund.")
    for number, text in enumerate(everyday):
        assert _placed(pipeline, f"everyday{number}", text) == [], text
    at_war = (("Sniper fire killed two soldiers in Avdiivka on Monday.", "attack"),
              ("A rocket struck a car in Kharkiv on Monday.", "missile_strike"),
              ("Rebels violated the ceasefire near Goma on Monday, the army said.", "ceasefire_violation"),
              ("Rebels seized control of Goma on Monday.", "territory_overtaken"),
              ("Russia launched 112 drones at Odesa overnight, the air force said.", "drone_strike"),
              ("Fighter jets flew low over the capital on Monday, in a two-day exercise near Konya to test a new "
               "radar.", "military_exercise"))
    for number, (text, kind) in enumerate(at_war):
        assert kind in {k for k, _, _ in _placed(pipeline, f"war{number}", text)}, text


def test_violence_a_court_judges_is_of_the_past_and_the_courts_day_is_not_its_day(pipeline):
    """A trial, charge or sentence "of", "for" or "over" violence is about violence done before: the story is
    the court's. The violence is background, off the map, undated unless the text dates it ("the 2004
    bombing"); the court hearing is the current event. Violence told beside a charge stays current."""
    cases = ("A military court in Bamako opened the trial of nine soldiers accused of the Moura massacre on "
             "Monday.", "Three men were sentenced on Tuesday over the killing of two police officers in Kano.")
    for number, text in enumerate(cases):
        events = _events(pipeline, _article(f"court{number}", text))
        violent = [e for e in events if e.event_type in {"attack", "armed_clash"}]
        assert violent and all(e.status == "background" and e.date is None for e in violent), text
    dated = _events(pipeline, _article("court-dated", "A trial opened in Paris on Monday over the 2004 bombing of "
                                                      "a French base in Bouake."))
    assert [(e.status, e.date.year) for e in dated if e.event_type == "explosion"] == [("background", 2004)]
    current = _events(pipeline, _article("court-beside", "Gunmen killed five people in Gao on Monday and were later "
                                                         "charged."))
    assert [e.status for e in current if e.event_type == "attack"] == ["happened"]


def test_a_place_in_a_statement_of_its_own_is_not_where_the_next_clauses_violence_happened(pipeline):
    """"Police charged two men in Leeds, and gunmen attacked a village": "and" with a subject of its own opens
    another statement, so Leeds is not where the village was attacked; "stormed a post in X, and killed
    three" goes on with one subject at one place."""
    assert _placed(pipeline, "apart", "Police questioned two men in Leeds, and gunmen attacked a village on "
                                     "Monday.") == [("attack", None, "happened")]
    assert ("attack", "Bama", "happened") in _placed(pipeline, "together", "Gunmen stormed a police post in Bama, and "
                                                                          "killed three officers.")


def test_a_site_that_carries_its_towns_name_puts_the_event_in_that_town(pipeline):
    """"At the Kandahar Grand Hotel", "near the Gao airport": a hotel, an airport or a market that carries a
    town's name stands in that town, so an event there is in the town. An embassy carries the name of the
    country it represents, not of where it stands."""
    assert ("explosion", "Kandahar", "happened") in _placed(
        pipeline, "site0", "A bomb exploded at the Kandahar Grand Hotel on Monday.")
    assert ("attack", "Gao", "happened") in _placed(
        pipeline, "site1", "Gunmen attacked a checkpoint near the Gao airport on Monday.")
    embassy = _placed(pipeline, "site2", "Protesters gathered outside the Japanese embassy in Hamburg on Monday.")
    assert [place for _, place, _ in embassy] == ["Hamburg"]


def test_what_talks_are_about_is_neither_where_they_are_held_nor_a_happening(pipeline):
    """"Talks on a maritime truce in the Red Sea" are held where the delegations met, not at sea; the truce is
    what they discuss, not a truce that happened. A time or a setting after "on" is no subject ("talks on
    Monday in Istanbul", "on the sidelines of the summit")."""
    placed = _placed(pipeline, "about0", "Envoys met in Nairobi for talks on the war in Sudan.")
    assert "Sudan" not in {place for kind, place, _ in placed if kind == "talks"} and (
        ("talks", "Nairobi", "happened") in placed)
    assert ("talks", "Istanbul", "happened") in _placed(pipeline, "about1", "Delegations held talks on Monday in "
                                                                            "Istanbul.")
    truce = _placed(pipeline, "about2", "The two sides held talks on a ceasefire in Yemen in Muscat on Monday.")
    assert [status for kind, _, status in truce if kind == "ceasefire"] == ["planned"]
    held = _placed(pipeline, "about3", "Talks on Monday followed a ceasefire that took hold in Gaza.")
    assert [status for kind, _, status in held if kind == "ceasefire"] == ["happened"]


def test_a_demonstration_that_turns_violent_is_one_riot_and_separate_scenes_stay_apart(pipeline):
    """ACLED codes a happening by its most severe part: the march and the stones thrown at it are one violent
    demonstration, at the march's place and day; a peaceful rally in another city stays a protest of its own."""
    text = ("Thousands of students marched through Nairobi on Tuesday against the finance bill. "
            "Later some protesters set fire to tyres and threw stones at police. "
            "In Mombasa, hundreds of traders held a peaceful sit-in outside the county offices on Wednesday.")
    events = [e for e in _events(pipeline, _article("demo", text)) if e.status == "happened"]
    at = sorted((e.event_type, e.place.name if e.place else None, e.date.isoformat() if e.date else None)
                for e in events)
    assert at == [("protest", "Mombasa", "2025-06-11"), ("riot", "Nairobi", "2025-06-10")], at


def _kinds(pipeline, article_id: str, text: str) -> list[str]:
    """The types of the article's events (not background), sorted."""
    return [kind for kind, _, _ in _types_at(pipeline, article_id, text)]


def _types_at(pipeline, article_id: str, text: str) -> list[tuple[str, str | None, str | None]]:
    events = [e for e in _events(pipeline, _article(article_id, text)) if e.status != "background"]
    return sorted((e.event_type, e.place.name if e.place else None, e.date.isoformat() if e.date else None)
                  for e in events)


def test_two_deeds_told_in_one_sentence_stay_two_and_armed_men_fighting_is_no_riot(pipeline):
    """A blast is part of a strike, a shelling or a fight, not of a kidnapping: gunmen who kidnap and then set
    off bombs did two things. Street battles between insurgents and security forces are an armed clash; the
    same words between protesters and police a violent demonstration."""
    both = _types_at(pipeline, "deeds", "Gunmen kidnapped 16 aid workers from a market in Kabul on Monday and "
                                        "detonated a series of bombs in the city.")
    assert {kind for kind, _, _ in both} == {"abduction", "explosion"}, both
    assert _kinds(pipeline, "fight", "Street battles raged in central Baghdad on Monday between "
                                     "insurgents and security forces.") == ["armed_clash"]
    assert _kinds(pipeline, "crowd", "Clashes erupted between protesters and police in Dhaka on Monday.") == ["riot"]


def test_a_sanction_needs_a_measure_and_captured_equipment_is_no_arrest(pipeline):
    """Lifting a state of emergency sanctions no one; lifting sanctions does. Tanks or a helicopter captured
    are neither people arrested nor ground taken: weapons seized."""
    assert _types_at(pipeline, "emergency", "The government lifted a state of emergency in West Darfur on Sunday.") == []
    assert _kinds(pipeline, "lifted", "The European Union lifted sanctions on Syria's central bank "
                                      "on Tuesday.") == ["sanctions"]
    for article_id, text in (("tanks", "Rebels captured two tanks and a cache of ammunition near the town on Monday."),
                             ("helicopter", ("Moscow demanded the return of a helicopter that was captured by the "
                                             "army last week."))):
        captured = _types_at(pipeline, article_id, text)
        assert [kind for kind, _, _ in captured] == ["weapons_seizure"], captured


def test_a_time_written_after_the_event_dates_it_before_the_time_of_the_report(pipeline):
    """"Complained on Thursday over two air raids last Saturday": the raids are Saturday's (the report a
    Thursday, 12 June 2025), the complaint's time is not theirs."""
    raids = _types_at(pipeline, "raids", "Lebanon complained to the United Nations on Thursday over two Israeli "
                                         "air raids last Saturday that killed 12 people.")
    assert [(kind, day) for kind, _, day in raids] == [("air_strike", "2025-06-07")], raids


def test_weapons_shot_down_are_one_interception_and_the_firer_types_the_strike(pipeline):
    """"Shot down 23 of the 30 drones launched overnight towards Odesa" is one disrupted weapons use, not a
    drone strike beside it; a strike fired in a clause of its own stays. Rockets fired by helicopters are an
    air strike, howitzers that pound a town a shelling, warplanes that pound positions an air strike."""
    assert _kinds(pipeline, "stopped", "Air defences shot down 23 of the 30 drones launched "
                                       "overnight towards Odesa, the air force said on Monday.") == ["interception"]
    both = _types_at(pipeline, "both", "Air defences intercepted ten drones over Odesa on Monday, but missiles fired "
                                       "at Kharkiv hit a school.")
    assert {kind for kind, _, _ in both} == {"interception", "missile_strike"}, both
    assert _kinds(pipeline, "rockets", "Army helicopters fired rockets at a village near Kalay on "
                                       "Monday, destroying a clinic.") == ["air_strike"]
    assert _kinds(pipeline, "guns", "Government howitzers pounded the town of Kalay on Monday from a "
                                    "hilltop base.") == ["shelling"]
    assert _kinds(pipeline, "planes", "Warplanes pounded rebel positions near Kalay late on Monday.") == ["air_strike"]


def test_people_taken_on_their_way_are_abducted(pipeline):
    """"Seized 20 worshippers attending a church service": the participle after the people ends their phrase, so armed
    men who seize them abduct people (not a town)."""
    assert _kinds(pipeline, "taken", "Bandits seized 20 worshippers attending a church service in "
                                     "Kajuru on Sunday.") == ["abduction"]


def test_weapons_captured_or_seized_are_a_weapons_seizure_that_acled_calls_disrupted_weapons_use(pipeline):
    """ACLED codes the seizure of weapons or weapons platforms as disrupted weapons use: tanks captured from
    rebels are neither people arrested nor ground taken; rifles smuggled and then seized are one seizure; a
    drugs bust that also finds pistols is no conflict event."""
    tanks = _types_at(pipeline, "tanks", "Troops captured three tanks and a rocket launcher from the rebels near "
                                         "Kadugli on Monday.")
    assert tanks == [("weapons_seizure", "Kadugli", "2025-06-09")], tanks
    assert load_taxonomy().get("weapons_seizure").acled_sub_event_type == "Disrupted weapons use"
    assert _kinds(pipeline, "rifles", "Customs officers in Durres seized 200 rifles smuggled "
                                      "from Montenegro on Monday.") == ["weapons_seizure"]
    bust = _types_at(pipeline, "bust", "Police seized pistols and heroin in a raid on a house in Kirkuk on Monday.")
    assert "weapons_seizure" not in {kind for kind, _, _ in bust}, bust


def test_who_changed_a_territorys_control_picks_its_acled_sub_event_type(pipeline):
    """ACLED tells a change of control apart by who made it: an armed group overrunning a town is a non-state
    actor overtaking territory, the army retaking it the government regaining territory, forces withdrawing
    from a city a non-violent transfer, placed at the city they left."""
    acled = {t.id: t.acled_sub_event_type for t in load_taxonomy().types}
    taken = _types_at(pipeline, "taken", "M23 rebels seized control of Goma on Monday.")
    assert [(acled[kind], place) for kind, place, _ in taken] == [("Non-state actor overtakes territory", "Goma")], taken
    retaken = _types_at(pipeline, "retaken", "The army recaptured Goma from the rebels on Tuesday.")
    assert [(acled[kind], place) for kind, place, _ in retaken] == [("Government regains territory", "Goma")], retaken
    left = _types_at(pipeline, "left", "Russian forces withdrew from the city of Kherson on Friday.")
    assert [(acled[kind], place) for kind, place, _ in left] == [("Non-violent transfer of territory", "Kherson")], left


def test_an_attack_a_crowd_carries_out_is_a_riot(pipeline):
    """ACLED codes violence by a mob as a riot, not as an armed group's attack on civilians: villagers with
    machetes who attack a camp riot; gunmen a resident tells of attack."""
    assert _kinds(pipeline, "mob", "Hundreds of villagers armed with machetes attacked a mining camp near "
                                   "Kolwezi on Monday.") == ["riot"]
    assert _kinds(pipeline, "gunmen", "Residents said gunmen attacked the village of Kukawa on Monday.") == ["attack"]


def test_mentions_of_one_change_of_control_are_one_event_typed_by_the_one_that_names_the_taker(pipeline):
    """"Rebels captured Kidal ... The capture of Kidal was confirmed": one change of control, the rebels'
    (the second mention does not say who took it, and "the capture of" a town takes no one prisoner)."""
    taken = _types_at(pipeline, "one-change", "Rebels captured the town of Kidal on Monday. The capture of Kidal "
                                              "was confirmed by the army.")
    assert [(kind, place) for kind, place, _ in taken] == [("territory_overtaken", "Kidal")], taken


def test_a_withdrawal_told_beside_a_taking_is_the_same_change_of_control(pipeline):
    """"Government forces seized control of X while rebels made a tactical withdrawal": one change of
    control at X, the government's (ACLED's government regaining territory), not a second, unplaced handover."""
    both = _types_at(pipeline, "withdrawal", "Government forces seized control of Homs on Thursday while rebels "
                                             "made a tactical withdrawal, a monitor said.")
    assert [(kind, place) for kind, place, _ in both if kind in TERRITORY] == [("territory_change", "Homs")], both


def test_deaths_of_a_crash_or_an_accident_are_no_attack_and_arson_is_one(pipeline):
    """"A helicopter went down in bad weather, killing four officers": the crash's dead, no attack beside it;
    a bus that plunged into a ravine killed its passengers in an accident. Assailants who set fire to a
    politician's home attacked it; protesters who set fire to tyres rioted."""
    assert _kinds(pipeline, "crash", "An army helicopter went down in bad weather near Gilgit on Monday, "
                                     "killing four officers.") == ["aircraft_crash"]
    assert _kinds(pipeline, "bus", "A passenger bus plunged into a ravine in Rukum district on Monday, "
                                   "killing 11 travellers.") == []
    assert _kinds(pipeline, "arson", "Assailants set fire to the home of an opposition councillor in Mbale "
                                     "on Friday.") == ["attack"]
    assert _kinds(pipeline, "tyres", "Protesters set fire to tyres and blocked the main road in Lagos "
                                     "on Monday.") == ["riot"]


def test_the_risk_of_an_event_is_no_event_and_next_week_lies_ahead(pipeline):
    """A noun of risk or chance with "of" governs the trigger after it; a clause after "after" is its own.
    "next week", "tomorrow" date a planned event ahead of publication, not on the day of writing."""
    feared = _events(pipeline, _article("risk", "Villagers near Kupiansk live in fear of renewed shelling, the mayor said."))
    assert [(e.event_type, e.status) for e in feared] == [("shelling", "hypothetical")]
    grew = _events(pipeline, _article("grew", "The risk of escalation grew after rockets hit Sderot on Monday."))
    assert [(e.event_type, e.status) for e in grew if e.event_type == "missile_strike"] == [("missile_strike", "happened")]
    talks = [e for e in _events(pipeline, _article("next", "Talks in Doha will resume next week, a diplomat said."))
             if e.event_type == "talks"]
    assert [(e.status, e.date, e.date_precision) for e in talks] == [("planned", PUBLISHED.date() + timedelta(days=7), "week")]
    visit = [e for e in _events(pipeline, _article("tomorrow", "The foreign minister will visit Ankara tomorrow."))
             if e.event_type == "meeting"]
    assert [(e.status, e.date) for e in visit] == [("planned", PUBLISHED.date() + timedelta(days=1))]


def test_soon_before_a_past_verb_reports_and_a_signed_decree_is_no_agreement(pipeline):
    arrested = _events(pipeline, _article("soon", "Police, responding to reports of vandalised cars, soon arrested a 47-year-old man."))
    assert [(e.event_type, e.status) for e in arrested] == [("arrest", "happened")]
    coming = _events(pipeline, _article("soon-will", "Police will soon arrest the suspects, the minister said."))
    assert [(e.event_type, e.status) for e in coming] == [("arrest", "planned")]
    for text in ("Putin signed a decree on Monday ordering a partial mobilisation.",
                 "Two days earlier he had signed a confession admitting the murders.",
                 "The governor signed the bill into law in Austin on Friday."):
        assert "agreement" not in _kinds(pipeline, "signed", text), text
    assert "agreement" in _kinds(pipeline, "accord", "The two sides signed a peace agreement in Doha on Saturday.")


def test_regained_ground_is_a_change_of_control_and_regained_consciousness_is_nothing(pipeline):
    regained = _types_at(pipeline, "regained", "Syrian troops have regained most of the towns and villages in eastern Ghouta.")
    assert [(kind in TERRITORY, place) for kind, place, _ in regained] == [(True, "Eastern Ghouta")]
    assert _kinds(pipeline, "awake", "The patient regained consciousness in a hospital in Kyiv.") == []
    assert _kinds(pipeline, "health", "With treatment, the veteran in Kyiv has regained control over his health.") == []


def test_a_year_after_since_sets_no_past_for_the_next_sentences():
    from geomap.events.dates import stated_past

    published = date(2018, 4, 1)
    assert stated_past("Douma's fall would seal the rebels' worst defeat since 2016, driving them out.", published) is None
    assert stated_past("In 2016, the rebels were driven out of Aleppo.", published).value == date(2016, 1, 1)


def test_a_planted_bomb_that_went_off_during_fighting_is_the_happening(pipeline):
    """ACLED codes a patrol hit by an IED as a remote explosive, even when the report says it was fighting."""
    kinds = _kinds(pipeline, "ied", "A soldier was killed by a buried bomb while battling militants near Kirkuk. "
                                    "The roadside bomb exploded as his patrol passed through a village outside Kirkuk.")
    assert kinds == ["explosion"]


def test_look_alikes_in_wire_sentences_are_no_events_of_that_type(pipeline):
    """Meeting resistance is no meeting, capturing attention no capture, a deadly 'strike' no walk-out."""
    assert "meeting" not in _kinds(pipeline, "resist", "Troops attacked a hamlet west of Saigon, meeting heavy resistance.")
    assert _kinds(pipeline, "attention", "The dissident captured the attention of reformers in Fuzhou city last winter.") == []
    deadly = _kinds(pipeline, "deadliest", "Insurgents shot down a helicopter near Fallujah on Sunday, killing 16 people "
                                           "in the deadliest strike against U.S. forces this year.")
    assert deadly and "protest" not in deadly
    assert _kinds(pipeline, "walkout", "Dock workers went on strike against pay cuts in Mombasa on Monday.") == ["protest"]


def test_who_took_a_person_and_who_disposed_of_a_bomb_decide_the_type(pipeline):
    assert _kinds(pipeline, "taken", "The man was captured by unidentified attackers on a road near Baghdad on Sunday.") == [
        "abduction"]
    assert _kinds(pipeline, "caught", "The suspects were captured in Kano on Friday, police said.") == ["arrest"]
    assert _kinds(pipeline, "sappers", "The explosive device was destroyed by demolition experts outside a bank in Athens.") == [
        "interception"]
    recalled = _events(pipeline, _article("twenty", "Twenty years after agents bombed a ship in Auckland harbour, its crew "
                                                    "gathered to pay tribute."))
    assert [(e.status, e.date.year) for e in recalled if e.event_type in {"attack", "explosion"}] == [("background", 2005)]


def test_the_home_an_age_appositive_gives_is_not_where_the_bomber_struck(pipeline):
    placed = _types_at(pipeline, "home", "On Friday, a man, 28, of Kafr Tsurif near Hebron, detonated a bomb packed with "
                                         "nails in a coffee shop in the center of Tel Aviv, killing three women.")
    assert {place for _, place, _ in placed} == {"Tel Aviv"}


def test_local_news_look_alikes_are_no_events(pipeline):
    """A signed pipe, a meeting room, the sentence a law carries and talk of sanctions report nothing that happened."""
    for text in ("The signed water pipe will be placed in service under Main Street in Lebanon, Missouri.",
                 "The meeting room is in the main building in Dover.",
                 "The offence is a felony in Missouri, which carries a sentence of up to three years in prison."):
        assert _kinds(pipeline, "local", text) == [], text
    talk = _events(pipeline, _article("talk", "Diplomats in Strasbourg said talk of sanctions against Russia was premature."))
    assert [(e.event_type, e.status) for e in talk] == [("sanctions", "hypothetical")]


def test_a_statement_that_only_attributes_the_news_is_no_event(pipeline):
    """"the army said in a statement" beside the strike it reports is where the news came from; a statement that
    condemns or calls for something, with no other event beside it, is the news."""
    assert _kinds(pipeline, "attributed", "Russian drones struck Odesa overnight, the army said in a statement.") == [
        "drone_strike"]
    assert "statement" in _kinds(pipeline, "called", "The town's emergency committee, in a statement, called on the UN "
                                                      "to impose a no-fly zone over Kabkabiya.")


def test_a_human_chain_and_a_vigil_are_protests_and_the_jailed_leader_no_arrest(pipeline):
    assert _kinds(pipeline, "chain", "Opposition supporters of the jailed former president formed a human chain "
                                     "across central Minsk on Saturday.") == ["protest"]
    assert _kinds(pipeline, "vigil", "Hundreds held a candlelight vigil outside the parliament in Belgrade on Friday.") == [
        "protest"]
    assert _kinds(pipeline, "jailing", "Police jailed the former prime minister in Tbilisi on Sunday.") == ["arrest"]


def test_what_a_meeting_was_called_to_discuss_is_not_where_it_met(pipeline):
    assert _types_at(pipeline, "discuss", "Ministers met in Oslo on Monday to discuss the war in Sudan.") == [
        ("meeting", "Oslo", "2025-06-09")]
    assert [place for _, place, _ in _types_at(pipeline, "convened", "The AU Peace and Security Council convened in "
                                                                     "Addis Ababa to discuss the crisis in eastern DRC.")] == [
        "Addis Ababa"]


def test_wire_phrasings_of_interceptions_drills_and_shipments(pipeline):
    assert _kinds(pipeline, "knocked", "Iron Dome batteries knocked out a Hezbollah drone over the Galilee on Tuesday.") == [
        "interception"]
    assert _kinds(pipeline, "rehearsed", "Greek and Egyptian warships rehearsed air-defence scenarios off Crete on "
                                         "Tuesday.") == ["military_exercise"]
    assert _kinds(pipeline, "knockout", "The boxer was knocked out in Las Vegas.") == []
    assert _kinds(pipeline, "shipped", "Moscow shipped attack helicopters and armoured vehicles to Bamako, Mali's army "
                                       "said.") == ["arms_shipment"]
    assert _kinds(pipeline, "haul", "Troops seized assault rifles and attack drones in a raid near Gao.") == [
        "weapons_seizure"]


def test_a_kidnapping_and_a_mobs_rampage_told_in_wire_phrases(pipeline):
    assert _kinds(pipeline, "bundled", "Two aid workers were bundled into a vehicle by armed men outside their office in "
                                       "Gao, colleagues said.") == ["abduction"]
    assert _kinds(pipeline, "ransacked", "Mobs ransacked supermarkets in Puerto Bello on Monday after a blackout.") == ["riot"]
    assert _kinds(pipeline, "stage", "The crowd set up a stage in Lagos on Monday.") == []


def test_a_forces_aircraft_by_model_name_crashes_where_it_came_down(pipeline):
    """"an army Black Hawk" is a helicopter, not the town of that name; a craft that smashed into a hillside crashed."""
    assert _types_at(pipeline, "hawk", "A Colombian army Black Hawk crash-landed in a jungle clearing in Guaviare, "
                                       "injuring seven soldiers.") == [("aircraft_crash", "Guaviare", "2025-06-12")]
    assert _kinds(pipeline, "hillside", "A navy surveillance aircraft smashed into a hillside in Loreto, killing all "
                                        "five aboard.") == ["aircraft_crash"]
    assert _kinds(pipeline, "car", "The car smashed into a wall in Leeds on Monday.") == []


def test_a_truce_discussed_is_not_declared_and_a_discussed_attack_still_happened(pipeline):
    discussed = _events(pipeline, _article("discussed", "Envoys discussed the ceasefire in Doha on Monday."))
    assert [(e.event_type, e.status) for e in discussed] == [("ceasefire", "planned")]
    attack = _events(pipeline, _article("recalled", "Envoys discussed the attack on a convoy near Gao on Monday."))
    assert {e.status for e in attack if e.event_type == "attack"} == {"happened"}


def test_a_blocked_sale_is_no_blockade(pipeline):
    assert _kinds(pipeline, "sale", "In Washington, Trump blocked the Turkish sale over concerns about the jet's "
                                    "technology.") == []
    assert _kinds(pipeline, "road", "Farmers blocked the highway near Lille on Monday.") == ["protest"]


def test_protested_as_a_way_of_speaking_is_a_statement_not_a_crowd(pipeline):
    assert _kinds(pipeline, "said", "The new curfew punishes traders who did nothing wrong, a chamber of commerce "
                                    "official protested on Tuesday.") == ["statement"]
    assert _kinds(pipeline, "quote", "\"We were never consulted,\" the mayor of Gao protested.") == ["statement"]
    assert _kinds(pipeline, "that", "The defence lawyer protested that the judge in Harare had seen no evidence.") == [
        "statement"]
    assert _types_at(pipeline, "crowd", "Hundreds of nurses protested outside the health ministry in Accra on "
                                        "Monday.") == [("protest", "Accra", "2025-06-09")]
    assert "protest" in _kinds(pipeline, "fronted", "After the court upheld the ban on Monday, hundreds of teachers "
                                                    "in Lusaka protested.")


def test_ground_pulled_out_of_is_handed_over_and_a_deal_left_is_no_ground(pipeline):
    assert _types_at(pipeline, "pulled", "Government troops pulled out of Tessalit on Friday, residents said.") == [
        ("territory_handover", "Tessalit", "2025-06-06")]
    assert [place for kind, place, _ in _types_at(pipeline, "noun", "The withdrawal from the city of Kupiansk was "
                                                                   "completed on Monday, the general staff said.")
            if kind == "territory_handover"] == ["Kupyansk"]
    assert _kinds(pipeline, "deal", "Moscow pulled out of the Black Sea grain deal on Monday.") == []
    assert _kinds(pipeline, "race", "The opposition leader withdrew from the presidential race in Kinshasa.") == []


def test_weapons_found_in_a_search_are_seized_not_fired(pipeline):
    assert _kinds(pipeline, "cache", "Gendarmes unearthed a stockpile of anti-tank mines and mortar rounds behind a "
                                     "school near Tillaberi on Sunday.") == ["weapons_seizure"]
    assert _kinds(pipeline, "found", "Marines discovered rifles and explosives under the floor of a warehouse in "
                                     "Hodeidah.") == ["weapons_seizure"]
    assert _kinds(pipeline, "fragments", "Experts found fragments of a missile at the market in Kramatorsk.") == []


def test_people_driven_from_their_homes_and_forces_put_on_alert(pipeline):
    assert _kinds(pipeline, "homes", "Paramilitary police drove some 300 herders out of their village near Moyale "
                                     "on Monday, elders said.") == ["deportation"]
    assert _kinds(pipeline, "alert", "Border units in Ardahan were placed on high alert on Tuesday, the defence "
                                     "ministry said.") == ["deployment"]
    assert _kinds(pipeline, "cleansing", "UN investigators said militias carried out ethnic cleansing in villages "
                                         "near Geneina.") == ["attack"]


def test_ground_between_two_places_is_the_events_place_but_parties_between_are_not(pipeline):
    """"the area between X and Y" is a stretch of ground where it happened; "talks between X and Y" name parties."""
    assert _types_at(pipeline, "stretch", "Militiamen attacked villages in the area between Kutum and Kabkabiya on "
                                          "Monday.") == [("attack", "Kutum", "2025-06-09")]
    assert _types_at(pipeline, "parties", "Talks between Russia and Ukraine resumed on Monday.") == [
        ("talks", None, "2025-06-09")]


def test_a_month_before_the_event_noun_dates_it(pipeline):
    """"the deadly January attack" happened in the last January, "a December exercise" that will be held in the
    next; a month read as a name ("the May government") dates nothing."""
    past = _events(pipeline, _article("january", "Detectives are still examining the deadly January ambush on a "
                                                 "convoy near Bunia."))
    assert [(e.date.isoformat(), e.date_precision, e.status) for e in past] == [("2025-01-15", "month", "background")]
    ahead = _events(pipeline, _article("december", "Estonian troops will hold a December exercise near Tapa."))
    assert [(e.event_type, e.date.isoformat(), e.status) for e in ahead] == [("military_exercise", "2025-12-15",
                                                                             "planned")]
    named = _events(pipeline, _article("may", "Thousands marched against the May government's cuts in Leeds on "
                                              "Monday."))
    assert [(e.event_type, e.date.isoformat()) for e in named] == [("protest", "2025-06-09")]


def test_a_span_after_an_event_dates_that_event_not_the_main_clause(pipeline):
    """"Twenty years after the massacre, survivors marched": the march is today's, the massacre twenty years
    back; "Two weeks after the bombing, police arrested": the bombing two weeks before the arrests."""
    march = _events(pipeline, _article("years", "Twenty years after the massacre, survivors marched through Andijan."))
    assert sorted((e.event_type, e.date.isoformat(), e.status) for e in march) == [
        ("attack", "2005-01-01", "background"), ("protest", "2025-06-12", "happened")]
    arrests = _events(pipeline, _article("weeks", "Two weeks after the bombing of a bus station, police arrested "
                                                  "four suspects in Peshawar."))
    assert sorted((e.event_type, e.date.isoformat(), e.date_precision) for e in arrests) == [
        ("arrest", "2025-06-12", "day"), ("explosion", "2025-05-29", "week")]
    later = _events(pipeline, _article("later", "Hundreds held a vigil in Srebrenica thirty years after the killings."))
    assert [(e.event_type, e.date.isoformat()) for e in later if e.event_type == "protest"] == [("protest", "2025-06-12")]


def test_a_land_mine_is_a_blast_and_a_person_finally_captured_is_arrested(pipeline):
    assert _types_at(pipeline, "mine", "A minibus struck a land mine on the road outside Kismayo on Tuesday.") == [
        ("explosion", "Kismayo", "2025-06-10")]
    assert _kinds(pipeline, "coal", "The company reopened a coal mine near Tete on Tuesday.") == []
    captured = _events(pipeline, _article("finally", "He was finally captured in March 2019 and is held in a prison "
                                                     "outside Kampala."))
    assert [e.event_type for e in captured] == ["arrest"]


def test_wire_verbs_of_arrest_and_statements_the_model_may_not_know(pipeline):
    """Rules for phrasings whose words are ambiguous alone: "rounded up" people (not figures), "hauled in"
    activists, a "video message", a rocket "rendered safe" (disrupted weapons use)."""
    assert _kinds(pipeline, "round", "Soldiers rounded up about forty teenagers in the Bole district of Addis Ababa on "
                                     "Friday.") == ["arrest"]
    assert _kinds(pipeline, "figures", "The casualty figure was rounded up to 40 by the ministry in Kabul.") == []
    assert _kinds(pipeline, "haul", "Police in Lahore hauled in dozens of opposition supporters on Sunday.") == ["arrest"]
    assert _kinds(pipeline, "video", "The rebel leader released a video message from Idlib on Monday.") == ["statement"]
    assert _kinds(pipeline, "safe", "Sappers rendered safe an unexploded artillery shell found in a playground in "
                                    "Kherson.") == ["interception"]


def test_a_leader_received_or_welcomed_is_a_visit_hosted(pipeline):
    """"received a delegation", "gave a warm welcome to" a visitor: a meeting or visit (CAMEO 043), not talks."""
    assert _types_at(pipeline, "received", "The king received a delegation of Yemeni tribal leaders in Riyadh on "
                                           "Sunday.") == [("meeting", "Riyadh", "2025-06-08")]
    assert _kinds(pipeline, "welcome", "The prime minister gave a warm welcome to the Indonesian president in Canberra "
                                       "on Monday.") == ["meeting"]
    assert _kinds(pipeline, "talks", "A delegation held talks with army commanders in Khartoum on Monday.") == ["talks"]


def test_a_year_of_an_earlier_century_is_history_but_a_count_is_not(pipeline):
    old = _events(pipeline, _article("1704", "The fortress at Ceuta was attacked in 1694 by a Moroccan army."))
    assert [(e.date.year, e.status) for e in old] == [(1694, "background")]
    count = _events(pipeline, _article("count", "Police were deployed in 1500 villages near Kano on Monday."))
    assert [(e.event_type, e.date.isoformat(), e.status) for e in count] == [("deployment", "2025-06-09", "happened")]


def test_a_roundup_sentence_keeps_each_clauses_place_and_type(pipeline):
    """"In X, ... was shot, and in Y ... a bomb exploded": ", and in" opens the second clause's scene, and the
    place-less "exploded" is the bomb's, not the shooting's."""
    text = ("In Mosul, a judge was shot dead by gunmen, and in the Karrada district of Baghdad three people were "
            "wounded when a car bomb went off.")
    assert _types_at(pipeline, "roundup", text) == [("attack", "Mosul", "2025-06-12"),
                                                   ("explosion", "Baghdād", "2025-06-12")]


def _typed(pipeline, text: str) -> list[tuple[str, str]]:
    """(type, status) of the events of one article, in order."""
    return [(e.event_type, e.status) for e in _events(pipeline, _article("typed", text))]


def test_idioms_of_money_and_film_and_a_briefed_source_are_no_events(pipeline):
    assert _typed(pipeline, "Families in Aleppo are shelling out twice as much for bread as last year.") == []
    assert _typed(pipeline, "The war film bombed at the box office in Manila last weekend.") == []
    found = _typed(pipeline, "A person briefed on the matter said the envoy left Doha on Tuesday.")
    assert all(kind not in {"statement", "press_conference"} for kind, _ in found)


def test_posts_on_platforms_and_addresses_to_an_audience_are_statements(pipeline):
    assert ("statement", "happened") in _typed(
        pipeline, "The governor of Kharkiv wrote on Telegram that two drones had been shot down overnight.")
    assert ("statement", "happened") in _typed(pipeline, "The prime minister addressed the nation from Islamabad on Monday.")
    assert _typed(pipeline, "Officials in Juba must address the shortages of fuel.") == []


def test_fighting_sides_locked_in_battle_and_captured_soldiers_sentenced_are_no_arrests(pipeline):
    kinds = {kind for kind, _ in _typed(pipeline, "Army troops and rebels were locked in a fierce battle near Bunia on Monday.")}
    assert "armed_clash" in kinds and "arrest" not in kinds
    kinds = {kind for kind, _ in _typed(pipeline, "A court in Rostov sentenced nine captured fighters to prison on Monday.")}
    assert "court_hearing" in kinds and "arrest" not in kinds and "abduction" not in kinds


def test_weapons_in_a_stopped_vehicle_or_counted_in_a_find_are_seized(pipeline):
    found = _typed(pipeline, "Coast guards intercepted a dhow carrying rifles and ammunition off Berbera on Sunday.")
    assert ("weapons_seizure", "happened") in found and all(kind != "interception" for kind, _ in found)
    assert ("weapons_seizure", "happened") in _typed(
        pipeline, "Police in Peshawar found 60 pistols hidden in a lorry on Wednesday.")


def test_people_taken_away_for_ransom_and_an_assault_repelled(pipeline):
    found = _typed(pipeline, "Gunmen marched the passengers into the forest near Kaduna and demanded a ransom.")
    assert ("abduction", "happened") in found and all(kind != "protest" for kind, _ in found)
    assert ("abduction", "happened") in _typed(pipeline, "Militants took away eight men from a mosque near Tillaberi on Friday.")
    found = _typed(pipeline, "Soldiers repelled an assault on their base near Menaka on Tuesday.")
    assert ("armed_clash", "happened") in found and ("attack", "happened") not in found
    assert ("protest", "happened") in _typed(pipeline, "Thousands marched through Tbilisi on Saturday.")
    found = _typed(pipeline, "Despite efforts to repel the attack, drones hit two schools in Sumy overnight.")
    assert all(kind != "armed_clash" for kind, _ in found)


def test_demanded_ended_or_coming_events_are_not_reported_as_happened(pipeline):
    found = _typed(pipeline, "Crowds rallied in Mekelle on Sunday, demanding the withdrawal of foreign troops.")
    assert ("protest", "happened") in found and not any(k in TERRITORY and s == "happened" for k, s in found)
    found = _typed(pipeline, "Moscow warned that any foreign troops sent to Kyiv would be targets.")
    assert ("deployment", "happened") not in found
    found = _typed(pipeline, "Elders signed a pact in Rumbek, committing to end cattle raids.")
    assert ("agreement", "happened") in found and ("attack", "happened") not in found
    found = _typed(pipeline, "The two presidents will sign the accord at a meeting in Doha next week.")
    assert ("meeting", "planned") in found and ("meeting", "happened") not in found
    found = _typed(pipeline, "Police detained dozens of activists in Karachi ahead of a march planned for Sunday.")
    assert ("arrest", "happened") in found and ("protest", "happened") not in found


def test_guns_of_a_drill_stones_at_police_waters_entered_and_the_dead_on_board(pipeline):
    found = _typed(pipeline, "Marines fired artillery and mortars in a live-fire exercise near Tapa on Thursday.")
    assert ("military_exercise", "happened") in found and all(k != "shelling" for k, _ in found)
    assert ("riot", "happened") in _typed(pipeline, "Youths threw bricks and bottles at police outside a hotel in Tamworth on Sunday.")
    assert ("incursion", "happened") in _typed(
        pipeline, "A Chinese frigate sailed through Philippine territorial waters near Palawan on Monday.")
    found = _typed(pipeline, "A military helicopter crashed near Tver on Monday. All nine people on board were killed.")
    assert ("aircraft_crash", "happened") in found and ("attack", "happened") not in found


def test_held_in_a_detention_centre_flights_of_deportees_and_arrests_in_a_raid(pipeline):
    assert ("deportation", "happened") in _typed(
        pipeline, "About 250 migrants are being held at the Zawiya detention centre, a UN agency said.")
    assert all(k != "deportation" for k, _ in _typed(
        pipeline, "A drone struck the Tajoura detention centre near Tripoli on Monday."))
    found = _typed(pipeline, "Soldiers took a doctor into custody during a raid on the clinic in Jenin on Monday.")
    assert ("arrest", "happened") in found and ("attack", "happened") not in found


def test_interceptors_air_defences_and_aircraft_brought_down(pipeline):
    assert ("interception", "happened") in _typed(pipeline, "A Patriot interceptor destroyed a ballistic missile over Kyiv.")
    assert ("interception", "happened") in _typed(pipeline, "Air defences over Tabriz engaged three drones overnight.")
    assert ("interception", "happened") in _typed(
        pipeline, "Houthi forces brought down a US Reaper drone over Marib on Thursday.")
    found = _typed(pipeline, "A man stabbed a guard in Hebron before he was shot and neutralised by soldiers.")
    assert ("attack", "happened") in found and all(k != "interception" for k, _ in found)


def test_arrivals_of_forces_and_arms_supplied_tests_into_the_sea_and_vigils(pipeline):
    assert ("deployment", "happened") in _typed(pipeline, "Turkish troops arrived in Tripoli on Monday, officials said.")
    assert ("arms_shipment", "happened") in _typed(pipeline, "The first tanks supplied by Poland have reached Lviv.")
    assert ("weapons_test", "happened") in _typed(
        pipeline, "North Korea fired two ballistic missiles from Sunan into the sea off its east coast, Seoul said.")
    assert ("weapons_test", "happened") not in _typed(
        pipeline, "Russia fired cruise missiles toward the Black Sea port of Odesa on Friday.")
    assert ("protest", "happened") in _typed(
        pipeline, "Hundreds lit candles in Dnipro on Sunday in memory of those killed in the strike.")


def test_a_town_entered_unopposed_people_taken_and_an_occupation_as_a_state(pipeline):
    assert any(k in TERRITORY for k, _ in _typed(pipeline, "Rebel fighters entered Goma unopposed on Sunday."))
    assert ("abduction", "happened") in _typed(
        pipeline, "Gunmen took six young men from a wedding in Zamfara and fled into the bush.")
    assert not any(k in TERRITORY for k, _ in _typed(pipeline, "The army still controls the centre of Kupiansk."))


def test_a_weapons_test_happens_where_it_was_launched_but_a_strike_where_it_hit(pipeline):
    events = _events(pipeline, _article("test", "Pyongyang test-fired three cruise missiles from Wonsan on Sunday."))
    tests = [e for e in events if e.event_type == "weapons_test"]
    assert tests and tests[0].place is not None and tests[0].place.name in {"Wonsan", "Wŏnsan"}
    events = _events(pipeline, _article("strike", "Missiles launched from Crimea hit Odesa overnight, officials said."))
    assert all(e.place is None or e.place.name != "Crimea" for e in events)


def _type_set(pipeline, text: str) -> set[str]:
    """The types of one article's events, of any status."""
    return {kind for kind, _ in _typed(pipeline, text)}


def test_attribution_on_a_platform_hosting_blocks_pests_and_aid_cargo_are_no_events(pipeline):
    kinds = _type_set(pipeline, "Shelling killed two men in Nikopol on Friday, the regional governor said on Telegram.")
    assert "shelling" in kinds and "statement" not in kinds
    assert _typed(pipeline, "The port city of Aden, which hosts the internationally recognised government and several "
                            "embassies, was calm on Sunday.") == []
    assert _typed(pipeline, "Soldiers ordered families in several blocks of the Jenin camp to leave on Tuesday.") == []
    assert _typed(pipeline, "Swarms of locusts invaded farmland in Kassala state last week.") == []
    assert _typed(pipeline, "Trucks carrying humanitarian cargo entered Gaza through Kerem Shalom on Monday.") == []


def test_weapons_shipped_or_sent_are_cargo_not_strikes_and_anti_ship_is_a_kind_of_missile(pipeline):
    assert _type_set(pipeline, "Serbia sent thousands of mortar shells to Ukraine through intermediaries, the report "
                            "said.") == {"arms_shipment"}
    assert "arms_shipment" in _type_set(
        pipeline, "Iran shipped hundreds of Shahed-136 attack drones to Russia in August, officials said.")
    assert ("arms_shipment", "planned") in _typed(
        pipeline, "Seoul will ship a first batch of K2 tanks to Poland next month, officials said.")
    assert _type_set(pipeline, "A frigate shot down two anti-ship missiles over the Gulf of Aden on Tuesday.") == {"interception"}


def test_agreeing_to_stop_fighting_an_understanding_and_an_accord_or_test_of_a_named_year(pipeline):
    assert ("ceasefire", "happened") in _typed(
        pipeline, "Thailand and Cambodia agreed to stop all fighting along the border on Monday.")
    assert ("ceasefire", "happened") in _typed(
        pipeline, "Officials in Kyiv said on Tuesday that Moscow had agreed to halt attacks on power plants.")
    assert ("agreement", "happened") in _typed(
        pipeline, "Sudan's rival factions reached an understanding in Jeddah on Saturday on the protection of civilians.")
    assert ("agreement", "background") in _typed(
        pipeline, "The 2015 accord between Mali's government and northern armed groups collapsed in January.")
    assert ("weapons_test", "background") in _typed(
        pipeline, "Pakistan's 1998 nuclear tests in Balochistan drew sanctions from Washington.")
    assert ("weapons_test", "happened") in _typed(
        pipeline, "Iran said on Sunday it had trialled a new long-range ballistic missile.")


def test_migrants_dumped_or_locked_up_and_sanctions_by_list_or_restrictions(pipeline):
    assert "deportation" in _type_set(
        pipeline, "Tunisia dumped dozens of migrants in the desert near the Libyan border, rights groups said on Friday.")
    assert "deportation" in _type_set(
        pipeline, "Some 400 migrants remain locked in the Zawiya detention centre, aid workers said on Wednesday.")
    assert ("sanctions", "happened") in _typed(pipeline, "Washington added six Chinese firms to its entity list on Thursday.")
    assert ("sanctions", "happened") in _typed(
        pipeline, "The European Union imposed restrictions on Russian oil exports on Monday.")


def test_rampages_arson_mines_crashes_and_a_crowds_deeds(pipeline):
    assert ("attack", "happened") in _typed(pipeline, "Settlers rampaged through the village of Turmus Ayya on Friday.")
    assert _type_set(pipeline, "Two shepherds were killed when their donkey cart ran over a landmine near Gao on "
                            "Sunday.") == {"explosion"}
    assert _type_set(pipeline, "Five soldiers were killed when their helicopter went down near Kidal on "
                            "Monday.") == {"aircraft_crash"}
    assert _type_set(pipeline, "Protesters stormed the governor's office in Kano on Monday and set several cars on "
                            "fire.") == {"riot"}


def test_plots_are_planned_blockades_by_gunmen_no_protest_and_forces_pushed_out(pipeline):
    found = _typed(pipeline, "Police arrested four men suspected of plotting attacks on churches in Lahore on Saturday.")
    assert ("arrest", "happened") in found and ("attack", "happened") not in found
    kinds = _type_set(pipeline, "Gunmen blocked the highway near Gusau on Sunday and kidnapped 20 travellers.")
    assert "abduction" in kinds and "protest" not in kinds
    assert any(k in TERRITORY for k in _type_set(pipeline, "Ukrainian troops were pushed out of Bakhmut, the army said."))
    assert "abduction" in _type_set(pipeline, "Three men bundled him into a waiting van outside his home in Quetta on Monday.")


def test_the_place_an_event_was_reported_from_is_not_a_second_place_of_it(pipeline):
    for text, place, reported in (("Drones hit Odesa overnight, officials in Kyiv said on Tuesday.", "Odesa", "Kyiv"),
                                  ("Gunmen killed 12 villagers in Zamfara state, a spokesman said in Abuja on Monday.",
                                   "Zamfara", "Abuja"),
                                  ("Turkey deployed troops to Libya last week, officials in Ankara told reporters.",
                                   "Libya", "Ankara")):
        names = [e.place.name for e in _events(pipeline, _article("reported", text)) if e.place is not None]
        assert place in names and reported not in names, (text, names)
    # with no other place, where witnesses speak from stays the event's
    names = [e.place.name for e in _events(pipeline, _article("witness", "Witnesses in Gaza said Israeli strikes "
                                                                         "killed 20 people on Tuesday.")) if e.place]
    assert names == ["Gaza"]


def test_a_casualty_sentence_is_the_toll_of_the_event_before_it(pipeline):
    events = _events(pipeline, _article("toll", "On 14 March 2024, an IED struck a police pickup near Kismayo. "
                                                "Four officers were killed and two injured."))
    assert [e.event_type for e in events] == ["explosion"]
    assert {(q.unit, q.value) for q in events[0].quantities} >= {("fatalities", 4)}
    kinds = [e.event_type for e in _events(pipeline, _article(
        "elsewhere", "Russian missiles struck an apartment block in Dnipro on Friday. Elsewhere, two people were "
                     "killed in Kherson."))]
    assert "attack" in kinds or "shelling" in kinds, kinds


def test_an_attempted_killing_is_an_attack_but_an_attempted_crossing_is_not_done(pipeline):
    assert ("attack", "happened") in _typed(
        pipeline, "Gunmen attempted to assassinate the governor of Kandahar province on Monday, police said.")
    assert ("incursion", "happened") not in _typed(
        pipeline, "Two migrants drowned in the Evros river while trying to cross into Greece on Sunday.")


def test_a_plea_of_not_guilty_is_a_hearing_and_violence_judged_far_from_the_verdict_is_the_past(pipeline):
    assert ("court_hearing", "happened") in _typed(
        pipeline, "A militia commander pleaded not guilty before a court in Bangui on Monday to charges of murder.")
    found = _typed(pipeline, "A former militia leader, convicted by a military tribunal on Monday of ordering the "
                             "massacre of villagers in Ituri, will appeal.")
    assert ("attack", "happened") not in found, found


def test_forces_ordered_flown_or_sent_to_a_place_are_deployed_and_people_sent_are_not(pipeline):
    for text in ("The interior minister ordered 2,000 gendarmes to the northern border on Saturday after the raid.",
                 "Peru's president ordered hundreds of soldiers onto the streets of Trujillo after a spate of "
                 "extortion killings.",
                 "Authorities flew 40 companies of paramilitary police into the province overnight.",
                 "A contingent of 250 Rwandan police officers landed in Bangui on Friday to join the UN mission."):
        assert "deployment" in _type_set(pipeline, text), text
    assert ("deployment", "hypothetical") in _typed(
        pipeline, "The minister said more troops could be sent to Niger if attacks continued.")
    assert "deployment" not in _type_set(pipeline, "The colonel ordered his troops to withdraw from the hills.")
    assert "deployment" not in _type_set(pipeline, "A forensic doctor sent to Lebanon by an aid group examined "
                                                   "the bodies.")


def test_the_moves_a_drill_is_made_of_are_no_deployment_of_their_own(pipeline):
    kinds = _type_set(pipeline, "North Korea staged artillery drills near the western sea border on Thursday, "
                                "sending warplanes to practise strikes on island targets.")
    assert kinds == {"military_exercise"}, kinds
    kinds = _type_set(pipeline, "About 20,000 troops joined the Baltic exercise, rehearsing the rapid deployment "
                                "of reserves to Lithuania.")
    assert "military_exercise" in kinds and "deployment" not in kinds, kinds
    kinds = _type_set(pipeline, "Russia began naval drills in the Baltic Sea as Britain sent two more frigates to "
                                "Estonia.")
    assert {"military_exercise", "deployment"} <= kinds, kinds


def test_a_denied_or_rejected_report_of_a_strike_is_denied_and_an_accused_plot_is_planned(pipeline):
    assert ("air_strike", "denied") in _typed(
        pipeline, "The air force denied that its jets had bombed a clinic in Sagaing region on Sunday.")
    assert ("air_strike", "denied") in _typed(
        pipeline, "The ministry on Tuesday rejected reports that its aircraft had struck a market in Idlib.")
    assert ("talks", "planned") in _typed(pipeline, "The opposition rejected the proposal to hold talks in Doha.")
    found = _typed(pipeline, "Caracas accused Washington of preparing an attack on Venezuela.")
    assert ("attack", "planned") in found and ("attack", "claimed") not in found, found


def test_what_armed_men_burn_in_an_attack_is_part_of_it_and_their_fight_a_clash(pipeline):
    kinds = _type_set(pipeline, "Suspected jihadists attacked worshippers at a mosque near Menaka and set fire to "
                                "nearby shops on Friday.")
    assert kinds == {"attack"}, kinds
    assert "armed_clash" in _type_set(pipeline, "Militants clashed with police in Peshawar on Monday.")


def test_people_named_as_detained_are_not_an_arrest(pipeline):
    for text in ("Authorities freed three detained journalists in Minsk on Friday.",
                 "Two detained opposition leaders went on hunger strike in Addis Ababa.",
                 "Caracas released 10 detained American citizens on Saturday."):
        assert "arrest" not in _type_set(pipeline, text), text
    assert "arrest" in _type_set(pipeline, "Soldiers arrested five men in Goma and detained two more in Bukavu.")


def test_a_weapons_fate_decides_what_its_name_reports(pipeline):
    kinds = _type_set(pipeline, "A boy was killed in Kandahar when an unexploded rocket he picked up near his "
                                "school exploded on Thursday.")
    assert "explosion" in kinds and "shelling" not in kinds and "missile_strike" not in kinds, kinds
    kinds = _type_set(pipeline, "Army and militia fighters traded mortar and machine-gun fire in Beni on Sunday, "
                                "and clashes went on until dawn.")
    assert "armed_clash" in kinds and "shelling" not in kinds, kinds
    assert "shelling" in _type_set(pipeline, "Mortar rounds fired by the rebels exploded in a market in Goma.")
    assert "weapons_test" in _type_set(pipeline, "The navy said its new hypersonic missile hit a target 900 km away "
                                                 "during a trial in the Barents Sea.")
    assert "court_hearing" in _type_set(pipeline, "The trial of the former defence minister opened in Kinshasa "
                                                  "on Monday on charges of murder.")


def test_look_alikes_of_protest_trial_travel_and_shelling_are_no_events(pipeline):
    for text in ("The result in Izmir was read as a protest vote against the ruling party.",
                 "Doctors in Kampala began a phase III trial of a malaria vaccine on Monday.",
                 "Several embassies advise against all travel to Cabo Delgado province.",
                 "Residents of Mosul returned to the burned-out shells of their homes.",
                 "The striker shot down his rival's bid for the title in the final minutes."):
        assert not _type_set(pipeline, text), text


def test_an_assailant_armed_with_a_knife_and_aircraft_brought_down(pipeline):
    assert "attack" in _type_set(pipeline, "A man armed with a machete injured three worshippers outside a church "
                                           "in Lyon before police arrested him.")
    assert "interception" in _type_set(pipeline, "Kyiv said a Russian Su-25 jet was brought down near Pokrovsk "
                                                 "on Monday.")


def test_units_stationed_or_a_strike_group_ordered_somewhere_are_deployed(pipeline):
    for text in ("Poland stationed the first units of a new armoured division near the Belarusian border.",
                 "Washington ordered a carrier strike group to the Red Sea on Friday.",
                 "The government airlifted 3,000 paramilitary personnel to the province overnight."):
        assert "deployment" in _type_set(pipeline, text), text


def test_what_is_ruled_out_has_not_happened(pipeline):
    found = _typed(pipeline, "The junta leader ruled out negotiations with the rebels in a speech in Niamey.")
    assert ("talks", "happened") not in found and ("talks", "planned") in found, found
    assert ("attack", "happened") in _typed(pipeline, "Rebels ruled out talks, then attacked the town of Goma on "
                                                      "Monday.")


def test_an_event_a_condition_waits_for_has_not_happened(pipeline):
    found = _typed(pipeline, "The bloc said it would lift the embargo on Yemen only once a truce is agreed.")
    assert ("ceasefire", "happened") not in found, found
    assert ("ceasefire", "happened") in _typed(pipeline, "After the ceasefire was agreed on Monday, fighting "
                                                         "resumed in Aleppo.")


def test_strikes_a_drill_or_test_is_made_of_and_arms_aboard_an_intercepted_ship(pipeline):
    kinds = _type_set(pipeline, "Japanese and Australian sailors held a live-fire strike exercise off Darwin on "
                                "Tuesday, sinking a decommissioned frigate.")
    assert kinds == {"military_exercise"}, kinds
    kinds = _type_set(pipeline, "Pakistan test-fired a cruise missile from a submarine on Monday; the missile hit "
                                "a target in the Arabian Sea.")
    assert kinds == {"weapons_test"}, kinds
    kinds = _type_set(pipeline, "The coast guard intercepted a dhow carrying rifles and rocket launchers off "
                                "Socotra on Sunday.")
    assert "weapons_seizure" in kinds and "interception" not in kinds, kinds
    assert "interception" in _type_set(pipeline, "Air defences intercepted a drone over Belgorod on Sunday.")
    assert "interception" in _type_set(pipeline, "Sappers neutralised a van packed with explosives outside the "
                                                 "governor's office in Kandahar.")


def test_a_bomb_planted_a_craft_gone_down_a_key_site_retaken_and_an_occupied_city(pipeline):
    assert "explosion" in _type_set(pipeline, "A device planted under his car killed a district official in "
                                              "Berdyansk on Monday.")
    assert "aircraft_crash" in _type_set(pipeline, "An army Black Hawk went down near Pohang during a night "
                                                   "training flight.")
    assert "territory_change" in _type_set(pipeline, "Government troops recaptured the presidential palace in "
                                                     "Bangui on Thursday.")
    assert _type_set(pipeline, "Officials in occupied Kherson said the water supply was restored.") == set()
    assert "court_hearing" in _type_set(pipeline, "The tribunal issued a ruling on the border dispute in The "
                                                  "Hague on Friday.")


def test_guns_on_the_ground_and_patients_rushed_to_hospital(pipeline):
    for text in ("Government howitzers pounded rebel positions near Kidal overnight.",
                 "Ukrainian howitzers pounded Russian positions near Bakhmut overnight."):
        assert _type_set(pipeline, text) == {"shelling"}, text
    assert "air_strike" in _type_set(pipeline, "An AC-130 gunship raked the hospital with cannon fire in Kunduz on "
                                               "Monday.")
    for text in ("Four wounded policemen were rushed to the hospital in Jos after the attack.",
                 "Injured fighters were rushed to a clinic in Idlib."):
        assert "deployment" not in _type_set(pipeline, text), text
    assert "deployment" in _type_set(pipeline, "The army rushed troops to the border town of Kassala.")


def test_what_a_drill_simulates_or_involves_and_its_targets_are_the_drills(pipeline):
    kinds = _type_set(pipeline, "Chinese warships circled Taiwan in drills on Monday, moving in to simulate a "
                                "blockade of Kaohsiung harbour.")
    assert kinds == {"military_exercise"}, kinds
    kinds = _type_set(pipeline, "The navy held exercises off Bandar Abbas involving speedboats, missile launches "
                                "and drones.")
    assert kinds == {"military_exercise"}, kinds
    kinds = _type_set(pipeline, "Seoul test-fired two surface-to-air missiles on Thursday, hitting both target "
                                "drones over the Yellow Sea.")
    assert kinds == {"weapons_test"}, kinds
    kinds = _type_set(pipeline, "North Korea held drills on Monday and test-fired two ballistic missiles into the "
                                "sea.")
    assert {"military_exercise", "weapons_test"} <= kinds, kinds


def test_fitness_classes_a_marketing_offensive_and_a_knife_wielding_assailant(pipeline):
    for text in ("Army-style exercise classes have become popular in Nairobi's parks.",
                 "The carmaker launched a marketing offensive across Asia on Monday."):
        assert not _type_set(pipeline, text), text
    kinds = _type_set(pipeline, "A knife-wielding man injured three people at a station in Osaka before police "
                                "took him into custody.")
    assert {"attack", "arrest"} <= kinds, kinds


def test_crowds_that_break_in_or_loot_riot_and_a_static_fire_test_is_no_weapons_test(pipeline):
    for text in ("Crowds broke into a food depot in Khan Younis on Monday and carried off sacks of rice.",
                 "A crowd plundered shops in central Honiara on Wednesday."):
        assert "riot" in _type_set(pipeline, text), text
    assert not _type_set(pipeline, "Crowds broke out in cheers in Kinshasa.")
    assert not _type_set(pipeline, "The company carried out a static fire test of its rocket engine in Texas.")


def test_the_dead_after_a_riot_are_its_toll_and_who_protesters_are_is_no_plan(pipeline):
    found = _typed(pipeline, "Students opposed to the new fuel prices hurled rocks at police and set tyres ablaze in "
                             "Kampala on Tuesday. At least two people were killed, rights groups said.")
    assert found == [("riot", "happened")], found
    kinds = _type_set(pipeline, "On 4 May 2025, a mob stormed and set fire to a police post in Bauchi; 6 officers "
                                "killed.")
    assert kinds == {"riot"}, kinds
    assert ("deployment", "planned") in _typed(pipeline, "The opposition is opposed to the deployment of troops in "
                                                         "Goma.")
    found = _typed(pipeline, "Kenya is opposed to Ugandan mediation in peace talks with the rebels, an aide said.")
    assert ("talks", "happened") not in found, found
    kinds = _type_set(pipeline, "Protesters marched peacefully in Kampala on Tuesday. Elsewhere, two people were "
                                "killed.")
    assert "attack" in kinds, kinds


def test_what_others_report_of_a_denied_strike_is_that_strike_and_anyone_who_attacks_is_no_attack(pipeline):
    found = _typed(pipeline, "The air force on Friday rejected reports that its jets had bombed a market in Idlib. "
                             "Rescuers said 14 people died in the raid.")
    assert found == [("air_strike", "denied")], found
    found = _typed(pipeline, "The army denied that its drones had struck a minibus near Kidal on Sunday. Local "
                             "officials said four passengers were killed.")
    assert [kind for kind, _ in found] == ["drone_strike"], found
    found = _typed(pipeline, "The rebels' assault on the barracks in Bunia failed. Two soldiers were killed in the "
                             "attack.")
    assert ("attack", "happened") in found, found  # a failed assault is denied, but no one disputes it
    found = _typed(pipeline, "The governor warned that anyone who looted shops or attacked police in Lagos would be "
                             "shot.")
    assert found and all(status == "hypothetical" for _, status in found), found
    found = _typed(pipeline, "A court in The Hague convicted the former militia leader on Monday of dozens of counts "
                             "including murder and rape.")
    assert ("attack", "happened") not in found and ("court_hearing", "happened") in found, found


def test_an_attack_in_a_game_is_play_unless_harm_or_armed_men_are_told(pipeline):
    for text in ("Winger Amadou Haidara led the attack as Mali beat Senegal 3-1 in Bamako on Sunday.",
                 "The grandmaster launched a queenside attack on move 31 and won the tournament in Baku."):
        assert not _type_set(pipeline, text), text
    assert "attack" in _type_set(pipeline, "Gunmen attacked fans leaving the match in Beni on Sunday, killing "
                                           "three.")
    assert "attack" in _type_set(pipeline, "The Arab League condemned the attack on a school in Khan Younis.")


def test_a_disaster_that_struck_is_no_attack_and_deaths_in_a_dated_war_are_its_past(pipeline):
    assert "attack" not in _type_set(pipeline, "A powerful earthquake struck villages near Van on Monday, killing 40 "
                                               "people.")
    assert not _type_set(pipeline, "Floods hit farms across Sindh province on Tuesday.")
    found = _typed(pipeline, "Friday marks twenty years since the siege of the school in Beslan, in which 334 people "
                             "were killed.")
    assert found and all(status == "background" for _, status in found), found
    found = _typed(pipeline, "The 2008 war, in which hundreds of people were killed, still shapes politics in Tbilisi.")
    assert found and all(status == "background" for _, status in found), found
    assert ("attack", "happened") in _typed(pipeline, "Gunmen killed 12 villagers near Djibo on Monday, two days "
                                                      "after a flood struck the town.")


def test_a_craft_named_by_its_model_and_an_exercise_named_by_its_name(pipeline):
    assert _type_set(pipeline, "A Nigerian Air Force F-7 crashed near Kaduna on Sunday during a training flight.") == {
        "aircraft_crash"}
    assert not _type_set(pipeline, "A Ford F-150 crashed into a shop in Dallas on Sunday.")
    assert _type_set(pipeline, "Japan and Australia began their Southern Jackaroo exercise near Darwin on Monday.") == {
        "military_exercise"}
    assert not _type_set(pipeline, "She started an exercise class in Leeds on Monday.")


def test_a_live_fire_evaluation_a_found_shell_and_a_bombardment_by_a_plane(pipeline):
    assert _type_set(pipeline, "The army test-fired two anti-tank missiles during a live-fire evaluation at a range "
                               "near Konya on Tuesday.") == {"weapons_test"}
    assert _type_set(pipeline, "Bomb technicians safely detonated an artillery shell found by children near Tuzla on "
                               "Friday.") == {"interception"}
    assert _type_set(pipeline, "The bombardment of a village near Kutum by an unmarked plane killed nine people on "
                               "Monday.") == {"air_strike"}
    assert "shelling" in _type_set(pipeline, "The bombardment of Kherson by Russian artillery killed nine people on "
                                             "Monday.")


def test_a_mine_driven_over_a_place_raked_with_gunfire_and_arms_taken_from_a_captive(pipeline):
    assert "explosion" in _type_set(pipeline, "A truck drove over a landmine near Tessalit on Monday, killing two.")
    assert "attack" in _type_set(pipeline, "Gunmen raked a bus station in Kumba, in the South-West region, with gunfire "
                                           "on Sunday.")
    found = _type_set(pipeline, "Troops captured a rebel commander near Beni on Monday, seizing a pistol and three "
                                "grenades.")
    assert found == {"arrest", "weapons_seizure"}, found


def test_the_next_meeting_is_to_come_and_a_missile_aimed_somewhere_is_no_plan(pipeline):
    assert _typed(pipeline, "Energy security tops the agenda of next month's summit in Vienna.") == [
        ("meeting", "planned")]
    assert ("talks", "planned") in _typed(pipeline, "The next round of talks opens in Geneva.")
    assert _typed(pipeline, "A drone aimed at Odesa crossed into Moldovan airspace on Sunday, officials said.") == [
        ("incursion", "happened")]
    found = _typed(pipeline, "Mediators held talks in Cairo aimed at securing a truce in Gaza.")
    assert ("talks", "happened") in found and ("ceasefire", "happened") not in found, found


def test_look_alikes_of_a_lost_territory_a_disappearance_detention_rally_and_visit(pipeline):
    assert not _type_set(pipeline, "The driver lost control on a wet road near Herat and the bus overturned.")
    assert _type_set(pipeline, "Relatives of the disappeared held a vigil in Santiago on Sunday.") == {"protest"}
    assert not _type_set(pipeline, "He flew home to Manama after five years in detention.")
    assert "protest" not in _type_set(pipeline, "A suicide bomber struck a campaign rally in Peshawar on Sunday.")
    assert _type_set(pipeline, "Gunmen shot dead two teachers as they travelled to school in Kumba on Monday.") == {
        "attack"}
    assert _type_set(pipeline, "Crowds stormed the consulate in Basra and set it alight in protest over the film.") == {
        "riot"}


def test_a_carrier_ordered_forces_pulled_out_a_treaty_finalised_an_address_and_a_gathering(pipeline):
    assert _type_set(pipeline, "The Pentagon ordered the destroyer USS Carney and two support ships to the Red Sea on "
                               "Friday.") == {"deployment"}
    assert _type_set(pipeline, "Ethiopia pulled its remaining troops out of the town of Adigrat on Sunday.") == {
        "territory_handover"}
    assert _type_set(pipeline, "Serbia and Kosovo finalised the text of a deal in Brussels on Tuesday.") == {
        "agreement"}
    assert _typed(pipeline, "The king is due to address a joint session of parliament in Ottawa on Thursday.") == [
        ("statement", "planned")]
    assert _type_set(pipeline, "NATO defence ministers gathered in Brussels on Thursday to discuss air defence.") == {
        "meeting"}


def test_a_drone_crashed_in_an_attack_is_the_attacks_and_a_batch_of_arms_arrived_is_a_delivery(pipeline):
    found = _type_set(pipeline, "A drone strayed into Latvian airspace during a night attack on border posts and "
                                "crashed in a forest near Rezekne on Sunday.")
    assert found and "aircraft_crash" not in found, found
    assert _type_set(pipeline, "A US MQ-9 drone crashed in northern Niger on Tuesday, the military said.") == {
        "aircraft_crash"}
    found = _type_set(pipeline, "A second batch of Leopard tanks has arrived in Poland, the ministry said.")
    assert "arms_shipment" in found and "deployment" not in found, found


def test_people_named_as_convicted_a_possessed_year_a_dialogues_topic_and_a_market_battle(pipeline):
    assert _type_set(pipeline, "Italy deported 12 Tunisian migrants convicted of theft to Tunis on Friday.") == {
        "deportation"}
    found = _typed(pipeline, "Argentina marked its 1982 invasion of the Falklands with a parade in Ushuaia.")
    assert all(status == "background" for _, status in found), found
    found = _typed(pipeline, "Clan elders met in Beledweyne for a dialogue on cattle raiding.")
    assert ("meeting", "happened") in found and {kind for kind, status in found if status == "happened"} <= {
        "meeting", "talks"}, found
    assert not _type_set(pipeline, "The two carriers are locked in a battle for the country's subscribers.")


def test_an_incursion_into_a_peoples_airspace_is_in_their_country(pipeline):
    found = _types_at(pipeline, "space", "A Russian drone aimed at western Ukraine crossed into Polish airspace on "
                                         "Sunday before flying back, the army said.")
    assert found == [("incursion", "Poland", "2025-06-08")], found
    found = _types_at(pipeline, "waters", "Chinese coast guard ships entered Japanese waters near Okinawa on Monday.")
    assert [(kind, place) for kind, place, _ in found] == [("incursion", "Japan")], found


def test_a_batch_of_arms_arrived_is_a_delivery_but_a_batch_of_instructors_flown_in_is_deployed(pipeline):
    assert _type_set(pipeline, "The first batch of Patriot interceptors from a new package has arrived in Ukraine, "
                               "the president said.") == {"arms_shipment"}
    assert _type_set(pipeline, "Russia flew a fresh batch of military instructors and radar equipment into Bamako "
                               "on Friday.") == {"deployment"}


def test_any_craft_that_enters_is_a_condition_and_without_governs_only_its_own_object(pipeline):
    found = _typed(pipeline, "The ministry said any foreign drone that enters Armenian airspace without permission will "
                             "be shot down.")
    assert ("incursion", "hypothetical") in found and ("interception", "planned") in found, found
    assert ("attack", "denied") in _typed(pipeline, "The convoy reached Goma without being attacked.")


def test_people_carried_off_or_picked_up_food_refused_and_a_junction_blocked(pipeline):
    assert _type_set(pipeline, "Bandits carried off about twenty pupils from a school near Kaura on Monday.") == {
        "abduction"}
    assert _type_set(pipeline, "Gunmen had taken away dozens of young men from a village near Hama last week.") == {
        "abduction"}
    assert _type_set(pipeline, "Police picked up 4 suspected gang members in a raid in Kingston on Friday.") == {
        "arrest"}
    assert _type_set(pipeline, "Inmates in a prison near Tehran have refused food since Monday.") == {"protest"}
    assert not _type_set(pipeline, "She picked up the kids and refused to eat dinner.")
    assert _type_set(pipeline, "Students blocking a main junction in Novi Sad held a silent vigil.") == {"protest"}


def test_an_arms_sale_trade_halted_ground_entered_people_bused_and_a_removal_flight(pipeline):
    assert _typed(pipeline, "Washington approved the possible sale of 40 Black Hawk helicopters to Manila.") == [
        ("arms_shipment", "planned")]
    assert _type_set(pipeline, "Ankara halted all exports and imports with Jerusalem on Thursday.") == {"sanctions"}
    assert _type_set(pipeline, "Troops pitched tents several kilometres inside Bhutanese territory this week.") == {
        "incursion"}
    assert _type_set(pipeline, "Police bused migrants to the Algerian border and left them in the desert.") == {
        "deportation"}
    assert _type_set(pipeline, "A military plane carrying 90 Guatemalan migrants landed in Guatemala City.") == {
        "deportation"}
    assert ("talks", "happened") not in _typed(pipeline, "There is little appetite in Kyiv for negotiations now, "
                                                         "diplomats say.")
    assert _type_set(pipeline, "The Osprey went down on Bathurst Island on Sunday.") == {"aircraft_crash"}


def test_what_a_denial_opens_with_that_is_denied_to_its_end_and_the_air_force_strikes_from_the_air(pipeline):
    found = _typed(pipeline, "The militia denied on Sunday that its men had abducted dozens of farmers and herders "
                             "during a raid on villages near Bunia.")
    assert found and all(status == "denied" for _, status in found), found
    found = _typed(pipeline, "The army denied that it had shelled the town, and said rebels had attacked the village "
                             "of Kumbo on Monday.")
    assert ("shelling", "denied") in found and ("attack", "happened") in found, found
    assert ("air_strike", "hypothetical") in _typed(pipeline, "The minister warned that the air force could strike "
                                                              "the port of Hodeidah if the attacks continued.")


def test_killing_words_for_more_victims_explosives_set_off_and_bullets_sprayed(pipeline):
    assert "attack" in _type_set(pipeline, "Gunmen stormed a clinic in Bunia on Monday, executing three patients.")
    assert "attack" in _type_set(pipeline, "Relatives of the pilgrims slaughtered by militants near Kidal in 2019 "
                                           "marched on Sunday.")
    assert _type_set(pipeline, "The rebels said they had set off explosives under a bridge near Quetta.") == {
        "explosion"}
    assert _type_set(pipeline, "Masked men sprayed bullets into a bar in Tulua on Friday night.") == {"attack"}


def test_weapons_made_safe_knocked_out_of_the_sky_or_stopped_by_batteries(pipeline):
    assert _type_set(pipeline, "Police in Basra dismantled two rockets primed for launch on Friday.") == {
        "interception"}
    assert _type_set(pipeline, "Deminers have removed 900 explosive devices from fields near Kherson.") == {
        "interception"}
    assert _type_set(pipeline, "An air defence battery near Haifa knocked a drone out of the sky on Monday.") == {
        "interception"}
    assert "interception" in _type_set(pipeline, "Air defence batteries stopped most of a salvo of 20 rockets fired at "
                                                 "Kiryat Shmona on Sunday.")


def test_a_captive_seized_by_police_and_fighters_captured_by_troops_are_arrests(pipeline):
    assert _type_set(pipeline, "A blogger, seized by police at his flat in Minsk on Monday, remains in jail.") == {
        "arrest"}
    found = _type_set(pipeline, "Jets bombed a rebel camp near Kidal on Monday, killing six rebels, and the army said "
                                "that troops later captured three wounded fighters.")
    assert "arrest" in found and "abduction" not in found, found
    found = _type_set(pipeline, "Police deported 30 Afghans from Tehran on Monday after rounding them up in raids on a "
                                "camp.")
    assert "attack" not in found, found


def test_walkouts_silent_stands_abandoned_villages_signed_accords_and_bargaining(pipeline):
    assert _type_set(pipeline, "Port workers in Mombasa walked off the job on Tuesday.") == {"protest"}
    assert _type_set(pipeline, "Widows stood in silence outside the parliament in Kabul on Monday.") == {"protest"}
    assert _type_set(pipeline, "The army said its troops had abandoned the village of Krynky on Friday.") == {
        "territory_handover"}
    assert "agreement" in _type_set(pipeline, "The Lome accord, signed in Togo in 1999, ended the war.")
    assert _type_set(pipeline, "Delegates resumed bargaining over the border in Juba on Monday.") == {"talks"}
    assert _type_set(pipeline, "Kenya and Somalia exchanged 40 prisoners in a swap mediated by Qatar on Friday.") == {
        "prisoner_exchange"}


def test_look_alikes_of_a_battle_an_exercise_a_riot_a_storm_a_meeting_and_a_mission_fighting(pipeline):
    assert not _type_set(pipeline, "After a long battle with leukaemia, the poet died in Lima on Sunday.")
    assert not _type_set(pipeline, "The new film has been a riot with audiences in Lagos.")
    assert not _type_set(pipeline, "Budget phones have stormed into India's showrooms this year.")
    assert _type_set(pipeline, "The navy test-fired a missile off Busan on Friday and said the launch had met all its "
                               "objectives.") == {"weapons_test"}
    assert _type_set(pipeline, "The spokesman accused Chinese vessels of dangerous manoeuvres near Second Thomas Shoal "
                               "in a statement.") <= {"statement"}
    assert _type_set(pipeline, "Kenya sent 200 police officers to Haiti on Tuesday to join the mission fighting gangs "
                               "in Port-au-Prince.") == {"deployment"}
    assert _type_set(pipeline, "Mortar rounds fired by rebel fighters landed in Beni on Monday.") == {"shelling"}
    assert "arrest" not in _type_set(pipeline, "Jailed opposition leaders in Asmara have refused food since Monday.")


def test_craft_seized_carrying_arms_people_herded_onto_trains_and_courts_that_try(pipeline):
    assert _type_set(pipeline, "The coastguard seized a dhow off Berbera carrying 200 rifles on Monday.") == {
        "weapons_seizure"}
    assert not _type_set(pipeline, "The coastguard seized a vessel off Berbera on Monday for illegal fishing.")
    assert "deportation" in _type_set(pipeline, "In 1941 soldiers herded thousands of villagers onto cattle trains "
                                                "bound for Siberia.")
    assert _typed(pipeline, "Experts said the general could be tried in absentia in Bamako.") == [
        ("court_hearing", "hypothetical")]
    assert "court_hearing" in _type_set(pipeline, "Lawyers for Sudan opened their arguments at the International Court "
                                                  "of Justice on Monday.")
    assert _typed(pipeline, "Washington could slap secondary penalties on buyers of Venezuelan oil.") == [
        ("sanctions", "hypothetical")]


def test_what_sanctions_are_imposed_over_is_their_reason_not_an_event(pipeline):
    found = _type_set(pipeline, "Canada blacklisted four police commanders on Friday over the mass detention of "
                                "students in Tehran.")
    assert found == {"sanctions"}, found
    assert _type_set(pipeline, "Crowds rallied in Bamako for the release of detainees on Monday.") == {"protest"}


def test_what_happens_during_a_drill_is_the_drills(pipeline):
    found = _type_set(pipeline, "During the drills, commandos stormed a beach near Sochi in an amphibious assault.")
    assert found == {"military_exercise"}, found
    found = _type_set(pipeline, "Russian jets struck Kharkiv on Monday as Belarus held drills near Brest.")
    assert "air_strike" in found, found


def test_what_a_protest_demands_in_a_list_is_its_topic(pipeline):
    assert _type_set(pipeline, "Protesters blocked the road in Kayes, demanding new elections and the release of "
                               "detainees.") == {"protest"}
    found = _type_set(pipeline, "Workers struck in Kano, demanding higher pay, and soldiers shot two protesters.")
    assert "attack" in found, found


def test_a_silence_at_a_funeral_and_a_bus_picking_up_men_are_no_events(pipeline):
    assert not _type_set(pipeline, "Mourners stood in silence at the funeral in Kyiv on Tuesday.")
    assert not _type_set(pipeline, "The bus picked up men at the station in Lagos on Monday.")


def test_told_reporters_somewhere_is_a_statement_there_unless_it_only_attributes_the_news(pipeline):
    found = _placed(pipeline, "told1", "The defence minister told reporters in Vilnius on Friday that the new brigade "
                                       "would be ready next year.")
    assert ("statement", "Vilnius", "happened") in found, found
    kinds = _type_set(pipeline, "Militants torched a school in Damasak on Sunday, a local official told reporters in "
                                "Maiduguri.")
    assert "statement" not in kinds and "attack" in kinds, kinds


def test_talks_over_a_places_dispute_are_not_held_there(pipeline):
    found = _placed(pipeline, "over1", "Armenian and Azerbaijani envoys held talks in Almaty over the Lachin corridor "
                                       "on Monday.")
    assert [(kind, place) for kind, place, _ in found] == [("talks", "Almaty")], found


def test_a_refused_grant_is_a_ruling_and_a_dismissed_report_is_denied(pipeline):
    assert ("court_hearing", "happened") in _typed(pipeline, "A court in Harare on Monday denied bail to the opposition "
                                                             "leader charged with inciting violence.")
    found = _typed(pipeline, "The army denied that its helicopters had bombed a market in North Darfur, dismissing "
                             "reports that 30 traders were killed as lies.")
    assert ("attack", "happened") not in found, found


def test_the_dead_told_after_a_military_crash_are_its_toll(pipeline):
    assert _type_set(pipeline, "A military transport plane crashed near Kandahar on Tuesday. All six crew members were "
                               "killed.") == {"aircraft_crash"}


def test_interceptors_arms_found_hidden_and_a_breached_embargo(pipeline):
    assert _type_set(pipeline, "Interceptor missiles rose over the harbour and destroyed three drones launched from "
                               "Crimea.") == {"interception"}
    assert _type_set(pipeline, "The navy intercepted a dhow off Socotra carrying Iranian-made missile parts.") == {
        "arms_shipment"}
    assert _type_set(pipeline, "Police in Durres found five tonnes of ammunition hidden in a lorry bound for Libya, in "
                               "breach of the UN arms embargo.") == {"weapons_seizure"}


def test_a_travel_ban_what_a_crowd_protests_and_what_sanctions_accuse_are_no_events(pipeline):
    assert _type_set(pipeline, "Britain froze the assets of six generals and banned them from travelling to the "
                               "UK.") == {"sanctions"}
    assert _type_set(pipeline, "Youths protesting a mining deal torched two cars in Kolwezi on Friday.") == {"riot"}
    assert _type_set(pipeline, "Washington sanctioned three judges on Monday, accusing them of jailing "
                               "journalists.") == {"sanctions"}


def test_a_simulated_raid_pests_and_migrants_crossing_are_no_events(pipeline):
    assert _type_set(pipeline, "Troops held a field exercise near Garissa, simulating a response to a militant "
                               "raid.") == {"military_exercise"}
    assert not _type_set(pipeline, "Locusts invaded farmland across northern Somalia this month.")
    assert not _type_set(pipeline, "Hundreds of migrants crossed into Poland overnight.")
    assert _type_set(pipeline, "A swarm of Chinese fishing vessels anchored near Thitu on Monday.") == {"incursion"}
    assert _type_set(pipeline, "Militia boats swarmed Philippine-held Thitu Island on Sunday.") == {"incursion"}
    assert not _type_set(pipeline, "Residents of Tromso were told to expect low-flying jets this week.")


def test_nuclear_devices_exploded_are_tests_dated_by_their_years(pipeline):
    found = _typed(pipeline, "Islanders near Mururoa, where France exploded dozens of nuclear devices between 1966 and "
                             "1996, still seek compensation.")
    assert found == [("weapons_test", "background")], found


def test_a_raid_whose_arrests_the_next_sentence_tells_is_an_arrest(pipeline):
    assert _type_set(pipeline, "The raid started before dawn in a suburb of Lima. By noon, detectives had detained "
                               "14 suspects.") == {"arrest"}
    assert "attack" in _type_set(pipeline, "Gunmen raided a village near Zurmi on Sunday. Police later arrested two "
                                           "suspects.")


def test_more_ways_news_names_arrests_talks_captures_strikes_and_tests(pipeline):
    assert _type_set(pipeline, "Two journalists were held for questioning at Tbilisi airport on Friday.") == {"arrest"}
    assert _type_set(pipeline, "The foreign ministers conferred with their Gulf counterparts in Muscat on "
                               "Sunday.") == {"talks"}
    found = _type_set(pipeline, "Control of the border town of Rubaya passed to the rebels on Monday.")
    assert found and found <= {"territory_change", "territory_overtaken"}, found
    assert "territory_change" in _type_set(pipeline, "By noon, government troops had raised the flag over the town hall "
                                                     "in Kidal.")
    assert _type_set(pipeline, "The bombardment from the air lasted an hour, residents of Djibo said.") == {"air_strike"}
    assert _type_set(pipeline, "About 300 nurses gathered peacefully outside parliament in Accra on Monday.") == {
        "protest"}
    assert _type_set(pipeline, "A gunman wounded four people at a bus stop in Malmo on Friday.") == {"attack"}
    assert _type_set(pipeline, "A man wearing a suicide vest detonated it at a checkpoint in Kirkuk.") == {"explosion"}
    assert "military_exercise" in _type_set(pipeline, "The air force used the island for bombing practice until 1998.")
    assert _type_set(pipeline, "The army said a new anti-drone laser had been trialled at a range near Ashdod.") == {
        "weapons_test"}
