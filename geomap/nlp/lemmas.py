"""Lemmas for sentence-opening words (registered as ``geomap_cased_lemmas``).

spaCy's lookup lemmatizer looks a token up as written, so a sentence-opening "Speaking", "Drones" or
"Shelling" keeps itself as its lemma and every lemma-based trigger rule misses it. This component
runs after the lemmatizer and gives a capitalised sentence opener the lemma of its lower-case form
(the lookup table lists inflected forms only, so a base form is its own lemma). Capitalised words
inside a sentence are left alone: there they are names ("March", "Storm Shadow").
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

CACHE_LIMIT = 500_000  # forms whose lemma is remembered; cleared beyond (a corpus's vocabulary is mostly smaller)


class LookupLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer with the same lemmas, read and written as arrays: spaCy's loops over every
    token in Python (a Token object made for each), which cost more than the rest of a sentence's lemmas.
    Installed under the name ``lemmatizer``; other modes, and ``overwrite``, run spaCy's own code."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lemma_of: dict[int, int] = {}  # form hash -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "lookup" or self.overwrite:
            return super().__call__(doc)
        table = self.lookups.get_table("lemma_lookup", {})
        strings = doc.vocab.strings
        values = doc.to_array([ORTH, LEMMA])
        lemmas = values[:, 1].copy()
        unset = lemmas == 0  # only unset lemmas are filled, as spaCy's lemmatizer does
        # Each distinct form once: an article repeats most of its words.
        forms, where = np.unique(values[unset, 0], return_inverse=True)
        cache = self._lemma_of
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        found = []
        for orth in forms.tolist():
            lemma = cache.get(orth)
            if lemma is None:
                result = table.get(orth)  # keyed by the hash of the form: the token's text, as spaCy looks it up
                if isinstance(result, list):
                    result = result[0] if result else None
                lemma = cache[orth] = strings.add(result) if result is not None else orth
            found.append(lemma)
        lemmas[unset] = np.array(found, dtype=np.uint64)[where]
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("geomap_lemmatizer", default_config={"mode": "lookup", "overwrite": False})
def make_lookup_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> LookupLemmatizer:
    return LookupLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


class CasedLemmas:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")

    def __call__(self, doc: Doc) -> Doc:
        for sentence in doc.sents:
            token = sentence[0]
            text = token.text
            if text[:1].isupper() and not text.isupper() and token.lemma_ == text:
                token.lemma_ = self.table.get(token.lower_, token.lower_)
        return doc


@Language.factory("geomap_cased_lemmas")
def make_cased_lemmas(nlp: Language, name: str) -> CasedLemmas:
    return CasedLemmas(nlp, name)
