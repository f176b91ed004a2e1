"""Parsing on a Dask cluster gives the same stored stories as parsing locally.

A real ``distributed.LocalCluster`` (worker processes, so articles and results really cross a
process boundary by pickling) parses the corpus in small partitions; the driver assigns
stories and writes. Its stories, ids included, must equal a local ingest's of the same files.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from storyline.cli import main
from storyline.corpus.engines import DaskEngine, local_engine
from storyline.errors import ConfigError, StorylineWarning
from storyline.ingest import read_inputs
from storyline.model import RawArticle
from storyline.options import Options
from storyline.pipeline import normalise_articles
from storyline.store import Store
from storyline.store import schema as t

from .consistency import check_consistent
from .test_crash import VARIANTS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::storyline.errors.StorylineWarning"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture(scope="module")
def dask_client() -> Iterator[object]:
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = distributed.Client(cluster)
    yield client
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client.close()
        cluster.close()


@pytest.fixture(scope="module")
def corpus(example_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[RawArticle]:
    """The example story and two renamed variants of it: 12 articles, several stories."""
    folder = tmp_path_factory.mktemp("corpus")
    files = sorted(example_dir.iterdir())
    for path in files:
        (folder / f"v0_{path.name}").write_bytes(path.read_bytes())
    for n, swaps in enumerate(VARIANTS[:2], start=1):
        for path in files:
            text = path.read_text(encoding="utf-8")
            for old, new in swaps.items():
                text = text.replace(old, new).replace(old.lower(), new.lower())
            (folder / f"v{n}_{path.name}").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        raws, skipped = read_inputs([str(folder)], Options())
    assert not skipped and len(raws) == 12
    return raws


def _stories(store: Store) -> dict[str, list[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    with store.engine.connect() as conn:
        for row in conn.execute(sa.select(t.articles.c.id, t.articles.c.story_id).order_by(t.articles.c.id)):
            members[row.story_id].append(row.id)
    return dict(members)


def test_engines_dask_results_come_back_in_order_and_equal_local_ones(
    corpus: list[RawArticle], dask_client: object
) -> None:
    options = Options()
    articles = normalise_articles(corpus, options, [])
    local = list(local_engine(articles, options))
    remote = list(DaskEngine(dask_client, partition_size=5)(articles, options))  # type: ignore[arg-type]
    assert [a.id for a, _, _ in remote] == [a.id for a in articles]
    assert [x.model_dump() for _, x, _ in remote] == [x.model_dump() for _, x, _ in local]
    assert [f.terms for _, _, f in remote] == [f.terms for _, _, f in local]
    # Embeddings too (rounded, so one-threaded workers and a many-threaded driver agree).
    assert [f.embedding for _, _, f in remote] == [f.embedding for _, _, f in local]


def test_engines_dask_ingest_gives_the_same_stories_as_a_local_one(
    corpus: list[RawArticle], dask_client: object, store_url: str, tmp_path: Path
) -> None:
    """Dask → this backend (SQLite or PostgreSQL) against a local ingest into SQLite."""
    with Store.open(f"sqlite:///{tmp_path / 'local.db'}") as store:
        local_report = store.ingest(corpus)
        local_stories = _stories(store)
    with Store.open(store_url) as store:
        report = store.ingest(corpus, engine=DaskEngine(dask_client, partition_size=3))  # type: ignore[arg-type]
        assert report.added == local_report.added == 12
        assert _stories(store) == local_stories
        assert len(local_stories) >= 3  # the variants are different stories
        check_consistent(store, build_dossiers=False)
        again = store.ingest(corpus, engine=DaskEngine(dask_client))  # type: ignore[arg-type]
        assert again.added == 0 and again.duplicates == 12


def test_engines_partition_size_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="S409"):
        DaskEngine("tcp://127.0.0.1:8786", partition_size=0)


def test_cli_ingest_dask_without_scheduler_is_a_clear_error(example_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["ingest", str(example_dir), "--db", f"sqlite:///{tmp_path / 's.db'}", "--engine", "dask"]
    )
    assert result.exit_code == 1
    assert "S410" in result.output and "--scheduler" in result.output
