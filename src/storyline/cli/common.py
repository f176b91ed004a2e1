"""What every command shares: the consoles, the one error handler, warnings, and output files.

Exit statuses, set here and nowhere else: 0 done; 1 an error a user can fix (a
``StorylineError``, printed as one ``error: [Sxxx] …`` line); 2 a usage error (click's own);
3 done, but some input was skipped (each skip is listed on stderr).
"""

from __future__ import annotations

import datetime as dt
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click
from rich.console import Console
from rich.markup import escape

from storyline.errors import ConfigError, Errors, StorylineError

if TYPE_CHECKING:
    from storyline.model import Dossier, Skipped

EXIT_ERROR = 1
EXIT_USAGE = 2  # click's UsageError exit status, named here for the docs
EXIT_SKIPPED = 3


class StorylineGroup(click.Group):
    """The command group with the CLI's one error handler around every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StorylineError as exc:
            fail(str(exc))


def fail(message: str) -> NoReturn:
    """Print one ``error:`` line and exit 1."""
    stderr().print(f"[red]error:[/red] {plain(message)}")
    sys.exit(EXIT_ERROR)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def plain(text: str) -> str:
    """Article text and messages must not be read as Rich markup."""
    return escape(text)


def echo(stream: TextIO, text: str) -> None:
    stream.write(text if text.endswith("\n") else text + "\n")


def report_skipped(skipped: list[Skipped], err: Console) -> None:
    for skip in skipped:
        err.print(f"[yellow]skipped:[/yellow] {plain(skip.reason)}")


def check_date(value: str | None) -> str | None:
    """An ISO date flag, checked (S201)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigError(Errors.S201.format(value=value)) from exc


def route_warnings(err: Console, quiet: bool) -> None:
    """Coded warnings become one stderr line each (no Python warning boilerplate)."""

    def show(
        message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None
    ) -> None:
        if not quiet:
            err.print(f"[yellow]warning:[/yellow] {plain(str(message))}")

    warnings.showwarning = show


def write_outputs(dossier: Dossier, out_dir: Path | None, as_json: bool, err: Console, quiet: bool) -> None:
    """The dossier as files (-o), JSON (--json) or Markdown on stdout, and the digest."""
    from storyline.cli.digest import print_digest
    from storyline.report.html import render_html
    from storyline.report.markdown import render_markdown

    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(out_dir / "dossier.json", dossier.to_json())
        write_atomic(out_dir / "report.md", render_markdown(dossier))
        write_atomic(out_dir / "report.html", render_html(dossier))
    if as_json:
        echo(sys.stdout, dossier.to_json())
    elif out_dir is None:
        echo(sys.stdout, render_markdown(dossier))
    if out_dir is not None and not quiet:
        print_digest(dossier, err if as_json else stdout())
        err.print(f"report: {(out_dir / 'report.html').resolve()}")


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file and rename, so a crash never leaves half a report."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
