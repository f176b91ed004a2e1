"""The one-screen digest ``analyze -o`` and ``dossier -o`` print: counts, cast, conflicts, summary."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from storyline.cli.common import plain
from storyline.model import Dossier
from storyline.report.view import plural

# How many people and organisations the digest's cast lists.
DIGEST_CAST = 5


def print_digest(dossier: Dossier, console: Console) -> None:
    """One screen: counts, the top of the cast, conflicts, and the summary."""
    console.print(f"[bold]{plain(dossier.title or 'Untitled story')}[/bold]")
    console.print(" · ".join(_counts(dossier)))
    _print_cast(dossier, console)
    _print_conflicts(dossier, console)
    if dossier.summary:
        console.print("\n[bold]Summary[/bold]")
        for sentence in dossier.summary:
            mark = " [contested]" if sentence.contested else ""
            n = len({c.article for c in sentence.sources})
            sources = f"{n} source{'s' if n != 1 else ''}"
            console.print(f"  • {plain(sentence.text)} [dim]({sources}){plain(mark)}[/dim]")


def _counts(dossier: Dossier) -> list[str]:
    people = [e for e in dossier.entities if e.type == "PERSON"]
    return [
        plural(len(dossier.articles), "article"),
        plural(len(people), "person", "people"),
        plural(len(dossier.quotes), "quote"),
        plural(len(dossier.numbers), "number"),
        plural(len(dossier.events), "dated event"),
        plural(len(dossier.conflicts), "conflict"),
    ]


def _print_cast(dossier: Dossier, console: Console) -> None:
    console.print("\n[bold]Cast[/bold]")
    for entity in [e for e in dossier.entities if e.type in ("PERSON", "ORG")][:DIGEST_CAST]:
        role = f" — {plain(entity.roles[0].role)}" if entity.roles else ""
        seen = f"{plural(entity.article_count, 'article')}, {plural(entity.quote_count, 'quote')}"
        console.print(f"  {plain(entity.name)}{role} ({seen})")


def _print_conflicts(dossier: Dossier, console: Console) -> None:
    if not dossier.conflicts:
        return
    console.print("\n[bold]Conflicts[/bold]")
    titles = {a.id: a.outlet or Path(a.source).name for a in dossier.articles}
    for conflict in dossier.conflicts:
        sides = " vs ".join(
            f"{i.value:,.0f} ({plain(titles.get(i.article, i.article))})" for i in conflict.items
        )
        console.print(f"  {plain(conflict.about)}: {sides}")
        if conflict.note:
            console.print(f"    {plain(conflict.note)}")
