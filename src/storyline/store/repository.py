"""Reads and writes on a connection: the SQL behind the Store, nothing else.

Every function takes an open ``Connection`` inside a transaction the caller controls, so
that writing one article (its text, analysis, items, features, near-duplicate bands, story
and frequency updates) is one transaction whatever the number of functions it calls. All
values go in as bound parameters; no SQL is ever built from input.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from storyline.model import Article, ArticleAnalysis
from storyline.store import schema as t
from storyline.store.records import StoryInfo
from storyline.summarise import story_title

N_DOCS = "n_docs"
_CHUNK = 500  # ids per IN (...) list: well under SQLite's bound-parameter limit


def utcnow() -> dt.datetime:
    """Naive UTC: what both databases store in a plain DATETIME column without surprises."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


# -- articles -----------------------------------------------------------------------------------


def story_of(conn: Connection, article_id: str) -> tuple[bool, str | None]:
    """(stored?, its story id) for one article id."""
    row = conn.execute(sa.select(t.articles.c.story_id).where(t.articles.c.id == article_id)).first()
    return (row is not None, row.story_id if row is not None else None)


def existing_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(list(ids)):
        rows = conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id.in_(chunk)))
        found.update(r.id for r in rows)
    return found


def insert_article(
    conn: Connection,
    article: Article,
    analysis: ArticleAnalysis,
    features_json: str,
    story_id: str,
    duplicate_of: str | None,
) -> None:
    """The article, its analysis and features, and the query rows for its items."""
    conn.execute(
        t.articles.insert().values(
            id=article.id,
            story_id=story_id,
            duplicate_of=duplicate_of,
            source=article.source,
            outlet=article.outlet,
            title=article.title,
            published=article.published,
            text=article.text,
            data=article.model_dump_json(),
            added_at=utcnow(),
        )
    )
    conn.execute(t.analyses.insert().values(article_id=article.id, data=analysis.model_dump_json()))
    conn.execute(t.features.insert().values(article_id=article.id, data=features_json))
    _insert_items(conn, article.id, analysis)


def _insert_items(conn: Connection, article_id: str, analysis: ArticleAnalysis) -> None:
    entities = [
        {
            "article_id": article_id,
            "name": e.name,
            "type": e.type,
            "mentions": len(e.mentions),
            "start": e.mentions[0].start,
            "end": e.mentions[0].end,
        }
        for e in analysis.entities
        if e.mentions
    ]
    quotes = [
        {
            "article_id": article_id,
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "kind": q.kind,
            "speaker": q.speaker_name or q.speaker_text,
            "cue": q.cue,
        }
        for q in analysis.quotes
    ]
    numbers = [
        {
            "article_id": article_id,
            "start": n.start,
            "end": n.end,
            "text": n.text,
            "value": n.value,
            "unit": n.unit,
            "about": n.about,
        }
        for n in analysis.numbers
    ]
    events = [
        {"article_id": article_id, "start": v.start, "end": v.end, "text": v.text, "date": v.date}
        for v in analysis.events
    ]
    for table, rows in ((t.entities, entities), (t.quotes, quotes), (t.numbers, numbers), (t.events, events)):
        if rows:
            conn.execute(table.insert(), rows)


def load_articles(conn: Connection, ids: Sequence[str]) -> list[Article]:
    """Articles by id, in publication order, then id (undated ones last)."""
    found: list[Article] = []
    for chunk in chunks(list(ids)):
        rows = conn.execute(sa.select(t.articles.c.data).where(t.articles.c.id.in_(chunk)))
        found.extend(Article.model_validate_json(r.data) for r in rows)
    return sorted(found, key=publication_order)


def publication_order(article: Article) -> tuple[bool, str, str]:
    """The order the clusterer and the dossier take articles in: date, then id; undated last."""
    return (article.published is None, article.published or "", article.id)


def load_analyses(conn: Connection, ids: Sequence[str]) -> dict[str, ArticleAnalysis]:
    found: dict[str, ArticleAnalysis] = {}
    for chunk in chunks(list(ids)):
        rows = conn.execute(sa.select(t.analyses.c.data).where(t.analyses.c.article_id.in_(chunk)))
        for row in rows:
            analysis = ArticleAnalysis.model_validate_json(row.data)
            found[analysis.article] = analysis
    return found


def stories_of(conn: Connection, article_ids: Sequence[str]) -> list[str]:
    """The distinct stories these articles are in now, in the order of the articles."""
    found = current_stories(conn, article_ids)
    return list(dict.fromkeys(s for a in article_ids if (s := found.get(a))))


def current_stories(conn: Connection, article_ids: Iterable[str]) -> dict[str, str | None]:
    """Stored article id -> its story id (None: in no story)."""
    found: dict[str, str | None] = {}
    for chunk in chunks(sorted(set(article_ids))):
        query = sa.select(t.articles.c.id, t.articles.c.story_id).where(t.articles.c.id.in_(chunk))
        found.update((r.id, r.story_id) for r in conn.execute(query))
    return found


def story_article_ids(conn: Connection, story_id: str) -> list[str]:
    rows = conn.execute(
        sa.select(t.articles.c.id).where(t.articles.c.story_id == story_id).order_by(t.articles.c.id)
    )
    return [r.id for r in rows]


# -- near-duplicates ----------------------------------------------------------------------------


def band_candidates(conn: Connection, keys: Sequence[int]) -> list[tuple[str, bytes, str | None]]:
    """(article id, signature, its own original) of every stored article sharing a band key."""
    query = (
        sa.select(t.minhashes.c.article_id, t.minhashes.c.signature, t.articles.c.duplicate_of)
        .join(t.articles, t.articles.c.id == t.minhashes.c.article_id)
        .where(
            t.minhashes.c.article_id.in_(
                sa.select(t.lsh_bands.c.article_id).where(t.lsh_bands.c.key.in_(list(keys)))
            )
        )
        .order_by(t.articles.c.seq)
    )
    return [(r.article_id, bytes(r.signature), r.duplicate_of) for r in conn.execute(query)]


def insert_signature(conn: Connection, article_id: str, signature: bytes, keys: Iterable[int]) -> None:
    conn.execute(t.minhashes.insert().values(article_id=article_id, signature=signature))
    conn.execute(t.lsh_bands.insert(), [{"key": k, "article_id": article_id} for k in sorted(set(keys))])


# -- stories ------------------------------------------------------------------------------------


def story_exists(conn: Connection, story_id: str) -> bool:
    return conn.execute(sa.select(t.stories.c.id).where(t.stories.c.id == story_id)).first() is not None


def create_story(conn: Connection, story_id: str) -> None:
    """An empty story made by hand: no clustering state, so the clusterer never sees it."""
    now = utcnow()
    conn.execute(t.stories.insert().values(id=story_id, n_articles=0, created_at=now, updated_at=now))


def save_story(conn: Connection, story_id: str, state: Mapping[str, Any] | None, article: Article) -> bool:
    """Add one article to a story's listing (creating it if new) and store its clustering state.

    Returns True when the story is new. The title is the headline of its earliest article
    that has one; a story whose first article has none is listed by that article's lede.
    """
    row = conn.execute(sa.select(t.stories).where(t.stories.c.id == story_id)).first()
    now = utcnow()
    values: dict[str, Any] = {"updated_at": now}
    if state is not None:
        values["state"] = json.dumps(state, sort_keys=True)
        last_seen = state.get("last_seen")
        values["last_seen"] = dt.datetime.fromisoformat(last_seen) if last_seen else None
    if row is None:
        values.update(
            id=story_id,
            title=story_title([article]),
            n_articles=1,
            first_published=article.published,
            last_published=article.published,
            created_at=now,
        )
        conn.execute(t.stories.insert().values(**values))
        return True
    values["n_articles"] = row.n_articles + 1
    published = article.published
    if published and (row.first_published is None or published < row.first_published):
        values["first_published"] = published
        if article.title:
            values["title"] = article.title
    if published and (row.last_published is None or published > row.last_published):
        values["last_published"] = published
    if row.n_articles == 0:  # a story made by hand, empty until now
        values["title"] = story_title([article])
    elif row.title is None and article.title:
        values["title"] = article.title
    conn.execute(t.stories.update().where(t.stories.c.id == story_id).values(**values))
    return False


def ensure_story(conn: Connection, story_id: str, state: Mapping[str, Any]) -> bool:
    """A clustered story's row, made empty if missing (``refresh_stories`` lists it); True if made."""
    if story_exists(conn, story_id):
        return False
    now = utcnow()
    conn.execute(
        t.stories.insert().values(
            id=story_id, state=json.dumps(state, sort_keys=True), n_articles=0, created_at=now, updated_at=now
        )
    )
    return True


def set_state(conn: Connection, story_id: str, state: Mapping[str, Any]) -> None:
    """Store a clustered story's state (and the ``last_seen`` the active window is read by)."""
    last_seen = state.get("last_seen")
    conn.execute(
        t.stories.update()
        .where(t.stories.c.id == story_id)
        .values(
            state=json.dumps(state, sort_keys=True),
            last_seen=dt.datetime.fromisoformat(last_seen) if last_seen else None,
        )
    )


def move_articles(conn: Connection, moves: Mapping[str, str]) -> dict[str, str | None]:
    """Put articles into other stories (article id -> story id); their stories before."""
    before = current_stories(conn, moves)
    for article_id, story_id in sorted(moves.items()):
        if before.get(article_id) != story_id:
            conn.execute(t.articles.update().where(t.articles.c.id == article_id).values(story_id=story_id))
    return before


def refresh_stories(conn: Connection, story_ids: Iterable[str]) -> set[str]:
    """Recount the listing of stories whose articles changed; delete the clustered ones left
    empty (with their cached dossier). Returns the ids deleted. A story made by hand stays,
    empty or not."""
    deleted: set[str] = set()
    for story_id in sorted(set(story_ids)):
        row = conn.execute(sa.select(t.stories.c.state).where(t.stories.c.id == story_id)).first()
        if row is None:
            continue
        a = t.articles
        n, first, last = conn.execute(
            sa.select(sa.func.count(), sa.func.min(a.c.published), sa.func.max(a.c.published)).where(
                a.c.story_id == story_id
            )
        ).one()
        if n == 0 and row.state is not None:
            conn.execute(t.dossiers.delete().where(t.dossiers.c.story_id == story_id))
            conn.execute(t.stories.delete().where(t.stories.c.id == story_id))
            deleted.add(story_id)
            continue
        values = {
            "n_articles": n,
            "first_published": first,
            "last_published": last,
            "title": _story_title(conn, story_id),
            "updated_at": utcnow(),
        }
        conn.execute(t.stories.update().where(t.stories.c.id == story_id).values(**values))
    return deleted


def _story_title(conn: Connection, story_id: str) -> str | None:
    """As ``save_story`` keeps it: the headline of the earliest article that has one, else the
    lede of the earliest article (undated articles last)."""
    a = t.articles
    order = (a.c.published.is_(None), a.c.published, a.c.id)
    titled = conn.execute(
        sa.select(a.c.title).where(a.c.story_id == story_id, a.c.title.is_not(None)).order_by(*order).limit(1)
    ).first()
    if titled is not None:
        return str(titled.title)
    first = conn.execute(
        sa.select(a.c.data).where(a.c.story_id == story_id).order_by(*order).limit(1)
    ).first()
    return story_title([Article.model_validate_json(first.data)]) if first is not None else None


# -- the revising clusterer's open window -------------------------------------------------------


def open_window(conn: Connection) -> list[tuple[dict[str, Any], str | None]]:
    """The open articles, oldest first: (ObservedArticle JSON, the article's story now)."""
    rows = conn.execute(
        sa.select(t.open_articles.c.data, t.articles.c.story_id)
        .join(t.articles, t.articles.c.id == t.open_articles.c.article_id)
        .order_by(t.articles.c.seq)
    )
    return [(json.loads(r.data), r.story_id) for r in rows]


def open_article(conn: Connection, article_id: str, observed: Mapping[str, Any]) -> None:
    conn.execute(t.open_articles.insert().values(article_id=article_id, data=json.dumps(observed)))


def close_articles(conn: Connection, article_ids: Sequence[str]) -> None:
    """Take committed articles out of the open window."""
    for chunk in chunks(list(article_ids)):
        conn.execute(t.open_articles.delete().where(t.open_articles.c.article_id.in_(chunk)))


def active_states(conn: Connection, since: dt.datetime | None, limit: int) -> list[dict[str, Any]]:
    """Clustering states of the stories last seen at or after ``since``, most recently updated first."""
    query = sa.select(t.stories.c.state).where(t.stories.c.state.is_not(None))
    if since is not None:
        query = query.where(t.stories.c.last_seen >= since)
    query = query.order_by(t.stories.c.updated_at.desc(), t.stories.c.id).limit(limit)
    return [json.loads(r.state) for r in conn.execute(query)]


def latest_seen(conn: Connection) -> dt.datetime | None:
    value = conn.execute(sa.select(sa.func.max(t.stories.c.last_seen))).scalar()
    return value if isinstance(value, dt.datetime) else None


def list_stories(
    conn: Connection,
    since: dt.date | None = None,
    limit: int | None = None,
    ids: Sequence[str] | None = None,
) -> list[StoryInfo]:
    """Stories with at least one article, newest activity first (latest article date, then update)."""
    s = t.stories
    query = sa.select(s).where(s.c.n_articles > 0)
    if since is not None:
        day = since.isoformat()
        query = query.where(
            sa.or_(
                s.c.last_published >= day,
                sa.and_(
                    s.c.last_published.is_(None), s.c.updated_at >= dt.datetime.combine(since, dt.time())
                ),
            )
        )
    if ids is not None:
        query = query.where(s.c.id.in_(list(ids)))
    query = query.order_by(
        s.c.last_published.is_(None), s.c.last_published.desc(), s.c.updated_at.desc(), s.c.id
    )
    if limit is not None:
        query = query.limit(limit)
    rows = list(conn.execute(query))
    outlets = _outlets(conn, [r.id for r in rows])
    return [
        StoryInfo(
            id=r.id,
            title=r.title,
            outlets=outlets.get(r.id, []),
            n_articles=r.n_articles,
            first_published=r.first_published,
            last_published=r.last_published,
            updated_at=r.updated_at.replace(tzinfo=dt.UTC),
        )
        for r in rows
    ]


def _outlets(conn: Connection, story_ids: Sequence[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for chunk in chunks(list(story_ids)):
        query = (
            sa.select(t.articles.c.story_id, t.articles.c.outlet)
            .where(t.articles.c.story_id.in_(chunk), t.articles.c.outlet.is_not(None))
            .group_by(t.articles.c.story_id, t.articles.c.outlet)
            .order_by(t.articles.c.story_id, t.articles.c.outlet)
        )
        for row in conn.execute(query):
            found.setdefault(row.story_id, []).append(row.outlet)
    return found


# -- document frequencies -----------------------------------------------------------------------


def _upsert(conn: Connection, table: sa.Table, key: str, value: str) -> Any:
    """INSERT … ON CONFLICT (key) DO UPDATE SET value = value + excluded.value, per dialect."""
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = insert(table)
    return stmt.on_conflict_do_update(
        index_elements=[table.c[key]], set_={value: table.c[value] + stmt.excluded[value]}
    )


def add_df(conn: Connection, increments: Mapping[str, int]) -> None:
    """Add document-frequency increments (sorted, so concurrent writers lock rows in one order)."""
    if increments:
        rows = [{"term": term, "df": n} for term, n in sorted(increments.items())]
        conn.execute(_upsert(conn, t.term_df, "term", "df"), rows)


def add_counter(conn: Connection, name: str, delta: int) -> None:
    conn.execute(_upsert(conn, t.counters, "name", "value"), [{"name": name, "value": delta}])


def counter(conn: Connection, name: str) -> int:
    value = conn.execute(sa.select(t.counters.c.value).where(t.counters.c.name == name)).scalar()
    return int(value or 0)


def load_df(conn: Connection) -> dict[str, int]:
    """The whole document-frequency table (checks and tests; ingest fetches what it needs)."""
    result = conn.execute(sa.select(t.term_df.c.term, t.term_df.c.df))
    return {term: int(df) for term, df in result}


def df_of(conn: Connection, terms: Sequence[str]) -> dict[str, int]:
    """The document frequencies of these terms (a term never seen is absent)."""
    found: dict[str, int] = {}
    for chunk in chunks(terms):
        result = conn.execute(sa.select(t.term_df.c.term, t.term_df.c.df).where(t.term_df.c.term.in_(chunk)))
        found.update((term, int(df)) for term, df in result)
    return found


def count_df(conn: Connection) -> int:
    """How many distinct terms the document-frequency table holds."""
    return int(conn.execute(sa.select(sa.func.count()).select_from(t.term_df)).scalar_one())


# -- dossier cache ------------------------------------------------------------------------------


def cached_dossier(conn: Connection, story_id: str, key: str) -> str | None:
    row = conn.execute(
        sa.select(t.dossiers.c.data).where(t.dossiers.c.story_id == story_id, t.dossiers.c.key == key)
    ).first()
    return row.data if row is not None else None


def cache_dossier(conn: Connection, story_id: str, key: str, data: str) -> None:
    conn.execute(t.dossiers.delete().where(t.dossiers.c.story_id == story_id))
    conn.execute(t.dossiers.insert().values(story_id=story_id, key=key, data=data, built_at=utcnow()))
