"""Lemmas for sentence-opening words (registered as ``geomap_cased_lemmas``).

spaCy's lookup lemmatizer looks a token up as written, so a sentence-opening "Speaking", "Drones" or
"Shelling" keeps itself as its lemma and every lemma-based trigger rule misses it. This component
runs after the lemmatizer and gives a capitalised sentence opener the lemma of its lower-case form
(the lookup table lists inflected forms only, so a base form is its own lemma). Capitalised words
inside a sentence are left alone: there they are names ("March", "Storm Shadow").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


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
