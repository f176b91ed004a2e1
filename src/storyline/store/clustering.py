"""The store's side of story clustering: resume the online clusterer, persist it, re-cluster.

The clusterer (``storyline.cluster``) keeps its state in memory; the store keeps the part
that must survive a process: each story's ``StoryState`` (in ``stories.state``), the document
count and the document frequencies. Both are written in the same transaction as the
article they come from, so after a crash the store holds exactly the state of the articles
it holds, and a resumed ingest rebuilds the clusterer from it.

Only the stories active in the clusterer's window are loaded (the newest story in the store
sets the clock). Document frequencies are fetched per article, for its terms only
(``prepare_assignment``), and kept: loading the whole table cost seconds per process at 10k
articles stored (865k terms), and grew with the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from storyline.cluster import (
    ClusterConfig,
    StoryClusterer,
    StoryFeatures,
    StoryState,
    recluster,
    story_states,
)
from storyline.store import repository as repo
from storyline.store import schema as t


def load_clusterer(conn: Connection, config: ClusterConfig | None = None) -> StoryClusterer:
    """A clusterer resumed from the store: active stories and n_docs; frequencies come lazily."""
    clusterer = StoryClusterer(config)
    latest = repo.latest_seen(conn)
    since = latest - dt.timedelta(days=clusterer.config.window_days) if latest else None
    states = [StoryState.from_json(s) for s in repo.active_states(conn, since, clusterer.config.max_active)]
    clusterer.load(states, repo.counter(conn, repo.N_DOCS), None)
    return clusterer


def prepare_assignment(conn: Connection, clusterer: StoryClusterer, features: StoryFeatures) -> None:
    """Hand the clusterer the stored frequencies of the article's terms it does not hold yet."""
    missing = clusterer.missing_df(features.terms)
    if missing:
        clusterer.learn_df(missing, repo.df_of(conn, missing))


def save_assignment(conn: Connection, clusterer: StoryClusterer) -> None:
    """What one ``assign`` changed: the frequencies and the document count (the story is saved apart)."""
    repo.add_df(conn, clusterer.term_increments())
    repo.add_counter(conn, repo.N_DOCS, 1)


def recluster_store(conn: Connection, config: ClusterConfig | None = None) -> tuple[int, int, int]:
    """Re-cluster every clustered article at rest, in one transaction: (articles, before, after).

    Stories made by hand keep their articles. Story rows are replaced by the new ones, each
    with a state rebuilt from its articles' stored features, so online clustering resumes
    from the new stories. Document frequencies do not change: the articles are the same.
    """
    config = config or ClusterConfig()
    clustered = sa.select(t.stories.c.id).where(t.stories.c.state.is_not(None))
    before = conn.execute(sa.select(sa.func.count()).select_from(clustered.subquery())).scalar_one()
    rows = conn.execute(
        sa.select(
            t.articles.c.id, t.articles.c.published, t.articles.c.data, t.features.c.data.label("features")
        )
        .join(t.features, t.features.c.article_id == t.articles.c.id)
        .where(t.articles.c.story_id.in_(clustered))
    ).all()
    articles = {r.id: r for r in rows}
    order = sorted(articles, key=lambda i: (articles[i].published is None, articles[i].published or "", i))
    features = [StoryFeatures.from_json(json.loads(articles[i].features)) for i in order]
    mapping = recluster(features, config)
    states = story_states(features, mapping, config)
    conn.execute(t.articles.update().where(t.articles.c.story_id.in_(clustered)).values(story_id=None))
    conn.execute(t.dossiers.delete().where(t.dossiers.c.story_id.in_(clustered)))
    conn.execute(t.stories.delete().where(t.stories.c.state.is_not(None)))
    _write_stories(conn, states, mapping, order)
    return len(order), before, len(states)


def _write_stories(
    conn: Connection, states: dict[str, StoryState], mapping: dict[str, str], order: Sequence[str]
) -> None:
    articles = {a.id: a for a in repo.load_articles(conn, order)}
    members: dict[str, list[str]] = {}
    for article_id in order:
        members.setdefault(mapping[article_id], []).append(article_id)
    for story_id, ids in members.items():
        first = True
        for article_id in ids:
            state = states[story_id].to_json() if first else None
            repo.save_story(conn, story_id, state, articles[article_id])
            first = False
        for chunk in repo.chunks(ids):
            conn.execute(t.articles.update().where(t.articles.c.id.in_(chunk)).values(story_id=story_id))
