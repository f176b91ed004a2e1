"""The command line: arguments in, one call to the Python API, output rendered.

``storyline analyze PATH... -o DIR`` mirrors ``storyline.analyze(paths, Options(...))``; the
store commands (``ingest``, ``stories``, ``dossier``, ``search``, ``recluster``) mirror the
methods of ``storyline.store.Store``. Errors a user can fix (``StorylineError``) print one
line and exit 1; inputs that were skipped are listed on stderr and make the exit status 3;
usage errors exit 2.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from storyline import __version__
from storyline.corpus import ClusterConfig
from storyline.errors import ConfigError, Errors, StorylineError
from storyline.model import Dossier
from storyline.options import Options
from storyline.report.view import plural

if TYPE_CHECKING:
    from storyline.corpus.engines import ParseEngine
    from storyline.store import IngestReport, Store

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
    counts = [
        plural(len(dossier.articles), "article"),
        plural(len(people), "person", "people"),
        plural(len(dossier.quotes), "quote"),
        plural(len(dossier.numbers), "number"),
        plural(len(dossier.events), "dated event"),
        plural(len(dossier.conflicts), "conflict"),
    ]
    console.print(" · ".join(counts))
    console.print("\n[bold]Cast[/bold]")
    for entity in [e for e in dossier.entities if e.type in ("PERSON", "ORG")][:5]:
        role = f" — {_plain(entity.roles[0].role)}" if entity.roles else ""
        seen = f"{plural(entity.article_count, 'article')}, {plural(entity.quote_count, 'quote')}"
        console.print(f"  {_plain(entity.name)}{role} ({seen})")
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


# -- the store ----------------------------------------------------------------------------------

_DB_HELP = "Store URL (sqlite:///FILE or postgresql://…); default $STORYLINE_DB, else sqlite:///storyline.db."


def _db_option(command: Any) -> Any:
    return click.option("--db", "db_url", metavar="URL", help=_DB_HELP)(command)


@contextmanager
def _store_command(
    db_url: str | None, err: Console, cluster_config: ClusterConfig | None = None
) -> Iterator[Store]:
    """Open the store for one command; a StorylineError becomes one line and exit 1."""
    from storyline.store import Store

    try:
        with Store.open(db_url, cluster_config) as store:
            yield store
    except StorylineError as exc:
        err.print(f"[red]error:[/red] {_plain(str(exc))}")
        sys.exit(1)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--outlet", help="Outlet name for articles whose files do not say.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles whose files do not say.")
@click.option(
    "--max-mb", default=20.0, show_default=True, type=float, help="Skip input files larger than this."
)
@click.option("--story", "story_id", help="Put every article into this existing story (no clustering).")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where articles are parsed: this process, or the Dask cluster at --scheduler.",
)
@click.option("--scheduler", help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786.")
@click.option(
    "--partition-size",
    default=16,
    show_default=True,
    type=int,
    help="Articles per Dask task (--engine dask).",
)
@click.option(
    "--open-window",
    default=ClusterConfig().open_articles,
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

    err = _stderr()
    _route_warnings(err, quiet)
    try:
        options = Options(outlet=outlet, published=_check_date(published), max_mb=max_mb)
        parse_engine = _parse_engine(engine, scheduler, partition_size)
    except StorylineError as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True)
        sys.exit(1)
    raws, skipped = read_inputs(list(paths), options)
    with _store_command(db_url, err, ClusterConfig(open_articles=open_window)) as store:
        report = _ingest_with_bar(store, raws, options, story_id, err, quiet, parse_engine)
    report.skipped = [*skipped, *report.skipped]
    for skip in report.skipped:
        err.print(f"[yellow]skipped:[/yellow] {_plain(skip.reason)}")
    if report.added + report.duplicates == 0:
        err.print(f"[red]error:[/red] {Errors.S202}")
        sys.exit(1)
    if as_json:
        _echo(sys.stdout, report.model_dump_json(indent=2))
    elif not quiet:
        _print_ingest_summary(report, store.url)
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


class _RateColumn(ProgressColumn):
    """Articles per second, over rich's recent-speed window."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")


def _parse_engine(engine: str, scheduler: str | None, partition_size: int) -> ParseEngine | None:
    if engine == "local":
        return None
    if not scheduler:
        raise ConfigError(Errors.S410)
    from storyline.corpus.engines import DaskEngine

    return DaskEngine(scheduler, partition_size=partition_size)


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
    out = Console(highlight=False, soft_wrap=True)
    stories = len(report.stories_touched)
    out.print(
        f"added {report.added} article{'s' if report.added != 1 else ''} to {stories} "
        f"stor{'ies' if stories != 1 else 'y'} ({report.stories_created} new); "
        f"{report.duplicates} already stored, {report.near_duplicates} near-duplicates linked, "
        f"{len(report.skipped)} skipped"
    )
    out.print(f"store: {_plain(url)}")


@main.command()
@_db_option
@click.option("--since", help="Only stories with an article on or after this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1), help="At most this many stories.")
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON on stdout.")
def stories(db_url: str | None, since: str | None, limit: int | None, as_json: bool) -> None:
    """List the stories in the store, newest activity first.

    Python: Store.open(db).stories(since=date, limit=n).
    """
    err = _stderr()
    try:
        day = dt.date.fromisoformat(_check_date(since) or "") if since else None
    except StorylineError as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True)
        sys.exit(1)
    with _store_command(db_url, err) as store:
        found = store.stories(since=day, limit=limit)
    if as_json:
        _echo(sys.stdout, json.dumps([s.model_dump(mode="json") for s in found], indent=2))
        return
    table = Table(box=None, pad_edge=False)
    table.add_column("story", no_wrap=True)
    table.add_column("latest", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("outlets")
    table.add_column("title")
    for info in found:
        table.add_row(
            info.id,
            info.last_published or "–",
            str(info.n_articles),
            _plain(", ".join(info.outlets) or "–"),
            _plain(info.title or "Untitled"),
        )
    Console(highlight=False).print(table)


@main.command()
@click.argument("story_id", metavar="STORY")
@_db_option
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write dossier.json, report.md and report.html into this folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the dossier as JSON on stdout.")
@click.option(
    "--summary-sentences", default=6, show_default=True, type=click.IntRange(1, 30), help="Summary length."
)
@click.option("-q", "--quiet", is_flag=True, help="No digest, only errors.")
def dossier(
    story_id: str,
    db_url: str | None,
    out_dir: Path | None,
    as_json: bool,
    summary_sentences: int,
    quiet: bool,
) -> None:
    """The dossier of one story, from its stored analyses (nothing is parsed again).

    Rebuilt only when the story's articles changed since it was last built. Outputs as
    `analyze` does: Markdown on stdout, --json, or files with -o.

    Python: Store.open(db).dossier(story_id, storyline.Options(...)).
    """
    err = _stderr()
    _route_warnings(err, quiet)
    with _store_command(db_url, err) as store:
        built = store.dossier(story_id, Options(summary_sentences=summary_sentences))
    _write_outputs(built, out_dir, as_json, err, quiet)


@main.command()
@click.argument("query")
@_db_option
@click.option(
    "--kind",
    type=click.Choice(["article", "quote", "entity"]),
    default="article",
    show_default=True,
    help="What to search.",
)
@click.option("--speaker", help="Only quotes by someone whose name contains this (implies --kind quote).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="Most hits.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON on stdout.")
def search(query: str, db_url: str | None, kind: str, speaker: str | None, limit: int, as_json: bool) -> None:
    """Full-text search of articles, quotes or people and organisations.

    Every word of QUERY must match (English stemming; any text is a safe query). With
    --speaker, QUERY may be "" to list all of someone's quotes.

    Python: Store.open(db).search(query, kind=..., speaker=..., limit=...).
    """
    err = _stderr()
    chosen: Any = "quote" if speaker else kind
    with _store_command(db_url, err) as store:
        hits = store.search(query, kind=chosen, speaker=speaker, limit=limit)
    if as_json:
        _echo(sys.stdout, json.dumps([h.model_dump(mode="json") for h in hits], indent=2))
        return
    if not hits:
        err.print("no matches")
    out = Console(highlight=False, soft_wrap=True)
    for hit in hits:
        who = f" — {_plain(hit.speaker)}" if hit.speaker else ""
        out.print(f"[bold]{hit.story}[/bold] {hit.article} [{hit.start}:{hit.end}]{who}")
        out.print(f"  {_plain(hit.snippet)}")


@main.command()
@_db_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
def recluster(db_url: str | None, as_json: bool) -> None:
    """Re-cluster every stored article into stories, in one pass over the corpus at rest.

    Uses the features stored at ingest (no parsing). Stories made with --story keep their
    articles. Dossiers of changed stories are rebuilt on next use.

    Python: Store.open(db).recluster().
    """
    err = _stderr()
    with _store_command(db_url, err) as store:
        report = store.recluster()
    if as_json:
        _echo(sys.stdout, report.model_dump_json(indent=2))
        return
    Console(highlight=False).print(
        f"re-clustered {report.articles} articles: {report.stories_before} stories before, "
        f"{report.stories_after} after"
    )


# -- the web app --------------------------------------------------------------------------------

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@_db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Off loopback, reading needs the token as well.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--max-mb",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="Largest request body (pasted or uploaded articles) accepted; larger ones get 413.",
)
def serve(db_url: str | None, host: str, port: int, max_mb: float) -> None:
    """Serve the web app and the HTTP API over a store.

    Adding stories or articles needs the access token: $STORYLINE_TOKEN, or else one made at
    start and printed once. API clients send 'Authorization: Bearer TOKEN'; the pages ask for
    it once and keep a cookie. API reference at /docs.

    Python: storyline.web.create_app(db, token).
    """
    import os
    import secrets

    err = _stderr()
    try:
        import uvicorn

        from storyline.web import create_app
    except ImportError as exc:
        err.print(
            f"[red]error:[/red] the web app needs the \\[web] extra ({exc.name} is missing): "
            "pip install 'storyline\\[web]'"
        )
        sys.exit(1)
    given = os.environ.get("STORYLINE_TOKEN", "").strip()
    token = given or secrets.token_urlsafe(24)
    open_reads = host in _LOOPBACK
    try:
        app = create_app(db_url, token, max_mb=max_mb, open_reads=open_reads)
    except StorylineError as exc:
        err.print(f"[red]error:[/red] {_plain(str(exc))}")
        sys.exit(1)
    out = Console(highlight=False, soft_wrap=True)
    shown_host = f"[{host}]" if ":" in host else host
    out.print(f"storyline {__version__} on http://{shown_host}:{port}/  (store: {app.state.web.store.url})")
    if given:
        out.print("access token: the one in STORYLINE_TOKEN")
    else:
        out.print(f"access token (shown once; set STORYLINE_TOKEN to choose it): {token}")
    if not open_reads:
        out.print("not on loopback: reading needs the token too")
    try:
        # A long keep-alive: a client's idle pooled connection is not closed under it mid-reuse.
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=75)
    finally:
        app.state.web.store.close()


if __name__ == "__main__":
    main()
