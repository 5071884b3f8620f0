"""The closed word lists the recogniser and the event rules read: cue words (region, district, city),
place, unit and site nouns, titles, verbs of agency, organisation and group words, and the armed-group
and demonym data files; and the span keys and attributes every later stage reads. Words, not rules: the
rules that use them are in :mod:`.cues` and :mod:`.components`."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span

from geomap.records import Usage


SPAN_KEY = "places"
GROUPS_KEY = "groups"  # doc.spans key of the armed groups and organisations named (never places; actors)
MAX_NGRAM = 6

if not Span.has_extension("usage"):
    Span.set_extension("usage", default=Usage.LITERAL.value)
if not Span.has_extension("cue"):
    Span.set_extension("cue", default=None)
if not Span.has_extension("lookup"):
    Span.set_extension("lookup", default=None)  # the name to resolve when it is not the span's text
if not Doc.has_extension("common_words"):
    # The recogniser's frequent English words (lower case), for later stages that must tell a name from a word
    # ("killed in Parliament") without loading the word frequencies again.
    Doc.set_extension("common_words", default=frozenset())

# Words after a name that say what type of place it is ("the Kursk region", "Dnipro river").
REGION_CUES = frozenset({"region", "regions", "oblast", "oblasts", "province", "provinces", "krai", "kray",
                         "state", "states", "governorate", "governorates", "prefecture", "republic"})
# Second-level units by their local names: "territory" is one in Congo (Beni territory), "cercle" in Mali,
# "township" in Myanmar, "LGA" in Nigeria; a first-level unit named so still gains (see resolve.score_candidate).
DISTRICT_CUES = frozenset({"district", "districts", "raion", "county", "counties", "municipality", "community",
                           "territory", "territories", "cercle", "township", "lga"})
CITY_CUES = frozenset({"city", "town", "village", "villages", "towns", "cities", "settlement", "port", "airport"})
WATER_CUES = frozenset({"river", "sea", "lake", "bay", "gulf", "strait"})
ALL_CUES = REGION_CUES | DISTRICT_CUES | CITY_CUES | WATER_CUES
# A natural feature after a name ("Boni forest", "the Nuba mountains"): the name is the feature's, so a town known
# by it in another language (Bonn, once "Boni") is not it. Kept apart from ALL_CUES, which also end names.
LAND_CUES = frozenset({"forest", "forests", "mountain", "mountains", "hills", "desert", "jungle", "swamp", "swamps",
                       "marshes", "plateau"})
# "the village of X", "the towns of X, Y and Z": X names a place even when the gazetteer lacks it.
PLURAL_PLACE_NOUNS = frozenset({"towns", "villages", "cities", "districts", "neighbourhoods", "neighborhoods",
                                "settlements", "suburbs", "hamlets"})
PLACE_NOUNS = PLURAL_PLACE_NOUNS | {"town", "village", "city", "district", "neighbourhood", "neighborhood", "hamlet",
                                    "settlement", "suburb"}
UNKNOWN_PLACE = "UNKNOWN_PLACE"
# Administrative units the text may name after an unknown place: "Djakana in the commune of Mora".
ADMIN_NOUNS = frozenset({"commune", "municipality", "department", "prefecture", "governorate", "county", "lga",
                         "zone"})  # Ethiopia's zones ("the West Wollega zone of Oromia")
# "the rebel stronghold of X": a place held by someone, when "the" opens the phrase.
STRONGHOLD_NOUNS = frozenset({"stronghold", "strongholds", "bastion", "bastions"})
# "the southern province of Muthana", "the neighbouring republic of Ingushetia": a unit's type, then its name.
# ("department" and "county" are left out: "the Department of Homeland Security".)
UNIT_NOUNS_BEFORE_OF = PLACE_NOUNS | {"province", "provinces", "region", "regions", "state", "states", "governorate",
                                     "governorates", "prefecture", "commune", "municipality", "island", "islands",
                                     "oblast", "republic"}
# Last words of the names of sites: "Taksim Square", "the Tabaqa Dam", "the Handarat Refugee Camp". The word
# belongs to the name (the gazetteer rarely holds the site, and the bare first word is often a namesake).
SITE_NOUNS = frozenset({"square", "roundabout", "checkpoint", "camp", "dam", "airport", "airbase", "hilltop", "hill",
                        "mountains", "quarter", "ward", "farms", "bridge", "junction", "crossing", "field", "fields",
                        "factory", "hospital", "palace", "tower", "market", "prison", "stadium", "mosque", "refinery",
                        "depot", "barracks", "airfield", "compound", "base", "plateau"})
# After a name with no preposition before it, these make it a place: "gunmen invaded Maitsaba village". Not
# "community" or "territory" ("the Rohingya community", "ISIS territory": people and groups), nor "area".
UNIT_NOUNS_AFTER_NAME = PLACE_NOUNS | ADMIN_NOUNS | {"district", "districts", "raion", "county", "counties",
                                                     "township", "lga", "cercle"}
# "the Kurdish town of Khanaqin": before "of" and a name these nouns are that name's, not the first one's
# (a district, neighbourhood or area of a city is the first name's: "the Washash district of Baghdad").
SETTLEMENT_NOUNS = frozenset({"town", "towns", "city", "cities", "village", "villages", "hamlet", "settlement",
                              "settlements", "port"})
# Religious and ethnic adjectives that are no country's demonym: before a place noun they say who lives
# there ("a Jewish settlement", "the Shiite villages", "a Fulani hamlet"), not the place's name.
PEOPLE_ADJECTIVES = frozenset({
    "jewish", "arab", "kurdish", "shiite", "shia", "sunni", "christian", "muslim", "alawite", "druze", "yazidi",
    "turkmen", "pashtun", "hazara", "tamil", "sinhalese", "hutu", "tutsi", "fulani", "hausa", "yoruba", "igbo",
    "tuareg", "berber", "catholic", "protestant", "orthodox", "buddhist", "hindu", "sikh", "rohingya", "uyghur",
    "uighur", "chechen", "basque", "catalan", "bedouin", "coptic", "maronite", "assyrian", "chaldean", "baloch",
    "shan", "karen", "kachin", "rakhine", "amhara", "oromo", "tigrayan", "somali", "dinka", "nuer", "masalit",
    "zaghawa", "lendu", "hema", "banyamulenge", "dogon", "peul", "bambara", "mossi", "kikuyu", "luo", "kalenjin",
})
# ... unless the noun heads another phrase: "a Biden town hall", "the Kabul city council".
NOT_UNIT_HEADS = frozenset({"hall", "halls", "council", "councils", "councillor", "councilor", "manager", "limits"})
# Words that open the names of hills, villages, ruins, valleys and mountains in Arabic-speaking
# countries ("Tal Al-Bardah", "Kafr Jalis", "Khirbet Suda", "Wadi Barada"): a name they open is a place.
PLACE_PARTICLES = frozenset({"tal", "tel", "tell", "kafr", "kfar", "deir", "dayr", "beit", "bayt", "khirbet",
                             "khirbat", "wadi", "jabal", "jebel"})
OPENING_MARKS = frozenset({"‘", "'", "ʿ", "`"})
APPROXIMATELY = frozenset({"just", "about", "some", "around", "roughly", "nearly", "approximately", "almost"})
DISTANCE_UNITS = frozenset({"km", "kms", "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile", "mi"})
DIRECTION_POINTS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                              "north-east", "north-west", "south-east", "south-west", "outside"})
# Words one of which must follow an unknown name, when no locative word precedes it, for the text to make
# it a place (a type noun, a site word, a plural noun ending a list, the comma of a distance).
WORDS_AFTER_AN_UNKNOWN_PLACE = UNIT_NOUNS_AFTER_NAME | SITE_NOUNS | PLURAL_PLACE_NOUNS | {"area", ","}
# "on the outskirts of X", "north of X": the name after these is a place.
OF_LOCATIVES = frozenset({"outskirts", "edge", "heart", "centre", "center", "suburbs", "north", "south", "east", "west",
                          "northeast", "northwest", "southeast", "southwest", "countryside"})
# Articles and common first words of Arabic, Spanish, French and Hebrew place names: "El Meram",
# "Al Bab", "San Isidro", "Beit Furik", "Kafr Rouma". Ordinary words in the lexicon, names here.
NAME_PARTICLES = frozenset({"el", "al", "ad", "as", "ash", "ar", "an", "az", "la", "le", "les", "los", "las", "san",
                            "santa", "beit", "bayt", "kafr", "tal", "tel", "ain", "deir", "dayr", "bir", "umm", "abu",
                            "ras", "wadi", "jabal", "jebel"})
# Lower-case particles inside people's names: "Luis Carlos da Silva", "Vincent van Gogh", "Ursula von der Leyen".
SURNAME_PARTICLES = frozenset({"da", "das", "dos", "de", "di", "du", "van", "von", "der", "den",
                               "ter", "bin", "ibn"})
# A known name, more capitalised words, then one of these: a site at that place ("Bagram Air Base").
FACILITY_WORDS = frozenset({"port", "base", "airbase", "airfield", "harbour", "harbor", "camp", "market",
                            "crossing", "checkpoint", "refinery", "depot",
                            # "the Deir Ezzor Military Airport", "the Aleppo Thermal Power Plant": named after the town
                            "airport", "plant", "station", "dam", "barracks"})
# Parts of a place a possessive name can hold: "Aleppo's northern countryside", "Kabul's outskirts",
# "through Cairo's streets" are where things happen, unlike "Moscow's decision".
PLACE_PARTS = frozenset({"streets", "street", "outskirts", "suburbs", "suburb", "countryside", "centre", "center",
                         "downtown", "skies", "airspace", "border", "borders", "coast", "coastline", "shores",
                         "neighbourhoods", "neighborhoods", "neighbourhood", "neighborhood", "districts", "villages",
                         "towns", "provinces", "regions", "heartland", "hinterland", "soil", "waters", "frontier",
                         "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
# "the Ukrainian capital", "Cameroon's capital": the name stands for its country's capital city.
CAPITAL_CUE = "capital"
# Titles and honorifics: the name after them is a person's ("President Alexander Stubb", "Mr Washington").
PERSON_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "president", "minister", "chancellor",
    "king", "queen", "prince", "princess", "general", "gen", "colonel", "col", "captain", "capt", "sergeant",
    "sgt", "lt", "lieutenant", "major", "senator", "sen", "rep", "representative", "governor", "gov", "mayor",
    "judge", "justice", "pope", "bishop", "father", "saint", "spokesman", "spokeswoman", "spokesperson",
    "secretary", "ambassador", "commander", "chief", "premier", "officer", "coach", "professor", "prof",
    "adviser", "advisor", "director", "ceo", "chairman", "chairwoman", "leader", "envoy", "mp",
    "sens", "reps", "govs", "gens", "adm", "cmdr", "cpl", "pvt", "supt", "insp",  # plural and military abbreviations
})
# Verbs and nouns that make a capital or country stand for its government or people.
AGENT_VERBS = frozenset({
    "does", "did", "must", "should", "cannot",  # "if Tehran does not live up to", "Moscow must withdraw"
    "say", "said", "says", "accuse", "accused", "accuses", "deny", "denied", "denies", "claim", "claimed",
    "claims", "announce", "announced", "announces", "warn", "warned", "warns", "demand", "demanded",
    "demands", "reject", "rejected", "rejects", "insist", "insisted", "insists", "hope", "hoped", "hopes",
    "want", "wanted", "wants", "urge", "urged", "urges", "refuse", "refused", "refuses", "respond",
    "responded", "responds", "agree", "agreed", "agrees", "believe", "believes", "believed", "seek",
    "seeks", "sought", "plan", "plans", "planned", "threaten", "threatened", "threatens", "condemn",
    "condemned", "condemns", "blame", "blamed", "blames", "vow", "vowed", "vows", "pledge", "pledged",
    "pledges", "backs", "backed", "supports", "supported", "opposes", "opposed", "insists", "signal",
    "signalled", "signaled", "sanctioned", "imposed", "recognised", "recognized", "will", "would", "has",
    "had", "is", "was", "must", "should", "could", "can", "may",
})
# "Kidal was retaken", "Gaza has been bombed again": after a form of "be", a participle of what is done to
# ground makes the name the place it was done to, not a government that acts.
BE_FORMS = frozenset({"is", "was", "are", "were", "been", "being"})
PASSIVE_FILLERS = frozenset({"been", "being", "also", "again", "reportedly", "now", "then", "later", "quickly",
                             "briefly", "partly", "partially", "largely", "heavily", "fully", "completely", "not",
                             "never", "first", "once", "twice", "repeatedly", "finally", "eventually"})
# Only ground undergoes these; "was captured", "was attacked", "was freed" are said of people as often
# ("Khadr was captured in July 2002"), so they leave a name's reading to the other rules.
PHYSICAL_PARTICIPLES = frozenset({
    "recaptured", "retaken", "liberated", "overrun", "occupied", "reoccupied", "invaded", "annexed",
    "encircled", "besieged", "blockaded", "shelled", "bombed", "bombarded", "pounded", "rocked", "stormed",
    "destroyed", "damaged", "devastated", "flattened", "razed", "burned", "burnt", "looted", "flooded",
})
# Said of people as often as of ground ("Khadr was captured in July 2002", "Kidal was captured by rebels"):
# a name these follow is ground only when it resolves to ground of some size (``geomap.geoparser``).
TAKEN_PARTICIPLES = frozenset({"captured", "seized"})
# doc.user_data key: the first tokens of the names ``geomap.geoparser.taken_ground`` read as ground taken.
TAKEN_KEY = "geomap_taken_ground"
GOVERNMENT_NOUNS = frozenset({"regime", "government", "authorities", "leadership", "administration",
                              "officials", "official", "diplomats", "'s", "’s"})
# Verbs whose object is a government when it is a capital: "accused Kyiv of", "urged Moscow to".
ADDRESS_VERBS = frozenset({"accuse", "accused", "urge", "urged", "told", "tell", "asked", "ask", "warned", "warn",
                           "blamed", "blame", "called", "call", "pressed", "press", "sanctioned", "opposed", "by"})
ORG_SUFFIX = frozenset({"based", "headquartered"})
# After a place these make it describe a person ("the New York resident", "a Gaza native"): where
# someone is from, like a demonym, not where anything happens.
PERSON_NOUNS = frozenset({"resident", "residents", "native", "natives", "citizen", "citizens", "national", "nationals",
                          "businessman", "businesswoman", "man", "woman", "men", "women", "teenager", "lawmaker",
                          "lawmakers", "activist", "activists",
                          # an office of the place: "the Texas governor", "the Kharkiv mayor"
                          "governor", "mayor", "senator", "congressman", "congresswoman"})
# Last words of the names of groups, movements and bodies: a place inside such a capitalised name
# ("Ituri Justice Coalition", "Kupiansk Volunteer Battalion") names the group, not a place.
ORG_TAILS = frozenset({"coalition", "alliance", "movement", "brigades", "forces", "militia", "legion", "corps",
                       "guardians", "shield", "committees", "resistance", "avengers", "observatory", "martyrs",
                       "mission", "front", "army", "council", "party", "group", "union", "battalion", "brigade",
                       "regiment", "network", "media"})
# Words of the names of public bodies, services and buildings, beyond ORG_WORDS: "Pewaukee Fire
# Department", "Texas Forest Service", "Butler County Sheriff's Office", "U.S. Census".
BODY_WORDS = frozenset({"bureau", "service", "services", "administration", "authority", "board", "census", "survey",
                        "patrol", "sheriff", "fire", "jail", "prison", "chamber", "attorney", "legislature", "assembly",
                        "senate", "congress", "parliament", "academy", "school", "schools", "library", "office",
                        "commissioner", "commissioners", "tribunal", "prosecutor", "department", "highway",
                        "manager", "clerk", "treasurer", "auditor", "assessor", "coroner", "supervisor",
                        "supervisors", "division", "council", "committee"})
ORG_REACH = 6  # tokens after a place searched for such a word
# After a place these make it a weapon's name ("Neptune missiles"), not a place.
WEAPON_NOUNS = frozenset({"missile", "missiles", "rocket", "rockets", "launcher", "launchers", "howitzers"})
# "a Chinook transport helicopter", "an Apache attack helicopter": a craft's model name, then its role and kind.
CRAFT_MODIFIERS = frozenset({"transport", "attack", "cargo", "fighter", "reconnaissance", "surveillance", "patrol",
                             "utility", "assault", "combat", "military", "passenger"})
CRAFT_NOUNS = frozenset({"helicopter", "helicopters", "plane", "planes", "jet", "jets", "aircraft", "drone", "drones",
                         "vehicle", "vehicles", "ship", "ships", "boat", "boats", "submarine", "tank", "tanks"})
# "a Chinook helicopter", "an Apache helicopter": after "a", a name right before an aircraft noun is its model
# (a definite "the Mosul helicopter" keeps its place: the indefinite article marks one craft of a model).
AIRCRAFT_NOUNS = frozenset({"helicopter", "helicopters", "gunship", "jet", "aircraft", "plane", "warplane"})
# A model designation right before a name makes the name a craft's ("an MV-22 Osprey", "a CH-47 Chinook", "the
# UH-60 Black Hawk"), and so does a crash told of it after "a" ("a Chinook crashed", "an Osprey went down").
MODEL_DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Za-z]?")
CRAFT_MISHAPS = frozenset({"crashed", "crash-landed", "ditched"})
# A name right after a force's noun is its machine, not a place ("an army Black Hawk", "a navy Seahawk"), unless
# a noun of operations or ground follows ("the army Aleppo offensive").
FORCE_OWNERS = frozenset({"army", "navy", "military", "coastguard", "air-force"})
FORCE_PLACE_HEADS = frozenset({"offensive", "operation", "operations", "front", "sector", "region", "province", "area",
                               "base", "bases", "garrison", "command", "headquarters", "division", "brigade", "corps"})
# ... unless the craft noun modifies another: "a Kabul helicopter crash", "a Mosul helicopter base".
CRAFT_COMPOUND_HEADS = frozenset({"crash", "crashes", "attack", "attacks", "strike", "strikes", "raid", "raids",
                                  "base", "bases", "factory", "plant", "unit", "squadron", "regiment", "brigade",
                                  "flight", "accident", "incident", "shootdown", "landing", "pad"})
# A ship named after a place ("the cruiser Moskva", "the Moskva, flagship of the fleet") is no place.
VESSEL_NOUNS = frozenset({"flagship", "warship", "warships", "cruiser", "frigate", "destroyer", "corvette", "tanker",
                          "freighter", "vessel", "ship", "submarine", "carrier", "trawler", "ferry", "icebreaker"})
VESSEL_REACH = 4  # tokens of an appositive after the name's comma searched for a vessel noun
# "detonated his Mercedes near the stores": a name owned by a person and heading its phrase is a thing
# ("her Paris apartment" keeps Paris, which modifies the noun after it).
POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their", "my", "our", "your"})
PHRASE_ENDS = frozenset({"near", "in", "at", "on", "into", "outside", "and", "or", "to", "from", "with", "by", "for",
                         "was", "were", "is", "had", "has", "which", "that", "when", "as"})
# Words a group's capitalised name may hold between the place and its last word.
NAME_LINKS = frozenset({"'s", "’s", "of", "for", "and", "-", "the"})
# After the place, "of" and "for" open another name: "Martin Kelly of EOS Risk Group" is a person of a group.
FORWARD_NAME_LINKS = NAME_LINKS - {"of", "for"}
NON_NAME_CAPITALS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "and", "or", "the", "but", "on", "in", "at",
})
# The bare points of the compass, which are also names of regions (Cameroon's North, West, South, East).
COMPASS_POINTS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
DIRECTION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast", "northwest",
    "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "central",
    "greater", "upper", "lower", "new", "old", "downtown", "uptown", "midtown", "rural", "metro", "coastal",
    "suburban", "inner", "outer", "far", "mid",
})
# Prepositions after which a name is read as a place even if it is elsewhere a person's surname.
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "towards", "toward"})
# First words of two-word country names whose demonym is two words too ("North Korean", "South African").
DEMONYM_PREFIXES = frozenset({"North", "South", "East", "West", "New", "Sri", "Costa", "Puerto", "Saudi", "Papua"})
# Words that end organisation and building names ("Chatham House", "Kyiv Independent").
ORG_WORDS = frozenset({
    "house", "forum", "institute", "university", "college", "school", "times", "post", "journal", "herald",
    "council", "ministry", "bank", "group", "pipeline", "consortium", "center", "centre", "company", "corp",
    "corporation", "inc", "ltd", "airlines", "airways", "fc", "united", "city", "club", "foundation", "society",
    "association", "agency", "police", "department", "court", "hospital", "airport", "station", "stadium",
    "hotel", "church", "cathedral", "mosque", "museum", "library", "press", "news", "independent", "review",
    "tribune", "gazette", "telegraph", "guardian", "observer", "express", "mail", "network", "television",
    "radio", "tv", "office", "embassy", "committee", "commission", "party", "front", "army", "brigade",
    "battalion", "regiment", "guard", "fleet", "command", "federation", "union", "summit", "accords", "accord",
    "agreement", "protocol", "format", "treaty", "plant", "energy", "oil", "gas", "capital", "partners",
})
DEMONYM_ENDINGS = (("ians", ("ia", "ie", "")), ("ian", ("ia", "e", "", "ium", "y")), ("ans", ("a",)),
                   ("an", ("a", "")), ("ese", ("a", "")), ("ish", ("land", "en", "ey", "ia", "")),
                   ("i", ("",)), ("ic", ("ia", "")), ("ean", ("ea", "a")))
# Titles that name a person after them even in lower case ("spokesman Zabihullah Mujahid", "commander
# Yusuf Marib"); "major" and "general" are left out: in lower case they are adjectives ("a major Kharkiv hospital").
LOWERCASE_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "commander", "governor", "minister",
                              "ambassador", "envoy", "mayor", "president", "senator", "colonel", "lieutenant",
                              "sergeant", "captain", "leader", "chief", "adviser", "advisor", "prosecutor", "judge"})
# Words that open the names of armed groups in Arabic, Persian, Urdu and Pashto ("Jaysh al-Raqqa", "Ansar
# Diffa", "Liwa Homs", "Tehrik-i-Taliban"): a place after one, inside the same name, names the group.
ORG_HEADS = frozenset({"jaysh", "jaish", "jeish", "ansar", "jabhat", "harakat", "harakah", "liwa", "liwaa", "kataib",
                       "kata'ib", "saraya", "tehrik", "tehreek", "lashkar", "hayat", "hay'at", "jamaat", "jama'at",
                       "jamaat-ul", "ahrar", "faylaq", "jund", "junud", "tahrir", "hizb", "firqat", "quwat"})
# Words that may stand inside such a name between the head and the place: "Jaysh al-Raqqa", "Tehrik-i-Taliban".
ORG_LINKS = frozenset({"al", "el", "ul", "e", "i", "-", "–", "'s", "’s", "wal", "wa", "fi", "bilad"})
# After a place these make it a group or its people ("Kunduz fighters", "Donbas separatists"), not a place.
GROUP_NOUNS = frozenset({"fighters", "militants", "militia", "militias", "militiamen", "insurgents", "rebels",
                         "jihadists", "loyalists", "guerrillas", "separatists", "gunmen", "paramilitaries"})


@lru_cache(maxsize=1)
def armed_groups() -> tuple[dict, ...]:
    """Armed groups and organisations whose names hold or equal place names (``armed_groups.jsonl``,
    each row with its source): matched before places, so "al-Shabab" is never Shabab in Iran."""
    text = resources.files("geomap.nlp").joinpath("armed_groups.jsonl").read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def irregular_demonyms() -> Mapping[str, str]:
    """Demonyms the suffix rules cannot derive ("Dutch" -> "Netherlands"), from ``demonyms.tsv``."""
    table: dict[str, str] = {}
    text = resources.files("geomap.nlp").joinpath("demonyms.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            demonym, place = line.split("\t")
            table[demonym.strip()] = place.strip()
    return table
