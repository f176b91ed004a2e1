"""HTML pages: main text and metadata via trafilatura, with the site furniture gone."""

from __future__ import annotations

import trafilatura

from storyline.errors import Errors, InputError
from storyline.model import RawArticle


def read_html(source: str, html: str) -> RawArticle:
    """Extract the article body, title, author, outlet (site name) and date from a page."""
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # trafilatura's deduplication keeps a process-wide cache of paragraphs seen before, so
        # in a long-running ingest or server the second copy of a page lost paragraphs.
        deduplicate=False,
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        # Precision mode can discard short pages entirely; the recall mode is the fallback.
        text = (trafilatura.extract(html, include_comments=False, favor_recall=True) or "").strip()
    if not text:
        raise InputError(Errors.S102.format(source=source), source)
    date = getattr(document, "date", None) if document is not None else None
    return RawArticle(
        source=source,
        text=text,
        format="html",
        title=_attr(document, "title"),
        author=_attr(document, "author"),
        outlet=_attr(document, "sitename"),
        url=_attr(document, "url"),
        published=date[:10] if date else None,
        published_reason="HTML metadata" if date else None,
    )


def _attr(document: object, name: str) -> str | None:
    value = getattr(document, name, None) if document is not None else None
    return str(value).strip() or None if value else None
