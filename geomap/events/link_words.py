"""The words the place linker (``link.py``) reads: locative words, what may bridge a locative word and its
place, and the words that make a place a reference point, a home or an owner instead of the event's place."""

from __future__ import annotations

from geomap.events.dates import MONTHS, WEEKDAYS

LOCATIVE_WORDS = frozenset({
    "in", "at", "over", "near", "on", "across", "outside", "around", "into", "inside", "towards", "toward",
    "throughout", "within", "above", "off", "onto", "along",
    # verbs whose object is where the event happened
    "hit", "struck", "strike", "strikes", "attacked", "attack", "attacks", "shelled", "bombed", "targeted",
    "pounded", "captured", "seized", "liberated", "recaptured", "retook", "entered", "visited", "hosted",
    "raided", "stormed", "besieged", "encircled", "visit", "visits", "visiting", "toured", "swarmed",
    "encircling", "surrounding", "surrounded",
})
TIME_WORDS = frozenset({*WEEKDAYS, *MONTHS, "recent", "past", "early", "late", "mid"})
# "to" locates an event only after a word of movement: "a visit to Mauritius", "deployed to the Baltic",
# "flown to Guantanamo Bay" (not "spoke to Kyiv", "a threat to Europe").
MOVEMENT_LEMMAS = frozenset({
    "visit", "trip", "travel", "tour", "journey", "voyage", "deploy", "send", "fly", "deport", "transfer", "return",
    "arrive", "move", "relocate", "dispatch", "head", "sail", "expel", "extradite", "repatriate", "delegation", "come",
    "go", "redeploy", "evacuate", "transport", "ship", "deliver",
    "march",  # "marched to the White House": the rally is held where the march goes
})
# Words that may stand between the locative word and the place ("in the southern Mykolaiv region").
BRIDGE_WORDS = frozenset({
    ",", "and", "or", "the", "a", "an", "of", "-", "–", "—", "'s", "’s", "border", "nearby", "several", "many",
    "other", "neighbouring", "neighboring", "occupied", "held", "controlled", "claimed", "administered", "annexed",
    "frontline", "front-line", "city", "cities", "town", "towns", "village", "villages", "port", "harbour", "harbor",
    "base", "island", "region", "regions", "oblast", "oblasts", "province", "provinces", "district", "districts",
    "governorate", "county", "state", "areas", "area", "countryside", "rural", "square", "streets", "neighbourhood",
    "neighborhood", "parts", "part", "territory", "territories", "northern", "southern", "eastern", "western",
    "central", "northeastern", "northwestern", "southeastern", "southwestern", "north", "south", "east", "west",
    "capital", "key", "embattled", "besieged", "small", "large", "settlement", "outskirts", "suburbs",
    "centre", "center", "downtown", "both", "also", "two", "three", "four", "some", "like", "including",
    # "on the edge of X", "in the vicinity of X", "in the heart of X": a part of the place, still the place
    "edge", "vicinity", "heart", "periphery", "environs", "neighbourhoods", "neighborhoods", "suburb",
    # "in the ancient town of X", "in the restive province of X": words that only describe the place
    "ancient", "historic", "strategic", "restive", "remote", "volatile", "troubled", "tiny", "main", "major",
    "coastal", "mountainous", "flashpoint", "predominantly", "mainly", "mostly", "largely",
})
# Words right before a place that make it a reference point, not the event's place.
EXCLUDING_WORDS = frozenset({"bordering", "borders", "from", "toward", "towards", "against", "than", "between"})
# "between" after these names ground that lies between two places ("the road between Kramatorsk and Sloviansk"),
# not the parties of a fight or talks ("clashes between Armenia and Azerbaijan").
STRETCH_NOUNS = frozenset({"area", "areas", "region", "road", "roads", "highway", "stretch", "zone", "corridor",
                           "route", "villages", "towns", "territory", "countryside", "axis", "line", "frontline",
                           "desert", "plain", "valley", "strip", "belt", "railway", "border", "somewhere", "halfway",
                           "midway"})
# A locative preposition after these describes who someone is ("based in", "born in"), not an event's place.
DESCRIBING_WORDS = frozenset({"based", "headquartered", "born", "registered", "raised", "resident", "residents",
                              "living", "lives", "lived", "residing",
                              # "a military source in Damascus", "our correspondent in X": where the news came from
                              "source", "sources", "correspondent", "correspondents", "reporter", "reporters",
                              "journalist", "journalists", "spokesman", "spokeswoman", "spokesperson", "bureau"})
# "on" after these names who is held responsible: "blamed on Russia", "pinned the attack on Kyiv".
BLAME_LEMMAS = frozenset({"blame", "blamed", "blames", "blaming", "pin", "pinned", "pins", "pinning"})
# "on" after these gives a subject matter: "worked on North Korea", "focused on Iran", "a report on Yemen".
TOPIC_ON_LEMMAS = frozenset({"work", "worked", "working", "focus", "focused", "focusing", "concentrate", "concentrated",
                             "comment", "commented", "report", "reports", "brief", "briefed", "testify", "testified",
                             "expert", "experts", "specialist", "analyst", "policy", "stance", "position", "views",
                             # "the talks on Syria", "a conference on Ukraine", "pressure on Russia": what is discussed
                             "talk", "talks", "negotiation", "negotiations", "conference", "summit", "debate",
                             "discussion", "discussions", "resolution", "pressure"})
# "from" after these is the ground left: where a withdrawal changed who controls it.
WITHDRAWAL_LEMMAS = frozenset({"withdraw", "withdrawal", "retreat", "pull", "pullout", "pull-out"})
# "from" after these is where a weapon was tested: the launch site ("test-fired a missile from Wonsan").
TEST_WORDS = frozenset({"test", "tests", "tested", "testing", "test-fired", "test-launched", "test-fire"})
TEST_REACH = 10  # tokens from the test word to "from" ("test-fired two short-range ballistic missiles from")
# "from" after these is where something was said, not where someone or something came from.
SPEECH_LEMMAS = frozenset({"interview", "speak", "address", "statement", "broadcast", "briefing", "remarks", "write"})
# Words that open another clause: a place beyond one belongs to that clause's event, if any.
BARRIER_WORDS = frozenset({"that", "which", "who", "whom", "whose", "as", "but", ";", "while", "whereas",
                           "although", "though", "because"})
MAX_BRIDGE = 30
# After a country's name, these are its own: "the US embassy", "a US air strike", "in US custody".
OWNED_NOUNS = frozenset({
    "embassy", "embassies", "consulate", "mission", "forces", "force", "troops", "soldiers", "military", "army",
    "navy", "air", "warplanes", "warplane", "jets", "jet", "drone", "drones", "strike", "strikes", "raid", "raids",
    "custody", "officials", "official", "government", "authorities", "diplomats", "diplomat", "ambassador",
    "envoy", "citizens", "citizen", "nationals", "national", "convoy", "patrol", "patrols", "warship", "warships",
    "vessel", "ship", "base", "bases", "guards", "police", "intelligence", "agents", "spy",
})
MOVEMENT_REACH = 6  # "a 19-day journey from eastern China to X": the movement word may stand a phrase back
PHRASAL_OVER = frozenset({"take", "hand", "turn", "win", "rule", "fight", "argue", "negotiate", "talk"})
