"""Publication-date inference: hide the known date of every dev article, infer it, compare.

Data: every record with a date in timex-te3/dev (the DCT), quotes-polnear/dev and
stories-neus/dev (``published`` where not null). ``infer_published(text, today=...)`` runs on
the text alone. ``today`` is, by default, the record's own date + 30 days: the tool is meant
for analysing a story while it is news, so the day of analysis is soon after publication; it
bounds the weekday-to-year search from above, as the real day of analysis does. ``--today
YYYY-MM-DD`` uses one fixed day for every record instead (a far-future cutoff is a stress
test: with no year in the text every weekday then resolves to the latest year that fits).

Measures: coverage (share of articles given a date), year / month / day accuracy over the
dated ones (a month is right only with its year, a day only with its month), and the abstain
rate. It does not measure how sure the reason is, nor dates taken from metadata.

    .venv/bin/python benchmarks/published.py [--today YYYY-MM-DD] [--limit N] [--errors K]
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _harness import SHARED, emit_metrics, parser, print_table, read_jsonl
from storyline.normalise.published import infer_published

SETS = ("timex-te3/dev.jsonl", "quotes-polnear/dev.jsonl", "stories-neus/dev.jsonl")


def main() -> None:
    p = parser(__doc__.splitlines()[0], SETS[0])
    p.add_argument("--today", type=dt.date.fromisoformat, default=None, help="fixed day of analysis")
    p.add_argument("--errors", type=int, default=0, help="print K wrong inferences")
    args = p.parse_args()
    started = time.perf_counter()
    rows: list[list[object]] = []
    totals = {"n": 0, "dated": 0, "year": 0, "month": 0, "day": 0}
    errors: list[str] = []
    for name in SETS:
        counts = {"n": 0, "dated": 0, "year": 0, "month": 0, "day": 0}
        for record in read_jsonl(SHARED / name, args.limit):
            gold = _gold(record)
            if gold is None:
                continue
            today = args.today or gold + dt.timedelta(days=30)
            inferred = infer_published(record["text"], today=today)
            counts["n"] += 1
            if inferred is None:
                continue
            got = dt.date.fromisoformat(inferred[0])
            counts["dated"] += 1
            counts["year"] += got.year == gold.year
            counts["month"] += (got.year, got.month) == (gold.year, gold.month)
            counts["day"] += got == gold
            if got != gold:
                errors.append(f"{name} {record['id']}: gold {gold} got {got} — {inferred[1]}")
        rows.append(_row(name, counts))
        for key in totals:
            totals[key] += counts[key]
    rows.append(_row("all", totals))
    elapsed = time.perf_counter() - started
    for line in errors[: args.errors]:
        print("  " + line)
    today_note = args.today.isoformat() if args.today else "record date + 30 days"
    print_table(
        f"Publication-date inference, dates hidden (today = {today_note}, {elapsed:.1f}s)",
        ["set", "n", "dated", "coverage", "year acc", "month acc", "day acc", "abstain"],
        rows,
    )
    n, dated = totals["n"], totals["dated"]
    emit_metrics(
        {
            "n": n,
            "coverage": _pct(dated, n),
            "year_accuracy": _pct(totals["year"], dated),
            "month_accuracy": _pct(totals["month"], dated),
            "day_accuracy": _pct(totals["day"], dated),
            "abstain_rate": _pct(n - dated, n),
        }
    )


def _gold(record: dict[str, Any]) -> dt.date | None:
    published = record.get("published")
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _row(name: str, c: dict[str, int]) -> list[object]:
    return [
        name,
        c["n"],
        c["dated"],
        _pct(c["dated"], c["n"]),
        _pct(c["year"], c["dated"]),
        _pct(c["month"], c["dated"]),
        _pct(c["day"], c["dated"]),
        _pct(c["n"] - c["dated"], c["n"]),
    ]


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


if __name__ == "__main__":
    main()
