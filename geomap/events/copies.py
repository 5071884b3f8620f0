"""Copies of one wire text count as one source: near-duplicate detection over article bodies.

Outlets republish agency copy with their own headline and byline, a trimmed last paragraph or a
changed sentence, so equal ``content_hash`` catches only exact copies. Two bodies are copies
when most of the shorter one's word 5-shingles also occur in the other:

    overlap(A, B) = |S(A) ∩ S(B)| / min(|S(A)|, |S(B)|)  >=  COPY_THRESHOLD (0.6)

The overlap coefficient rather than Jaccard because a trimmed copy is a subset of its original
(Jaccard falls with every dropped paragraph; the overlap stays near 1). Two independent reports of
one event share names and a quoted sentence or two but few 5-word runs: on the two bundled
articles about the same night the overlap is 0.01. Bodies under ``MIN_SHINGLES`` shingles are never
called copies (a one-line brief shares too little to tell). Groups are the connected components
of the copy relation, named by their smallest content hash, so the result does not depend on the
order articles arrive in.

Each source carries a MinHash sketch of its body (``SourceRef.body_sketch``, 128 values, and the
shingle count) so that merging, which only sees events, can find copies: the Jaccard estimate
J and the two sizes give the overlap as J·(|A|+|B|)/((1+J)·min(|A|,|B|)). Candidate pairs come
from 64 bands of 2 sketch values (pairs with J above ~0.13 are almost always compared), so a
run of thousands of articles is not compared pair by pair.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from geomap.records import Event, SourceRef

SHINGLE_WORDS = 5
COPY_THRESHOLD = 0.6
MIN_SHINGLES = 20
SKETCH_SIZE = 128
BAND_ROWS = 2
_WORD = re.compile(r"\w+")
_rng = random.Random(20250320)  # fixed seeds: sketches are comparable across runs and machines
# One permutation of the 64-bit shingle hashes a sketch value: h -> (a * h + b) mod 2**64 with an odd a
# (a bijection; the shingle hashes are already uniform, so the minimum's high bits are as good as a
# random permutation's: on 1,200 pairs made from 300 bench article bodies (a share of one body's shingles
# with a few of another's) the Jaccard estimate's bias and spread were those of the exact
# (a * h + b) mod (2**61 - 1) this replaced, which took eight times as long).
_SEED_A = np.array([[_rng.getrandbits(64) | 1] for _ in range(SKETCH_SIZE)], dtype=np.uint64)
_SEED_B = np.array([[_rng.getrandbits(64)] for _ in range(SKETCH_SIZE)], dtype=np.uint64)
CHUNK = 4096  # shingles a step: a (128 x 4,096) uint64 array is 4 MB
_SHIFT = np.uint64(3)  # values below 2**61: they fit SQLite's signed integers (``spill.py``'s band keys)


def shingles(text: str) -> set[int]:
    """Hashes of the overlapping runs of SHINGLE_WORDS lower-cased words (blake2b: stable across runs)."""
    words = _WORD.findall(text.lower())
    runs = (" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(0, len(words) - SHINGLE_WORDS + 1)))
    return {int.from_bytes(hashlib.blake2b(run.encode(), digest_size=8).digest(), "big") for run in runs}


def sketch(body: str) -> tuple[tuple[int, ...], int]:
    """(MinHash signature, number of shingles) of an article body; the body only, since headlines differ."""
    hashed = shingles(body)
    if len(hashed) < MIN_SHINGLES:
        return (), len(hashed)
    return _min_hashes(hashed), len(hashed)


def _min_hashes(hashed: set[int]) -> tuple[int, ...]:
    """The least of each permutation's values over the shingles (uint64 arithmetic wraps: mod 2**64),
    CHUNK shingles at a time, so a very long body needs no (seeds x shingles) array of its size."""
    shingle_hashes = np.fromiter(hashed, dtype=np.uint64, count=len(hashed))
    least = np.full(SKETCH_SIZE, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(shingle_hashes), CHUNK):
        values = _SEED_A * shingle_hashes[start : start + CHUNK]
        values += _SEED_B
        np.minimum(least, values.min(axis=1), out=least)
    return tuple((least >> _SHIFT).tolist())


def estimated_overlap(a: SourceRef, b: SourceRef) -> float:
    """The share of the shorter body's shingles found in the other, from the two sketches."""
    if not a.body_sketch or not b.body_sketch:
        return 0.0
    jaccard = sum(x == y for x, y in zip(a.body_sketch, b.body_sketch)) / SKETCH_SIZE
    shared = jaccard * (a.body_shingles + b.body_shingles) / (1 + jaccard)
    return min(1.0, shared / min(a.body_shingles, b.body_shingles))


def copy_groups(sources: Sequence[SourceRef]) -> dict[str, str]:
    """Article id -> group key for every article with a near-copy among ``sources``; others absent."""
    unique = sorted({s.article_id: s for s in sources if s.body_sketch}.values(), key=lambda s: s.article_id)
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    for number, source in enumerate(unique):
        for band in range(0, SKETCH_SIZE, BAND_ROWS):
            buckets[(band, tuple(source.body_sketch[band : band + BAND_ROWS]))].append(number)
    parent = list(range(len(unique)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if (a, b) in checked:
                    continue
                checked.add((a, b))
                if estimated_overlap(unique[a], unique[b]) >= COPY_THRESHOLD:
                    parent[root(a)] = root(b)
    components: dict[int, list[SourceRef]] = defaultdict(list)
    for number, source in enumerate(unique):
        components[root(number)].append(source)
    groups: dict[str, str] = {}
    for members in components.values():
        if len(members) > 1:
            key = min(m.content_hash or m.article_id for m in members)
            groups.update({m.article_id: key for m in members})
    return groups


def mark_copies(events: Sequence[Event]) -> list[Event]:
    """Give each source its copy group so corroboration counts distinct texts, not republications."""
    groups = copy_groups([s for e in events for s in e.sources])
    if not groups:
        return list(events)
    return [
        replace(event, sources=tuple(replace(s, text_group=groups.get(s.article_id)) for s in event.sources))
        for event in events
    ]
