"""How much of the entity extraction survives a lowercased, tokenized scrape.

Every article text of the GGT dev set (``quotes-ggt``) and the NewsWCL50 dev set is copied
into the shape of a lowercased scrape (seed 000 in ``../shared/seeds``): every word and every
punctuation mark a token, single spaces between tokens, one line, all lowercase, curly quotes
straightened (``labour ' s``, ``1 , 200``, ``" concern "``, ``hamas - run``). The pipeline runs
on the original and on the copy as *separate* stories (a GGT article alone; a NewsWCL50 event's
five articles together), so the copy cannot borrow casing from its own original.

Reference: the PERSON and ORG entity mentions the pipeline finds on the cased original (not
gold annotation). Both runs' mentions are led back to offsets in the original text: the cased
one through its ``offset_map``; the lowercased one through its ``offset_map`` into the copy,
then through the token map built while making the copy. A mention of the copy counts when the
cased run has a mention of the same resolved type (PERSON or ORG) with exactly the same
original span. Only mentions inside text both runs kept are compared (normalise takes a
headline line off plain text into metadata; the one-line copy has no such line). A relaxed
score (same type, spans overlap, one to one) is printed as well.

``--siblings`` adds the seed's situation: each NewsWCL50 article lowercased in turn while the
other four articles of its event stay cased (normalise then borrows the story's own casing).
The headline ``f1_vs_cased`` stays the alone condition.

Usage: .venv/bin/python benchmarks/lowercase.py [--data GGT] [--newswcl F] [--limit N] [--siblings]
"""

from __future__ import annotations

import bisect
import re
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import SHARED, emit_metrics, parser, prf, print_table, read_jsonl
from storyline import analyze_raw
from storyline.errors import StorylineWarning
from storyline.model import Article, Dossier, RawArticle
from storyline.normalise import raw_offset
from storyline.options import Options

TYPES = ("PERSON", "ORG")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})

Span = tuple[str, int, int, str]  # (article source, start, end, type) in original-text offsets


class Lowered:
    """A lowercased, tokenized copy of a text, with the map back to the original."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        self.copy_starts: list[int] = []
        self.orig_starts: list[int] = []
        pos = 0
        for m in _TOKEN.finditer(text):
            token = "".join(c.lower() if len(c.lower()) == 1 else c for c in m.group(0)).translate(_STRAIGHT)
            if parts:
                parts.append(" ")
                pos += 1
            self.copy_starts.append(pos)
            self.orig_starts.append(m.start())
            parts.append(token)
            pos += len(token)
        self.text = "".join(parts)

    def original(self, offset: int) -> int:
        """The original offset of a character of the copy (a space maps to the token before)."""
        n = max(0, bisect.bisect_right(self.copy_starts, offset) - 1)
        return self.orig_starts[n] + (offset - self.copy_starts[n]) if self.copy_starts else offset


def _coverage(article: Article) -> list[tuple[int, int]]:
    """Raw ranges the normalised text was built from (one per offset_map anchor)."""
    anchors = article.offset_map or [(0, 0)]
    out = []
    for n, (a, r) in enumerate(anchors):
        nxt = anchors[n + 1][0] if n + 1 < len(anchors) else len(article.text)
        out.append((r, r + (nxt - a)))
    return out


def _analyze(raws: list[RawArticle]) -> Dossier:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        return analyze_raw(raws, Options(min_words=1))


def _spans(dossier: Dossier, to_original: dict[str, Lowered] | None) -> tuple[set[Span], dict[str, list]]:
    """PERSON/ORG mentions in original offsets, and each article's covered original ranges."""
    by_id = {a.id: a for a in dossier.articles}
    spans: set[Span] = set()
    for entity in dossier.entities:
        if entity.type not in TYPES:
            continue
        for m in entity.mentions:
            art = by_id[m.article]
            start = raw_offset(art.offset_map, m.start)
            end = raw_offset(art.offset_map, m.end - 1) + 1
            if to_original is not None and art.source in to_original:
                lowered = to_original[art.source]
                start, end = lowered.original(start), lowered.original(end - 1) + 1
            spans.add((art.source, start, end, entity.type))
    covered: dict[str, list] = {}
    for art in dossier.articles:
        ranges = _coverage(art)
        if to_original is not None and art.source in to_original:
            lowered = to_original[art.source]
            ranges = _merge_adjacent(ranges, lowered.text)
            ranges = [(lowered.original(s), lowered.original(max(s, e - 1)) + 1) for s, e in ranges]
        covered[art.source] = ranges
    return spans, covered


def _merge_adjacent(ranges: list[tuple[int, int]], raw: str) -> list[tuple[int, int]]:
    """Join ranges separated only by spaces in the raw text.

    Detokenising moves every glued token ("mr ." -> "Mr.") to an anchor of its own, so the
    copy's coverage comes in word-sized ranges; unmerged, no cased mention that spans a glued
    token ("Mr. Trump", "Kim Jong-un") fits inside one range and all of them were dropped.
    """
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and not raw[merged[-1][1] : s].strip():
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _inside(span: Span, covered: dict[str, list]) -> bool:
    return any(s <= span[1] and span[2] <= e for s, e in covered.get(span[0], []))


def compare_story(stories: list[dict[str, Any]]) -> tuple[set[Span], set[Span], float]:
    """Cased and lowercased mention spans of one story, both restricted to text both kept."""
    raws = [
        RawArticle(source=a["id"], text=a["text"], format="plain", outlet=a.get("outlet")) for a in stories
    ]
    lowered = {a["id"]: Lowered(a["text"]) for a in stories}
    low_raws = [r.model_copy(update={"text": lowered[r.source].text}) for r in raws]
    t0 = time.perf_counter()
    cased, cased_cov = _spans(_analyze(raws), None)
    low, low_cov = _spans(_analyze(low_raws), lowered)
    seconds = time.perf_counter() - t0
    cased = {s for s in cased if _inside(s, low_cov)}
    low = {s for s in low if _inside(s, cased_cov)}
    return cased, low, seconds


def compare_with_siblings(stories: list[dict[str, Any]]) -> list[tuple[set[Span], set[Span]]]:
    """Each article lowercased in turn while the event's other articles stay cased.

    This is the seed's situation (one lowercased scrape among cased reports of the same story,
    whose casing normalise borrows); only the lowercased article's mentions are compared.
    """
    raws = [
        RawArticle(source=a["id"], text=a["text"], format="plain", outlet=a.get("outlet")) for a in stories
    ]
    cased_all, cased_cov = _spans(_analyze(raws), None)
    out = []
    for raw in raws:
        lowered = {raw.source: Lowered(raw.text)}
        mixed = [r.model_copy(update={"text": lowered[r.source].text}) if r is raw else r for r in raws]
        low, low_cov = _spans(_analyze(mixed), lowered)
        cased = {s for s in cased_all if s[0] == raw.source and _inside(s, low_cov)}
        low = {s for s in low if s[0] == raw.source and _inside(s, cased_cov)}
        out.append((cased, low))
    return out


def _relaxed_tp(cased: set[Span], low: set[Span]) -> int:
    """One-to-one matches of the same type with overlapping spans (exact matches first)."""
    by_key: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for s in cased:
        by_key[(s[0], s[3])].append(s)
    used: set[Span] = set()
    tp = 0
    for s in sorted(low, key=lambda x: x not in cased):
        for c in sorted(by_key[(s[0], s[3])], key=lambda c: c != s):
            if c not in used and c[1] < s[2] and s[1] < c[2]:
                used.add(c)
                tp += 1
                break
    return tp


def main() -> None:
    p = parser(__doc__.split("\n", 1)[0], "quotes-ggt/dev.jsonl")
    p.add_argument("--newswcl", type=Path, default=SHARED / "entities-newswcl50" / "dev.jsonl")
    p.add_argument("--errors", type=int, default=0, help="print K missed and K extra mentions")
    p.add_argument(
        "--siblings",
        action="store_true",
        help="also score each NewsWCL50 article lowercased among its event's cased articles",
    )
    args = p.parse_args()
    stories: list[tuple[str, list[dict[str, Any]]]] = []
    for r in read_jsonl(args.data, args.limit):
        stories.append(("ggt", [{"id": r["id"], "text": r["text"], "outlet": r.get("outlet")}]))
    for r in read_jsonl(args.newswcl, args.limit):
        stories.append(("newswcl50", r["articles"]))
    tp: Counter[tuple[str, str]] = Counter()
    n_cased: Counter[tuple[str, str]] = Counter()
    n_low: Counter[tuple[str, str]] = Counter()
    relaxed: Counter[str] = Counter()
    missed: Counter[tuple[str, str]] = Counter()
    extra: Counter[tuple[str, str]] = Counter()
    texts = {a["id"]: a["text"] for _, arts in stories for a in arts}
    seconds = 0.0
    for n, (source, arts) in enumerate(stories):
        if n % 10 == 0:
            print(f"story {n + 1}/{len(stories)} ({source}) ...", flush=True)
        cased, low, sec = compare_story(arts)
        seconds += sec
        for t in TYPES:
            c = {s for s in cased if s[3] == t}
            lw = {s for s in low if s[3] == t}
            tp[(source, t)] += len(c & lw)
            n_cased[(source, t)] += len(c)
            n_low[(source, t)] += len(lw)
            relaxed[t] += _relaxed_tp(c, lw)
            missed.update((t, texts[s[0]][s[1] : s[2]]) for s in c - lw)
            extra.update((t, texts[s[0]][s[1] : s[2]]) for s in lw - c)
    rows = []
    scores: dict[str, float] = {}
    for source in ("ggt", "newswcl50", "all"):
        for t in (*TYPES, "both"):
            keys = [
                (s, ty)
                for s in ("ggt", "newswcl50")
                for ty in TYPES
                if (source in ("all", s)) and (t in ("both", ty))
            ]
            pr, rc, f = prf(
                sum(tp[k] for k in keys), sum(n_low[k] for k in keys), sum(n_cased[k] for k in keys)
            )
            rows.append([source, t, sum(n_cased[k] for k in keys), sum(n_low[k] for k in keys), pr, rc, f])
            if source == "all":
                scores[t] = f
    print_table(
        "Lowercased run against the cased run (exact original span + type; F1 in %)",
        ["data", "type", "cased", "lowercased", "P", "R", "F1"],
        rows,
    )
    rel = {}
    for t in TYPES:
        c = sum(n_cased[(s, t)] for s in ("ggt", "newswcl50"))
        lw = sum(n_low[(s, t)] for s in ("ggt", "newswcl50"))
        rel[t] = prf(relaxed[t], lw, c)[2]
    print(f"\nrelaxed (overlap, same type) F1: PERSON {rel['PERSON']:.2f}, ORG {rel['ORG']:.2f}")
    if args.errors:
        print(f"\nIn the cased run only (top {args.errors}):")
        for (t, text), k in missed.most_common(args.errors):
            print(f"  {k:3d}  {t:6s} {text!r}")
        print(f"\nIn the lowercased run only (top {args.errors}):")
        for (t, text), k in extra.most_common(args.errors):
            print(f"  {k:3d}  {t:6s} {text!r}")
    print(f"\n{len(stories)} stories, {seconds:.1f} s for both runs")
    metrics = {
        "f1_vs_cased": scores["both"],
        "person_f1": scores["PERSON"],
        "org_f1": scores["ORG"],
        "person_f1_relaxed": rel["PERSON"],
        "org_f1_relaxed": rel["ORG"],
    }
    if args.siblings:
        metrics["newswcl50_f1_with_cased_siblings"] = _sibling_f1(
            [arts for source, arts in stories if source == "newswcl50"]
        )
    emit_metrics(metrics)


def _sibling_f1(events: list[list[dict[str, Any]]]) -> float:
    """F1 (both types) of lowercased NewsWCL50 articles analysed among their cased siblings."""
    counts: Counter[tuple[str, str]] = Counter()
    for arts in events:
        for cased, low in compare_with_siblings(arts):
            for t in TYPES:
                counts[(t, "tp")] += len({s for s in cased & low if s[3] == t})
                counts[(t, "cased")] += len({s for s in cased if s[3] == t})
                counts[(t, "low")] += len({s for s in low if s[3] == t})
    print("\nNewsWCL50, each article lowercased among its event's cased articles:")
    for t in TYPES:
        f = prf(counts[(t, "tp")], counts[(t, "low")], counts[(t, "cased")])[2]
        print(f"  {t} F1 {f:.2f}")
    both = prf(*(sum(counts[(t, k)] for t in TYPES) for k in ("tp", "low", "cased")))[2]
    print(f"  both F1 {both:.2f} (alone, the same articles: the newswcl50 'both' row above)")
    return both


if __name__ == "__main__":
    main()
