"""``storyline ingest PATH...``: add articles to the store, with a progress bar and a summary."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.text import Text

from storyline.cli.common import (
    EXIT_SKIPPED,
    check_date,
    echo,
    plain,
    report_skipped,
    route_warnings,
    stderr,
    stdout,
)
from storyline.cli.store_common import STORE_DEFAULTS, db_option, open_store
from storyline.errors import ConfigError, Errors, InputError
from storyline.options import EngineOptions, Options

if TYPE_CHECKING:
    from storyline.corpus.engines import ParseEngine
    from storyline.store import IngestReport, Store

_DEFAULTS = Options()
_ENGINE = EngineOptions()


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--outlet", help="Outlet name for articles whose files do not say.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles whose files do not say.")
@click.option(
    "--max-mb",
    default=_DEFAULTS.max_mb,
    show_default=True,
    type=float,
    help="Skip input files larger than this.",
)
@click.option("--story", "story_id", help="Put every article into this existing story (no clustering).")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default=_ENGINE.engine,
    show_default=True,
    help="Where articles are parsed: this process, or the Dask cluster at --scheduler.",
)
@click.option("--scheduler", help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786.")
@click.option(
    "--partition-size",
    default=_ENGINE.partition_size,
    show_default=True,
    type=int,
    help="Articles per Dask task (--engine dask).",
)
@click.option(
    "--open-window",
    default=STORE_DEFAULTS.open_window,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many of the latest articles may still change story as later ones arrive "
    "(0: each article's story is decided once, on arrival).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the ingest report as JSON on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary, only errors.")
def ingest(
    paths: tuple[str, ...],
    db_url: str | None,
    outlet: str | None,
    published: str | None,
    max_mb: float,
    story_id: str | None,
    engine: str,
    scheduler: str | None,
    partition_size: int,
    open_window: int,
    as_json: bool,
    quiet: bool,
) -> None:
    """Add the articles in PATHS to the store, each in its story.

    Parses and annotates each new article once, finds its story (or starts one), links
    near-duplicates to their original and stores it all in one transaction per article.
    Articles already stored are skipped, so after a crash the same command carries on.
    With --engine dask, parsing runs on a Dask cluster (every worker needs storyline
    installed) while this process assigns stories and writes, in publication order, so the
    stories come out the same as a local run's.

    Python: Store.open(db).ingest(raws, storyline.Options(...), engine=DaskEngine(address)).
    """
    from storyline.ingest import read_inputs

    err = stderr()
    route_warnings(err, quiet)
    options = Options(outlet=outlet, published=check_date(published), max_mb=max_mb)
    chosen = EngineOptions("dask" if engine == "dask" else "local", scheduler, partition_size)
    parse_engine = _parse_engine(chosen)
    raws, skipped = read_inputs(list(paths), options)
    store_options = STORE_DEFAULTS.with_open_window(open_window)
    with open_store(db_url, store_options.cluster) as store:
        report = _ingest_with_bar(store, raws, options, story_id, err, quiet, parse_engine)
    report.skipped = [*skipped, *report.skipped]
    report_skipped(report.skipped, err)
    if report.added + report.duplicates == 0:
        raise InputError(Errors.S202)
    if as_json:
        echo(sys.stdout, report.model_dump_json(indent=2))
    elif not quiet:
        _print_ingest_summary(report, store.url)
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


class _RateColumn(ProgressColumn):
    """Articles per second, over rich's recent-speed window."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")


def _parse_engine(chosen: EngineOptions) -> ParseEngine | None:
    if chosen.engine == "local":
        return None
    if not chosen.scheduler:
        raise ConfigError(Errors.S410)
    from storyline.corpus.engines import DaskEngine

    return DaskEngine(chosen.scheduler, partition_size=chosen.partition_size)


def _ingest_with_bar(
    store: Store,
    raws: list[Any],
    options: Options,
    story_id: str | None,
    err: Console,
    quiet: bool,
    engine: ParseEngine | None = None,
) -> IngestReport:
    if quiet:
        return store.ingest(raws, options, story=story_id, engine=engine)
    columns = (
        TextColumn("ingesting"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        _RateColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=None, visible=False)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=True)

        return store.ingest(raws, options, progress=tick, story=story_id, engine=engine)


def _print_ingest_summary(report: IngestReport, url: str) -> None:
    stories = len(report.stories_touched)
    out = stdout()
    out.print(
        f"added {report.added} article{'s' if report.added != 1 else ''} to {stories} "
        f"stor{'ies' if stories != 1 else 'y'} ({report.stories_created} new); "
        f"{report.duplicates} already stored, {report.near_duplicates} near-duplicates linked, "
        f"{len(report.skipped)} skipped"
    )
    out.print(f"store: {plain(url)}")
