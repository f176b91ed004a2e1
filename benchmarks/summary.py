"""Multi-document summary against NeuS's neutral reference summaries (stories-neus JSONL).

Measures: ROUGE-1/2/L F1 (Google's ``rouge-score``, Porter stemming on, default tokeniser,
``rougeL`` = sentence-level LCS over the whole text, not ``rougeLsum``), averaged over clusters,
for three systems given the same clusters and the same length budget:

- **ours**: ``storyline.summarise.summarise`` on ``Article`` objects built from each
  article's title and text (no spaCy pass, so no entities and no conflicts are given);
- **lexrank**: continuous LexRank (Erkan & Radev 2004): sentence TF-IDF cosine graph, edges
  below 0.1 dropped, the remaining weights row-normalised, PageRank power iteration with
  damping 0.85; sentences taken in rank order, near-duplicates (cosine > 0.5) skipped;
- **lead**: the first sentence of each article in turn, then the second sentences, and so on.

Budget: the reference's length in words (whitespace tokens). Each system's sentences are
joined in its own order and cut at that many words, the last sentence truncated. The pool for
lexrank and lead is each article's title followed by its text's sentences, the same text ours
receives; lead starts at the first text sentence (the headline is used only when the text has
none), as a lead summary would. It does not measure NeuS's framing-bias (arousal) score, nor
whether cites are right (the unit tests do).

    .venv/bin/python benchmarks/summary.py [--data PATH] [--refs PATH] [--limit N] [--sample N]
"""

from __future__ import annotations

import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rouge_score import rouge_scorer

from _harness import emit_metrics, parser, print_table, read_jsonl
from storyline.model import Article
from storyline.summarise import summarise

METRICS = ("rouge1", "rouge2", "rougeL")
_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
# A full stop after an initial, a dotted acronym or a title does not end a sentence (John F.
# Kerry, the U.S. Senate, Sen. Ford), for the baselines as for ours.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr|Inc|Co|No|vs))\.$"
)
_WORD = re.compile(r"[a-z0-9]+")


def load_clusters(data: Path, refs: Path) -> list[tuple[str, list[dict[str, Any]], str]]:
    """(story id, its articles in file order, reference) for every story with a reference."""
    articles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in read_jsonl(data):
        articles[record["story"]].append(record)
    references = {r["story"]: r["reference"] for r in read_jsonl(refs)}
    return [(story, group, references[story]) for story, group in articles.items() if story in references]


def sentences_of(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        start = 0
        for m in _BOUNDARY.finditer(line):
            if not _ABBREVIATION.search(line[: m.start() + 1]):
                found.append(line[start : m.end()].strip())
                start = m.end()
        found.append(line[start:].strip())
    return [s for s in found if s]


def truncate(sentences: list[str], budget: int) -> str:
    """Join in order and cut at ``budget`` words (the last sentence may be cut short)."""
    return " ".join(" ".join(sentences).split()[:budget])


def lead(group: list[dict[str, Any]]) -> list[str]:
    bodies = [sentences_of(r["text"]) or sentences_of(r["title"]) for r in group]
    return [body[n] for n in range(max(map(len, bodies), default=0)) for body in bodies if n < len(body)]


def lexrank(group: list[dict[str, Any]], threshold: float = 0.1, damping: float = 0.85) -> list[str]:
    pool = [s for r in group for s in [*sentences_of(r["title"]), *sentences_of(r["text"])]]
    if not pool:
        return []
    docs = [_WORD.findall(s.lower()) for s in pool]
    df = Counter(w for d in docs for w in set(d))
    idf = {w: math.log(len(docs) / c) + 1.0 for w, c in df.items()}
    vectors = [_unit({w: c * idf[w] for w, c in Counter(d).items()}) for d in docs]
    n = len(pool)
    weights = [[_dot(vectors[i], vectors[j]) for j in range(n)] for i in range(n)]
    weights = [[w if w >= threshold else 0.0 for w in row] for row in weights]
    rows = [sum(row) or 1.0 for row in weights]
    rank = [1.0 / n] * n
    for _ in range(100):
        new = [
            (1 - damping) / n + damping * sum(rank[i] * weights[i][j] / rows[i] for i in range(n))
            for j in range(n)
        ]
        done = sum(abs(a - b) for a, b in zip(new, rank, strict=True)) < 1e-6
        rank = new
        if done:
            break
    picked: list[int] = []
    for i in sorted(range(n), key=lambda i: -rank[i]):
        if all(_dot(vectors[i], vectors[j]) <= 0.5 for j in picked):
            picked.append(i)
    return [pool[i] for i in picked]


def ours(group: list[dict[str, Any]], budget: int) -> list[str]:
    articles = [
        Article(
            id=r["id"], source=r["id"], format="plain", title=r["title"], text=f"{r['title']}\n{r['text']}"
        )
        for r in group
    ]
    return [s.text for s in summarise(articles, [], [], length=20, words=budget)]


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / norm for k, x in v.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(x * b.get(k, 0.0) for k, x in a.items())


def main() -> None:
    p = parser(__doc__.splitlines()[0], "stories-neus/dev.jsonl")
    p.add_argument("--refs", type=Path, default=None, help="summaries JSONL (default: beside --data)")
    p.add_argument("--sample", type=int, default=None, help="score a random sample of N clusters (seed 0)")
    p.add_argument("--show", type=int, default=0, help="print the first K summaries of each system")
    args = p.parse_args()
    refs = args.refs or args.data.with_name("summaries-" + args.data.name)
    clusters = load_clusters(args.data, refs)
    if args.sample is not None:
        clusters = random.Random(0).sample(clusters, min(args.sample, len(clusters)))
    if args.limit is not None:
        clusters = clusters[: args.limit]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    systems = {"ours": ours, "lexrank": lambda g, b: lexrank(g), "lead": lambda g, b: lead(g)}
    totals = {name: dict.fromkeys(METRICS, 0.0) for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    for n, (story, group, reference) in enumerate(clusters):
        budget = len(reference.split())
        for name, system in systems.items():
            began = time.perf_counter()
            summary = truncate(system(group, budget), budget)
            seconds[name] += time.perf_counter() - began
            scores = scorer.score(reference, summary)
            for metric in METRICS:
                totals[name][metric] += 100.0 * scores[metric].fmeasure
            if n < args.show:
                print(f"[{story}] {name}: {summary}\n")
    count = max(len(clusters), 1)
    rows = [[name, *(totals[name][m] / count for m in METRICS), seconds[name]] for name in systems]
    print_table(
        f"stories-neus summaries: {len(clusters)} clusters, budget = reference length in words",
        ["system", "ROUGE-1 F1", "ROUGE-2 F1", "ROUGE-L F1", "seconds"],
        rows,
    )
    metrics: dict[str, Any] = {m: totals["ours"][m] / count for m in METRICS}
    for name in ("lexrank", "lead"):
        metrics.update({f"{name}_{m}": totals[name][m] / count for m in METRICS})
    metrics["clusters"] = len(clusters)
    emit_metrics(metrics)


if __name__ == "__main__":
    main()
