"""Throughput and memory: the whole analyze path next to bare spaCy on the same texts.

Articles are read from a gold JSONL file (only ``text`` is used), cycled until ``--articles``
texts exist, and fed in story-sized batches (``--batch``, default 10 articles: one story) to
``storyline.analyze_raw``. Bare spaCy is ``nlp.pipe`` with the same model over the same texts,
in the same run. ``ratio`` = storyline time / spaCy time: what storyline costs on top of parsing.

    python benchmarks/speed.py --data ../shared/benchmarks/quotes-polnear/dev.jsonl
"""

from __future__ import annotations

import resource
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._harness import emit_metrics, parser, print_table, read_jsonl
from storyline import Options, analyze_raw
from storyline.annotate import load_nlp
from storyline.errors import StorylineWarning
from storyline.model import RawArticle


def main() -> None:
    p = parser(__doc__ or "", "quotes-polnear/dev.jsonl")
    p.add_argument("--articles", type=int, default=300, help="cycle the texts up to this many articles")
    p.add_argument("--batch", type=int, default=10, help="articles per analyze call (one story)")
    args = p.parse_args()
    texts = [r["text"] for r in read_jsonl(args.data, args.limit) if r.get("text")]
    if not texts:
        sys.exit("no texts in the data")
    # Each cycle gets a distinct id line, so that repeated texts are not deduplicated away.
    cycled = [f"{texts[i % len(texts)]}\n(copy {i // len(texts)})" for i in range(args.articles)]
    nlp = load_nlp()
    nlp("warm up")

    start = time.perf_counter()
    for _ in nlp.pipe(cycled, batch_size=16):
        pass
    spacy_s = time.perf_counter() - start

    options = Options(min_words=1)
    start = time.perf_counter()
    done = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        for i in range(0, len(cycled), args.batch):
            batch = [
                RawArticle(source=f"a{j}", text=t, format="plain")
                for j, t in enumerate(cycled[i : i + args.batch], start=i)
            ]
            done += len(analyze_raw(batch, options).articles)
    storyline_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    words = sum(len(t.split()) for t in cycled)
    rows = [
        ["bare spaCy nlp.pipe", len(cycled), round(spacy_s, 2), round(len(cycled) / spacy_s, 2)],
        ["storyline analyze", done, round(storyline_s, 2), round(done / storyline_s, 2)],
    ]
    print_table(
        f"Speed on {args.data.name}: {len(cycled)} articles, {words:,} words, batches of {args.batch}",
        ["path", "articles", "seconds", "articles/s"],
        rows,
    )
    print(f"\npeak RSS {peak_mb:.0f} MB")
    emit_metrics(
        {
            "articles": done,
            "storyline_articles_per_s": done / storyline_s,
            "spacy_articles_per_s": len(cycled) / spacy_s,
            "ratio": storyline_s / spacy_s,
            "peak_rss_mb": peak_mb,
        }
    )


if __name__ == "__main__":
    main()
