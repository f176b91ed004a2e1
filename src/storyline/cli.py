"""The command line: arguments in, one call to the Python API, output rendered.

``storyline analyze PATH... -o DIR`` mirrors ``storyline.analyze(paths, Options(...))``.
Errors a user can fix (``StorylineError``) print one line and exit 1; inputs that were
skipped are listed on stderr and make the exit status 3; usage errors exit 2.
"""

from __future__ import annotations

import datetime as dt
import sys
import warnings
from pathlib import Path
from typing import Any, TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from storyline import __version__
from storyline.errors import ConfigError, Errors, StorylineError
from storyline.model import Dossier
from storyline.options import Options

EXIT_SKIPPED = 3
_PROGRESS_MIN_ARTICLES = 6


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """storyline: turn news articles about one story into a cited dossier.

    Every person, quote, number and date in the dossier points to the exact
    characters of the article it came from.
    """


@main.command()
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
    default=6,
    show_default=True,
    type=click.IntRange(1, 30),
    help="Length of the cited summary.",
)
@click.option(
    "--max-mb", default=20.0, show_default=True, type=float, help="Skip input files larger than this."
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
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    _route_warnings(err, quiet)
    try:
        options = Options(
            outlet=outlet,
            published=_check_date(published),
            summary_sentences=summary_sentences,
            max_mb=max_mb,
            strict=strict,
        )
        dossier = _run(paths, options, err, quiet)
    except StorylineError as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True)
        sys.exit(1)
    _report_skipped(dossier, err)
    if not dossier.articles:
        err.print(f"[red]error:[/red] {Errors.S202}")
        sys.exit(1)
    if strict and dossier.skipped:
        sys.exit(1)
    _write_outputs(dossier, out_dir, as_json, err, quiet)
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
            # A bar only for longer runs: for a handful of articles it would only flicker.
            bar.update(task, completed=done, total=total, visible=total >= _PROGRESS_MIN_ARTICLES)

        return analyze_paths(list(paths), options, progress=tick)


def _write_outputs(dossier: Dossier, out_dir: Path | None, as_json: bool, err: Console, quiet: bool) -> None:
    from storyline.report.html import render_html
    from storyline.report.markdown import render_markdown

    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_atomic(out_dir / "dossier.json", dossier.to_json())
        _write_atomic(out_dir / "report.md", render_markdown(dossier))
        _write_atomic(out_dir / "report.html", render_html(dossier))
    if as_json:
        _echo(sys.stdout, dossier.to_json())
    elif out_dir is None:
        _echo(sys.stdout, render_markdown(dossier))
    if out_dir is not None and not quiet:
        _print_digest(dossier, err if as_json else Console(highlight=False, soft_wrap=True))
        err.print(f"report: {(out_dir / 'report.html').resolve()}")


def _write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file and rename, so a crash never leaves half a report."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _echo(stream: TextIO, text: str) -> None:
    stream.write(text if text.endswith("\n") else text + "\n")


def _print_digest(dossier: Dossier, console: Console) -> None:
    """One screen: counts, the top of the cast, conflicts, and the summary."""
    people = [e for e in dossier.entities if e.type == "PERSON"]
    console.print(f"[bold]{_plain(dossier.title or 'Untitled story')}[/bold]")
    console.print(
        f"{len(dossier.articles)} articles · {len(people)} people · {len(dossier.quotes)} quotes · "
        f"{len(dossier.numbers)} numbers · {len(dossier.events)} dated events · "
        f"{len(dossier.conflicts)} conflicts"
    )
    console.print("\n[bold]Cast[/bold]")
    for entity in [e for e in dossier.entities if e.type in ("PERSON", "ORG")][:5]:
        role = f" — {_plain(entity.roles[0].role)}" if entity.roles else ""
        console.print(
            f"  {_plain(entity.name)}{role} ({entity.article_count} articles, {entity.quote_count} quotes)"
        )
    if dossier.conflicts:
        console.print("\n[bold]Conflicts[/bold]")
        titles = {a.id: a.outlet or Path(a.source).name for a in dossier.articles}
        for conflict in dossier.conflicts:
            sides = " vs ".join(
                f"{i.value:,.0f} ({_plain(titles.get(i.article, i.article))})" for i in conflict.items
            )
            console.print(f"  {_plain(conflict.about)}: {sides}")
            if conflict.note:
                console.print(f"    {_plain(conflict.note)}")
    if dossier.summary:
        console.print("\n[bold]Summary[/bold]")
        for sentence in dossier.summary:
            mark = " [contested]" if sentence.contested else ""
            n = len({c.article for c in sentence.sources})
            sources = f"{n} source{'s' if n != 1 else ''}"
            console.print(f"  • {_plain(sentence.text)} [dim]({sources}){_plain(mark)}[/dim]")


def _plain(text: str) -> str:
    """Article text must not be read as Rich markup."""
    from rich.markup import escape

    return escape(text)


def _report_skipped(dossier: Dossier, err: Console) -> None:
    for skip in dossier.skipped:
        err.print(f"[yellow]skipped:[/yellow] {_plain(skip.reason)}")


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigError(Errors.S201.format(value=value)) from exc


def _route_warnings(err: Console, quiet: bool) -> None:
    """Coded warnings become one stderr line each (no Python warning boilerplate)."""

    def show(
        message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None
    ) -> None:
        if not quiet:
            err.print(f"[yellow]warning:[/yellow] {_plain(str(message))}")

    warnings.showwarning = show


if __name__ == "__main__":
    main()
