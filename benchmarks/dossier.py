"""Real-story dossier benchmark: the BASIL dossier scorer run on storyline as a black box.

The scorer and its gold stories live in ``../shared/benchmarks/dossier-basil/`` (``score.py``,
``dev.jsonl``, ``GUIDELINE.md``); they are not copied here, so the metric definitions stay the
scorer's own. For each gold story the scorer writes the articles to a JSONL file, runs
``storyline analyze FILE -o DIR`` (the ``storyline`` beside this Python interpreter), maps the
dossier's offsets back to the raw text and scores quotes, speakers, the cast, numbers, times,
conflicts, agreements and the summary's form. Its table (and the first ``--errors`` examples of
each kind of error) is printed as it comes, and its last line is one JSON object of metrics
(fractions, 0..1), which is this script's last line too.

Usage::

    .venv/bin/python benchmarks/dossier.py [--data PATH] [--only ID,ID] [--errors N]

All 30 dev stories take ~6 min on a quiet 2-core machine (~12 s per story).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from _harness import SHARED

SCORER_DIR = SHARED / "dossier-basil"


def _arguments() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=SCORER_DIR / "dev.jsonl", help="gold stories JSONL")
    p.add_argument("--scorer", type=Path, default=SCORER_DIR / "score.py", help="the dossier scorer")
    p.add_argument(
        "--only", default=None, help="score only these story ids (comma-separated, 8-char prefixes ok)"
    )
    p.add_argument("--errors", type=int, default=15, help="print N example errors of each kind")
    return p.parse_args()


def storyline_binary() -> Path:
    """The ``storyline`` console script of the environment this script runs in."""
    return Path(sys.executable).parent / "storyline"


def main() -> None:
    args = _arguments()
    for path, what in ((args.scorer, "dossier scorer"), (args.data, "gold stories")):
        if not path.exists():
            sys.exit(f"{what} not found: {path} (is ../shared/benchmarks there?)")
    binary = storyline_binary()
    if not binary.exists():
        sys.exit(f"storyline not found beside {sys.executable}: install the package (make setup)")
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as out:
        command = [
            sys.executable,
            str(args.scorer),
            str(args.data),
            "--storyline",
            str(binary),
            "--out",
            out,
            "--errors",
            str(args.errors),
        ]
        if args.only:
            command += ["--only", args.only]
        done = subprocess.run(command, check=False)
    if done.returncode != 0:
        sys.exit(f"dossier scorer failed (exit {done.returncode})")


if __name__ == "__main__":
    main()
