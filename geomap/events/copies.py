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
import threading
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
_PRIME = (1 << 61) - 1
_WORD = re.compile(r"\w+")
_rng = random.Random(20250320)  # fixed seeds: sketches are comparable across runs and machines
_SEEDS = tuple((_rng.randrange(1, _PRIME), _rng.randrange(0, _PRIME)) for _ in range(SKETCH_SIZE))
_U30, _U31 = np.uint64(30), np.uint64(31)
_P = np.uint64(_PRIME)
_MASK30, _MASK31 = np.uint64((1 << 30) - 1), np.uint64((1 << 31) - 1)
_SEED_A_HI = np.array([[a >> 31] for a, _ in _SEEDS], dtype=np.uint64)
_SEED_A_LO = np.array([[a & ((1 << 31) - 1)] for a, _ in _SEEDS], dtype=np.uint64)
_SEED_B = np.array([[b] for _, b in _SEEDS], dtype=np.uint64)


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
    """``min((a * h + b) % _PRIME for h in hashed)`` for each seed, exactly, with numpy.

    The pure-Python double loop (128 seeds x every shingle) was half of ``geomap run``'s time.
    numpy has no 122-bit products, so ``a * h`` is split into 31-bit limbs whose partial
    products fit in uint64, and each part is folded with 2**61 = 1 (mod the Mersenne prime).
    The (seeds x shingles) arrays are worked in place in two buffers kept per thread: new
    temporaries of that size cost more than the arithmetic.
    """
    h = np.fromiter((x % _PRIME for x in hashed), dtype=np.uint64, count=len(hashed))
    h_hi, h_lo = h >> _U31, h & _MASK31
    x, y = _buffers(len(hashed))
    np.multiply(_SEED_A_HI, h_lo, out=x)
    np.multiply(_SEED_A_LO, h_hi, out=y)
    x += y  # the middle limb: < 2**62, weighs 2**31
    np.right_shift(x, _U30, out=y)
    x &= _MASK30
    x <<= _U31
    x += y  # m * 2**31 = m_hi * 2**61 + m_lo * 2**31, and 2**61 = 1
    np.multiply(_SEED_A_HI, h_hi, out=y)  # the high limb: < 2**60, weighs 2**62 = 2 (mod P)
    y <<= np.uint64(1)
    x += y
    np.multiply(_SEED_A_LO, h_lo, out=y)  # the low limb: < 2**62
    x += y
    x += _SEED_B  # < 2**61 + 2**61 + 2**32 + 2**62 + 2**61 < 2**64
    np.right_shift(x, np.uint64(61), out=y)
    x &= _P
    x += y  # < P + 8, and equal to the total mod P
    np.subtract(x, _P, out=y)  # x - P wraps round to a huge number when x < P, so the minimum is x mod P
    np.minimum(x, y, out=x)
    return tuple(int(v) for v in x.min(axis=1))


_local = threading.local()
KEPT_BUFFER_SHINGLES = 20_000  # 2 x 128 x 20,000 x 8 bytes = 41 MB at most, per thread


def _buffers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Two (seeds x ``size``) uint64 views on this thread's buffers, grown as needed; a very long article's
    are its own, so a thread never holds more than about 40 MB."""
    if size > KEPT_BUFFER_SHINGLES:
        return np.empty((SKETCH_SIZE, size), dtype=np.uint64), np.empty((SKETCH_SIZE, size), dtype=np.uint64)
    held = getattr(_local, "buffers", None)
    if held is None or held[0].shape[1] < size:
        width = min(KEPT_BUFFER_SHINGLES, max(size, 2 * (held[0].shape[1] if held is not None else 512)))
        held = _local.buffers = (np.empty((SKETCH_SIZE, width), dtype=np.uint64),
                                 np.empty((SKETCH_SIZE, width), dtype=np.uint64))
    return held[0][:, :size], held[1][:, :size]


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
