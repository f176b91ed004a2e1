"""Engines: where articles are parsed and extracted, in this process or on a Dask cluster.

Parsing is the expensive part of an ingest (spaCy, a few articles a second per core); storing
and story assignment are cheap but must see the articles one at a time in publication order.
So an engine only does the expensive part: it takes normalised articles in the order they will
be stored and yields each one back, in that same order, with its analysis and its clustering
features. The store's ingest writes them as they come, so a crash loses at most the article
being written, whichever engine parsed it.

``local_engine`` parses in this process. ``DaskEngine`` sends partitions of articles to a Dask
distributed cluster (``storyline ingest --engine dask --scheduler tcp://HOST:PORT``); every
worker needs storyline installed, and loads the spaCy model once. Because assignment stays on
the driver, a Dask ingest gives the same stories, with the same ids, as a local one.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from storyline.corpus.cluster import StoryFeatures, features_from_doc
from storyline.errors import ConfigError, Errors
from storyline.model import Article, ArticleAnalysis
from storyline.options import Options
from storyline.pipeline import annotate_and_extract

if TYPE_CHECKING:
    from distributed import Client, Future

Analysed = tuple[Article, ArticleAnalysis, StoryFeatures]
ParseEngine = Callable[[Sequence[Article], Options], Iterator[Analysed]]


def local_engine(articles: Sequence[Article], options: Options) -> Iterator[Analysed]:
    """Parse and extract in this process, one article at a time (spaCy batches internally)."""
    for article, doc, analysis in annotate_and_extract(articles, options):
        yield article, analysis, features_from_doc(article.id, published_at(article), doc, article.title)


def analyse_partition(articles: list[Article], options: Options) -> list[Analysed]:
    """What one Dask task does: a partition of articles, analysed on a worker."""
    return list(local_engine(articles, options))


def published_at(article: Article) -> dt.datetime | None:
    return dt.datetime.fromisoformat(article.published) if article.published else None


class DaskEngine:
    """Analyse partitions of articles on a Dask distributed cluster, yielding results in order.

    scheduler: a scheduler address (``tcp://HOST:PORT``) or a connected ``distributed.Client``
    (tests pass one to a ``LocalCluster``). partition_size: articles per task; big enough that
    shipping a partition costs little next to parsing it. in_flight: how many partitions are
    submitted ahead of the one being stored, so the cluster stays busy while memory stays
    bounded (default: two per worker thread).
    """

    def __init__(
        self, scheduler: str | Client, partition_size: int = 16, in_flight: int | None = None
    ) -> None:
        if partition_size < 1:
            raise ConfigError(Errors.S409.format(value=partition_size))
        self._scheduler = scheduler
        self.partition_size = partition_size
        self._in_flight = in_flight

    def __call__(self, articles: Sequence[Article], options: Options) -> Iterator[Analysed]:
        client, owned = self._connect()
        try:
            yield from self._run(client, list(articles), options)
        finally:
            if owned:
                client.close()  # type: ignore[no-untyped-call]

    def _connect(self) -> tuple[Client, bool]:
        from distributed import Client

        if not isinstance(self._scheduler, str):
            return self._scheduler, False
        try:
            client = Client(self._scheduler, timeout="20s", set_as_default=False)  # type: ignore[no-untyped-call]
            return client, True
        except (OSError, TimeoutError) as exc:
            raise ConfigError(Errors.S408.format(scheduler=self._scheduler, detail=exc)) from exc

    def _run(self, client: Client, articles: list[Article], options: Options) -> Iterator[Analysed]:
        size = self.partition_size
        partitions = [articles[i : i + size] for i in range(0, len(articles), size)]
        ahead = self._in_flight or max(2, 2 * _worker_threads(client))
        pending: deque[Future[Any]] = deque()
        submitted = 0
        while submitted < len(partitions) or pending:
            while submitted < len(partitions) and len(pending) < ahead:
                # pure=False: a partition is submitted once; its key must not collide with a
                # re-run's after a crash.
                pending.append(client.submit(analyse_partition, partitions[submitted], options, pure=False))
                submitted += 1
            future = pending.popleft()
            yield from future.result()
            future.release()  # type: ignore[no-untyped-call]


def _worker_threads(client: Client) -> int:
    info = client.scheduler_info()
    return sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values()) or 1
