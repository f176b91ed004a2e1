"""Coreference metrics: MUC, B-cubed, CEAF-e and the CoNLL F1 (their mean).

Clusterings are sequences of sets of mention keys (any hashable: ``(article, start, end)``,
a string, …). Semantics follow the CoNLL reference scorer (Pradhan et al., ACL 2014, v8+):

- a mention in the key but not the response (or the other way round) is *twinless*: it is
  not added to the other side; it simply shares no cluster there. For MUC it is a partition
  of its own; for B3 it contributes 0 to the numerator and its cluster's size stays as given;
- MUC counts links, so singleton clusters add nothing to either denominator; with no links
  at all, recall (or precision) is 0 (the reference scorer's convention, its test case N1);
- B3 and CEAF-e include singletons;
- CEAF-e uses phi4(K, R) = 2 |K ∩ R| / (|K| + |R|) and the best one-to-one alignment of key
  and response entities (Kuhn–Munkres, implemented here: scipy is not a dependency);
- a mention listed in two clusters of one clustering is kept in the first only.

Scores over several documents are micro-averaged the way the scorer does: numerators and
denominators are summed over documents (``Counts.__add__``) before dividing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

Clustering = Sequence[Collection[Hashable]]


@dataclass(frozen=True)
class Counts:
    """Recall numerator/denominator and precision numerator/denominator."""

    r_num: float = 0.0
    r_den: float = 0.0
    p_num: float = 0.0
    p_den: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.r_num + other.r_num,
            self.r_den + other.r_den,
            self.p_num + other.p_num,
            self.p_den + other.p_den,
        )

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * p * r / (p + r) if p + r else 0.0

    def prf(self) -> tuple[float, float, float]:
        return self.recall, self.precision, self.f1


def _clean(clusters: Clustering) -> list[frozenset[Hashable]]:
    """Drop empty clusters and repeated mentions (a mention stays in its first cluster)."""
    seen: set[Hashable] = set()
    out = []
    for cluster in clusters:
        members = frozenset(m for m in cluster if m not in seen)
        seen.update(members)
        if members:
            out.append(members)
    return out


def _index(clusters: list[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {m: n for n, cluster in enumerate(clusters) for m in cluster}


# -- MUC (Vilain et al. 1995) -------------------------------------------------------------------


def _muc_side(gold: list[frozenset[Hashable]], other: list[frozenset[Hashable]]) -> tuple[float, float]:
    where = _index(other)
    num = den = 0.0
    for cluster in gold:
        # Partitions of the cluster by the other side; each twinless mention is its own.
        parts = {where.get(m, ("twinless", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc_counts(key: Clustering, response: Clustering) -> Counts:
    k, r = _clean(key), _clean(response)
    r_num, r_den = _muc_side(k, r)
    p_num, p_den = _muc_side(r, k)
    return Counts(r_num, r_den, p_num, p_den)


# -- B-cubed (Bagga & Baldwin 1998) -------------------------------------------------------------


def _b3_side(gold: list[frozenset[Hashable]], other: list[frozenset[Hashable]]) -> tuple[float, float]:
    where = _index(other)
    num = den = 0.0
    for cluster in gold:
        overlaps: dict[int, int] = defaultdict(int)
        for m in cluster:
            if m in where:
                overlaps[where[m]] += 1
        num += sum(n * n for n in overlaps.values()) / len(cluster)
        den += len(cluster)
    return num, den


def b3_counts(key: Clustering, response: Clustering) -> Counts:
    k, r = _clean(key), _clean(response)
    r_num, r_den = _b3_side(k, r)
    p_num, p_den = _b3_side(r, k)
    return Counts(r_num, r_den, p_num, p_den)


# -- CEAF-e (Luo 2005) --------------------------------------------------------------------------


def max_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Kuhn–Munkres).

    Works on rectangular matrices (rows or columns may stay unassigned); O(n² m) for n ≤ m.
    This is the shortest-augmenting-path form with potentials (Jonker–Volgenant style).
    """
    if not weights or not weights[0]:
        return 0.0
    if len(weights) > len(weights[0]):
        weights = [list(col) for col in zip(*weights, strict=True)]
    n, m = len(weights), len(weights[0])
    top = max(max(row) for row in weights)
    # Minimise cost = top - weight; 1-based arrays, column 0 is the virtual start.
    cost = [[0.0] * (m + 1)] + [[0.0] + [top - w for w in row] for row in weights]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    match_col = [0] * (m + 1)  # match_col[j] = row assigned to column j (0 = none)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        match_col[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = match_col[j0]
            delta = inf
            j1 = 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0][j] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[match_col[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match_col[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match_col[j0] = match_col[j1]
            j0 = j1
    return sum(weights[match_col[j] - 1][j - 1] for j in range(1, m + 1) if match_col[j])


def _phi4(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def ceafe_counts(key: Clustering, response: Clustering) -> Counts:
    k, r = _clean(key), _clean(response)
    # Only entities that share a mention can be aligned with a non-zero score, so the
    # assignment is solved per connected component of the key/response overlap graph.
    where = _index(r)
    parent = list(range(len(k) + len(r)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, cluster in enumerate(k):
        for m in cluster:
            if m in where:
                a, b = find(i), find(len(k) + where[m])
                if a != b:
                    parent[max(a, b)] = min(a, b)
    components: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(k)):
        components[find(i)][0].append(i)
    for j in range(len(r)):
        components[find(len(k) + j)][1].append(j)
    total = 0.0
    for rows, cols in components.values():
        if rows and cols:
            total += max_assignment([[_phi4(k[i], r[j]) for j in cols] for i in rows])
    return Counts(total, len(k), total, len(r))


# -- all together ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CorefScores:
    muc: Counts
    b3: Counts
    ceafe: Counts

    def __add__(self, other: CorefScores) -> CorefScores:
        return CorefScores(self.muc + other.muc, self.b3 + other.b3, self.ceafe + other.ceafe)

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3


def score(key: Clustering, response: Clustering) -> CorefScores:
    return CorefScores(muc_counts(key, response), b3_counts(key, response), ceafe_counts(key, response))


def muc(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """(recall, precision, F1) as fractions."""
    return muc_counts(key, response).prf()


def b_cubed(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    return b3_counts(key, response).prf()


def ceafe(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    return ceafe_counts(key, response).prf()


def conll_f1(key: Clustering, response: Clustering) -> float:
    """Mean of the MUC, B3 and CEAF-e F1 (a fraction)."""
    return score(key, response).conll_f1


ZERO = CorefScores(Counts(), Counts(), Counts())
