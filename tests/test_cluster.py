"""Online story clustering: joins, new stories, time decay, the bounded index, resuming, ids."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from storyline.cluster import (
    Assignment,
    ClusterConfig,
    StoryClusterer,
    StoryFeatures,
    StoryState,
    features_from_doc,
    recluster,
)

DAY = dt.datetime(2031, 3, 13, 9, 0, tzinfo=dt.UTC)

# Tokens carry the default weight (lemmas, entities and headline words are weighted 0).
FLOOD = ["tok:harwick", "tok:okafor", "tok:flood", "tok:embankment", "tok:council", "tok:wend"]
BRIDGE = ["tok:ashby", "tok:osei", "tok:bridge", "tok:toll", "tok:motorway", "tok:closure"]
MAYOR = ["tok:elmford", "tok:reid", "tok:election", "tok:ballot", "tok:mayor", "tok:count"]


def article(
    article_id: str, terms: list[str], when: dt.datetime | None = DAY, extra: tuple[str, ...] = ()
) -> StoryFeatures:
    return StoryFeatures(article_id, when, {t: 1.0 for t in (*terms, *extra)})


def background(clusterer: StoryClusterer, n: int = 6) -> None:
    """Unrelated one-off articles, so that IDF means something."""
    for k in range(n):
        clusterer.assign(article(f"bg{k}", [f"tok:noise{k}", f"lem:other{k}", f"ent:person {k}"]))


def test_cluster_same_story_joins() -> None:
    clusterer = StoryClusterer()
    background(clusterer)
    first = clusterer.assign(article("a1", FLOOD))
    second = clusterer.assign(article("a2", FLOOD[:5], extra=("tok:residents",)))
    assert first.created
    assert second == Assignment(first.story_id, created=False, similarity=second.similarity)
    assert second.similarity > ClusterConfig().threshold
    assert clusterer.story(first.story_id).n_articles == 2


def test_cluster_different_story_starts_new() -> None:
    clusterer = StoryClusterer()
    background(clusterer)
    flood = clusterer.assign(article("a1", FLOOD))
    bridge = clusterer.assign(article("b1", BRIDGE))
    mayor = clusterer.assign(article("c1", MAYOR, extra=("tok:council",)))
    assert bridge.created and mayor.created
    assert len({flood.story_id, bridge.story_id, mayor.story_id}) == 3


def test_cluster_time_decay_separates_old_from_new() -> None:
    clusterer = StoryClusterer(ClusterConfig(half_life_days=2.0, window_days=365))
    background(clusterer)
    old = clusterer.assign(article("a1", FLOOD, DAY))
    next_day = clusterer.assign(article("a2", FLOOD, DAY + dt.timedelta(days=1)))
    months_later = clusterer.assign(article("a3", FLOOD, DAY + dt.timedelta(days=60)))
    assert next_day.story_id == old.story_id
    assert months_later.created


def test_cluster_undated_article_takes_the_latest_time() -> None:
    clusterer = StoryClusterer()
    first = clusterer.assign(article("a1", FLOOD, DAY))
    undated = clusterer.assign(article("a2", FLOOD, None))
    assert undated.story_id == first.story_id
    assert clusterer.story(first.story_id).last_seen == DAY


def test_cluster_index_stays_bounded() -> None:
    config = ClusterConfig(max_active=5, window_days=3)
    clusterer = StoryClusterer(config)
    for k in range(40):
        clusterer.assign(article(f"x{k}", [f"tok:word{k}", f"ent:name {k}"], DAY + dt.timedelta(hours=k)))
    assert len(clusterer.stories()) <= config.max_active + 1
    held = {story for holders in clusterer._postings.values() for story in holders}
    assert held <= {s.story_id for s in clusterer.stories()}
    late = StoryClusterer(config)
    for k in range(10):
        late.assign(article(f"y{k}", [f"tok:word{k}"], DAY + dt.timedelta(days=k)))
    cutoff = late.active_since()
    assert cutoff == DAY + dt.timedelta(days=9 - 3)
    assert all(s.last_seen is not None and s.last_seen >= cutoff for s in late.stories())


def test_cluster_evicted_story_is_not_joined() -> None:
    clusterer = StoryClusterer(ClusterConfig(window_days=3, half_life_days=None))
    first = clusterer.assign(article("a1", FLOOD, DAY))
    clusterer.assign(article("b1", BRIDGE, DAY + dt.timedelta(days=10)))
    again = clusterer.assign(article("a2", FLOOD, DAY + dt.timedelta(days=10)))
    assert again.created and again.story_id != first.story_id


def _stream() -> list[StoryFeatures]:
    topics = [FLOOD, BRIDGE, MAYOR]
    return [
        article(f"n{k:02d}", topics[k % 3][: 4 + k % 3], DAY + dt.timedelta(hours=k), extra=(f"tok:w{k}",))
        for k in range(18)
    ]


def test_cluster_load_round_trip_gives_identical_assignments() -> None:
    stream = _stream()
    whole = StoryClusterer()
    expected = [whole.assign(f) for f in stream]

    first = StoryClusterer()
    stored: dict[str, dict[str, object]] = {}
    df: dict[str, int] = {}
    for f in stream[:9]:
        story_id = first.assign(f).story_id
        stored[story_id] = json.loads(json.dumps(first.story(story_id).to_json()))
        for term, n in first.term_increments().items():
            df[term] = df.get(term, 0) + n
    resumed = StoryClusterer()
    resumed.load((StoryState.from_json(s) for s in stored.values()), first.n_docs, df)
    assert resumed.n_docs == 9
    got = [resumed.assign(f) for f in stream[9:]]
    assert got == expected[9:]


def test_cluster_story_ids_are_deterministic() -> None:
    stream = _stream()
    clusterer = StoryClusterer()
    one = [clusterer.assign(f).story_id for f in stream]
    two = recluster(stream)
    assert one[0] == "s-n00"
    assert len(set(one)) == 3
    assert set(two.values()) == set(one)
    assert recluster(list(stream)) == two


def test_cluster_json_round_trips() -> None:
    f = article("a1", FLOOD)
    assert StoryFeatures.from_json(json.loads(json.dumps(f.to_json()))) == f
    state = StoryState("s-a1", {"tok:wend": 2.0}, 2, DAY, DAY + dt.timedelta(hours=3), 7)
    assert StoryState.from_json(json.loads(json.dumps(state.to_json()))) == state


def test_cluster_centroid_is_capped() -> None:
    clusterer = StoryClusterer(ClusterConfig(centroid_terms=8))
    story_id = clusterer.assign(article("a1", FLOOD + BRIDGE)).story_id
    assert len(clusterer.story(story_id).centroid) == 8


def test_recluster_merges_a_story_split_by_the_online_pass() -> None:
    # The second article shares too little with the first alone, but the third bridges them.
    a = article("a1", FLOOD[:3], extra=("tok:alpha", "tok:beta", "tok:gamma"))
    b = article("a2", FLOOD[3:], extra=("tok:delta", "tok:epsilon", "tok:zeta"), when=DAY)
    c = article("a3", FLOOD, DAY)
    online = StoryClusterer()
    assert len({online.assign(f).story_id for f in (a, b, c)}) == 2
    result = recluster([a, b, c], ClusterConfig())
    assert result["a1"] == result["a2"] == result["a3"] == "s-a1"


@pytest.mark.slow
def test_cluster_features_from_doc() -> None:
    from storyline.annotate import load_nlp

    doc = load_nlp()("Council leader Maria Okafor said the Wend Embankment scheme in Harwick was paused.")
    features = features_from_doc("a1", DAY, doc, title="Harwick flood scheme paused")
    assert features.article_id == "a1" and features.published == DAY
    assert features.terms["ent:maria okafor"] == 1.0
    assert features.terms["ent:okafor"] == 1.0
    assert features.terms["lem:pause"] == 1.0
    assert features.terms["tit:harwick"] == 1.0
    assert "tok:the" not in features.terms
    assert all(term.split(":", 1)[0] in {"tok", "lem", "ent", "tit"} for term in features.terms)


def test_cluster_many_terms_grow_the_tables() -> None:
    clusterer = StoryClusterer(ClusterConfig(centroid_terms=5000))
    words = [f"tok:w{k}" for k in range(3000)]
    first = clusterer.assign(StoryFeatures("a1", DAY, {w: 1.0 for w in words[:1500]}))
    second = clusterer.assign(StoryFeatures("a2", DAY, {w: 1.0 for w in words[100:1600]}))
    assert second.story_id == first.story_id
    assert clusterer.df()["tok:w200"] == 2 and clusterer.n_docs == 2
