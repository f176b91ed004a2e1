"""Server-side rendering: the story page reuses the report's view model and section partials.

The report's partials (``report/templates/_summary.html.j2`` …) link every item through
``ix.anchor(cite)``. Here ``ix`` is a ``WebIndex``, whose anchors point at the article page
with the span highlighted (``/stories/S/articles/A?hl=START-END#c-START-END``) instead of at
an in-page mark, so the dossier is written once and shown twice.

Article text is untrusted: it reaches a page only through Jinja2 autoescaping or through
``highlight_spans`` and the timeline SVG, which escape every piece themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import quote

import jinja2

from storyline.model import Article, Dossier
from storyline.report import view
from storyline.report.html import (
    Span,
    article_spans,
    collect_spans,
    configure_environment,
    dossier_context,
    highlight_spans,
)

_HL = re.compile(r"(\d{1,9})-(\d{1,9})")


class WebIndex(view.ReportIndex):
    """The report's look-ups, with links to the web app's article pages."""

    def __init__(self, dossier: Dossier, story_id: str) -> None:
        super().__init__(dossier)
        self.story_id = story_id

    def span_id(self, article_id: str, start: int, end: int) -> str:
        # An article page shows one article, so the offsets alone make a unique id.
        return f"c-{start}-{end}"

    def story_url(self) -> str:
        return f"/stories/{quote(self.story_id, safe='')}"

    def article_url(self, article_id: str) -> str:
        return f"{self.story_url()}/articles/{quote(article_id, safe='')}"

    def anchor(self, cite: Any) -> str | None:
        if not self.is_valid(cite):
            return None
        span = f"{cite.start}-{cite.end}"
        return f"{self.article_url(cite.article)}?hl={span}#c-{span}"


def parse_hl(value: str | None, text_length: int) -> tuple[int, int] | None:
    """'12-40' -> (12, 40) when it is a non-empty span inside the text; anything else -> None."""
    match = _HL.fullmatch(value.strip()) if value else None
    if not match:
        return None
    start, end = int(match[1]), int(match[2])
    return (start, end) if 0 <= start < end <= text_length else None


@cache
def report_css() -> str:
    """The report's stylesheet, served to the web pages as /static/report.css."""
    return files("storyline.report").joinpath("templates", "report.css").read_text(encoding="utf-8")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader("storyline.web", "templates"),
                jinja2.PackageLoader("storyline.report", "templates"),
            ]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = _day
    env.filters["when"] = _when
    return configure_environment(env)


def _day(value: object) -> str:
    """A date, or an ISO string of one, as the report shows dates: '10 Feb 2024'."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return view.format_date(
        value.isoformat() if isinstance(value, dt.date) else str(value) if value else None
    )


def _when(value: object) -> str:
    """A timestamp, to the minute: '10 Feb 2024, 14:05' (UTC as stored)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        return f"{view.format_date(value.date().isoformat())}, {value:%H:%M}"
    return _day(value)


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@dataclass(frozen=True)
class ArticleRow:
    """One line of the story page's article list."""

    article: Article
    outlet: view.Outlet
    url: str
    quotes: int
    numbers: int
    words: int


def story_context(story_id: str, dossier: Dossier) -> dict[str, Any]:
    index = WebIndex(dossier, story_id)
    quotes: dict[str, int] = {}
    numbers: dict[str, int] = {}
    for quote_item in dossier.quotes:
        quotes[quote_item.article] = quotes.get(quote_item.article, 0) + 1
    for number in dossier.numbers:
        numbers[number.article] = numbers.get(number.article, 0) + 1
    rows = [
        ArticleRow(
            article=a,
            outlet=index.outlet_for(a.id),
            url=index.article_url(a.id),
            quotes=quotes.get(a.id, 0),
            numbers=numbers.get(a.id, 0),
            words=len(a.text.split()),
        )
        for a in sorted(dossier.articles, key=lambda a: (a.published or "", a.title or ""))
    ]
    return {**dossier_context(dossier, index), "story_id": story_id, "article_rows": rows}


@dataclass(frozen=True)
class Highlighted:
    """The article page's one linked span, if the URL names one, and what the dossier says it is."""

    start: int
    end: int
    text: str
    labels: list[str]


def article_context(story_id: str, dossier: Dossier, article: Article, hl: str | None) -> dict[str, Any]:
    index = WebIndex(dossier, story_id)
    all_spans = collect_spans(index)
    spans = article_spans(index, article, all_spans)
    target = parse_hl(hl, len(article.text))
    highlighted = None
    if target is not None:
        start, end = target
        info = all_spans.get((article.id, start, end))
        labels = info.labels if info else []
        spans = [s for s in spans if (s.start, s.end) != target]
        kinds = " ".join([*(info.kinds if info else []), "hl-target"])
        label = "; ".join(labels) or "linked passage"
        spans.append(Span(start, end, index.span_id(article.id, start, end), label, kinds))
        highlighted = Highlighted(start, end, article.text[start:end], labels)
    outlet = index.outlet_for(article.id)
    position = [a.id for a in dossier.articles].index(article.id)
    return {
        "dossier": dossier,
        "ix": index,
        "story_id": story_id,
        "story_title": view.headline(dossier),
        "article": article,
        "outlet": outlet,
        "body": highlight_spans(article.text, spans),
        "highlighted": highlighted,
        "n_spans": len(spans),
        "position": position + 1,
        "http_url": _http_url,
    }


def _http_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None
