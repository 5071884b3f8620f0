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

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from spacy.attrs import IS_SPACE, LOWER, ORTH, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from geomap.gazetteer.names import normalise, skeleton
from geomap.nlp.cues import (after_indefinite, after_locative, after_lower_particle, after_org_head, after_preposition,
                             after_the, appositive_place_noun, capital_cue, distance_follows, double_barrelled,
                             elided_direction, government_follows, hyphen_heads, inside_group_name, inside_of_name,
                             is_name_word, list_cue, named_by_place_noun, names_a_facility, names_a_road,
                             names_a_vessel, names_an_organisation, nisba, org_name_follows, owned, prefix_cue,
                             propagate_person_names, road_end, scene_of, site_name_end, hosts, is_letters, undergoes)
from geomap.nlp.words import (ADDRESS_VERBS, ADMIN_NOUNS, AGENT_VERBS, AIRCRAFT_NOUNS, ALL_CUES, CAPITAL_CUE,
                              COMPASS_POINTS, CRAFT_COMPOUND_HEADS, CRAFT_MISHAPS, CRAFT_MODIFIERS, CRAFT_NOUNS,
                              DEMONYM_ENDINGS, DEMONYM_PREFIXES, DIRECTION_WORDS, FORCE_OWNERS, FORCE_PLACE_HEADS,
                              GROUPS_KEY, GROUP_NOUNS, LAND_CUES, LOWERCASE_TITLES, MAX_NGRAM, MODEL_DESIGNATION,
                              NAME_PARTICLES, NOT_UNIT_HEADS, ORG_SUFFIX, ORG_WORDS, PEOPLE_ADJECTIVES, PERSON_NOUNS,
                              PERSON_TITLES, PHRASE_ENDS, PLACE_NOUNS, PLACE_PARTICLES, PLURAL_PLACE_NOUNS,
                              SETTLEMENT_NOUNS, SITE_NOUNS, SPAN_KEY, SURNAME_PARTICLES, UNIT_NOUNS_AFTER_NAME,
                              UNKNOWN_PLACE, WEAPON_NOUNS, WORDS_AFTER_AN_UNKNOWN_PLACE, armed_groups,
                              irregular_demonyms)
from geomap.records import Usage

if TYPE_CHECKING:
    from spacy.training import Example


class PlaceRecogniser:
    """Find gazetteer names in a Doc and label their usage (a registered spaCy component)."""

    def __init__(self, nlp: Language, name: str) -> None:
        """The armed-group matcher is built here; the gazetteer's names come in :meth:`initialize` (until then
        the recogniser knows no place)."""
        self.name = name
        self.demonyms = irregular_demonyms()
        self.groups = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.group_names: dict[str, str] = {}  # matcher key -> the group's name
        for group in armed_groups():
            key = f"group:{group['name']}"
            self.group_names[key] = group["name"]
            self.groups.add(key, [nlp.make_doc(n) for n in [group["name"], *group.get("aliases", [])]])
        self.common_words: frozenset[str] = frozenset()
        self.names: frozenset[str] = frozenset()
        self.region_names: frozenset[str] = frozenset()
        self.first_words: frozenset[str] = frozenset()
        self.region_keys: frozenset[str] = frozenset()

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None,
                   names: Iterable[str] = (), region_names: Iterable[str] = (), common_words: Iterable[str] = ()) -> None:
        """Install the gazetteer's matchable names, once (spaCy's ``initialize``: the names are data, kept out of
        the factory's config, where 580k strings would be validated one by one)."""
        # Frequent English words: a capitalised sentence opener among them is not a first name.
        self.common_words: frozenset[str] = frozenset(common_words)
        self.names: frozenset[str] = frozenset(names)
        # Country, admin1 and continent names, to recognise demonyms ("Ukrainian" -> Ukraine).
        self.region_names: frozenset[str] = frozenset(region_names)
        self.first_words: frozenset[str] = frozenset(n.split(" ", 1)[0] for n in self.names) | hyphen_heads(
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
        # The tokens' strings, read once: spaCy makes a Token object on every ``doc[i]``, and most tokens
        # (lower case) need no more than their text here.
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, SPACY]).tolist()
        texts = [strings[orth] for orth, _, _ in rows]
        lowers = [strings[lower] for _, lower, _ in rows]
        with_space = [text + " " if space else text for text, (_, _, space) in zip(texts, rows)]
        i = 0
        n_tokens = len(doc)
        while i < n_tokens:
            if i in group_end:
                i = group_end[i]  # a group's name is no place, nor are the place names inside it
                continue
            text = texts[i]
            if not text[:1].isupper():
                i += 1
                continue
            token = doc[i]
            if self._inside_unknown_compound(token):
                i += 1
                continue
            tail = after_lower_particle(doc, i)
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
                    if "".join(with_space[i:j - 1]) + texts[j - 1] in self.names:  # doc[i:j].text
                        best_end = j
                        break
            if best_end == i + 1 and token.like_num:
                best_end = 0  # "Sixteen shepherds were killed": a number word, though some village has it as a name
            if best_end == i + 1 and lowers[i] in COMPASS_POINTS and i + 1 < n_tokens and texts[i + 1][:1].isupper():
                i += 1  # "South L.A.", "North State Street": the direction opens a longer name, not Cameroon's South
                continue
            if best_end and names_a_road(doc, i, best_end):
                i = road_end(doc, best_end)  # "44 Hungerford St.", "West 11th Street", "CR 367": an address
                continue
            # "the towns of Khan Touman": a longer unknown name after a place noun beats the known "Khan".
            named = named_by_place_noun(token, spans)
            if named is None and best_end and best_end < n_tokens and (
                    texts[best_end][:1].isupper() or lowers[best_end] in NAME_PARTICLES):
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
        double_barrelled(spans)
        propagate_person_names(spans, self.region_names)
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
        located = after_locative(lowers, i)
        if not located and lowers[i] not in PLACE_PARTICLES and WORDS_AFTER_AN_UNKNOWN_PLACE.isdisjoint(lowers[i + 1:i + 8]):
            return None  # nothing ahead can make the name a place (a quick test: most capitalised words)
        end = self._name_end(doc, i)
        if end - i >= 2 and doc[end - 1].lower_ in SITE_NOUNS:
            end -= 1  # "the Al-Rasoul Checkpoint": a site word the name took in ends the site, not the name
        if end == i or end >= len(doc) or not is_letters(doc[end - 1]):
            return None
        after = doc[end].lower_
        cue: str | None
        site_end = site_name_end(doc, end)
        if site_end is not None and (located or after_the(doc, i)):
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
        elif after == "," and distance_follows(doc, end + 1):
            cue = None  # "in Habbaniya, 90 kilometers west of the capital", "Sabaa al-Bour, just north of Baghdad"
        elif located and distance_follows(doc, end):
            cue = None  # "in Qaryat Bilal north of Kirkuk", "at Hawija 30 km from Kirkuk"
        elif (after == "," and (noun := appositive_place_noun(doc, end + 1)) is not None
              and doc[i].lower_ not in PEOPLE_ADJECTIVES and (located or noun != "community")):
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
        if not after_locative(lowers, token.i) or lowers[token.i] in self.common_words:
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
            if is_name_word(token, self.common_words) and (token.lower_ not in self.common_words
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
        span._.cue = capital_cue(span)  # "the Ukrainian capital" is Kyiv
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
        if after_lower in ALL_CUES or after_lower in LAND_CUES:
            span._.cue = after_lower
        elif capital_cue(span):
            span._.cue = CAPITAL_CUE  # "Cameroon's capital" is Yaounde
        elif after_lower == "and" or after_lower == ",":
            span._.cue = list_cue(span)
        inherited_cue = False  # the type word comes from a list before the name ("the provinces of A and B")
        if span._.cue is None:
            span._.cue = prefix_cue(span)
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
                after.lower_ in {"of", "-", "general"} or is_name_word(after, self.common_words)):
            usage = Usage.NOT_A_PLACE  # "Secretary of State Rubio", "Secretary General Guterres": the title itself
        elif after is not None and len(after.text) == 2 and after.text[0].isupper() and after.text[1] == "." and (
                after2 is not None and after2.text[:1].isupper() and after2.is_alpha):
            usage = Usage.NOT_A_PLACE  # a first name before a middle initial: "Robert C. Byrd"
        elif after_org_head(span) or inside_group_name(span):
            usage = Usage.ORGANISATION  # "Jaysh al-Raqqa", "Front for Change and Concord in Chad"
        elif org_name_follows(span):
            usage = Usage.ORGANISATION  # "Ituri Justice Coalition", "Kupiansk Volunteer Battalion"
        elif elided_direction(span):
            usage = Usage.NOT_A_PLACE  # "the South and East China seas": half of a name, not Cameroon's South
        elif nisba(span):
            usage = Usage.NOT_A_PLACE  # "Abu Bakr al-Baghdadi": a person's name from a place
        elif after_lower in WEAPON_NOUNS or (after_lower in CRAFT_MODIFIERS and after2 is not None
                                             and after2.lower_ in CRAFT_NOUNS) or (
                after_lower in AIRCRAFT_NOUNS and after_indefinite(span)
                and (after2 is None or after2.lower_ not in CRAFT_COMPOUND_HEADS)):
            usage = Usage.NOT_A_PLACE  # "Neptune missiles", "a Chinook transport helicopter", "a Chinook helicopter"
        elif (before is not None and MODEL_DESIGNATION.fullmatch(before.text)) or (
                (after_indefinite(span) or (before is not None and before.lower_ == "the")) and (
                after_lower in CRAFT_MISHAPS or (after_lower == "went" and after2 is not None
                                                 and after2.lower_ == "down"))):
            usage = Usage.NOT_A_PLACE  # "an MV-22 Osprey went down", "a Chinook crashed", "the Osprey went down"
        elif before is not None and before.lower_ in FORCE_OWNERS and after_lower not in FORCE_PLACE_HEADS:
            usage = Usage.NOT_A_PLACE  # "a Colombian army Black Hawk crash-landed", "a navy Seahawk": a force's machine
        elif owned(span) and (after is None or after.is_punct or after_lower in PHRASE_ENDS):
            usage = Usage.NOT_A_PLACE  # "his Mercedes", "their Toyota": a thing someone owns
        elif (len(span) == 1 and before is not None and before.lower_ in {"a", "an"} and span._.cue is None
              and (after is None or after.text in {",", ".", ";"} or after_lower in PHRASE_ENDS | {"who"})):
            usage = Usage.NOT_A_PLACE  # "a hotel owned by a Kikuyu in Mtwapa", "two Germans, a Dane and": one person
        elif names_a_vessel(span):
            usage = Usage.NOT_A_PLACE  # "the cruiser Moskva", "the Moskva, flagship of Russia's fleet"
        elif after_lower in GROUP_NOUNS and not after_preposition(before):
            usage = Usage.ORGANISATION  # "Kunduz fighters": the group or its people, not where anything is
        elif len(span) == 1 and span.text.lower() in ORG_WORDS:
            usage = Usage.NOT_A_PLACE  # a capitalised common noun ("Centre", "Union") is a name's part, not a place
        elif inside_of_name(span):
            usage = Usage.ORGANISATION  # "University of Texas", "Chamber of Commerce"
        elif after is not None and after.text in {"-", "–"} and after2 is not None and after2.lower_ in ORG_SUFFIX:
            usage = Usage.ORGANISATION
        elif is_name_word(before, self.common_words) and before is not None and before.lower_ not in DIRECTION_WORDS:
            usage = Usage.NOT_A_PLACE  # the end of a longer name: "Marco Rubio", "Orysia Lutsevych"
        elif (before is not None and before.lower_ in SURNAME_PARTICLES and span.start >= 2
              and is_name_word(doc[span.start - 2], self.common_words) and doc[span.start - 2].lower_ not in DIRECTION_WORDS):
            usage = Usage.NOT_A_PLACE  # a surname after a particle: "Luis Carlos da Silva", "Ursula von der Leyen"
        elif (before is not None and len(before.text) == 2 and before.text[0].isupper() and before.text[1] == "."
              and span.start >= 2 and doc[span.start - 2].is_alpha and doc[span.start - 2].text[:1].isupper()):
            usage = Usage.NOT_A_PLACE  # a surname after a middle initial: "Terry A. Corbin"
        elif is_name_word(after, self.common_words) and after is not None and names_a_facility(span, self.common_words):
            usage = Usage.LITERAL  # "Zhuhai Gaolan port", "Bagram Air Base": a site at the known place
        elif is_name_word(after, self.common_words) and after is not None and not (
                # "the West Bank Israeli forces": a demonym before a noun starts another phrase, not a surname
                after2 is not None and after2.text[:1].islower() and span.text not in DEMONYM_PREFIXES
                and self._demonym(after) is not None):
            # A longer capitalised name: an organisation or building when one of its words says so
            # ("Chatham House", "Pewaukee Fire Department", "Texas Alcoholic Beverage Commission"),
            # otherwise a person ("Donald Trump", "Alexander Stubb").
            usage = Usage.ORGANISATION if names_an_organisation(span) else Usage.NOT_A_PLACE
        elif after_lower in PERSON_NOUNS and span._.cue is None and not after_preposition(before):
            usage = Usage.DEMONYM
        elif government_follows(after, after2) and (span._.cue is None or (
                # "... region of Afghanistan, U.S. officials said": a government noun right after the
                # name outweighs a type word the name only inherits from a list before it
                inherited_cue and after_lower not in {"'s", "’s"})):
            usage = Usage.METONYMIC
        elif (after is not None and after_lower in AGENT_VERBS and span._.cue is None and not after_preposition(before)
              and not undergoes(doc, span.end) and hosts(doc, span.end) is None and not scene_of(doc, span.end)):
            usage = Usage.METONYMIC
        elif before is not None and before.lower_ in ADDRESS_VERBS and not (
                # "a village called Jibu": the name of the place just named
                before.lower_ == "called" and span.start >= 2 and (
                    doc[span.start - 2].lower_ in PLACE_NOUNS or doc[span.start - 2].lower_ in ALL_CUES
                    or doc[span.start - 2].lower_ in {"area", "place", "locality"})):
            usage = Usage.METONYMIC
        span._.usage = usage.value


@Language.component("geomap_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: titles, date lines and photo captions have no full stop.

    spaCy makes every run of whitespace other than one space a token of its own, so only those tokens
    are looked at (a loop over every token, or ``doc.text``, costs more than the rest of this component)."""
    spaces = doc.to_array(IS_SPACE)
    for i in spaces[:-1].nonzero()[0].tolist():
        if not spaces[i + 1] and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


@Language.factory("geomap_places")
def make_place_recogniser(nlp: Language, name: str) -> PlaceRecogniser:
    return PlaceRecogniser(nlp, name)
