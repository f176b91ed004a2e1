"""The store's side of story clustering: resume the revising clusterer, persist it, re-cluster.

The clusterer (``storyline.corpus.cluster.RevisingClusterer``) keeps its state in memory; the store
keeps the part that must survive a process: each committed story's ``StoryState`` (in
``stories.state``), the document count and frequencies, and the open window (the latest
articles, whose story may still change, in ``open_articles``). All of it is written in the
same transaction as the article it comes from, moves of earlier open articles to other
stories included, so after a crash the store holds exactly the state of the articles it
holds, and a resumed ingest rebuilds the clusterer from it.

Only the stories active in the clusterer's window are loaded (the newest story in the store
sets the clock). Document frequencies are fetched per article, for its terms only
(``prepare_assignment``), and kept: loading the whole table cost seconds per process at 10k
articles stored (865k terms), and grew with the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from storyline.corpus import (
    ClusterConfig,
    ObservedArticle,
    RevisedAssignment,
    RevisingClusterer,
    StoryClusterer,
    StoryFeatures,
    StoryState,
    recluster,
    story_states,
)
from storyline.store import repository as repo
from storyline.store import schema as t


def load_clusterer(conn: Connection, config: ClusterConfig | None = None) -> RevisingClusterer:
    """A clusterer resumed from the store: the committed stories active in the window, n_docs
    (frequencies come lazily, ``prepare_assignment``) and the open window."""
    clusterer = RevisingClusterer(config)
    committed = clusterer.committed
    latest = repo.latest_seen(conn)
    since = latest - dt.timedelta(days=committed.config.window_days) if latest else None
    states = [StoryState.from_json(s) for s in repo.active_states(conn, since, committed.config.max_active)]
    # A story whose articles are all still open has an empty state: nothing committed yet.
    committed.load([s for s in states if s.n_articles], repo.counter(conn, repo.N_DOCS), None)
    window = repo.open_window(conn)
    articles = [ObservedArticle.from_json(data) for data, _ in window]
    labels = {a.article_id: story for a, (_, story) in zip(articles, window, strict=True) if story}
    clusterer.resume(articles, labels)
    return clusterer


def prepare_assignment(conn: Connection, clusterer: StoryClusterer, terms: Iterable[str]) -> None:
    """Hand the clusterer the stored frequencies of these terms that it does not hold yet."""
    missing = clusterer.missing_df(terms)
    if missing:
        clusterer.learn_df(missing, repo.df_of(conn, missing))


def place(
    conn: Connection, clusterer: RevisingClusterer, features: StoryFeatures
) -> tuple[RevisedAssignment, set[str]]:
    """Assign one article (the first half of its write): frequencies and the stories' rows;
    the assignment and the stories whose rows it made.

    Every story the assignment names gets a row before the article refers to it; one with no
    committed article yet (only open ones) is stored with an empty state."""
    prepare_assignment(conn, clusterer.committed, features.terms)
    placed = clusterer.assign(features)
    repo.add_df(conn, clusterer.committed.term_increments())
    repo.add_counter(conn, repo.N_DOCS, 1)
    made: set[str] = set()
    for story_id in sorted({placed.story_id, *placed.revised.values(), *placed.committed.values()}):
        if repo.ensure_story(conn, story_id, StoryState(story_id, {}, 0, None, None).to_json()):
            made.add(story_id)
    return placed, made


def record(
    conn: Connection, clusterer: RevisingClusterer, placed: RevisedAssignment, article_id: str
) -> None:
    """The second half, once the article's row is in: the open window, the articles that
    changed story, the committed stories' states, and the listings of every story touched."""
    if article_id not in placed.committed:
        repo.open_article(conn, article_id, clusterer.observed(article_id).to_json())
    repo.close_articles(conn, sorted(placed.committed))
    moves = {**placed.revised, **placed.committed}
    before = repo.move_articles(conn, moves)
    for story_id in sorted(set(placed.committed.values())):
        repo.set_state(conn, story_id, clusterer.committed.story(story_id).to_json())
    touched = {placed.story_id, *moves.values(), *(s for s in before.values() if s)}
    repo.refresh_stories(conn, touched)


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
    conn.execute(t.open_articles.delete())  # decided at rest: nothing stays open
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
