"""Tell English articles from articles in other languages, which geomap cannot read.

geomap's recognition, event triggers and dates are English rules and an English vocabulary.
An article in Ukrainian, Russian or Arabic would go through them and come out with no events,
which looks like "nothing happened". Ingest asks :func:`unsupported_language` first and reports
such an article as unsupported instead.

The decision uses py3langid (an offline Naive Bayes model of 97 languages, pinned in
pyproject.toml), on a bounded sample of the text so a huge article costs no more than a long
one. Ordinary English news is recognised without the model (its ~1 s load is paid only when a
text is not plainly English), and texts too short to judge are given the benefit of the doubt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = ["LanguageGuess", "detect_language", "unsupported_language"]

SUPPORTED = "en"
# A sample this long decides; reading more changes nothing but the cost.
SAMPLE_CHARS = 20_000
# Below this many letters a text ("Drones hit Sumy.") is too short to judge: it is read as English.
MIN_LETTERS = 20
# A Latin-script text is called another language only when the model is this sure and the text
# this long: English with many foreign names must not be refused.
MIN_CONFIDENCE = 0.9
MIN_LETTERS_LATIN = 60
# Share of words that are English function words above which a Latin-script text is English.
ENGLISH_WORD_SHARE = 0.06
_ENGLISH_WORDS = frozenset(
    "the of and to in a is was were that for on with by at from as are has have had it its said "
    "be been this an which not but they their after over".split()
)
_WORD = re.compile(r"[^\W\d_]+")

NAMES = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "cs": "Czech", "de": "German", "es": "Spanish",
    "fa": "Persian", "fr": "French", "he": "Hebrew", "hy": "Armenian", "it": "Italian", "ka": "Georgian",
    "kk": "Kazakh", "ku": "Kurdish", "nl": "Dutch", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "am": "Amharic", "so": "Somali", "sw": "Swahili",
}


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A language code (ISO 639-1 as py3langid gives it), its English name and the model's probability."""

    code: str
    confidence: float

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)


@cache
def _identifier():  # -> py3langid LanguageIdentifier; loaded once, on first need (~1 s)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """The most likely language of ``text`` (its first :data:`SAMPLE_CHARS` characters)."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return LanguageGuess(code, float(probability))


def _is_latin(char: str) -> bool:
    # Basic Latin, Latin-1, Latin Extended-A/B and the IPA block: the scripts of English text.
    return ord(char) < 0x250


def _plainly_english(sample: str) -> bool:
    """Many English function words: no model needed (and none loaded) for ordinary English news."""
    words = _WORD.findall(sample.lower())
    return bool(words) and sum(word in _ENGLISH_WORDS for word in words) / len(words) >= ENGLISH_WORD_SHARE


def unsupported_language(text: str) -> LanguageGuess | None:
    """The language of ``text`` when it is confidently not English, else ``None``.

    A text mostly in a non-Latin script (Cyrillic, Arabic, Hebrew, CJK ...) is never English; a
    Latin-script text is refused only when the model is sure and the text is long enough.
    """
    sample = text[:SAMPLE_CHARS]
    letters = [char for char in sample if char.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    latin_share = sum(map(_is_latin, letters)) / len(letters)
    if latin_share >= 0.8 and _plainly_english(sample):
        return None
    guess = detect_language(sample)
    if guess.code == SUPPORTED:
        return None
    if latin_share < 0.5:
        return guess
    if guess.confidence >= MIN_CONFIDENCE and len(letters) >= MIN_LETTERS_LATIN:
        return guess
    return None
