"""Store scale: ingest cost per article with 1k, 10k and 50k articles already stored.

Tracker issue 7. The question: does storing one more article (``Store.add_analysed``: one
transaction with the MinHash/LSH near-duplicate lookup, story assignment, df upserts, the
article, its analysis and items, FTS) cost the same whether the store holds 1,000 or 50,000
articles, on SQLite and on PostgreSQL? And what does opening a big store cost, in time and
memory?

How:

1. **Pool.** The real dev articles of quotes-polnear and quotes-ggt (133 full-length news
   articles, ~5,000 characters each) are normalised and parsed once with ``local_engine``
   (spaCy, in a child process so that the model's memory never counts in the store's peak);
   the parse time per article is the constant part of ingest cost. The pool is pickled
   (``--cache``) so that a re-run skips the parse.
2. **Synthetic stream** (for scale only: these are no articles anyone wrote). Copy ``k`` of
   pool article ``b`` is enciphered with letter-substitution cipher ``k % --ciphers`` (seeded
   permutations of a–z, case kept): the article text, its title, the text fields of its
   analysis items and the clustering terms after their ``tok:``/``lem:``/... prefix. Lengths
   and offsets are unchanged, so every span still points at the right place. A line
   ``(copy k)`` is appended to the text so that the content hash (``article_id``, recomputed as
   ``storyline.normalise.article_id`` does) differs, and the new id replaces the old one
   everywhere in the analysis (a JSON round trip). Copies therefore form their own stories,
   and the vocabulary is bounded (pool vocabulary x ciphers) as a real corpus's grows slowly,
   rather than growing with every article. Copies ``k`` and ``k + ciphers`` of one base are
   near-duplicates (at 50k: ~10 of each, with the default 40 ciphers). Each copy carries a
   sentence embedding (its base's, half-mixed with seeded noise: ``_copy_embedding``), so the
   clusterer compares embeddings as in a real stream. Publication dates
   advance one day every ``--per-day`` articles (default 300), each day's articles in id
   order (the publication order the store wants), so the clusterer's 30-day window holds a
   bounded number of stories, as in a real stream.
3. **Fill** each backend to each level (``--levels``, default 1000,5000,10000; the issue's
   1000,10000,50000 is one flag away) through ``Store.add_analysed`` in stream order: the
   real write path, nothing bypasses it. Fill rates are reported per block of the fill.
4. **Measure at each level**, on a freshly opened store: (a) ``Store.open`` and the
   clusterer load (``clustering.load_clusterer``: the active story states; document
   frequencies are fetched per article), the fixed cost of a run; (b) the store cost per
   article: ``add_analysed`` of the next ``--measure`` (200) articles of the stream, mean /
   p50 / p95 ms (the first write, which loads the clusterer, is timed apart and not in
   these); (c) ingest cost per article
   = parse (step 1) + (b); (d) peak RSS of the backend's process and database size. These
   measured articles stay in the store; the fill carries on after them. Flatness: (b) mean
   at the highest level / (b) mean at the lowest.

Each backend runs in its own spawned process (``ru_maxrss`` is per process), one after the
other. PostgreSQL is a throwaway cluster started from ``/usr/lib/postgresql/*/bin`` as
``tests/store/conftest.py`` does (as the ``postgres`` user under root, fsync off), or
``--pg-url`` (a user that may create databases; a new database is made and dropped).

    .venv/bin/python benchmarks/scale.py                             # ~25 min, both backends
    .venv/bin/python benchmarks/scale.py --levels 1000,10000,50000   # ~1 h per backend

Writes are sequential by design (one ingesting process at a time): on a 2-core machine a
store takes 40-70 ms per article alone (twice that when the CPU is shared), so filling to
50k takes most of an hour per backend; hence the smaller default.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import glob
import json
import multiprocessing as mp
import os
import pickle
import random
import resource
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from queue import Empty
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._harness import SHARED, emit_metrics, print_table, read_jsonl
from storyline.corpus import StoryFeatures
from storyline.corpus import embed as embedding_model
from storyline.model import Article, ArticleAnalysis, RawArticle

Analysed = tuple[Article, ArticleAnalysis, StoryFeatures]
_TEXT_KEYS = frozenset({"text", "name", "speaker_text", "speaker_name", "cue", "about"})
_START = dt.date(2024, 1, 1)
_DATA = [SHARED / "quotes-polnear" / "dev.jsonl", SHARED / "quotes-ggt" / "dev.jsonl"]


# -- the pool -----------------------------------------------------------------------------------


def _parse_pool(paths: Sequence[Path], cache: Path) -> None:
    """Child process: parse the dev articles and pickle (pool, parse seconds per article)."""
    from storyline.corpus.engines import local_engine
    from storyline.errors import StorylineWarning
    from storyline.options import Options
    from storyline.pipeline import normalise_articles

    raws = []
    for path in paths:
        for n, record in enumerate(read_jsonl(path)):
            if record.get("text"):
                raws.append(
                    RawArticle(
                        source=f"{path.parent.name}/{record.get('id', n)}",
                        text=record["text"],
                        format="plain",
                        title=record.get("title"),
                        outlet=record.get("outlet"),
                        published=record.get("published"),
                    )
                )
    options = Options()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        start = time.perf_counter()
        articles = normalise_articles(raws, options, [])
        pool = list(local_engine(articles, options))
        seconds = time.perf_counter() - start
    with cache.open("wb") as handle:
        pickle.dump({"pool": pool, "parse_ms_per_article": 1000 * seconds / len(pool)}, handle)


def load_pool(cache: Path) -> tuple[list[Analysed], float]:
    """The parsed pool and the parse cost per article (ms), parsing first unless cached."""
    if not cache.exists():
        print(f"parsing the pool ({', '.join(p.parent.name for p in _DATA)}) into {cache} …", flush=True)
        child = mp.get_context("spawn").Process(target=_parse_pool, args=(_DATA, cache))
        child.start()
        child.join()
        if child.exitcode != 0 or not cache.exists():
            sys.exit(f"parsing the pool failed (exit code {child.exitcode})")
    with cache.open("rb") as handle:
        data = pickle.load(handle)
    return data["pool"], float(data["parse_ms_per_article"])


# -- the synthetic stream -----------------------------------------------------------------------


def ciphers(n: int) -> list[dict[int, int]]:
    """``n`` fixed letter permutations (seeded), as ``str.translate`` tables keeping case."""
    tables = []
    rng = random.Random(7)
    for _ in range(n):
        letters = list(string.ascii_lowercase)
        rng.shuffle(letters)
        pairs = list(zip(string.ascii_lowercase, letters, strict=True))
        table = {ord(a): ord(b) for a, b in pairs}
        table.update({ord(a.upper()): ord(b.upper()) for a, b in pairs})
        tables.append(table)
    return tables


@dataclasses.dataclass
class _Base:
    """One pool article, ready to copy: the analysis as JSON (ids are swapped in its text)."""

    article: Article
    analysis: dict[str, Any]
    features: StoryFeatures


def _encipher(value: Any, table: dict[int, int]) -> Any:
    """The analysis JSON with every text field enciphered (ids, kinds, dates, numbers kept)."""
    if isinstance(value, dict):
        return {
            k: v.translate(table) if k in _TEXT_KEYS and isinstance(v, str) else _encipher(v, table)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_encipher(v, table) for v in value]
    return value


def make_copy(base: _Base, k: int, table: dict[int, int], day: dt.date) -> Analysed:
    """Copy ``k`` of a pool article: enciphered, with its own id and publication date."""
    from storyline.normalise import article_id

    old = base.article
    text = f"{old.text.translate(table)}\n(copy {k})"
    new_id = article_id(text)
    article = old.model_copy(
        update={
            "id": new_id,
            "source": f"synthetic/{old.id}/{k}",
            "title": old.title.translate(table) if old.title else None,
            "text": text,
            "published": day.isoformat(),
            "published_inferred": False,
            "published_reason": "synthetic stream",
        }
    )
    analysis_json = json.dumps(_encipher(base.analysis, table)).replace(old.id, new_id)
    analysis = ArticleAnalysis.model_validate_json(analysis_json)
    terms = {}
    for term, count in base.features.terms.items():
        prefix, _, rest = term.partition(":")
        terms[f"{prefix}:{rest.translate(table)}"] = count
    embedding = _copy_embedding(base.features.embedding, f"{old.id}/{k}")
    features = StoryFeatures(new_id, dt.datetime.combine(day, dt.time()), terms, embedding)
    return article, analysis, features


def _copy_embedding(base: tuple[float, ...] | None, seed: str) -> tuple[float, ...]:
    """A copy's sentence embedding: its base's (a seeded random one when the pool has none)
    half-mixed with seeded noise and renormalised, so that the store compares embeddings as it
    would in a real stream, and copies of one base are alike without being the same."""
    rng = random.Random(seed)
    noise = [rng.gauss(0.0, 1.0) for _ in range(embedding_model.DIMENSIONS)]
    if base is None:
        base = tuple(random.Random(seed.split("/")[0]).gauss(0.0, 1.0) for _ in noise)
    norm_base = max(1e-9, sum(x * x for x in base) ** 0.5)
    norm_noise = max(1e-9, sum(x * x for x in noise) ** 0.5)
    mixed = [a / norm_base + b / norm_noise for a, b in zip(base, noise, strict=True)]
    norm = sum(x * x for x in mixed) ** 0.5
    return tuple(round(x / norm, embedding_model.DECIMALS) for x in mixed)


def stream(pool: Sequence[Analysed], n_ciphers: int, per_day: int) -> Iterator[Analysed]:
    """The endless synthetic stream in publication order (day, then article id)."""
    bases = [_Base(a, json.loads(an.model_dump_json()), f) for a, an, f in pool]
    tables = ciphers(n_ciphers)
    position = 0  # index into the (round, base) sequence
    day = 0
    while True:
        date = _START + dt.timedelta(days=day)
        batch = []
        for _ in range(per_day):
            k, b = divmod(position, len(bases))
            batch.append(make_copy(bases[b], k, tables[k % n_ciphers], date))
            position += 1
        batch.sort(key=lambda item: item[0].id)
        yield from batch
        day += 1


# -- PostgreSQL ---------------------------------------------------------------------------------
# The same throwaway cluster as tests/store/conftest.py (replicated: benchmarks do not import
# the tests, which need pytest).


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def start_pg_cluster() -> tuple[str, Path, Path]:
    """(admin URL, cluster root, bin dir) of a fresh cluster on a free loopback port."""
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        sys.exit("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: pass --pg-url")
    bin_dir = Path(initdbs[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"]
    subprocess.run(_as_postgres(initdb), check=True, capture_output=True, timeout=120)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"]
    subprocess.run(_as_postgres(pg_ctl), check=True, capture_output=True, timeout=120)
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", root, bin_dir


def stop_pg_cluster(root: Path, bin_dir: Path) -> None:
    stop = [str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "-w", "stop"]
    subprocess.run(_as_postgres(stop), capture_output=True, timeout=60, check=False)
    shutil.rmtree(root, ignore_errors=True)


def _pg_admin(admin_url: str, sql: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(sql)
    engine.dispose()


# -- one backend --------------------------------------------------------------------------------


def _db_size(store: Any, path: Path | None) -> float:
    """Database size in MB: the SQLite file with its WAL, or pg_database_size."""
    import sqlalchemy as sa

    if path is not None:
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20
    with store.engine.connect() as conn:
        size = conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()
    return float(size) / 2**20


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_backend(
    backend: str, url: str, sqlite_path: Path | None, cache: Path, args: dict[str, Any], out: Any
) -> None:
    """Child process: fill one store level by level and measure at each; results on ``out``."""
    from storyline.store import Store, clustering
    from storyline.store import repository as repo
    from storyline.store.connect import read_transaction

    pool, _ = load_pool(cache)
    articles = stream(pool, args["ciphers"], args["per_day"])
    gc.collect()
    base_rss = _current_rss_mb()
    stored = 0
    levels: list[dict[str, Any]] = []
    fill_blocks: list[tuple[int, float]] = []  # (articles stored after the block, ms/article)
    fill_seconds = 0.0
    store = Store.open(url)
    try:
        for level in args["levels"]:
            # Fill up to the level, timing add_analysed only.
            block_ms: list[float] = []
            while stored < level:
                article, analysis, features = next(articles)
                start = time.perf_counter()
                store.add_analysed(article, analysis, features)
                took = time.perf_counter() - start
                fill_seconds += took
                block_ms.append(1000 * took)
                stored += 1
                if len(block_ms) == args["block"] or stored == level:
                    fill_blocks.append((stored, statistics.fmean(block_ms)))
                    print(
                        f"  [{backend}] {stored:>6} stored, {statistics.fmean(block_ms):6.1f} ms/article",
                        file=sys.stderr,
                        flush=True,
                    )
                    block_ms = []
            store.close()
            # (a) the fixed cost: open the store and load the clusterer from it.
            start = time.perf_counter()
            store = Store.open(url)
            open_s = time.perf_counter() - start
            start = time.perf_counter()
            with read_transaction(store.engine) as conn:
                loaded = clustering.load_clusterer(conn)
                load_s = time.perf_counter() - start
                n_terms = repo.count_df(conn)
            n_active = len(loaded.committed.stories())
            del loaded
            # (b) store cost per article: the next articles of the stream.
            article, analysis, features = next(articles)
            start = time.perf_counter()
            store.add_analysed(article, analysis, features)  # loads the clusterer again
            first_ms = 1000 * (time.perf_counter() - start)
            stored += 1
            times = []
            for _ in range(args["measure"]):
                article, analysis, features = next(articles)
                start = time.perf_counter()
                store.add_analysed(article, analysis, features)
                times.append(1000 * (time.perf_counter() - start))
                stored += 1
            times.sort()
            levels.append(
                {
                    "level": level,
                    "stored": stored,
                    "open_s": open_s,
                    "clusterer_load_s": load_s,
                    "df_terms": n_terms,
                    "active_stories": n_active,
                    "first_write_ms": first_ms,
                    "mean_ms": statistics.fmean(times),
                    "p50_ms": times[len(times) // 2],
                    "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))],
                    "peak_rss_mb": _rss_mb(),
                    "rss_mb": _current_rss_mb(),
                    "base_rss_mb": base_rss,
                    "db_mb": _db_size(store, sqlite_path),
                    "fill_s": fill_seconds,
                }
            )
            print(f"  [{backend}] level {level}: {json.dumps(levels[-1])}", file=sys.stderr, flush=True)
    finally:
        store.close()
    out.put({"backend": backend, "levels": levels, "fill_blocks": fill_blocks})


def measure_backend(backend: str, cache: Path, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Run one backend in a spawned child (its own peak RSS), with its database set up here."""
    settings = {
        "levels": args.levels,
        "measure": args.measure,
        "ciphers": args.ciphers,
        "per_day": args.per_day,
        "block": args.block,
    }
    cluster: tuple[Path, Path] | None = None
    database: tuple[str, str] | None = None
    sqlite_path: Path | None = None
    if backend == "sqlite":
        sqlite_path = workdir / "scale.db"
        url = f"sqlite:///{sqlite_path}"
    else:
        import sqlalchemy as sa

        if args.pg_url:
            admin = args.pg_url.replace("postgresql://", "postgresql+psycopg://", 1)
        else:
            admin, root, bin_dir = start_pg_cluster()
            cluster = (root, bin_dir)
        name = f"scale_{uuid.uuid4().hex[:10]}"
        _pg_admin(admin, f'CREATE DATABASE "{name}"')
        database = (admin, name)
        url = sa.engine.make_url(admin).set(database=name).render_as_string(hide_password=False)
    context = mp.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=run_backend, args=(backend, url, sqlite_path, cache, settings, queue))
    try:
        child.start()
        while True:
            try:
                result: dict[str, Any] = queue.get(timeout=5)
                break
            except Empty:
                if not child.is_alive():
                    sys.exit(f"{backend}: the benchmark process died (exit code {child.exitcode})")
        child.join()
    finally:
        if child.is_alive():
            child.terminate()
        if database is not None:
            _pg_admin(database[0], f'DROP DATABASE IF EXISTS "{database[1]}" WITH (FORCE)')
        if cluster is not None:
            stop_pg_cluster(*cluster)
    return result


# -- main ---------------------------------------------------------------------------------------


def _label(level: int) -> str:
    return f"{level // 1000}k" if level % 1000 == 0 else str(level)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--levels", default="1000,5000,10000", help="articles stored before each measurement")
    p.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    p.add_argument("--pg-url", default=None, help="PostgreSQL admin URL (default: a throwaway cluster)")
    p.add_argument("--measure", type=int, default=200, help="articles timed at each level")
    p.add_argument("--ciphers", type=int, default=40, help="letter ciphers: copies of a base article")
    p.add_argument("--per-day", type=int, default=300, help="articles per publication day")
    p.add_argument("--block", type=int, default=1000, help="fill progress and rate every N articles")
    p.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "storyline-scale-pool.pkl")
    args = p.parse_args()
    args.levels = sorted(int(x) for x in args.levels.split(","))
    backends = ["sqlite", "postgresql"] if args.db == "both" else [args.db]

    pool, parse_ms = load_pool(args.cache)
    words = sum(len(a.text.split()) for a, _, _ in pool)
    print(
        f"pool: {len(pool)} dev articles, {words / len(pool):.0f} words each; "
        f"parse {parse_ms:.0f} ms/article",
        flush=True,
    )
    results = {}
    with tempfile.TemporaryDirectory(prefix="storyline-scale-") as tmp:
        for backend in backends:
            print(f"\n{backend}: filling to {', '.join(map(_label, args.levels))} …", flush=True)
            results[backend] = measure_backend(backend, args.cache, args, Path(tmp))

    metrics: dict[str, Any] = {"parse_ms_per_article": parse_ms, "pool_articles": len(pool)}
    peak = 0.0
    for backend, result in results.items():
        rows = []
        for lv in result["levels"]:
            rows.append(
                [
                    _label(lv["level"]),
                    lv["stored"],
                    round(lv["open_s"], 2),
                    round(lv["clusterer_load_s"], 2),
                    lv["df_terms"],
                    lv["active_stories"],
                    round(lv["first_write_ms"], 1),
                    round(lv["mean_ms"], 1),
                    round(lv["p50_ms"], 1),
                    round(lv["p95_ms"], 1),
                    round(parse_ms + lv["mean_ms"], 1),
                    round(lv["peak_rss_mb"]),
                    round(lv["db_mb"]),
                    round(lv["fill_s"]),
                ]
            )
            key = f"{backend}_ms_per_article_{_label(lv['level'])}"
            metrics[key] = lv["mean_ms"]
            metrics[f"{backend}_p95_ms_{_label(lv['level'])}"] = lv["p95_ms"]
            metrics[f"{backend}_open_load_s_{_label(lv['level'])}"] = lv["open_s"] + lv["clusterer_load_s"]
            metrics[f"{backend}_db_mb_{_label(lv['level'])}"] = lv["db_mb"]
            metrics[f"{backend}_peak_rss_mb"] = lv["peak_rss_mb"]
            peak = max(peak, lv["peak_rss_mb"])
        print_table(
            f"{backend}: store cost per article (add_analysed of {args.measure} fresh articles), "
            "by articles stored",
            [
                "level",
                "stored",
                "open s",
                "clusterer load s",
                "df terms",
                "active stories",
                "1st write ms",
                "mean ms",
                "p50 ms",
                "p95 ms",
                "ingest ms (parse+mean)",
                "peak RSS MB",
                "DB MB",
                "fill s (cum.)",
            ],
            rows,
        )
        levels = result["levels"]
        if len(levels) > 1:
            ratio = levels[-1]["mean_ms"] / levels[0]["mean_ms"]
            metrics[f"flat_ratio_{backend}"] = ratio
            metrics[f"flat_ratio_p50_{backend}"] = levels[-1]["p50_ms"] / levels[0]["p50_ms"]
            top, bottom = _label(levels[-1]["level"]), _label(levels[0]["level"])
            print(f"flatness: mean ms at {top} / at {bottom} = {ratio:.2f}")
        total = levels[-1]["stored"] if levels else 0
        fill = levels[-1]["fill_s"] if levels else 0.0
        if fill:
            metrics[f"{backend}_fill_articles_per_s"] = total / fill
            print(f"fill: {total} articles in {fill:.0f} s of add_analysed, {total / fill:.1f} articles/s")
        blocks = ", ".join(f"{n}: {ms:.1f}" for n, ms in result["fill_blocks"])
        print(f"fill ms/article by articles stored: {blocks}")
    metrics["peak_rss_mb"] = peak
    emit_metrics(metrics)


if __name__ == "__main__":
    main()
