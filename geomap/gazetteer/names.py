"""Name keys for gazetteer lookup.

Two keys per name: ``normalise`` folds case, diacritics, apostrophes, punctuation
and script (Cyrillic is transliterated) so "Orël", "Orel" and "ОРЕЛ" meet; ``skeleton``
further folds the letters that English, Ukrainian and Russian romanisations
disagree on (y/i/j, doubled letters, kh/h), so "Krasnopillia" and "Krasnopillya" meet.
Lookups try the normalised key first and fall back to the skeleton with a penalty.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc\u02b9\u0060\u00b4'\"]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./,()]+")
_SKELETON_RULES = (
    (re.compile(r"kh"), "h"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ou"), "u"),
    (re.compile(r" "), ""),
    (re.compile(r"(.)\1+"), r"\1"),  # after the spaces go: "Deir Ezzor" and "Deir ez-Zor" meet
)

# Words that name the type of an administrative unit; stripping them gives the
# short form used in news ("the Kursk region", "Sumy oblast" -> "Kursk", "Sumy").
ADMIN_TYPE_WORDS = (
    "oblast", "oblasts", "region", "regions", "province", "provinces", "krai", "kray", "krays", "state",
    "governorate", "prefecture", "county", "district", "raion", "rayon", "municipality", "department",
    "territory", "republic", "autonomous okrug", "okrug", "voivodeship", "canton", "parish",
)
_TYPE_SUFFIX = re.compile(
    r"\s+(?:" + "|".join(sorted((re.escape(w) for w in ADMIN_TYPE_WORDS), key=len, reverse=True)) + r")$"
)


_TYPE_SUFFIX_ANYCASE = re.compile(_TYPE_SUFFIX.pattern, re.IGNORECASE)


def normalise(name: str) -> str:
    """Fold a name to its lookup key: lower case ASCII, no apostrophes, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_name = anyascii(_APOSTROPHES.sub("", stripped))
    ascii_name = _APOSTROPHES.sub("", ascii_name).lower()
    ascii_name = _SEPARATORS.sub(" ", ascii_name).strip()
    if ascii_name.startswith("st "):
        ascii_name = "saint " + ascii_name[3:]
    return ascii_name


def skeleton(name: str) -> str:
    """A looser key for romanisation variants; only used when the normalised key finds nothing."""
    key = normalise(name)
    for pattern, replacement in _SKELETON_RULES:
        key = pattern.sub(replacement, key)
    return key


def strip_admin_type(name: str) -> str | None:
    """"Kursk oblast" -> "Kursk", "Краснодар край" -> "Krasnodar"; None when no type word ends the name."""
    romanised = _APOSTROPHES.sub("", anyascii(name)).strip()
    match = _TYPE_SUFFIX_ANYCASE.search(romanised)
    if match is None or match.start() == 0:
        return None
    return romanised[: match.start()].strip() or None


def without_diacritics(name: str) -> str:
    """"Tamil Nādu" -> "Tamil Nadu", "Nīnawá" -> "Ninawa": the spelling English news prints (case kept)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def is_latin(name: str) -> bool:
    """True when a name is written in Latin script (diacritics allowed): the names English news uses."""
    decomposed = unicodedata.normalize("NFKD", name)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "\u2019\u02bc" for ch in decomposed)
