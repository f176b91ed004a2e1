"""``storyline serve``: the web app and the HTTP API over a store (needs the [web] extra)."""

from __future__ import annotations

import os
import secrets

import click

from storyline import __version__
from storyline.cli.common import stdout
from storyline.cli.store_common import db_option
from storyline.errors import ConfigError
from storyline.options import ServeOptions

_DEFAULTS = ServeOptions()
# Reads stay open (no token) only on these addresses; anywhere else they need the token.
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# A long keep-alive, in seconds: a client's idle pooled connection is not closed under it
# mid-reuse. Set by hand above the usual client pool timeouts (60 s); not tuned.
KEEP_ALIVE_S = 75
# Bytes in the access token made at start when $STORYLINE_TOKEN is not set.
TOKEN_BYTES = 24


@click.command()
@db_option
@click.option(
    "--host",
    default=_DEFAULTS.host,
    show_default=True,
    help="Address to listen on. Off loopback, reading needs the token as well.",
)
@click.option("--port", default=_DEFAULTS.port, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--max-mb",
    default=_DEFAULTS.max_mb,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="Largest request body (pasted or uploaded articles) accepted; larger ones get 413.",
)
def serve(db_url: str | None, host: str, port: int, max_mb: float) -> None:
    """Serve the web app and the HTTP API over a store.

    Adding stories or articles needs the access token: $STORYLINE_TOKEN, or else one made at
    start and printed once. API clients send 'Authorization: Bearer TOKEN'; the pages ask for
    it once and keep a cookie. API reference at /docs.

    Python: storyline.web.create_app(db, token).
    """
    try:
        import uvicorn

        from storyline.web import create_app
    except ImportError as exc:
        raise ConfigError(
            f"the web app needs the [web] extra ({exc.name} is missing): pip install 'storyline[web]'"
        ) from exc
    given = os.environ.get("STORYLINE_TOKEN", "").strip()
    token = given or secrets.token_urlsafe(TOKEN_BYTES)
    open_reads = host in LOOPBACK
    app = create_app(db_url, token, max_mb=max_mb, open_reads=open_reads)
    out = stdout()
    shown_host = f"[{host}]" if ":" in host else host
    out.print(f"storyline {__version__} on http://{shown_host}:{port}/  (store: {app.state.web.store.url})")
    if given:
        out.print("access token: the one in STORYLINE_TOKEN")
    else:
        out.print(f"access token (shown once; set STORYLINE_TOKEN to choose it): {token}")
    if not open_reads:
        out.print("not on loopback: reading needs the token too")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=KEEP_ALIVE_S)
    finally:
        app.state.web.store.close()
