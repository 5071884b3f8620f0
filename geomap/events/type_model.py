"""The trained event-type classifier: which kind of event a trigger word names, in its sentence.

Keyword rules (``classify.py``) find candidate triggers; many words are ambiguous ("strike" is an
air strike, a workers' strike or a business deal; "shot" a killing or a film), so this model reads
the trigger in its context and gives one of the corpus classes (``corpus/README.md``) with a
probability. It is a multinomial logistic regression over TF-IDF features, trained by
``python -m geomap.events.train_types`` with scikit-learn and shipped as plain arrays
(``type_model.npz``), so typing mentions needs only numpy: no scikit-learn, no pickles.

The features come in blocks, each TF-IDF weighted and L2-normalised on its own, then scaled by a
block weight (scikit-learn's ``FeatureUnion`` of one ``TfidfVectorizer`` a block, with
``transformer_weights``):

- ``t`` — the trigger: its lower-cased words, the whole phrase, whether it is capitalised
  mid-sentence ("March" the month), and its nearest neighbours by position ("riot police" is not
  a riot; "hunger strike" is a protest);
- ``w`` — word uni- and bigrams of a window around the trigger, kept within its clause;
- ``s`` — the words of the whole sentence (the topic: a court, a match, a market);
- ``c`` — character n-grams (2–5, within word boundaries) of the trigger and its nearest words,
  so unseen inflections and compounds ("re-shelled", "airstrikes") still look familiar.

Words are lower-cased and numbers collapsed to ``#``: dates and casualty counts tell little about
the kind of event and would otherwise tie the model to the corpus.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

Mention = tuple[str, int, int]  # (sentence, trigger start, trigger end), offsets into the sentence
WEIGHTS = "type_model.npz"
FORMAT = 1
CHAR_CACHE_LIMIT = 100_000  # words whose character n-gram ids are remembered

# Words: runs of letters/digits, with inner apostrophes or hyphens ("don't", "test-fired").
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Clause breaks: the window around a trigger does not reach across these.
_BREAK = re.compile(r"[;:!?()\[\]—–]|\.(?=\s|$)|\s-\s")


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """How mentions become features; saved in the weights file so inference matches training."""

    window: int = 8  # words each side of the trigger in the ``w`` block
    neighbours: int = 2  # positional neighbour words each side in the ``t`` block
    char_reach: int = 1  # words each side of the trigger whose character n-grams go in ``c``
    char_min: int = 2
    char_max: int = 5
    clause: bool = True  # stop the window at clause breaks
    shape: bool = True  # whether the trigger is capitalised mid-sentence ("March" the month), in ``t``
    sublinear_tf: bool = True
    block_weights: tuple[tuple[str, float], ...] = (("t", 1.0), ("w", 1.0), ("s", 1.0), ("c", 1.0))

    @property
    def blocks(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.block_weights)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> FeatureConfig:
        raw = json.loads(text)
        raw["block_weights"] = tuple((name, float(weight)) for name, weight in raw["block_weights"])
        return cls(**raw)


class TypeFeatures:
    """Turns one mention into its feature strings, each prefixed by its block (``"w:fired tear"``)."""

    def __init__(self, config: FeatureConfig | None = None) -> None:
        self.config = config or FeatureConfig()

    def __call__(self, mention: Mention) -> list[str]:
        return self.features(*mention)

    def features(self, sentence: str, start: int, end: int) -> list[str]:
        own, tokens, reach = self.parts(sentence, start, end)
        # s: the words of the sentence; c: character n-grams of the trigger and its nearest words.
        return own + sentence_features(tokens) + [f for word in reach for f in self.char_features(word)]

    def parts(self, sentence: str, start: int, end: int) -> tuple[list[str], list[str], list[str]]:
        """The mention's own ``t`` and ``w`` features, the sentence's words (the ``s`` block, the same for
        every mention of the sentence) and the words whose character n-grams make the ``c`` block."""
        config = self.config
        words, clauses = _words(sentence)
        if not words:
            return [], [], []
        first, last = _trigger_words(words, start, end)
        tokens = [w for w, _, _ in words]
        trigger = tokens[first:last]
        out: list[str] = []
        # t: the trigger and its neighbours by position.
        out.extend("t:" + w for w in trigger)
        out.append("t:=" + "_".join(trigger))
        if config.shape and first > 0:
            original = sentence[words[first][1]:words[first][2]]
            out.append("t:^" + ("Xx" if original[:1].isupper() else "x"))
        for k in range(1, config.neighbours + 1):
            out.append(f"t:-{k}=" + (tokens[first - k] if first - k >= 0 else "<s>"))
            out.append(f"t:+{k}=" + (tokens[last - 1 + k] if last - 1 + k < len(tokens) else "</s>"))
        # w: uni- and bigrams of the window, within the trigger's clause.
        lo, hi = max(0, first - config.window), min(len(tokens), max(last, first + 1) + config.window)
        if config.clause:
            clause = clauses[first]
            while lo < first and clauses[lo] != clause:
                lo += 1
            while hi > last and clauses[hi - 1] != clauses[max(last - 1, first)]:
                hi -= 1
        window = tokens[lo:hi]
        out.extend("w:" + w for w in window)
        out.extend(f"w:{a} {b}" for a, b in zip(window, window[1:]))
        reach = tokens[max(0, first - config.char_reach):min(len(tokens), max(last, first + 1) + config.char_reach)]
        return out, tokens, reach

    def char_features(self, word: str) -> list[str]:
        """The ``c`` block of one word (scikit-learn's "char_wb")."""
        return ["c:" + g for g in _char_wb(word, self.config.char_min, self.config.char_max)]


def sentence_features(tokens: list[str]) -> list[str]:
    return ["s:" + w for w in tokens]


@lru_cache(maxsize=512)  # an article's mentions share sentences; callers only read the lists
def _words(sentence: str) -> tuple[list[tuple[str, int, int]], list[int]]:
    """(word, start, end) for each word, normalised, and the clause number of each."""
    breaks = [m.start() for m in _BREAK.finditer(sentence)]
    words, clauses = [], []
    clause, b = 0, 0
    for m in _WORD.finditer(sentence):
        while b < len(breaks) and breaks[b] < m.start():
            clause += 1
            b += 1
        text = m.group().lower()
        if any(ch.isdigit() for ch in text):
            text = "#"
        words.append((text, m.start(), m.end()))
        clauses.append(clause)
    return words, clauses


def _trigger_words(words: list[tuple[str, int, int]], start: int, end: int) -> tuple[int, int]:
    """[first, last) word indexes overlapping the trigger's characters; for an empty or wordless
    trigger, the word nearest to it (as [i, i + 1])."""
    hits = [i for i, (_, s, e) in enumerate(words) if s < end and start < e]
    if hits:
        return hits[0], hits[-1] + 1
    nearest = min(range(len(words)), key=lambda i: min(abs(words[i][1] - start), abs(words[i][2] - start)))
    return nearest, nearest + 1


def _char_wb(word: str, low: int, high: int) -> list[str]:
    """Character n-grams of one space-padded word, as scikit-learn's ``analyzer="char_wb"``."""
    padded = f" {word} "
    size = len(padded)
    grams = []
    for n in range(low, high + 1):
        if n >= size:
            grams.append(padded)  # a short word counts once, whole
            break
        grams.extend(padded[i:i + n] for i in range(size - n + 1))
    return grams


@dataclass(frozen=True, slots=True)
class _Weights:
    vocabulary: dict[str, int]
    idf: np.ndarray  # float32, one a feature
    block_of: np.ndarray  # int, each feature's block index
    block_weights: np.ndarray  # float32, one a block
    coef: np.ndarray  # float32, (features, classes)
    intercept: np.ndarray  # float32, one a class


class EventTypeModel:
    """The shipped classifier: ``EventTypeModel.load().predict([(sentence, start, end), ...])``."""

    def __init__(self, data: dict[str, np.ndarray]) -> None:
        if int(data["format"]) != FORMAT:
            raise ValueError(f"type model format {int(data['format'])}, expected {FORMAT}")
        self.config = FeatureConfig.from_json(_text(data["config"]))
        self.features = TypeFeatures(self.config)
        self._char_ids: dict[str, list[int]] = {}  # word -> ids of its character n-grams (``transform``)
        self.labels: tuple[str, ...] = tuple(_text(data["labels"]).split("\n"))
        # Lemmas the model types where no trigger rule fires (``train_types.candidate_words``).
        self.candidates: frozenset[str] = frozenset(_text(data["candidates"]).split("\n")) - {""} if "candidates" in data else frozenset()
        names = _text(data["vocabulary"]).split("\n")
        offsets = data["block_offsets"].astype(np.int64)
        block_of = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
        self._w = _Weights(
            vocabulary={name: i for i, name in enumerate(names)},
            idf=data["idf"].astype(np.float32),
            block_of=block_of,
            block_weights=data["block_weights"].astype(np.float32),
            coef=data["coef"].astype(np.float32),
            intercept=data["intercept"].astype(np.float32),
        )

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> EventTypeModel:
        """The bundled weights (cached: read once a process)."""
        return cls.from_bytes(resources.files("geomap.events").joinpath(WEIGHTS).read_bytes())

    @classmethod
    def from_path(cls, path: str | Path) -> EventTypeModel:
        return cls.from_bytes(Path(path).read_bytes())

    @classmethod
    def from_bytes(cls, blob: bytes) -> EventTypeModel:
        with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
            return cls({key: npz[key] for key in npz.files})

    @property
    def n_features(self) -> int:
        return len(self._w.vocabulary)

    def transform(self, items: Sequence[Mention]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The feature matrix as sorted COO triples (row, feature, value): each block TF-IDF'd and
        L2-normalised as scikit-learn's ``TfidfVectorizer`` does, then scaled by its block weight."""
        w = self._w
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        # The ``s`` block of a sentence and the ``c`` block of a word are the same for every mention that has
        # them (an article's mentions share sentences and trigger words): looked up once each per call.
        sentence_ids: dict[str, list[int]] = {}
        word_ids = self._char_ids
        if len(word_ids) > CHAR_CACHE_LIMIT:
            word_ids.clear()
        for row, item in enumerate(items):
            own, tokens, reach = self.features.parts(*item)
            ids = self._known(own)
            if tokens:
                if item[0] not in sentence_ids:
                    sentence_ids[item[0]] = self._known(sentence_features(tokens))
                ids += sentence_ids[item[0]]
            for word in reach:
                if word not in word_ids:
                    word_ids[word] = self._known(self.features.char_features(word))
                ids += word_ids[word]
            found = Counter(ids)
            for col in sorted(found):
                rows.append(row)
                cols.append(col)
                counts.append(found[col])
        r = np.asarray(rows, dtype=np.int64)
        c = np.asarray(cols, dtype=np.int64)
        tf = np.asarray(counts, dtype=np.float64)
        if self.config.sublinear_tf:
            tf = np.log(tf) + 1.0
        values = tf * w.idf[c]
        blocks = w.block_of[c]
        nblocks = len(w.block_weights)
        key = r * nblocks + blocks
        norms = np.sqrt(np.bincount(key, weights=values * values, minlength=len(items) * nblocks))
        values = values / norms[key] * w.block_weights[blocks]
        return r, c, values

    def _known(self, features: list[str]) -> list[int]:
        """The vocabulary ids of those of ``features`` the model knows."""
        vocabulary = self._w.vocabulary
        return [i for f in features if (i := vocabulary.get(f)) is not None]

    def probabilities(self, items: Sequence[Mention]) -> np.ndarray:
        """(len(items), len(labels)) class probabilities, rows summing to 1."""
        w = self._w
        scores = np.tile(w.intercept.astype(np.float64), (len(items), 1))
        if len(items):
            rows, cols, values = self.transform(items)
            if len(rows):
                contributions = w.coef[cols].astype(np.float64) * values[:, None]
                starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
                scores[rows[starts]] += np.add.reduceat(contributions, starts, axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def predict(self, items: Sequence[Mention]) -> list[tuple[str, float]]:
        """(label, probability) for each mention."""
        probabilities = self.probabilities(items)
        best = probabilities.argmax(axis=1)
        return [(self.labels[k], float(probabilities[i, k])) for i, k in enumerate(best)]


def _text(array: np.ndarray) -> str:
    """Strings are stored as UTF-8 bytes (uint8 arrays): compact, and loadable without pickles."""
    return array.tobytes().decode("utf-8")
