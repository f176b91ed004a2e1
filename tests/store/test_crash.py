"""kill -9 in the middle of `storyline ingest`, several times, then finish: nothing lost or doubled.

The corpus is the example story and variants of it made here (other towns, people and rivers
swapped in), 24 articles in all. Each run is killed once the store has gained a (seeded)
random number of articles, after a random short delay, so kills land while parsing and while
writing. The last run must finish, and the store must then hold every article exactly once,
each in one story, with story counts, clustering states, n_docs, document frequencies and
the clusterer's open window that agree with the articles, and a dossier for every story.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from storyline.store import Store
from storyline.store import schema as t

from .consistency import check_consistent

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::storyline.errors.StorylineWarning")]

KILLS = 3
SEED = 7
# Invented names swapped into the invented example story: each set makes 4 new articles.
VARIANTS = [
    {"Harwick": "Kelmouth", "Okafor": "Lindqvist", "Wend": "Tarrow", "Osei": "Brannagh"},
    {"Harwick": "Ebbsford", "Okafor": "Mensah", "Wend": "Coldbrook", "Reid": "Farrant"},
    {"Harwick": "Stoneleigh", "Maria": "Joanna", "Wend": "Lune", "Osei": "Adeyemi"},
    {"Harwick": "Marlow Vale", "Okafor": "Petrescu", "Reid": "Quayle", "1,400": "2,100"},
    {"Harwick": "Dunholm", "Okafor": "Achterberg", "Wend": "Skell", "27 per cent": "31 per cent"},
]


def _make_corpus(example_dir: Path, folder: Path) -> int:
    folder.mkdir()
    files = sorted(example_dir.iterdir())
    for path in files:
        (folder / f"v0_{path.name}").write_bytes(path.read_bytes())
    for n, swaps in enumerate(VARIANTS, start=1):
        for path in files:
            text = path.read_text(encoding="utf-8")
            for old, new in swaps.items():
                text = text.replace(old, new).replace(old.lower(), new.lower())  # the lowercased scrape too
            (folder / f"v{n}_{path.name}").write_text(text, encoding="utf-8")
    return len(files) * (len(VARIANTS) + 1)


def _stored(engine: sa.Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(t.articles)).scalar_one())
    except sa.exc.DBAPIError:
        return 0  # not created yet


def _ingest(folder: Path, url: str, keep_errors: bool = False) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        # A small open window, so runs commit articles and move open ones, and kills land there too.
        [sys.executable, "-m", "storyline", "ingest", str(folder), "--db", url, "-q", "--open-window", "5"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if keep_errors else subprocess.DEVNULL,
    )


def _run_and_kill(folder: Path, url: str, engine: sa.Engine, rng: random.Random, total: int) -> bool:
    """One run, killed after it adds a few articles; False if it finished before the kill."""
    before = _stored(engine)
    target = before + rng.randint(1, max(1, (total - before) // (KILLS + 1)))
    process = _ingest(folder, url)
    deadline = time.monotonic() + 240
    while process.poll() is None and _stored(engine) < target and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, 0.03))  # writes come in bursts (spaCy parses a batch, then each is stored)
    if process.poll() is not None:
        return False
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return True


def test_crash_kill_9_during_ingest_loses_and_doubles_nothing(
    store_url: str, example_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    total = _make_corpus(example_dir, folder)
    rng = random.Random(SEED)
    with Store.open(store_url) as store:  # create the schema, so progress can be watched
        engine = store.engine
        kills = sum(_run_and_kill(folder, store_url, engine, rng, total) for _ in range(KILLS))
        assert kills >= 1, "every run finished before it could be killed"
        assert _stored(engine) < total
        final = _ingest(folder, store_url, keep_errors=True)
        _, stderr = final.communicate(timeout=600)
        assert final.returncode == 0, stderr.decode(errors="replace")[-2000:]
        counts = check_consistent(store)
        assert counts["articles"] == total
        assert sum(s.n_articles for s in store.stories()) == total
