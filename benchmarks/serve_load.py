"""Load on the web app: many concurrent readers while articles are being added.

Starts ``storyline serve`` in a subprocess on a free loopback port over a fresh SQLite store,
creates one story through the API from the invented example story, then runs ``--readers``
concurrent readers (asyncio + httpx) that fetch the story page and its dossier JSON in a loop,
while one writer adds ``--writes`` new articles to the story through the API. Every answer
other than 200 (201 for writes) counts as an error.

Prints a table and, as its last line, one JSON object: total ``errors`` and ``requests``,
overall ``p50_ms`` / ``p99_ms`` of the reads, and the same per endpoint.

    python benchmarks/serve_load.py                    # 50 readers, 20 s, 4 writes
    python benchmarks/serve_load.py --readers 100 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import emit_metrics, print_table

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "flood-story"
TOKEN = "load-test-token"


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def record(self, started: float, ok: bool, detail: str = "") -> None:
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        if not ok:
            self.errors += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(detail)

    def summary(self) -> dict[str, float | int]:
        values = sorted(self.latencies_ms)
        return {
            "requests": len(values),
            "errors": self.errors,
            "p50_ms": round(_percentile(values, 50), 1),
            "p99_ms": round(_percentile(values, 99), 1),
            "max_ms": round(values[-1], 1) if values else 0.0,
        }


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _articles() -> list[dict[str, str]]:
    articles = []
    for path in sorted(EXAMPLE.iterdir()):
        if path.suffix == ".txt":
            articles.append({"text": path.read_text(encoding="utf-8"), "source": path.name})
        elif path.suffix == ".html":
            articles.append({"html": path.read_text(encoding="utf-8"), "source": path.name})
    return articles


def _follow_up(n: int, base: dict[str, str]) -> dict[str, str]:
    """A new article (new text, so a new id) for the writer to add: an invented follow-up."""
    text = base.get("text") or ""
    lede = (
        f"Update {n}: Harwick councillors met again on Monday evening to hear residents from "
        f"Ashby Cross, {n + 2} weeks after the vote, and the council said a revised plan would follow.\n\n"
    )
    return {"text": lede + text, "source": f"follow-up-{n}.txt", "outlet": f"Wendside Bulletin {n}"}


async def _wait_until_up(client: httpx.AsyncClient, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"storyline serve exited with status {process.returncode}")
        try:
            if (await client.get("/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.25)
    raise SystemExit("storyline serve did not start within 120 s")


async def _reader(client: httpx.AsyncClient, url: str, tally: Tally, stop: asyncio.Event) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        try:
            response = await client.get(url)
            await response.aread()
            tally.record(started, response.status_code == 200, f"{response.status_code} {url}")
        except httpx.HTTPError as exc:
            tally.record(started, False, f"{type(exc).__name__} {url}")


async def _writer(
    client: httpx.AsyncClient, story_id: str, writes: int, tally: Tally, base: dict[str, str]
) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    for n in range(1, writes + 1):
        started = time.perf_counter()
        body = {"articles": [_follow_up(n, base)]}
        try:
            response = await client.post(f"/api/stories/{story_id}/articles", json=body, headers=headers)
            ok = response.status_code == 200 and response.json().get("added") == 1
            tally.record(started, ok, f"{response.status_code} {response.text[:200]}")
        except httpx.HTTPError as exc:
            tally.record(started, False, f"{type(exc).__name__} add")


async def _run(args: argparse.Namespace, base_url: str, process: subprocess.Popen[bytes]) -> dict[str, Tally]:
    limits = httpx.Limits(max_connections=args.readers + 10, max_keepalive_connections=args.readers + 10)
    timeout = httpx.Timeout(120.0)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout) as client:
        await _wait_until_up(client, process)
        articles = _articles()
        headers = {"Authorization": f"Bearer {TOKEN}"}
        created = await client.post("/api/stories", json={"articles": articles}, headers=headers)
        if created.status_code != 201:
            raise SystemExit(f"could not create the story: {created.status_code} {created.text}")
        story_id = created.json()["id"]
        tallies = {"story page": Tally(), "dossier json": Tally(), "add articles": Tally()}
        urls = {"story page": f"/stories/{story_id}", "dossier json": f"/api/stories/{story_id}/dossier"}
        for url in urls.values():  # warm: the first dossier build is not what is measured
            (await client.get(url)).raise_for_status()
        stop = asyncio.Event()
        readers = [
            asyncio.create_task(_reader(client, urls[name], tallies[name], stop))
            for n in range(args.readers)
            for name in [("story page", "dossier json")[n % 2]]
        ]
        started = time.monotonic()
        await _writer(client, story_id, args.writes, tallies["add articles"], articles[0])
        await asyncio.sleep(max(0.0, args.seconds - (time.monotonic() - started)))
        stop.set()
        await asyncio.gather(*readers)
        final = await client.get(f"/api/stories/{story_id}")
        expected = len(articles) + args.writes
        if final.json().get("n_articles") != expected:
            tallies["add articles"].errors += 1
            found = final.json().get("n_articles")
            tallies["add articles"].error_samples.append(f"story has {found} articles, not {expected}")
        return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=50, help="concurrent readers")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the readers read")
    parser.add_argument("--writes", type=int, default=4, help="articles added while they read")
    args = parser.parse_args()

    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="storyline-load-") as folder:
        env = {**os.environ, "STORYLINE_TOKEN": TOKEN}
        command = [
            sys.executable,
            "-m",
            "storyline",
            "serve",
            "--db",
            f"sqlite:///{Path(folder) / 'load.db'}",
            "--port",
            str(port),
        ]
        log = (Path(folder) / "serve.log").open("wb")
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            tallies = asyncio.run(_run(args, f"http://127.0.0.1:{port}", process))
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()

    summaries = {name: tally.summary() for name, tally in tallies.items()}
    columns = ("requests", "errors", "p50_ms", "p99_ms", "max_ms")
    rows = [[name, *(s[c] for c in columns)] for name, s in summaries.items()]
    print_table(
        f"storyline serve: {args.readers} concurrent readers for {args.seconds:g} s, "
        f"{args.writes} articles added",
        ["endpoint", "requests", "errors", "p50 ms", "p99 ms", "max ms"],
        rows,
    )
    for name, tally in tallies.items():
        for sample in tally.error_samples:
            print(f"error ({name}): {sample}")
    reads = sorted(tallies["story page"].latencies_ms + tallies["dossier json"].latencies_ms)
    emit_metrics(
        {
            "errors": sum(t.errors for t in tallies.values()),
            "requests": sum(len(t.latencies_ms) for t in tallies.values()),
            "p50_ms": round(_percentile(reads, 50), 1),
            "p99_ms": round(_percentile(reads, 99), 1),
            "readers": args.readers,
            "seconds": args.seconds,
            "endpoints": summaries,
        }
    )


if __name__ == "__main__":
    main()
