"""Invariants a store must hold after any sequence of ingests, crashes and re-clusterings."""

from __future__ import annotations

import json
import warnings
from collections import Counter

import sqlalchemy as sa

from storyline.errors import StorylineWarning
from storyline.store import Store
from storyline.store import schema as t
from storyline.store.repository import N_DOCS, counter


def check_consistent(store: Store, build_dossiers: bool = True) -> dict[str, int]:
    """Assert every invariant; return a few counts for the caller's own checks."""
    with store.engine.connect() as conn:
        articles = conn.execute(sa.select(t.articles.c.id, t.articles.c.story_id)).all()
        stories = {r.id: r for r in conn.execute(sa.select(t.stories))}
        ids = [a.id for a in articles]
        assert len(ids) == len(set(ids)), "an article is stored twice"
        members = Counter(a.story_id for a in articles)
        assert None not in members, "an article without a story"
        open_ids = {r.article_id for r in conn.execute(sa.select(t.open_articles.c.article_id))}
        assert open_ids <= set(ids), "an open-window row for an article not stored"
        committed = Counter(a.story_id for a in articles if a.id not in open_ids)
        for story_id, n in members.items():
            story = stories[story_id]
            assert story.n_articles == n, f"{story_id}: n_articles {story.n_articles} != {n}"
            if story.state is not None:
                # The state is the clusterer's: it counts the committed articles, not the open ones.
                state = json.loads(story.state)
                assert state["n_articles"] == committed[story_id], (
                    f"{story_id}: state n_articles {state['n_articles']} != {committed[story_id]} committed"
                )
        empty = [s for s in stories.values() if s.state is not None and s.id not in members]
        assert not empty, f"clustered stories left without articles: {[s.id for s in empty]}"
        for name in ("analyses", "features", "minhashes"):
            table = t.metadata.tables[name]
            count = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            assert count == len(ids), f"{name}: {count} rows for {len(ids)} articles"
        clustered = {a.id for a in articles if stories[a.story_id].state is not None}
        assert open_ids <= clustered, "an article made into a story by hand is in the open window"
        _check_df(conn, clustered)
    if build_dossiers:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StorylineWarning)
            for story_id in members:
                dossier = store.dossier(story_id)
                assert len(dossier.articles) == members[story_id]
                assert dossier.check_spans() == []
    return {"articles": len(ids), "stories": len(members)}


def _check_df(conn: sa.Connection, clustered: set[str]) -> None:
    """n_docs counts the clustered articles; df is exactly what their stored features say."""
    assert counter(conn, N_DOCS) == len(clustered), "n_docs does not count the clustered articles"
    expected: Counter[str] = Counter()
    for row in conn.execute(sa.select(t.features.c.article_id, t.features.c.data)):
        if row.article_id in clustered:
            expected.update(set(json.loads(row.data)["terms"]))
    stored = {r[0]: r[1] for r in conn.execute(sa.select(t.term_df.c.term, t.term_df.c.df))}
    assert stored == dict(expected), "term_df differs from the stored features"
