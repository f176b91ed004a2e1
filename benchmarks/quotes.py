"""Benchmark the quote extractor on GenderGapTracker (GGT) and PolNeAR dev data.

GGT, scored as GGT's own ``evaluate_quotes.py`` does: gold quotes are taken in order and each is
matched greedily to the remaining prediction that covers the largest share of its characters,
if that share is over the threshold (0.3 and 0.8); every prediction left unmatched is a false
positive. Speaker accuracy (over matched quotes): the speaker spans overlap, or both are null;
we also accept our ``speaker_name`` equal to GGT's resolved ``speaker_name`` (reported apart as
well). Verb accuracy: cue strings equal in lower case (both null counts as equal).

PolNeAR: exact-match P/R/F1 per role (source = speaker span, cue, content = quote span) and a
begin-match variant for content (same start offset).

Usage: .venv/bin/python benchmarks/quotes.py [--data F] [--polnear F | --no-polnear] [--limit N] [--errors K]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import SHARED, emit_metrics, parser, prf, print_table, read_jsonl
from storyline.annotate import annotate
from storyline.extract.quotes import extract_quotes
from storyline.model import Quote

THRESHOLDS = (0.3, 0.8)


def _coverage(gold: tuple[int, int], pred: tuple[int, int]) -> float:
    """Share of the gold span's characters that the prediction covers (GGT's asymmetric score)."""
    if gold[1] <= gold[0] or pred[1] <= pred[0]:
        return 0.0
    return max(0, min(gold[1], pred[1]) - max(gold[0], pred[0])) / (gold[1] - gold[0])


def _speaker_span_match(gold: dict[str, Any], pred: Quote) -> bool:
    if gold["speaker_start"] is None:
        return pred.speaker_start is None
    if pred.speaker_start is None or pred.speaker_end is None:
        return False
    return _coverage((gold["speaker_start"], gold["speaker_end"]), (pred.speaker_start, pred.speaker_end)) > 0


def _name_match(gold: dict[str, Any], pred: Quote) -> bool:
    g, p = (gold.get("speaker_name") or "").lower().strip(), (pred.speaker_name or "").lower().strip()
    return bool(g and p) and (g == p or g.split()[-1] == p.split()[-1])


def score_ggt_doc(golds: list[dict[str, Any]], preds: list[Quote], threshold: float) -> dict[str, Any]:
    remaining = list(preds)
    res: dict[str, Any] = {"tp": 0, "fn": [], "spk": 0, "spk_span": 0, "verb": 0, "matched": []}
    for g in golds:
        best, best_score = None, 0.0
        for p in remaining:
            score = _coverage((g["start"], g["end"]), (p.start, p.end))
            if score > threshold and score > best_score:
                best, best_score = p, score
        if best is None:
            res["fn"].append(g)
            continue
        remaining.remove(best)
        res["tp"] += 1
        span_ok = _speaker_span_match(g, best)
        res["spk_span"] += span_ok
        res["spk"] += span_ok or _name_match(g, best)
        res["verb"] += (g["cue"] or "").lower().strip() == (best.cue or "").lower().strip()
        res["matched"].append((g, best, span_ok or _name_match(g, best)))
    res["fp"] = remaining
    return res


def run_ggt(path: Path, limit: int | None, errors: int) -> dict[str, float]:
    records = list(read_jsonl(path, limit))
    t0 = time.perf_counter()
    docs = list(annotate(r["text"] for r in records))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    preds = [extract_quotes(doc, r["id"]) for doc, r in zip(docs, records, strict=True)]
    t_extract = time.perf_counter() - t0
    n_gold = sum(len(r["quotes"]) for r in records)
    n_pred = sum(len(p) for p in preds)
    rows, metrics = [], {}
    for th in THRESHOLDS:
        results = [score_ggt_doc(r["quotes"], p, th) for r, p in zip(records, preds, strict=True)]
        tp = sum(x["tp"] for x in results)
        p, r, f = prf(tp, n_pred, n_gold)
        spk = 100.0 * sum(x["spk"] for x in results) / tp if tp else 0.0
        spk_span = 100.0 * sum(x["spk_span"] for x in results) / tp if tp else 0.0
        verb = 100.0 * sum(x["verb"] for x in results) / tp if tp else 0.0
        rows.append([f"> {th}", tp, n_pred, n_gold, p, r, f, spk, spk_span, verb])
        metrics.update({f"precision@{th}": p, f"recall@{th}": r, f"f1@{th}": f})
        if th == 0.3:
            metrics.update(
                {"speaker_accuracy": spk, "speaker_accuracy_span": spk_span, "verb_accuracy": verb}
            )
            if errors:
                _print_errors(records, results, errors)
    print_table(
        f"GGT quotes ({path.name}, {len(records)} articles)",
        ["match", "TP", "pred", "gold", "P", "R", "F1", "speaker", "speaker(span)", "verb"],
        rows,
    )
    by_kind = _recall_by_kind(records, preds)
    print_table("GGT recall by gold kind (> 0.3)", ["kind", "gold", "matched", "recall"], by_kind)
    overhead = 100.0 * t_extract / t_parse if t_parse else 0.0
    print(f"\nspaCy parse {t_parse:.2f}s, extract_quotes {t_extract:.3f}s (+{overhead:.1f}% of the parse)")
    metrics["extract_overhead_pct"] = overhead
    return metrics


def _recall_by_kind(records: list[dict[str, Any]], preds: list[list[Quote]]) -> list[list[object]]:
    rows = []
    for kind in ("direct", "indirect"):
        golds = [[q for q in r["quotes"] if q["kind"] == kind] for r in records]
        n = sum(len(g) for g in golds)
        tp = sum(score_ggt_doc(g, p, 0.3)["tp"] for g, p in zip(golds, preds, strict=True))
        rows.append([kind, n, tp, 100.0 * tp / n if n else 0.0])
    return rows


def _print_errors(records: list[dict[str, Any]], results: list[dict[str, Any]], k: int) -> None:
    misses = [(r, g) for r, x in zip(records, results, strict=True) for g in x["fn"]]
    fps = [(r, p) for r, x in zip(records, results, strict=True) for p in x["fp"]]
    bad_spk = [
        (r, g, p) for r, x in zip(records, results, strict=True) for g, p, ok in x["matched"] if not ok
    ]
    print(f"\n--- misses ({len(misses)}) ---")
    for r, g in misses[:k]:
        print(f"[{r['id']}] {g['kind']} spk={g['speaker']!r} cue={g['cue']!r}\n   {_context(r['text'], g)}")
    print(f"\n--- false positives ({len(fps)}) ---")
    for r, p in fps[:k]:
        print(f"[{r['id']}] {p.kind} spk={p.speaker_text!r} cue={p.cue!r}\n   {_context(r['text'], p)}")
    print(f"\n--- wrong speakers ({len(bad_spk)}) ---")
    for r, g, p in bad_spk[:k]:
        print(
            f"[{r['id']}] gold={g['speaker']!r}/{g['speaker_name']!r} pred={p.speaker_text!r}/"
            f"{p.speaker_name!r}\n   {_context(r['text'], g)}"
        )


def _context(text: str, q: Any) -> str:
    start, end = (q["start"], q["end"]) if isinstance(q, dict) else (q.start, q.end)
    body = text[start:end]
    body = body if len(body) < 220 else body[:100] + " … " + body[-100:]
    return repr(text[max(0, start - 70) : start]) + " [[" + body + "]] " + repr(text[end : end + 50])


def run_polnear(path: Path, limit: int | None) -> dict[str, float]:
    records = list(read_jsonl(path, limit))
    docs = annotate(r["text"] for r in records)
    counts = {role: [0, 0, 0] for role in ("source", "cue", "content", "content (begin)")}
    for doc, rec in zip(docs, records, strict=True):
        preds = extract_quotes(doc, rec["id"])
        pairs = {
            "source": (
                {
                    (q["speaker_start"], q["speaker_end"])
                    for q in rec["quotes"]
                    if q["speaker_start"] is not None
                },
                {(p.speaker_start, p.speaker_end) for p in preds if p.speaker_start is not None},
            ),
            "cue": (
                {(q["cue_start"], q["cue_end"]) for q in rec["quotes"] if q["cue_start"] is not None},
                {(p.cue_start, p.cue_end) for p in preds if p.cue_start is not None},
            ),
            "content": ({(q["start"], q["end"]) for q in rec["quotes"]}, {(p.start, p.end) for p in preds}),
            "content (begin)": ({q["start"] for q in rec["quotes"]}, {p.start for p in preds}),
        }
        for role, (gold, pred) in pairs.items():
            counts[role][0] += len(gold & pred)  # type: ignore[operator]
            counts[role][1] += len(pred)
            counts[role][2] += len(gold)
    rows = [
        [role, tp, n_pred, n_gold, *prf(tp, n_pred, n_gold)] for role, (tp, n_pred, n_gold) in counts.items()
    ]
    print_table(
        f"PolNeAR exact match ({path.name}, {len(records)} articles)",
        ["role", "TP", "pred", "gold", "P", "R", "F1"],
        rows,
    )
    f1 = {role: prf(*c)[2] for role, c in counts.items()}
    return {
        "polnear_source_f1": f1["source"],
        "polnear_cue_f1": f1["cue"],
        "polnear_content_f1": f1["content"],
        "polnear_content_begin_f1": f1["content (begin)"],
    }


def main() -> None:
    p = parser(__doc__.splitlines()[0], "quotes-ggt/dev.jsonl")
    p.add_argument("--polnear", type=Path, default=SHARED / "quotes-polnear" / "dev.jsonl")
    p.add_argument("--no-polnear", action="store_true", help="score GGT only (the gate's fast run)")
    p.add_argument("--errors", type=int, default=0, help="print K misses, false positives, bad speakers")
    args = p.parse_args()
    t0 = time.perf_counter()
    metrics = run_ggt(args.data, args.limit, args.errors)
    if args.polnear.exists() and not args.no_polnear:
        metrics.update(run_polnear(args.polnear, args.limit))
    else:
        why = "--no-polnear" if args.no_polnear else f"{args.polnear} not found"
        print(f"\nPolNeAR skipped: {why}")
        metrics.update(
            {
                k: None
                for k in (
                    "polnear_source_f1",
                    "polnear_cue_f1",
                    "polnear_content_f1",
                    "polnear_content_begin_f1",
                )
            }
        )
    print(f"\nbenchmark runtime {time.perf_counter() - t0:.1f}s")
    emit_metrics(metrics)


if __name__ == "__main__":
    main()
