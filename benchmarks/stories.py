"""Story clustering of a stream of articles against NeuS's gold stories (stories-neus JSONL).

Data: 2,759 gold stories of 3 articles each (an AllSides roundup: left, centre and right
outlet; title and first paragraph only). The file is grouped by story, so streaming it in file
order would be trivially easy; only 1,063 articles have a date. The streams are therefore
built, with a fixed seed, as follows, and an article's **position is its time** (one article
every ``--step-minutes``, default 10, so ~150 articles span a day):

- **primary (windows)**: stories in file order, cut into windows of ``--window`` (50)
  consecutive stories; the ~150 articles of each window are shuffled, so about 50 stories
  are "in the news" at once and a story's three articles arrive in any order within a day;
- **secondary (shuffled)**: every article shuffled, all 2,759 stories concurrently (the
  worst case; a story's articles may be weeks apart in stream time, so time decay and the
  active window work against it; reported also with the articles undated, no decay).

Tuning half = articles of even-numbered windows, held half = odd-numbered ones; the defaults
of ``ClusterConfig`` were tuned on the even half only. Each half is scored on its own articles
(the clustering is run once over the whole stream).

Measures: BCubed precision / recall / F1 (per article: the share of its predicted cluster
that is in its gold story, and the reverse; averaged over articles) and pairwise F1 (over
all pairs of articles in one predicted / one gold cluster), as fractions; for the online
clusterer that revises its last ``open_articles`` decisions (``RevisingClusterer``, scored on
each article's final story; the primary result, unprefixed keys: what ``storyline ingest``
uses), for the plain online clusterer that decides each article once (``StoryClusterer``;
``online_*`` keys), and for the batch ``recluster`` (``batch_*``). Speed: articles per second
of clustering alone (features already made), and end to end (spaCy parse with the parser
disabled, features, embedding, revising clustering), measured separately. It does not
measure story *labels*, nor ordering of stories, nor long-running stories of many articles
(NeuS stories have exactly three).

With ``--embeddings`` (default: ``ClusterConfig().use_embeddings``, on when the model is
installed, as for ``ingest``; ``--no-embeddings`` for the sparse clusterer) every article is also
embedded (``storyline.corpus.embed``, as ``features_from_doc(embed=True)`` does) and the clusterer
combines both similarities; the embedding time is reported per article and counted in the end
to end rate (not measured when the embeddings come from ``--cache``).

    .venv/bin/python benchmarks/stories.py [--data PATH] [--limit N] [--cache PATH] [--no-embeddings]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _harness import parser, print_table, read_jsonl
from storyline.annotate import load_nlp
from storyline.corpus import (
    ClusterConfig,
    RevisingClusterer,
    StoryClusterer,
    StoryFeatures,
    features_from_doc,
    recluster,
    with_stems,
)
from storyline.corpus import embed as embedding_model

EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
SEED = 13

# -- metrics ------------------------------------------------------------------------------------


def bcubed(
    gold: Mapping[Hashable, Hashable],
    predicted: Mapping[Hashable, Hashable],
    over: Collection[Hashable] | None = None,
) -> tuple[float, float, float]:
    """BCubed (precision, recall, F1) over the items of ``gold`` (Bagga & Baldwin 1998).

    Per item: precision = |pred cluster ∩ gold cluster| / |pred cluster|, recall = the same
    over |gold cluster|; each averaged over items. Items missing from ``predicted`` count as
    singletons. Clusters are restricted to the items of ``gold``. ``over``: average over
    these items only, their clusters still taken over all of ``gold`` (a half of the stream
    scored with the errors that cross into the other half).
    """
    items = list(gold)
    chosen = set(over) if over is not None else None
    averaged = items if chosen is None else [i for i in items if i in chosen]
    if not averaged:
        return 0.0, 0.0, 0.0
    pred = {item: predicted.get(item, ("singleton", item)) for item in items}
    both = Counter((gold[i], pred[i]) for i in items)
    gold_size = Counter(gold[i] for i in items)
    pred_size = Counter(pred[i] for i in items)
    precision = sum(both[(gold[i], pred[i])] / pred_size[pred[i]] for i in averaged) / len(averaged)
    recall = sum(both[(gold[i], pred[i])] / gold_size[gold[i]] for i in averaged) / len(averaged)
    return precision, recall, _f1(precision, recall)


def pairwise(
    gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]
) -> tuple[float, float, float]:
    """Pairwise (precision, recall, F1): over unordered pairs of items put in one cluster."""
    items = list(gold)
    pred = {item: predicted.get(item, ("singleton", item)) for item in items}

    def pairs(sizes: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in sizes.values())

    together = pairs(Counter((gold[i], pred[i]) for i in items))
    n_pred = pairs(Counter(pred[i] for i in items))
    n_gold = pairs(Counter(gold[i] for i in items))
    precision = together / n_pred if n_pred else 0.0
    recall = together / n_gold if n_gold else 0.0
    return precision, recall, _f1(precision, recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# -- streams ------------------------------------------------------------------------------------


def window_stream(records: Sequence[dict[str, Any]], window: int, seed: int = SEED) -> list[tuple[int, str]]:
    """(window number, article id) in stream order: stories in file order, shuffled per window."""
    stories = list(dict.fromkeys(r["story"] for r in records))
    by_story: dict[str, list[str]] = defaultdict(list)
    for r in records:
        by_story[r["story"]].append(r["id"])
    rng = random.Random(seed)
    stream: list[tuple[int, str]] = []
    for w, start in enumerate(range(0, len(stories), window)):
        ids = [i for story in stories[start : start + window] for i in by_story[story]]
        rng.shuffle(ids)
        stream.extend((w, i) for i in ids)
    return stream


def shuffled_stream(records: Sequence[dict[str, Any]], seed: int = SEED) -> list[str]:
    ids = [r["id"] for r in records]
    random.Random(seed).shuffle(ids)
    return ids


def timed(features: Sequence[StoryFeatures], step_minutes: float | None) -> list[StoryFeatures]:
    """The features with position as time (None: undated)."""
    return [
        dataclasses.replace(
            f, published=EPOCH + dt.timedelta(minutes=n * step_minutes) if step_minutes is not None else None
        )
        for n, f in enumerate(features)
    ]


# -- features -----------------------------------------------------------------------------------


def parse_features(records: Sequence[dict[str, Any]]) -> tuple[dict[str, StoryFeatures], float]:
    """Features of every article from a spaCy parse of its text (title passed as words).

    The dependency parser is disabled: ``features_from_doc`` needs tokens, POS, lemmas and
    entities only. Returns the features and the seconds taken.
    """
    nlp = load_nlp()
    start = time.perf_counter()
    features: dict[str, StoryFeatures] = {}
    with nlp.select_pipes(disable=[p for p in ("parser",) if p in nlp.pipe_names]):
        pairs = ((r["text"] or "", r) for r in records)
        for doc, r in nlp.pipe(pairs, as_tuples=True, batch_size=64):
            features[r["id"]] = features_from_doc(r["id"], None, doc, r["title"], embed=False)
    return features, time.perf_counter() - start


def add_embeddings(
    records: Sequence[dict[str, Any]], features: dict[str, StoryFeatures]
) -> tuple[dict[str, StoryFeatures], float]:
    """Features with the embedding ``features_from_doc(embed=True)`` would give (title and the
    text's first words), for those that lack one; the seconds the embedding alone took
    (model load excluded: once per process), NaN when every article had one already."""
    missing = [r for r in records if features[r["id"]].embedding is None]
    if not missing:
        return features, float("nan")
    embedding_model.load_model()
    start = time.perf_counter()
    added = dict(features)
    for r in missing:
        vector = embedding_model.embed(embedding_model.embedding_text(r["title"], r["text"] or ""))
        added[r["id"]] = dataclasses.replace(features[r["id"]], embedding=vector)
    return added, time.perf_counter() - start


def load_features(
    records: Sequence[dict[str, Any]], cache: Path | None, embeddings: bool
) -> tuple[dict[str, StoryFeatures], float, float]:
    """Features (from ``cache`` when there), seconds of parsing, seconds of embedding (NaN:
    not measured, read from the cache); what was computed is written back to the cache."""
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        features = {d["article_id"]: _stemmed(StoryFeatures.from_json(d)) for d in data}
        parse_seconds = float("nan")
    else:
        features, parse_seconds = parse_features(records)
    embed_seconds = float("nan")
    if embeddings:
        features, embed_seconds = add_embeddings(records, features)
    if cache is not None and (parse_seconds == parse_seconds or embed_seconds == embed_seconds):
        cache.write_text(json.dumps([f.to_json() for f in features.values()]), encoding="utf-8")
    return features, parse_seconds, embed_seconds


def _stemmed(features: StoryFeatures) -> StoryFeatures:
    """Features cached before ``features_from_doc`` made stem terms get them (``with_stems``
    is exactly what it adds)."""
    return dataclasses.replace(features, terms=with_stems(features.terms))


# -- runs ---------------------------------------------------------------------------------------


def run_online(stream: Sequence[StoryFeatures], config: ClusterConfig) -> tuple[dict[str, str], float]:
    clusterer = StoryClusterer(config)
    start = time.perf_counter()
    predicted = {f.article_id: clusterer.assign(f).story_id for f in stream}
    return predicted, time.perf_counter() - start


def run_revising(stream: Sequence[StoryFeatures], config: ClusterConfig) -> tuple[dict[str, str], float]:
    """The final stories of ``RevisingClusterer`` (each article's story once it is committed)."""
    clusterer = RevisingClusterer(config)
    start = time.perf_counter()
    predicted: dict[str, str] = {}
    for f in stream:
        predicted.update(clusterer.assign(f).committed)
    predicted.update(clusterer.flush())
    return predicted, time.perf_counter() - start


def run_batch(stream: Sequence[StoryFeatures], config: ClusterConfig) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    predicted = recluster(stream, config)
    return predicted, time.perf_counter() - start


def scores(
    gold: Mapping[str, str], predicted: Mapping[str, str], keep: Callable[[str], bool]
) -> dict[str, float]:
    part = {i: s for i, s in gold.items() if keep(i)}
    bp, br, bf = bcubed(part, predicted)
    _, _, pf = pairwise(part, predicted)
    _, _, whole_clusters = bcubed(gold, predicted, over=part)
    return {
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": bf,
        "pairwise_f1": pf,
        "bcubed_f1_whole_clusters": whole_clusters,
    }


def main() -> None:
    args = _arguments()
    records = list(read_jsonl(args.data, args.limit))
    gold = {r["id"]: r["story"] for r in records}
    config = ClusterConfig(use_embeddings=args.embeddings)
    features, parse_seconds, embed_seconds = load_features(records, args.cache, config.use_embeddings)

    windows = window_stream(records, args.window)
    window_of = dict((i, w) for w, i in windows)
    primary = timed([features[i] for _, i in windows], args.step_minutes)
    shuffled_ids = shuffled_stream(records)
    secondary = timed([features[i] for i in shuffled_ids], args.step_minutes)
    secondary_undated = timed([features[i] for i in shuffled_ids], None)

    online, online_s = run_online(primary, config)
    revising, revising_s = run_revising(primary, config)
    batch, batch_s = run_batch(primary, config)
    shuffled, _ = run_online(secondary, config)
    undated, _ = run_online(secondary_undated, config)

    def everything(i: str) -> bool:
        return True

    def tuning(i: str) -> bool:
        return window_of[i] % 2 == 0

    def held(i: str) -> bool:
        return window_of[i] % 2 == 1

    rows = []
    results: dict[str, dict[str, float]] = {}
    for name, predicted, keep in (
        ("online, windows", online, everything),
        ("online, windows, tuning half", online, tuning),
        ("online, windows, held half", online, held),
        (f"revising (open {config.open_articles}), windows", revising, everything),
        (f"revising (open {config.open_articles}), windows, tuning half", revising, tuning),
        (f"revising (open {config.open_articles}), windows, held half", revising, held),
        ("batch, windows", batch, everything),
        ("batch, windows, tuning half", batch, tuning),
        ("batch, windows, held half", batch, held),
        ("online, shuffled", shuffled, everything),
        ("online, shuffled, undated", undated, everything),
    ):
        s = scores(gold, predicted, keep)
        results[name] = s
        n_clusters = len({predicted[i] for i in gold if keep(i)})
        rows.append((name, *(100 * v for v in s.values()), n_clusters))
    print_table(
        f"stories-neus: {len(records)} articles, {len(set(gold.values()))} gold stories",
        ("run", "B3 P", "B3 R", "B3 F1", "pair F1", "B3 F1 whole clusters", "clusters"),
        rows,
    )
    revising_name = f"revising (open {config.open_articles}), windows"
    cluster_rate = len(primary) / revising_s
    embed_s = embed_seconds if config.use_embeddings else 0.0
    end_to_end = len(primary) / (parse_seconds + embed_s + revising_s)  # NaN when read from the cache
    embed_ms = 1000 * embed_s / len(primary) if config.use_embeddings else 0.0
    print(
        f"\nspeed: clustering {cluster_rate:.0f} articles/s (revising, what ingest uses), "
        f"online {len(primary) / online_s:.0f}/s, batch {len(primary) / batch_s:.0f}/s; "
        f"end to end (parse + features{' + embedding' if config.use_embeddings else ''} + revising) "
        f"{end_to_end:.1f} articles/s; embeddings {'on' if config.use_embeddings else 'off'}"
        + (f", {embed_ms:.1f} ms/article" if config.use_embeddings else "")
    )

    def keys(prefix: str, name: str) -> dict[str, float]:
        """One run's scores on the whole stream and on each half, under ``prefix``."""
        whole, tuned, kept = results[name], results[f"{name}, tuning half"], results[f"{name}, held half"]
        return {
            f"{prefix}bcubed_precision": whole["bcubed_precision"],
            f"{prefix}bcubed_recall": whole["bcubed_recall"],
            f"{prefix}bcubed_f1": whole["bcubed_f1"],
            f"{prefix}pairwise_f1": whole["pairwise_f1"],
            f"{prefix}tuning_bcubed_f1": tuned["bcubed_f1"],
            f"{prefix}tuning_bcubed_f1_whole_clusters": tuned["bcubed_f1_whole_clusters"],
            f"{prefix}held_bcubed_f1": kept["bcubed_f1"],
            f"{prefix}held_bcubed_precision": kept["bcubed_precision"],
            f"{prefix}held_bcubed_recall": kept["bcubed_recall"],
            f"{prefix}held_pairwise_f1": kept["pairwise_f1"],
        }

    _emit_fractions(
        {
            # The headline: what `storyline ingest` does (the revising clusterer, default config).
            **keys("", revising_name),
            "articles_per_s": end_to_end,
            "cluster_articles_per_s": cluster_rate,
            "embed_ms_per_article": embed_ms,
            "embeddings": float(config.use_embeddings),
            **keys("online_", "online, windows"),
            "online_articles_per_s": len(primary) / online_s,
            **keys("batch_", "batch, windows"),
            "batch_articles_per_s": len(primary) / batch_s,
            "shuffled_bcubed_f1": results["online, shuffled"]["bcubed_f1"],
            "shuffled_pairwise_f1": results["online, shuffled"]["pairwise_f1"],
            "shuffled_undated_bcubed_f1": results["online, shuffled, undated"]["bcubed_f1"],
        }
    )


def _emit_fractions(metrics: dict[str, float]) -> None:
    """The harness's last line, but with four decimals: scores here are fractions, not %.

    A rate that was not measured (features read from ``--cache``) is null."""
    print(json.dumps({k: round(v, 4) if v == v else None for k, v in metrics.items()}))


def _arguments() -> Any:
    p = parser(__doc__.splitlines()[0], "stories-neus/dev.jsonl")
    p.add_argument("--window", type=int, default=50, help="stories concurrently in the news (primary stream)")
    p.add_argument("--step-minutes", type=float, default=10.0, help="stream time between two articles")
    p.add_argument(
        "--cache", type=Path, default=None, help="read/write parsed features here (development only)"
    )
    p.add_argument(
        "--embeddings",
        action=argparse.BooleanOptionalAction,
        default=ClusterConfig().use_embeddings,
        help="combine sentence embeddings with the sparse similarity (default: ClusterConfig's)",
    )
    return p.parse_args()


if __name__ == "__main__":
    main()
