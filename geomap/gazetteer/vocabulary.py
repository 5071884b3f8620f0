"""Which gazetteer names may be recognised in running text.

GeoNames' alternate names include common English words ("May", "Of", "Police", "Union"),
airport codes ("HEL") and one- or two-letter forms ("Ko" for Kyiv). Matching those in news
text would flood recognition with false places, so only names that look like proper names
and are rare as ordinary English words are kept for matching. The filter uses spaCy's English
word probabilities (``spacy-lookups-data``), a general measure rather than a list of names.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

# Log-probability above which a lower-case word is "common English" (e.g. may -7.7, union -11.0,
# police -9.2); most place names sit well below (paris -14.3, kyiv -19.2).
COMMON_WORD_LOGPROB = -11.5
# A common-word place name is still matched when the place is this important (e.g. "China" at -12).
IMPORTANT_KINDS = frozenset({"country", "continent", "admin1", "water", "region"})
# Words somewhat frequent in English ("Council" -12.0, "Commerce" -12.9, "Canadian" -12.9) name small
# towns far less often than they mean the word: such a town must be this large to be matched.
WORDLIKE_LOGPROB = -13.0
WORDLIKE_MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def english_word_logprob() -> dict[str, float]:
    path = resources.files("spacy_lookups_data").joinpath("data", "en_lexeme_prob.json.gz")
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        return json.load(handle)


def is_common_word(name: str, cutoff: float = COMMON_WORD_LOGPROB) -> bool:
    """True when every word of ``name`` is a frequent English word in lower case."""
    probabilities = english_word_logprob()
    words = name.lower().split()
    return all(probabilities.get(word, -20.0) > cutoff for word in words)


# Calendar words are capitalised in every sentence that dates something ("in March", "on Thursday"):
# never read them as places (March in Cambridgeshire, Thursday Island).
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})


def is_matchable(name: str, kind: str, population: int, own_name: bool) -> bool:
    """Whether ``name`` should be looked for in text (case-sensitively) as a place."""
    if not name[:1].isupper() or any(ch.isdigit() for ch in name):
        return False
    if len(name) < 3 and not (name.isupper() and kind in ("country", "region")):
        return False  # "US", "UK" and "EU" are kept; "Ko" (Kyiv) and "Ba" are not
    if name.lower() in CALENDAR_WORDS:
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    if "." in name and name.isupper() and kind in ("country", "region", "admin1") and len(letters) >= 2:
        return True  # dotted abbreviations: "U.S.", "N.C.", "D.C."
    if name.isupper() and not (kind in ("country", "region") and len(letters) >= 2):
        return False  # airport and station codes ("HEL", "IEV"); country codes ("USA", "U.K.") are kept
    if name.isupper():
        # Matching is case-sensitive, so "US" never meets the pronoun; three-letter codes that spell a
        # word ("CAR") would meet it in headlines.
        return len(letters) == 2 or not is_common_word(name)
    if len(name) > 60 or name.count(" ") > 5:
        return False
    if is_common_word(name):
        return kind in IMPORTANT_KINDS and own_name
    if kind not in IMPORTANT_KINDS and is_common_word(name, WORDLIKE_LOGPROB):
        return population >= WORDLIKE_MIN_POPULATION
    return True
