"""The story-clustering metrics of benchmarks/stories.py on worked examples.

BCubed as defined by Bagga & Baldwin (1998) and discussed by Amigó et al. (2009, "A comparison
of extrinsic clustering evaluation metrics"): per item precision and recall, averaged over
items. Pairwise: precision and recall over the unordered pairs put together. Expected values
are derived by hand in the comments, and BCubed is cross-checked against the coreference
scorer's B3 (benchmarks/coref_metrics.py), which is the same measure over mentions.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from collections.abc import Hashable, Mapping
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from coref_metrics import b_cubed
from stories import bcubed, pairwise, window_stream

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}  # {a b c} {d e}
PRED = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}  # {a b} {c d e}


def close(got: tuple[float, float, float], want: tuple[float, float, float]) -> bool:
    return all(g == pytest.approx(w) for g, w in zip(got, want, strict=True))


def test_bcubed_worked_example() -> None:
    # Precision: a, b: 2/2; c: 1/3 (only c of {c d e} is gold 1); d, e: 2/3 -> (11/3) / 5.
    # Recall: a, b: 2/3; c: 1/3; d, e: 2/2 -> (11/3) / 5.
    assert close(bcubed(GOLD, PRED), (11 / 15, 11 / 15, 11 / 15))


def test_bcubed_over_some_items_keeps_their_whole_clusters() -> None:
    # c alone: restricted to {c}, it is perfect; with its clusters taken over all items,
    # precision 1/3 ({c d e} holds one gold-1 item) and recall 1/3 ({a b c}).
    assert close(bcubed({"c": 1}, PRED), (1.0, 1.0, 1.0))
    assert close(bcubed(GOLD, PRED, over={"c"}), (1 / 3, 1 / 3, 1 / 3))
    assert close(bcubed(GOLD, PRED, over=GOLD), bcubed(GOLD, PRED))


def test_pairwise_worked_example() -> None:
    # Gold pairs: ab ac bc de (4); predicted pairs: ab cd ce de (4); shared: ab de (2).
    assert close(pairwise(GOLD, PRED), (0.5, 0.5, 0.5))


def test_bcubed_extremes() -> None:
    singletons = {item: item for item in GOLD}
    # Every item alone: precision 1; recall 1/3 for a b c, 1/2 for d e -> (1 + 1) / 5 = 0.4.
    assert close(bcubed(GOLD, singletons), (1.0, 0.4, 2 * 0.4 / 1.4))
    one = {item: 0 for item in GOLD}
    # All in one: recall 1; precision 3/5 for a b c, 2/5 for d e -> (9/5 + 4/5) / 5 = 13/25.
    assert close(bcubed(GOLD, one), (13 / 25, 1.0, 2 * 0.52 / 1.52))
    assert close(bcubed(GOLD, GOLD), (1.0, 1.0, 1.0))


def test_pairwise_extremes() -> None:
    singletons = {item: item for item in GOLD}
    assert pairwise(GOLD, singletons) == (0.0, 0.0, 0.0)
    one = {item: 0 for item in GOLD}
    # 10 predicted pairs, 4 gold pairs, all 4 predicted.
    assert close(pairwise(GOLD, one), (0.4, 1.0, 2 * 0.4 / 1.4))


def test_metrics_missing_prediction_is_a_singleton() -> None:
    partial = {"a": "x", "b": "x", "d": "y", "e": "y"}
    expected = {"a": "x", "b": "x", "c": "c-alone", "d": "y", "e": "y"}
    assert bcubed(GOLD, partial) == bcubed(GOLD, expected)
    assert pairwise(GOLD, partial) == pairwise(GOLD, expected)


def _clusters(labels: Mapping[str, Hashable]) -> list[set[str]]:
    groups: dict[Hashable, set[str]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return list(groups.values())


@pytest.mark.parametrize("seed", range(5))
def test_bcubed_agrees_with_the_coreference_b3(seed: int) -> None:
    rng = random.Random(seed)
    items = [f"m{k}" for k in range(30)]
    gold = {item: rng.randrange(8) for item in items}
    pred = {item: rng.randrange(6) for item in items}
    recall, precision, f1 = b_cubed(_clusters(gold), _clusters(pred))
    assert close(bcubed(gold, pred), (precision, recall, f1))


def test_window_stream_keeps_windows_and_shuffles_within() -> None:
    records = [{"id": f"{s}-{k}", "story": s} for s in "abcdef" for k in range(3)]
    stream = window_stream(records, window=2)
    assert [w for w, _ in stream] == [0] * 6 + [1] * 6 + [2] * 6
    assert {i for w, i in stream if w == 1} == {f"{s}-{k}" for s in "cd" for k in range(3)}
    assert [i for _, i in stream] != [r["id"] for r in records]
    assert window_stream(records, window=2) == stream
