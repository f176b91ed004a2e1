"""Benchmark cross-article entity resolution on NewsWCL50 (dev: events 0, 2, 4, 6, 8).

For each event the five outlets' articles are one story: ``analyze_raw`` with
``Options(min_words=1)``. Each predicted entity mention is mapped back to the gold article
text through the article's ``offset_map`` (start via ``raw_offset(start)``, end via
``raw_offset(end - 1) + 1``) and must read the same there, whitespace aside (the rest are
counted and left out).

Alignment: a predicted and a gold mention of the same article are candidates when they
overlap and either (a) both have the same head word (the last word before a post-modifier:
"of", "who", ",", "(" …; lowercased, possessive stripped), or (b) the overlap is at least 2/3
of the longer span. The prediction's head is found the same way as the gold's since resolve
adds role phrases as mentions: "ranking member of the House Committee on Homeland Security"
has the head "member", and must not align, by its last word, to the gold "the House Committee
on Homeland Security" (the previous resolver scores the same either way). (A looser "50 % of
the shorter span" rule aligned the NORP modifier "North Korean" to the gold "North Korean
leader", i.e. to Kim.)
Candidate pairs are taken greedily, one to one, best first by (head match, overlap, smaller
length difference), over the gold mentions of *every* chain type, so a prediction that is
really an EVENT or ACTOR-I mention is used up there and not scored.

Honesty of the alignment: it is one to one, so a prediction can stand for one gold mention
only, and a prediction over two gold mentions of different chains cannot score both. It is
lenient in one direction: predicted mentions aligned to nothing cost nothing (see below), so
producing more mentions can only raise recall; it cannot hide a wrong link between mentions
that are aligned. Checked by hand on dev: "North Korean" does not align to "North Korean
leader", "Trump" not to "the Trump administration", "White House" not to "chief White House
correspondent", "Trump's former lead lawyer in the Russia inquiry" not to "the Russia
inquiry". The phrases resolve adds for governments ("the Trump administration", "American
officials", "the country") align by the same two rules; a country mention that grows into one
("American" into "American officials") is replaced by it, not kept beside it.

Scored chains: ACTOR, COUNTRY and GROUP (people, states with their governments, groups and
bodies; NewsWCL50 has no separate ORG type). ACTOR-I is left out of the headline: each
ACTOR-I chain bundles the *different* minor individuals of one side ("Flynn", "Manafort",
"James Comey" are one ACTOR-I chain), so it is not an identity relation; it is shown apart.
EVENT, ACTION, OBJECT, MISC are not entities.

Scoring: the key is the gold chains of the scored types; the response is the predicted
entities restricted to the gold mentions they were aligned to. A gold mention nothing was
aligned to is twinless (in the key only), the reference scorer's standard treatment of
predicted mentions: it costs recall in all three metrics. The "filled" column instead adds
each as a response singleton (the gold-mention setting; it lifts B3 precision and sinks CEAF-e
precision). Predicted mentions aligned to nothing are counted, not scored (NewsWCL50 does not
annotate every name, so they are not known to be wrong). MUC, B3, CEAF-e and CoNLL F1 are summed
over events the way the CoNLL scorer sums documents. The same aligned mentions are also
scored under a string-match baseline (same normalised last word = same entity) and an oracle
(gold clusters for aligned mentions): the oracle is the ceiling set by mention detection.

Resolution speed: the LocalEntity lists of the dev articles are copied to 250 / 500 / 1,000
articles; in copy k some name words get a copy-specific suffix (half of the distinct words,
by hash), so copies share part of the cast, as a long-running story does, but are not
identical. ``resolve_entities`` is timed on each.

Usage: .venv/bin/python benchmarks/entities.py [--data F] [--limit N] [--errors K]
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import emit_metrics, parser, print_table, read_jsonl
from coref_metrics import ZERO, CorefScores, score
from storyline import analyze_raw
from storyline.annotate import annotate
from storyline.errors import StorylineWarning
from storyline.extract.entities import extract_entities
from storyline.model import Article, LocalEntity, RawArticle
from storyline.normalise import normalise, raw_offset
from storyline.options import Options
from storyline.resolve import resolve_entities

SCORED_TYPES = ("ACTOR", "COUNTRY", "GROUP")
SHOWN_TYPES = ("ACTOR", "COUNTRY", "GROUP", "ACTOR-I")
MIN_OVERLAP = 2 / 3  # of the longer span, when the head words differ
SIZES = (250, 500, 1000)

Key = tuple[str, int, int]  # (gold article id, start, end)


@dataclass
class Pred:
    article: str  # gold article id
    start: int
    end: int
    text: str
    entity: str  # predicted entity id
    entity_name: str
    entity_type: str


@dataclass
class Gold:
    article: str
    start: int
    end: int
    text: str
    chain: str
    type: str

    @property
    def key(self) -> Key:
        return (self.article, self.start, self.end)


@dataclass
class EventResult:
    event: str
    preds: list[Pred]
    golds: list[Gold]
    aligned: dict[Key, Pred]  # gold key -> the prediction aligned to it
    misaligned: int
    n_mentions: int
    seconds: float
    by_type: dict[str, dict[str, CorefScores]] = field(default_factory=dict)


# -- predictions ----------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def run_event(record: dict[str, Any]) -> tuple[list[Pred], int, int, float]:
    """The pipeline's entity mentions for one event, in gold-text offsets."""
    raws = [
        RawArticle(source=a["id"], text=a["text"], format="plain", outlet=a.get("outlet"))
        for a in record["articles"]
    ]
    gold_text = {a["id"]: a["text"] for a in record["articles"]}
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        dossier = analyze_raw(raws, Options(min_words=1))
    seconds = time.perf_counter() - t0
    by_id = {a.id: a for a in dossier.articles}
    preds: list[Pred] = []
    misaligned = total = 0
    for entity in dossier.entities:
        for m in entity.mentions:
            total += 1
            article = by_id[m.article]
            start = raw_offset(article.offset_map, m.start)
            end = raw_offset(article.offset_map, m.end - 1) + 1
            text = gold_text.get(article.source, "")
            if _squash(text[start:end]) != _squash(m.text):
                misaligned += 1
                continue
            preds.append(Pred(article.source, start, end, m.text, entity.id, entity.name, entity.type))
    return preds, misaligned, total, seconds


# -- alignment -------------------------------------------------------------------------------------


def _last_word(text: str) -> str:
    words = re.sub(r"['’]s?$", "", text.strip()).lower().split()
    return re.sub(r"['’]s$", "", words[-1]) if words else ""


_POSTMODIFIER = re.compile(r"\s(?:of|who|that|which|whose|from|at|in|for|with)\s|\s?[,(]\s?")


def gold_head(text: str) -> str:
    """Approximate head word of a gold mention: the last word before a post-modifier.

    "President Moon Jae - in of South Korea" -> "in"; "North Korean leader" -> "leader".
    """
    return _last_word(_POSTMODIFIER.split(text, maxsplit=1)[0] or text)


def align(preds: list[Pred], golds: list[Gold]) -> dict[Key, Pred]:
    by_article: dict[str, list[Gold]] = defaultdict(list)
    for g in golds:
        by_article[g.article].append(g)
    candidates = []
    for n, p in enumerate(preds):
        for g in by_article[p.article]:
            overlap = min(p.end, g.end) - max(p.start, g.start)
            if overlap <= 0:
                continue
            head = gold_head(p.text) == gold_head(g.text)
            longer = max(p.end - p.start, g.end - g.start)
            if head or overlap >= MIN_OVERLAP * longer:
                rank = (head, overlap, -abs((p.end - p.start) - (g.end - g.start)))
                candidates.append((rank, n, g.key))
    candidates.sort(key=lambda c: c[0], reverse=True)
    used_p: set[int] = set()
    aligned: dict[Key, Pred] = {}
    for _, n, key in candidates:
        if n in used_p or key in aligned:
            continue
        used_p.add(n)
        aligned[key] = preds[n]
    return aligned


# -- scoring ---------------------------------------------------------------------------------------


def _key_clusters(golds: list[Gold]) -> list[set[Hashable]]:
    chains: dict[str, set[Hashable]] = defaultdict(set)
    for g in golds:
        chains[g.chain].add(g.key)
    return list(chains.values())


def _response(golds: list[Gold], label: dict[Key, Hashable], fill: bool) -> list[set[Hashable]]:
    """Clusters of the aligned gold mentions by label.

    An unaligned gold mention is twinless (absent from the response, the scorer's standard
    treatment of predicted mentions), or with ``fill`` a singleton of its own.
    """
    clusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    for g in golds:
        if g.key in label:
            clusters[label[g.key]].add(g.key)
        elif fill:
            clusters[("unaligned", g.key)].add(g.key)
    return list(clusters.values())


def baseline_label(pred: Pred) -> str:
    """String match: the normalised head word (last token, lowercased, possessive stripped)."""
    return _last_word(pred.text)


SYSTEMS = ("system", "baseline", "oracle", "system_filled", "baseline_filled")


def score_event(golds: list[Gold], aligned: dict[Key, Pred]) -> dict[str, CorefScores]:
    key = _key_clusters(golds)
    scored = {g.key for g in golds}
    system: dict[Key, Hashable] = {k: p.entity for k, p in aligned.items() if k in scored}
    baseline: dict[Key, Hashable] = {
        k: "head:" + baseline_label(p) for k, p in aligned.items() if k in scored
    }
    oracle: dict[Key, Hashable] = {g.key: g.chain for g in golds if g.key in aligned}
    return {
        "system": score(key, _response(golds, system, False)),
        "baseline": score(key, _response(golds, baseline, False)),
        "oracle": score(key, _response(golds, oracle, False)),
        "system_filled": score(key, _response(golds, system, True)),
        "baseline_filled": score(key, _response(golds, baseline, True)),
    }


def evaluate(record: dict[str, Any]) -> EventResult:
    preds, misaligned, total, seconds = run_event(record)
    golds = [
        Gold(m["article"], m["start"], m["end"], m["text"], chain["id"], chain["type"])
        for chain in record["chains"]
        for m in chain["mentions"]
    ]
    aligned = align(preds, golds)
    result = EventResult(record["id"], preds, golds, aligned, misaligned, total, seconds)
    result.by_type["all"] = score_event([g for g in golds if g.type in SCORED_TYPES], aligned)
    for t in SHOWN_TYPES:
        result.by_type[t] = score_event([g for g in golds if g.type == t], aligned)
    return result


# -- errors ----------------------------------------------------------------------------------------


def print_errors(results: list[EventResult], k: int) -> None:
    wrong: Counter[tuple[str, str, str]] = Counter()
    missed: Counter[tuple[str, str, str]] = Counter()
    undetected: Counter[tuple[str, str]] = Counter()
    for res in results:
        golds = [g for g in res.golds if g.type in SCORED_TYPES]
        chain_of = {g.key: g.chain for g in golds}
        # Wrong merges: one predicted entity over mentions of several gold chains.
        by_entity: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        for key, p in res.aligned.items():
            if key in chain_of:
                by_entity[p.entity][chain_of[key]][p.text] += 1
        for chains in by_entity.values():
            if len(chains) > 1:
                names = sorted(chains, key=lambda c: -sum(chains[c].values()))
                for a in names:
                    for b in names:
                        if a < b:
                            ta = "/".join(t for t, _ in chains[a].most_common(2))
                            tb = "/".join(t for t, _ in chains[b].most_common(2))
                            wrong[(res.event, f"{a} [{ta}]", f"{b} [{tb}]")] += 1
        # Missed links: one gold chain split over several predicted entities.
        by_chain: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        for key, p in res.aligned.items():
            if key in chain_of:
                by_chain[chain_of[key]][f"{p.entity}:{p.entity_name}"][p.text] += 1
        for chain, entities in by_chain.items():
            if len(entities) > 1:
                biggest = max(entities, key=lambda e: sum(entities[e].values()))
                for e, texts in entities.items():
                    if e != biggest:
                        missed[
                            (chain, biggest.split(":", 1)[1], "/".join(t for t, _ in texts.most_common(3)))
                        ] += sum(texts.values())
        for g in golds:
            if g.key not in res.aligned:
                undetected[(g.type, g.text.lower())] += 1
    print(f"\nWrong merges (one predicted entity over two gold chains), first {k}:")
    for (event, a, b), _ in wrong.most_common(k):
        print(f"  {event}: {a}  +  {b}")
    print(f"\nMissed links (gold chain split; mentions outside its biggest predicted entity), top {k}:")
    for (chain, main, texts), n in missed.most_common(k):
        print(f"  {n:3d}  {chain}: {texts!r} not joined to {main!r}")
    print(f"\nGold mentions no prediction aligned to (most frequent), top {k}:")
    for (t, text), n in undetected.most_common(k):
        print(f"  {n:3d}  {t:8s} {text!r}")


# -- resolution timing -----------------------------------------------------------------------------


def _suffix(k: int) -> str:
    letters = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        letters = chr(ord("a") + r) + letters
    return letters


def _perturb_word(word: str, k: int) -> str:
    if k == 0 or not word[:1].isupper():
        return word
    digest = hashlib.blake2b(f"{k}:{word.lower()}".encode(), digest_size=1).digest()[0]
    return word + _suffix(k) if digest % 2 else word


def _perturb(text: str, k: int) -> str:
    return re.sub(r"[A-Z][\w’'-]*", lambda m: _perturb_word(m.group(0), k), text)


def time_resolution(records: list[dict[str, Any]]) -> dict[int, tuple[float, int, int]]:
    articles: list[Article] = []
    for record in records:
        for a in record["articles"]:
            raw = RawArticle(source=a["id"], text=a["text"], format="plain", outlet=a.get("outlet"))
            articles.append(normalise(raw, None, 1))
    local: list[list[LocalEntity]] = [
        extract_entities(doc, art.id)
        for doc, art in zip(annotate(a.text for a in articles), articles, strict=True)
    ]
    out: dict[int, tuple[float, int, int]] = {}
    for size in SIZES:
        items: list[LocalEntity] = []
        arts: list[Article] = []
        for n in range(size):
            k, base = divmod(n, len(articles))
            art = articles[base]
            aid = f"{art.id}-{k}"
            arts.append(art.model_copy(update={"id": aid}))
            for e in local[base]:
                items.append(
                    e.model_copy(
                        update={
                            "article": aid,
                            "name": _perturb(e.name, k),
                            "mentions": [
                                m.model_copy(update={"article": aid, "text": _perturb(m.text, k)})
                                for m in e.mentions
                            ],
                        }
                    )
                )
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            entities = resolve_entities(items, arts)
            best = min(best, time.perf_counter() - t0)
        out[size] = (best, len(items), len(entities))
        print(
            f"  resolve_entities on {size} articles: {best:.3f} s ({len(items)} local entities)", flush=True
        )
    return out


# -- main ------------------------------------------------------------------------------------------


def main() -> None:
    p = parser(__doc__.split("\n", 1)[0], "entities-newswcl50/dev.jsonl")
    p.add_argument("--errors", type=int, default=0, help="print K example wrong merges and missed links")
    p.add_argument("--no-timing", action="store_true", help="skip the resolve_entities timing")
    args = p.parse_args()
    records = list(read_jsonl(args.data, args.limit))
    results = []
    for record in records:
        print(f"{record['id']}: {len(record['articles'])} articles ...", flush=True)
        results.append(evaluate(record))

    def fmt(s: CorefScores) -> list[object]:
        return [100 * s.muc.f1, 100 * s.b3.f1, 100 * s.ceafe.f1, 100 * s.conll_f1]

    def total(results_: list[EventResult], t: str) -> dict[str, CorefScores]:
        acc = dict.fromkeys(SYSTEMS, ZERO)
        for res in results_:
            for name in SYSTEMS:
                acc[name] = acc[name] + res.by_type[t][name]
        return acc

    def row(label: str, results_: list[EventResult], t: str, types: tuple[str, ...]) -> list[object]:
        s = total(results_, t)
        golds = [g for res in results_ for g in res.golds if g.type in types]
        hit = sum(g.key in res.aligned for res in results_ for g in res.golds if g.type in types)
        return [
            label,
            len(golds),
            100 * hit / max(1, len(golds)),
            *fmt(s["system"]),
            100 * s["baseline"].conll_f1,
            100 * s["oracle"].conll_f1,
            100 * s["system_filled"].conll_f1,
            100 * s["baseline_filled"].conll_f1,
        ]

    headers = ["aligned%", "MUC", "B3", "CEAF-e", "CoNLL", "baseline", "oracle", "filled", "base-filled"]
    rows = [row(res.event, [res], "all", SCORED_TYPES) for res in results]
    rows.append(row("all", results, "all", SCORED_TYPES))
    print_table(
        f"Per event (gold mentions of {'/'.join(SCORED_TYPES)}; F1 in %; filled = unaligned gold "
        "mentions as response singletons)",
        ["event", "gold", *headers],
        rows,
    )
    type_rows = [
        row(t + (" (not scored)" if t not in SCORED_TYPES else ""), results, t, (t,)) for t in SHOWN_TYPES
    ]
    print_table("Per type (each type's chains scored alone)", ["type", "gold", *headers], type_rows)
    n_pred = sum(len(res.preds) for res in results)
    n_all = sum(res.n_mentions for res in results)
    n_mis = sum(res.misaligned for res in results)
    n_unaligned = n_pred - sum(len(res.aligned) for res in results)
    seconds = sum(res.seconds for res in results)
    n_gold = sum(g.type in SCORED_TYPES for res in results for g in res.golds)
    n_aligned = sum(g.type in SCORED_TYPES and g.key in res.aligned for res in results for g in res.golds)
    overall = total(results, "all")
    system, base, oracle = overall["system"], overall["baseline"], overall["oracle"]
    print(
        f"\npredicted mentions: {n_all}; not reading back in the gold text: {n_mis}; "
        f"aligned to no gold mention: {n_unaligned} of {n_pred}"
    )
    if args.errors:
        print_errors(results, args.errors)
    timing: dict[int, tuple[float, int, int]] = {}
    if not args.no_timing:
        print("\nResolution alone (resolve_entities, best of 3):", flush=True)
        timing = time_resolution(records)
        if len(timing) == len(SIZES):
            t = [timing[s][0] for s in SIZES]
            print(f"  ratios 500/250 = {t[1] / t[0]:.2f}, 1000/500 = {t[2] / t[1]:.2f} (2.0 = linear)")
    metrics: dict[str, Any] = {
        "conll_f1": 100 * system.conll_f1,
        "muc_f1": 100 * system.muc.f1,
        "b3_f1": 100 * system.b3.f1,
        "ceafe_f1": 100 * system.ceafe.f1,
        "baseline_conll_f1": 100 * base.conll_f1,
        "oracle_conll_f1": 100 * oracle.conll_f1,
        "filled_conll_f1": 100 * overall["system_filled"].conll_f1,
        "mention_recall": 100 * n_aligned / max(1, n_gold),
        "mentions_per_s": n_all / seconds if seconds else 0.0,
    }
    for size in SIZES:
        if size in timing:
            metrics[f"resolve_s_{size}"] = round(timing[size][0], 4)
    emit_metrics(metrics)


if __name__ == "__main__":
    main()
