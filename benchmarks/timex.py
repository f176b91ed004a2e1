"""TempEval-3 Task A for the time-expression extractor (timex-te3 JSONL).

Measures: strict span P/R/F1 (exact offsets), relaxed span P/R/F1 (any overlap, one-to-one),
type F1 (relaxed match with equal type counts as a hit) and value F1 (relaxed match with equal
TIMEX3 value), overall and per gold/predicted type. Each document is resolved against its DCT
(the ``published`` field, date part only). It does not measure anchoring of events to times.

    .venv/bin/python benchmarks/timex.py [--data PATH] [--limit N] [--errors K]
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _harness import emit_metrics, parser, prf, print_table, read_jsonl
from storyline.annotate import annotate
from storyline.extract.timex import extract_timexes
from storyline.model import TimeExpression

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass
class Tally:
    """Counts for one slice (overall or one type)."""

    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    typed: int = 0
    valued: int = 0


@dataclass
class Scores:
    overall: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in TYPES})
    errors: list[str] = field(default_factory=list)


def dct_of(record: dict[str, Any]) -> dt.date | None:
    published = record.get("published")
    return dt.date.fromisoformat(published[:10]) if published else None


def match_relaxed(gold: Sequence[dict[str, Any]], pred: Sequence[TimeExpression]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) of overlapping spans, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p.end) - max(g["start"], p.start)
            if overlap > 0:
                candidates.append((-overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def score_document(record: dict[str, Any], pred: list[TimeExpression], scores: Scores) -> None:
    gold = record["timexes"]
    pairs = match_relaxed(gold, pred)
    gold_spans = {(g["start"], g["end"]) for g in gold}
    for tally, gold_of, pred_of in _slices(scores):
        tally.gold += sum(1 for g in gold if gold_of(g["type"]))
        tally.pred += sum(1 for p in pred if pred_of(p.type))
        tally.strict += sum(1 for p in pred if pred_of(p.type) and (p.start, p.end) in gold_spans)
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            if gold_of(g["type"]) or pred_of(p.type):
                tally.relaxed += gold_of(g["type"]) and pred_of(p.type)
                tally.typed += g["type"] == p.type and gold_of(g["type"])
                tally.valued += g["value"] == p.value and gold_of(g["type"]) and pred_of(p.type)
    _collect_errors(record, gold, pred, pairs, scores)


def _slices(scores: Scores) -> list[tuple[Tally, Any, Any]]:
    everything = [(scores.overall, lambda _t: True, lambda _t: True)]
    return everything + [(tally, _is(t), _is(t)) for t, tally in scores.by_type.items()]


def _is(kind: str) -> Any:
    return lambda t: t == kind


def _collect_errors(
    record: dict[str, Any],
    gold: Sequence[dict[str, Any]],
    pred: Sequence[TimeExpression],
    pairs: list[tuple[int, int]],
    scores: Scores,
) -> None:
    text, dct = record["text"], record.get("published")
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            scores.errors.append(
                f"MISSED   {g['text']!r} {g['type']} {g['value']} (dct {dct}) …{_around(text, g)}…"
            )
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            scores.errors.append(f"SPURIOUS {p.text!r} {p.type} {p.value} (dct {dct})")
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        if (g["start"], g["end"]) != (p.start, p.end):
            scores.errors.append(f"EXTENT   gold {g['text']!r} pred {p.text!r}")
        if g["value"] != p.value or g["type"] != p.type:
            scores.errors.append(
                f"VALUE    {g['text']!r} gold {g['type']} {g['value']} pred {p.type} {p.value} (dct {dct}) "
                f"…{_around(text, g)}…"
            )


def _around(text: str, g: dict[str, Any], width: int = 50) -> str:
    return text[max(0, g["start"] - width) : g["end"] + width].replace("\n", " ")


def row(name: str, t: Tally) -> list[object]:
    sp, sr, sf = prf(t.strict, t.pred, t.gold)
    _, _, rf = prf(t.relaxed, t.pred, t.gold)
    _, _, tf = prf(t.typed, t.pred, t.gold)
    _, _, vf = prf(t.valued, t.pred, t.gold)
    return [name, t.gold, t.pred, sp, sr, sf, rf, tf, vf]


def main() -> None:
    p = parser(__doc__.splitlines()[0], "timex-te3/dev.jsonl")
    p.add_argument("--errors", type=int, default=0, help="print K example errors of each kind")
    args = p.parse_args()
    records = list(read_jsonl(args.data, args.limit))
    started = time.perf_counter()
    scores = Scores()
    for record, doc in zip(records, annotate(r["text"] for r in records), strict=True):
        score_document(record, extract_timexes(doc, record["id"], dct_of(record)), scores)
    elapsed = time.perf_counter() - started
    if args.errors:
        _print_errors(scores.errors, args.errors)
    headers = [
        "slice",
        "gold",
        "pred",
        "strict P",
        "strict R",
        "strict F1",
        "relaxed F1",
        "type F1",
        "value F1",
    ]
    rows = [row("overall", scores.overall)] + [row(t, tally) for t, tally in scores.by_type.items()]
    print_table(f"TempEval-3 Task A on {args.data.name} ({len(records)} docs, {elapsed:.1f}s)", headers, rows)
    o = scores.overall
    sp, sr, sf = prf(o.strict, o.pred, o.gold)
    emit_metrics(
        {
            "strict_f1": sf,
            "relaxed_f1": prf(o.relaxed, o.pred, o.gold)[2],
            "value_f1": prf(o.valued, o.pred, o.gold)[2],
            "type_f1": prf(o.typed, o.pred, o.gold)[2],
            "strict_precision": sp,
            "strict_recall": sr,
            "docs": len(records),
            "timexes": o.gold,
            "seconds": elapsed,
        }
    )


def _print_errors(errors: list[str], k: int) -> None:
    for kind in ("MISSED", "SPURIOUS", "EXTENT", "VALUE"):
        chosen = [e for e in errors if e.startswith(kind)]
        print(f"\n{kind}: {len(chosen)}")
        for line in chosen[:k]:
            print("  " + line)


if __name__ == "__main__":
    main()
