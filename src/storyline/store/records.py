"""What the store hands back: a story's listing, a search hit, an ingest's report (pydantic).

These are the store's public records, shared by the CLI (``--json``) and the web app. They are
not part of the dossier JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from storyline.model import Skipped

SearchKind = Literal["article", "quote", "entity"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StoryInfo(_Record):
    """One story as listed: enough to choose it, without building its dossier."""

    id: str
    title: str | None = None
    outlets: list[str] = Field(default_factory=list, description="Outlets of its articles, A to Z.")
    n_articles: int
    first_published: str | None = Field(default=None, description="ISO date of its earliest article.")
    last_published: str | None = Field(default=None, description="ISO date of its latest article.")
    updated_at: dt.datetime = Field(description="When an article was last added to it (UTC).")


class SearchHit(_Record):
    """A match, as a cite: ``text == article.text[start:end]``.

    For an article hit the span is the first occurrence of a query word (or the title's
    opening words when only the title matched); for a quote, the quote; for an entity, its
    first mention in that article. ``score``: higher is better, comparable within one search.
    """

    kind: SearchKind
    story: str | None
    article: str
    start: int
    end: int
    text: str
    snippet: str
    speaker: str | None = None
    score: float


class IngestReport(_Record):
    """What one ingest did. Re-running the same ingest adds nothing and counts duplicates."""

    added: int = Field(0, description="Articles stored by this run.")
    duplicates: int = Field(0, description="Articles already stored, or given twice.")
    near_duplicates: int = Field(0, description="Added articles linked to an earlier near-identical one.")
    skipped: list[Skipped] = Field(default_factory=list)
    stories_touched: list[str] = Field(default_factory=list, description="Stories that gained articles.")
    stories_created: int = Field(0, description="How many of those are new.")


class ReclusterReport(_Record):
    """What a batch re-clustering changed."""

    articles: int = Field(description="Articles re-clustered (those in stories the clusterer made).")
    stories_before: int
    stories_after: int
