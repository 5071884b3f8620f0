"""What the words around a name say about it: predicates over a span and its neighbours (an
organisation's name follows, a vessel is named, a road, a facility, a distance, an appositive) that the
recogniser (:mod:`.components`) and the event rules use to decide how a name is used."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from geomap.nlp.words import (ALL_CUES, APPROXIMATELY, BE_FORMS, BODY_WORDS, CAPITAL_CUE,
                              DIRECTION_POINTS, DIRECTION_WORDS, DISTANCE_UNITS, FACILITY_WORDS, FORWARD_NAME_LINKS,
                              GOVERNMENT_NOUNS, LOCATIVE_PREPOSITIONS, NAME_LINKS, NAME_PARTICLES, NON_NAME_CAPITALS,
                              OF_LOCATIVES, OPENING_MARKS, ORG_HEADS, ORG_LINKS, ORG_REACH, ORG_TAILS, ORG_WORDS,
                              PASSIVE_FILLERS, PLACE_PARTS, PEOPLE_ADJECTIVES, PERSON_TITLES, PHYSICAL_PARTICIPLES,
                              PLACE_NOUNS, PLURAL_PLACE_NOUNS, POSSESSIVE_DETERMINERS, SITE_NOUNS, STRONGHOLD_NOUNS,
                              UNIT_NOUNS_BEFORE_OF, UNKNOWN_PLACE, VESSEL_NOUNS, VESSEL_REACH)
from geomap.records import Usage


def covered_tokens(doc: Doc, key: str) -> frozenset[int]:
    """The indices of the tokens the spans of ``doc.spans[key]`` cover, read once a doc (later stages ask
    token by token whether a place, person or group was recognised there)."""
    cache = f"geomap_covered_{key}"
    if cache not in doc.user_data:
        doc.user_data[cache] = frozenset(i for span in doc.spans.get(key, []) for i in range(span.start, span.end))
    return doc.user_data[cache]


def undergoes(doc: Doc, i: int, participles: frozenset[str] = PHYSICAL_PARTICIPLES) -> bool:
    """Words from ``i`` form a passive of something done to ground: "was overrun", "has been bombed",
    "were reportedly retaken" (one of ``participles`` after a form of "be")."""
    k = i
    if k < len(doc) and doc[k].lower_ in {"has", "had", "have"}:
        k += 1
        if k >= len(doc) or doc[k].lower_ != "been":
            return False
    elif k >= len(doc) or doc[k].lower_ not in BE_FORMS:
        return False
    while k < len(doc) and k < i + 5 and (doc[k].lower_ in BE_FORMS or doc[k].lower_ in PASSIVE_FILLERS):
        k += 1
    return k < len(doc) and doc[k].lower_ in participles


def hosts(doc: Doc, i: int) -> Token | None:
    """The verb "host" the words from ``i`` lead to, past auxiliaries ("Qatar hosted", "Cambodia is to host",
    "Saudi Arabia will host"): who hosts a meeting is where it is held, not only a government."""
    k = _past_auxiliaries(doc, i, HOST_AUXILIARIES)
    return doc[k] if k < len(doc) and doc[k].lower_ in HOST_VERBS else None


def _past_auxiliaries(doc: Doc, i: int, auxiliaries: frozenset[str]) -> int:
    """The index after at most ``HOST_REACH`` of ``auxiliaries`` from ``i`` ("is set to", "has been")."""
    k = i
    while k < len(doc) and k < i + HOST_REACH and doc[k].lower_ in auxiliaries:
        k += 1
    return k


def scene_of(doc: Doc, i: int) -> bool:
    """The words from ``i`` call the name where something took place: "Jonglei was the scene of clashes",
    "the town has been the site of fierce fighting", "Geneva became the venue for talks"."""
    k = _past_auxiliaries(doc, i, SCENE_AUXILIARIES)
    if k >= len(doc) or doc[k].lower_ not in {"the", "a"}:
        return False
    k += 1
    if k < len(doc) and doc[k].is_alpha and doc[k].text.islower() and doc[k].lower_ not in SCENE_NOUNS:
        k += 1  # "the main scene", "a frequent site"
    return k + 1 < len(doc) and doc[k].lower_ in SCENE_NOUNS and doc[k + 1].lower_ in {"of", "for"}


SCENE_NOUNS = frozenset({"scene", "site", "venue", "theatre", "theater", "epicentre", "epicenter"})
SCENE_AUXILIARIES = frozenset({"is", "was", "are", "were", "has", "have", "had", "been", "became", "becomes",
                               "become", "remains", "remained", "also", "again", "often", "recently", "repeatedly"})


HOST_VERBS = frozenset({"host", "hosts", "hosted", "hosting"})
HOST_AUXILIARIES = frozenset({"is", "was", "are", "were", "will", "would", "has", "had", "have", "to", "set", "due",
                              "also", "again", "recently", "last", "previously", "already", "then", "shall", "plans",
                              "planned", "agreed", "offered"})


HOST_REACH = 4  # auxiliaries between the name and what follows them ("is set to host", "has been the scene")


def owned(span: Span) -> bool:
    """A possessive determiner right before the name, or before a hyphenated modifier of it ("his
    explosives-packed Mercedes"). A plain adjective between says nothing ("his native Aleppo")."""
    doc = span.doc
    start = span.start
    if start >= 4 and doc[start - 2].text == "-" and doc[start - 1].is_lower and doc[start - 3].is_lower:
        start -= 3  # "explosives-packed", "bullet-riddled"
    return start > 0 and doc[start - 1].lower_ in POSSESSIVE_DETERMINERS


def after_indefinite(span: Span) -> bool:
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


def names_a_vessel(span: Span) -> bool:
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


def org_name_follows(span: Span) -> bool:
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


def inside_group_name(span: Span) -> bool:
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


def government_follows(after: Token | None, after2: Token | None) -> bool:
    """A government noun right after the name, or after one lower-case modifier: "Moscow's", "U.S.
    officials", "U.S. military officials"."""
    if after is None:
        return False
    if after.lower_ in {"'s", "’s"}:
        return not names_its_part(after)
    if after.lower_ in GOVERNMENT_NOUNS:
        return True
    if after.lower_ == "local" and after2 is not None and after2.lower_ == "government":
        # "Guma local government area", "in Agatu local government": Nigeria's unit (LGA), the place itself
        doc = after2.doc
        return not (after2.i + 1 < len(doc) and doc[after2.i + 1].lower_ in {"area", "areas", "council"})
    return (after.is_alpha and after.text.islower() and after2 is not None
            and after2.lower_ in GOVERNMENT_NOUNS and after2.lower_ not in {"'s", "’s"})


PART_REACH = 2  # direction words between the possessive and the part ("Aleppo's northern rural countryside")


def names_its_part(possessive: Token) -> bool:
    """The possessive "'s" after a name opens a part of the place: "Aleppo's northern countryside"."""
    doc = possessive.doc
    for i in range(possessive.i + 1, min(len(doc), possessive.i + 2 + PART_REACH)):
        word = doc[i].lower_
        if word in PLACE_PARTS:
            return True
        if word not in DIRECTION_WORDS:
            return False
    return False


def elided_direction(span: Span) -> bool:
    """A lone direction word that a coordination shares a name with: "the South and East China seas"."""
    doc = span.doc
    return (len(span) == 1 and span[0].lower_ in DIRECTION_WORDS and span.end + 1 < len(doc)
            and doc[span.end].lower_ in {"and", "or", "&"} and doc[span.end + 1].lower_ in DIRECTION_WORDS)


def nisba(span: Span) -> bool:
    """"Abu Bakr al-Baghdadi": a name after "al-" that follows a person's capitalised name."""
    doc = span.doc
    i = span.start
    return (i >= 3 and doc[i - 1].text in {"-", "–"} and doc[i - 2].lower_ in {"al", "el"}
            and doc[i - 3].text[:1].isupper() and doc[i - 3].is_alpha and not doc[i - 3].is_sent_start)


def after_org_head(span: Span) -> bool:
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


def capital_cue(span: Span) -> str | None:
    """CAPITAL_CUE when the name is followed by "capital" or "'s capital": the country's capital city."""
    doc = span.doc
    following = [t.lower_ for t in doc[span.end : min(len(doc), span.end + 2)]]
    if following[:1] == ["capital"] or following[:2] in (["'s", "capital"], ["’s", "capital"]):
        return CAPITAL_CUE
    return None


def inside_of_name(span: Span) -> bool:
    """The place ends an "ORG-word of X" name: "the University of Texas", "Bank of America"."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of":
        return False
    head = doc[span.start - 2]
    return head.text[:1].isupper() and head.lower_ in ORG_WORDS


def hyphen_heads(names: Iterable[str], common_words: frozenset[str]) -> frozenset[str]:
    """First parts of hyphenated names ("Nagorno" of Nagorno-Karabakh, "Ivano" of Ivano-Frankivsk): the
    tokenizer splits the hyphen, so a match must be tried from that part. Short parts, particles and
    English words ("Al", "Saint", "Port") are left out: "al-X" or "Saint-X" unknown as a whole stays no
    place, as before."""
    heads = {n.split("-", 1)[0] for n in names if "-" in n.split(" ", 1)[0]}
    return frozenset(head for head in heads if len(head) >= 4 and head[:1].isupper() and head.isalpha()
                     and head.lower() not in common_words and head.lower() not in NAME_PARTICLES)


def double_barrelled(spans: list[Span]) -> None:
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


def propagate_person_names(spans: list[Span], region_names: frozenset[str]) -> None:
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


def distance_follows(doc: Doc, i: int) -> bool:
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
                             "just", "where", "that", "which", "close", "located", "situated", "along", "by", "with",
                             "and", *DIRECTION_POINTS})


def appositive_place_noun(doc: Doc, i: int) -> str | None:
    """The place noun of an appositive opening at ``i`` ("a small village near ...", "a mostly Sunni
    neighborhood of ..."): an article, at most three modifiers, a singular place noun that ends its phrase."""
    if i >= len(doc) or doc[i].lower_ not in {"a", "an", "the"}:
        return None
    for j in range(i + 1, min(len(doc) - 1, i + 5)):
        lower = doc[j].lower_
        if lower in PLACE_NOUNS and lower not in PLURAL_PLACE_NOUNS:
            return lower if j + 1 >= len(doc) or doc[j + 1].lower_ in APPOSITIVE_ENDS else None
        if lower == "community":
            # "Doron-Baga, a fishing community in Kukawa": a place only where it lies somewhere ("the
            # Rohingya, a persecuted community" is a people)
            return lower if j + 1 < len(doc) and doc[j + 1].lower_ in {"in", "near", "outside"} else None
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


def names_a_road(doc: Doc, start: int, end: int) -> bool:
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


def road_end(doc: Doc, end: int) -> int:
    """The index after a street or route name that a place name opened before ``end``."""
    j = end
    while j < len(doc) and j < end + 3 and (doc[j].like_num or doc[j].lower_ in STREET_WORDS or doc[j].text[:1].isupper()):
        j += 1
        if doc[j - 1].lower_ in STREET_WORDS or doc[j - 1].text.isdigit():
            break
    return j


def after_the(doc: Doc, i: int) -> bool:
    """"the" opens the noun phrase the name at ``i`` heads: right before it, or before one or two lower-case
    words ("the strategic Tishreen Dam", "the newly built Zarah Station")."""
    for k in range(i - 1, max(-1, i - 4), -1):
        lower = doc[k].lower_
        if lower == "the":
            return True
        if not (doc[k].is_alpha and doc[k].text.islower()):
            return False
    return False


def site_name_end(doc: Doc, i: int) -> int | None:
    """Where a site's name that a name continues at ``i`` ends: up to two more capitalised words, then
    a capitalised site word ("Taksim| Square", "Handarat| Refugee Camp"); None when none follows."""
    for j in range(i, min(len(doc), i + 3)):
        token = doc[j]
        if not (token.text[:1].isupper() and token.is_alpha):
            return None
        if token.lower_ in SITE_NOUNS:
            return j + 1
    return None


def after_locative(lowers: list[str], i: int) -> bool:
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


def after_lower_particle(doc: Doc, i: int) -> bool:
    """The token at ``i`` ends a name opened by a lower-case particle and a hyphen: "al-Rai", "el-Fasher"."""
    return (i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_
            and doc[i - 2].text.islower() and doc[i - 2].lower_ in NAME_PARTICLES)


PREPOSITIONS_OF_PLACE = frozenset({"in", "at", "near", "over", "from", "into", "across", "outside", "around", "of", "to"})


def after_preposition(before: Token | None) -> bool:
    """A preposition governs the name, maybe across direction words: "in Kabul", "in northwest
    Afghanistan has killed" (the name is the preposition's object, never the subject of what follows)."""
    steps = 0
    while before is not None and before.lower_ in DIRECTION_WORDS and steps < 2:
        before = before.nbor(-1) if before.i > 0 else None
        steps += 1
    return before is not None and before.lower_ in PREPOSITIONS_OF_PLACE


# Letters joined by an apostrophe: an ayn or a hamza in a transliterated name ("Ma’ardes", "Sa'eed").
APOSTROPHE_NAME = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)+")


def is_letters(token: Token) -> bool:
    """Letters only, as ``is_alpha`` says, or letters joined by apostrophes ("Ma’ardes")."""
    return token.is_alpha or APOSTROPHE_NAME.fullmatch(token.text) is not None


def is_name_word(token: Token | None, common_words: frozenset[str]) -> bool:
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


def named_by_place_noun(token: Token, spans: list[Span]) -> Span | None:
    """A name the gazetteer lacks that the text calls a place: "the village of Shurifah", "the towns
    of Khan Touman, Aleis and Alzorba". Label UNKNOWN_PLACE: it resolves to nothing, but an event
    there keeps its place name (no point on the map)."""
    doc = token.doc
    i = token.i
    # "the village of ‘Ayishah": an ayn written as an opening quote before the name
    of = i - 2 if i >= 3 and doc[i - 1].text in OPENING_MARKS and not doc[i - 1].whitespace_ else i - 1
    if of >= 1 and doc[of].lower_ == "of" and doc[of - 1].lower_ in UNIT_NOUNS_BEFORE_OF:
        cue = doc[of - 1].lower_
    elif of >= 2 and doc[of].lower_ == "of" and doc[of - 1].lower_ in STRONGHOLD_NOUNS and "the" in {
            t.lower_ for t in doc[max(0, of - 4):of - 1]}:
        cue = None  # "the rebel stronghold of Zamalka" (a group's is skipped before: "a stronghold of Hezbollah")
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


def names_an_organisation(span: Span) -> bool:
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


def names_a_facility(span: Span, common_words: frozenset[str]) -> bool:
    """The place name opens a longer name of a site there: up to three more capitalised words, then a
    facility word ("Zhuhai Gaolan port", "Bagram Air Base"). Not "area": in "Sado Khelo
    area" the known "Sado" is a namesake far away, not where the area is."""
    doc = span.doc
    i = span.end
    while i < len(doc) and i < span.end + 3 and is_name_word(doc[i], common_words) and doc[i].lower_ not in FACILITY_WORDS:
        i += 1
    return i > span.end and i < len(doc) and doc[i].lower_ in FACILITY_WORDS


def list_cue(span: Span) -> str | None:
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


def prefix_cue(span: Span) -> str | None:
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
