"""Near-duplicates: MinHash over word shingles, banded for lookup through an indexed table.

Syndicated copies and updated versions of an article differ by a few words, so their content
hashes differ but most of their 5-word shingles are shared. Each article gets a 128-value
MinHash signature (datasketch); the signature is cut into 32 bands of 4 values and each band is
hashed to one 64-bit key. Two articles whose estimated Jaccard similarity is s share at least
one band with probability 1 - (1 - s^4)^32: 0.98 at s = 0.6, 0.10 at s = 0.2. The keys live in
an indexed table (``lsh_bands``), so finding candidates is a handful of index lookups whatever
the size of the corpus, and no index of the whole corpus is ever held in memory. Candidates
are then checked against the threshold with their stored signatures.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
THRESHOLD = 0.6  # estimated Jaccard of shingle sets at or above which an article is a near-duplicate
_SEED = 1
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """Building the hash permutations is the costly part of a MinHash: do it once."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED)


def shingles(text: str) -> set[bytes]:
    """The article's overlapping 5-word sequences, lowercased (a short text is one shingle)."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> bytes:
    """The MinHash signature of ``text`` as 128 little-endian uint64 values (1 KB)."""
    minhash = _template().copy()
    minhash.update_batch(sorted(shingles(text)))
    return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per band (the band number is mixed in, so bands never collide)."""
    keys = []
    width = ROWS * 8
    for band in range(BANDS):
        chunk = sig[band * width : (band + 1) * width]
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two articles' shingle sets, from their signatures."""
    left = np.frombuffer(a, dtype="<u8")
    right = np.frombuffer(b, dtype="<u8")
    return float(np.mean(left == right))
