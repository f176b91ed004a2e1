"""The store's read commands: ``stories``, ``dossier``, ``search``, and ``recluster``.

Each mirrors one ``Store`` method and prints its result as a table, text or JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from storyline.cli.common import check_date, echo, plain, route_warnings, stderr, stdout, write_outputs
from storyline.cli.store_common import db_option, open_store
from storyline.options import Options, SearchOptions

_DEFAULTS = Options()
_SEARCH = SearchOptions()


@click.command()
@db_option
@click.option("--since", help="Only stories with an article on or after this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1), help="At most this many stories.")
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON on stdout.")
def stories(db_url: str | None, since: str | None, limit: int | None, as_json: bool) -> None:
    """List the stories in the store, newest activity first.

    Python: Store.open(db).stories(since=date, limit=n).
    """
    day = dt.date.fromisoformat(check_date(since) or "") if since else None
    with open_store(db_url) as store:
        found = store.stories(since=day, limit=limit)
    if as_json:
        echo(sys.stdout, json.dumps([s.model_dump(mode="json") for s in found], indent=2))
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
            plain(", ".join(info.outlets) or "–"),
            plain(info.title or "Untitled"),
        )
    Console(highlight=False).print(table)


@click.command()
@click.argument("story_id", metavar="STORY")
@db_option
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write dossier.json, report.md and report.html into this folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the dossier as JSON on stdout.")
@click.option(
    "--summary-sentences",
    default=_DEFAULTS.summary_sentences,
    show_default=True,
    type=click.IntRange(1, 30),
    help="Summary length.",
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
    err = stderr()
    route_warnings(err, quiet)
    with open_store(db_url) as store:
        built = store.dossier(story_id, Options(summary_sentences=summary_sentences))
    write_outputs(built, out_dir, as_json, err, quiet)


@click.command()
@click.argument("query")
@db_option
@click.option(
    "--kind",
    type=click.Choice(["article", "quote", "entity"]),
    default=_SEARCH.kind,
    show_default=True,
    help="What to search.",
)
@click.option("--speaker", help="Only quotes by someone whose name contains this (implies --kind quote).")
@click.option(
    "--limit", default=_SEARCH.limit, show_default=True, type=click.IntRange(1, 1000), help="Most hits."
)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON on stdout.")
def search(query: str, db_url: str | None, kind: str, speaker: str | None, limit: int, as_json: bool) -> None:
    """Full-text search of articles, quotes or people and organisations.

    Every word of QUERY must match (English stemming; any text is a safe query). With
    --speaker, QUERY may be "" to list all of someone's quotes.

    Python: Store.open(db).search(query, kind=..., speaker=..., limit=...).
    """
    chosen: Any = "quote" if speaker else kind
    with open_store(db_url) as store:
        hits = store.search(query, kind=chosen, speaker=speaker, limit=limit)
    if as_json:
        echo(sys.stdout, json.dumps([h.model_dump(mode="json") for h in hits], indent=2))
        return
    if not hits:
        stderr().print("no matches")
    out = stdout()
    for hit in hits:
        who = f" — {plain(hit.speaker)}" if hit.speaker else ""
        out.print(f"[bold]{hit.story}[/bold] {hit.article} [{hit.start}:{hit.end}]{who}")
        out.print(f"  {plain(hit.snippet)}")


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
def recluster(db_url: str | None, as_json: bool) -> None:
    """Re-cluster every stored article into stories, in one pass over the corpus at rest.

    Uses the features stored at ingest (no parsing). Stories made with --story keep their
    articles. Dossiers of changed stories are rebuilt on next use.

    Python: Store.open(db).recluster().
    """
    with open_store(db_url) as store:
        report = store.recluster()
    if as_json:
        echo(sys.stdout, report.model_dump_json(indent=2))
        return
    Console(highlight=False).print(
        f"re-clustered {report.articles} articles: {report.stories_before} stories before, "
        f"{report.stories_after} after"
    )
