"""Shared plumbing for the benchmark scripts: arguments, JSONL, tables, the metrics line.

Every script reads gold data in the JSONL formats of ``../shared/benchmarks/README.md`` from
``--data PATH``, prints a readable table, and prints as its very last line one JSON object
of metrics (so ``tail -n 1`` of any benchmark is machine-readable).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"


def parser(description: str, default_data: str) -> argparse.ArgumentParser:
    """An argument parser with --data (default under ../shared/benchmarks) and --limit."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", type=Path, default=SHARED / default_data, help="gold JSONL file")
    p.add_argument("--limit", type=int, default=None, help="use only the first N records")
    return p


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    if not path.exists():
        sys.exit(f"benchmark data not found: {path} (is ../shared/benchmarks there?)")
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    """Precision, recall, F1 as percentages (0 where undefined)."""
    p = 100.0 * tp / n_pred if n_pred else 0.0
    r = 100.0 * tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def emit_metrics(metrics: dict[str, Any]) -> None:
    """The last line of every benchmark: one JSON object."""
    rounded = {k: round(v, 2) if isinstance(v, float) else v for k, v in metrics.items()}
    print(json.dumps(rounded, sort_keys=False))


def _fmt(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)
