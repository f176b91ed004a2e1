"""Fit the sub-space weights of ``ClusterConfig`` (``weight_*``) on NeuS's tuning half.

For every pair of articles in one even-numbered window of ``benchmarks/stories.py``'s primary
stream, or in two consecutive even windows (different stories on the same topics a day or
two apart: what the clusterer must keep apart; the held, odd windows are never read), the
TF-IDF cosine of each sub-space (tokens, stems, headline words, lemmas, entities; sublinear
tf, IDF over the tuning half) and the gap in days (stream positions as ``stories.py`` times
them) are the features, and "same gold story" the label. A logistic regression (Newton's
method, numpy, slightly L2-regularised) is fitted; its sub-space coefficients, divided by the
tokens', are printed as the weights. Its output (entities about 1.2) is *not* the default:
the defaults came from a fit whose negatives included articles of the neighbouring (held)
windows, and scored better on the tuning half (see ``ClusterConfig``); this script is the
clean refit, kept to compare against when the features change.

    .venv/bin/python benchmarks/fit_story_weights.py [--data PATH] [--cache PATH]

The last line is a JSON object: the weights and the number of pairs.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _harness import parser, read_jsonl
from stories import load_features, window_stream

SUBSPACES = ("tok", "stm", "tit", "lem", "ent")
STEP_MINUTES = 10.0  # stories.py's default --step-minutes
MAX_GAP_DAYS = 320 * STEP_MINUTES / 1440.0  # pairs of consecutive even windows at most this apart


def _unit_vectors(
    terms: list[dict[str, float]], prefix: str, idf: dict[str, float]
) -> list[dict[str, float]]:
    vectors = []
    for bag in terms:
        vector = {
            t: (1.0 + math.log(c)) * idf[t] for t, c in bag.items() if t.startswith(f"{prefix}:") and c > 0
        }
        norm = math.sqrt(sum(w * w for w in vector.values()))
        vectors.append({t: w / norm for t, w in vector.items()} if norm else {})
    return vectors


Article = tuple[str, float, dict[str, float]]  # gold story, stream time in days, terms


def pair_features(windows: list[list[Article]]) -> tuple[np.ndarray, np.ndarray]:
    """(cosines per sub-space and the gap, label) for every pair of articles within a window
    or in two consecutive windows of the list."""
    bags = [bag for window in windows for _, _, bag in window]
    df = Counter(t for bag in bags for t in bag)
    idf = {t: math.log((len(bags) + 1) / (n + 1)) + 1.0 for t, n in df.items()}
    vectors = [
        {p: _unit_vectors([bag for _, _, bag in window], p, idf) for p in SUBSPACES} for window in windows
    ]
    rows: list[list[float]] = []
    labels: list[float] = []
    for k, window in enumerate(windows):
        for other in (k, k + 1) if k + 1 < len(windows) else (k,):
            for i, (story_i, time_i, _) in enumerate(window):
                start = i + 1 if other == k else 0
                for j in range(start, len(windows[other])):
                    story_j, time_j, _ = windows[other][j]
                    if abs(time_j - time_i) > MAX_GAP_DAYS:
                        continue
                    first, second = vectors[k], vectors[other]
                    cosines = [
                        sum(w * second[p][j].get(t, 0.0) for t, w in first[p][i].items()) for p in SUBSPACES
                    ]
                    rows.append([*cosines, abs(time_j - time_i)])
                    labels.append(1.0 if story_i == story_j else 0.0)
    return np.array(rows), np.array(labels)


def logistic_regression(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 30) -> np.ndarray:
    """Coefficients (intercept last) by Newton's method on the mean log loss + l2 * |w|^2."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    penalty = np.diag([l2] * x.shape[1] + [0.0])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y) / len(y) + 2 * penalty @ w
        hessian = (design * (p * (1 - p))[:, None]).T @ design / len(y) + 2 * penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def main() -> None:
    p = parser(__doc__.splitlines()[0], "stories-neus/dev.jsonl")
    p.add_argument("--window", type=int, default=50)
    p.add_argument("--cache", type=Path, default=None, help="parsed features (as stories.py --cache)")
    args = p.parse_args()
    records = list(read_jsonl(args.data, args.limit))
    story_of = {r["id"]: r["story"] for r in records}
    features, _, _ = load_features(records, args.cache, embeddings=False)
    by_window: dict[int, list[Article]] = defaultdict(list)
    for n, (w, article_id) in enumerate(window_stream(records, args.window)):
        if w % 2 == 0:  # tuning half only
            days = n * STEP_MINUTES / 1440.0
            by_window[w].append((story_of[article_id], days, features[article_id].terms))
    x, y = pair_features([by_window[w] for w in sorted(by_window)])
    coefficients = logistic_regression(x, y)
    weights = {p: round(float(c / coefficients[0]), 2) for p, c in zip(SUBSPACES, coefficients, strict=False)}
    result: dict[str, Any] = {
        "weights": weights,
        "gap_per_day": round(float(coefficients[len(SUBSPACES)] / coefficients[0]), 2),
        "pairs": len(y),
        "positive_pairs": int(y.sum()),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
