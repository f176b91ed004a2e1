"""What every route shares: the store, the access token and the errors the edges answer with.

Authentication, in one place:

* Writes through the API need ``Authorization: Bearer TOKEN``.
* Writes through the pages (the new-story and add-articles forms) take the token once, in the
  form's token field or on the /login page, and then a cookie: ``HttpOnly``,
  ``SameSite=Strict`` (another site cannot make the browser send it), holding an HMAC of the
  token rather than the token itself. Form posts from another origin are refused as well.
* Reads are open, unless the app was made with ``open_reads=False`` (``storyline serve``
  does that when it listens on anything but loopback); then they need the token too.

Tokens are compared with ``secrets.compare_digest``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request

if TYPE_CHECKING:
    from storyline.store import Store

COOKIE = "storyline_session"
_CACHE_SIZE = 64


class WebError(Exception):
    """A 4xx answer: JSON ``{code, message}`` under /api, an error page elsewhere."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def not_found(what: str) -> WebError:
    return WebError(404, "not_found", f"No {what}. Check the id, or list the stories at /api/stories.")


@dataclass
class WebState:
    store: Store
    token: str
    max_bytes: int
    open_reads: bool = True
    # One analysis at a time: spaCy parses are CPU-bound and the store orders its writes.
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    # Rendered story pages and dossier JSON, by story and version: a story changes only when
    # articles are added, and building either is most of a request's time.
    cache: dict[tuple[str, ...], str] = field(default_factory=dict)
    cache_lock: threading.Lock = field(default_factory=threading.Lock)
    build_locks: dict[tuple[str, ...], threading.Lock] = field(default_factory=dict)

    @property
    def session_value(self) -> str:
        """What the login cookie holds: an HMAC of the token, so the cookie is not the token."""
        return hmac.new(self.token.encode(), b"storyline web session", hashlib.sha256).hexdigest()

    def bearer_ok(self, request: Request) -> bool:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and secrets.compare_digest(
            value.strip().encode(), self.token.encode()
        )

    def token_ok(self, candidate: str | None) -> bool:
        return bool(candidate) and secrets.compare_digest(
            (candidate or "").strip().encode(), self.token.encode()
        )

    def cookie_ok(self, request: Request) -> bool:
        cookie = request.cookies.get(COOKIE, "")
        return bool(cookie) and secrets.compare_digest(cookie.encode(), self.session_value.encode())

    def cached(self, key: tuple[str, ...], build: Callable[[], str]) -> str:
        """The value for key, built once: concurrent requests for a key being built wait for
        it rather than all building it (after an article is added, every reader misses)."""
        with self.cache_lock:
            if key in self.cache:
                return self.cache[key]
            lock = self.build_locks.setdefault(key[:2], threading.Lock())
        with lock:
            with self.cache_lock:
                if key in self.cache:
                    return self.cache[key]
            value = build()
            with self.cache_lock:
                while len(self.cache) >= _CACHE_SIZE:
                    self.cache.pop(next(iter(self.cache)))
                self.cache[key] = value
            return value


def get_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


State = Annotated[WebState, Depends(get_state)]


def require_bearer(request: Request, state: State) -> None:
    """API writes: ``Authorization: Bearer TOKEN`` or 401."""
    if not state.bearer_ok(request):
        raise WebError(
            401,
            "unauthorized",
            "This endpoint needs 'Authorization: Bearer TOKEN' with the token storyline serve printed "
            "at start (or the STORYLINE_TOKEN it was started with).",
            {"WWW-Authenticate": "Bearer"},
        )


def require_api_read(request: Request, state: State) -> None:
    """API reads: open on loopback; otherwise the same bearer token as writes."""
    if not state.open_reads:
        require_bearer(request, state)


def page_authorised(request: Request, state: WebState) -> bool:
    return state.cookie_ok(request) or state.bearer_ok(request)


def same_origin(request: Request) -> bool:
    """A form post must come from our own pages (when the browser says where it came from)."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


def template_globals(request: Request, state: WebState) -> dict[str, Any]:
    return {"authorised": page_authorised(request, state), "path": request.url.path}
