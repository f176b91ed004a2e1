"""Benchmark gate: re-measure the dev scores that matter and fail when one drops below its floor.

``benchmarks/floors.json`` pins, per benchmark, the command that measures it (a benchmark script
of this directory and its arguments, data paths relative to ``../shared/benchmarks``), the sha256
of every data file it was measured on, and per metric the measured value (the floor) and a
noise tolerance. The gate runs each benchmark as a subprocess, reads its last line (one JSON
object of metrics, as every benchmark prints), and fails (exit 1) when a metric is more than its
noise below its floor, or when a data file's digest is not the one the floor was measured on
(the floor says nothing about other data). It says which metric or file failed.

``--update`` rewrites the floors (and digests) from this run; it refuses to lower a floor unless
``--allow-lower`` is given, so a regression cannot be waved through by accident.
``--only NAME,NAME`` runs some benchmarks only. Without ``../shared/benchmarks`` the gate says
so and exits 0 (the benchmark data is not part of the repository).

Usage::

    .venv/bin/python benchmarks/gate.py [--only quotes,timex] [--update [--allow-lower]]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLOORS = HERE / "floors.json"
DATA_PLACEHOLDER = "{data}"


def default_data_dir() -> Path:
    """``../shared/benchmarks`` beside the repository (where ``make bench`` looks too)."""
    return ROOT.parent / "shared" / "benchmarks"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def last_json_line(output: str) -> dict[str, Any] | None:
    """The benchmark's metrics: the last non-empty line of its output, if it is a JSON object."""
    lines = [line for line in output.splitlines() if line.strip()]
    if not lines:
        return None
    try:
        metrics = json.loads(lines[-1])
    except json.JSONDecodeError:
        return None
    return metrics if isinstance(metrics, dict) else None


def check_digests(spec: dict[str, Any], data_dir: Path) -> tuple[list[str], dict[str, str]]:
    """Problems with the benchmark's data files, and their digests as they are now."""
    problems: list[str] = []
    now: dict[str, str] = {}
    for name, pinned in spec["digests"].items():
        path = data_dir / name
        if not path.exists():
            problems.append(f"data file missing: {path}")
            continue
        now[name] = sha256(path)
        if now[name] != pinned:
            problems.append(
                f"data file changed: {name} has sha256 {now[name][:12]}…, the floors were measured "
                f"on {pinned[:12]}… (re-measure with --update if the new data is meant)"
            )
    return problems, now


def run_benchmark(
    spec: dict[str, Any], data_dir: Path, log_dir: Path, name: str
) -> tuple[dict[str, Any] | None, float]:
    """Run one benchmark script; its metrics (None when it failed) and its wall time."""
    args = [str(a).replace(DATA_PLACEHOLDER, str(data_dir)) for a in spec["command"]]
    command = [sys.executable, str(HERE / args[0]), *args[1:]]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    log = log_dir / f"{name}.log"
    log.write_text(
        done.stdout + ("\n--- stderr ---\n" + done.stderr if done.stderr else ""), encoding="utf-8"
    )
    if done.returncode != 0:
        print(f"  {name}: exit {done.returncode}; output in {log}\n{done.stderr[-800:]}")
        return None, seconds
    metrics = last_json_line(done.stdout)
    if metrics is None:
        print(f"  {name}: no JSON metrics line at the end of its output; output in {log}")
    return metrics, seconds


def compare(name: str, floors: dict[str, Any], metrics: dict[str, Any]) -> list[str]:
    """Print each metric against its floor; the failures."""
    failures: list[str] = []
    for metric, floor in floors.items():
        value = metrics.get(metric)
        if not isinstance(value, int | float):
            failures.append(f"{name}.{metric}: not measured (got {value!r})")
            print(f"    {metric:<28} {'—':>9}  floor {floor['value']:>9}  FAIL (missing)")
            continue
        low = floor["value"] - floor["noise"]
        ok = value >= low
        delta = value - floor["value"]
        verdict = "ok" if ok else "FAIL"
        print(
            f"    {metric:<28} {value:>9}  floor {floor['value']:>9} ± {floor['noise']:<6} "
            f"({delta:+.4g})  {verdict}"
        )
        if not ok:
            failures.append(
                f"{name}.{metric}: {value} is {floor['value'] - value:.4g} below the floor {floor['value']} "
                f"(noise {floor['noise']})"
            )
    return failures


def lowered(name: str, floors: dict[str, Any], metrics: dict[str, Any]) -> list[str]:
    """Floors an update would lower (a measured value under the pinned one)."""
    return [
        f"{name}.{metric}: {metrics.get(metric)} < {floor['value']}"
        for metric, floor in floors.items()
        if isinstance(metrics.get(metric), int | float) and metrics[metric] < floor["value"]
    ]


def _arguments() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, default=default_data_dir(), help="the benchmark data")
    p.add_argument("--floors", type=Path, default=FLOORS, help="the floors file")
    p.add_argument("--only", default=None, help="run only these benchmarks (comma-separated names)")
    p.add_argument("--update", action="store_true", help="rewrite the floors from this run")
    p.add_argument("--allow-lower", action="store_true", help="with --update: allow lowering a floor")
    p.add_argument("--logs", type=Path, default=None, help="keep each benchmark's full output here")
    return p.parse_args()


def main() -> int:
    args = _arguments()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # CI logs show progress
    args.data_dir = args.data_dir.resolve()  # the benchmarks run from the repository root
    if not args.data_dir.is_dir():
        print(f"benchmark gate skipped: no benchmark data at {args.data_dir}")
        return 0
    spec_all = json.loads(args.floors.read_text(encoding="utf-8"))
    names = list(spec_all["benchmarks"])
    if args.only:
        wanted = args.only.split(",")
        unknown = sorted(set(wanted) - set(names))
        if unknown:
            print(f"unknown benchmark(s): {', '.join(unknown)} (known: {', '.join(names)})")
            return 2
        names = [n for n in names if n in wanted]
    log_dir = args.logs or Path(tempfile.mkdtemp(prefix="storyline-gate-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    refused: list[str] = []
    started = time.perf_counter()
    for name in names:
        spec = spec_all["benchmarks"][name]
        print(f"\n{name}: {' '.join(spec['command'])}")
        problems, digests = check_digests(spec, args.data_dir)
        for problem in problems:
            print(f"  {problem}")
        if any(p.startswith("data file missing") for p in problems):
            failures += [f"{name}: {p}" for p in problems]
            continue
        metrics, seconds = run_benchmark(spec, args.data_dir, log_dir, name)
        print(f"  {seconds:.0f} s")
        if metrics is None:
            failures.append(f"{name}: the benchmark did not report its metrics (log in {log_dir})")
            continue
        if args.update:
            refused += [] if args.allow_lower else lowered(name, spec["floors"], metrics)
            for metric, floor in spec["floors"].items():
                if isinstance(metrics.get(metric), int | float):
                    floor["value"] = metrics[metric]
            spec["digests"] = digests
            spec["measured"] = datetime.now(UTC).strftime("%Y-%m-%d")
            spec["seconds"] = round(seconds)
        failures += [f"{name}: {p}" for p in problems]
        failures += compare(name, spec["floors"], metrics) if not args.update else []
    print(f"\ngate: {len(names)} benchmark(s) in {time.perf_counter() - started:.0f} s")
    if args.update:
        if refused:
            print("refusing to lower floors (give --allow-lower if that is meant):")
            print("\n".join(f"  {r}" for r in refused))
            return 1
        args.floors.write_text(json.dumps(spec_all, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"floors rewritten: {args.floors}")
        return 0
    if failures:
        print("FAILED:")
        print("\n".join(f"  {f}" for f in failures))
        return 1
    print("all floors held")
    return 0


if __name__ == "__main__":
    sys.exit(main())
