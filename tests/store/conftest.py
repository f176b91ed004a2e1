"""Store fixtures: a fresh store URL per test, on SQLite and on a real PostgreSQL.

PostgreSQL comes from ``$STORYLINE_TEST_PG_URL`` when set (a URL whose user may create
databases); otherwise a throwaway cluster is started for the session from the server
binaries in ``/usr/lib/postgresql/*/bin`` (as the ``postgres`` user when we are root, since
initdb refuses root), on a free loopback port, and removed at the end. Without either, the
PostgreSQL cases skip with a message, unless ``STORYLINE_TEST_REQUIRE_PG`` is set (CI), in
which case they fail.

The example story is parsed once per session; tests store its analysed articles with
``Store.add_analysed``, which needs no spaCy.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from storyline.corpus import StoryFeatures, features_from_doc
from storyline.errors import StorylineWarning
from storyline.model import Article, ArticleAnalysis
from storyline.options import Options

BACKENDS = ["sqlite", "postgresql"]
Analysed = tuple[Article, ArticleAnalysis, StoryFeatures]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _start_cluster(bin_dir: Path) -> tuple[str, Path]:
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run(
        _as_postgres(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"]
        ),
        **run,  # type: ignore[call-overload]
    )
    port = _free_port()
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(
        _as_postgres(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"]
        ),
        **run,  # type: ignore[call-overload]
    )
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", root


def _stop_cluster(bin_dir: Path, root: Path) -> None:
    subprocess.run(
        _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "-w", "stop"]),
        capture_output=True,
        timeout=60,
        check=False,
    )
    shutil.rmtree(root, ignore_errors=True)


def _no_postgres(reason: str) -> None:
    if os.environ.get("STORYLINE_TEST_REQUIRE_PG"):
        pytest.fail(f"PostgreSQL is required here (STORYLINE_TEST_REQUIRE_PG) but {reason}")
    pytest.skip(f"no PostgreSQL: {reason}; set STORYLINE_TEST_PG_URL or install the postgresql package")


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A URL to a PostgreSQL database whose user can create databases."""
    given = os.environ.get("STORYLINE_TEST_PG_URL")
    if given:
        yield given.replace("postgresql://", "postgresql+psycopg://", 1)
        return
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        _no_postgres("no server binaries in /usr/lib/postgresql/*/bin")
    bin_dir = Path(initdbs[-1]).parent
    try:
        url, root = _start_cluster(bin_dir)
    except (subprocess.SubprocessError, OSError, KeyError, LookupError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        _no_postgres(f"starting a cluster failed: {exc} {detail.decode(errors='replace')[-300:]}")
    try:
        yield url
    finally:
        _stop_cluster(bin_dir, root)


def _new_pg_database(admin_url: str) -> tuple[str, str]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False), name


def _drop_pg_database(admin_url: str, name: str) -> None:
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    admin = request.getfixturevalue("pg_admin_url")
    url, name = _new_pg_database(admin)
    yield url
    _drop_pg_database(admin, name)


@pytest.fixture(scope="session")
def example_analysed(example_dir: Path) -> list[Analysed]:
    """The example story's articles, normalised, annotated and extracted once, in publication order."""
    from storyline.ingest import read_inputs
    from storyline.pipeline import annotate_and_extract, normalise_articles

    options = Options()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        raws, _ = read_inputs([str(example_dir)], options)
        articles = normalise_articles(raws, options, [])
        found = []
        for article, doc, analysis in annotate_and_extract(articles, options):
            published = dt.datetime.fromisoformat(article.published) if article.published else None
            found.append((article, analysis, features_from_doc(article.id, published, doc, article.title)))
    return sorted(found, key=lambda t: (t[0].published is None, t[0].published or "", t[0].id))
