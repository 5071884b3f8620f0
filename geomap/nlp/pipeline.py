"""Build the spaCy pipeline geomap runs: tokenizer, sentences, lemmas, places (and NER if asked).

geomap works with no statistical model (spaCy's English models are not on PyPI): a blank English
pipeline with a rule-based sentencizer and lookup lemmas from ``spacy-lookups-data`` (spaCy's lookup
lemmatizer, read as arrays: ``geomap.nlp.lemmas``). When the user names an installed pipeline
(``--model en_core_web_sm``) its tagger/parser/NER run too and its entity labels become evidence for
the place recogniser.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from geomap.errors import GeomapError
from geomap.gazetteer.store import Gazetteer
from geomap.nlp import components, lemmas  # noqa: F401  (registers the factories)

REGION_KINDS = ("country", "admin1", "continent", "region")


def build_nlp(gazetteer: Gazetteer, *, model: str | None = None) -> Language:
    """A pipeline whose last component writes ``doc.spans["places"]``."""
    if model:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as error:
            raise GeomapError(f"spaCy model {model!r} is not installed ({error})") from error
        if "lemmatizer" not in nlp.pipe_names:
            nlp.add_pipe("geomap_lemmatizer", name="lemmatizer").initialize()
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("geomap_paragraphs", before="parser")
        elif "senter" in nlp.pipe_names:
            nlp.add_pipe("geomap_paragraphs", after="senter")
        else:
            nlp.add_pipe("sentencizer", first=True)
            nlp.add_pipe("geomap_paragraphs", after="sentencizer")
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("geomap_paragraphs")
        nlp.add_pipe("geomap_lemmatizer", name="lemmatizer").initialize()
    names = [surface for surface, _ in gazetteer.match_names()]
    region_names = gazetteer.names_of_kinds(REGION_KINDS)
    nlp.add_pipe("geomap_cased_lemmas", after="lemmatizer")
    recogniser = nlp.add_pipe("geomap_places")
    recogniser.initialize(nlp=nlp, names=names, region_names=region_names, common_words=gazetteer.common_words())
    return nlp
