"""``storyline analyze PATH... -o DIR``: the CLI face of ``storyline.analyze(paths, Options(...))``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from storyline.cli.common import (
    EXIT_SKIPPED,
    check_date,
    report_skipped,
    route_warnings,
    stderr,
    write_outputs,
)
from storyline.errors import Errors, InputError
from storyline.options import Options

if TYPE_CHECKING:
    from storyline.model import Dossier

# A bar only for longer runs: for a handful of articles it would only flicker. Set by hand.
PROGRESS_MIN_ARTICLES = 6
_DEFAULTS = Options()


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write dossier.json, report.md and report.html into this folder.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the dossier as JSON on stdout (all else goes to stderr)."
)
@click.option("--outlet", help="Outlet name for articles whose files do not say.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles whose files do not say.")
@click.option(
    "--summary-sentences",
    default=_DEFAULTS.summary_sentences,
    show_default=True,
    type=click.IntRange(1, 30),
    help="Length of the cited summary.",
)
@click.option(
    "--max-mb",
    default=_DEFAULTS.max_mb,
    show_default=True,
    type=float,
    help="Skip input files larger than this.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) if any input has to be skipped.")
@click.option("-q", "--quiet", is_flag=True, help="No digest or progress bar, only errors.")
def analyze(
    paths: tuple[str, ...],
    out_dir: Path | None,
    as_json: bool,
    outlet: str | None,
    published: str | None,
    summary_sentences: int,
    max_mb: float,
    strict: bool,
    quiet: bool,
) -> None:
    """Analyse the articles in PATHS (files, folders, or - for stdin).

    Reads plain text, HTML, JSONL and CSV (a `text` column, optional title, url,
    outlet, published). Without -o, prints a Markdown report; with --json, the
    dossier JSON.

    Python: storyline.analyze(paths, storyline.Options(...)).
    """
    err = stderr()
    route_warnings(err, quiet)
    options = Options(
        outlet=outlet,
        published=check_date(published),
        summary_sentences=summary_sentences,
        max_mb=max_mb,
        on_error="raise" if strict else "skip",
    )
    dossier = _run(paths, options, err, quiet)
    report_skipped(dossier.skipped, err)
    if not dossier.articles:
        raise InputError(Errors.S202)
    write_outputs(dossier, out_dir, as_json, err, quiet)
    if dossier.skipped:
        sys.exit(EXIT_SKIPPED)


def _run(paths: tuple[str, ...], options: Options, err: Console, quiet: bool) -> Dossier:
    from storyline.pipeline import analyze as analyze_paths

    if quiet:
        return analyze_paths(list(paths), options)
    columns = (
        TextColumn("analysing"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("analyse", total=None, visible=False)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=total >= PROGRESS_MIN_ARTICLES)

        return analyze_paths(list(paths), options, progress=tick)
