"""The seed story's labelled number pairs in benchmarks/data/claims_labels.jsonl still point at
the figures they name.

The labels cite article ids (a hash of the normalised text) and character offsets; a change to
normalisation moves both, and the benchmark then silently scores the pair as missed (this
happened once: the 1,200 vs 1,400 conflict dropped out of claims.py's recall). The NeuS labels
are covered the same way by the benchmark's "no longer finds" count.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from _harness import read_jsonl
from claims import SEED_STORY, _seed_articles

LABELS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "claims_labels.jsonl"


@pytest.mark.slow
def test_seed_labels_cite_the_seed_figures(seeds_dir: Path) -> None:  # the fixture skips without seeds
    articles = {a.id: a for a in _seed_articles()}
    records = [r for r in read_jsonl(LABELS) if r["story"] == SEED_STORY]
    assert records, "no seed-story pairs in the labels"
    for record in records:
        for article_id, start, end in (record["a"], record["b"]):
            assert article_id in articles, f"label cites {article_id}, not a seed article id now"
            figure = articles[article_id].text[start:end]
            assert re.search(r"\d", figure), f"{article_id}[{start}:{end}] = {figure!r} is no figure"
    cited = {articles[a].text[s:e] for r in records for a, s, e in (r["a"], r["b"])}
    assert cited == {"about 1,200", "about 1,400"}
