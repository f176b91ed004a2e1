"""The HTTP API's request and response bodies.

Nothing is described twice: ``GET /api/stories/{id}/dossier`` answers with
``storyline.model.Dossier`` (schema ``storyline.dossier/1``), and story listings, search hits
and ingest reports are the store's own records (``StoryInfo``, ``SearchHit``,
``IngestReport``). What is here is what only the API has: the body a client sends, and the
shape of an error.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from storyline.ingest.html import read_html
from storyline.model import RawArticle
from storyline.store import IngestReport

MAX_ARTICLES_PER_REQUEST = 500


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleIn(_In):
    """One article: its text, or an HTML page to take the main text from (then ``text`` may be
    left out). Metadata given here wins over what the page says."""

    text: str | None = Field(default=None, description="Plain text of the article.")
    html: str | None = Field(
        default=None, description="The article's HTML page; its main text, title and date are extracted."
    )
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    published: dt.date | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    source: str | None = Field(default=None, max_length=2000, description="URL or name it came from.")

    @model_validator(mode="after")
    def _has_text(self) -> ArticleIn:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("each article needs a non-empty 'text' (or an 'html' page)")
        return self

    def to_raw(self, position: int) -> RawArticle:
        source = self.source or f"api article {position + 1}"
        if self.text and self.text.strip():
            raw = RawArticle(source=source, text=self.text, format="plain")
        else:
            raw = read_html(source, self.html or "")
        update: dict[str, str] = {}
        if self.title:
            update["title"] = self.title
        if self.outlet:
            update["outlet"] = self.outlet
        if self.published:
            update["published"] = self.published.isoformat()
            update["published_reason"] = "given through the API"
        if self.source and self.source.lower().startswith(("http://", "https://")):
            update["url"] = self.source
        return raw.model_copy(update=update) if update else raw


class ArticlesIn(_In):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES_PER_REQUEST)

    def to_raws(self) -> list[RawArticle]:
        return [article.to_raw(n) for n, article in enumerate(self.articles)]


class CreatedOut(IngestReport):
    """What creating a story did: the store's ingest report, and the new story's id."""

    id: str = Field(description="The new story's id; its dossier is at /api/stories/{id}/dossier.")


class ErrorOut(BaseModel):
    """Every 4xx answer of the API: a stable code, a message that says what to do, and for a
    validation error the fields at fault."""

    code: str
    message: str
    detail: list[dict[str, object]] | None = None
