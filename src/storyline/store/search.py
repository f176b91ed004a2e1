"""Full-text search over articles, quotes and entities: FTS5 on SQLite, tsvector on PostgreSQL.

The query text comes from users and is never trusted. It only ever travels as a bound
parameter. For FTS5, whose query language would turn a stray quote, bracket or ``NEAR`` into
a syntax error, the text is cut into words and each word is sent as a quoted string, so the
query means "all of these words" whatever was typed. PostgreSQL's ``websearch_to_tsquery``
accepts any text without error, and gets the same words. Both stem English words (porter /
the 'english' config).

Hits are returned as cites into the article text (see ``SearchHit``); the span and snippet
are made here in Python, so they are the same on both databases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from storyline.store import schema as t
from storyline.store.records import SearchHit, SearchKind

_WORD = re.compile(r"\w+")
_SNIPPET_CHARS = 80
_MAX_TERMS = 32


def query_words(query: str) -> list[str]:
    """The words of a user's query, at most 32 (the rest of the text is ignored)."""
    return _WORD.findall(query)[:_MAX_TERMS]


def fts5_query(query: str) -> str | None:
    """An FTS5 MATCH expression meaning 'all these words', safe for any input; None if no words."""
    words = query_words(query)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search(
    conn: Connection, query: str, kind: SearchKind, speaker: str | None, limit: int
) -> list[SearchHit]:
    """The best ``limit`` hits of one kind; an empty query matches every quote of ``speaker``."""
    postgres = conn.dialect.name == "postgresql"
    words = query_words(query)
    if not words and not (kind == "quote" and speaker):
        return []
    if kind == "article":
        rows = _article_rows(conn, query, postgres, limit)
    elif kind == "quote":
        rows = _quote_rows(conn, query if words else None, speaker, postgres, limit)
    else:
        rows = _entity_rows(conn, query, postgres, limit)
    return _hits(conn, kind, rows, words)


def _match(stmt: Any, table: sa.Table, fts: str, query: str, postgres: bool) -> tuple[Any, Any]:
    """``stmt`` limited to the rows of ``table`` matching ``query``, and a score (higher is better)."""
    if postgres:
        # Only the words travel, as on SQLite: the same query means the same on both databases.
        tsquery = sa.func.websearch_to_tsquery("english", sa.bindparam("q", " ".join(query_words(query))))
        tsv: Any = sa.literal_column(f"{table.name}.tsv")  # not in schema.py: PostgreSQL only
        return stmt.where(tsv.op("@@")(tsquery)), sa.func.ts_rank(tsv, tsquery)
    index = sa.table(fts, sa.column("rowid"), sa.column("rank"))
    key = table.c.seq if table is t.articles else table.c.id
    matching = sa.text(f"{fts} MATCH :q").bindparams(q=fts5_query(query))
    return stmt.join(index, index.c.rowid == key).where(matching), -index.c.rank  # bm25: lower is better


def _article_rows(conn: Connection, query: str, postgres: bool, limit: int) -> list[Any]:
    a = t.articles
    stmt, score = _match(sa.select(a).select_from(a), a, "articles_fts", query, postgres)
    stmt = (
        stmt.with_only_columns(a.c.id, a.c.story_id, a.c.title, a.c.text, score.label("score"))
        .order_by(sa.desc("score"), a.c.id)
        .limit(limit)
    )
    return list(conn.execute(stmt))


def _quote_rows(
    conn: Connection, query: str | None, speaker: str | None, postgres: bool, limit: int
) -> list[Any]:
    q, a = t.quotes, t.articles
    score: Any = sa.literal(0.0)
    stmt: Any = sa.select(q).select_from(q.join(a, a.c.id == q.c.article_id))
    if query is not None:
        stmt, score = _match(stmt, q, "quotes_fts", query, postgres)
    if speaker:
        stmt = stmt.where(sa.func.lower(q.c.speaker).like(_like(speaker.replace("\x00", "")), escape="\\"))
    stmt = (
        stmt.with_only_columns(
            q.c.article_id, a.c.story_id, q.c.start, q.c.end, q.c.text, q.c.speaker, score.label("score")
        )
        .order_by(sa.desc("score"), q.c.article_id, q.c.start)
        .limit(limit)
    )
    return list(conn.execute(stmt))


def _entity_rows(conn: Connection, query: str, postgres: bool, limit: int) -> list[Any]:
    e, a = t.entities, t.articles
    stmt, score = _match(
        sa.select(e).select_from(e.join(a, a.c.id == e.c.article_id)), e, "entities_fts", query, postgres
    )
    stmt = (
        stmt.with_only_columns(
            e.c.article_id, a.c.story_id, e.c.start, e.c.end, e.c.name, score.label("score")
        )
        .order_by(sa.desc("score"), e.c.mentions.desc(), e.c.article_id)
        .limit(limit)
    )
    return list(conn.execute(stmt))


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own % and _ taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _hits(conn: Connection, kind: SearchKind, rows: Sequence[Any], words: list[str]) -> list[SearchHit]:
    if kind == "article":
        return [_article_hit(r, words) for r in rows]
    texts = _texts(conn, sorted({r.article_id for r in rows}))
    hits = []
    for r in rows:
        text = texts[r.article_id]
        span = text[r.start : r.end]
        hits.append(
            SearchHit(
                kind=kind,
                story=r.story_id,
                article=r.article_id,
                start=r.start,
                end=r.end,
                text=span,
                snippet=_snippet(text, r.start, r.end),
                speaker=r.speaker if kind == "quote" else None,
                score=float(r.score or 0.0),
            )
        )
    return hits


def _texts(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = conn.execute(sa.select(t.articles.c.id, t.articles.c.text).where(t.articles.c.id.in_(list(ids))))
    return {r.id: r.text for r in rows}


def _article_hit(row: Any, words: list[str]) -> SearchHit:
    """The article's span is the first place a query word (or a word sharing its stem) occurs."""
    text: str = row.text
    start, end = _first_occurrence(text, words)
    return SearchHit(
        kind="article",
        story=row.story_id,
        article=row.id,
        start=start,
        end=end,
        text=text[start:end],
        snippet=_snippet(text, start, end) if end > start else (row.title or text[:_SNIPPET_CHARS]),
        score=float(row.score or 0.0),
    )


def _first_occurrence(text: str, words: list[str]) -> tuple[int, int]:
    best: tuple[int, int] | None = None
    for word in words:
        stem = word[: max(4, len(word) - 3)] if len(word) > 4 else word
        match = re.search(rf"\b{re.escape(stem)}\w*", text, re.IGNORECASE)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match.end())
    return best or (0, 0)


def _snippet(text: str, start: int, end: int) -> str:
    """The span with some context either side, on one line, cut at word boundaries."""
    left = max(0, start - _SNIPPET_CHARS)
    right = min(len(text), end + _SNIPPET_CHARS)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    body = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + body + ("…" if right < len(text) else "")
