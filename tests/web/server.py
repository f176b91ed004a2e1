"""Helpers for the web tests: a real server on a free loopback port, and invented articles.

Not a conftest (the suite has one, at the top): the web tests import what they need from here.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

TOKEN = "test-token-7c1f"

# Invented, like every fixture here. The hostile pieces sit in an otherwise ordinary article so
# that it passes the pipeline's checks (English, long enough) and is stored and rendered.
HOSTILE_TITLE = '"><img src=x onerror=alert(1)> Headline <script>alert(2)</script>'
HOSTILE_TEXT = (
    "The Brackwater harbour board met on Tuesday to discuss the new ferry timetable for the winter. "
    'Chair Odile Marsh said: "<script>alert(3)</script> we will publish the timetable next week." '
    'A spokesman added that "><img src=x onerror=alert(4)> was not a valid fare code, and that about '
    "300 passengers use the crossing every day during the busiest months of the year."
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """Serve app with uvicorn in a background thread; yield its base URL; stop it after."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="storyline-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
