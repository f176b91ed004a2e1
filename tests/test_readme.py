"""The README's quick start shows real output: re-run its command and compare the digest.

``make run`` is ``storyline analyze examples/flood-story -o out/example``; the README shows the
digest it prints. A line ``...`` in the README stands for lines it leaves out (the rest of the
summary); the ``report:`` line names a path that differs per machine, so it is not compared.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ELISION = "..."


def readme_digest(readme: Path) -> list[str]:
    """The lines of the fenced block after the quick start's 'prints this digest' sentence."""
    text = readme.read_text(encoding="utf-8")
    quick_start = text.split("## Quick start", 1)[1]
    after = quick_start.split("prints", 1)[1]
    block = re.search(r"```\n(.*?)```", after, flags=re.DOTALL)
    assert block, "no digest block in the README's quick start"
    return block.group(1).splitlines()


def comparable(lines: list[str]) -> list[str]:
    """Lines without the machine-specific report path and without blank edges."""
    kept = [line.rstrip() for line in lines if not line.startswith("report:")]
    while kept and not kept[0]:
        kept.pop(0)
    while kept and not kept[-1]:
        kept.pop()
    return kept


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether ``printed`` is ``shown`` with each ``...`` line standing for zero or more lines."""
    if not shown:
        return not printed
    if shown[0].strip() == ELISION:
        return any(matches(shown[1:], printed[i:]) for i in range(len(printed) + 1))
    return bool(printed) and printed[0] == shown[0] and matches(shown[1:], printed[1:])


def test_readme_quick_start_digest_is_what_make_run_prints(repo_root: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyline",
            "analyze",
            "examples/flood-story",
            "-o",
            str(tmp_path / "example"),
        ],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    printed = comparable(done.stdout.splitlines())
    shown = comparable(readme_digest(repo_root / "README.md"))
    assert any(line.startswith("report:") for line in (done.stdout + done.stderr).splitlines())
    assert matches(shown, printed), "README digest differs from the output:\n" + "\n".join(printed)


def test_elision_matching() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "  ...", "b"], ["a", "b"])
    assert not matches(["a", "...", "d"], ["a", "b", "c"])
    assert not matches(["a", "b"], ["a", "c"])
