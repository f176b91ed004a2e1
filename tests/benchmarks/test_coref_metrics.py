"""The coreference metrics against published worked examples.

Sources: Pradhan et al. (ACL 2014), "Scoring Coreference Partitions of Predicted Mentions: A
Reference Implementation", worked example of section 3; and the CoNLL reference scorer's test
cases (reference-coreference-scorers, test/CorefMetricTestConfig.pm and TestCases.README,
key TC-A = {a} {b c} {d e f}). Each expected value is re-derived by hand in the comments.
"""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from coref_metrics import b_cubed, ceafe, conll_f1, max_assignment, muc, score

TC_A_KEY = [{"a"}, {"b", "c"}, {"d", "e", "f"}]


def close(got: tuple[float, float, float], want: tuple[float, float, float], tol: float = 1e-4) -> bool:
    return all(abs(g - w) <= tol for g, w in zip(got, want, strict=True))


def f1(r: float, p: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def test_pradhan_2014_worked_example() -> None:
    key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
    response = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
    # MUC recall: {abc} is split by the response into {ab}{c}: 3-2 = 1; {defg} into {d}{e}{fg}
    # (e is twinless, a part of its own): 4-3 = 1; over (3-1)+(4-1) = 5 links -> 2/5 = 0.4.
    # MUC precision: {ab} -> {ab}: 1; {cd} -> {c}{d}: 0; {fghi} -> {fg}{h}{i}: 1; over 1+1+3 -> 0.4.
    assert close(muc(key, response), (0.4, 0.4, 0.4))
    # B3 recall: a,b: 2/3 each, c: 1/3; d: 1/4, e: 0, f,g: 2/4 each -> (5/3 + 5/4) / 7 = 35/84.
    # B3 precision: a,b: 2/2 each; c,d: 1/2 each; f,g: 2/4 each; h,i: 0 -> 4/8 = 0.5.
    assert close(b_cubed(key, response), (35 / 84, 0.5, f1(35 / 84, 0.5)))
    # CEAF-e: phi4({abc},{ab}) = 4/5, phi4({defg},{fghi}) = 4/8; the alternative alignments give
    # 2/5 + 4/8 or 4/5 + 2/6, both smaller -> 1.3; recall 1.3/2 = 0.65, precision 1.3/3.
    assert close(ceafe(key, response), (0.65, 1.3 / 3, f1(0.65, 1.3 / 3)))
    # Published: MUC 0.40/0.40, B3 R 0.42 P 0.50, CEAF-e R 0.65 P 0.43.


def test_identical_is_perfect() -> None:
    s = score(TC_A_KEY, [set(c) for c in TC_A_KEY])  # scorer test A1
    assert s.muc.prf() == (1.0, 1.0, 1.0)
    assert s.b3.prf() == (1.0, 1.0, 1.0)
    assert s.ceafe.prf() == (1.0, 1.0, 1.0)
    assert s.conll_f1 == 1.0


def test_scorer_a2_missing_mentions() -> None:
    response = [{"a"}, {"d", "e"}]
    # MUC R: {bc} -> {b}{c}: 0; {def} -> {de}{f}: 1; of 3 links. P: {de} is one right link of 1.
    assert close(muc(TC_A_KEY, response), (1 / 3, 1.0, 0.5))
    # B3 R: a 1, b 0, c 0, d 2/3, e 2/3, f 0 -> (7/3)/6. P: a 1, d 1, e 1 -> 3/3.
    assert close(b_cubed(TC_A_KEY, response), ((7 / 3) / 6, 1.0, 14 / 25))
    # CEAF-e: {a}-{a} 1 + {def}-{de} 4/5 = 1.8; R 1.8/3 = 0.6, P 1.8/2 = 0.9.
    assert close(ceafe(TC_A_KEY, response), (0.6, 0.9, 0.72))


def test_scorer_a3_false_alarms() -> None:
    response = [{"a"}, {"b", "c", "x"}, {"d", "e", "f", "y"}, {"z"}]
    # MUC P: {bcx} -> {bc}{x}: 1 of 2; {defy} -> {def}{y}: 2 of 3 -> 3/5.
    assert close(muc(TC_A_KEY, response), (1.0, 3 / 5, 0.75))
    # B3 P: a 1; b,c 2/3 each; x 0; d,e,f 3/4 each; y 0; z 0 -> (4 + 7/12)/9.
    assert close(b_cubed(TC_A_KEY, response), (1.0, (4 + 7 / 12) / 9, 110 / 163))
    # CEAF-e: 1 + 4/5 + 6/7 = 2.657; R /3, P /4.
    assert close(ceafe(TC_A_KEY, response), (0.88571, 0.66429, 0.75918))


def test_scorer_a4_missing_and_false_alarms() -> None:
    response = [{"a"}, {"b", "c", "x"}, {"d", "y"}, {"z"}]
    # MUC R: {bc} 1 link kept, {def} -> {d}{e}{f}: 0 -> 1/3. P: {bcx} 1 of 2, {dy} 0 of 1 -> 1/3.
    assert close(muc(TC_A_KEY, response), (1 / 3, 1 / 3, 1 / 3))
    # B3 R: a,b,c 1; d 1/3; e,f 0 -> (3 + 1/3)/6. P: a 1; b,c 2/3; x 0; d 1/2; y 0; z 0 -> /7.
    r, p = (3 + 1 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7
    assert close(b_cubed(TC_A_KEY, response), (r, p, f1(r, p)))
    # CEAF-e: 1 + 4/5 + 2/5 = 2.2 -> R 2.2/3 = 0.73333, P 2.2/4 = 0.55.
    assert close(ceafe(TC_A_KEY, response), (0.73333, 0.55, 0.62857))


def test_scorer_a5_overlapping_mention() -> None:
    response = [{"a"}, {"b", "c", "x", "B"}, {"d", "y"}, {"z"}]  # B: a mention overlapping b
    # MUC P: {bcxB} -> {bc}{x}{B}: 1 of 3; {dy}: 0 of 1 -> 1/4.
    assert close(muc(TC_A_KEY, response), (1 / 3, 1 / 4, 2 / 7))
    # B3 P: a 1; b,c 2/4 each; x, B, y, z 0; d 1/2 -> 2.5/8.
    r, p = (3 + 1 / 3) / 6, 2.5 / 8
    assert close(b_cubed(TC_A_KEY, response), (r, p, f1(r, p)))
    # CEAF-e: 1 + 2*2/(2+4) + 2/5 = 2.0667 -> R 0.68889, P 0.51667.
    assert close(ceafe(TC_A_KEY, response), (0.68889, 0.51667, 0.59048))


def test_all_singletons() -> None:
    key = [{"a"}, {"b"}, {"c"}]
    # No links: MUC is 0 by the scorer's convention (its test N1), B3 and CEAF-e are perfect.
    s = score(key, [{"a"}, {"b"}, {"c"}])
    assert s.muc.prf() == (0.0, 0.0, 0.0)
    assert s.b3.prf() == (1.0, 1.0, 1.0)
    assert s.ceafe.prf() == (1.0, 1.0, 1.0)
    assert s.conll_f1 == pytest.approx(2 / 3)


def test_singletons_response_against_one_cluster() -> None:
    key = [{"a", "b", "c", "d"}]
    response = [{"a"}, {"b"}, {"c"}, {"d"}]
    # MUC R: {abcd} split into 4 parts: 0 of 3 links; P: no response links -> 0.
    assert muc(key, response) == (0.0, 0.0, 0.0)
    # B3 R: each mention 1/4 -> 1/4; P: each 1/1 -> 1.
    assert close(b_cubed(key, response), (0.25, 1.0, 0.4))
    # CEAF-e: best one pair, phi4 = 2*1/(4+1) = 0.4; R 0.4/1, P 0.4/4.
    assert close(ceafe(key, response), (0.4, 0.1, f1(0.4, 0.1)))
    # and the other way round: one response cluster over four key singletons.
    assert muc(response, key) == (0.0, 0.0, 0.0)
    assert close(b_cubed(response, key), (1.0, 0.25, 0.4))


def test_conll_is_mean_of_three() -> None:
    key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
    response = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
    want = (0.4 + f1(35 / 84, 0.5) + f1(0.65, 1.3 / 3)) / 3
    assert conll_f1(key, response) == pytest.approx(want)


def test_sum_over_documents_is_micro() -> None:
    key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
    response = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
    one = score(key, response)
    two = one + score([{"A", "B"}], [{"A", "B"}])
    # MUC: (2 + 1) / (5 + 1) both ways.
    assert two.muc.prf()[0] == pytest.approx(0.5)
    # CEAF-e: (1.3 + 1) / (2 + 1) recall, / (3 + 1) precision.
    assert two.ceafe.recall == pytest.approx(2.3 / 3)
    assert two.ceafe.precision == pytest.approx(2.3 / 4)


def test_repeated_mention_kept_once() -> None:
    assert score([{"a", "b"}], [{"a", "b"}, {"a"}]).b3.prf() == (1.0, 1.0, 1.0)


def _brute_force(weights: list[list[float]]) -> float:
    n, m = len(weights), len(weights[0])
    if n <= m:
        return max(sum(weights[i][c] for i, c in enumerate(p)) for p in itertools.permutations(range(m), n))
    return max(sum(weights[r][j] for j, r in enumerate(p)) for p in itertools.permutations(range(n), m))


def test_kuhn_munkres_matches_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(300):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.choice([0.0, rng.random()]) for _ in range(m)] for _ in range(n)]
        assert max_assignment(weights) == pytest.approx(_brute_force(weights))


def test_kuhn_munkres_textbook() -> None:
    # w[i][j] = a_i * b_j with a = b = (1, 2, 3): by the rearrangement inequality the best
    # assignment pairs them in sorted order, 1*1 + 2*2 + 3*3 = 14 (the identity, trace 14).
    weights = [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [3.0, 6.0, 9.0]]
    assert max_assignment(weights) == pytest.approx(14.0)
    assert max_assignment([[0.5]]) == 0.5
    assert max_assignment([]) == 0.0
