"""The Store: articles in, stories and their dossiers out, on SQLite or PostgreSQL.

``Store.open(url)`` creates or migrates the database. ``ingest`` parses and annotates
articles once (through the pipeline's own functions, as ``storyline analyze`` does), and
``add_analysed`` stores each one with its analysis, near-duplicate link and story in **one
transaction**: a process killed at any point leaves every article either wholly stored or not
at all, and running the same ingest again skips what is stored and carries on. ``dossier``
re-assembles a story from its stored analyses, and only when its set of articles changed.

Writes are meant to come from one ingesting process at a time; ``add_analysed`` is the single
write path, so a distributed engine can annotate elsewhere and call it in publication order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from storyline import __version__
from storyline.corpus import ClusterConfig, RevisingClusterer, StoryFeatures
from storyline.corpus.engines import ParseEngine, local_engine
from storyline.errors import Errors, InputError, StoreError
from storyline.model import Article, ArticleAnalysis, Dossier, RawArticle, Skipped
from storyline.options import Options
from storyline.pipeline import assemble, normalise_articles
from storyline.store import clustering, dedup, migrate
from storyline.store import repository as repo
from storyline.store import search as fts
from storyline.store.connect import create_store_engine, read_transaction, resolve_url, write_transaction
from storyline.store.records import IngestReport, ReclusterReport, SearchHit, StoryInfo

Progress = Callable[[int, int], None]
_CLUSTER_LOCK = 7_104_222  # PostgreSQL advisory lock id: clustered writes happen one at a time


@dataclass(frozen=True)
class _Outcome:
    """What storing one article did."""

    story_id: str
    added: bool
    made: frozenset[str] = frozenset()  # stories whose rows it created
    near_duplicate_of: str | None = None


class Store:
    """A story store on one database. Open with ``Store.open(url)``; use as a context manager."""

    def __init__(self, engine: Engine, url: str, cluster_config: ClusterConfig | None = None) -> None:
        self._engine = engine
        self.url = url
        self._cluster_config = cluster_config
        self._clusterer: RevisingClusterer | None = None

    @classmethod
    def open(cls, url: str | None = None, cluster_config: ClusterConfig | None = None) -> Store:
        """Open (creating or migrating) the store at ``url``; default $STORYLINE_DB or ./storyline.db."""
        url = resolve_url(url)
        engine = create_store_engine(url)
        shown = engine.url.render_as_string(hide_password=True)
        try:
            migrate.upgrade(engine, shown)
        except sa.exc.DBAPIError as exc:
            engine.dispose()
            raise StoreError(Errors.S401.format(url=shown, detail=_first_line(exc))) from exc
        except StoreError:
            engine.dispose()
            raise
        return cls(engine, shown, cluster_config)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for tools and tests that query the tables directly)."""
        return self._engine

    # -- writing --------------------------------------------------------------------------------

    def ingest(
        self,
        raws: Sequence[RawArticle],
        options: Options | None = None,
        progress: Progress | None = None,
        story: str | None = None,
        engine: ParseEngine | None = None,
    ) -> IngestReport:
        """Normalise, annotate, assign to stories and store; what is stored already is skipped.

        Articles go in in publication order (then id), which is the order the clusterer needs
        and makes a re-run after a crash take the same path. With ``story``, every article goes
        into that story and the clusterer is not used. ``engine`` says where articles are
        parsed (``storyline.corpus.engines``: in this process by default, or on a Dask cluster).
        """
        options = options or Options()
        if story is not None:
            self.story(story)  # unknown story: a coded error before any work
        skipped: list[Skipped] = []
        articles = normalise_articles(raws, options, skipped)
        repeats = len(raws) - len(skipped) - len(articles)
        return self._ingest_articles(articles, repeats, skipped, options, progress, story, engine)

    def create_story(
        self, raws: Sequence[RawArticle], options: Options | None = None, progress: Progress | None = None
    ) -> tuple[str, IngestReport]:
        """One new story holding exactly these articles (not clustered); its id and the report.

        The id derives from the first article's id, so repeating the call resumes the same story.
        """
        options = options or Options()
        skipped: list[Skipped] = []
        articles = sorted(normalise_articles(raws, options, skipped), key=repo.publication_order)
        if not articles:
            raise InputError(Errors.S202)
        story_id = f"u-{articles[0].id}"
        with write_transaction(self._engine) as conn:
            self._check_free(conn, articles, story_id)
            if not repo.story_exists(conn, story_id):
                repo.create_story(conn, story_id)
        repeats = len(raws) - len(skipped) - len(articles)
        return story_id, self._ingest_articles(articles, repeats, skipped, options, progress, story_id)

    def add_analysed(
        self, article: Article, analysis: ArticleAnalysis, features: StoryFeatures, story: str | None = None
    ) -> str:
        """Store one analysed article in one transaction; return its story id.

        Idempotent: an article already stored is left as it is. Call in publication order
        (then id) when the clusterer assigns the story (``story`` None).
        """
        return self._add(article, analysis, features, story).story_id

    def recluster(self, config: ClusterConfig | None = None) -> ReclusterReport:
        """Re-cluster the whole corpus at rest from the stored features (one transaction)."""
        self._clusterer = None
        with write_transaction(self._engine) as conn:
            self._lock_clustering(conn)
            articles, before, after = clustering.recluster_store(conn, config or self._cluster_config)
        return ReclusterReport(articles=articles, stories_before=before, stories_after=after)

    def _ingest_articles(
        self,
        articles: list[Article],
        repeats: int,
        skipped: list[Skipped],
        options: Options,
        progress: Progress | None,
        story: str | None,
        engine: ParseEngine | None = None,
    ) -> IngestReport:
        with read_transaction(self._engine) as conn:
            stored = repo.existing_ids(conn, [a.id for a in articles])
        todo = sorted((a for a in articles if a.id not in stored), key=repo.publication_order)
        report = IngestReport(duplicates=repeats + len(articles) - len(todo), skipped=skipped)
        added: list[str] = []
        made: set[str] = set()
        analysed = (engine or local_engine)(todo, options)
        for n, (article, analysis, features) in enumerate(analysed, start=1):
            outcome = self._add(article, analysis, features, story)
            _count(report, outcome)
            if outcome.added:
                added.append(article.id)
                made.update(outcome.made)
            if progress:
                progress(n, len(todo))
        # Read back, not collected: the clusterer may have moved an article after adding it.
        with read_transaction(self._engine) as conn:
            report.stories_touched = repo.stories_of(conn, added)
        report.stories_created = len(made.intersection(report.stories_touched))
        return report

    def _add(
        self, article: Article, analysis: ArticleAnalysis, features: StoryFeatures, story: str | None
    ) -> _Outcome:
        sig = dedup.signature(article.text)
        keys = dedup.band_keys(sig)
        try:
            with write_transaction(self._engine) as conn:
                stored, current = repo.story_of(conn, article.id)
                if stored:
                    return _Outcome(current or "", added=False)
                original = _original(conn, sig, keys)
                features_json = json.dumps(features.to_json())
                if story is not None:
                    if not repo.story_exists(conn, story):
                        raise StoreError(Errors.S402.format(story=story))
                    story_id, made = story, set[str]()
                    repo.save_story(conn, story, None, article)
                    repo.insert_article(conn, article, analysis, features_json, story, original)
                else:
                    clusterer = self._resumed_clusterer(conn)
                    placed, made = clustering.place(conn, clusterer, features)
                    story_id = placed.story_id
                    repo.insert_article(conn, article, analysis, features_json, story_id, original)
                    clustering.record(conn, clusterer, placed, article.id)
                repo.insert_signature(conn, article.id, sig, keys)
        except BaseException:
            self._clusterer = None  # it may hold an article the store does not: reload next time
            raise
        return _Outcome(story_id, added=True, made=frozenset(made), near_duplicate_of=original)

    def _resumed_clusterer(self, conn: Connection) -> RevisingClusterer:
        """The clusterer, reloaded from the store when another process has written since."""
        self._lock_clustering(conn)
        clusterer = self._clusterer
        if clusterer is None or clusterer.committed.n_docs != repo.counter(conn, repo.N_DOCS):
            clusterer = self._clusterer = clustering.load_clusterer(conn, self._cluster_config)
        return clusterer

    def _lock_clustering(self, conn: Connection) -> None:
        """PostgreSQL: one clustered write at a time across processes (SQLite's write lock does it)."""
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": _CLUSTER_LOCK})

    def _check_free(self, conn: Connection, articles: Sequence[Article], story_id: str) -> None:
        for article in articles:
            stored, current = repo.story_of(conn, article.id)
            if stored and current != story_id:
                raise StoreError(Errors.S405.format(article=article.id, story=current))

    # -- reading --------------------------------------------------------------------------------

    def stories(
        self, since: dt.date | None = None, limit: int | None = None, query: str | None = None
    ) -> list[StoryInfo]:
        """Stories, newest activity first; ``query`` keeps those with an article matching it."""
        with read_transaction(self._engine) as conn:
            ids = None
            if query is not None:
                hits = fts.search(conn, query, "article", None, limit=1000)
                ids = sorted({h.story for h in hits if h.story})
            return repo.list_stories(conn, since, limit, ids)

    def story(self, story_id: str) -> StoryInfo:
        with read_transaction(self._engine) as conn:
            found = repo.list_stories(conn, ids=[story_id])
            if found:
                return found[0]
            if repo.story_exists(conn, story_id):  # made by hand, no articles yet
                now = dt.datetime.now(dt.UTC)
                return StoryInfo(id=story_id, n_articles=0, updated_at=now)
            raise _no_story(conn, story_id)

    def story_articles(self, story_id: str) -> list[Article]:
        """The story's articles in publication order (then id)."""
        with read_transaction(self._engine) as conn:
            ids = repo.story_article_ids(conn, story_id)
            if not ids and not repo.story_exists(conn, story_id):
                raise _no_story(conn, story_id)
            return repo.load_articles(conn, ids)

    def article(self, article_id: str) -> Article:
        with read_transaction(self._engine) as conn:
            found = repo.load_articles(conn, [article_id])
        if not found:
            raise StoreError(Errors.S403.format(article=article_id))
        return found[0]

    def dossier(self, story_id: str, options: Options | None = None) -> Dossier:
        """The story's dossier, assembled from stored analyses; cached until its articles change.

        Nothing is parsed again. The cache key is the story's set of article ids with the
        options that shape the dossier, so a story that gained no article since is served from
        the cache and one that did is re-assembled (and cached) once.
        """
        options = options or Options()
        with read_transaction(self._engine) as conn:
            ids = repo.story_article_ids(conn, story_id)
            if not ids and not repo.story_exists(conn, story_id):
                raise _no_story(conn, story_id)
            key = dossier_key(ids, options)
            cached = repo.cached_dossier(conn, story_id, key)
            if cached is not None:
                return Dossier.from_json(cached)
            articles = repo.load_articles(conn, ids)
            analyses = repo.load_analyses(conn, ids)
        dossier = assemble(articles, analyses, [], options)
        with write_transaction(self._engine) as conn:
            if repo.story_exists(conn, story_id):
                repo.cache_dossier(conn, story_id, key, dossier.to_json(indent=None))
        return dossier

    def search(
        self,
        query: str,
        kind: Literal["article", "quote", "entity"] = "article",
        speaker: str | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        """Full-text search; any text is a valid query (it is never read as query syntax)."""
        with read_transaction(self._engine) as conn:
            return fts.search(conn, query, kind, speaker, limit)


def dossier_key(article_ids: Sequence[str], options: Options) -> str:
    """What a cached dossier depends on: its articles, the summary length and the code version."""
    basis = "\n".join([__version__, str(options.summary_sentences), *sorted(article_ids)])
    return hashlib.sha256(basis.encode()).hexdigest()


def _no_story(conn: Connection, story_id: str) -> StoreError:
    """The error for a story id not in the store; where the story was merged away (the
    clusterer moved its articles, ``cluster.RevisingClusterer``), it names the story they
    are in now: a clustered story's id is its first article's, after ``s-``."""
    first_article = story_id.removeprefix("s-") if story_id.startswith("s-") else ""
    into = repo.current_stories(conn, [first_article]).get(first_article) if first_article else None
    if into:
        return StoreError(Errors.S411.format(story=story_id, into=into))
    return StoreError(Errors.S402.format(story=story_id))


def _original(conn: Connection, sig: bytes, keys: Sequence[int]) -> str | None:
    """The earliest stored article this one nearly duplicates (the original of a chain), if any."""
    best: tuple[float, str] | None = None
    for article_id, other, its_original in repo.band_candidates(conn, keys):
        score = dedup.similarity(sig, other)
        if score >= dedup.THRESHOLD and (best is None or score > best[0]):
            best = (score, its_original or article_id)
    return best[1] if best else None


def _count(report: IngestReport, outcome: _Outcome) -> None:
    if not outcome.added:
        report.duplicates += 1
        return
    report.added += 1
    report.near_duplicates += outcome.near_duplicate_of is not None


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
