"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

This module describes the schema at the head migration; the migrations in ``migrations/``
create and change it, and a test checks that the two agree. The full-text indexes are not
here: they differ by database (FTS5 virtual tables on SQLite, generated ``tsvector`` columns
with GIN indexes on PostgreSQL) and live in the migrations and in ``search.py`` only.

Per article the store keeps the normalised ``Article`` and its ``ArticleAnalysis`` as JSON,
because the dossier is re-assembled from exactly those; the rows in ``entities``, ``quotes``,
``numbers`` and ``events`` are copies of the same items made for querying and search.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()

# Article ids are 16 hex digits; story ids are a short prefix plus an article id.
_ID = sa.String(64)

articles = sa.Table(
    "articles",
    metadata,
    # An integer key gives a stable rowid for SQLite's external-content FTS5 table and an
    # insertion order; the content hash ``id`` is what everything else refers to.
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", _ID, nullable=False, unique=True),
    sa.Column("story_id", _ID, sa.ForeignKey("stories.id"), nullable=True, index=True),
    sa.Column("duplicate_of", _ID, nullable=True, index=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("outlet", sa.Text, nullable=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("published", sa.String(10), nullable=True, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=False),  # Article JSON (offset map and all)
    sa.Column("added_at", sa.DateTime, nullable=False),
)

analyses = sa.Table(
    "analyses",
    metadata,
    sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),  # ArticleAnalysis JSON
)

features = sa.Table(
    "features",
    metadata,
    sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),  # StoryFeatures JSON: re-clustering needs no re-parse
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),  # the first mention
    sa.Column("end", sa.Integer, nullable=False),
)


def _span_columns() -> list[sa.Column[Any]]:
    """What every per-article item row starts with: its article and the span it cites."""
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), nullable=False, index=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    ]


quotes = sa.Table(
    "quotes",
    metadata,
    *_span_columns(),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("speaker", sa.Text, nullable=True),  # the best name the article gives
    sa.Column("cue", sa.Text, nullable=True),
)

numbers = sa.Table(
    "numbers",
    metadata,
    *_span_columns(),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.Text, nullable=True),
    sa.Column("about", sa.Text, nullable=True),
)

events = sa.Table(
    "events",
    metadata,
    *_span_columns(),
    sa.Column("date", sa.String(32), nullable=False),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", _ID, primary_key=True),
    # StoryState JSON for stories the clusterer made; NULL for stories made by hand
    # (create_story), which the clusterer never sees.
    sa.Column("state", sa.Text, nullable=True),
    sa.Column("last_seen", sa.DateTime, nullable=True, index=True),  # from the state: the active window
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("n_articles", sa.Integer, nullable=False),
    sa.Column("first_published", sa.String(10), nullable=True),
    sa.Column("last_published", sa.String(10), nullable=True, index=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False, index=True),
)

term_df = sa.Table(
    "term_df",
    metadata,
    sa.Column("term", sa.String(200), primary_key=True),
    sa.Column("df", sa.Integer, nullable=False),
)

counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),  # 'n_docs': documents the df counts
    sa.Column("value", sa.Integer, nullable=False),
)

minhashes = sa.Table(
    "minhashes",
    metadata,
    sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
)

lsh_bands = sa.Table(
    "lsh_bands",
    metadata,
    # One row per (band hash, article): the primary key is the index a lookup uses, so finding
    # near-duplicate candidates costs the same whatever the size of the corpus.
    sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), primary_key=True),
)

open_articles = sa.Table(
    "open_articles",
    metadata,
    # The revising clusterer's open window (``cluster.RevisingClusterer``): the latest articles,
    # whose story may still change, as the clusterer observed them (ObservedArticle JSON).
    # Oldest first is ``articles.seq`` order: articles are stored in the order they are assigned.
    sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),
)

dossiers = sa.Table(
    "dossiers",
    metadata,
    sa.Column("story_id", _ID, sa.ForeignKey("stories.id"), primary_key=True),
    sa.Column("key", sa.String(64), nullable=False),  # hash of the article set and the options
    sa.Column("data", sa.Text, nullable=False),  # Dossier JSON
    sa.Column("built_at", sa.DateTime, nullable=False),
)
