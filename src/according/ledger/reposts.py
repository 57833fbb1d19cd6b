"""Reposts: near-duplicate documents found by MinHash and LSH, verified, and clustered.

An aggregator's copy of an article adds furniture, drops or reorders paragraphs and may
keep a machine translation's wording; a wire story is carried by many outlets. Such
copies form one **cluster** with one **original**. Different articles about the same
event share names and numbers but few runs of words, and are not reposts.

**What is compared.** The analysed text (:attr:`according.records.Document.analysed_text`,
where furniture is blanked), normalised by :func:`words`: NFKC, casefolded, split into
words and numbers; numbers lose their thousands separators ("1,400" → ``1400``) and
number words below a hundred become digits ("four" → ``4``); the function words of
``data/repost_stopwords.txt`` are left out and a crude stemmer takes the plural ``s`` and
``-ed``/``-ing`` off. The **shingles** are the pairs of adjacent content words, each pair
in sorted order, so reordered paragraphs lose only the pairs at their edges and a
reworded "the dam's canteen" / "the canteen of the dam" is one shingle (``canteen
dam``).

Measured on the demo corpus and the 924 PolNeAR train and dev articles (exact sets):
the demo's machine-translated repost has Jaccard 0.40 with its original; two articles
of the demo about the same crisis have at most 0.08; two distinct PolNeAR articles at
most 0.18 (a short piece quoting the debate a long one covers; the next is 0.11), and
99.9% of PolNeAR pairs are under 0.032. Three-word shingles of all words give the
translated copy only 0.27; ordered word pairs of all words give it 0.40 but distinct
articles up to 0.11 in the demo and sixteen times the LSH's false candidates. Seven
PolNeAR train pairs above 0.5 are one article published twice (a newspaper's print and
web editions, two versions of a live blog): reposts indeed.

**Signatures.** :data:`NUM_PERM` = 128 MinHash values per document, 32 bits each (a
512-byte signature): each shingle's CRC-32 ``x`` is permuted by ``(a*x + b) mod
(2**61 - 1)`` with ``a``, ``b`` < 2**32 drawn from a fixed seed (:data:`SEED`), which
is exact in unsigned 64-bit arithmetic; of each permutation, the smallest low 32 bits
over the shingles are kept. The share of equal values estimates the Jaccard similarity
(standard error 0.04 at 0.3; on 300 random PolNeAR pairs the mean error is -0.002).

**Candidates (LSH).** The signature is cut into :data:`BANDS` = 42 bands of
:data:`ROWS` = 3 values (126 of the 128; the last two only sharpen the estimate); each
band is hashed to a signed 64-bit integer, and documents sharing a band hash are
candidates. The chance that a pair of Jaccard ``J`` shares a band is ``1 - (1 -
J**3)**42``: 0.94 at 0.4 (the demo's translated copy), 0.996 at 0.5, 0.48 at 0.25, and
for PolNeAR's distinct pairs on average 2e-5, so a corpus of a million such documents
gives a new one about 20 false candidates to check. Four rows a band (32 bands) give
0.56 at 0.4; two rows (64 bands), 0.9999, but about a hundred times more false
candidates.

**Verification.** A candidate is a repost when the estimated Jaccard is at least
:data:`MIN_JACCARD` (0.3: above the 0.18 of the closest distinct PolNeAR articles by
three standard errors, below the 0.40 of the demo's translated copy by two), or when the
smaller document's estimated containment in the larger (``|A ∩ B| / |A|``, derived
from the Jaccard and the shingle counts) is at least :data:`MIN_CONTAINMENT` (0.8)
with a Jaccard of at least :data:`MIN_CONTAINED_JACCARD` (0.2), so a copy that kept
only part of the article still joins. Documents with fewer than :data:`MIN_SHINGLES`
shingles are never reposts: a headline-sized text matches too easily.

On synthetic copies of the 84 PolNeAR dev articles (``tests/synthetic.py``:
three each, with furniture, up to 30% of paragraphs dropped, paragraphs moved, 4% of
words swapped for synonyms) pairwise precision and recall of "same cluster" are 1.0
(``tests/test_reposts.py``); they stay 1.0 with half the paragraphs dropped and 10% of
the words swapped, and recall falls to 0.96 at 60% and 15%.

**Clusters** are the connected components of verified pairs. **The original** is the
earliest published member; among members published that same day, or when no member
has a date, the one another member links to (its text holds the member's URL), else
the first ingested.

The store keeps signatures, band hashes, verified pairs and memberships in its own
tables (:mod:`according.store.clusters`) and updates them in the transaction that saves
the document, comparing the new document only with its LSH candidates.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import re
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from according.wordlists import load_list, load_table

__all__ = [
    "BANDS",
    "MIN_CONTAINED_JACCARD",
    "MIN_CONTAINMENT",
    "MIN_JACCARD",
    "MIN_SHINGLES",
    "NUM_PERM",
    "ROWS",
    "Cluster",
    "Match",
    "Member",
    "Signature",
    "choose_original",
    "compare",
    "shingles",
    "signature",
    "words",
]

#: MinHash values per signature.
NUM_PERM = 128
#: LSH bands, and MinHash values per band.
BANDS = 42
ROWS = 3
#: The seed of the permutations: changing it (or the shingles) invalidates stored signatures.
SEED = 0x5245504F  # "REPO"
#: Verification thresholds (see the module's docstring for why these values).
MIN_JACCARD = 0.3
MIN_CONTAINMENT = 0.8
MIN_CONTAINED_JACCARD = 0.2
MIN_SHINGLES = 8

if BANDS * ROWS > NUM_PERM:  # pragma: no cover - a guard on the constants above
    raise RuntimeError("the LSH bands need more MinHash values than a signature has")

_MERSENNE = np.uint64((1 << 61) - 1)
_LOW32 = np.uint64(0xFFFFFFFF)
_EMPTY = 0xFFFFFFFF

UInt32Array = npt.NDArray[np.uint32]


@functools.cache
def _permutations() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    rng = np.random.default_rng(SEED)
    a = rng.integers(1, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    b = rng.integers(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    return a, b


@functools.cache
def _stopwords() -> frozenset[str]:
    return frozenset(load_list("repost_stopwords"))


@functools.cache
def _number_words() -> dict[str, str]:
    return load_table("number_words")


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


def _stem(word: str) -> str:
    """A crude stemmer: enough that "hostages"/"hostage" and "stormed"/"storm" meet."""
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=1 << 16)
def _normal(token: str) -> str | None:
    """A casefolded token as a shingle word, or None for a function word (cached: news
    vocabulary repeats, and the cache is bounded)."""
    if token[0].isdigit():
        return token.replace(",", "")
    token = _number_words().get(token, token)
    if token.isdigit():
        return token
    if token in _stopwords() or len(token) < 2:
        return None
    return _stem(token)


def words(text: str) -> list[str]:
    """The content words of ``text``, normalised (see the module's docstring)."""
    normal = _normal
    found = (normal(t) for t in _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()))
    return [w for w in found if w]


def shingles(text: str) -> set[str]:
    """The shingles of ``text``: adjacent content words, each pair sorted."""
    w = words(text)
    if len(w) < 2:
        return set(w)
    return {f"{a} {b}" if a <= b else f"{b} {a}" for a, b in itertools.pairwise(w)}


@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """A document's MinHash signature: :data:`NUM_PERM` 32-bit values, and the number of
    distinct shingles they summarise (0 for a text without any: never a repost)."""

    values: UInt32Array
    shingles: int

    def __post_init__(self) -> None:
        if self.values.shape != (NUM_PERM,) or self.values.dtype != np.uint32:
            raise ValueError(f"a signature is {NUM_PERM} uint32 values")

    def to_bytes(self) -> bytes:
        """The values as little-endian bytes (what the store keeps)."""
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), shingles)

    def bands(self) -> list[int]:
        """The LSH band hashes: one signed 64-bit integer per band (the band's number is
        hashed in, so equal values in different bands never meet)."""
        if not self.shingles:
            return []
        rows = self.values[: BANDS * ROWS].astype("<u4").reshape(BANDS, ROWS)
        return [
            int.from_bytes(
                hashlib.blake2b(band.tobytes(), digest_size=8, salt=i.to_bytes(16, "little"))
                .digest(),
                "little",
                signed=True,
            )
            for i, band in enumerate(rows)
        ]  # fmt: skip


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``'s shingles."""
    found = shingles(text)
    if not found:
        return Signature(np.full(NUM_PERM, _EMPTY, dtype=np.uint32), 0)
    x = np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for s in found), dtype=np.uint64, count=len(found)
    )
    a, b = _permutations()
    # a, b, x < 2**32, so a*x + b < 2**64: exact in uint64
    permuted = (np.multiply.outer(x, a) + b) % _MERSENNE & _LOW32
    return Signature(permuted.min(axis=0).astype(np.uint32), len(found))


@dataclass(frozen=True, slots=True)
class Match:
    """How two signatures compare: estimated Jaccard similarity, estimated containment of
    the smaller document in the larger, and whether that makes them reposts."""

    jaccard: float
    containment: float
    repost: bool


def estimate_jaccard(a: Signature, b: Signature) -> float:
    """The share of equal MinHash values: an estimate of the shingles' Jaccard."""
    if not a.shingles or not b.shingles:
        return 0.0
    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def _judge(jaccard: float, size_a: int, size_b: int) -> Match:
    smaller = min(size_a, size_b)
    if smaller < MIN_SHINGLES:
        return Match(jaccard, 0.0, False)
    # |A ∩ B| = J (|A| + |B|) / (1 + J)
    containment = min(1.0, jaccard * (size_a + size_b) / ((1 + jaccard) * smaller))
    repost = jaccard >= MIN_JACCARD or (
        containment >= MIN_CONTAINMENT and jaccard >= MIN_CONTAINED_JACCARD
    )
    return Match(jaccard, containment, repost)


def compare(a: Signature, b: Signature) -> Match:
    """Verify a candidate pair (see the module's docstring for the thresholds)."""
    return _judge(estimate_jaccard(a, b), a.shingles, b.shingles)


def compare_many(new: Signature, others: Sequence[Signature]) -> list[Match]:
    """:func:`compare` of ``new`` with each of ``others``, at once."""
    if not others:
        return []
    if not new.shingles:
        return [Match(0.0, 0.0, False) for _ in others]
    equal = np.stack([o.values for o in others]) == new.values
    jaccards = np.count_nonzero(equal, axis=1) / NUM_PERM
    return [
        _judge(float(j) if o.shingles else 0.0, new.shingles, o.shingles)
        for j, o in zip(jaccards, others, strict=True)
    ]


# --- clusters ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    """A document of a repost cluster: ``id`` is its integer id in the store, ``doc_id``
    its ledger id (the input's path or URL as given)."""

    id: int
    doc_id: str
    title: str | None = None
    site: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Cluster:
    """Documents that are copies of one another: the ``original`` and its ``copies``
    (by published date, then id). ``id`` is the smallest member's integer id."""

    id: int
    original: Member
    copies: tuple[Member, ...]

    @property
    def members(self) -> tuple[Member, ...]:
        """Every member, the original first."""
        return (self.original, *self.copies)

    def to_json(self) -> dict[str, Any]:
        """``{"original": DOC, "members": [DOC, ...]}``, DOC being a ledger id; the
        members are all of the cluster's documents, the original first."""
        return {"original": self.original.doc_id, "members": [m.doc_id for m in self.members]}


def url_needle(url: str) -> str:
    """What of ``url`` another document's text must hold to link to it: the URL without
    its scheme, a leading ``www.`` and a trailing slash."""
    needle = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)
    return needle.removeprefix("www.").rstrip("/")


def choose_original(members: Sequence[Member], is_linked: Callable[[Member], bool]) -> Member:
    """The original of a cluster: the earliest published member; among several published
    that day, or when none has a date, one that ``is_linked`` (another member's text
    holds its URL); else the first ingested (smallest id)."""
    if not members:
        raise ValueError("a cluster has members")
    dated = [m for m in members if m.published is not None]
    if dated:
        earliest = min(m.published for m in dated if m.published is not None)
        candidates = [m for m in dated if m.published == earliest]
    else:
        candidates = list(members)
    if len(candidates) > 1:
        linked = [m for m in candidates if m.url and is_linked(m)]
        candidates = linked or candidates
    return min(candidates, key=lambda m: m.id)


def copy_order(member: Member) -> tuple[dt.date, int]:
    """How a cluster lists its copies: by published date (unknown last), then id."""
    return (member.published or dt.date.max, member.id)
