"""The first schema: articles and their analyses, stories, df, near-duplicate bands, dossiers, search.

Self-contained on purpose (it does not import ``schema.py``): a migration describes the
schema as it was at its revision, whatever the current code says.

Revision ID: 0001
Revises:
Create Date: 2025-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_ID = sa.String(64)


def upgrade() -> None:
    _create_stories()
    _create_articles()
    _create_article_items()
    _create_corpus_tables()
    if op.get_bind().dialect.name == "sqlite":
        _create_sqlite_search()
    else:
        _create_postgresql_search()


def _create_stories() -> None:
    op.create_table(
        "stories",
        sa.Column("id", _ID, primary_key=True),
        sa.Column("state", sa.Text, nullable=True),
        sa.Column("last_seen", sa.DateTime, nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("first_published", sa.String(10), nullable=True),
        sa.Column("last_published", sa.String(10), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    for column in ("last_seen", "last_published", "updated_at"):
        op.create_index(f"ix_stories_{column}", "stories", [column])


def _create_articles() -> None:
    op.create_table(
        "articles",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", _ID, nullable=False, unique=True),
        sa.Column("story_id", _ID, sa.ForeignKey("stories.id"), nullable=True),
        sa.Column("duplicate_of", _ID, nullable=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text, nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    for column in ("story_id", "duplicate_of", "published"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    for name in ("analyses", "features"):
        op.create_table(
            name,
            sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), primary_key=True),
            sa.Column("data", sa.Text, nullable=False),
        )


def _create_article_items() -> None:
    def span_table(name: str, *columns: sa.Column[object]) -> None:
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), nullable=False),
            *columns,
        )
        op.create_index(f"ix_{name}_article_id", name, ["article_id"])

    span_table(
        "entities",
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    span_table(
        "quotes",
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text, nullable=True),
        sa.Column("cue", sa.Text, nullable=True),
    )
    span_table(
        "numbers",
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.Text, nullable=True),
        sa.Column("about", sa.Text, nullable=True),
    )
    span_table(
        "events",
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("date", sa.String(32), nullable=False),
    )


def _create_corpus_tables() -> None:
    op.create_table(
        "term_df",
        sa.Column("term", sa.String(200), primary_key=True),
        sa.Column("df", sa.Integer, nullable=False),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.create_table(
        "minhashes",
        sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "lsh_bands",
        sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("article_id", _ID, sa.ForeignKey("articles.id"), primary_key=True),
    )
    op.create_table(
        "dossiers",
        sa.Column("story_id", _ID, sa.ForeignKey("stories.id"), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("built_at", sa.DateTime, nullable=False),
    )


# Search: FTS5 external-content tables kept in step by triggers, so every write path (and
# every transaction) updates the index with the row it indexes.
_SQLITE_FTS = {
    # fts table: (content table, integer key, indexed columns)
    "articles_fts": ("articles", "seq", ("title", "text")),
    "quotes_fts": ("quotes", "id", ("text", "speaker")),
    "entities_fts": ("entities", "id", ("name",)),
}


def _create_sqlite_search() -> None:
    for fts, (table, key, columns) in _SQLITE_FTS.items():
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
            f"content_rowid='{key}', tokenize='porter unicode61')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{key}, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{key}, {old}); END"
        )


# Search on PostgreSQL: a stored generated tsvector per row and a GIN index on it. Article text
# is cut at 500,000 characters for the index only (a tsvector is limited to 1 MB).
_PG_TSV = {
    "articles": "coalesce(title, '') || ' ' || left(text, 500000)",
    "quotes": "text || ' ' || coalesce(speaker, '')",
    "entities": "name",
}


def _create_postgresql_search() -> None:
    for table, expression in _PG_TSV.items():
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN tsv tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('english', {expression})) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_tsv ON {table} USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts in _SQLITE_FTS:
            op.execute(f"DROP TABLE IF EXISTS {fts}")  # its triggers go with the content table
    for table in (
        "dossiers",
        "lsh_bands",
        "minhashes",
        "counters",
        "term_df",
        "events",
        "numbers",
        "quotes",
        "entities",
        "features",
        "analyses",
        "articles",
        "stories",
    ):
        op.drop_table(table)
