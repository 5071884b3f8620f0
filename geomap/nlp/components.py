"""spaCy components that find place names and decide how each is used.

``geomap_places`` looks up capitalised token n-grams in the gazetteer's matchable names
(a set lookup per candidate, so matching runs at tokenizer speed and start-up only loads a
set; a PhraseMatcher over 580k names takes tens of seconds to build). Results go to
``doc.spans["places"]`` with ``span._.usage`` and ``span._.cue`` set; ``doc.ents`` is left
to any statistical NER model in the pipeline, whose labels are used as evidence when present.

Usage is decided from general evidence in the surrounding words: titles and honorifics before
a name (a person), a longer proper-name sequence around it (an organisation or building),
``-based`` compounds, reporting and agentive verbs after a capital (metonymy), and adjective
suffixes that turn a country name into a demonym.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
import json
from functools import lru_cache
import re
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from geomap.gazetteer.names import normalise, skeleton
from geomap.records import Usage

SPAN_KEY = "places"
GROUPS_KEY = "groups"  # doc.spans key of the armed groups and organisations named (never places; actors)
MAX_NGRAM = 6


def covered_tokens(doc: Doc, key: str) -> frozenset[int]:
    """The indices of the tokens the spans of ``doc.spans[key]`` cover, read once a doc (later stages ask
    token by token whether a place, person or group was recognised there)."""
    cache = f"geomap_covered_{key}"
    if cache not in doc.user_data:
        doc.user_data[cache] = frozenset(i for span in doc.spans.get(key, []) for i in range(span.start, span.end))
    return doc.user_data[cache]

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
# "the village of X", "the towns of X, Y and Z": X names a place even when the gazetteer lacks it.
PLURAL_PLACE_NOUNS = frozenset({"towns", "villages", "cities", "districts", "neighbourhoods", "neighborhoods",
                                "settlements", "suburbs", "hamlets"})
PLACE_NOUNS = PLURAL_PLACE_NOUNS | {"town", "village", "city", "district", "neighbourhood", "neighborhood", "hamlet",
                                    "settlement", "suburb"}
UNKNOWN_PLACE = "UNKNOWN_PLACE"
# Administrative units the text may name after an unknown place: "Djakana in the commune of Mora".
ADMIN_NOUNS = frozenset({"commune", "municipality", "department", "prefecture", "governorate", "county", "lga",
                         "zone"})  # Ethiopia's zones ("the West Wollega zone of Oromia")
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
# A known name, more capitalised words, then one of these: a site at that place ("Bagram Air Base").
FACILITY_WORDS = frozenset({"port", "base", "airbase", "airfield", "harbour", "harbor", "camp", "market",
                            "crossing", "checkpoint", "refinery", "depot"})
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


class PlaceRecogniser:
    """Find gazetteer names in a Doc and label their usage (a registered spaCy component)."""

    def __init__(self, nlp: Language, name: str, *, names: Iterable[str] = (), region_names: Iterable[str] = ()) -> None:
        self.name = name
        self.demonyms = irregular_demonyms()
        self.groups = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.group_names: dict[str, str] = {}  # matcher key -> the group's name
        for group in armed_groups():
            key = f"group:{group['name']}"
            self.group_names[key] = group["name"]
            self.groups.add(key, [nlp.make_doc(n) for n in [group["name"], *group.get("aliases", [])]])
        self.set_names(names, region_names)

    def set_names(self, names: Iterable[str], region_names: Iterable[str], common_words: Iterable[str] = ()) -> None:
        """Install the gazetteer's matchable names (kept out of the config: 580k strings would be validated)."""
        # Frequent English words: a capitalised sentence opener among them is not a first name.
        self.common_words: frozenset[str] = frozenset(common_words)
        self.names: frozenset[str] = frozenset(names)
        # Country, admin1 and continent names, to recognise demonyms ("Ukrainian" -> Ukraine).
        self.region_names: frozenset[str] = frozenset(region_names)
        self.first_words: frozenset[str] = frozenset(n.split(" ", 1)[0] for n in self.names) | _hyphen_heads(
            self.names, self.common_words)
        # The same regions under their lookup keys, for spellings the matchable names lack ("in Dara’a",
        # "in Ingushetia"): regions only, where a variant spelling rarely meets another word.
        self.region_keys: frozenset[str] = frozenset(
            key for n in self.region_names if sum(ch.isalpha() for ch in n) >= 5 for key in (normalise(n), skeleton(n)))

    def __call__(self, doc: Doc) -> Doc:
        doc._.common_words = self.common_words
        spans: list[Span] = []
        groups = self._groups(doc)
        group_end = {g.start: g.end for g in groups}
        lowers = [t.lower_ for t in doc]
        i = 0
        n_tokens = len(doc)
        while i < n_tokens:
            if i in group_end:
                i = group_end[i]  # a group's name is no place, nor are the place names inside it
                continue
            token = doc[i]
            text = token.text
            if not text[:1].isupper() or self._inside_unknown_compound(token):
                i += 1
                continue
            tail = _after_lower_particle(doc, i)
            particled = self._particled_name(doc, i) if tail else None
            if particled is not None and (not spans or spans[-1].end <= particled.start):
                spans.append(particled)  # "al-Bab", "el-Fasher": the name opens at its particle, in lower case
                i = particled.end
                continue
            best_end = 0
            # never the bare tail of such a name ("al-Rai": Rai is a town in Chad); an unknown name still can be
            if (text in self.first_words or text.endswith(".")) and not tail:
                limit = min(n_tokens, i + MAX_NGRAM)
                for j in range(limit, i, -1):
                    if doc[i:j].text in self.names:
                        best_end = j
                        break
            if best_end == i + 1 and token.like_num:
                best_end = 0  # "Sixteen shepherds were killed": a number word, though some village has it as a name
            if best_end and _names_a_road(doc, i, best_end):
                i = _road_end(doc, best_end)  # "44 Hungerford St.", "West 11th Street", "CR 367": an address
                continue
            # "the towns of Khan Touman": a longer unknown name after a place noun beats the known "Khan".
            named = _named_by_place_noun(token, spans)
            if named is None and best_end and best_end < n_tokens and (
                    doc[best_end].text[:1].isupper() or doc[best_end].lower_ in NAME_PARTICLES):
                # "an assault on Bir Sallam in North Darfur": the text frames the longer name as a place
                named = self._unknown_in_known(token, lowers)
            if named is not None and named.end > (best_end or i):
                spans.append(named)
                i = named.end
                continue
            # An adjective beats a one-word town of the same spelling ("Canadian", Texas).
            demonym = self._demonym(token) if best_end <= i + 1 else None
            if demonym is not None:
                spans.append(demonym)
                i = demonym.end
            elif best_end:
                span = Span(doc, i, best_end, label="PLACE")
                self._label(span)
                spans.append(span)
                i = best_end
            else:
                variant = self._region_variant(token, lowers)
                framed = self._unknown_in_known(token, lowers) if variant is None else None
                dateline = self._dateline(token) if framed is None and variant is None else None
                if variant is not None:
                    spans.append(variant)
                    i = variant.end
                elif framed is not None:
                    spans.append(framed)
                    i = framed.end
                elif dateline is not None:
                    spans.append(dateline)
                    i = dateline.end
                else:
                    i += 1
        _double_barrelled(spans)
        _propagate_person_names(spans, self.region_names)
        doc.spans[SPAN_KEY] = spans
        return doc

    def _groups(self, doc: Doc) -> list[Span]:
        """The listed armed groups and organisations named in the doc (longest match wins), in
        ``doc.spans[GROUPS_KEY]`` labelled with the group's name."""
        found = [Span(doc, start, end, label=self.group_names[doc.vocab.strings[key]])
                 for key, start, end in self.groups(doc)]
        # "al-Shabab" written in lower case is the group; a lower-case common word that happens to be
        # an alias is not: a match must hold a capital or a hyphenated particle.
        found = [g for g in found if any(t.text[:1].isupper() for t in g) or "-" in g.text]
        groups = sorted(filter_spans(found), key=lambda g: g.start)
        doc.spans[GROUPS_KEY] = groups
        return groups

    def _unknown_in_known(self, token: Token, lowers: list[str]) -> Span | None:
        """A name the gazetteer lacks that the text itself frames as a place. Label UNKNOWN_PLACE, like
        "the village of X":

        - after a locative preposition, a place noun follows ("in Kayamla village", "near the Ngouboua
          area") or a known place holds it ("near El Meram in West Kordofan", "in Djakana, northern
          Cameroon", "the assault on Kulbus in West Darfur state");
        - anywhere, a place noun or a unit's local name follows ("gunmen invaded Maitsaba village",
          "Paloch County"), or a list of names ends with a plural one ("Angyom, Tse-Usenda and
          Tse-Torkula villages");
        - a site's name ends with its type word ("near Taksim Square", "the Tabaqa Dam"), which the
          span keeps.

        Ordinary capitalised words ("in Congress, Texas Republicans") and months are not names.
        ``lowers`` holds the doc's tokens in lower case (read once: a Token is made on every access).
        """
        doc = token.doc
        i = token.i
        if i > 0 and lowers[i - 1].rstrip(".") in PERSON_TITLES:
            return None  # "President Ahmed, ...": a person
        located = _after_locative(lowers, i)
        if not located and lowers[i] not in PLACE_PARTICLES and WORDS_AFTER_AN_UNKNOWN_PLACE.isdisjoint(lowers[i + 1:i + 8]):
            return None  # nothing ahead can make the name a place (a quick test: most capitalised words)
        end = self._name_end(doc, i)
        if end - i >= 2 and doc[end - 1].lower_ in SITE_NOUNS:
            end -= 1  # "the Al-Rasoul Checkpoint": a site word the name took in ends the site, not the name
        if end == i or end >= len(doc) or not is_letters(doc[end - 1]):
            return None
        after = doc[end].lower_
        cue: str | None
        site_end = _site_name_end(doc, end)
        if site_end is not None and (located or _after_the(doc, i)):
            span = Span(doc, i, site_end, label=UNKNOWN_PLACE)
            span._.usage = Usage.LITERAL.value
            if doc[i:end].text in self.names:
                # "the Deir Ezzor Airport", "the Bagram Air Base": a site named after the place it serves
                # is found at that place's point (the name is resolved; the site itself is in no gazetteer).
                span._.lookup = doc[i:end].text
            return span
        if after in UNIT_NOUNS_AFTER_NAME or after == "area":
            if (after in SETTLEMENT_NOUNS and end + 2 < len(doc) and doc[end + 1].lower_ == "of"
                    and doc[end + 2].text[:1].isupper() and i > 0 and lowers[i - 1] in {"the", "a", "an"}):
                # "the Basque city of Bilbao", "the West Ghouta town of Darayya": the next name's noun (without an
                # article, "invaded Garubula village of Biu" is the name's own, in the place after "of")
                return None
            if doc[i].lower_ in PEOPLE_ADJECTIVES:
                return None  # "a Jewish settlement", "a Kurdish village": who lives there, not its name
            if doc[end].text in {"Department", "Departments"}:
                return None  # "the Treasury Department": a ministry (a department the gazetteer knows is matched whole)
            if not (located or after != "area" and not (end + 1 < len(doc) and doc[end + 1].lower_ in NOT_UNIT_HEADS)
                    or after == "area" and self._after_known_possessive(doc, i)):
                return None
            cue = after
        elif after == "," and _distance_follows(doc, end + 1):
            cue = None  # "in Habbaniya, 90 kilometers west of the capital", "Sabaa al-Bour, just north of Baghdad"
        elif located and _distance_follows(doc, end):
            cue = None  # "in Qaryat Bilal north of Kirkuk", "at Hawija 30 km from Kirkuk"
        elif after == "," and (noun := _appositive_place_noun(doc, end + 1)) is not None and doc[i].lower_ not in PEOPLE_ADJECTIVES:
            cue = noun  # "in Sabunji, a small village near Tal Afar", "Rawdah, a mostly Shiite neighbourhood"
        elif doc[i].lower_ in PLACE_PARTICLES and end - i >= 2:
            cue = None  # "Tal Al-Bardah", "Kafr Jalis", "Khirbet Suda": a hill, a village, a ruin by its name
        elif located and after in {",", "in", "of", "near"} and self._known_place_at(
                doc, end + 2 if after == "," and end + 1 < len(doc) and doc[end + 1].lower_ in {"near", "in"} else end + 1):
            # "on Kulbus in West Darfur", "in Djakana, northern Cameroon", "Kafr Jalis, near Idlib",
            # "at Mutarule, in the territory of Uvira"
            cue = None
        else:
            cue = self._list_of_unknown_places(doc, end)
            if cue is None:
                return None
        span = Span(doc, i, end, label=UNKNOWN_PLACE)
        span._.cue = cue
        span._.usage = Usage.LITERAL.value
        return span

    def _region_variant(self, token: Token, lowers: list[str]) -> Span | None:
        """A region under a spelling the matchable names lack, after a locative preposition: "in
        Dara’a" (Daraa), "in Ingushetia" (Ingushetiya). The resolver finds it by the same key."""
        doc = token.doc
        if not _after_locative(lowers, token.i) or lowers[token.i] in self.common_words:
            return None
        end = token.i
        while end < len(doc) and end < token.i + 3 and doc[end].text[:1].isupper() and any(ch.isalpha() for ch in doc[end].text):
            end += 1
        for stop in range(end, token.i, -1):
            span = doc[token.i:stop]
            if normalise(span.text) in self.region_keys or skeleton(span.text) in self.region_keys:
                span = Span(doc, token.i, stop, label="PLACE")
                self._label(span)
                return span
        return None

    def _name_end(self, doc: Doc, i: int) -> int:
        """The end of the proper name that opens at ``i`` (at most three words, hyphen and apostrophe
        joins kept: "Tse-Usenda", "‘Ayishah"); ``i`` itself when no name opens there."""
        end = i
        words = 0
        while end < len(doc) and words < 3:
            token = doc[end]
            joins_next = end + 1 < len(doc) and (
                doc[end + 1].text[:1].isupper() or doc[end + 1].text == "-" and not token.whitespace_)
            if _is_name_word(token, self.common_words) and (token.lower_ not in self.common_words
                                                            or token.lower_ in NAME_PARTICLES and joins_next):
                words += 1
            elif end > i and token.lower_ in NAME_PARTICLES and joins_next:
                words += 1  # "Sabaa al-Bour": a particle in lower case inside the name
            elif not (end > i and token.text in {"-", "’", "'"} and not doc[end - 1].whitespace_
                      and end + 1 < len(doc) and doc[end + 1].text[:1].isupper()):
                break
            end += 1
        return end

    def _particled_name(self, doc: Doc, i: int) -> Span | None:
        """The known place "al-X ..." names when its particle is capitalised ("Al-Bab" or "Al Bab"), as a span
        from the particle, looked up under that spelling."""
        particle = doc[i - 2].text.capitalize()
        for j in range(min(len(doc), i + MAX_NGRAM), i, -1):
            rest = doc[i:j].text
            for name in (f"{particle}-{rest}", f"{particle} {rest}"):
                if name in self.names:
                    span = Span(doc, i - 2, j, label="PLACE")
                    self._label(span)
                    span._.lookup = name
                    return span
        return None

    def _after_known_possessive(self, doc: Doc, i: int) -> bool:
        """"the Swat Valley's Kabal area": a known place's possessive before a name and "area" puts the area
        inside it, as a locative word would (alone it does not: "Morocco's Parliament")."""
        if i < 2 or doc[i - 1].lower_ not in {"'s", "’s"}:
            return False
        return any(doc[k : i - 1].text in self.names for k in range(max(0, i - 4), i - 1))

    def _list_of_unknown_places(self, doc: Doc, end: int) -> str | None:
        """The plural place noun that ends a list of names begun before ``end``: "Angyom, Tse-Usenda
        and Tse-Torkula villages" -> "villages"; None when the words from ``end`` are not such a list."""
        j = end
        names = 1
        while j < len(doc) and j < end + 16:
            if doc[j].text not in {",", "and"}:
                return None
            j += 1
            if j < len(doc) and doc[j].text in {",", "and"}:
                j += 1  # ", and"
            after_name = self._name_end(doc, j)
            if after_name == j:
                return None
            names += 1
            j = after_name
            if j < len(doc) and doc[j].lower_ in PLURAL_PLACE_NOUNS:
                return doc[j].lower_ if names >= 2 else None
        return None

    def _known_place_at(self, doc: Doc, i: int) -> bool:
        """A known name or a region word opens the words from ``i``, after "the" and a direction
        ("the commune of Mora", "northern Cameroon", "West Kordofan")."""
        skipped = 0
        while i < len(doc) and skipped < 2 and (doc[i].lower_ == "the" or doc[i].lower_ in DIRECTION_WORDS):
            if doc[i].text in self.first_words and doc[i].text[:1].isupper():
                return True  # "West Pokot": the direction opens the name
            i += 1
            skipped += 1
        return i < len(doc) and (doc[i].text in self.first_words or doc[i].lower_ in ALL_CUES
                                 or doc[i].lower_ in PLACE_NOUNS or doc[i].lower_ in ADMIN_NOUNS)

    def _inside_unknown_compound(self, token: Token) -> bool:
        """"Ada" in "Mvog-Ada": the second part of a hyphenated name whose first part is no known place.

        "Russia-Ukraine" and "Guinea-Bissau" still match (their first part is a name the gazetteer knows).
        """
        doc = token.doc
        if token.i < 2 or doc[token.i - 1].text not in {"-", "–"} or doc[token.i - 1].whitespace_ or doc[token.i - 2].whitespace_:
            return False
        first = doc[token.i - 2]
        return first.is_alpha and first.text[:1].isupper() and first.text not in self.first_words

    def _demonym(self, token: Token) -> Span | None:
        """A demonym or country adjective, with the place it derives from in ``span._.lookup``."""
        text = token.text
        if len(text) < 4 or not text[0].isupper() or not text[1:].islower():
            return None
        start = token.i
        previous = token.doc[token.i - 1] if token.i > 0 else None
        place = None
        if previous is not None and previous.text in DEMONYM_PREFIXES:
            place = self._demonym_place(f"{previous.text} {text}")  # "North Korean" -> North Korea
            start = previous.i if place is not None else start
        if place is None:
            place = self._demonym_place(text)
        if place is None and text.endswith("s"):
            place = self._demonym_place(text[:-1])  # "Americans", "Britons"
        if place is None:
            return None
        span = Span(token.doc, start, token.i + 1, label="DEMONYM")
        span._.usage = Usage.DEMONYM.value
        span._.lookup = place
        span._.cue = _capital_cue(span)  # "the Ukrainian capital" is Kyiv
        return span

    def _demonym_place(self, text: str) -> str | None:
        place = self.demonyms.get(text)
        if place is not None:
            return place
        if len(text) < 5 or text in self.region_names:
            return None  # "Sudan" is a country, not the adjective of Haiti's "Sud"
        for ending, replacements in DEMONYM_ENDINGS:
            if text.endswith(ending):
                stem = text[: -len(ending)]
                for replacement in replacements:
                    if stem + replacement in self.region_names:
                        return stem + replacement
        return None

    def _dateline(self, token: Token) -> Span | None:
        """A dateline in capitals that opens a story: "WASHINGTON (Reuters) -", "NEW YORK --"."""
        if not token.is_sent_start or not token.is_upper or len(token.text) < 3 or not token.is_alpha:
            return None
        doc = token.doc
        for j in range(min(len(doc), token.i + 3), token.i, -1):
            words = doc[token.i : j]
            if not all(w.is_upper and w.is_alpha for w in words):
                continue
            after = doc[j] if j < len(doc) else None
            if after is None or not (after.is_punct or after.text.startswith("(")):
                continue
            name = " ".join(w.text.capitalize() for w in words)
            if name in self.names:
                span = Span(doc, token.i, j, label="DATELINE")
                span._.lookup = name
                return span
        return None

    def _label(self, span: Span) -> None:
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        after2 = doc[span.end + 1] if span.end + 1 < len(doc) else None
        after_lower = after.lower_ if after is not None else ""
        if after_lower in ALL_CUES:
            span._.cue = after_lower
        elif _capital_cue(span):
            span._.cue = CAPITAL_CUE  # "Cameroon's capital" is Yaounde
        elif after_lower == "and" or after_lower == ",":
            span._.cue = _list_cue(span)
        inherited_cue = False  # the type word comes from a list before the name ("the provinces of A and B")
        if span._.cue is None:
            span._.cue = _prefix_cue(span)
            inherited_cue = span._.cue is not None
        usage = Usage.LITERAL
        # "Sen. Robert Byrd", "U.S. Sens. Robert C. Byrd": the title's period may stand between it and the name
        title = before if before is None or before.text != "." or span.start < 2 else doc[span.start - 2]
        if title is not None and title.lower_.rstrip(".") in PERSON_TITLES and (
                title.text[:1].isupper() or title.lower_ in LOWERCASE_TITLES):
            usage = Usage.NOT_A_PLACE
        elif len(span) == 1 and span.text.lower() in PERSON_TITLES and after is not None and after.text == ".":
            usage = Usage.NOT_A_PLACE  # "Sens." is senators, not Sens in France
        elif len(span) == 1 and span.text.lower() in PERSON_TITLES and after is not None and (
                after.lower_ in {"of", "-", "general"} or _is_name_word(after, self.common_words)):
            usage = Usage.NOT_A_PLACE  # "Secretary of State Rubio", "Secretary General Guterres": the title itself
        elif after is not None and len(after.text) == 2 and after.text[0].isupper() and after.text[1] == "." and (
                after2 is not None and after2.text[:1].isupper() and after2.is_alpha):
            usage = Usage.NOT_A_PLACE  # a first name before a middle initial: "Robert C. Byrd"
        elif _after_org_head(span) or _inside_group_name(span):
            usage = Usage.ORGANISATION  # "Jaysh al-Raqqa", "Front for Change and Concord in Chad"
        elif _org_name_follows(span):
            usage = Usage.ORGANISATION  # "Ituri Justice Coalition", "Kupiansk Volunteer Battalion"
        elif _elided_direction(span):
            usage = Usage.NOT_A_PLACE  # "the South and East China seas": half of a name, not Cameroon's South
        elif _nisba(span):
            usage = Usage.NOT_A_PLACE  # "Abu Bakr al-Baghdadi": a person's name from a place
        elif after_lower in WEAPON_NOUNS or (after_lower in CRAFT_MODIFIERS and after2 is not None
                                             and after2.lower_ in CRAFT_NOUNS) or (
                after_lower in AIRCRAFT_NOUNS and _after_indefinite(span)
                and (after2 is None or after2.lower_ not in CRAFT_COMPOUND_HEADS)):
            usage = Usage.NOT_A_PLACE  # "Neptune missiles", "a Chinook transport helicopter", "a Chinook helicopter"
        elif _owned(span) and (after is None or after.is_punct or after_lower in PHRASE_ENDS):
            usage = Usage.NOT_A_PLACE  # "his Mercedes", "their Toyota": a thing someone owns
        elif _names_a_vessel(span):
            usage = Usage.NOT_A_PLACE  # "the cruiser Moskva", "the Moskva, flagship of Russia's fleet"
        elif after_lower in GROUP_NOUNS and not _after_preposition(before):
            usage = Usage.ORGANISATION  # "Kunduz fighters": the group or its people, not where anything is
        elif len(span) == 1 and span.text.lower() in ORG_WORDS:
            usage = Usage.NOT_A_PLACE  # a capitalised common noun ("Centre", "Union") is a name's part, not a place
        elif _inside_of_name(span):
            usage = Usage.ORGANISATION  # "University of Texas", "Chamber of Commerce"
        elif after is not None and after.text in {"-", "–"} and after2 is not None and after2.lower_ in ORG_SUFFIX:
            usage = Usage.ORGANISATION
        elif _is_name_word(before, self.common_words) and before is not None and before.lower_ not in DIRECTION_WORDS:
            usage = Usage.NOT_A_PLACE  # the end of a longer name: "Marco Rubio", "Orysia Lutsevych"
        elif (before is not None and len(before.text) == 2 and before.text[0].isupper() and before.text[1] == "."
              and span.start >= 2 and doc[span.start - 2].is_alpha and doc[span.start - 2].text[:1].isupper()):
            usage = Usage.NOT_A_PLACE  # a surname after a middle initial: "Terry A. Corbin"
        elif _is_name_word(after, self.common_words) and after is not None and _names_a_facility(span, self.common_words):
            usage = Usage.LITERAL  # "Zhuhai Gaolan port", "Bagram Air Base": a site at the known place
        elif _is_name_word(after, self.common_words) and after is not None and not (
                # "the West Bank Israeli forces": a demonym before a noun starts another phrase, not a surname
                after2 is not None and after2.text[:1].islower() and span.text not in DEMONYM_PREFIXES
                and self._demonym(after) is not None):
            # A longer capitalised name: an organisation or building when one of its words says so
            # ("Chatham House", "Pewaukee Fire Department", "Texas Alcoholic Beverage Commission"),
            # otherwise a person ("Donald Trump", "Alexander Stubb").
            usage = Usage.ORGANISATION if _names_an_organisation(span) else Usage.NOT_A_PLACE
        elif after_lower in PERSON_NOUNS and span._.cue is None and not _after_preposition(before):
            usage = Usage.DEMONYM
        elif _government_follows(after, after2) and (span._.cue is None or (
                # "... region of Afghanistan, U.S. officials said": a government noun right after the
                # name outweighs a type word the name only inherits from a list before it
                inherited_cue and after_lower not in {"'s", "’s"})):
            usage = Usage.METONYMIC
        elif (after is not None and after_lower in AGENT_VERBS and span._.cue is None and not _after_preposition(before)
              and not undergoes(doc, span.end) and hosts(doc, span.end) is None):
            usage = Usage.METONYMIC
        elif before is not None and before.lower_ in ADDRESS_VERBS and not (
                # "a village called Jibu": the name of the place just named
                before.lower_ == "called" and span.start >= 2 and (
                    doc[span.start - 2].lower_ in PLACE_NOUNS or doc[span.start - 2].lower_ in ALL_CUES
                    or doc[span.start - 2].lower_ in {"area", "place", "locality"})):
            usage = Usage.METONYMIC
        span._.usage = usage.value


def undergoes(doc: Doc, i: int) -> bool:
    """Words from ``i`` form a passive of something done to ground: "was overrun", "has been bombed",
    "were reportedly retaken" (``PHYSICAL_PARTICIPLES`` after a form of "be")."""
    k = i
    if k < len(doc) and doc[k].lower_ in {"has", "had", "have"}:
        k += 1
        if k >= len(doc) or doc[k].lower_ != "been":
            return False
    elif k >= len(doc) or doc[k].lower_ not in BE_FORMS:
        return False
    while k < len(doc) and k < i + 5 and (doc[k].lower_ in BE_FORMS or doc[k].lower_ in PASSIVE_FILLERS):
        k += 1
    return k < len(doc) and doc[k].lower_ in PHYSICAL_PARTICIPLES


def hosts(doc: Doc, i: int) -> Token | None:
    """The verb "host" the words from ``i`` lead to, past auxiliaries ("Qatar hosted", "Cambodia is to host",
    "Saudi Arabia will host"): who hosts a meeting is where it is held, not only a government."""
    k = i
    while k < len(doc) and k < i + HOST_REACH and doc[k].lower_ in HOST_AUXILIARIES:
        k += 1
    return doc[k] if k < len(doc) and doc[k].lower_ in HOST_VERBS else None


HOST_VERBS = frozenset({"host", "hosts", "hosted", "hosting"})
HOST_AUXILIARIES = frozenset({"is", "was", "are", "were", "will", "would", "has", "had", "have", "to", "set", "due",
                              "also", "again", "recently", "last", "previously", "already", "then", "shall", "plans",
                              "planned", "agreed", "offered"})
HOST_REACH = 4  # auxiliaries between the name and the verb ("is set to host")


def _owned(span: Span) -> bool:
    """A possessive determiner right before the name, or before a hyphenated modifier of it ("his
    explosives-packed Mercedes"). A plain adjective between says nothing ("his native Aleppo")."""
    doc = span.doc
    start = span.start
    if start >= 4 and doc[start - 2].text == "-" and doc[start - 1].is_lower and doc[start - 3].is_lower:
        start -= 3  # "explosives-packed", "bullet-riddled"
    return start > 0 and doc[start - 1].lower_ in POSSESSIVE_DETERMINERS


def _after_indefinite(span: Span) -> bool:
    """"a Chinook", "a U.S. Chinook", "an Afghan Mi-17": "a" or "an" right before the name, or before one
    capitalised word (the craft's owner) before it."""
    doc = span.doc
    for k in (1, 2):
        if span.start - k < 0:
            return False
        word = doc[span.start - k]
        if word.lower_ in {"a", "an"}:
            return True
        if not word.text[:1].isupper():
            return False
    return False


def _names_a_vessel(span: Span) -> bool:
    """A ship's name: right after a vessel noun ("the frigate Admiral Makarov"), or "the" name with an
    appositive that says it is a ship ("the Moskva, flagship of the Black Sea Fleet"; "the Galaxy Leader,
    a cargo ship"). A town takes no article, so the appositive alone is not enough."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in VESSEL_NOUNS:
        return True
    if before is None or before.lower_ != "the" or span.end >= len(doc) or doc[span.end].text != ",":
        return False
    for token in doc[span.end + 1 : span.end + 1 + VESSEL_REACH]:
        if token.lower_ in VESSEL_NOUNS:
            return True
        if token.is_punct:
            return False
    return False


def _org_name_follows(span: Span) -> bool:
    """The place opens a capitalised name that ends in a group's or body's last word (see ORG_TAILS)."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ in {"'s", "’s"}:
        return False  # "Iran's Supreme National Security Council" is Iran's: the country, not in a name
    while i < len(doc) and i < span.end + 6 and not doc[i].is_sent_start:
        token = doc[i]
        if token.lower_ in ORG_TAILS and token.text[:1].isupper():
            return True
        if not ((token.text[:1].isupper() and token.is_alpha) or token.lower_ in FORWARD_NAME_LINKS):
            return False
        i += 1
    return False


# Bodies whose names go on with "for" or "of" and may end in a place: "the Committee for Freedom in Hong Kong".
BODY_HEADS = frozenset({"committee", "commission", "campaign", "foundation", "institute", "fund", "society",
                        "association", "league", "federation", "organization", "organisation"})


def _inside_group_name(span: Span) -> bool:
    """The place ends a capitalised name that opens with a group's or body's word and "for" or "of": "the
    Front for Change and Concord in Chad", "the Movement for the Liberation of Azawad", "the Committee
    for Freedom in Hong Kong"."""
    doc = span.doc
    i = span.start - 1
    steps = 0
    while i >= 1 and steps < 8:
        token = doc[i]
        if token.lower_ in {"for", "of"} and doc[i - 1].lower_ in ORG_TAILS | BODY_HEADS and doc[i - 1].text[:1].isupper():
            return True
        if not ((token.text[:1].isupper() and token.is_alpha) or token.lower_ in NAME_LINKS | {"in", "to"}):
            return False
        i -= 1
        steps += 1
    return False


def _government_follows(after: Token | None, after2: Token | None) -> bool:
    """A government noun right after the name, or after one lower-case modifier: "Moscow's", "U.S.
    officials", "U.S. military officials"."""
    if after is None:
        return False
    if after.lower_ in GOVERNMENT_NOUNS:
        return True
    if after.lower_ == "local" and after2 is not None and after2.lower_ == "government":
        # "Guma local government area", "in Agatu local government": Nigeria's unit (LGA), the place itself
        doc = after2.doc
        return not (after2.i + 1 < len(doc) and doc[after2.i + 1].lower_ in {"area", "areas", "council"})
    return (after.is_alpha and after.text.islower() and after2 is not None
            and after2.lower_ in GOVERNMENT_NOUNS and after2.lower_ not in {"'s", "’s"})


def _elided_direction(span: Span) -> bool:
    """A lone direction word that a coordination shares a name with: "the South and East China seas"."""
    doc = span.doc
    return (len(span) == 1 and span[0].lower_ in DIRECTION_WORDS and span.end + 1 < len(doc)
            and doc[span.end].lower_ in {"and", "or", "&"} and doc[span.end + 1].lower_ in DIRECTION_WORDS)


def _nisba(span: Span) -> bool:
    """"Abu Bakr al-Baghdadi": a name after "al-" that follows a person's capitalised name."""
    doc = span.doc
    i = span.start
    return (i >= 3 and doc[i - 1].text in {"-", "–"} and doc[i - 2].lower_ in {"al", "el"}
            and doc[i - 3].text[:1].isupper() and doc[i - 3].is_alpha and not doc[i - 3].is_sent_start)


def _after_org_head(span: Span) -> bool:
    """The place closes a group's name that opens with an Arabic, Persian or Urdu head word (see ORG_HEADS)."""
    doc = span.doc
    i = span.start - 1
    steps = 0
    while i >= 0 and steps < 5:
        token = doc[i]
        lower = token.lower_
        if lower in ORG_HEADS:
            return True
        if not (lower in ORG_LINKS or (token.text[:1].isupper() and token.is_alpha)):
            return False
        i -= 1
        steps += 1
    return False


def _capital_cue(span: Span) -> str | None:
    """CAPITAL_CUE when the name is followed by "capital" or "'s capital": the country's capital city."""
    doc = span.doc
    following = [t.lower_ for t in doc[span.end : min(len(doc), span.end + 2)]]
    if following[:1] == ["capital"] or following[:2] in (["'s", "capital"], ["’s", "capital"]):
        return CAPITAL_CUE
    return None


def _inside_of_name(span: Span) -> bool:
    """The place ends an "ORG-word of X" name: "the University of Texas", "Bank of America"."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of":
        return False
    head = doc[span.start - 2]
    return head.text[:1].isupper() and head.lower_ in ORG_WORDS


def _hyphen_heads(names: Iterable[str], common_words: frozenset[str]) -> frozenset[str]:
    """First parts of hyphenated names ("Nagorno" of Nagorno-Karabakh, "Ivano" of Ivano-Frankivsk): the
    tokenizer splits the hyphen, so a match must be tried from that part. Short parts, particles and
    English words ("Al", "Saint", "Port") are left out: "al-X" or "Saint-X" unknown as a whole stays no
    place, as before."""
    heads = {n.split("-", 1)[0] for n in names if "-" in n.split(" ", 1)[0]}
    return frozenset(head for head in heads if len(head) >= 4 and head[:1].isupper() and head.isalpha()
                     and head.lower() not in common_words and head.lower() not in NAME_PARTICLES)


def _double_barrelled(spans: list[Span]) -> None:
    """"Angela Martin-Mulu", "Halima Yusuf-Kano": a place name joined by a hyphen to a person's name is the
    other half of a double-barrelled surname. The word before the hyphen is a name read as a person, or
    an unknown capitalised word after another one ("Halima Yusuf"); "Israel-Gaza", "Kyiv-Warsaw" and "the
    Aleppo-Damascus highway" join two places and stay."""
    if not spans:
        return
    doc = spans[0].doc
    owner = {i: span for span in spans for i in range(span.start, span.end)}
    for span in spans:
        hyphen = span.start - 1
        if (hyphen < 2 or doc[hyphen].text not in {"-", "‐"} or doc[hyphen].whitespace_ or doc[hyphen - 1].whitespace_
                or span._.usage not in (Usage.LITERAL.value, Usage.METONYMIC.value)):
            continue
        left = owner.get(hyphen - 1)
        if left is not None:
            person = left._.usage == Usage.NOT_A_PLACE.value
        else:
            word, first = doc[hyphen - 1], doc[hyphen - 2]
            person = (word.is_alpha and word.text[:1].isupper() and first.is_alpha and first.text[:1].isupper()
                      and hyphen - 2 not in owner and not first.is_sent_start)
        if person:
            span._.usage = Usage.NOT_A_PLACE.value


def _propagate_person_names(spans: list[Span], region_names: frozenset[str]) -> None:
    """A surname read as a person once ("John Kelly", "Gen. Kelly") is a person in the rest of the article.

    News names a person in full first and by surname after ("Kelly said ...", "Kim Jong Un" then "met
    with Kim"); the bare surname has none of the evidence the full name had. Only one-word town names
    spread: a country or region seen next to a capitalised word ("Northeast Georgia") is not a surname.
    """
    surnames: set[str] = set()
    for span in spans:
        if span._.usage != Usage.NOT_A_PLACE.value or len(span) != 1 or span.label_ != "PLACE" or span.text in region_names:
            continue
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.text[:1].isupper() and before.lower_ not in DIRECTION_WORDS:
            surnames.add(span.text)  # "John Kelly"
        elif (before is not None and before.lower_.rstrip(".") in PERSON_TITLES and after is not None
              and after.text[:1].isupper() and after.is_alpha):
            surnames.add(span.text)  # "leader Kim Jong Un": a family name written first, after a title
    if not surnames:
        return
    for span in spans:
        if span.text in surnames and span._.usage in (Usage.LITERAL.value, Usage.METONYMIC.value):
            before = span.doc[span.start - 1] if span.start > 0 else None
            if before is None or before.lower_ not in LOCATIVE_PREPOSITIONS:
                span._.usage = Usage.NOT_A_PLACE.value


def _distance_follows(doc: Doc, i: int) -> bool:
    """A distance or direction from another place opens the words from ``i``: "90 kilometers (55
    miles) west of", "just north of", "some 30 km from", "about 20 miles outside"."""
    if i < len(doc) and doc[i].lower_ in APPROXIMATELY:
        i += 1
    if i + 1 < len(doc) and doc[i].like_num and doc[i + 1].lower_ in DISTANCE_UNITS:
        i += 2
        if i < len(doc) and doc[i].text == "(":  # "(55 miles)"
            while i < len(doc) and doc[i].text != ")" and i < len(doc):
                i += 1
            i += 1
        if i < len(doc) and doc[i].lower_ in {"from", "outside"}:
            return True
    return i + 1 < len(doc) and doc[i].lower_ in DIRECTION_POINTS and doc[i + 1].lower_ in {"of", "from"}


# After an appositive place noun ("X, a village near Y"), one of these: the noun ends its phrase, so it
# is the name's type and not the head of another ("Smith, a city councillor").
APPOSITIVE_ENDS = frozenset({",", ".", ";", ")", "–", "—", "near", "in", "of", "on", "outside", "about", "some",
                             "just", "where", "that", "which", "close", "located", "along", "by", "with", "and",
                             *DIRECTION_POINTS})


def _appositive_place_noun(doc: Doc, i: int) -> str | None:
    """The place noun of an appositive opening at ``i`` ("a small village near ...", "a mostly Sunni
    neighborhood of ..."): an article, at most three modifiers, a singular place noun that ends its phrase."""
    if i >= len(doc) or doc[i].lower_ not in {"a", "an", "the"}:
        return None
    for j in range(i + 1, min(len(doc) - 1, i + 5)):
        lower = doc[j].lower_
        if lower in PLACE_NOUNS and lower not in PLURAL_PLACE_NOUNS:
            return lower if j + 1 >= len(doc) or doc[j + 1].lower_ in APPOSITIVE_ENDS else None
        if not doc[j].is_alpha or (doc[j].text[:1].isupper() and lower not in PEOPLE_ADJECTIVES):
            return None
    return None


# Words that end a street's name ("Hungerford St.", "Haifa Street"): the town a street is named after is not
# where its address lies.
STREET_WORDS = frozenset({"street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard", "blvd",
                          "blvd.", "lane", "ln", "ln.", "drive", "parkway", "pkwy", "pike", "turnpike"})
# Route prefixes before a number: "CR 367" (county road), "U.S. 79", "SR 16", "FM 1960".
ROUTE_PREFIXES = frozenset({"CR", "SR", "US", "U.S.", "FM", "RR", "Route", "Highway", "Hwy", "Hwy.", "Interstate", "I"})
# A number after a route prefix that is a count, not a route: "US 100 million".
COUNT_WORDS = frozenset({"million", "billion", "thousand", "percent", "%", "troops", "soldiers", "people", "dollars"})


def _names_a_road(doc: Doc, start: int, end: int) -> bool:
    """Whether the known name ``doc[start:end]`` is part of a street or a route: a street word follows it,
    or an ordinal then one ("West 11th Street"), or it is a route prefix and a number follows ("CR 367")."""
    after = doc[end] if end < len(doc) else None
    if after is None:
        return False
    if after.text[:1].isupper() and after.lower_ in STREET_WORDS:
        return True
    nxt = doc[end + 1] if end + 1 < len(doc) else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in STREET_WORDS and (
            after.like_num or after.lower_[:-2].isdigit() and after.lower_[-2:] in {"st", "nd", "rd", "th"}):
        return True
    return (doc[start:end].text in ROUTE_PREFIXES and after.text.isdigit() and len(after.text) <= 4
            and not (nxt is not None and nxt.lower_ in COUNT_WORDS))


def _road_end(doc: Doc, end: int) -> int:
    """The index after a street or route name that a place name opened before ``end``."""
    j = end
    while j < len(doc) and j < end + 3 and (doc[j].like_num or doc[j].lower_ in STREET_WORDS or doc[j].text[:1].isupper()):
        j += 1
        if doc[j - 1].lower_ in STREET_WORDS or doc[j - 1].text.isdigit():
            break
    return j


def _after_the(doc: Doc, i: int) -> bool:
    """"the" opens the noun phrase the name at ``i`` heads: right before it, or before one or two lower-case
    words ("the strategic Tishreen Dam", "the newly built Zarah Station")."""
    for k in range(i - 1, max(-1, i - 4), -1):
        lower = doc[k].lower_
        if lower == "the":
            return True
        if not (doc[k].is_alpha and doc[k].text.islower()):
            return False
    return False


def _site_name_end(doc: Doc, i: int) -> int | None:
    """Where a site's name that a name continues at ``i`` ends: up to two more capitalised words, then
    a capitalised site word ("Taksim| Square", "Handarat| Refugee Camp"); None when none follows."""
    for j in range(i, min(len(doc), i + 3)):
        token = doc[j]
        if not (token.text[:1].isupper() and token.is_alpha):
            return None
        if token.lower_ in SITE_NOUNS:
            return j + 1
    return None


def _after_locative(lowers: list[str], i: int) -> bool:
    """A locative preposition (then "the" and a direction or two) opens the words from ``i``: "in
    Kabal", "near the Ngouboua", "on the outskirts of Bosra", "north of Hama", "the assault on Kulbus".
    ``lowers``: the doc's tokens in lower case."""
    before = i - 1
    while before >= 0 and i - before <= 3 and (lowers[before] == "the" or lowers[before] in DIRECTION_WORDS):
        before -= 1
    if before < 0:
        return False
    word = lowers[before]
    if word in LOCATIVE_PREPOSITIONS or word in {"on", "into", "over", "from"}:
        return True
    return word == "of" and before > 0 and lowers[before - 1] in OF_LOCATIVES


def _after_lower_particle(doc: Doc, i: int) -> bool:
    """The token at ``i`` ends a name opened by a lower-case particle and a hyphen: "al-Rai", "el-Fasher"."""
    return (i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_
            and doc[i - 2].text.islower() and doc[i - 2].lower_ in NAME_PARTICLES)


def _after_preposition(before: Token | None) -> bool:
    return before is not None and before.lower_ in {"in", "at", "near", "over", "from", "into", "across", "outside", "around", "of", "to"}


# Letters joined by an apostrophe: an ayn or a hamza in a transliterated name ("Ma’ardes", "Sa'eed").
APOSTROPHE_NAME = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)+")


def is_letters(token: Token) -> bool:
    """Letters only, as ``is_alpha`` says, or letters joined by apostrophes ("Ma’ardes")."""
    return token.is_alpha or APOSTROPHE_NAME.fullmatch(token.text) is not None


def _is_name_word(token: Token | None, common_words: frozenset[str]) -> bool:
    """A capitalised word that continues a proper name (not a weekday, a cue word, or an ordinary
    word capitalised only because it opens the sentence: "Residents of Kherson", but "John Kelly said")."""
    return (
        token is not None
        and token.text[:1].isupper()
        and is_letters(token)
        and token.lower_ not in NON_NAME_CAPITALS
        and token.lower_ not in ALL_CUES
        and token.lower_ not in PERSON_TITLES
        and not (token.is_sent_start and (token.lower_ in common_words or not common_words))
    )


def _named_by_place_noun(token: Token, spans: list[Span]) -> Span | None:
    """A name the gazetteer lacks that the text calls a place: "the village of Shurifah", "the towns
    of Khan Touman, Aleis and Alzorba". Label UNKNOWN_PLACE: it resolves to nothing, but an event
    there keeps its place name (no point on the map)."""
    doc = token.doc
    i = token.i
    # "the village of ‘Ayishah": an ayn written as an opening quote before the name
    of = i - 2 if i >= 3 and doc[i - 1].text in OPENING_MARKS and not doc[i - 1].whitespace_ else i - 1
    if of >= 1 and doc[of].lower_ == "of" and doc[of - 1].lower_ in UNIT_NOUNS_BEFORE_OF:
        cue = doc[of - 1].lower_
    elif i >= 2 and doc[i - 1].text == ":" and doc[i - 2].lower_ in PLURAL_PLACE_NOUNS:
        cue = doc[i - 2].lower_  # "raided four villages: Demsare, Wunamokoh and Dikajam"
    elif of >= 3 and doc[of].lower_ == "of" and doc[of - 1].lower_ in {"area", "vicinity"} and (
            doc[of - 2].lower_ == "the" and doc[of - 3].lower_ in {"in", "near", "around", "at"}):
        cue = None  # "in the area of Abu Leiha", "near the vicinity of X"
    elif i >= 1 and doc[i - 1].lower_ in {",", "and"} and spans and spans[-1].label_ == UNKNOWN_PLACE and (
            spans[-1]._.cue in PLURAL_PLACE_NOUNS) and doc[i - 1].i - spans[-1].end <= 1:
        cue = spans[-1]._.cue  # the next name of a list after a plural noun
    else:
        return None
    end = i
    while end < len(doc) and end < i + 4 and (doc[end].text[:1].isupper() and is_letters(doc[end]) or (
            doc[end].text in {"-", "’", "'"} and end + 1 < len(doc) and not doc[end - 1].whitespace_)):
        end += 1
    while end > i and doc[end - 1].text in {"-", "’", "'"}:
        end -= 1  # "the village of Al-Haba’ in Raqqa": an ayn at the end is not part of the name's tokens
    if end == i or not is_letters(doc[end - 1]):
        return None
    span = Span(doc, i, end, label=UNKNOWN_PLACE)
    span._.cue = cue
    span._.usage = Usage.LITERAL.value
    return span


def _names_an_organisation(span: Span) -> bool:
    """The capitalised words after the place (up to ``ORG_REACH``, through "'s", "of", "and", "&")
    hold a word of an organisation's or a building's name: the place names where the body is,
    inside its name ("U.S. Census", "Butler County Sheriff's Office", "Georgia Bureau of Investigation")."""
    doc = span.doc
    for i in range(span.end, min(len(doc), span.end + ORG_REACH)):
        token = doc[i]
        word = token.lower_
        if word in ORG_WORDS or word in ORG_TAILS or word in FACILITY_WORDS or word in BODY_WORDS:
            return True
        if not (token.text[:1].isupper() and token.is_alpha) and word not in {"'s", "’s", "of", "and", "&"}:
            return False
    return False


def _names_a_facility(span: Span, common_words: frozenset[str]) -> bool:
    """The place name opens a longer name of a site there: up to three more capitalised words, then a
    facility word ("Zhuhai Gaolan port", "Bagram Air Base"). Not "area": in "Sado Khelo
    area" the known "Sado" is a namesake far away, not where the area is."""
    doc = span.doc
    i = span.end
    while i < len(doc) and i < span.end + 3 and _is_name_word(doc[i], common_words) and doc[i].lower_ not in FACILITY_WORDS:
        i += 1
    return i > span.end and i < len(doc) and doc[i].lower_ in FACILITY_WORDS


def _list_cue(span: Span) -> str | None:
    """The type word that ends a coordinated list of names: "Kyiv, Sumy and Cherkasy regions" -> "regions"."""
    doc = span.doc
    i = span.end
    limit = min(len(doc), span.end + 40)
    while i < limit:
        token = doc[i]
        if token.lower_ in ALL_CUES:
            return token.lower_
        if token.text in {",", "and", "-"} or (token.text[:1].isupper() and token.is_alpha):
            i += 1
            continue
        return None
    return None


def _prefix_cue(span: Span) -> str | None:
    """A type word before a list of names: "the border provinces of Kursk and Bryansk" -> "provinces"."""
    doc = span.doc
    i = span.start - 1
    while i >= max(0, span.start - 20):
        token = doc[i]
        if token.lower_ == "of":
            previous = doc[i - 1] if i > 0 else None
            return previous.lower_ if previous is not None and previous.lower_ in ALL_CUES else None
        if token.text in {",", "and"} or (token.text[:1].isupper() and token.is_alpha):
            i -= 1
            continue
        return None
    return None


@Language.component("geomap_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: titles, date lines and photo captions have no full stop."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


@Language.factory("geomap_places", default_config={"names": [], "region_names": []})
def make_place_recogniser(nlp: Language, name: str, names: list[str], region_names: list[str]) -> PlaceRecogniser:
    return PlaceRecogniser(nlp, name, names=names, region_names=region_names)
