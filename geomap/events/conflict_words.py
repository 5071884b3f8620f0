"""The words of conflict that the sentence rules (``retype.py``) read: forces and weapons, what is seized, who
is fired at, mishaps, what a killing's toll is put down to, and the like. Data only, kept apart so the rules
read in one sitting."""

from __future__ import annotations


# Strategic developments of armed forces that ordinary words also name: a sentence that reports one names a
# force or a weapon ("they moved to Thornhill" is no deployment, "a plane crashed on landing" no military crash).
MILITARY_TYPES = frozenset({"military_exercise", "deployment", "weapons_test", "aircraft_crash"})
# The types whose object is arms, moved or seized: "300 rifles smuggled from Albania were seized at Durres" is one
# seizure, and a weapon named like a deed ("shipped attack helicopters") is still what was shipped.
ARMS_TYPES = frozenset({"arms_shipment", "weapons_seizure"})
# Military aircraft by name: "the crash of an F-16" needs no other word of war.
MILITARY_CRAFT = frozenset({"f-16", "f-35", "mig", "mig-29", "sukhoi", "su-24", "su-25", "su-34", "mi-8", "mi-17", "mi-24",
                            "c-130", "rafale", "mirage", "osprey", "apache", "gunship", "gunships", "chinook", "chinooks",
                            "hercules", "tucano", "hawk", "hawks"})  # "a Black Hawk crash-landed"
MILITARY_WORDS = frozenset({
    "troops", "troop", "soldiers", "soldier", "forces", "force", "army", "armies", "military", "navy", "navies", "naval",
    "marines", "marine", "warship", "warships", "destroyer", "destroyers", "frigate", "frigates", "submarine",
    "submarines", "carrier", "carriers", "vessel", "vessels", "jet", "jets", "fighter", "fighters", "bomber",
    "bombers", "helicopter", "helicopters", "aircraft", "plane", "planes", "drone", "drones", "missile", "missiles",
    "rocket", "rockets", "weapon", "weapons", "arms", "ammunition", "munitions", "artillery", "tank", "tanks",
    "battalion", "battalions", "brigade", "brigades", "regiment", "regiments", "division", "divisions", "corps",
    "contingent", "peacekeepers",
    "militia", "militias", "militants", "rebels", "guard", "guards", "coastguard", "defence", "defense",
    "airspace", "nuclear", "warplane", "warplanes", "gunboat", "gunboats", "reinforcements", "battery", "batteries",
    "rifles", "explosives", "shells", "drills", "manoeuvres", "maneuvers", "exercises", "war", "wargames",
    "ship", "ships", "police", "paramilitary", "paramilitaries", "gendarmes", "commandos", "airmen", "sailors",
    "armoured", "armored", "infantry", "airborne", "paratroopers", "mechanised", "mechanized", "ballistic",
    "hypersonic", "warhead", "warheads", "icbm", "icbms", "sortie", "sorties", *MILITARY_CRAFT,
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
    "meth", "lab", "labs", "laboratory", "laboratories", "pistol", "rifle", "gun", "grenade", "grenades", "weapon",
    "launcher", "launchers", "detonators",
})
DRUG_WORDS = frozenset({"drugs", "heroin", "cocaine", "marijuana", "cannabis", "methamphetamine", "meth", "narcotics",
                        "opium", "hashish", "fentanyl", "captagon"})
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
    "ravine", "gorge", "plunged", "overturned", "skidded",
    "monoxide", "crushed", "cholera", "malaria", "measles", "famine", "starvation", "cancer",
})
# What a toll is put down to when it is a war's, not one attack's: "the five-year conflict that has killed".
# "Violence" and "fighting" stay out: "fighting killed 20 in Donetsk on Sunday" is one clash.
TOLL_SUBJECTS = frozenset({"conflict", "conflicts", "war", "wars", "insurgency", "insurgencies", "uprising", "crisis",
                           "rebellion", "revolt", "campaign"})
TOLL_REACH = 6  # words back from the killing to its subject ("the 2-1/2-year-old war has killed")
# What a launch is aimed with: "launched drones at Odesa", "against the port".
AIMED_WORDS = frozenset({"at", "on", "against", "toward", "towards", "into"})
# A weapon aimed at something is used, not tested ("fired a missile at a vessel"); what "at" names when it is not.
AIM_REACH = 6
UNAIMED_AT = frozenset({"dawn", "dusk", "night", "noon", "midnight", "sea", "test", "testing", "range", "site",
                        "facility", "its", "any", "least", "about", "around"})
FIRING_LEMMAS = frozenset({"fire", "fired", "launch", "launched", "lob", "lobbed", "shoot"})
# An explosive found or made safe before it goes off: disrupted weapons use, not an explosion.
DISARMING_WORDS = frozenset({"defused", "defuse", "defusing", "defuses", "dismantled", "dismantle", "disarmed",
                             "disarm", "deactivated", "neutralised", "neutralized", "found", "discovered", "detected",
                             "recovered", "unearthed", "removed", "removing", "cleared", "clearing"})
DISARM_REACH = 5
# Who or what disposes of a bomb before it goes off, anywhere in the bomb's clause.
DISPOSAL_WORDS = frozenset({"demolition", "sappers", "deminers", "bomb-disposal", "disposal"})
# "a controlled explosion" (not a "remote-controlled device", which went off).
CONTROLLED_BLASTS = frozenset({"explosion", "explosions", "detonation", "detonations"})
# What says people were arrested: raids that only arrest are the arrests' setting.
ARREST_WORDS = frozenset({"arrested", "arrest", "arrests", "detained", "detain", "detention", "detentions",
                          "apprehended", "rounded", "rounding", "custody", "arresting", "detaining", "handcuffed"})
# A fire that kills without a weapon: a house fire, a blaze.
FIRE_WORDS = frozenset({"fire", "fires", "blaze", "blazes", "inferno"})
FIRING_WORDS = frozenset({"opened", "open", "opening", "returned", "cross", "enemy", "hostile", "heavy", "sniper",
                          "machine-gun", "machinegun", "tank", "mortar", "gun", "small-arms", "automatic"})
FIRE_QUALIFIERS = ARMS_WORDS | FIRING_WORDS  # what makes a fire gunfire: "sniper fire", "opened fire"
# A road accident's vehicles: "the sedan struck a pickup" (a weapon in the sentence makes it violence).
VEHICLE_WORDS = frozenset({"car", "cars", "vehicle", "vehicles", "truck", "trucks", "suv", "van", "pickup", "sedan",
                           "motorcycle", "motorist", "pedestrian", "pedestrians", "bicycle", "cyclist", "lanes", "lane",
                           "driver", "driven", "traffic", "intersection"})
# Where a sentence turns to another clause: a force named there does not move the trigger's ("Police said ...,
# but his airbags did deploy"; "... a former military base, and the first vaccines arrived in Manila").
CLAUSE_TURNS = frozenset({";", "but", "while", "whereas", "although", "though"})
# What an incursion crosses when the sentence names no force ("violated the airspace", "crossed the border"),
# or the craft that make one ("fishing boats swarmed the reef": a maritime militia is not called one).
INCURSION_GROUND = frozenset({"airspace", "waters", "border", "borders", "frontier", "frontiers", "territory",
                              "territorial", "boundary", "boats", "boat", "trawlers", "trawler", "flotilla", "fleet"})
# What a bare "struck" or "hit" may be typed as: the violence a car that struck another is not.
STRIKING_TYPES = frozenset({"attack", "air_strike", "drone_strike", "missile_strike", "shelling"})
# Who strikes from the air unmanned: an attack they carry out is a drone strike.
DRONE_AGENTS = frozenset({"drone", "drones", "uav", "uavs"})
# What an article about a truce names: "violated the agreement" is a ceasefire violation there.
TRUCE_WORDS = frozenset({"ceasefire", "ceasefires", "cease-fire", "truce", "truces", "armistice", "cessation"})
# What changes control: "seized control of", "took full control", "lost control of Kidal".
TAKING_CONTROL = frozenset({"take", "took", "taken", "taking", "seize", "seized", "seizing", "gain", "gained", "wrest",
                            "wrested", "regain", "regained", "assume", "assumed", "establish", "established", "capture",
                            "retake", "grab", "lose", "lost", "losing", "cede", "ceded", "relinquish", "relinquished",
                            "surrender", "surrendered", "hand", "handed", "restore", "restored", "full", "total",
                            "complete", "effective"})
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
# What names armed force or harm in an article, drones aside (see article_words.names_war).
WAR_WORDS = (MILITARY_WORDS | ARMS_WORDS | HARM_WORDS | frozenset({
    "attack", "attacks", "strike", "strikes", "war", "air-defence", "air-defense", "intercepted", "downed",
    "explosion", "explosions", "shelling"})) - frozenset({
    "drone", "drones", "systems", "vehicles", "vessel", "vessels", "exchange", "ship", "ships", "boat", "boats",
    "aircraft", "plane", "planes", "jet", "jets", "helicopter", "helicopters", "carrier", "carriers", "submarine",
    "submarines"})  # craft that search, carry or film as well as fight


# Territory changes hands: a sentence that says so names the ground, or the place follows the trigger.
TERRITORY_WORDS = frozenset({
    "point", "points", "hilltop", "hilltops", "mountain", "mountains", "post", "posts", "farms", "orchards",
    "town", "towns", "city", "cities", "village", "villages", "area", "areas", "district", "districts", "region",
    "province", "territory", "territories", "base", "bases", "hill", "hills", "airport", "airfield", "positions",
    "position", "checkpoint", "checkpoints", "crossing", "border", "highway", "road", "bridge", "port", "island",
    "islands", "capital", "neighbourhood", "neighborhood", "suburb", "suburbs", "outpost", "outposts", "enclave",
    "strip", "valley", "ridge", "heights", "front", "frontline", "ground", "land", "control", "settlement",
    "settlements", "county", "state", "oblast", "governorate", "zone", "stronghold", "strongholds", "garrison",
    "building", "buildings", "blocks", "neighbourhoods", "neighborhoods", "quarter", "quarters", "airbase",
    "field", "fields", "oilfield", "oilfields", "palace", "barracks", "refinery", "dam",
    "airstrip", "harbour", "harbor", "camp", "camps", "depot",
})
# "said in a statement", "In a joint statement, the ministers said": a statement that only attributes the news.
ATTRIBUTION_FILLERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "joint", "written", "brief", "separate",
                                 "short", "televised", "emailed", "official", "late-night"})
SPEECH_VERBS = frozenset({"said", "says", "added", "stated", "announced", "confirmed", "claimed", "reported", "wrote",
                          "told", "declared", "noted"})
# What talks take as their object: "discussed the ceasefire" is talked of, "met to discuss the war in X" is its subject.
DISCUSSING_VERBS = frozenset({"discuss", "discussed", "discusses", "discussing"})
