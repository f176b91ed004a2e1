"""The Store on SQLite and PostgreSQL: migrations, dedup, near-duplicates, stories, search, dossiers."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from storyline.corpus import ClusterConfig, RevisingClusterer, StoryFeatures, with_stems
from storyline.errors import StoreError, StorylineWarning
from storyline.ingest import read_inputs
from storyline.model import Article, ArticleAnalysis
from storyline.options import Options
from storyline.store import Store, migrate
from storyline.store import api as store_api
from storyline.store import schema as t
from storyline.store.search import fts5_query

from .conftest import Analysed
from .consistency import check_consistent

pytestmark = pytest.mark.filterwarnings("ignore::storyline.errors.StorylineWarning")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def filled(store: Store, example_analysed: list[Analysed]) -> Store:
    for article, analysis, features in example_analysed:
        store.add_analysed(article, analysis, features)
    return store


def _synthetic(
    text: str,
    day: str | None = "2025-03-14",
    terms: dict[str, float] | None = None,
    outlet: str = "Test Post",
) -> tuple[Article, ArticleAnalysis, StoryFeatures]:
    """An article built by hand: no spaCy, and features that decide its story."""
    import hashlib

    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    article = Article(
        id=article_id, source=f"{article_id}.txt", outlet=outlet, published=day, format="plain", text=text
    )
    published = dt.datetime.fromisoformat(day) if day else None
    features = StoryFeatures(article_id, published, terms or {f"tok:{w}": 1.0 for w in text.lower().split()})
    return article, ArticleAnalysis(article=article_id), features


def _count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


# -- migrations ---------------------------------------------------------------------------------


def test_store_fresh_database_gets_head_revision_and_reopens(store_url: str) -> None:
    with Store.open(store_url) as first:
        assert migrate.current_revision(first.engine) == migrate.head_revision()
    with Store.open(store_url) as again:
        assert migrate.current_revision(again.engine) == migrate.head_revision()


def test_store_migrations_match_schema_module(store: Store) -> None:
    def ours(obj: object, name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
        # The full-text tables, columns and indexes are per database and not in schema.py.
        return (
            "_fts" not in (name or "")
            and name not in ("tsv", "alembic_version")
            and "_tsv" not in (name or "")
        )

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ours, "compare_type": True})
        diffs = compare_metadata(context, t.metadata)
    assert diffs == []


def test_store_unknown_revision_is_a_coded_error(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=r"\[S404\]"):
        Store.open(store_url)


def test_store_bad_url_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"\[S401\]"):
        Store.open(f"sqlite:///{tmp_path}/missing/folder/store.db")
    with pytest.raises(StoreError, match=r"\[S401\]"):
        Store.open("nonsense://x")


# -- writing ------------------------------------------------------------------------------------


def test_store_story_without_headlines_is_listed_by_its_lede(store: Store) -> None:
    text = "Kelmouth's ferry will stop running in May. The operator blamed fuel costs. " * 3
    story_id = store.add_analysed(*_synthetic(text))
    assert store.story(story_id).title == "Kelmouth's ferry will stop running in May."


def test_store_same_article_twice_is_stored_once(store: Store, example_analysed: list[Analysed]) -> None:
    article, analysis, features = example_analysed[0]
    first = store.add_analysed(article, analysis, features)
    again = store.add_analysed(article, analysis, features)
    assert first == again
    assert _count(store, t.articles) == 1
    check_consistent(store)


def test_store_near_duplicate_is_linked_to_its_original(
    store: Store, example_analysed: list[Analysed]
) -> None:
    article, analysis, features = example_analysed[0]
    store.add_analysed(article, analysis, features)
    updated_text = article.text.replace("Thursday", "Thursday evening") + "\n\nThis article was updated."
    copy, copy_analysis, copy_features = _synthetic(updated_text)
    unrelated = _synthetic("A different story entirely about a bridge in Kelmouth and its new paint. " * 3)
    store.add_analysed(copy, copy_analysis, copy_features)
    store.add_analysed(*unrelated)
    with store.engine.connect() as conn:
        links = {r[0]: r[1] for r in conn.execute(sa.select(t.articles.c.id, t.articles.c.duplicate_of))}
    assert links == {article.id: None, copy.id: article.id, unrelated[0].id: None}


def test_store_ingest_resumes_where_it_stopped(
    store: Store, example_dir: Path, example_analysed: list[Analysed]
) -> None:
    for article, analysis, features in example_analysed[:2]:  # as if killed after two articles
        store.add_analysed(article, analysis, features)
    raws, _ = read_inputs([str(example_dir)], Options())
    report = store.ingest(raws)
    assert (report.added, report.duplicates, report.near_duplicates) == (2, 2, 0)
    again = store.ingest(raws)
    assert (again.added, again.duplicates, again.stories_touched) == (0, 4, [])
    counts = check_consistent(store)
    assert counts["articles"] == 4


def test_store_add_to_unknown_story_is_a_coded_error(store: Store) -> None:
    with pytest.raises(StoreError, match=r"\[S402\]"):
        store.add_analysed(*_synthetic("one two three four five six"), story="s-nope")
    assert _count(store, t.articles) == 0


def test_store_create_story_holds_exactly_its_articles(store: Store, example_dir: Path) -> None:
    raws, _ = read_inputs([str(example_dir)], Options())
    story_id, report = store.create_story(raws[:2])
    assert story_id.startswith("u-") and report.added == 2
    assert len(store.story_articles(story_id)) == 2
    assert store.story(story_id).n_articles == 2
    again_id, again = store.create_story(raws[:2])
    assert (again_id, again.added, again.duplicates) == (story_id, 0, 2)
    with pytest.raises(StoreError, match=r"\[S405\]"):
        store.create_story(raws[1:3])
    check_consistent(store)


# -- reading ------------------------------------------------------------------------------------


def test_store_stories_newest_first_with_outlets(filled: Store) -> None:
    found = filled.stories()
    assert sum(s.n_articles for s in found) == 4
    latest = [s.last_published for s in found]
    assert latest == sorted(latest, reverse=True)
    assert any("Tidewater News" in s.outlets for s in found)
    assert filled.stories(since=dt.date(2025, 5, 1)) == [s for s in found if s.last_published >= "2025-05-01"]
    assert filled.story(found[0].id) == found[0]
    assert filled.stories(limit=1) == found[:1]
    assert {s.id for s in filled.stories(query="Okafor")} <= {s.id for s in found}


def test_store_unknown_ids_are_coded_errors(filled: Store) -> None:
    with pytest.raises(StoreError, match=r"\[S402\]"):
        filled.story("s-unknown")
    with pytest.raises(StoreError, match=r"\[S402\]"):
        filled.dossier("s-unknown")
    with pytest.raises(StoreError, match=r"\[S403\]"):
        filled.article("0000000000000000")


def test_store_article_round_trips(filled: Store, example_analysed: list[Analysed]) -> None:
    for article, _, _ in example_analysed:
        assert filled.article(article.id) == article


# -- search -------------------------------------------------------------------------------------


def test_store_search_quotes_by_speaker(filled: Store) -> None:
    hits = filled.search("", kind="quote", speaker="Osei")
    assert hits and all("Osei" in (h.speaker or "") for h in hits)
    costs = filled.search("cost", kind="quote", speaker="okafor")
    assert costs and all("cost" in h.text.lower() and "Okafor" in (h.speaker or "") for h in costs)


def test_store_search_hits_are_cites(filled: Store) -> None:
    for kind in ("article", "quote", "entity"):
        hits = filled.search("Okafor", kind=kind)  # type: ignore[arg-type]
        assert hits, kind
        for hit in hits:
            assert filled.article(hit.article).text[hit.start : hit.end] == hit.text
            assert hit.story is not None
    assert filled.search("Okafor", kind="entity")[0].text.endswith("Okafor")
    assert filled.search("embankment flood")[0].kind == "article"
    assert filled.search("zebra") == []


HOSTILE = [
    '"',
    "'",
    "AND",
    "OR NOT",
    "NEAR(",
    "okafor*",
    "^okafor",
    "title:okafor",
    "a -b",
    "'; DROP TABLE articles; --",
    "\x00okafor",
    "(((",
    "🙂",
    "",
    "   ",
    "x" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_store_search_any_text_is_a_safe_query(filled: Store, query: str) -> None:
    for kind in ("article", "quote", "entity"):
        filled.search(query, kind=kind, speaker=query or None)  # type: ignore[arg-type]
    assert _count(filled, t.articles) == 4


def test_store_fts5_query_quotes_every_word() -> None:
    assert fts5_query('say "hi" NEAR(x) OR') == '"say" "hi" "NEAR" "x" "OR"'
    assert fts5_query("*^()") is None


# -- dossiers -----------------------------------------------------------------------------------


def test_store_dossier_rebuilt_only_when_its_articles_change(
    filled: Store, monkeypatch: pytest.MonkeyPatch, example_analysed: list[Analysed]
) -> None:
    calls: list[int] = []
    real = store_api.assemble

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_api, "assemble", counting)
    story_id = filled.stories()[0].id  # the June story: the March one is out of the active window
    first = filled.dossier(story_id)
    assert len(calls) == 1
    assert filled.dossier(story_id) == first and len(calls) == 1  # cached

    text = "Kelmouth harbour dredging contract awarded to a new firm " * 4
    elsewhere = _synthetic(text, day="2025-06-03", terms={"tok:kelmouth": 5.0})
    assert filled.add_analysed(*elsewhere) != story_id
    assert filled.dossier(story_id) == first and len(calls) == 1  # another story changed: still cached

    _, _, features = example_analysed[-1]
    here = _synthetic(
        "Harwick residents respond to the scrapped wall " * 4, day="2025-06-03", terms=dict(features.terms)
    )
    assert filled.add_analysed(*here) == story_id
    rebuilt = filled.dossier(story_id)
    assert len(calls) == 2 and len(rebuilt.articles) == len(first.articles) + 1
    assert filled.dossier(story_id, Options(summary_sentences=2)) is not None and len(calls) == 3


def test_store_dossier_matches_one_shot_assembly(filled: Store) -> None:
    from storyline.pipeline import assemble

    story_id = filled.stories()[-1].id
    articles = filled.story_articles(story_id)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        with filled.engine.connect() as conn:
            from storyline.store.repository import load_analyses

            analyses = load_analyses(conn, [a.id for a in articles])
        expected = assemble(articles, analyses, [], Options())
    assert filled.dossier(story_id).model_dump() == expected.model_dump()
    assert filled.dossier(story_id).model_dump() == expected.model_dump()  # and from the cache


def test_store_recluster_keeps_the_store_consistent(filled: Store) -> None:
    report = filled.recluster()
    assert report.articles == 4 and report.stories_after >= 1
    counts = check_consistent(filled)
    assert counts["stories"] == report.stories_after
    reclustered = {s.id for s in filled.stories()}
    extra = _synthetic(
        "Kelmouth harbour dredging contract awarded to a new council firm " * 4, day="2025-06-03"
    )
    # Online clustering resumes from the re-clustered stories, on its own similarity scale:
    # an article about something else starts a story of its own.
    assert filled.add_analysed(*extra) not in reclustered
    check_consistent(filled, build_dossiers=False)


# -- the open window (revising clusterer) -------------------------------------------------------

_FLOOD = ["harwick", "okafor", "flood", "embankment", "council", "wend"]
_TOPICS = [_FLOOD, ["ashby", "osei", "bridge", "toll", "motorway", "closure"], ["elmford", "reid", "ballot"]]


def _about(words: list[str], tag: str, hour: int = 9) -> tuple[Article, ArticleAnalysis, StoryFeatures]:
    """A synthetic article on these words (and their stems, as ``features_from_doc`` gives)."""
    article, analysis, _ = _synthetic(f"{tag}: {' '.join(words)}.")
    when = dt.datetime(2025, 3, 14, hour, tzinfo=dt.UTC)
    return article, analysis, StoryFeatures(article.id, when, with_stems({f"tok:{w}": 1.0 for w in words}))


def _background_items() -> list[tuple[Article, ArticleAnalysis, StoryFeatures]]:
    """Unrelated one-off articles, so that IDF means something."""
    pairs = [("quince", "marble"), ("violin", "pepper"), ("glacier", "turnip"), ("saddle", "comet")]
    return [_about(list(words), f"bg{k}", hour=1) for k, words in enumerate(pairs)]


def _background(store: Store) -> None:
    for item in _background_items():
        store.add_analysed(*item)


def _stories_by_article(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return {r.id: r.story_id for r in conn.execute(sa.select(t.articles.c.id, t.articles.c.story_id))}


def test_store_later_article_moves_an_open_one_and_its_emptied_story_goes(store_url: str) -> None:
    store = Store.open(store_url, ClusterConfig(use_embeddings=False))  # the features have no embedding
    _background(store)
    a1 = _about([*_FLOOD[:3], "alpha", "beta", "gamma"], "a1", hour=9)
    a2 = _about([*_FLOOD[3:], "delta", "epsilon", "zeta"], "a2", hour=9)
    a3 = _about(_FLOOD, "a3", hour=10)  # bridges the two
    first, second = store.add_analysed(*a1), store.add_analysed(*a2)
    assert first != second and {s.id for s in store.stories()} >= {first, second}
    assert store.add_analysed(*a3) == first
    assert _stories_by_article(store)[a2[0].id] == first  # moved in the same transaction
    ids = {s.id: s.n_articles for s in store.stories()}
    assert ids[first] == 3 and second not in ids  # the story a2 started is gone, not left empty
    with pytest.raises(StoreError, match=f"S411.*{first}"):  # and its id says where it went
        store.dossier(second)
    check_consistent(store, build_dossiers=False)
    store.close()


def _topic_stream() -> list[tuple[Article, ArticleAnalysis, StoryFeatures]]:
    return [_about([*_TOPICS[k % 3][: 3 + k % 3], f"w{k}"], f"n{k}", hour=2 + k) for k in range(15)]


def test_store_open_window_resumes_in_a_new_process_as_if_never_closed(
    store_url: str, tmp_path: Path
) -> None:
    config = ClusterConfig(open_articles=4, use_embeddings=False)  # the features have no embedding
    with Store.open(f"sqlite:///{tmp_path / 'whole.db'}", config) as whole:
        _background(whole)
        for item in _topic_stream():
            whole.add_analysed(*item)
        expected = _stories_by_article(whole)
    for item in [None, *_topic_stream()]:
        with Store.open(store_url, config) as reopened:  # a fresh clusterer each time: resumed
            if item is None:
                _background(reopened)
            else:
                reopened.add_analysed(*item)
            with reopened.engine.connect() as conn:
                assert conn.execute(sa.select(sa.func.count()).select_from(t.open_articles)).scalar_one() == 4
            check_consistent(reopened, build_dossiers=False)
    with Store.open(store_url, config) as reopened:
        assert _stories_by_article(reopened) == expected
    # And the store's stories are the clusterer's, as the benchmark measures it in memory.
    clusterer = RevisingClusterer(config)
    final: dict[str, str] = {}
    for _, _, features in [*_background_items(), *_topic_stream()]:
        final.update(clusterer.assign(features).committed)
    assert expected == {**final, **clusterer.flush()}
    with Store.open(store_url, config) as reopened:
        assert len(reopened.stories()) == 4 + 3  # the background articles, and the three topics
