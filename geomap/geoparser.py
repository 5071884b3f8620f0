"""Recognise and resolve the places of one text: spaCy doc -> mentions -> toponyms.

``Geoparser`` holds its collaborators (a spaCy pipeline built over a gazetteer, and a resolver)
and is what the pipeline, the CLI's ``geoparse`` command and the Python API call.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from geomap.gazetteer.store import Gazetteer
from geomap.nlp.cues import undergoes
from geomap.nlp.words import SPAN_KEY, TAKEN_KEY, TAKEN_PARTICIPLES
from geomap.nlp.pipeline import build_nlp
from geomap.records import Mention, PlaceKind, Toponym, Usage
from geomap.resolve import Resolver

NER_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NER_VETO_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})


class Geoparser:
    """Finds place mentions in text and resolves them against the gazetteer."""

    def __init__(self, gazetteer: Gazetteer, *, nlp: Language | None = None, model: str | None = None) -> None:
        self.gazetteer = gazetteer
        self.nlp = nlp or build_nlp(gazetteer, model=model)
        self.resolver = Resolver(gazetteer)
        # Components added later by others (event triggers) are skipped when only places are asked for.
        self.place_pipes = tuple(self.nlp.pipe_names)

    def _others(self) -> list[str]:
        return [name for name in self.nlp.pipe_names if name not in self.place_pipes]

    def docs(self, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
        yield from self.nlp.pipe(texts, batch_size=batch_size, disable=self._others())

    def docs_with(self, items: Iterable[tuple[str, object]], *, batch_size: int = 32) -> Iterator[tuple[Doc, object]]:
        """Like :meth:`docs` for ``(text, context)`` pairs: the context comes back beside each doc."""
        yield from self.nlp.pipe(items, as_tuples=True, batch_size=batch_size, disable=self._others())

    def mentions(self, doc: Doc) -> list[Mention]:
        """Place mentions of a processed doc, with the NER model's opinion folded in when it ran."""
        spans: list[Span] = list(doc.spans[SPAN_KEY])
        if doc.has_annotation("ENT_IOB"):
            spans = _fuse_with_ner(doc, spans, self.gazetteer)
        sentences = _Sentences(doc)
        return [_mention(span, sentences) for span in spans]

    def toponyms(self, doc: Doc, *, mentions: Sequence[Mention] | None = None,
                 text: str | None = None) -> list[Toponym]:
        """Every place mention of ``doc`` resolved. ``text``: the doc's own text when the caller has it (spaCy
        rebuilds ``doc.text`` from the tokens on every access)."""
        mentions = list(mentions) if mentions is not None else self.mentions(doc)
        resolvable = [m for m in mentions if m.usage != Usage.NOT_A_PLACE]
        return taken_ground(doc, self.resolver.resolve(resolvable, text=doc.text if text is None else text))

    def parse(self, text: str) -> list[Toponym]:
        """Geoparse one text: every place mention with its resolution (or None)."""
        return self.toponyms(next(self.docs([text])), text=text)

    def spans_to_toponyms(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Toponym]:
        """Resolve given character spans ("oracle recognition" for benchmarks)."""
        doc = next(self.docs([text]))
        # What the recogniser made of the same words (a demonym's country, a dateline's name).
        recognised = {(s.start_char, s.end_char): s for s in doc.spans[SPAN_KEY]}
        sentences = _Sentences(doc)
        mentions = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            mention = _mention(span, sentences)
            own = recognised.get((start, end))
            usage = Usage.DEMONYM if own is not None and own._.usage == Usage.DEMONYM.value else Usage.LITERAL
            mentions.append(Mention(start, end, text[start:end], mention.sentence_start, mention.sentence_end,
                                    usage, mention.cue, "GOLD", name=own._.lookup if own is not None else None))
        return self.resolver.resolve(mentions)


# A town that "was captured" is ground from this size up; below it the name is more often a person's
# ("Khadr", "Omar" and "Morton" name towns of 9,000, 7,500 and 16,000; Kidal has 40,000, Vukovar 22,000).
TAKEN_TOWN_POPULATION = 20_000
TAKEN_KINDS = frozenset({PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.REGION, PlaceKind.LANDMARK})


def taken_ground(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """"Kidal was captured by rebels", "Mount Hermon was seized": a name before a passive of capture is the
    ground taken when it resolved to a town of ``TAKEN_TOWN_POPULATION`` or more, to a district, region
    or site, or when the text calls it a place ("the town of X"). People are captured as often ("Khadr was
    captured", "officers and Morton were captured"), and a name shared with a village or a country ("Banda
    of Malawi were captured") stays as read. Such a name is read literal, and its doc span is marked
    (``doc.user_data[TAKEN_KEY]``: the span's first token) for the event rules."""
    spans = None
    out = []
    for toponym in toponyms:
        place, mention = toponym.place, toponym.mention
        if place is not None and mention.usage in (Usage.LITERAL, Usage.METONYMIC) and (
                place.kind in TAKEN_KINDS or place.kind == PlaceKind.PLACE and place.population >= TAKEN_TOWN_POPULATION
                or mention.cue is not None and place.kind != PlaceKind.COUNTRY):
            if spans is None:
                spans = {(s.start_char, s.end_char): s for s in doc.spans[SPAN_KEY]}
            span = spans.get((mention.start, mention.end))
            if span is not None and undergoes(doc, span.end, TAKEN_PARTICIPLES):
                doc.user_data.setdefault(TAKEN_KEY, set()).add(span.start)
                if mention.usage == Usage.METONYMIC:
                    span._.usage = Usage.LITERAL.value
                    toponym = replace(toponym, mention=replace(mention, usage=Usage.LITERAL))
        out.append(toponym)
    return out


class _Sentences:
    """Character bounds of a doc's sentences, found once: ``span.sent`` walks the tokens of the
    sentence on every call, which is quadratic when one sentence lists thousands of places."""

    def __init__(self, doc: Doc) -> None:
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self.starts = [s.start for s in sents]
        self.bounds = [(s.start_char, s.end_char) for s in sents]

    def of(self, span: Span) -> tuple[int, int]:
        return self.bounds[bisect_right(self.starts, span.start) - 1]


def _mention(span: Span, sentences: _Sentences) -> Mention:
    sentence_start, sentence_end = sentences.of(span)
    return Mention(
        start=span.start_char,
        end=span.end_char,
        surface=span.text,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        usage=Usage(span._.usage),
        cue=span._.cue,
        label=span.label_,
        name=span._.lookup,
    )


def _fuse_with_ner(doc: Doc, spans: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """Union of gazetteer matches and the model's place entities, with the model's person/org vetoes.

    A gazetteer match inside a PERSON entity is not a place; inside an ORG it is part of the name.
    A GPE/LOC/FAC entity the gazetteer did not match is added when the gazetteer knows its name.
    """
    covered: dict[int, Span] = {}
    for entity in doc.ents:
        for i in range(entity.start, entity.end):
            covered[i] = entity
    fused: list[Span] = []
    taken: set[int] = set()
    for span in spans:
        entity = covered.get(span.start)
        if entity is not None and entity.label_ == "PERSON" and span._.usage in (Usage.LITERAL.value, Usage.METONYMIC.value):
            span._.usage = Usage.NOT_A_PLACE.value
        elif entity is not None and entity.label_ == "ORG" and span._.usage == Usage.LITERAL.value and (
            entity.start < span.start or entity.end > span.end
        ):
            span._.usage = Usage.ORGANISATION.value
        fused.append(span)
        taken.update(range(span.start, span.end))
    for entity in doc.ents:
        if entity.label_ in NER_PLACE_LABELS and not taken.intersection(range(entity.start, entity.end)):
            text = entity.text[4:] if entity.text.lower().startswith("the ") else entity.text
            if gazetteer.lookup(text, limit=1):
                start = entity.start + (1 if entity.text.lower().startswith("the ") else 0)
                span = Span(doc, start, entity.end, label=entity.label_)
                fused.append(span)
    fused.sort(key=lambda s: s.start)
    return fused
